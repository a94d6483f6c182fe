"""Repetitions ("the the", "I was I was") and false starts ("we bu- we built").

The repeated first copy is the disfluency (the listener hears it as a stumble); the second copy
is the sentence carrying on. A cut-off word is a token ending in a hyphen that is not joined to
the next word, which is how Whisper and most typists write a word broken off.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from coach.analysis.context import is_filled_pause, token_columns
from coach.analysis.extensions import Mark, register_extensions

# Doubled words that are grammatical or deliberate emphasis, not stumbles.
ALLOWED_DOUBLES = frozenset(
    {
        "had",
        "that",
        "very",
        "really",
        "no",
        "yes",
        "yeah",
        "bye",
        "ha",
        "so",
        "is",
        "do",
        "knock",
        "many",
        "much",
        "more",
        "far",
        "again",
        "long",
        "over",
        "out",
        "after",
        "by",
        "on",
        "step",
        "one",
        "two",
    }
)
MAX_REPEAT_WORDS = 3
BREAK_PUNCT = frozenset({".", "?", "!", ";", ":"})


def _words(doc: Doc) -> list[tuple[int, str]]:
    """(token index, lowercase word) for tokens that are words, skipping commas and dashes."""
    low, _, punct, _, _ = token_columns(doc)
    return [
        (i, w)
        for i, (w, p) in enumerate(zip(low, punct, strict=True))
        if (not p or w in BREAK_PUNCT) and not is_filled_pause(w)
    ]


def find_repetitions(doc: Doc, skip: set[int]) -> list[Mark]:
    words = _words(doc)
    marks: list[Mark] = []
    k = 0
    while k < len(words):
        found = 0
        for size in range(MAX_REPEAT_WORDS, 0, -1):
            first = [w for _, w in words[k : k + size]]
            second = [w for _, w in words[k + size : k + 2 * size]]
            if len(second) < size or first != second or any(w in BREAK_PUNCT for w in first):
                continue
            if size == 1 and (first[0] in ALLOWED_DOUBLES or not first[0][:1].isalpha()):
                continue
            if size == 1 and _question_then_answer(words, k):
                continue
            if any(idx in skip for idx, _ in words[k : k + 2 * size]):
                continue
            if size > 1 and any(not w[:1].isalnum() and w[:1] != "'" for w in first):
                continue
            start, end = words[k][0], words[k + size - 1][0] + 1
            marks.append(Mark("repetition", " ".join(first), start, end))
            found = size
            break
        k += found or 1
    return marks


def _question_then_answer(words: list[tuple[int, str]], k: int) -> bool:
    """ "was it | it was", "did we | we did": the doubled word is the hinge of a question and its answer."""
    if k < 1 or k + 2 >= len(words):
        return False
    before, after = words[k - 1][1], words[k + 2][1]
    return before == after and before[:1].isalpha()


def find_false_starts(doc: Doc) -> list[Mark]:
    low, _, punct, _, _ = token_columns(doc)
    marks = []
    for i, text in enumerate(low):
        if len(text) >= 2 and text.endswith("-") and text[:-1].replace("'", "").isalpha():
            marks.append(Mark("false_start", text, i, i + 1))
        elif text in {"—", "--", "–"} and i > 0 and not punct[i - 1] and _restarts(doc, i):
            marks.append(Mark("false_start", low[i - 1], i - 1, i))
    return marks


def _restarts(doc: Doc, dash: int) -> bool:
    """A dash followed by a word repeated from just before it: "we were — we decided"."""
    before = {t.lower_ for t in doc[max(0, dash - 4) : dash] if not t.is_punct}
    after = doc[dash + 1 : dash + 3]
    return any(t.lower_ in before for t in after if not t.is_punct)


class DisfluencyFinder:
    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict(doc))
        return doc

    def predict(self, doc: Doc) -> list[Mark]:
        fillers = {i for m in (doc._.coach_fillers or []) for i in range(m.start, m.end)}
        false_starts = [m for m in find_false_starts(doc) if m.start not in fillers]  # "uh-": a filler
        skip = fillers | {m.start for m in false_starts}
        return sorted(find_repetitions(doc, skip) + false_starts, key=lambda m: m.start)

    def set_annotations(self, doc: Doc, marks: list[Mark]) -> None:
        doc._.coach_disfluencies = marks


@Language.factory("coach_disfluencies")
def make_disfluency_finder(nlp: Language, name: str) -> DisfluencyFinder:
    register_extensions()
    return DisfluencyFinder()
