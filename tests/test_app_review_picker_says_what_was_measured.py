"""The Review page's "Which interview is this?" says what a recording already uploaded for an
interview gave: one kept without speech had nothing in its label (as one with no recording yet),
and one whose only answer got no score read "1 answer reviewed" though nothing was measured."""

from __future__ import annotations

from datetime import date, timedelta

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
    options = at.selectbox(key="review_interview").options
    assert options[0] == "A new one (fill in the company below)"
    assert [o.split(" · ", 1)[1] for o in options[1:]] == [  # after the day
        "final · Acme · nothing measured",
        "final · Umbrella · 1 of 2 answers measured",
        "final · Hooli · recording kept, nothing measured",
        "first round · Initech · recording kept, nothing measured",
        "first round · Globex",
    ]


# What a pick list shows of a label at 390 px, about 45 to 57 characters (tests/e2e: the chosen
# value of "Globex Corporation International Holdings — Senior platform engineer, …" read as far as
# "Senior p"), with room for wide letters.
PHONE_CHARS = 40


def test_two_stages_of_one_company_read_apart_where_a_phone_cuts_their_names(tmp_path, monkeypatch):
    """At 390 px "Which interview is this?" showed "Globex Corporation International Holdings —
    Senior platfo…" for both stages of one interview process, their day and stage cut off, so they
    could not be told apart. The day and the stage come first now, then the company and the role."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    day = date.today() - timedelta(days=3)
    db = store.open_store(load_settings(tmp_path))
    try:
        ids = {
            stage: store.add_interview(
                db,
                company="Globex Corporation International Holdings",
                role="Senior platform engineer",
                stage=stage,
                interview_date=day.isoformat(),
            )
            for stage in ("recruiter screen", "first round")
        }
    finally:
        db.close()
    at = page("review").run()
    said = f"{day:%a} {day.day} {day:%b}" + ("" if day.year == date.today().year else f" {day.year}")
    for stage, interview_id in ids.items():
        label = at.selectbox(key="review_interview").format_func(interview_id)
        assert (
            label
            == f"{said} · {stage} · Globex Corporation International Holdings — Senior platform engineer"
        )
        assert label[:PHONE_CHARS].startswith(f"{said} · {stage} · "), label
        at.selectbox(key="review_interview").set_value(interview_id).run()
        assert not at.exception and at.selectbox(key="review_interview").value == interview_id
