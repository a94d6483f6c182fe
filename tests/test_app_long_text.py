"""Text longer than the store keeps, typed into a page's form: the page says the store's one
sentence as an error (no traceback), saves nothing, and keeps what was typed to be shortened."""

from __future__ import annotations

from app_support import in_form, interviews_page, page
from store_support import backend_fixture, db_fixture, logged_interview  # noqa: F401

from coach import banks, store

LONG_COMPANY = "Acme " + "R" * 196  # 201 characters: the store keeps a company up to 200
LONG_TITLE = "Director of the " + "platform" * 24  # 208 characters: so does a person's title


def _counts(db) -> tuple[int, int, int]:
    """Interviews, people met and debriefs kept."""
    interviews = store.list_interviews(db)
    people = sum(len(store.get_interview(db, i["id"])["people"]) for i in interviews)
    return len(interviews), people, len(store.list_debriefs(db))


def _refused(at, sentence: str) -> None:
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [sentence]
    assert not at.success


def test_a_company_too_long_for_a_new_interview_is_one_sentence_and_stays_typed(db):
    at = interviews_page().run()
    at.text_input[0].input(LONG_COMPANY)
    at.text_input[1].input("Data lead")
    at.text_area[0].input("Kim Park — recruiter")
    [b for b in at.button if b.label == "Add interview"][0].click().run()
    _refused(
        at,
        "The coach keeps the interview's company up to 200 characters, not 201; shorten the text "
        "(a longer text fits in the notes).",
    )
    assert _counts(db) == (0, 0, 0)
    assert [t.value for t in at.text_input[:2]] == [LONG_COMPANY, "Data lead"]
    assert at.text_area[0].value == "Kim Park — recruiter"


def test_a_company_too_long_for_an_interview_edited_is_one_sentence_and_stays_typed(db):
    interview_id = logged_interview(db)
    at = interviews_page().run()
    company = at.text_input(key=f"interviews_edit_company_{interview_id}")
    company.input(LONG_COMPANY)
    at.text_area(key=f"interviews_edit_notes_{interview_id}").input("Panel of three.")
    in_form(at.button, f"interviews_edit_{interview_id}")[0].click().run()
    _refused(
        at,
        "The coach keeps the interview's company up to 200 characters, not 201; shorten the text "
        "(a longer text fits in the notes).",
    )
    [kept] = store.list_interviews(db)
    assert (kept["company"], kept["notes"]) == ("Acme Robotics", "")
    assert at.text_input(key=f"interviews_edit_company_{interview_id}").value == LONG_COMPANY
    assert at.text_area(key=f"interviews_edit_notes_{interview_id}").value == "Panel of three."


def test_a_title_too_long_for_someone_met_refuses_the_whole_debrief_and_keeps_it_typed(db):
    interview_id = logged_interview(db)
    before = _counts(db)
    at = interviews_page().run()
    key = f"interviews_debrief_{interview_id}"
    at.text_area(key=f"{key}_went_well").input("The incident story landed.")
    at.text_area(key=f"{key}_people_met").input(f"Sam Lee — {LONG_TITLE}")
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    _refused(
        at,
        f"The coach keeps the person's title up to 200 characters, not {len(LONG_TITLE)}; "
        "shorten the text (a longer text fits in the notes).",
    )
    assert _counts(db) == before  # no debrief, no Sam
    assert at.text_area(key=f"{key}_went_well").value == "The incident story landed."
    assert at.text_area(key=f"{key}_people_met").value == f"Sam Lee — {LONG_TITLE}"


def test_a_note_that_would_make_someone_s_notes_too_long_refuses_the_debrief_before_saving_it(db):
    """A note typed for someone already met joins their notes; notes the store cannot keep used
    to be found only once the debrief was written (saved, and the page said it was not)."""
    from coach.store.schema import LONG_TEXT_CHARS

    kept_notes = "x" * (LONG_TEXT_CHARS - 10)
    interview_id = logged_interview(
        db, people=[{"name": "Dana Ortiz", "title": "hiring manager", "notes": kept_notes}]
    )
    before = _counts(db)
    at = interviews_page().run()
    key = f"interviews_debrief_{interview_id}"
    at.text_area(key=f"{key}_went_well").input("The incident story landed.")
    at.text_area(key=f"{key}_people_met").input("Dana Ortiz — hiring manager — wants a design doc first")
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    grown = len(kept_notes) + len("; wants a design doc first")
    _refused(  # the notes kept are what to shorten, with the Edit beside Dana's name
        at,
        f"The coach keeps up to {LONG_TEXT_CHARS:,} characters of notes on Dana Ortiz, and this note "
        f"would make them {grown:,}; shorten their notes with Edit beside their name, then save the "
        "debrief again.",
    )
    assert "Edit" in [p.proto.popover.label for p in at.get("popover")]  # beside her name, as it says
    assert _counts(db) == before  # the debrief was not written either
    [dana] = store.get_interview(db, interview_id)["people"]
    assert dana["notes"] == kept_notes
    assert at.text_area(key=f"{key}_went_well").value == "The incident story landed."


