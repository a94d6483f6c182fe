"""Filled pauses (um, uh) and discourse markers used as fillers (like, you know, I mean, so...).

Filled pauses are found by their spelling. Whether a discourse marker is a filler is decided by
the model in filler_model.py, learned from Rev16's editors (issue 16): "like" in "I like Python" is
a verb, in "I was like, no" a quotative the editors keep, in "like three podcasts" a filler. The
hand-written rules below (one a marker, reading a `Context`) are one of the model's features and
the benchmark's "old rules"; "kind of"/"sort of" from them feed the hedges, never the fillers.
`predict` decides and `set_annotations` writes, as spaCy components do.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from coach.analysis import filler_context, filler_model
from coach.analysis.context import CONJUNCTIONS, SUBJECT_PRONOUNS, Context, is_filled_pause
from coach.analysis.extensions import Mark, register_extensions

CLAUSE_SUBJECTS = frozenset(
    {
        "i",
        "we",
        "he",
        "she",
        "they",
        "you",
        "there",
        "nobody",
        "everyone",
        "everybody",
        "somebody",
        "someone",
        "no",
    }
)
OBJECT_PRONOUNS = frozenset(
    {"it", "them", "him", "her", "me", "us", "this", "that", "everything", "everyone", "everybody"}
)
COPULA = frozenset({"was", "were", "is", "'s", "are", "'re", "am", "'m", "be", "been", "being"})
PERCEPTION = frozenset(
    {
        "look",
        "looks",
        "looked",
        "looking",
        "seem",
        "seems",
        "seemed",
        "seeming",
        "sound",
        "sounds",
        "sounded",
        "feel",
        "feels",
        "felt",
        "feeling",
        "smell",
        "smells",
        "taste",
        "tastes",
        "act",
        "acted",
        "acting",
        "treat",
        "treated",
    }
)
LIKE_PREP_BEFORE = frozenset(
    {
        "just",
        "more",
        "less",
        "much",
        "nothing",
        "something",
        "anything",
        "everything",
        "exactly",
        "lot",
        "little",
        "bit",
        "not",
        "very",
        "quite",
        "kind",
        "sort",
        "somewhat",
        "people",
        "ones",
        "one",
        "anyone",
        "someone",
        "somebody",
        "anybody",
        "everyone",
    }
)
LIKE_VERB_BEFORE = frozenset(
    {
        "would",
        "'d",
        "do",
        "did",
        "does",
        "n't",
        "not",
        "to",
        "really",
        "also",
        "may",
        "might",
        "will",
        "'ll",
        "i",
        "we",
        "you",
        "they",
        "who",
        "should",
        "could",
        "can",
        "always",
        "actually",
        "genuinely",
        "still",
        "never",
    }
)
LIKE_CONJ_AFTER = frozenset(
    {"i said", "we said", "you said", "i mentioned", "we discussed", "i say", "before", "always", "usual"}
)
SO_NOT_AFTER = frozenset(
    {
        "that",
        "much",
        "many",
        "far",
        "long",
        "well",
        "little",
        "few",
        "called",
        "on",
        "forth",
        "often",
        "quickly",
        "badly",
        "bad",
        "good",
        "hard",
        "easy",
        "fast",
        "slow",
        "big",
        "small",
        "happy",
        "glad",
        "sure",
        "proud",
        "close",
        "important",
        "busy",
        "late",
        "early",
    }
)
SO_NOT_BEFORE = frozenset(
    {
        "think",
        "hope",
        "guess",
        "believe",
        "said",
        "say",
        "says",
        "do",
        "did",
        "told",
        "suppose",
        "not",
        "thought",
        "hoped",
        "even",
        "if",
        "or",
        "just",
    }
)
# Verbs that take "it so" / "that so" as object and complement: "we made it so", "I said that so".
SO_OBJECT_VERBS = frozenset(
    {
        "make",
        "made",
        "makes",
        "making",
        "keep",
        "kept",
        "did",
        "do",
        "does",
        "said",
        "say",
        "says",
        "think",
        "thought",
        "hope",
        "believe",
        "tell",
        "told",
        "set",
    }
)
FILLER_FOLLOWERS = frozenset(
    {"um", "uh", "like", "basically", "yeah", "anyway", "okay", "ok", "right", "well", "actually", "you", "i"}
)
WELL_NOT_BEFORE = frozenset(
    {
        "as",
        "very",
        "pretty",
        "quite",
        "really",
        "so",
        "too",
        "fairly",
        "went",
        "go",
        "goes",
        "going",
        "gone",
        "worked",
        "works",
        "work",
        "working",
        "do",
        "did",
        "does",
        "doing",
        "done",
        "played",
        "known",
        "oh",
        "reasonably",
        "extremely",
        "equally",
        "particularly",
        "it",
        "that",
        "them",
        "this",
        "him",
        "her",
        "us",
        "me",
        "all",
        "just",
    }
)
WELL_NOT_AFTER = frozenset(
    {
        "over",
        "under",
        "above",
        "below",
        "before",
        "after",
        "into",
        "beyond",
        "known",
        "-",
        "enough",
        "received",
        "documented",
        "designed",
        "paid",
        "as",
        "worth",
        "within",
        "defined",
        "tested",
    }
)
KIND_NOUN_BEFORE = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "what",
        "which",
        "any",
        "some",
        "every",
        "each",
        "one",
        "same",
        "other",
        "another",
        "different",
        "right",
        "wrong",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "its",
        "all",
        "no",
        "first",
        "only",
        "new",
        "whatever",
        "certain",
        "particular",
        "similar",
        "specific",
        "good",
        "bad",
        "best",
        "worst",
        "weird",
        "special",
        "strange",
        "two",
        "three",
        "many",
        "several",
        "various",
        "both",
        "usual",
        "exact",
        "whole",
    }
)
KNOW_NOT_BEFORE = frozenset(
    {
        "do",
        "did",
        "does",
        "n't",
        "if",
        "as",
        "would",
        "will",
        "'ll",
        "let",
        "to",
        "should",
        "might",
        "may",
        "can",
        "could",
        "what",
        "how",
        "when",
        "whether",
        "who",
        "where",
        "that",
        "why",
        "which",
        "than",
        "'d",
    }
)
DETERMINERS = frozenset(
    {"the", "a", "an", "this", "these", "those", "my", "our", "his", "their", "your", "her", "its"}
)
KNOW_NOT_AFTER = frozenset(
    {
        "the",
        "a",
        "an",
        "how",
        "what",
        "why",
        "where",
        "who",
        "whether",
        "if",
        "this",
        "about",
        "more",
        "enough",
        "anything",
        "something",
        "everything",
        "nothing",
        "him",
        "her",
        "them",
        "me",
        "us",
        "each",
        "someone",
        "somebody",
        "your",
        "his",
        "their",
        "my",
        "our",
        "exactly",
        "which",
        "when",
        "those",
        "these",
        "better",
        "best",
    }
)
MEAN_NOT_BEFORE = frozenset({"what", "that", "which", "if", "do", "did", "know", "see", "how", "whatever"})
MEAN_NOT_AFTER = frozenset({"to", "it", "by", "business", "well", "anything", "no", "that"})
# "like" right after one of these, before a determiner, is a pause word: "had like their own database",
# "for like the whole quarter"; the verbs take an object directly and the prepositions already are one.
LIKE_HEDGE_AFTER = frozenset(
    {
        "had",
        "have",
        "has",
        "having",
        "got",
        "get",
        "gets",
        "getting",
        "spent",
        "spend",
        "spending",
        "took",
        "take",
        "takes",
        "need",
        "needs",
        "needed",
        "used",
        "use",
        "uses",
        "hired",
        "lost",
        "saved",
        "wrote",
        "built",
        "found",
        "added",
        "for",
        "with",
        "about",
        "in",
        "on",
        "at",
        "over",
        "after",
        "from",
        "into",
        "during",
        "through",
        "of",
    }
)
HEDGE_DETERMINERS = frozenset(
    {
        "the",
        "their",
        "our",
        "my",
        "his",
        "her",
        "your",
        "its",
        "this",
        "these",
        "those",
        "some",
        "no",
        "all",
        "every",
        "each",
        "half",
    }
)
# "you know" after these cannot be a subject and its verb: "it was you know a small team", "we had
# you know three weeks".
KNOW_SLOT_BEFORE = COPULA | frozenset(
    {"had", "have", "has", "got", "with", "for", "of", "about", "into", "from", "on", "in", "at", "like"}
)
# Subjects that open a clause after "you know": "and you know nobody shared".
KNOW_CLAUSE_SUBJECTS = frozenset({"i", "we", "he", "she", "they", "nobody", "there"})
RIGHT_NOT_BEFORE = frozenset(
    {
        "the",
        "a",
        "an",
        "that",
        "is",
        "was",
        "'s",
        "are",
        "'re",
        "all",
        "do",
        "did",
        "get",
        "got",
        "done",
        "turn",
        "turned",
        "on",
        "to",
        "exactly",
        "be",
        "it",
        "them",
        "this",
        "things",
        "something",
        "quite",
        "were",
        "am",
        "'m",
        "absolutely",
        "completely",
        "go",
        "went",
        "left",
        "you",
        "your",
        "my",
        "our",
        "their",
        "his",
        "her",
        "its",
        "just",
        "me",
        "him",
        "us",
    }
)
# Verbs that "right" completes as an adverb: "it felt right", "it works right".
RIGHT_ADVERB_VERBS = frozenset(
    {
        "feel",
        "feels",
        "look",
        "looks",
        "sound",
        "sounds",
        "seem",
        "seems",
        "work",
        "works",
        "turn",
        "turns",
        "write",
        "spell",
        "fit",
        "fits",
        "do",
        "does",
        "get",
        "gets",
        "go",
        "goes",
        "treat",
        "play",
        "set",
    }
)
RIGHT_NOT_AFTER = frozenset(
    {
        "now",
        "away",
        "after",
        "before",
        "there",
        "here",
        "then",
        "back",
        "into",
        "at",
        "in",
        "on",
        "off",
        "from",
        "through",
        "up",
        "down",
        "out",
        "under",
        "next",
        "to",
        "around",
        "behind",
        "where",
        "when",
        "by",
        "over",
        "across",
    }
)


def _like(ctx: Context, i: int) -> bool:
    prev, nxt = ctx.word(i - 1), ctx.word(i + 1)
    nxt2 = f"{nxt} {ctx.word(i + 2)}"
    if nxt2 in LIKE_CONJ_AFTER or nxt in LIKE_CONJ_AFTER:
        return False
    if prev in PERCEPTION or prev in LIKE_PREP_BEFORE:
        return False
    if prev == "of" and ctx.word(i - 2) in {"kind", "sort"}:
        return False  # "I kind of like it", "kind of like a queue"
    if ctx.tag_at(i + 1) in {"VBD", "VBN"} and prev in SUBJECT_PRONOUNS:
        return True  # "we like rewrote it": no verb takes a past verb as object
    if ctx.word(i - 2) in {"what", "what's"} or ctx.word(i - 3) in {"what", "what's"}:
        return False  # "what it was like", "what is it like"
    if ctx.boundary_after(i):
        return ctx.boundary_before(i) or prev in COPULA or prev in CONJUNCTIONS
    if ctx.comma_after(i) or ctx.clause_start(i):
        return nxt not in {"this", "that", "these", "those", "most", "many", "other", "every"}
    if prev in CONJUNCTIONS and nxt in CLAUSE_SUBJECTS:
        return True  # "and like nobody wanted to touch it"
    if ctx.tag[i] == "UH" and ctx.tag_at(i + 1).startswith("VB") and prev in SUBJECT_PRONOUNS:
        return True  # the tagger reads "we like rewrote" as an interjection
    if prev in LIKE_VERB_BEFORE:
        return False
    nxt_tag = ctx.tag_at(i + 1)
    if prev in COPULA:
        subject = ctx.word(i - 2)
        if nxt in {"a", "an"}:
            return False  # "it was like a nightmare": a comparison
        if subject == "it" and (nxt in SUBJECT_PRONOUNS or ctx.tag_at(i + 1) == "VBG"):
            return False  # "it was like we never had time", "like starting over"
        return True  # quotative or approximate: "I was like", "was like 40"
    if nxt in {"a", "an"} and ctx.tag[i] == "IN":
        return False  # the tagger reads "works like a queue" as a preposition
    if nxt_tag == "CD" or nxt in {"a", "an", "one", "two", "three", "four", "five", "ten", "half"}:
        prev_tag = ctx.tag_at(i - 1)
        if prev_tag.startswith("NN") or prev in OBJECT_PRONOUNS:
            return False  # "tools like a linter", "treat it like a bug"
        return True  # "for like two weeks", "we had like a big problem"
    if nxt in HEDGE_DETERMINERS and prev in LIKE_HEDGE_AFTER:
        return True  # "had like their own database", "for like the whole week"
    if nxt_tag.startswith(("JJ", "RB")) and nxt not in {"this", "that", "so"}:
        return not ctx.tag_at(i - 1).startswith("NN")
    if nxt_tag.startswith("VB") and nxt_tag != "VBG" and prev in SUBJECT_PRONOUNS | {"they", "just"}:
        return True  # "we like built it"
    if ctx.tag_at(i - 1).startswith(("NN", "PRP")):
        return False  # "things like caching", "people like her"
    return ctx.tag[i] == "UH"


def _so(ctx: Context, i: int) -> bool:
    prev, nxt = ctx.word(i - 1), ctx.word(i + 1)
    if nxt in SO_NOT_AFTER or ctx.tag_at(i + 1) in {"JJ", "JJR", "JJS"}:
        return False
    if ctx.boundary_after(i):
        if prev in SO_NOT_BEFORE or prev == "even":
            return False  # "I think so", "even so"
        if prev in {"it", "that"} and ctx.word(i - 2) in SO_OBJECT_VERBS:
            return False  # "make it so"; but "that was it so" trails off
        return True  # "so, we...", trailing "and so."
    if nxt in FILLER_FOLLOWERS and ctx.clause_start(i) and nxt not in {"i", "you"}:
        return True  # "so um", "so yeah", "so basically"
    first_word = all(ctx.punct[k] or k in ctx.fillers for k in range(i))
    return first_word and nxt not in {"far", "then"}


def _well(ctx: Context, i: int) -> bool:
    prev, nxt = ctx.word(i - 1), ctx.word(i + 1)
    if prev in WELL_NOT_BEFORE or nxt in WELL_NOT_AFTER or ctx.tag_at(i + 1) in {"VBN", "JJ", "CD"}:
        return False
    if not ctx.clause_start(i) and prev not in {"um", "uh", "oh"}:
        return False
    return (
        ctx.comma_after(i)
        or ctx.boundary_after(i)
        or nxt
        in SUBJECT_PRONOUNS
        | FILLER_FOLLOWERS
        | {"the", "my", "our", "so", "in", "at", "when", "if", "honestly", "first", "to", "no", "yes"}
    )


def _sentence_adverb(ctx: Context, i: int) -> bool:
    """ "actually" and friends: fillers when they open a clause or stand between commas."""
    if ctx.comma_after(i) and ctx.boundary_before(i):
        return True
    if ctx.clause_start(i):
        return True
    if ctx.word(i - 1) in {"so", "um", "uh", "like", "and", "but"}:
        return True
    return ctx.boundary_before(i) and ctx.boundary_after(i)


def _clause_adverb(ctx: Context, i: int) -> bool:
    """ "basically", "literally": fillers where they could be dropped as pause words, content otherwise.

    Opening a clause ("basically we had no tests", "and literally nobody"), set off by commas, next to
    another pause word or trailing at the end they add nothing; inside a clause, before the verb,
    adjective or predicate they modify ("we basically rewrote it", "the queue was basically empty",
    "I literally copied every row") they say how far something went.
    """
    if ctx.clause_start(i) or ctx.comma_after(i) and ctx.boundary_before(i):
        return True
    nxt = ctx.word(i + 1)
    if ctx.word(i - 1) in CONJUNCTIONS and (
        nxt in CLAUSE_SUBJECTS or ctx.tag_at(i + 1) in {"DT", "PRP", "PRP$", "EX", "NN", "NNS", "NNP"}
    ):
        return True  # "and basically the queue drained": opens the next clause
    if is_filled_pause(nxt) or nxt in {"like", "um", "uh"}:
        return True  # "we basically um rewrote it": a pause word in a cluster
    if ctx.boundary_after(i):
        if ctx.word(i) == "literally" and ctx.tag_at(i - 1).startswith(("NN", "PRP")):
            return False  # "took the feedback literally": how it was taken
        return ctx.word(i - 1) not in {"translated", "translate", "interpreted", "quite", "too"}
    return False


def _you_know(ctx: Context, i: int) -> int:
    if ctx.word(i + 1) != "know":
        return 0
    prev, nxt = ctx.word(i - 1), ctx.word(i + 2)
    if prev in KNOW_NOT_BEFORE and not ctx.boundary_before(i):
        return 0
    if prev in {"do", "did", "does", "don't", "didn't"}:
        return 0
    if ctx.boundary_after(i + 1) or ctx.comma_after(i + 1):
        return 2
    if nxt in DETERMINERS and _subject_follows(ctx, i + 2):
        return 2  # "you know the team stepped up": a clause, not an object
    if nxt in KNOW_CLAUSE_SUBJECTS:
        return 2  # "and you know nobody shared": a clause follows
    if nxt in {"it", "that"} and ctx.tag_at(i + 3).startswith(("VB", "MD")):
        return 2  # "you know it was hard"
    if prev in KNOW_SLOT_BEFORE and not ctx.boundary_before(i):
        return 2  # "it was you know a really old codebase"
    if (
        nxt in KNOW_NOT_AFTER
        or ctx.tag_at(i + 2).startswith("NN")
        or nxt == "that"
        and not (ctx.tag_at(i + 3).startswith(("VB", "MD")))
    ):
        return 0
    if nxt == "what" and ctx.word(i + 3) in {"i", "you"} and ctx.word(i + 4) == "mean":
        return 2
    return 2


def _subject_follows(ctx: Context, k: int) -> bool:
    """The noun phrase starting at k is the subject of a verb that comes after it."""
    for j in range(k, min(k + 4, ctx.n)):
        token = ctx.doc[j]
        if token.dep_ in {"nsubj", "nsubjpass"}:
            return token.head.i > j
    return False


def _i_mean(ctx: Context, i: int) -> int:
    if ctx.word(i + 1) != "mean":
        return 0
    prev, nxt = ctx.word(i - 1), ctx.word(i + 2)
    if prev in MEAN_NOT_BEFORE and not ctx.boundary_before(i):
        return 0
    if "by" in {ctx.word(i - 2), ctx.word(i - 3)}:
        return 0  # "by scale I mean millions of requests"
    if ctx.boundary_after(i + 1) or ctx.comma_after(i + 1):
        return 0 if prev in MEAN_NOT_BEFORE else 2
    if nxt in DETERMINERS | {"every", "each", "all"} and not _subject_follows(ctx, i + 2):
        return 0  # "I mean every word of it": an object, so "mean" is a verb
    if nxt in MEAN_NOT_AFTER:
        if nxt in {"that", "it"} and ctx.tag_at(i + 3).startswith(("VB", "MD")):
            return 2  # "I mean that was hard": "that" is the subject
        return 0
    return 2


def _kind_of(ctx: Context, i: int) -> int:
    if ctx.word(i + 1) != "of":
        return 0
    prev = ctx.word(i - 1)
    if prev in {"a", "an"} and _softens_adjective(ctx, i + 2):
        return 2  # "a kind of weird situation": "a weird situation", softened
    if prev in KIND_NOUN_BEFORE or ctx.tag_at(i - 1) in {"DT", "JJ", "JJS", "PRP$", "WDT", "CD"}:
        return 0
    nxt = ctx.word(i + 2)
    if nxt in {"thing", "things", "person", "people", "stuff", "work", "role", "problem", "problems"} and (
        ctx.tag_at(i - 1).startswith("NN")
    ):
        return 0
    return 2


def _softens_adjective(ctx: Context, k: int) -> bool:
    """Word k is an adjective (or an adverb before one) describing the noun after it."""
    if ctx.word(k) in {"other", "same", "new", "different"}:
        return False
    if ctx.tag_at(k).startswith("RB"):
        k += 1
    return ctx.tag_at(k) in {"JJ", "JJR"} and ctx.tag_at(k + 1).startswith("NN")


def _kinda(ctx: Context, i: int) -> int:
    if ctx.word(i - 1) in {"a", "an"} and _softens_adjective(ctx, i + 1):
        return 1  # "a kinda weird week"
    return 0 if ctx.word(i - 1) in KIND_NOUN_BEFORE else 1


def _right(ctx: Context, i: int) -> bool:
    prev, nxt = ctx.word(i - 1), ctx.word(i + 1)
    if ctx.boundary_after(i) and ctx.next_word_index(i) >= ctx.n and _ends_answer_as_tag(ctx, i):
        return True  # "...it has to scale right" as the last words of an answer
    if prev in RIGHT_NOT_BEFORE or nxt in RIGHT_NOT_AFTER:
        return False
    if nxt == "?":
        return True  # tag question: "...by Friday, right?"
    if ctx.boundary_before(i) and (ctx.comma_after(i) or ctx.boundary_after(i)):
        return True  # "Right, so..." or "..., right."
    if ctx.boundary_before(i) and nxt in {"so", "um", "uh", "okay", "then", "and"}:
        return True  # unpunctuated opener: "right so I added alerts"
    if ctx.tag_at(i + 1).startswith(("NN", "JJ")):
        return False
    return ctx.boundary_after(i) and not ctx.tag_at(i - 1).startswith(("VB", "IN", "DT"))


def _ends_answer_as_tag(ctx: Context, i: int) -> bool:
    """The answer's last word "right" after a clause that "right" cannot complete as an adverb."""
    prev = ctx.word(i - 1)
    if prev == "it":  # "that was it right" vs "get it right", "is it right"
        return ctx.word(i - 2) in COPULA and ctx.word(i - 3) in {"that", "this", "it"}
    return ctx.tag_at(i - 1) in {"VB", "VBP", "VBZ"} and prev not in RIGHT_ADVERB_VERBS | RIGHT_NOT_BEFORE


