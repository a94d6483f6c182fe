"""The loop from a debrief to practice: the question a real interviewer asked, kept from the
debrief, is the first one recommended for the gap it practises. A debrief that named "handling
conflict" and listed the conflict question asked at Northwind had two bank questions on conflict
recommended, on the Practice page and by `coach progress`, and never the one the user was asked."""

from datetime import timedelta

from app_support import page
from cli_support import run_coach, unwrapped

from coach import banks, store
from coach.config import load_settings
from coach.debrief import save_debrief
from coach.local_time import today

ASKED = "Tell me about a time you disagreed with a teammate about a design."


def test_the_question_asked_in_the_interview_is_recommended_first_for_its_gap(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        held = store.add_interview(
            db,
            company="Northwind",
            role="Senior backend engineer",
            stage="first round",
            interview_date=(today() - timedelta(days=2)).isoformat(),
        )
        save_debrief(
            db,
            settings,
            held,
            {
                "could_be_better": "I rambled on the conflict question and never got to the result.",
                "skill_gaps": "handling conflict",
                "questions_asked": [ASKED],
                "interest": 4,
            },
        )
    finally:
        db.close()
    [asked] = [q for q in banks.load_questions(tmp_path) if q.text == ASKED]
    assert "conflict" in asked.competencies  # what it practises, told from its words

    at = page("practice").run()
    assert not at.exception
    keys = [b.key or "" for b in at.button]
    picks = [k.removeprefix("practice_rec_") for k in keys if k.startswith("practice_rec_")]
    assert picks[:1] == [asked.id], picks

    said = unwrapped(run_coach("progress", data_dir=tmp_path).stdout)
    assert "Skill gaps from your debriefs: conflict (1×)." in said, said
    assert said.index(f"practise: [{asked.id}] {ASKED}") < said.index("practise: [beh-"), said