def test_notes_kept_too_long_to_add_to_are_shortened_in_the_person_s_edit_form(db):
    """The debrief said to shorten the text when a note would make someone's notes longer than the
    store keeps, but the notes already kept could not be shortened anywhere. Their Edit form now
    refuses notes over the limit in the same one sentence, keeping what was typed, and takes them
    shortened, after which the debrief's note is added."""
    from coach.store.schema import LONG_TEXT_CHARS

    kept_notes = "x" * (LONG_TEXT_CHARS - 10)
    interview_id = logged_interview(
        db, people=[{"name": "Dana Ortiz", "title": "hiring manager", "notes": kept_notes}]
    )
    [dana] = store.get_interview(db, interview_id)["people"]
    form = f"interviews_person_edit_{dana['id']}"
    at = interviews_page().run()
    too_long = kept_notes + "y" * 11
    in_form(at.text_area, form)[0].input(too_long)
    in_form(at.button, form)[0].click().run()
    _refused(
        at,
        f"The coach keeps the person's notes up to {LONG_TEXT_CHARS:,} characters, "
        f"not {LONG_TEXT_CHARS + 1:,}; shorten the text.",
    )
    [kept] = store.get_interview(db, interview_id)["people"]
    assert kept["notes"] == kept_notes
    assert in_form(at.text_area, form)[0].value == too_long
    in_form(at.text_area, form)[0].input("Ex-Stripe; runs the platform team")
    in_form(at.button, form)[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    key = f"interviews_debrief_{interview_id}"
    at.text_area(key=f"{key}_people_met").input("Dana Ortiz — hiring manager — wants a design doc first")
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [kept] = store.get_interview(db, interview_id)["people"]
    assert kept["notes"] == "Ex-Stripe; runs the platform team; wants a design doc first"


def test_a_question_over_400_characters_is_refused_in_a_sentence(tmp_path, monkeypatch):
    """The box stopped typing at 400 characters, and a browser drops a longer paste whole (the box
    stayed empty, then "The question is empty"); now the box takes it and the add refuses it in one
    sentence: nothing is added and the page stays whole (tests/test_app_long_question_paste.py)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    assert not at.text_area[0].max_chars  # no limit for a browser to drop a paste at
    at.text_area[0].input("Tell me about " + "a long time " * 40)  # 494 characters
    [b for b in at.button if b.label == "Add to my questions"][0].click().run()
    assert not at.exception and not at.success
    assert [e.value for e in at.error][0].startswith("The question is 493 characters long;")
    assert [q for q in banks.load_questions(tmp_path) if q.source != "bank"] == []


def test_a_question_of_one_long_word_is_kept_without_an_error_about_an_id(tmp_path, monkeypatch):
    """The id of an own question is made from its first words; a long word made an id longer than
    the store keeps, and the user, who never typed an id, was told to shorten one."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    text = "Why " + "supercalifragilistic" * 19 + "?"  # 385 characters: the box takes them
    at.text_area[0].input(text)
    [b for b in at.button if b.label == "Add to my questions"][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert text in [q.text for q in banks.load_questions(tmp_path)]


def test_a_question_of_one_long_word_in_a_debrief_joins_the_bank_with_the_debrief(db, tmp_path):
    """The same id, from a debrief's "questions they asked": the debrief was written, then the
    question refused, and the page said the save failed."""
    interview_id = logged_interview(db)
    text = "Why " + "supercalifragilistic" * 19 + "?"
    at = interviews_page().run()
    key = f"interviews_debrief_{interview_id}"
    at.text_area(key=f"{key}_questions_asked").input(text)
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [s.value for s in at.success] == [
        "Debrief saved. 1 question added to your practice questions. "
        "No skill gap is named: name one and Practice will recommend questions for it."
    ]
    assert text in [q.text for q in banks.load_questions(tmp_path)]
