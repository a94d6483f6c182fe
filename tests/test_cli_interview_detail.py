"""`coach interviews` and `coach interview N` say what the Interviews page says of the same
interview: people written one way, and what a stage's entry on the page shows (real SQLite, `coach`
commands run as a user runs them, the page through AppTest)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from app_support import interviews_page, markdown_text
from cli_support import coach_printed as coach
from cli_support import day, unwrapped

from coach.local_time import long_date
from coach.ui.highlight import escape

LONG_NOTES = "Ran the platform team at Stripe for six years. " * 12


def test_people_read_as_on_the_interviews_page(tmp_path, monkeypatch):
    """`coach interviews` wrote "People met: Ann Lee (Engineering manager)" where the page's card
    and `coach interview N` write "Ann Lee — Engineering manager", and left out the notes the card
    shows after the name."""
    coach(
        tmp_path,
        *("add-interview", "Acme Robotics", "--stage", "first round", "--date", day(-2)),
        *("--person", "Ann Lee — Engineering manager — ex-Stripe", "--person", "Bo Chen"),
    )
    coach(
        tmp_path,
        "add-interview",
        "Acme Robotics",
        "--stage",
        "final",
        "--date",
        day(5),
        "--person",
        "Cy Park — CTO",
    )
    coach(tmp_path, "add-person", "1", "Dee Roy — Staff engineer — " + LONG_NOTES)

    # wrapped at words in 80 columns, under the heading
    listed = coach(tmp_path, "interviews").replace("\n    ", " ").splitlines()
    met = next(line for line in listed if line.startswith("  People met: "))
    assert met.startswith(
        "  People met: Ann Lee — Engineering manager (ex-Stripe), Bo Chen, Dee Roy — Staff engineer ("
    ), met
    # long notes cut as the card cuts them, with where the rest is
    assert met.endswith("…; the rest is in coach interview 1)"), met  # as the notes say it
    assert "  To meet: Cy Park — CTO" in listed, listed
    # under the page's heading for each stage: "People met", "To meet" for one still to come
    assert "\nPeople met:\n  - Ann Lee — Engineering manager (ex-Stripe)\n  - Bo Chen\n" in coach(
        tmp_path, "interview", "1"
    )
    assert "\nTo meet:\n  - Cy Park — CTO\n" in coach(tmp_path, "interview", "2")

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    page = markdown_text(at)
    assert "**People met:** " + escape("Ann Lee — Engineering manager (ex-Stripe), Bo Chen, Dee Roy") in page
    assert "**To meet:** " + escape("Cy Park — CTO") in page


def _reviewed_after_its_debrief(data_dir) -> str:
    """A screen held two days ago whose debrief lists one question they asked, then its recording
    reviewed: one answer to a question of the bank, one to a question the bank does not hold.
    Returns the bank question's words."""
    from store_support import analysis_dict, save_real_answers

    from coach import banks, store
    from coach.config import load_settings

    coach(data_dir, "add-interview", "Acme Robotics", "--stage", "recruiter screen", "--date", day(-2))
    coach(data_dir, "debrief", "1", "--interest", "4", "--question", ASKED, "--not-to-bank")
    settings = load_settings(data_dir)
    db = store.open_store(settings)
    try:
        save_real_answers(
            db,
            1,
            [
                {"question_id": "swe-beh-01", "question_text": "tell me about a time, um, you fixed it",
                 "analysis": analysis_dict(overall=72.0, duration_s=70.4)},
                {"question_id": None, "question_text": HEARD, "analysis": analysis_dict(overall=61.0)},
            ],
        )  # fmt: skip
    finally:
        db.close()
    return banks.get_question("swe-beh-01", data_dir).text


ASKED = "How would you design a rate limiter?"  # typed into the debrief
HEARD = "Why do you want to leave your current job?"  # heard in the recording only


def test_coach_interview_says_what_the_stage_s_entry_on_the_page_shows(tmp_path, monkeypatch):
    """`coach interview N` left out what the stage's entry on the Interviews page shows: each
    answer's length and that its question was not practised before, the day the debrief was
    written, and the questions the review heard (only the debrief's were listed)."""
    bank = _reviewed_after_its_debrief(tmp_path)
    shown = coach(tmp_path, "interview", "1")
    assert (
        f"\nDebrief {long_date(date.today())} — interest 4/5, go on to the next stage: undecided\n" in shown
    )
    questions = [bank, HEARD, ASKED]
    assert "\nQuestions they asked:\n" + "".join(f"  - {q}\n" for q in questions) in shown, shown
    # wrapped at words in 80 columns
    assert f"1. “{bank}” score 72, 150 wpm, 4.0 fillers/100, 1:10 long; not practised before 2." in unwrapped(
        shown
    )
    assert f"2. “{HEARD}” score 61, 150 wpm, 4.0 fillers/100, 1:30 long; not practised before" in unwrapped(
        shown
    )
    assert json.loads(coach(tmp_path, "interview", "1", "--json"))["questions_they_asked"] == questions

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    page = markdown_text(at)
    assert "1:10 long · not practised before" in page and "1:30 long" in page
    assert all(escape(q) in page for q in questions), page


