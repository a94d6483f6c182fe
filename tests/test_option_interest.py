"""How interested you are in each option (offer, alternative, BATNA), 1 to 5 as the playbook asks:
given on the Interviews page and by `coach add-option / edit-option`, shown on the option's card
and by `coach interviews`, and refused in one sentence when it is not 1 to 5."""

from app_support import interviews_page
from cli_support import coach_printed, coach_refused
from store_support import sqlite_db_fixture  # noqa: F401

from coach import store


def _card_interest(at) -> list[str]:
    """Each compared option's "Your interest" as its card shows it."""
    return [
        m.value.split("**Your interest**  \n")[1].split("\n\n")[0]
        for m in at.markdown
        if "**Your interest**" in m.value
    ]


def test_an_option_given_an_interest_on_the_page_shows_it_on_its_card_and_in_the_terminal(db, tmp_path):
    """The playbook asks to score each option 1 to 5, but the form had no such field: a BATNA's
    card said "Your interest —" whatever one thought of it."""
    at = interviews_page().run()
    [company] = [t for t in at.text_input if t.label == "Company (or 'current job')"]
    company.input("current job")
    [interest] = [s for s in at.segmented_control if s.label == "Your interest"]
    assert interest.value is None  # none given until one is picked
    interest.set_value(3)
    [b for b in at.button if b.label == "Add option"][0].click().run()
    assert not at.exception and not at.error, at.error
    assert _card_interest(at) == ["3 out of 5"]
    assert "#1 BATNA · current job · your interest 3/5 (open)" in coach_printed(tmp_path, "interviews")

    # changed in the edit form: the card and the terminal follow
    [edit] = [s for s in at.segmented_control if s.form_id.startswith("interviews_option_edit")]
    assert edit.value == 3
    edit.set_value(5)
    [b for b in at.button if b.label == "Save changes"][0].click().run()
    assert not at.exception and [s.value for s in at.success] == ["Option saved."]
    assert _card_interest(at) == ["5 out of 5"]
    assert [o["interest"] for o in store.list_options(db)] == [5]


def test_coach_add_and_edit_option_take_an_interest_and_refuse_one_not_1_to_5(db, tmp_path):
    coach_printed(tmp_path, "add-option", "batna", "--company", "current job", "--interest", "4")
    coach_printed(tmp_path, "add-option", "offer", "--company", "Acme")
    for bad in ("0", "6", "high"):
        said = repr(int(bad)) if bad.isdecimal() else repr(bad)
        assert coach_refused(tmp_path, "add-option", "offer", "--company", "Globex", "--interest", bad) == (
            f"error: Interest must be a whole number from 1 to 5, not {said}."
        )
        assert coach_refused(tmp_path, "edit-option", "2", "--interest", bad) == (
            f"error: Interest must be a whole number from 1 to 5, not {said}."
        )
    assert coach_printed(tmp_path, "edit-option", "2", "--interest", "2") == "Changed option #2: interest.\n"
    listed = coach_printed(tmp_path, "interviews")
    assert "#2 offer · Acme · your interest 2/5 (open)" in listed, listed
    assert "#1 BATNA · current job · your interest 4/5 (open)" in listed, listed
    coach_printed(tmp_path, "edit-option", "1", "--interest", "")  # '' removes it
    assert [o["interest"] for o in store.list_options(db)] == [None, 2]
    at = interviews_page().run()
    assert not at.exception
    assert _card_interest(at) == ["2 out of 5", ":gray[not given]"]  # the offer first, then the BATNA
    red_flags = [m.value for m in at.markdown if "**Red flags**" in m.value]
    none_noted = "**Red flags**  \n:gray[none noted]"
    assert len(red_flags) == 2 and all(none_noted in r for r in red_flags), red_flags
