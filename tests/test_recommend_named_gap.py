"""A debrief's skill gap that names a bank question ("greatest weakness", "tell me about yourself")
leads to that question first: Practice and `coach progress` put it before any other pick, under the
gap's own words. It reached the recommendations as the question's skills only, and the question
itself came anywhere among the picks, or not at all."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from app_support import debriefed, page, recommended_ids
from cli_support import run_coach, unwrapped

from coach import banks
from coach.progress import debrief_gaps, debrief_named_questions
from coach.recommend import GAP, INTERVIEW, InterviewAsks, recommended
from coach.ui.highlight import escape

TODAY = date(2026, 12, 2)
NAMED = [
    ("tell me about yourself", "mot-05"),
    ("why do you want to work here", "mot-03"),
    ("greatest weakness", "beh-fail-07"),
    ("where do you see yourself in five years", "mot-07"),
]


def _debrief(gaps: str) -> dict:
    """A debrief of last week naming `gaps`, as the store lists it."""
    held = (TODAY - timedelta(days=7)).isoformat()
    return {"skill_gaps": gaps, "company": "Acme", "stage": "onsite", "interview_date": held}


@pytest.mark.parametrize(("gap", "question_id"), NAMED)
def test_a_gap_naming_a_question_puts_that_question_first(tmp_path, gap: str, question_id: str):
    debriefs = [_debrief(f"rambling; {gap}")]
    questions = banks.load_questions(tmp_path)
    competencies = [g["competency"] for g in debrief_gaps(debriefs, today=TODAY)]
    named = debrief_named_questions(debriefs, today=TODAY)
    picks = recommended(questions, [], competencies, today=TODAY, named=named)
    assert [q.id for q in picks.questions][:1] == [question_id], picks.questions
    first = picks.groups[0]
    assert (first.why, first.reason) == (GAP, f"From your debriefs: “{gap}”.")
    assert len(picks.questions) == 5 and picks.questions.count(picks.questions[0]) == 1
    # before a coming interview's picks too: the user named this very question
    asks = InterviewAsks("Northwind", TODAY + timedelta(days=3), ("conflict",), ("conflict",))
    picks = recommended(questions, [], competencies, today=TODAY, interview=asks, named=named)
    assert picks.questions[0].id == question_id and INTERVIEW in [g.why for g in picks.groups[1:]]


def test_a_named_question_answered_lately_is_not_put_first_again(tmp_path):
    """Answered yesterday, it gives way to the gap's other questions, as any pick answered in the
    last two weeks does."""
    debriefs = [_debrief("greatest weakness")]
    named = debrief_named_questions(debriefs, today=TODAY)
    answered = [{"question_id": "beh-fail-07", "created_at": f"{TODAY - timedelta(days=1)}T10:00:00+00:00"}]
    questions = banks.load_questions(tmp_path)
    picks = recommended(questions, answered, ["self-awareness"], today=TODAY, named=named)
    assert picks.questions and picks.questions[0].id != "beh-fail-07"


def test_the_practice_page_and_coach_progress_list_the_named_question_first(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    debriefed(tmp_path, {"skill_gaps": "greatest weakness", "interest": 4})
    weakness = banks.get_question("beh-fail-07", tmp_path)

    at = page("practice").run()
    assert not at.exception
    picks = recommended_ids(at)
    assert picks[:1] == [weakness.id], picks
    captions = [c.value for c in at.caption]
    assert escape("From your debriefs: “greatest weakness”.") in captions, captions
    # said once: the skills' caption under it named the gap's words again ("From your debriefs:
    # self awareness (1×; you wrote "greatest weakness")"), as the mock interview's reason no longer does
    assert sum("greatest weakness" in c for c in captions) == 1, captions

    said = unwrapped(run_coach("progress", data_dir=tmp_path).stdout)
    assert f"practise: [{weakness.id}] {weakness.text}" in said, said
    assert said.index(f"practise: [{weakness.id}]") == said.index("practise: ["), said
