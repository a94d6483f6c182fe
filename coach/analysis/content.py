"""What the answer says: quantified results, "I" versus "we", specifics, and coverage of talking points."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Span

from coach.analysis.relevance import coverage_summary

UNITS = frozenset(
    {
        "%",
        "percent",
        "percentage",
        "points",
        "dollars",
        "dollar",
        "euros",
        "pounds",
        "k",
        "million",
        "millions",
        "billion",
        "thousand",
        "hundred",
        "hours",
        "hour",
        "days",
        "day",
        "weeks",
        "week",
        "months",
        "minutes",
        "minute",
        "seconds",
        "second",
        "ms",
        "milliseconds",
        "times",
        "x",
        "users",
        "customers",
        "people",
        "engineers",
        "requests",
        "tickets",
        "bugs",
        "incidents",
        "releases",
        "deploys",
        "deployments",
        "clients",
        "accounts",
        "sales",
        "leads",
        "calls",
        "signups",
        "orders",
        "errors",
        "pages",
        "features",
        "members",
        "students",
        "projects",
        "teams",
        "stores",
        "gb",
        "tb",
        "mb",
    }
)
MONEY = frozenset({"$", "£", "€"})
NUMBER_WORDS = frozenset(
    {
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "dozen",
        "half",
        "twice",
        "double",
        "triple",
        "tripled",
        "doubled",
        "halved",
    }
)
TIME_AGO = frozenset({"ago", "old", "earlier", "back"})
PLAIN_NUMBER = re.compile(r"^\d+([.,]\d+)*(k|m|x|%)?$", re.IGNORECASE)


def quantities(doc: Doc) -> list[Span]:
    """Numbers that measure something (percentages, money, counts, durations), not dates or ages."""
    found: list[Span] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        low = token.lower_
        is_number = bool(PLAIN_NUMBER.match(low)) or low in NUMBER_WORDS
        if not is_number or _is_calendar(doc, i):
            i += 1
            continue
        start = i - 1 if i > 0 and doc[i - 1].text in MONEY else i
        end = i + 1
        while end < len(doc) and (doc[end].lower_ in UNITS or PLAIN_NUMBER.match(doc[end].lower_)):
            end += 1
        measured = (
            end > i + 1
            or start < i
            or low.endswith(("%", "x", "k"))
            or low in {"half", "twice", "double", "triple", "tripled", "doubled", "halved"}
        )
        if measured:
            found.append(doc[start:end])
        i = end
    return found


def _is_calendar(doc: Doc, i: int) -> bool:
    text = doc[i].text
    if text.isdigit() and len(text) == 4 and text[:2] in {"19", "20"}:
        return True
    window = {t.lower_ for t in doc[i + 1 : i + 3]}
    return bool(window & TIME_AGO)


# Said to bring in an example ("for example, drop the reporting screen"): a specific, whatever follows.
EXAMPLE_PHRASES = (("for", "example"), ("for", "instance"), ("such", "as"), ("e.g.",))


def specifics(doc: Doc) -> list[str]:
    """What makes an answer to a question asking for no story concrete rather than general: the
    numbers it gives ("a hundred million links", "five years", "429"), the names it uses (proper
    nouns: "Redis", "Globex") and the examples it brings in as such ("for example"), each once, in
    the order said. "one" on its own is left out: "one to ones", "one of my top choices" count nothing.
    A story's concreteness is its quantified result and its own part (`quantities`, `i_vs_we`)."""
    found: list[str] = []
    i = 0
    while i < len(doc):
        token, low = doc[i], doc[i].lower_
        example = next(
            (p for p in EXAMPLE_PHRASES if tuple(t.lower_ for t in doc[i : i + len(p)]) == p), None
        )
        if example is not None:
            found.append(" ".join(example))
            i += len(example)
        elif _is_number(token):
            end = i + 1
            while end < len(doc) and (_is_number(doc[end]) or doc[end].lower_ in UNITS):
                end += 1
            if doc[i:end].text.lower() != "one":
                found.append(doc[i:end].text)
            i = end
        elif token.tag_ in ("NNP", "NNPS") and low != "i":
            end = i + 1
            while end < len(doc) and doc[end].tag_ in ("NNP", "NNPS"):
                end += 1
            found.append(doc[i:end].text)
            i = end
        else:
            i += 1
    return list(dict.fromkeys(found))


def _is_number(token) -> bool:
    low = token.lower_
    return token.tag_ == "CD" or bool(PLAIN_NUMBER.match(low)) or low in NUMBER_WORDS


def i_vs_we(sents: Sequence[Span]) -> dict:
    """Subjects "I" and "we" in the given sentences (the action part, when there is one), and how
    many sentences they are (`sentences`: an action part whose sentences have neither is told of
    others, "the team lead asked for a fix", not of you)."""
    i_count = sum(1 for s in sents for t in s if t.lower_ == "i" and t.dep_ in {"nsubj", "nsubjpass"})
    we_count = sum(1 for s in sents for t in s if t.lower_ == "we" and t.dep_ in {"nsubj", "nsubjpass"})
    total = i_count + we_count
    return {
        "i": i_count,
        "we": we_count,
        "i_share": round(i_count / total, 2) if total else None,
        "sentences": len(sents),
    }


SUFFIXES = ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude stem ("migrated", "migrating" → "migrat"), enough to match a talking point's words."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_lemmas(doc: Doc | Span) -> set[str]:
    return {stem(t.lower_) for t in doc if t.is_alpha and not t.is_stop and len(t) > 2}


def word_overlap_coverage(
    nlp: Language, doc: Doc, talking_points: Sequence[str], min_overlap: float = 0.5
) -> dict:
    """Share of the question's talking points whose content words the answer uses.

    The rule before coverage by meaning (coach.analysis.relevance), kept as the baseline that
    benchmarks/content_accuracy.py compares against. A lexical rule: a point counts as covered
    when at least `min_overlap` of its content words
    (stemmed) appear in the answer, allowing near spellings ("optimise"/"optimize").
    """
    answer = content_lemmas(doc)
    points = []
    for point, point_doc in zip(talking_points, nlp.pipe(talking_points), strict=True):
        keys = content_lemmas(point_doc)
        hits = sorted(
            k for k in keys if k in answer or any(fuzz.ratio(k, a) >= 85 for a in answer if a[:2] == k[:2])
        )
        share = len(hits) / len(keys) if keys else 0.0
        points.append(
            {
                "point": point,
                "covered": bool(keys) and share >= min_overlap,
                "matched": hits,
                "overlap": round(share, 2),
            }
        )
    return coverage_summary(points)
