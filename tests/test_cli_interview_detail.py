"""`coach interviews` and `coach interview N` say what the Interviews page says of the same
interview: people written one way, and what a stage's entry on the page shows (real SQLite, `coach`
commands run as a user runs them, the page through AppTest)."""

from __future__ import annotations

from app_support import interviews_page, markdown_text
from cli_support import coach_printed as coach
from cli_support import day

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

    listed = coach(tmp_path, "interviews").splitlines()
    met = next(line for line in listed if line.startswith("  People met: "))
    assert met.startswith(
        "  People met: Ann Lee — Engineering manager (ex-Stripe), Bo Chen, Dee Roy — Staff engineer ("
    ), met
    # long notes cut as the card cuts them, with where the rest is
    assert met.endswith("…; the rest is in `coach interview 1`)"), met
    assert "  To meet: Cy Park — CTO" in listed, listed
    assert "Person: Ann Lee — Engineering manager (ex-Stripe)" in coach(tmp_path, "interview", "1")

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    page = markdown_text(at)
    assert "**People met:** " + escape("Ann Lee — Engineering manager (ex-Stripe), Bo Chen, Dee Roy") in page
    assert "**To meet:** " + escape("Cy Park — CTO") in page
