""" "Next real interview due": the Interviews page and the Progress page show the same date.

The goal is N interviews in any rolling window of D days, so the next is due when the oldest of the
last N leaves the window: the N-th most recent interview + D days (playbook.cadence_status).
"""

from __future__ import annotations

from datetime import date, timedelta

from app_support import page
from store_support import analysis_dict

from coach import playbook, store
from coach.config import load_settings


def _real_interview(db, when: date) -> None:
    interview_id = store.add_interview(db, company="Acme", interview_date=when, stage="first round")
    answer = {"question_id": None, "question_text": "Tell me about a conflict.", "analysis": analysis_dict()}
    store.save_interview_recording(
        db,
        interview_id,
        recording=None,
        transcript=None,
        engine="faster-whisper",
        model="tiny.en",
        answers=[answer],
    )


def test_both_pages_show_the_same_next_due_date(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings = load_settings(tmp_path)
    playbook.set_cadence(settings, playbook.load_playbook().cadence, interviews=2, period_days=90)
    today = date.today()
    db = store.open_store(settings)
    try:
        _real_interview(db, today - timedelta(days=80))
        _real_interview(db, today - timedelta(days=10))
    finally:
        db.close()
    # the older of the last two leaves the 90-day window 10 days from now (once: the last one + 45)
    due = (today + timedelta(days=10)).isoformat()

    shown = {}
    for name in ("interviews", "progress"):
        at = page(name).run()
        assert not at.exception
        shown[name] = {m.label: m.value for m in at.metric}["Next real interview due"]
    assert shown == {"interviews": due, "progress": due}
