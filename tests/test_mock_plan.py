"""Which questions a mock interview asks: an opener, weak areas first, a closer; steered by a
role or an interview from the log. The real shipped banks, no model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coach import banks
from coach.errors import InputError
from coach.mock.plan import make_plan, role_from_title

QUESTIONS = banks.load_questions()
# A posting asks for what it says more than once (coach.job_description.description_asks).
PRICING = (
    "Senior Product Manager\nOwns pricing strategy and the go-to-market strategy; "
    "resolves conflict with sales before the conflict reaches customers."
)


def test_an_interview_opens_and_closes_and_tells_stories_in_between():
    plan = make_plan(QUESTIONS, [], format="behavioural", n=5)
    assert plan.questions[0].text == "Tell me about yourself."
    assert plan.questions[-1].category == "closing"
    assert all(q.category == "behavioural" for q in plan.questions[1:-1])
    # five questions of a round planned with six in 30 minutes: 25 minutes
    assert (
        plan.planned_s == 25 * 60
        and plan.time_words() == "the 25 minutes 5 questions take in a behavioural round"
    )
    assert make_plan(QUESTIONS, [], format="behavioural").planned_s == 30 * 60  # its usual six
    # read in the report after the mock: why these questions, not the Practice page's "answer a few"
    assert plan.reason == (
        "No practice score or debrief points to a weak area yet, so these are common questions for "
        "a behavioural round; once one does, the next mock interview asks about it."
    ), plan.reason
    assert "Answer a few" not in plan.reason


def test_scores_that_name_no_weak_area_for_the_round_are_not_called_no_scores():
    """After four practice answers the report said "there were no practice scores … yet"."""
    from datetime import UTC, datetime

    when = datetime.now(UTC).isoformat()
    attempts = [
        {
            "question_id": "mot-01",
            "score_overall": s,
            "score_structure": s,
            "score_fillers": s,
            "score_delivery": s,
            "created_at": when,
            "scores": {},
        }
        for s in (88, 90, 86, 88)
    ]
    plan = make_plan(QUESTIONS, attempts, format="behavioural", n=2)
    assert "no practice scores" not in plan.reason, plan.reason
    # not Practice's sentence, which read awkwardly under the report and called the stories openers:
    # "…, so no area is weak yet: these are questions most interview loops open with, those you
    # have not answered in the last two weeks first."
    assert plan.reason == (
        "Your practice scores show no weak area yet, so these are common questions for a "
        "behavioural round, ones you have not answered lately first."
    ), plan.reason
    recruiter = make_plan(QUESTIONS, attempts, format="recruiter", n=3)
    assert "common questions for a recruiter screen," in recruiter.reason, recruiter.reason


def test_a_role_set_alternates_the_roles_own_questions_with_stories():
    plan = make_plan(QUESTIONS, [], format="role", role="data", n=6)
    middle = plan.questions[1:-1]
    assert [("data" in q.roles and q.category != "behavioural") for q in middle] == [True, False, True, False]


def test_questions_answered_in_the_last_two_weeks_are_not_asked_again():
    first = make_plan(QUESTIONS, [], format="behavioural", n=4)
    now = datetime.now(UTC).isoformat()
    answered = [{"question_id": q.id, "created_at": now} for q in first.questions]
    again = make_plan(QUESTIONS, answered, format="behavioural", n=4)
    assert not {q.id for q in again.questions} & {q.id for q in first.questions}
    month_ago = (datetime.now(UTC) - timedelta(days=30)).isoformat()
    old = [{"question_id": q.id, "created_at": month_ago} for q in first.questions]
    assert make_plan(QUESTIONS, old, format="behavioural", n=4).questions == first.questions


def test_weak_structure_scores_bring_structure_questions_first():
    weak = [{"question_id": None, "created_at": "2020-01-01T00:00:00+00:00", "score_structure": 30.0}] * 3
    plan = make_plan(QUESTIONS, weak, format="behavioural", n=3)
    assert "lowest on structure" in plan.reason


def test_an_interview_from_the_log_steers_the_role_and_the_competencies():
    interview = {
        "id": 7,
        "role": "Senior Product Manager",
        "notes": "Met Dana, the hiring manager.",
        "job_description": PRICING,
    }
    plan = make_plan(QUESTIONS, [], format="role", interview=interview, n=4)
    assert plan.role == "product" and plan.interview_id == 7
    assert plan.reason.startswith("Steered by the interview's job description:") and "strategy" in plan.reason
    assert all("product" in q.roles or "any" in q.roles for q in plan.questions)


def test_job_titles_map_to_the_banks_roles():
    assert role_from_title("Staff engineer") == "software-engineer"
    assert role_from_title("Engineering Manager, Payments") == "engineering-manager"
    assert role_from_title("Account executive") == "sales-customer"
    assert role_from_title("Chef") is None


def test_an_impossible_request_is_one_sentence():
    with pytest.raises(InputError, match="1 to 12 questions"):
        make_plan(QUESTIONS, [], n=40)
    with pytest.raises(InputError, match="recruiter, behavioural, role"):
        make_plan(QUESTIONS, [], format="panel")


def test_the_steer_names_bank_tags_as_every_page_does():
    """A job description about learning from failure steers to failure-learning, said "failure and
    learning" as Progress says it (it read "failure learning")."""
    interview = {"id": 8, "role": "", "notes": "", "job_description": "We value learning from failure."}
    plan = make_plan(QUESTIONS, [], interview=interview, n=4)
    assert "failure and learning" in plan.reason, plan.reason


