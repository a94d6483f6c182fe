"""A change saved in settings.toml holds on the app's next page run, not after a restart: the store is
opened once per process, and what reads the settings from it (the upload limits of a cohort's queue
and restores, the role and thresholds a backup carries or brings back) read those of the first page
run the process served."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from io import BytesIO

import pytest
from app_support import ROOT, page, pages_on_a_fresh_queue
from pg_server import skip_reason
from store_support import save_answer, wav_bytes

from coach import store
from coach.audio import save_recording
from coach.config import Thresholds, load_settings, save_settings
from coach.data_admin import import_backup
from coach.store.transfer import MANIFEST, export_data

ANA = "ana@example.edu"
COHORT = "multi_user = true\n"
LOWERED = COHORT + "user_max_upload_mb = 1\nuser_uploads_per_hour = 1\n"  # staff's edit, mid-term


def _signed_in(name: str, who: str):
    """The page as `who` opens it, signed in through Streamlit's own login."""
    at = page(name)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test"}
    at.user = {"is_logged_in": True, "email": who}
    return at


def _backup(folder, seconds: tuple[float, ...], role: str = "any", **chosen) -> bytes:
    """A real export of a single user's coach: one answer per recording of these lengths (16 kHz
    16-bit WAV: 31.25 kB a second), made with this role and the settings `chosen`."""
    settings = replace(load_settings(folder), role=role, **chosen)
    save_settings(settings)
    db = store.open_store(settings)
    try:
        for i, length in enumerate(seconds):
            sound = wav_bytes(seconds=length, pitch_hz=200 + i)
            take = save_recording(sound, settings, original_name="take.wav")
            save_answer(db, "beh-conflict", "Tell me about a conflict.", recording=take)
        export_data(db, folder / "backup.zip")
    finally:
        db.close()
    return (folder / "backup.zip").read_bytes()


def _restore(at, backup: bytes) -> None:
    [u for u in at.get("file_uploader") if u.key == "settings_import"][0].upload(
        "coach-backup.zip", backup, "application/zip"
    ).run()
    [b for b in at.button if b.label == "Import it"][0].click().run()
    assert not at.exception, at.exception