def test_an_interview_held_without_a_recording_says_none_was_reviewed(tmp_path):
    """The page's entry says "Recording: none reviewed yet" of an interview held and offers to
    review it; `coach interview N` said nothing of it. One still to come says nothing."""
    coach(tmp_path, "add-interview", "Acme Robotics", "--date", day(-1))
    coach(tmp_path, "add-interview", "Acme Robotics", "--stage", "final", "--date", day(6))
    held = coach(tmp_path, "interview", "1")
    said = "Recording: none reviewed yet; `coach review RECORDING --save --interview 1` reviews it."
    assert said in unwrapped(held), held  # wrapped at words in 80 columns, the command whole
    assert "`coach review RECORDING --save --interview 1`" in held, held
    assert "Recording" not in coach(tmp_path, "interview", "2")


def test_every_debrief_an_interview_holds_is_shown_as_the_page_lists_them(tmp_path, monkeypatch):
    """Older data can hold two debriefs of one interview: the page lists both, `coach interview N`
    showed the newest alone."""
    from coach import store
    from coach.config import load_settings

    coach(tmp_path, "add-interview", "Acme Robotics", "--stage", "first round", "--date", day(-3))
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_debrief(db, 1, interest=2, proceed=False, went_well="the coding round")
        store.add_debrief(db, 1, interest=4, proceed=True, went_well="the system design round")
    finally:
        db.close()
    shown = coach(tmp_path, "interview", "1")
    assert shown.count("\nDebrief ") == 2, shown
    assert "interest 2/5, go on to the next stage: no\n  Went well:\n    the coding round\n" in shown
    assert "interest 4/5, go on to the next stage: yes\n  Went well:\n    the system design round\n" in shown

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    page = markdown_text(at)
    assert "the coding round" in page and "the system design round" in page


def test_coach_interview_says_its_days_in_words_as_the_terminal_s_sentences_do(tmp_path):
    """`coach interview N` dated the stage and its debrief "2026-12-04", "2026-12-06", where every
    other sentence in the terminal and on the pages says a day in words ("Next step: recruiter
    screen on Fri 4 Dec 2026" in `coach interviews`, `coach progress`, `coach questions`). It was
    made ISO when `coach interviews` and `coach history` wrote every day so; their table columns and
    --json keep ISO, as `coach interview N --json` does."""

    def words(days_from_today: int) -> str:
        return long_date(date.today() + timedelta(days=days_from_today))

    coach(tmp_path, "add-interview", "Acme Robotics", "--stage", "recruiter screen", "--date", day(-2))
    coach(tmp_path, "debrief", "1", "--interest", "4", "--proceed", "yes")
    shown = coach(tmp_path, "interview", "1").splitlines()
    assert shown[0] == f"#1 Acme Robotics: recruiter screen, {words(-2)}", shown
    [debrief] = [line for line in shown if line.startswith("Debrief ")]
    assert debrief == f"Debrief {words(0)} — interest 4/5, go on to the next stage: yes", shown
    as_json = json.loads(coach(tmp_path, "interview", "1", "--json"))
    assert as_json["interview_date"] == day(-2)
    assert f"  #1    {day(-2)}  recruiter screen" in coach(tmp_path, "interviews"), shown  # a table's column


def test_a_stage_logged_as_other_is_named_as_the_interviews_page_lists_it(tmp_path):
    """Hooli's first meeting, logged as "other": its row on the Interviews page reads "interview"
    (interview_log.stage_listed), while `coach history` listed "Hooli · other" and `coach interview
    1` "#1 Hooli: other, …"."""
    coach(tmp_path, "add-interview", "Hooli", "--stage", "other", "--date", day(-2))
    history = coach(tmp_path, "history")
    assert "Hooli · interview" in history and "other" not in history, history
    shown = coach(tmp_path, "interview", "1")
    assert shown.startswith("#1 Hooli: interview, "), shown