def test_a_later_stage_is_steered_by_the_description_pasted_at_an_earlier_one(settings):
    """The mock for the onsite of a job whose description was pasted with its recruiter screen is
    steered by that description, as Practice checks its terms (not by nothing at all)."""
    from coach import store
    from coach.mock.session import plan_for

    db = store.open_store(settings)
    try:
        store.add_interview(
            db, company="Acme", role="Senior Product Manager", stage="recruiter screen",
            interview_date="2026-11-18", job_description=PRICING,
        )  # fmt: skip
        onsite = store.add_interview(
            db,
            company="Acme",
            role="Senior Product Manager",
            stage="onsite / loop",
            interview_date="2026-12-08",
        )
        plan = plan_for(db, settings, format="role", n=4, interview_id=onsite)
    finally:
        db.close()
    assert plan.reason.startswith("Steered by the interview's job description:") and "strategy" in plan.reason


@pytest.mark.parametrize(
    "title, role",
    [
        ("Programme manager", None),  # no engineering in it: the user's own role decides
        ("Store manager", None),
        ("Accountant", None),
        ("Designated safeguarding lead", None),
        ("Product designer", "design"),
        ("Senior software development manager", "engineering-manager"),
        ("Engineering lead, platform", "engineering-manager"),
        ("Product manager", "product"),
        ("Customer success manager", "sales-customer"),
        ("Account manager", "sales-customer"),
        ("Data engineer", "data"),
        ("Backend developer", "software-engineer"),
    ],
)
def test_a_job_title_names_a_role_only_by_what_the_job_is(title, role):
    # with the Settings role, an interview's title now overrides what Practice recommends: a
    # "Programme manager" interview gave an engineer engineering-management questions
    assert role_from_title(title) == role


# A posting asking for three things, each said twice (coach.job_description.description_asks).
ANALYST = (
    "Senior Data Analyst\nYou will resolve conflict between teams and handle conflict calmly; influence "
    "stakeholders and influence decisions without authority; own data analysis and the data analysis roadmap."
)


def test_the_steer_names_only_what_the_questions_asked_practise():
    """A two-question mock (the opener and one story) said "Steered by the interview's job
    description: influence, conflict, data analysis." and asked about one of them at most."""
    interview = {"id": 9, "role": "", "notes": "", "job_description": ANALYST}
    plan = make_plan(QUESTIONS, [], format="behavioural", n=2, interview=interview)
    [opener, story] = plan.questions
    assert plan.reason == "Steered by the interview's job description: influence.", (plan.reason, story)
    assert "influence" in story.competencies
    # the posting's asks are still what steered the picks
    assert plan.steered_by == ("influence", "conflict", "data-analysis")


def test_no_steer_is_claimed_when_no_question_asked_practises_what_the_posting_asks():
    interview = {"id": 9, "role": "", "notes": "", "job_description": ANALYST}
    asked = {"influence", "conflict", "data-analysis"}
    bank = [q for q in QUESTIONS if not asked & set(q.competencies)]
    plan = make_plan(bank, [], format="behavioural", n=4, interview=interview)
    assert not plan.reason.startswith("Steered by"), plan.reason
    assert "conflict" not in plan.reason and "influence" not in plan.reason, plan.reason


@pytest.mark.parametrize("role", [None, "any"])
def test_a_round_of_role_questions_without_a_role_is_refused_in_one_sentence(role):
    """`coach mock --role any` ran "Role questions (45 min)" with no role question in it."""
    with pytest.raises(InputError) as refused:
        make_plan(QUESTIONS, [], format="role", role=role, n=4)
    said = str(refused.value)
    assert said == (
        "A round of role questions needs a role: pick one of “Software engineering”, “Data”, “Product”, "
        "“Design”, “Engineering management” or “Sales and customer roles”, or choose the behavioural round."
    ), said  # the roles as Settings and `coach settings` name them, where it listed the banks' names
    # a behavioural round for any role is still there, with every role's questions, as no role picks
    anyone = make_plan(QUESTIONS, [], format="behavioural", role=role, n=4)
    assert anyone.questions == make_plan(QUESTIONS, [], format="behavioural", n=4).questions
    assert anyone.role is None


