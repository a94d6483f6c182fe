"""The advice under a slow pace follows where the answer's time went (fillers.wav was told
"Shorter pauses inside sentences would lift it" while its only long pause came at a sentence end)."""

from __future__ import annotations

from coach.analysis.feedback import _what_slows


def _pauses(*items: tuple[float, bool]) -> dict:
    return {
        "total_s": sum(seconds for seconds, _ in items),
        "items": [{"seconds": seconds, "at_boundary": at_end} for seconds, at_end in items],
    }


def test_pauses_inside_sentences_are_named_only_when_they_hold_the_time():
    assert _what_slows(_pauses((1.2, False), (0.6, True)), 20.0) == (
        "Shorter pauses inside sentences would lift it."
    )


def test_long_pauses_between_sentences_are_named_as_such():
    # fillers.wav: three pauses, all at sentence ends, 3.9 s of 14.1 s
    shown = _what_slows(_pauses((0.76, True), (0.25, True), (2.89, True)), 14.1)
    assert shown == "Shorter pauses between sentences would lift it."


def test_when_pauses_are_few_the_advice_is_to_say_each_sentence_faster():
    assert _what_slows(_pauses((0.3, True)), 30.0) == (
        "The pauses are not what slows it: say each sentence a little faster."
    )
    assert _what_slows(None, None).startswith("The pauses are not what slows it")  # typed, no timing
