"""The Review page's "Which interview is this?" says what a recording already uploaded for an
interview gave: one kept without speech had nothing in its label (as one with no recording yet),
and one whose only answer got no score read "1 answer reviewed" though nothing was measured."""

from __future__ import annotations

from app_support import page
from store_support import analysis_dict, record

from coach import store
from coach.config import load_settings
from coach.interview.saving import keep_unanalysed


def _answer(overall: float | None) -> dict:
    analysis = analysis_dict(overall=overall) if overall is not None else None
    return {"question_text": "Tell me about yourself.", "transcript": None, "analysis": analysis}


def test_the_interview_picker_says_what_each_recording_gave(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        store.add_interview(db, company="Globex", stage="first round", interview_date="2026-11-20")
        silent = store.add_interview(db, company="Initech", stage="first round", interview_date="2026-11-21")
        why = "take.wav holds no speech; check it is the interview recording, with the voices audible."
        keep_unanalysed(db, record(settings, kind="interview"), why, interview_id=silent)
        unscored = store.add_interview(db, company="Hooli", stage="final", interview_date="2026-11-22")
        measured = store.add_interview(db, company="Umbrella", stage="final", interview_date="2026-11-23")
        for interview_id, answers in ((unscored, [None]), (measured, [72.0, None])):
            store.save_interview_recording(
                db,
                interview_id,
                recording=record(settings, pitch_hz=200 + interview_id, kind="interview"),
                transcript={"transcript": "Tell me about yourself."},
                answers=[_answer(overall) for overall in answers],
                engine="faster-whisper",
                model="tiny.en",
            )
        deleted = store.add_interview(db, company="Acme", stage="final", interview_date="2026-11-24")
        store.save_interview_recording(
            db,
            deleted,
            recording=record(settings, pitch_hz=330, kind="interview"),
            transcript={"transcript": "Tell me about yourself."},
            answers=[_answer(None)],
            engine="faster-whisper",
            model="tiny.en",
        )
        store.delete_interview_audio(db, deleted)
    finally:
        db.close()

    at = page("review").run()
    assert not at.exception
    assert at.selectbox(key="review_interview").options == [
        "A new one (fill in the company below)",
        "Acme, 24 Nov 2026 · final · nothing measured",
        "Umbrella, 23 Nov 2026 · final · 1 of 2 answers measured",
        "Hooli, 22 Nov 2026 · final · recording kept, nothing measured",
        "Initech, 21 Nov 2026 · first round · recording kept, nothing measured",
        "Globex, 20 Nov 2026 · first round",
    ]