def test_a_debrief_gap_is_not_named_with_the_job_descriptions_asks():
    """No question picked practised what the posting asked for, but one practised a debrief's gap:
    the plan said "From your debriefs: influence, conflict, data analysis.", none of which a
    debrief named, over questions on failure."""
    interview = {"id": 9, "role": "", "notes": "", "job_description": ANALYST}
    asked = {"influence", "conflict", "data-analysis"}
    bank = [q for q in QUESTIONS if not asked & set(q.competencies)]
    plan = make_plan(
        bank, [], format="behavioural", n=4, interview=interview, debrief_gaps=["failure-learning"]
    )
    assert any("failure-learning" in q.competencies for q in plan.questions)
    assert plan.reason == "From your debriefs: failure and learning.", plan.reason


def test_the_sentence_on_which_questions_open_and_close_is_written_once():
    """The Mock page's Questions help and `coach mock --questions`' help held two copies of the
    same sentence, free to drift apart; both now say `coach.mock.QUESTION_ORDER`, and the rule it
    states is the plan's."""
    from pathlib import Path

    from coach.mock import QUESTION_ORDER

    root = Path(__file__).resolve().parent.parent
    copies = [
        str(p.relative_to(root))
        for p in (*root.joinpath("coach").rglob("*.py"), *root.joinpath("app_pages").glob("*.py"))
        if "always an opening one" in p.read_text(encoding="utf-8")
    ]
    assert copies == ["coach/mock/__init__.py"], copies
    assert "always an opening one" in QUESTION_ORDER
    two = make_plan(QUESTIONS, [], format="behavioural", n=2)
    assert two.questions[0].text == "Tell me about yourself." and two.questions[-1].category != "closing"
    three = make_plan(QUESTIONS, [], format="behavioural", n=3)
    assert three.questions[-1].category == "closing"


def test_a_weak_area_the_rounds_questions_cannot_practise_is_not_the_reason_given():
    """A recruiter screen's reason read "Your recent answers scored lowest on structure (STAR); these
    questions give you room to work on it." over questions none of which asks for a story, while its
    report said "No question you answered asked for a story…". It says what they practise instead."""
    weak = [{"question_id": None, "created_at": "2020-01-01T00:00:00+00:00", "score_structure": 30.0}] * 3
    for n in (3, 4):
        plan = make_plan(QUESTIONS, weak, format="recruiter", n=n)
        assert not any(banks.asks_for_story(q) for q in plan.questions)
        assert "structure" not in plan.reason and "room to work on" not in plan.reason, plan.reason
        assert plan.reason.startswith("These are common questions for a recruiter screen: they practise ")
        assert "motivation" in plan.reason, plan.reason
    # weak on fillers as well: every spoken answer practises those, so fillers alone are named
    both = [{**a, "score_fillers": 40.0} for a in weak]
    plan = make_plan(QUESTIONS, both, format="recruiter", n=3)
    assert "lowest on fillers; these questions give you room to work on it." in plan.reason, plan.reason
    assert "structure" not in plan.reason
    # a behavioural round's stories do practise structure, and say so as before
    assert "lowest on structure (STAR)" in make_plan(QUESTIONS, weak, format="behavioural", n=3).reason


def test_a_question_a_debrief_gap_names_is_asked_after_the_opener_or_as_it(settings):
    """A debrief that says "rambled on greatest weakness; walk me through your CV" had Practice put
    both questions first, while the mock interview (page and `coach mock` plan alike) asked neither:
    the gaps reached it as competencies only. The CV question is the opener it asks, the weakness
    question comes right after it, and the reason says why, as Practice does."""
    from datetime import date

    from coach import store
    from coach.mock.session import plan_for

    db = store.open_store(settings)
    try:
        held = (date.today() - timedelta(days=10)).isoformat()
        interview = store.add_interview(db, company="Acme", stage="first round", interview_date=held)
        store.add_debrief(db, interview, skill_gaps="rambled on greatest weakness; walk me through your CV")
        plan = plan_for(db, settings, format="behavioural", n=5)
    finally:
        db.close()
    asked = [q.id for q in plan.questions]
    assert asked[:2] == ["mot-06", "beh-fail-07"], asked
    assert len(asked) == 5 and plan.questions[-1].category == "closing"
    # then the skills those questions practise, which the gaps name too, as on Practice, in one list:
    # it read "“greatest weakness” and “walk me through your CV”, and communication, self awareness,
    # failure and learning." (a list after a list, and "failure and learning" as two skills). The
    # questions are named in the order asked: the debrief's order named the weakness question first
    # over a round that opened with the CV question
    # (each skill as Progress names it, with the debrief's own words, but not words said already:
    # it read "“walk me through your CV”, “greatest weakness”, communication (1×; you wrote "rambled
    # on greatest weakness" and "walk me through your CV"), self awareness (1×; you wrote "rambled on
    # greatest weakness"), and failure and learning (1×; you wrote …)", each gap said up to four times)
    assert plan.reason == (
        "From your debriefs: “walk me through your CV”, “greatest weakness”, communication, self awareness, "
        "and failure and learning."
    ), plan.reason


