"""One reading of a job description steers both Practice's recommendations and the mock
interview: the same posting names the same competencies to both. The mock read every keyword once
(a teacher's "lessons" steered it to failure and learning, which Practice rightly ignored) and fell
back to the interview's notes ("Met Dana, the hiring manager" steered it to hiring). Real banks, a
real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta

from store_support import backend_fixture, settings_fixture, store_fixture  # noqa: F401

from coach.job_description import description_asks, interview_asks
from coach.mock.session import plan_for
from coach.store import add_interview, list_interviews

TEACHER = """Year 4 Teacher - Oakfield Primary
You will plan and teach engaging lessons for a class of thirty, adapt lessons for pupils with
different needs, and share lesson plans with colleagues.
You will mentor a trainee teacher and coach two teaching assistants through their first term.
You will keep parents informed and work with the special educational needs coordinator."""


def test_the_same_description_steers_practice_and_the_mock_alike(store, settings):
    today = date.today()
    interview_id = add_interview(
        store,
        company="Oakfield Primary",
        role="Teacher",
        interview_date=today + timedelta(days=6),
        job_description=TEACHER,
    )
    on_practice = interview_asks(list_interviews(store), today, chosen=interview_id)
    plan = plan_for(store, settings, format="behavioural", n=5, interview_id=interview_id)
    assert on_practice is not None and on_practice.competencies == ("mentoring",), on_practice
    # the mock said "failure and learning, mentoring": the lessons a teacher plans read as lessons learned
    assert plan.reason == "Steered by the interview's job description: mentoring.", plan.reason
    assert plan.steered_by == on_practice.competencies, plan.steered_by
    assert plan.steered_by == tuple(c for c, _said in description_asks(TEACHER))
    assert "mentoring" in plan.questions[1].competencies, plan.questions[1]


def test_notes_on_an_interview_do_not_steer_the_mock(store, settings):
    """Notes are about the day and the people met; Practice never read them, and the mock read
    "the hiring manager" as a request to practise hiring."""
    interview_id = add_interview(
        store,
        company="Initech",
        role="",
        interview_date=date.today() + timedelta(days=3),
        notes="Met Dana, the hiring manager. Hiring for two seats.",
    )
    plan = plan_for(store, settings, format="behavioural", n=4, interview_id=interview_id)
    assert not plan.reason.startswith("Steered by"), plan.reason
    assert plan.steered_by == (), plan
    assert plan.interview_id == interview_id
