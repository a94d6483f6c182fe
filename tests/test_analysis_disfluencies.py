"""Repetitions, false starts and hedges, one behaviour a test."""

from __future__ import annotations

from coach.analysis import analyze
from coach.types import Transcript


def repetitions(text: str) -> list[tuple[str, str]]:
    return [(r["text"], r["kind"]) for r in analyze(Transcript.from_text(text)).repetitions]


def hedges(text: str) -> list[str]:
    return [h["text"].lower() for h in analyze(Transcript.from_text(text)).hedges]


def test_doubled_word_is_a_repetition():
    assert repetitions("the the database was down") == [("the", "repetition")]


def test_repeated_phrase_marks_the_first_copy():
    assert repetitions("I was I was responsible for the API") == [("I was", "repetition")]


def test_repetition_across_a_comma():
    assert repetitions("It, it took a while.") == [("It", "repetition")]


def test_had_had_is_grammatical():
    assert repetitions("He had had enough of the pager.") == []


def test_very_very_is_emphasis():
    assert repetitions("It was a very very long week.") == []


def test_cut_off_word_is_a_false_start():
    assert repetitions("we bu- we built it") == [("bu-", "false_start")]


def test_hyphenated_word_is_not_a_false_start():
    assert repetitions("a well-known fix") == []


def test_repetitions_also_count_as_fillers():
    result = analyze(Transcript.from_text("the the database was down"))
    assert [f["kind"] for f in result.fillers] == ["repetition"]


def test_i_guess_is_a_hedge():
    assert hedges("I guess it worked.") == ["i guess"]


def test_i_think_about_is_not_a_hedge():
    assert hedges("I think about scale first.") == []


def test_just_is_a_minimizer():
    result = analyze(Transcript.from_text("I just wrote a small script."))
    assert [(h["text"], h["kind"]) for h in result.hedges] == [("just", "minimizer")]


def test_not_only_and_not_just_are_no_minimizers():
    """A real recording (tests/data/real_speech/news.wav) had "only" marked as a hedge in "promised
    not only to protect the ethanol mandate but to expand it": "not only … but" says more, not
    less. "only" and "just" alone still shrink what was done."""
    assert hedges("Trump promised not only to protect the ethanol mandate but to expand it.") == []
    assert hedges("It was not just me: the whole team stayed late.") == []
    assert hedges("It took only two days.") == ["only"]


def test_a_kind_of_tool_is_not_a_hedge():
    assert hedges("It is a kind of tool.") == []


def test_and_and_is_a_repetition():
    assert repetitions("and and then we deployed it") == [("and", "repetition")]


def test_question_then_its_answer_is_not_a_repetition():
    assert repetitions("what kind of system was it um it was a batch system") == []


def test_repetition_across_a_filled_pause_is_still_a_repetition():
    assert repetitions("it um it was harder than it looked") == [("it", "repetition")]