def test_a_named_question_is_asked_in_any_round_unless_answered_lately():
    """A recruiter screen's questions are motivation ones, yet "greatest weakness" named is asked in
    it; answered in the last two weeks, it is not asked again (as Practice skips it); one question
    alone is that question."""
    named = [("beh-fail-07", "greatest weakness")]
    screen = make_plan(QUESTIONS, [], format="recruiter", n=4, named=named)
    assert [q.id for q in screen.questions][1] == "beh-fail-07", screen.questions
    assert [q.id for q in make_plan(QUESTIONS, [], format="recruiter", n=1, named=named).questions] == [
        "beh-fail-07"
    ]
    lately = [{"question_id": "beh-fail-07", "created_at": datetime.now(UTC).isoformat()}]
    again = make_plan(QUESTIONS, lately, format="recruiter", n=4, named=named)
    assert "beh-fail-07" not in [q.id for q in again.questions]
    assert not again.reason.startswith("From your debriefs")
    # with a skill a debrief names too, one sentence says both
    both = make_plan(QUESTIONS, [], format="behavioural", n=5, debrief_gaps=["conflict"], named=named)
    assert both.reason == "From your debriefs: “greatest weakness” and conflict.", both.reason


def test_the_mock_follows_the_last_years_debrief_gaps_as_practice_does(settings):
    """Practice and Progress read the skill gaps of the last year's debriefs, most named first, while
    the mock interview read every debrief ever written: a gap from a debrief two years old ("conflict")
    steered the mock and was named in its reason, though Practice had long stopped recommending for it."""
    from datetime import date

    from coach import store
    from coach.mock.session import plan_for
    from coach.progress import debrief_gaps

    db = store.open_store(settings)
    try:
        long_ago = (date.today() - timedelta(days=730)).isoformat()
        held = (date.today() - timedelta(days=10)).isoformat()
        old = store.add_interview(db, company="Initech", stage="first round", interview_date=long_ago)
        store.add_debrief(db, old, skill_gaps="handling conflict")
        recent = store.add_interview(db, company="Acme", stage="first round", interview_date=held)
        store.add_debrief(db, recent, skill_gaps="influencing stakeholders")
        debriefs = store.list_debriefs(db)
        plan = plan_for(db, settings, format="behavioural", n=4)
    finally:
        db.close()
    # what Practice recommends from (app_pages/practice.py) is what the mock asks about
    assert [g["competency"] for g in debrief_gaps(debriefs, today=date.today())] == ["influence"]
    assert plan.reason == "From your debriefs: influence (1×; you wrote “influencing stakeholders”).", (
        plan.reason
    )
    assert not any("conflict" in q.competencies for q in plan.questions[1:-1]), plan.questions


def test_a_debrief_gap_no_question_of_the_round_practises_is_not_said_to_be_none():
    """A debrief naming only "negotiation", which no behavioural question practises: the mock said
    "No practice score or debrief points to a weak area yet", though a debrief did. Scored or not,
    it says the debriefs named it and where it is practised."""
    plan = make_plan(QUESTIONS, [], format="behavioural", n=6, debrief_gaps=["negotiation"])
    assert not any("negotiation" in q.competencies for q in plan.questions)
    said = (
        "Your debriefs name negotiation, but no question of a behavioural round practises it, so these are "
        "the round's common questions; Practice recommends questions for it."
    )
    assert plan.reason == said, plan.reason
    assert not plan.picked_for_you  # said of the opener too, as a round of common questions is
    scored = [{"question_id": "beh-own-01", "created_at": "2026-01-01T10:00:00+00:00", "score_structure": 80}]
    assert (
        make_plan(QUESTIONS, scored, format="behavioural", n=6, debrief_gaps=["negotiation"]).reason == said
    )
    # a recruiter screen's questions do practise it
    screen = make_plan(QUESTIONS, [], format="recruiter", n=4, debrief_gaps=["negotiation"])
    assert screen.reason == "From your debriefs: negotiation.", screen.reason