def test_a_restore_limit_the_staff_lowered_holds_for_a_student_at_once(tmp_path, monkeypatch):
    """The staff lowered the per-person limits in settings.toml while the app ran: a student's
    restore of a 1.4 MB backup was still held to the limits of the app's start (60 × 200 MB), and
    went in. It is refused in one sentence on the next run, with nothing imported."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "server"))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_QUEUE", raising=False)
    (tmp_path / "server").mkdir()
    (tmp_path / "server" / "settings.toml").write_text(COHORT)
    backup = _backup(tmp_path / "home", (22.0, 22.0))  # two takes of 0.67 MB
    at = _signed_in("settings", ANA).run()  # the app serves Ana before the change
    assert not at.exception and not at.error
    (tmp_path / "server" / "settings.toml").write_text(LOWERED)
    # the next run's Restore box takes at most the lowered limit and says who restores more
    at.run()
    [box] = [u for u in at.get("file_uploader") if u.key == "settings_import"]
    assert box.proto.max_upload_size_mb == 1, box.proto
    assert box.proto.help == "Up to 1 MB here; your coaching staff can restore a larger one for you."
    # a browser refuses a larger file there; one sent all the same is refused by the coach
    _restore(at, backup)
    assert [e.value for e in at.error] == [
        "This backup holds 1.4 MB; a backup restored here can hold at most 1 MB, so nothing was imported. "
        "Ask your coaching staff to restore it for you."
    ]
    assert not at.success
    db = store.open_store(load_settings(tmp_path / "server")).for_owner(ANA)
    try:
        assert store.list_attempts(db) == []
    finally:
        db.close()


def test_a_take_over_the_hour_the_staff_lowered_is_refused_on_the_queue_at_once(tmp_path, monkeypatch):
    """A cohort on PostgreSQL with the queue: the staff lowered recordings per hour to 1, and a
    student who had saved one this hour sent the next to the queue all the same (the page kept the
    app's start limits). Now the next take is refused in one sentence, and nothing is queued."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from coach import queue

    app = tmp_path / "app"
    app.mkdir()
    (app / "settings.toml").write_text(COHORT)
    pages_on_a_fresh_queue(app, monkeypatch)
    at = _signed_in("practice", ANA).run()
    assert not at.exception and not at.error
    save_recording(wav_bytes(pitch_hz=300), replace(load_settings(), owner=ANA))  # her take of this hour
    (app / "settings.toml").write_text(LOWERED)
    recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    at.button(key=recommended).click().run()
    at.file_uploader[0].upload("answer.wav", wav_bytes(seconds=1.0), "audio/wav").run()
    assert not at.exception, at.exception
    [refused] = [e.value for e in at.error]
    assert refused.startswith("You have saved 1 ") and "in the last hour" in refused, refused
    assert at.session_state["practice_job"] is None
    db = store.open_store(load_settings()).for_owner(ANA)
    try:
        assert queue.pending_jobs(db) == []
    finally:
        db.close()


def test_thresholds_saved_on_the_page_survive_a_restore_and_go_into_the_backup(tmp_path, monkeypatch):
    """A single user saved a long-pause threshold of 2.5 s, then restored their old laptop's backup
    (made with the role Data): restoring the role wrote the settings the app had started with, and
    the 2.5 s went back to 2 s. A backup made on the page carried 2 s too."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "new"))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_QUEUE", raising=False)
    backup = _backup(tmp_path / "old", (1.0,), role="data", verbatim=False)
    at = page("settings").run()
    at.number_input(key="settings_t_long_pause_s").set_value(2.5)
    [b for b in at.button if b.label == "Save thresholds"][0].click().run()
    assert not at.exception and not at.error
    _restore(at, backup)
    assert [s.value for s in at.success] == [
        "Imported 1 practice answer and 1 recording. Your role and your choice about 'um's came back too."
    ]
    saved = load_settings(tmp_path / "new")
    assert saved.role == "data" and saved.thresholds.long_pause_s == 2.5
    # the "um"s left out of transcripts on the old laptop were kept again on the new one
    assert not saved.verbatim and saved.recover_fillers
    [kept] = [t for t in at.toggle if "(verbatim)" in t.label]
    assert kept.value is False
    # the backup made here now carries the 2.5 s, and brings it back on another machine
    at.button(key="settings_export").click().run()
    assert not at.exception and not at.error
    made = at.session_state["settings_backup"]
    thresholds = json.loads(zipfile.ZipFile(BytesIO(made)).read(MANIFEST))["settings"]["thresholds"]
    assert thresholds["long_pause_s"] == 2.5
    (tmp_path / "laptop").mkdir()
    (tmp_path / "laptop" / "made.zip").write_bytes(made)
    laptop = store.open_store(load_settings(tmp_path / "laptop"))
    try:
        restored = import_backup(laptop, tmp_path / "laptop" / "made.zip")["settings_restored"]
        assert "your thresholds" in restored
    finally:
        laptop.close()
    assert load_settings(tmp_path / "laptop").thresholds == replace(Thresholds(), long_pause_s=2.5)


def test_a_mock_interview_under_way_takes_the_limit_the_staff_lowered_for_its_next_answer(
    tmp_path, monkeypatch
):
    """A mock interview keeps its session across page runs, and it kept the settings it started
    with: the staff lowered recordings per hour to 1, and a student who had saved one this hour had
    every answer of her mock interview kept and analysed all the same. The next answer is refused in
    one sentence, and the question stays open."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_QUEUE", raising=False)
    (tmp_path / "settings.toml").write_text(COHORT)
    at = _signed_in("mock", ANA).run()
    at.button(key="mock_start").click().run()
    assert not at.exception and not at.error
    asked = [s.value for s in at.header][0]
    assert asked.startswith("Question 1 of"), asked
    save_recording(wav_bytes(pitch_hz=300), replace(load_settings(), owner=ANA))  # her take of this hour
    (tmp_path / "settings.toml").write_text(LOWERED)
    answer = (ROOT / "tests" / "data" / "mock" / "01-opener.wav").read_bytes()
    at.audio_input[0].set_value(("answer.wav", answer, "audio/wav")).run()
    assert not at.exception, at.exception
    [refused] = [e.value for e in at.error]
    assert refused.startswith("You have saved 1 ") and "in the last hour" in refused, refused
    assert [s.value for s in at.header][0] == asked  # the question waits for another take
