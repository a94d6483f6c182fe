"""Cheap per-document views (lowercase words, tags, boundaries) that the filler rules read.

Building these lists once per document keeps every rule a few list look-ups, which is what lets a
one-hour transcript analyse in seconds.
"""

from __future__ import annotations

from spacy.tokens import Doc

from coach.filled_pause import FILLED_PAUSE

SUBJECT_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "it", "you", "there", "that", "this"})
CONJUNCTIONS = frozenset({"and", "but", "or", "so", "because", "then", "cause", "'cause", "cos"})
# A pause this long between words acts like a comma for the rules (about the 0.5 s at which
# listeners hear a clause break; see Thresholds.natural_pause_s for the 0.6 s boundary norm).
PAUSE_AS_COMMA_S = 0.5


def is_filled_pause(text: str) -> bool:
    """A spaCy token's text, its punctuation already split off (a cut-off "uh-" is not one here)."""
    return bool(FILLED_PAUSE.match(text.lower()))


def token_columns(doc: Doc) -> tuple[list[str], list[str], list[bool], list[bool], list[bool]]:
    """Lowercase words, tags, punctuation, sentence starts and trailing spaces, read in one pass.

    Cached on the Doc: iterating Token objects is the slowest thing a component can do.
    """
    cached = doc.user_data.get("coach_columns")
    if cached is not None and len(cached[0]) == len(doc):
        return cached
    if not len(doc):
        return [], [], [], [], []
    rows = doc.to_array(["LOWER", "TAG", "IS_PUNCT", "IS_SPACE", "SENT_START", "SPACY"]).tolist()
    names: dict[int, str] = {}
    strings = doc.vocab.strings

    def name(h: int) -> str:
        text = names.get(h)
        if text is None:
            text = names[h] = strings[h] if h else ""
        return text

    columns = (
        [name(r[0]) for r in rows],
        [name(r[1]) for r in rows],
        [bool(r[2] or r[3]) for r in rows],
        [r[4] == 1 for r in rows],
        [bool(r[5]) for r in rows],
    )
    doc.user_data["coach_columns"] = columns
    return columns


class Context:
    """Word-level facts about one Doc, with the notion of a "boundary" the filler rules share."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.n = len(doc)
        self.low, self.tag, self.punct, self.sent_start, self.space_after = token_columns(doc)
        self.times = doc._.coach_times
        self.fillers: set[int] = set()

    def word(self, i: int) -> str:
        """Lowercase word at i, or "" outside the document."""
        return self.low[i] if 0 <= i < self.n else ""

    def tag_at(self, i: int) -> str:
        return self.tag[i] if 0 <= i < self.n else ""

    def pause_before(self, i: int) -> bool:
        if self.times is None:
            return False
        gap = self.times.gap_before(i)
        return gap is not None and gap >= PAUSE_AS_COMMA_S

    def boundary_before(self, i: int) -> bool:
        """Token i starts a clause: document or sentence start, after punctuation, a filler or a pause."""
        if i <= 0 or self.sent_start[i]:
            return True
        return self.punct[i - 1] or (i - 1) in self.fillers or self.pause_before(i)

    def boundary_after(self, j: int) -> bool:
        """Token j ends a clause: last token, or before punctuation, a filled pause, a sentence or a pause."""
        k = j + 1
        if k >= self.n or self.sent_start[k]:
            return True
        return self.punct[k] or is_filled_pause(self.low[k]) or self.pause_before(k)

    def clause_start(self, i: int) -> bool:
        """Like boundary_before, but a conjunction ("and like", "but you know") also opens a clause."""
        return self.boundary_before(i) or (self.word(i - 1) in CONJUNCTIONS and self.boundary_before(i - 1))

    def next_word_index(self, j: int) -> int:
        """Index of the first non-punctuation token after j (n if none)."""
        k = j + 1
        while k < self.n and self.punct[k]:
            k += 1
        return k

    def comma_after(self, j: int) -> bool:
        return j + 1 < self.n and self.low[j + 1] in {",", "...", "…", "—", "–", "--"}
