"""`coach interview`, `coach debrief` and `coach interviews` say what the Interviews page says: a
debrief asked for and taken only where the page offers one, an option's kind in the page's words
(real SQLite, `coach` commands run as a user runs them)."""

from __future__ import annotations

import pytest

from coach.local_time import long_date
from tests.cli_support import coach_printed as coach
from tests.cli_support import coach_refused as refused
from tests.cli_support import day, unwrapped


@pytest.mark.parametrize("stage", ["applied", "offer", "rejected"])
def test_a_stage_that_is_no_interview_asks_for_no_debrief(tmp_path, stage):
    """`coach interview N` ended "No debrief yet: `coach debrief N --went-well ...` writes one." for
    an application, an offer and a rejection, where the Interviews page asks for no debrief."""
    coach(tmp_path, "add-interview", "Acme", "--stage", stage, "--date", day(-1))
    shown = coach(tmp_path, "interview", "1")
    assert "debrief" not in shown.casefold(), shown


def test_an_interview_still_ahead_says_booked_as_the_page_does(tmp_path):
    """One dated next week was told "`coach debrief 1 --went-well ...` writes one", which then refused
    it as still to come; the page says when to write it."""
    coach(tmp_path, "add-interview", "Acme", "--stage", "first round", "--date", day(7))
    lines = coach(tmp_path, "interview", "1").splitlines()
    assert unwrapped("\n".join(lines)).endswith(  # wrapped at words in 80 columns
        "Booked. Write the debrief on the day, after it, while you remember the questions."
    ), lines
    assert not any("coach debrief" in line for line in lines), lines


def test_an_interview_held_is_asked_for_its_debrief(tmp_path):
    coach(tmp_path, "add-interview", "Acme", "--stage", "first round", "--date", day(-1))
    shown = coach(tmp_path, "interview", "1").splitlines()
    assert shown[-1] == "No debrief yet: `coach debrief 1 --went-well ...` writes one."


def test_an_application_gets_no_debrief(tmp_path):
    """`coach debrief` on an application said "Saved the debrief of interview #1", where the page
    offers no debrief for it; it is refused in one sentence saying what to do instead."""
    coach(tmp_path, "add-interview", "Acme Robotics", "--stage", "applied", "--date", day(-3))
    said = refused(tmp_path, "debrief", "1", "--went-well", "a quick reply", "--interest", "4")
    assert said == (
        "error: Interview #1 is your application to Acme Robotics, not an interview: debrief the "
        "interview that follows it once it is held (`coach add-interview 'Acme Robotics' --stage "
        "'recruiter screen'` logs it)."
    )
    assert "debrief" not in coach(tmp_path, "interview", "1").casefold()  # nothing was written


def test_an_offer_logged_as_a_stage_gets_no_debrief(tmp_path):
    coach(tmp_path, "add-interview", "Acme", "--stage", "offer", "--date", day(-1))
    said = refused(tmp_path, "debrief", "1", "--went-well", "good numbers")
    assert said == (
        "error: Interview #1 at Acme is logged as 'offer', not an interview: write the debrief of "
        "the interview before it (`coach interviews` lists them)."
    )


def test_a_debrief_already_written_stays_editable_when_the_stage_changes(tmp_path):
    """As on the page: a debrief written before the stage was corrected to "applied" can still be
    added to (it would otherwise only be deleted)."""
    coach(tmp_path, "add-interview", "Acme", "--stage", "first round", "--date", day(-1))
    coach(tmp_path, "debrief", "1", "--went-well", "the design story")
    coach(tmp_path, "edit-interview", "1", "--stage", "applied")
    saved = coach(tmp_path, "debrief", "1", "--interest", "3")
    assert "Saved “Interest” in the debrief of interview #1" in saved


def test_an_option_s_kind_reads_as_on_the_page(tmp_path):
    """`coach interviews` listed "#1 batna · current job (open)" where the page says "BATNA"."""
    added = coach(tmp_path, "add-option", "batna", "--company", "current job", "--compensation", "135k")
    assert added.strip() == "Added option #1: BATNA · current job."
    coach(tmp_path, "add-option", "offer", "--company", "Acme")
    lines = coach(tmp_path, "interviews").splitlines()
    assert "  #1 BATNA · current job · 135k (open)" in lines, lines
    assert "  #2 offer · Acme (open)" in lines, lines
    deleted = coach(tmp_path, "delete-option", "1", "--yes")
    assert deleted.strip() == "Deleted option #1 (BATNA · current job)."