SINGLE_WORD_RULES: dict[str, Callable[[Context, int], bool]] = {
    "like": _like,
    "so": _so,
    "well": _well,
    "actually": _sentence_adverb,
    "basically": _clause_adverb,
    "literally": _clause_adverb,
    "right": _right,
}
PHRASE_RULES: dict[str, tuple[str, Callable[[Context, int], int]]] = {
    "you": ("you know", _you_know),
    "y'know": ("you know", lambda ctx, i: 1),
    "i": ("i mean", _i_mean),
    "kind": ("kind of", _kind_of),
    "sort": ("sort of", _kind_of),
    "kinda": ("kind of", _kinda),
    "sorta": ("sort of", _kinda),
}


# The rules' own phrases that the product reports as hedges, never as fillers (README "Analysis
# accuracy"): "kind of" softening a claim says something about the speaker's confidence.
HEDGE_PHRASES = frozenset({"kind of", "sort of"})


def find_fillers(doc: Doc, model: filler_model.FillerModel | None = None) -> list[Mark]:
    """Filled pauses by their sound-spelling; every discourse marker decided by the learned model
    (`decision_model()` unless another is given, as the benchmark does to compare)."""
    ctx = Context(doc)
    marks = _filled_pauses(ctx)
    skip = set(ctx.fillers) | {i for i in range(ctx.n) if _part_of_compound(ctx, i)}
    rule_starts = {m.start for m in find_fillers_by_rules(doc) if m.kind == "discourse_marker"}
    model = model or decision_model()
    cands = list(filler_model.candidates(ctx, skip))
    vectors: list = [None] * len(cands)
    if model.vector_weights is not None and cands:
        layer = model.context_layer
        vectors = list(filler_context.marker_vectors(doc, [(c.start, c.end) for c in cands], layer))
    for cand, vector in zip(cands, vectors, strict=True):
        names = filler_model.features(ctx, cand, cand.start in rule_starts)
        if model.is_filler(cand.label, names, vector):
            marks.append(Mark("discourse_marker", cand.label, cand.start, cand.end))
    return sorted(marks, key=lambda m: m.start)


