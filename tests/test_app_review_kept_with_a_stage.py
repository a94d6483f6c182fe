"""A recording kept with a stage that is no interview (an application, a rejection: the stage
changed after the recording was kept) and not analysed: the Interviews page says to upload it again
on the Review page, and the Review page offers that stage under "Which interview is this?", as it
names it when the same file is given for a new interview. It left such stages out, so the advice
led nowhere: the list did not have them, and "A new one" was refused, naming the one to pick."""

from __future__ import annotations

from datetime import date, timedelta

from app_support import interviews_page, page
from store_support import record

from coach import store
from coach.config import load_settings
from coach.ui.log_labels import short_date


def test_a_recording_kept_with_a_rejection_can_be_reviewed_as_the_interviews_page_says(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    held = date.today() - timedelta(days=3)
    db = store.open_store(settings)
    try:
        store.add_interview(db, company="Globex", stage="first round", interview_date=held.isoformat())
        rejected = store.add_interview(db, company="Acme", stage="final", interview_date=held.isoformat())
        kept = record(settings, pitch_hz=250, kind="interview")  # its review stopped before the end
        store.save_interview_recording(
            db,
            rejected,
            recording=kept,
            transcript=None,
            answers=[],
            engine="faster-whisper",
            model="tiny.en",
        )
        store.update_interview(db, rejected, stage="rejected")  # then the process ended: logged on it
    finally:
        db.close()

    shown = [m.value.replace("\\", "") for m in interviews_page().run().markdown]
    assert (
        ":gray[A recording of this rejection could not be analysed: Its review was stopped before the end; "
        "upload it again on the Review page. It is kept.]"
    ) in shown, shown

    at = page("review").run()
    assert not at.exception
    options = at.selectbox(key="review_interview").options
    # left out, it could not be picked to review the recording again
    listed = (
        f"{short_date(held.isoformat(), date.today())} · rejected · Acme · recording kept, nothing measured"
    )
    assert listed in options, options
    # given for a new interview, the same file is refused naming the stage to pick: now in the list
    at.file_uploader[0].upload("final.wav", kept.path.read_bytes(), "audio/wav")
    at.text_input(key="review_company").input("Acme")
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"final.wav is already kept with “{listed}” in your log: to review it again, pick that "
        "interview under “Which interview is this?” instead of a new one. Nothing was saved."
    ]
