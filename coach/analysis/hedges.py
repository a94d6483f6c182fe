"""Hedges and weak language: "I think maybe", "I guess", "sort of", "just".

A hedge softens a claim the speaker could state plainly; a minimizer ("just", "a little bit")
shrinks their own work. Both are reported as counts with examples, not as faults: a few are
normal, and the feedback only mentions them when they pile up.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from coach.analysis.context import Context
from coach.analysis.extensions import Mark, register_extensions
from coach.analysis.fillers import softening_phrase_length

# Phrases as lowercase token sequences (spaCy splits "I'm" into "i", "'m").
HEDGE_PHRASES: dict[tuple[str, ...], str] = {
    ("i", "think"): "hedge",
    ("i", "guess"): "hedge",
    ("i", "believe"): "hedge",
    ("i", "suppose"): "hedge",
    ("i", "feel", "like"): "hedge",
    ("i", "would", "say"): "hedge",
    ("i", "'d", "say"): "hedge",
    ("maybe",): "hedge",
    ("perhaps",): "hedge",
    ("probably",): "hedge",
    ("possibly",): "hedge",
    ("i", "'m", "not", "sure"): "hedge",
    ("not", "sure", "if"): "hedge",
    ("hopefully",): "hedge",
    ("somewhat",): "hedge",
    ("more", "or", "less"): "hedge",
    ("pretty", "much"): "hedge",
    ("kind", "of"): "hedge",
    ("sort", "of"): "hedge",
    ("kinda",): "hedge",
    ("sorta",): "hedge",
    ("i", "tried", "to"): "hedge",
    ("just",): "minimizer",
    ("a", "little", "bit"): "minimizer",
    ("a", "bit"): "minimizer",
    ("only",): "minimizer",
    ("simply",): "minimizer",
}
MAX_PHRASE = max(len(p) for p in HEDGE_PHRASES)
# "I think about", "just in time": the same words doing a different job.
NOT_HEDGE_AFTER: dict[tuple[str, ...], frozenset[str]] = {
    ("i", "think"): frozenset({"about", "of", "through"}),
    ("just",): frozenset({"in", "now", "before", "after", "as"}),
    ("only",): frozenset({"after", "when", "if", "once"}),
}
# "not only … but", "not just … but also": more said, not less; a minimizer only without the "not".
NOT_HEDGE_BEFORE: dict[tuple[str, ...], frozenset[str]] = {
    ("just",): frozenset({"not"}),
    ("only",): frozenset({"not"}),
}


def find_hedges(doc: Doc) -> list[Mark]:
    ctx = Context(doc)
    marks: list[Mark] = []
    i = 0
    low = ctx.low
    while i < len(low):
        for size in range(min(MAX_PHRASE, len(low) - i), 0, -1):  # never past the last token
            phrase = tuple(low[i : i + size])
            kind = HEDGE_PHRASES.get(phrase)
            if kind is None:
                continue
            nxt = low[i + size] if i + size < len(low) else ""
            if nxt in NOT_HEDGE_AFTER.get(phrase, ()):
                continue
            if i and low[i - 1] in NOT_HEDGE_BEFORE.get(phrase, ()):
                continue
            if phrase[0] in {"kind", "sort", "kinda", "sorta"} and not softening_phrase_length(ctx, i):
                continue  # "a kind of tool" is a noun, not a hedge
            marks.append(Mark(kind, " ".join(phrase).replace(" '", "'"), i, i + size))
            i += size - 1
            break
        i += 1
    return marks


class HedgeFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.coach_hedges = find_hedges(doc)
        return doc


@Language.factory("coach_hedges")
def make_hedge_finder(nlp: Language, name: str) -> HedgeFinder:
    register_extensions()
    return HedgeFinder()