@functools.lru_cache(maxsize=1)
def decision_model() -> filler_model.FillerModel:
    """The model that reads each marker's contextual vector when its transformer is installed (loaded
    here, once: about 2 s), else the one over words and parse alone. Call it ahead of the first
    answer to load the transformer while the user reads the question."""
    if filler_model.CONTEXT_MODEL_PATH.exists():
        model = filler_model.load(filler_model.CONTEXT_MODEL_PATH)
        try:
            filler_context.load(model.context_layer)
        except filler_context.ContextModelMissing:
            return filler_model.load()
        return model
    return filler_model.load()


def _filled_pauses(ctx: Context) -> list[Mark]:
    marks = []
    for i, word in enumerate(ctx.low):
        if (is_filled_pause(word) and not _part_of_compound(ctx, i)) or _cut_off_filled_pause(word):
            ctx.fillers.add(i)
            marks.append(Mark("filled_pause", word.rstrip("-"), i, i + 1))
    return marks


def _cut_off_filled_pause(word: str) -> bool:
    """ "Uh- so we went": a filled pause broken off (the tokenizer keeps the hyphen on it) is still
    a filled pause, not a word started and abandoned; "uh-huh" and "uh-oh" are split, so never this."""
    return len(word) > 1 and word.endswith("-") and is_filled_pause(word[:-1])