def test_coach_interviews_json_gives_the_time_spent_as_data_not_placeholder_words(tmp_path):
    """`coach interviews --json` held "summary": "nothing yet, 1 stage booked" for a process with a
    stage booked and none held, and "no interview yet" for an application alone: words the card and
    the terminal never show, and "first_date" was the day booked next week. Before a stage is held
    its time is numbers and nulls; once one is, `summary` is the sentence "Time spent" shows."""
    import json

    coach(tmp_path, "add-interview", "Hooli", "--stage", "first round", "--date", day(6))
    coach(tmp_path, "add-interview", "Wayne", "--stage", "applied", "--date", day(-3))
    coach(tmp_path, "add-interview", "Acme", "--stage", "recruiter screen", "--date", day(-9))
    coach(tmp_path, "add-interview", "Acme", "--stage", "first round", "--date", day(-2))
    listed = json.loads(coach(tmp_path, "interviews", "--json"))["opportunities"]
    time = {o["company"]: o["time"] for o in listed}
    nothing_held = {"stages_done": 0, "first_date": None, "last_date": None, "span_days": 0, "summary": None}
    for company, booked in (("Hooli", 1), ("Wayne", 0)):
        assert time[company] == {**time[company], **nothing_held, "stages_booked": booked}, time[company]
    assert time["Acme"] == {
        **time["Acme"],
        "stages_done": 2,
        "stages_booked": 0,
        "first_date": day(-9),
        "last_date": day(-2),
        "span_days": 7,
        "summary": "2 stages so far over 7 days",
    }, time["Acme"]
    printed = coach(tmp_path, "interviews")
    assert "  Time spent: 2 stages so far over 7 days" in printed.splitlines(), printed


def test_a_question_the_banks_hold_is_not_added_again_from_a_debrief(tmp_path):
    """A debrief listing "Describe a time you disagreed with your manager." added it to the practice
    questions beside the banks' "... with your manager's decision.", and Progress recommended both
    side by side; typed with a phone's apostrophe ("manager’s"), the bank's own words were added
    again too. Only the question the banks lack is added."""
    coach(tmp_path, "add-interview", "Acme", "--stage", "first round", "--date", day(-1))
    said = coach(
        tmp_path,
        "debrief",
        "1",
        "--interest",
        "4",
        "--question",
        "Describe a time you disagreed with your manager.",
        "--question",
        "Describe a time you disagreed with your manager\u2019s decision.",
        "--question",
        "What does on-call look like here?",
    )
    assert "1 question added to your practice questions." in said, said
    listed = unwrapped(coach(tmp_path, "questions", "--category", "behavioural"))
    assert listed.count("disagreed with your manager") == 1, listed


def test_history_names_a_company_as_its_fuller_spelling_typed_not_a_shorter_one(tmp_path):
    """A screen logged as "Initrode", then the technical round as "Initrode Inc.": `coach history`
    and `coach interviews` named both "Initrode" (the first way written wins a tie), while the
    technical round's Review page and `coach interview 2` said "Initrode Inc." as typed. Of two
    ways written as often, the fuller one names the company everywhere it is named once."""
    coach(tmp_path, "add-interview", "Initrode", "--stage", "recruiter screen", "--date", day(-20))
    coach(tmp_path, "add-interview", "Initrode Inc.", "--stage", "technical", "--date", day(-2))
    shown = coach(tmp_path, "interview", "2")
    assert shown.startswith(f"#2 Initrode Inc.: technical, {long_date(day(-2))}"), shown
    rows = coach(tmp_path, "history").splitlines()
    assert f"{day(-2)}  Initrode Inc. · technical · no recording reviewed yet" in rows, rows
    assert f"{day(-20)}  Initrode Inc. · recruiter screen · no recording reviewed yet" in rows, rows
    assert coach(tmp_path, "interviews").startswith("Initrode Inc.  (in progress)")
