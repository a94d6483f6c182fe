"""A question answered in real interviews and practised after: Practice's result counts those
answers as the line under the question does, and sets the practice answer beside them."""

from __future__ import annotations

from app_support import DATA, page
from store_support import analysis_dict, save_real_answers

from coach import store
from coach.config import load_settings

QUESTION = ("swe-beh-01", "Tell me about an incident you were involved in and how it was handled.")


def test_a_first_practice_answer_after_real_interviews_is_counted_and_set_beside_them(tmp_path, monkeypatch):
    """Asked it in three real interviews, then practised it: the line under the question said "You
    have answered this 4 times (3 in real interviews), counting the answer below." over "Analysed and
    saved: your 1st answer to this question" and "Your first answer to this question. Try again to
    see the change.", and the interviews' answers were not shown beside it."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        for company, day in (("Acme", "2026-03-02"), ("Initech", "2026-06-10"), ("Globex", "2026-09-21")):
            interview_id = store.add_interview(db, company=company, stage="first round", interview_date=day)
            answer = {"question_id": QUESTION[0], "question_text": QUESTION[1], "analysis": analysis_dict()}
            save_real_answers(db, interview_id, [answer])
    finally:
        db.close()
    at = page("practice")
    at.session_state["practice_question_id"] = QUESTION[0]
    at.run()
    at.audio_input[0].set_value(("answer.wav", (DATA / "clean.wav").read_bytes(), "audio/wav")).run()
    assert not at.exception and not at.error
    counted = [c.value for c in at.caption if c.value.startswith("You have answered this")]
    assert counted == ["You have answered this 4 times (3 in real interviews), counting the answer below."], (
        counted
    )
    assert [s.label for s in at.status] == ["Analysed and saved: your 1st practice answer to this question"]
    captions = [c.value for c in at.caption]
    assert "Your first answer to this question. Try again to see the change." not in captions, captions
    assert (
        "Your first practice answer to this question, beside your answers to it in real interviews."
        in captions
    )
    [table] = [t for t in at.dataframe if list(t.value.columns)[:2] == ["When", "Overall"]]
    when = [r["When"] for r in table.value.to_dict("records")]
    assert when[0] == "this answer" and sum(w.endswith(" real") for w in when) == 3, when