def find_fillers_by_rules(doc: Doc) -> list[Mark]:
    """The hand-written rules (before issue 16): a feature of the model and the benchmark's "old rules".

    Filled pauses first, so the marker rules can treat them as boundaries ("so um" → both).
    """
    ctx = Context(doc)
    marks = _filled_pauses(ctx)
    for i, word in enumerate(ctx.low):
        if i in ctx.fillers or _part_of_compound(ctx, i):
            continue
        rule = SINGLE_WORD_RULES.get(word)
        if rule is not None and rule(ctx, i):
            ctx.fillers.add(i)
            marks.append(Mark("discourse_marker", word, i, i + 1))
            continue
        phrase = PHRASE_RULES.get(word)
        if phrase is not None:
            label, phrase_rule = phrase
            length = phrase_rule(ctx, i)
            if length:
                ctx.fillers.update(range(i, i + length))
                marks.append(Mark("discourse_marker", label, i, i + length))
    return sorted(marks, key=lambda m: m.start)


def softening_phrase_length(ctx: Context, i: int) -> int:
    """Tokens in "kind of"/"sort of"/"kinda" at i when it softens a word (a hedge), 0 when it names
    a type ("a kind of tool", "what kind of role")."""
    phrase = PHRASE_RULES.get(ctx.low[i])
    if phrase is None or phrase[0] not in HEDGE_PHRASES:
        return 0
    return phrase[1](ctx, i)


def _part_of_compound(ctx: Context, i: int) -> bool:
    """ "uh-huh", "well-known", "so-called": hyphen-joined words are never fillers ("am" is a verb)."""
    joined_after = (
        i + 2 < ctx.n and not ctx.space_after[i] and ctx.low[i + 1] == "-" and not ctx.space_after[i + 1]
    )  # "uh-huh" is one word; "uh- usually" is a filler broken off
    joined_before = i > 0 and ctx.low[i - 1] == "-" and not ctx.space_after[i - 1]
    return joined_after or joined_before


class FillerFinder:
    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict(doc))
        return doc

    def predict(self, doc: Doc) -> list[Mark]:
        return find_fillers(doc)

    def set_annotations(self, doc: Doc, marks: list[Mark]) -> None:
        doc._.coach_fillers = marks


@Language.factory("coach_fillers")
def make_filler_finder(nlp: Language, name: str) -> FillerFinder:
    register_extensions()
    return FillerFinder()
