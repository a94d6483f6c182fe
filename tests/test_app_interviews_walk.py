"""What a new user met on the Interviews page, walked through in a browser: a refused line among
several people typed, a current job added as an offer, an interview years ahead counted in days."""

from __future__ import annotations

from app_support import in_form, interviews_page
from store_support import logged_interview, sqlite_db_fixture  # noqa: F401

from coach import store

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
