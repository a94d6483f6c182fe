"""A question of your own, given no competencies, practises what the bank's questions worded like it
practise: every one was filed under communication, so "Tell me about a time you designed a system
that had to scale" was practice for a communication gap and never for a system design one."""

from pathlib import Path

from app_support import page
from cli_support import coach_printed

from coach import banks, playbook
from coach.banks import guess_competencies, load_questions

SCALE = "Tell me about a time you designed a system that had to scale."
RATE_LIMITER = "How would you design a rate limiter for a payments API?"


def _closest_bank_tags(text: str) -> set[str]:
    """The competencies the shipped question worded most like `text` is tagged with."""
    shipped = list(banks._shipped_questions().values())
    [(place, _similarity)] = banks.closest(text, shipped, top=1)
    return set(shipped[place].competencies)


def test_a_technical_question_practises_what_its_closest_bank_questions_do():
    guessed = guess_competencies(RATE_LIMITER)
    assert guessed != ["communication"]
    assert "system-design" in guessed and "system-design" in _closest_bank_tags(RATE_LIMITER)


def test_a_question_like_none_in_the_bank_practises_what_its_kind_most_often_does():
    shipped = list(banks._shipped_questions().values())
    guessed = guess_competencies("Qzx vvk jjw?", "technical")
    assert guessed == list(banks.kind_competency_shares("technical", shipped))[:2]
    assert "technical-depth" in guessed and "communication" not in guessed


def test_communication_only_when_nothing_says_otherwise():
    assert guess_competencies("Qzx vvk jjw?", "technical", bank=[]) == ["communication"]


def test_a_question_added_on_the_page_with_no_competencies_gets_its_neighbours(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    [chooser] = [m for m in at.multiselect if m.label == "Competencies it tests"]
    # it starts empty, and says what empty means
    assert chooser.value == []
    assert "Left empty, they are told from the question's words" in chooser.help
    at.text_area[0].input(SCALE)
    [b for b in at.button if b.label == "Add to my questions"][0].click().run()
    assert not at.exception and not at.error
    [mine] = [q for q in load_questions(tmp_path) if q.text == SCALE]
    assert mine.competencies != ("communication",)
    assert "system-design" in mine.competencies
    # and says so where it was added, as `coach add-question` prints "practises: …"
    [added] = [s.value.replace("\\", "") for s in at.success]  # as shown, without markdown's escapes
    assert added.startswith(f"Added: {SCALE} It practises system design"), added
    assert added.endswith(", told from its words; change them under “Your questions”."), added


def test_competencies_chosen_on_the_page_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    at.text_area[0].input(SCALE)
    [chooser] = [m for m in at.multiselect if m.label == "Competencies it tests"]
    chooser.set_value(["mentoring"])
    [b for b in at.button if b.label == "Add to my questions"][0].click().run()
    assert not at.exception and not at.error
    [mine] = [q for q in load_questions(tmp_path) if q.text == SCALE]
    assert mine.competencies == ("mentoring",)
    assert [s.value.replace("\\", "") for s in at.success] == [f"Added: {SCALE}"]


def test_coach_add_question_says_what_it_was_told_and_keeps_a_competency_given(tmp_path: Path):
    told = coach_printed(tmp_path, "add-question", RATE_LIMITER)
    practises = next(line for line in told.splitlines() if "practises:" in line)
    assert "system-design" in practises and "communication;" not in practises, told
    given = coach_printed(tmp_path / "other", "add-question", RATE_LIMITER, "--competency", "leadership")
    assert "  practises: leadership; difficulty medium" in given.splitlines(), given


def test_a_question_from_a_debrief_practises_what_its_neighbours_do(tmp_path: Path):
    [saved] = playbook.save_questions_asked(tmp_path, {"questions_asked": [SCALE]})
    assert saved.source == "real interview"
    assert saved.competencies != ("communication",)
    assert "system-design" in saved.competencies
