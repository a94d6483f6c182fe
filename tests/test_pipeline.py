"""The pipeline: interviews grouped into opportunities, interest at each stage, a prompt to decide
when it falls, the next step, people met, time spent, and offers side by side (real SQLite store)."""

from __future__ import annotations

from datetime import date

import pytest

from coach import store
from coach.config import load_settings
from coach.pipeline import comparison, group_interviews, interest_fall, normalised, pipeline

TODAY = date(2026, 11, 30)


@pytest.fixture(name="db")
def db_fixture(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    yield db
    db.close()


def _log(db, company, role, stage, day, interest=None, proceed=None, people=(), **debrief):
    interview_id = store.add_interview(
        db, company=company, role=role, stage=stage, interview_date=day, people=list(people)
    )
    if interest is not None or debrief:
        store.add_debrief(db, interview_id, interest=interest, proceed=proceed, **debrief)
    return interview_id


def _pipeline(db):
    return pipeline(store.list_interviews(db), store.list_debriefs(db), store.list_options(db), TODAY)


def test_company_names_compare_without_case_spacing_or_legal_form():
    assert normalised("  Acme  Robotics, Inc. ") == normalised("acme robotics") == "acme robotics"
    assert normalised("Co") == "co"  # a name that is only a suffix stays a name
    assert normalised("Initech GmbH") != normalised("Initrode GmbH")


def test_a_company_s_stages_are_one_opportunity_and_other_roles_are_not():
    log = [
        {"id": 1, "company": "Acme", "role": "Staff engineer", "interview_date": "2026-10-01"},
        {"id": 2, "company": "ACME inc.", "role": "staff  engineer", "interview_date": "2026-10-08"},
        {"id": 3, "company": "Acme", "role": "Data lead", "interview_date": "2026-10-02"},
        {"id": 4, "company": "Globex", "role": "", "interview_date": "2026-10-03"},
        {"id": 5, "company": "Globex", "role": "SRE", "interview_date": "2026-10-09"},
    ]
    groups = [[i["id"] for i in g] for g in group_interviews(log)]
    assert groups == [[1, 2], [3], [4, 5]]  # Globex's screen with no role joins its only role


def test_interest_must_fall_twice_in_a_row_or_sharply_to_ask_for_a_decision():
    assert interest_fall([4, 3]) is None  # one point at one stage is noise
    assert interest_fall([4, 5, 4]) is None
    assert interest_fall([5, 4, 3]) == 0
    assert interest_fall([3, 5, 4, 2]) == 1  # the fall starts at the peak
    assert interest_fall([5, 3]) == 0  # two points at once
    assert interest_fall([2, 3, 4]) is None
    assert interest_fall([]) is None


def test_the_pipeline_of_a_real_log(db):
    _log(
        db,
        "Initech",
        "Platform lead",
        "recruiter screen",
        "2026-10-01",
        interest=4,
        proceed=True,
        people=[{"name": "Kim Park", "title": "recruiter"}],
    )
    _log(
        db,
        "Initech",
        "Platform lead",
        "first round",
        "2026-10-09",
        interest=3,
        proceed=True,
        people=[{"name": "Sam Lee", "title": "engineering manager"}, {"name": "kim park"}],
        time_commitment="two more rounds and a take-home",
        notes="Team seems stretched.",
    )
    _log(db, "Initech", "Platform lead", "technical", "2026-10-20", interest=2, proceed=None)
    _log(db, "Initech", "Platform lead", "onsite / loop", "2026-12-04")
    acme = _log(db, "Acme Robotics", "Staff engineer", "final", "2026-11-10", interest=5, proceed=True)
    store.add_option(
        db,
        kind="offer",
        company="Acme Robotics",
        title="Staff engineer",
        compensation="150k + 10% bonus",
        deadline="2026-12-10",
    )
    store.add_option(db, kind="batna", company="current job", title="Senior engineer", compensation="135k")

    initech, acme_opportunity = _pipeline(db)

    assert initech.label == "Initech · Platform lead"
    assert [s.stage for s in initech.stages] == [
        "recruiter screen",
        "first round",
        "technical",
        "onsite / loop",
    ]
    assert initech.interest_trend == [4, 3, 2]
    assert initech.next_step == {
        "interview_id": initech.stages[-1].interview_id,
        "stage": "onsite / loop",
        "interview_date": "2026-12-04",
    }
    assert [p["name"] for p in initech.people_met] == ["Kim Park", "Sam Lee"]
    assert initech.time.summary == "3 stages so far over 19 days, 1 more booked"
    assert initech.time.still_to_come == "two more rounds and a take-home"
    assert initech.stages[1].notes == "Team seems stretched."
    assert initech.decision == (
        "Your interest in Initech has fallen since the recruiter screen (4 → 3 → 2 out of 5). Decide "
        "whether to continue before the onsite / loop on 4 December: stopping politely now costs them "
        "and you less than later."
    )
    assert initech.status == "in progress"

    assert acme_opportunity.status == "offer" and acme_opportunity.decision is None
    assert [o["compensation"] for o in acme_opportunity.options] == ["150k + 10% bonus"]
    assert acme_opportunity.stages[0].interview_id == acme
    assert acme_opportunity.time.summary == "1 stage so far"

    side_by_side = comparison(store.list_options(db), [initech, acme_opportunity])
    assert [(o["kind"], o["company"], o["interest"]) for o in side_by_side] == [
        ("offer", "Acme Robotics", 5),
        ("batna", "current job", None),
    ]


def test_saying_no_stops_an_opportunity_without_a_prompt(db):
    _log(db, "Umbrella", "Data lead", "first round", "2026-10-01", interest=4)
    _log(db, "Umbrella", "Data lead", "technical", "2026-10-08", interest=1, proceed=False)
    [umbrella] = _pipeline(db)
    assert umbrella.status == "stopped" and umbrella.decision is None
    assert umbrella.as_json()["interest_trend"] == [4, 1]


def test_a_stage_logged_after_saying_no_means_you_went_on(db):
    """ "stopped" showed beside a next step booked after the stage whose debrief said no."""
    _log(db, "Umbrella", "Data lead", "first round", "2026-10-01", interest=2, proceed=False)
    _log(db, "Umbrella", "Data lead", "final", "2026-12-03")
    [umbrella] = _pipeline(db)
    assert umbrella.status == "in progress" and umbrella.next_step["stage"] == "final"


def test_an_opportunity_only_booked_has_cost_nothing_yet(db):
    _log(db, "Hooli", "Designer", "recruiter screen", "2026-12-03")
    [hooli] = _pipeline(db)
    # nothing held: no "Time spent" said (summary None), its stage booked counted
    assert (hooli.time.said, hooli.time.summary, hooli.time.stages_booked) == (False, None, 1)
    assert (hooli.time.first_date, hooli.time.last_date) == (None, None)
    assert hooli.next_step["stage"] == "recruiter screen" and hooli.decision is None
    assert hooli.interest_trend == []


def test_what_is_still_to_come_is_dated_once_later_stages_are_held_and_ends_with_an_offer(db):
    # written at the screen, then two more stages held: the card says when it was written
    _log(
        db,
        "Initech",
        "Backend engineer",
        "recruiter screen",
        "2026-11-03",
        interest=4,
        time_commitment="3 more rounds over 3 weeks",
    )
    _log(db, "Initech", "Backend engineer", "first round", "2026-11-20", interest=4)
    # the same words at Acme, whose process ended in an offer: nothing is still to come
    _log(
        db,
        "Acme",
        "Senior engineer",
        "recruiter screen",
        "2026-09-10",
        interest=4,
        time_commitment="3 more rounds over 3 weeks",
    )
    _log(db, "Acme", "Senior engineer", "final round", "2026-10-15", interest=3)
    store.add_option(db, kind="offer", company="Acme", title="Senior engineer", compensation="150k")
    # written at the latest stage held: as it was
    _log(db, "Globex", "SRE", "first round", "2026-11-25", interest=3, time_commitment="a take-home")

    by_company = {o.company: o for o in _pipeline(db)}
    initech, acme, globex = by_company["Initech"], by_company["Acme"], by_company["Globex"]
    assert initech.time.still_to_come_words == (
        "3 more rounds over 3 weeks (as you wrote after the recruiter screen)"
    )
    assert acme.status == "offer" and acme.time.still_to_come == "" == acme.time.still_to_come_words
    assert globex.time.still_to_come_words == "a take-home"


def test_an_alternative_in_process_at_a_company_in_the_log_carries_its_interest(db):
    """An alternative written down as 'Initech, in process' (no interview named) is the Initech
    opportunity in the log: the side-by-side card shows the interest its debrief gave, as the
    Initech card does, not '—'; the BATNA stays apart."""
    _log(db, "Initech", "Backend engineer", "recruiter screen", "2026-11-03", interest=4)
    store.add_option(
        db, kind="alternative", company="Initech", title="Backend engineer", compensation="~140k"
    )
    store.add_option(db, kind="batna", company="current job", title="Backend engineer", compensation="128k")
    [initech] = _pipeline(db)
    assert [o["kind"] for o in initech.options] == ["alternative"]
    assert initech.status == "in progress"
    side_by_side = comparison(store.list_options(db), [initech])
    assert [(o["kind"], o["interest"], o["interest_stage"]) for o in side_by_side] == [
        ("alternative", 4, "recruiter screen"),
        ("batna", None, ""),
    ]


def test_an_opportunity_with_no_stage_for_weeks_and_none_booked_has_gone_quiet(db):
    """Northwind, its first round 112 days ago and nothing booked since, read "in progress"."""
    _log(db, "Northwind", "Backend engineer", "first round", "2026-08-10")  # 112 days before TODAY
    _log(db, "Globex", "SRE", "first round", "2026-11-10")  # three weeks ago: still in progress
    _log(db, "Initech", "Platform lead", "first round", "2026-08-01")
    _log(db, "Initech", "Platform lead", "final", "2026-12-08")  # months apart, but the next is booked

    by_company = {o.company: o for o in _pipeline(db)}
    northwind = by_company["Northwind"]
    assert (northwind.status, northwind.quiet_since) == ("quiet", "2026-08-10")
    assert northwind.as_json()["quiet_since"] == "2026-08-10"
    assert [(o.status, o.quiet_since) for o in (by_company["Globex"], by_company["Initech"])] == [
        ("in progress", None),
        ("in progress", None),
    ]


def test_a_stage_saying_no_offer_came_is_no_offer(db):
    """Stages are free text: "Offer: no, second round" made the opportunity read "offer"."""
    _log(db, "Contoso", "Staff engineer", "Offer: no, second round", "2026-11-20")
    _log(db, "Fabrikam", "SRE", "offer call", "2026-11-25")
    by_company = {o.company: o.status for o in _pipeline(db)}
    assert by_company == {"Contoso": "in progress", "Fabrikam": "offer"}


def test_stages_held_on_one_day_are_not_over_0_days():
    from coach.pipeline import TimeSpent

    one_day = TimeSpent(2, 0, "2026-11-20", "2026-11-20", 0, "")
    assert one_day.summary == "2 stages so far on one day"
    assert (
        TimeSpent(2, 1, "2026-11-20", "2026-11-21", 1, "").summary
        == "2 stages so far over 1 day, 1 more booked"
    )


def test_a_process_that_stopped_counts_its_stages_without_so_far(db):
    """A process that ended said "4 stages so far over 36 days", as if more were to come."""
    _log(db, "Wayne", "Platform lead", "first round", "2026-10-01")
    _log(db, "Wayne", "Platform lead", "onsite", "2026-10-20")
    _log(db, "Wayne", "Platform lead", "rejected", "2026-10-25")
    _log(db, "Acme", "Engineer", "first round", "2026-10-01")
    _log(db, "Acme", "Engineer", "second round", "2026-10-08")
    by_company = {o.company: o for o in _pipeline(db)}
    assert by_company["Wayne"].status == "stopped"
    assert by_company["Wayne"].time.summary == "2 stages over 19 days"
    assert by_company["Acme"].time.summary == "2 stages so far over 7 days"


def test_someone_met_again_with_a_new_title_is_listed_once_under_it(db):
    """Ana met as Engineering Manager at the screen and written as VP Engineering at the onsite (logged
    first here, so the date decides, not the order of entry): `coach interviews` listed her under the
    screen's old title."""
    _log(
        db,
        "Hooli",
        "SRE",
        "onsite / loop",
        "2026-11-18",
        people=[{"name": "Ana Lopez", "title": "VP Engineering"}],
    )
    _log(db, "Hooli", "SRE", "recruiter screen", "2026-11-10", people=[{"name": "ana lopez", "title": "EM"}])
    _log(db, "Hooli", "SRE", "technical", "2026-11-20", people=[{"name": "Ana Lopez", "title": ""}])
    [hooli] = _pipeline(db)
    [ana] = hooli.people_met
    assert (ana["title"], ana["stage"]) == ("VP Engineering", "recruiter screen")


def test_a_stage_counts_as_analysed_only_the_answers_the_review_measured(db):
    """`coach interviews --json` gave a stage "answers_analysed": 3 where `coach interview`, `coach
    history` and the Interviews card said "2 of 3 answers analysed" (the closing "Any questions for
    us?" reply was too short to measure). It now counts the measured ones, and `answers_reviewed`
    all the review kept; a stage with answers is still an interview held even when none was measured."""
    from store_support import analysis_dict, transcript_dict

    def answer(measured: bool) -> dict:
        analysis = analysis_dict() if measured else {**analysis_dict(), "scores": None}
        return {
            "question_text": "Q?",
            "question_id": None,
            "transcript": transcript_dict(),
            "analysis": analysis,
        }

    reviewed = _log(db, "Acme", "Engineer", "first round", "2026-11-20")
    store.save_interview_recording(
        db,
        reviewed,
        recording=None,
        transcript=None,
        engine="e",
        model="m",
        answers=[answer(True)] * 2 + [answer(False)],
    )
    offer = _log(db, "Acme", "Engineer", "offer", "2026-11-25")  # a call reviewed, logged as the offer
    store.save_interview_recording(
        db, offer, recording=None, transcript=None, engine="e", model="m", answers=[answer(False)]
    )
    [acme] = _pipeline(db)
    first, last = acme.as_json()["stages"]
    assert (first["answers_analysed"], last["answers_analysed"]) == (2, 0)
    assert (first["answers_reviewed"], last["answers_reviewed"]) == (3, 1)
    assert acme.time.stages_done == 2  # the offer's call was held all the same


def test_an_offer_to_decide_comes_before_opportunities_that_went_quiet_or_moved_later(db):
    """A year in, the live offer (its last stage in January) was listed under an opportunity quiet
    since October: the one decision to make was the last card. Booked next steps stay first."""
    _log(db, "Acme Robotics", "Staff engineer", "recruiter screen", "2026-01-02")
    _log(db, "Acme Robotics", "Staff engineer", "offer", "2026-01-11")
    _log(db, "Soylent Foods", "Senior engineer", "first round", "2026-10-18")
    _log(db, "Globex", "SRE", "first round", "2026-11-20")
    _log(db, "Initech", "Platform lead", "final", "2026-12-08")  # booked

    assert [(o.company, o.status) for o in _pipeline(db)] == [
        ("Initech", "in progress"),
        ("Acme Robotics", "offer"),
        ("Globex", "in progress"),
        ("Soylent Foods", "quiet"),
    ]


def test_the_fold_of_ended_opportunities_names_six_companies_at_most():
    """Its label names the companies so that a search of the page finds them; a few years of
    applications made it one line of dozens of names."""
    from types import SimpleNamespace

    from coach.interview_log import ended_companies

    ended = [SimpleNamespace(company=f"Company {n}") for n in range(1, 24)]
    assert ended_companies(ended[:6]) == ", ".join(f"Company {n}" for n in range(1, 7))
    assert ended_companies(ended) == "Company 1, Company 2, Company 3, Company 4, Company 5 and 18 more"
    twice = [SimpleNamespace(company="Hooli"), SimpleNamespace(company="Hooli")]
    assert ended_companies(twice) == "Hooli"
