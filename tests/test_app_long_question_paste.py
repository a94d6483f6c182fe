"""A question pasted longer than the coach keeps: the page took nothing at all (a browser drops a
paste longer than a box's max_chars; the box stayed empty at "0/400", then "The question is
empty…"). Now the box takes it and the add refuses it in one sentence, keeping what was typed."""

from app_support import page

from coach import banks

LONG = ("Tell me about a time you had to persuade a sceptical stakeholder " * 7).strip()


def _accepts(box, text: str) -> bool:
    """What a browser does with a paste: a box with a limit below the text's length drops it whole."""
    return not box.max_chars or box.max_chars >= len(text)


def test_a_long_question_pasted_on_the_questions_page_is_refused_in_a_sentence(tmp_path, monkeypatch):
    assert len(LONG) > banks.QUESTION_CHARS
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    box = at.text_area[0]
    assert box.label == "The question" and _accepts(box, LONG)
    box.input(LONG)
    [b for b in at.button if b.label == "Add to my questions"][0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"The question is {len(LONG)} characters long; keep it to the question itself, at most "
        f"{banks.QUESTION_CHARS} (the talking points hold the rest)."
    ]
    assert at.text_area[0].value == LONG  # what was typed is still there to shorten
    assert [q for q in banks.load_questions(tmp_path) if q.source != "bank"] == []


def test_a_long_question_pasted_on_the_practice_page_is_refused_in_a_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.segmented_control(key="practice_mode").set_value("Your own").run()
    box = at.text_area(key="practice_own_text")
    assert _accepts(box, LONG)
    box.input(LONG).run()
    at.button(key="practice_own_use").click().run()
    assert not at.exception
    # the page's box has no place for talking points, so the sentence does not send the rest there
    assert [e.value for e in at.error] == [
        f"The question is {len(LONG)} characters long; keep it to the question itself, at most "
        f"{banks.QUESTION_CHARS} characters."
    ]
    assert at.text_area(key="practice_own_text").value == LONG
    assert [q for q in banks.load_questions(tmp_path) if q.source != "bank"] == []


def test_a_long_question_pasted_into_your_questions_edit_box_is_refused_in_a_sentence(tmp_path, monkeypatch):
    """The edit box kept a limit: the paste was dropped, the box kept the old words, and "Save
    changes" said "Saved: <the old words>"; `coach edit-question --text` kept the 2,000 characters."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    mine = banks.add_user_question(tmp_path, "Why did you leave the bakery?")
    at = page("questions").run()
    box = at.text_area(key=f"questions_edit_text_{mine.id}")
    assert _accepts(box, LONG)
    box.input(LONG)
    [b for b in at.button if b.label == "Save changes"][0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"The question is {len(LONG)} characters long; keep it to the question itself, at most "
        f"{banks.QUESTION_CHARS} (the talking points hold the rest)."
    ]
    assert not at.success
    assert [q.text for q in banks.load_questions(tmp_path) if q.id == mine.id] == [mine.text]
