"""What a new user met on the Interviews page, walked through in a browser: a refused line among
several people typed, an interview years ahead counted in days, a current job added as an offer."""

from __future__ import annotations

from datetime import date

from app_support import in_form, interviews_page, markdown_text
from store_support import logged_interview, sqlite_db_fixture  # noqa: F401

from coach import store
from coach.ui.highlight import escape
from coach.ui.log_labels import date_words, deadline_words

ADD_FORM = "interviews_add"


def test_a_line_with_no_name_among_several_people_is_quoted(db):
    """Three people typed for a new interview, the second with no name: the page said "Type the
    person's name", and which of the three lines it meant was left to find."""
    at = interviews_page().run()
    in_form(at.text_input, ADD_FORM)[0].input("Acme Robotics")  # company
    people = [t for t in in_form(at.text_area, ADD_FORM) if t.label.startswith("People you will meet")]
    people[0].input("Dana Ortiz — hiring manager\n— VP engineering\nSam Lee")
    [b for b in in_form(at.button, ADD_FORM) if b.label == "Add interview"][0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The line “— VP engineering” has no name: start it with the person's name (then, if you "
        "like, ' — ' their title and a note)."
    ]
    assert store.list_interviews(db) == []  # nothing added, and the lines stay as typed
    assert people[0].value.startswith("Dana Ortiz")

    # the same in a debrief's people met
    interview_id = logged_interview(db)
    at.run()
    form = f"interviews_debrief_{interview_id}"
    [met] = [t for t in in_form(at.text_area, form) if t.label == "People met (one a line)"]
    met.input("Kim Park — recruiter\n" + "— " + "a very long note about the panel " * 5)
    [b for b in in_form(at.button, form) if b.label == "Save debrief"][0].click().run()
    assert not at.exception
    [said] = [e.value for e in at.error]
    long_line = "“— a very long note about the panel a very long note about…”"
    assert said.startswith(f"The line {long_line} has no name")


def test_an_interview_years_ahead_is_said_in_years_not_days(db):
    """Booked four years ahead, its card's next step read "(in 1461 days)"; the Prepare tab's
    "Coming up" too."""
    today = date.today()
    ahead = today.replace(year=today.year + 4, day=min(today.day, 28))
    logged_interview(db, interview_date=ahead.isoformat(), people=[])
    at = interviews_page().run()
    assert not at.exception
    text = markdown_text(at)
    said = "(in 4 years)" if ahead.day == today.day else "(in about 4 years)"
    # the card's next step (escaped, as the stage's name in it is) and "Coming up"
    assert text.count(escape(said)) == 1 and text.count(said) == 1 and " days)" not in text


def test_how_far_ahead_reads_in_days_then_months_then_years():
    today = date(2026, 12, 6)
    said = {iso: date_words(iso, today) for iso in ("2026-12-15", "2027-02-04", "2027-03-06", "2027-03-20")}
    assert said == {
        "2026-12-15": "Tue 15 Dec (in 9 days)",
        "2027-02-04": "Thu 4 Feb 2027 (in 60 days)",  # two months ahead: planned by the day
        "2027-03-06": "Sat 6 Mar 2027 (in 3 months)",
        "2027-03-20": "Sat 20 Mar 2027 (in about 3 months)",
    }
    assert date_words("2027-12-06", today) == "Mon 6 Dec 2027 (in 1 year)"
    assert deadline_words("2031-05-01", today) == "Thu 1 May 2031 (in about 4 years)"


def test_the_current_job_added_with_no_kind_chosen_is_the_batna(db):
    """The tab says to start with your current job, the BATNA to beat, and the company box says
    "(or 'current job')": typed there and added, it was kept as the form's first kind, an offer,
    its card badged "offer" with "no deadline" to answer by. A kind chosen is kept as chosen."""
    at = interviews_page().run()
    [company] = [t for t in at.text_input if t.label == "Company (or 'current job')"]
    company.input("Current job")
    [b for b in at.button if b.label == "Add option"][0].click().run()
    assert not at.exception and not at.error
    text = markdown_text(at)
    assert "-badge[BATNA]" in text and "-badge[offer]" not in text
    [company] = [t for t in at.text_input if t.label == "Company (or 'current job')"]
    company.input("Globex")  # another, named: an offer
    [b for b in at.button if b.label == "Add option"][0].click().run()
    [company] = [t for t in at.text_input if t.label == "Company (or 'current job')"]
    company.input("current job")  # a counter-offer, said so
    [kind] = [s for s in at.selectbox if s.label == "Kind" and s.form_id.startswith("interviews_option__")]
    assert kind.value is None  # each new option starts with none chosen
    kind.set_value("offer")
    [b for b in at.button if b.label == "Add option"][0].click().run()
    assert not at.error
    kept = [(o["kind"], o["company"]) for o in store.list_options(db)]
    assert sorted(kept) == [("batna", "Current job"), ("offer", "Globex"), ("offer", "current job")]
