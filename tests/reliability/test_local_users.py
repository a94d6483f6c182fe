"""Another user of a shared machine can read nothing the coach writes: database, recordings, exports."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coach.practice import practice_answer
from coach.store import open_store
from coach.store.transfer import export_data

pytestmark = pytest.mark.slow
CLIP = Path(__file__).resolve().parents[1] / "data" / "fillers.wav"
INTERVIEW = Path(__file__).resolve().parents[1] / "data" / "clean.wav"


def test_what_the_coach_writes_is_readable_by_its_owner_only(settings, tmp_path):
    """Every file 0600 and every folder 0700, whatever the umask: recordings, the database, the
    question note beside a take, settings, the voiceprint, a review's chunk files, an export, a
    mock interview's spoken question."""
    from coach import banks
    from coach.config import save_settings
    from coach.interview.orchestrator import review_recording
    from coach.interview.review import ReviewOptions
    from coach.mock.session import MockSession, plan_for
    from coach.store.recordings import note_question

    old_umask = os.umask(0o022)  # the usual default: new files 0644, folders 0755
    try:
        take = practice_answer(CLIP, settings, original_name="take.wav")
        assert note_question(take.recording.path, "beh-conflict", "Tell me about a conflict.")
        save_settings(settings)
        store = open_store(settings)
        try:
            banks.add_user_question(settings.data_dir, "How do you handle on-call fatigue?")
            review_recording(store, settings, INTERVIEW, ReviewOptions(chunk_s=5.0), company="Acme")
            export_data(store, tmp_path / "backup.zip")
            mock = MockSession(settings, plan_for(store, settings, n=2))  # speaks its first question
        finally:
            store.close()
    finally:
        os.umask(old_umask)
    written = [p for p in settings.data_dir.rglob("*") if p.is_file()] + [tmp_path / "backup.zip"]
    names = {p.name for p in written}
    assert {"coach.db", "settings.toml", "voice-profile.npz"} <= names, names
    assert any(p.suffix == ".wav" for p in written) and any(n.endswith(".question.json") for n in names)
    assert mock.turns[0].audio in written  # the interviewer's spoken question
    folders = [settings.data_dir, *(p for p in settings.data_dir.rglob("*") if p.is_dir())]
    readable = {
        str(p): oct(p.stat().st_mode & 0o777)
        for p in written + folders
        if p.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    }
    assert readable == {}


def _shared(paths) -> dict[str, str]:
    """Each of `paths` that a group or other users could open, with its mode."""
    return {
        str(p): oct(p.stat().st_mode & 0o777)
        for p in paths
        if p.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    }


def test_a_model_joined_into_the_data_folder_is_its_owners_only(tmp_path):
    """An installed model split over two packages is joined into data/models on first use: the
    folders it creates and every file it writes are private whatever the umask."""
    from coach.files import private_folder
    from coach.transcribe.models import _join_parts

    first, second = tmp_path / "package-1", tmp_path / "package-2"
    first.mkdir(), second.mkdir()
    halves = os.urandom(3000), os.urandom(2000)
    (first / "model.bin.part1").write_bytes(halves[0])
    (second / "model.bin.part2").write_bytes(halves[1])
    (first / "config.json").write_text('{"alignment_heads": []}')
    data_dir = private_folder(tmp_path / "data")
    target = data_dir / "models" / "faster-whisper-base"
    old_umask = os.umask(0o022)
    try:
        _join_parts([first, second], target)
    finally:
        os.umask(old_umask)
    assert (target / "model.bin").read_bytes() == halves[0] + halves[1]
    assert (target / "config.json").read_text() == '{"alignment_heads": []}'
    assert _shared([data_dir / "models", target, *target.iterdir()]) == {}


def test_the_cohort_workers_logs_are_their_owners_only(tmp_path):
    """`scripts/serve_cohort.py` can send each worker's output to a log; the log names takes and
    their outcomes, so nobody else on the machine may read it."""
    import sys
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from serve_cohort import CohortStack

    stack = CohortStack(tmp_path / "data", 0, app_port=None, pg_port=0)
    stack.url = "postgresql+psycopg://coach:wrong@127.0.0.1:1/coach"  # nothing there: the worker stops
    logs = tmp_path / "logs"
    logs.mkdir(mode=0o700)  # an existing private folder: the log itself must be private too
    old_umask = os.umask(0o022)
    try:
        stack.start_workers(1, log_dir=logs)
    finally:
        os.umask(old_umask)
    worker = stack.workers[0]
    deadline = time.monotonic() + 120
    while worker.poll() is None and time.monotonic() < deadline:
        time.sleep(0.5)
    if worker.poll() is None:
        worker.kill()
    log = logs / "worker1.log"
    assert log.exists() and log.stat().st_size > 0  # the worker wrote to it (why it stopped)
    assert _shared([logs, log]) == {}


def test_files_left_open_to_others_are_their_owners_only_once_the_coach_writes_them(settings):
    """An admin made the data folder for a cohort (0755) and left settings.toml and the database
    in it readable by everyone (0644), or an older coach made them so: once the coach saves
    settings and an answer, each is its owner's only. The database is written in place, so
    without a fix it kept the admin's mode (and SQLite gives its -wal/-shm files the same)."""
    from store_support import analysis_dict, transcript_dict

    from coach.config import save_settings
    from coach.store import save_attempt

    data = settings.data_dir
    data.mkdir(mode=0o755)
    open_store(settings).close()  # the database, as an admin might have set it up
    settings_file = data / "settings.toml"
    settings_file.write_text('engine = "faster-whisper"\n')
    for path in (data, data / "coach.db", settings_file):
        path.chmod(0o755 if path.is_dir() else 0o644)
    old_umask = os.umask(0o022)
    try:
        save_settings(settings)
        store = open_store(settings)
        try:
            save_attempt(
                store,
                question_id="mot-05",
                question_text="Tell me about yourself.",
                recording=None,
                transcript=transcript_dict(),
                analysis=analysis_dict(),
                engine="faster-whisper",
                model="tiny.en",
            )
            written = [p for p in data.iterdir() if p.is_file()]  # while open: any -wal, -shm too
        finally:
            store.close()
    finally:
        os.umask(old_umask)
    assert {"coach.db", "settings.toml"} <= {p.name for p in written}
    assert _shared(p for p in written if p.exists()) == {}
