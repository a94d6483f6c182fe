"""The loop from a debrief to practice: the question a real interviewer asked, kept from the
debrief, is the first one recommended for the gap it practises. A debrief that named "handling
conflict" and listed the conflict question asked at Northwind had two bank questions on conflict
recommended, on the Practice page and by `coach progress`, and never the one the user was asked."""

from app_support import debriefed, page, recommended_ids
from cli_support import run_coach, unwrapped

from coach import banks

ASKED = "Tell me about a time you disagreed with a teammate about a design."


def test_the_question_asked_in_the_interview_is_recommended_first_for_its_gap(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    debriefed(
        tmp_path,
        {
            "could_be_better": "I rambled on the conflict question and never got to the result.",
            "skill_gaps": "handling conflict",
            "questions_asked": [ASKED],
            "interest": 4,
        },
    )
    [asked] = [q for q in banks.load_questions(tmp_path) if q.text == ASKED]
    assert "conflict" in asked.competencies  # what it practises, told from its words

    at = page("practice").run()
    assert not at.exception
    picks = recommended_ids(at)
    assert picks[:1] == [asked.id], picks

    said = unwrapped(run_coach("progress", data_dir=tmp_path).stdout)
    assert "Skill gaps from your debriefs: conflict (1×)." in said, said
    assert said.index(f"practise: [{asked.id}] {ASKED}") < said.index("practise: [beh-"), said
