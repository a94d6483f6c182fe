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
