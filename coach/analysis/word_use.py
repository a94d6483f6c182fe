"""Words said too often (issue 20) and words from the job description (issue 17).

What a listener notices after the "um"s is the same word or phrase again and again; what an
interviewer listens for is the job's own vocabulary. Both are counts over the parsed answer:
word stems, so "systems" and "system" are one word; fillers and repeated words are left out, so
"like" as a filler never counts as a word used too often. The pipeline tags words (Penn tags)
but has no lemmatiser, so a light suffix rule (`stem`) stands in for one on both sides.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads with the first answer, not with the page that shows these lines
    from spacy.tokens import Doc, Span, Token

    from coach.analysis.extensions import Mark

# Tags of words that carry content (nouns, verbs, adjectives, adverbs): the answer's vocabulary.
CONTENT_TAGS = ("NN", "VB", "JJ", "RB")
NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
# Content words every answer needs; saying them often is not a habit worth a remark.
COMMON = {"be", "have", "do", "get", "go", "make", "say", "know", "think", "thing", "lot", "really", "very"}
# A content word is "used often" from this many times, and only if it is at least this share of
# the answer's content words (a 600-word answer may say "team" five times without anyone noticing).
OFTEN_MIN_COUNT = 4
OFTEN_MIN_SHARE = 0.04
MOST_USED = 5
# A phrase of this many words said at least twice is a repeated phrase ("to be honest",
# "at the end of the day"); two-word phrases need three times ("my team" twice is just the topic).
PHRASE_WORDS = (2, 6)
PHRASE_MIN_COUNT = {2: 3}
PHRASE_DEFAULT_MIN_COUNT = 2
REPEATED_PHRASES = 5
# Signs spaCy calls punctuation that belong to the word they are written onto: "a 4% raise"
# (a currency sign written before its number, "$5", is joined to it too).
WORD_SIGNS = {"%"}

# Words a job description uses about any job; they are not the job's terms.
JOB_BOILERPLATE = {
    "ability", "able", "applicant", "apply", "benefit", "candidate", "company", "day", "degree",
    "environment", "equal", "experience", "excellent", "field", "good", "great", "help", "ideal",
    "include", "including", "job", "join", "knowledge", "level", "look", "looking", "new",
    "opportunity", "plus", "position", "preferred", "qualification", "required", "requirement",
    "responsibility", "role", "salary", "skill", "strong", "team", "understanding", "want", "way",
    "week", "work", "working", "year", "you", "we", "us", "our", "your", "will", "well", "must",
}  # fmt: skip
JOB_TERMS = 12
# Text past this length is not read for terms (a job description is a page, not a book).
JOB_MAX_CHARS = 20_000
# Below this share of English stop words among the words, the text is not English enough to
# pick terms from (English prose has about 40-50%; a German or French page has under 10%).
MIN_ENGLISH_SHARE = 0.15
NOT_ENGLISH = (
    "The job description does not look like English, so its key terms were not picked; "
    "paste the English version if there is one."
)


def _skipped(doc: Doc, marks: Iterable[Mark]) -> set[int]:
    """Token indices inside fillers and repeats (not the speaker's words)."""
    out: set[int] = set()
    for m in marks:
        out.update(range(m.start, m.end))
    return out


def stem(word: str) -> str:
    """ "systems" → "system", "studies" → "study", "designed" → "design": enough to match forms."""
    w = word.lower()
    if len(w) <= 4:
        return w
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")):
        if w.endswith(suffix):
            return w[: -len(suffix)] + replacement
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def _is_content(token: Token) -> bool:
    return (
        token.tag_.startswith(CONTENT_TAGS)
        and token.is_alpha
        and not token.is_stop
        and len(token.text) > 2
        and stem(token.text) not in COMMON
    )


def most_used(doc: Doc, marks: Sequence[Mark] = ()) -> list[dict]:
    """The content words said often enough to notice: [{"word", "count"}], most first."""
    skipped = _skipped(doc, marks)
    words = [stem(t.text) for t in doc if t.i not in skipped and _is_content(t)]
    if not words:
        return []
    counts = Counter(words)
    floor = max(OFTEN_MIN_COUNT, OFTEN_MIN_SHARE * len(words))
    often = [(w, n) for w, n in counts.most_common() if n >= floor]
    return [{"word": w, "count": n} for w, n in often[:MOST_USED]]


def repeated_phrases(doc: Doc, marks: Sequence[Mark] = ()) -> list[dict]:
    """Phrases said again and again: [{"phrase", "count"}], longest kept where one holds another."""
    skipped = _skipped(doc, marks)
    counts: Counter[tuple[str, ...]] = Counter()
    said: dict[tuple[str, ...], str] = {}  # each phrase as it was first said
    for sent in doc.sents:
        run = _phrase_words(sent, skipped)
        lowered = ["".join(t.lower_ for t in word) for word in run]
        content = [_is_content(word[0]) for word in run]
        for n in range(PHRASE_WORDS[0], PHRASE_WORDS[1] + 1):
            for i in range(len(run) - n + 1):
                # two words are a phrase only when both carry content ("service was" is not)
                if all(content[i : i + n]) if n == 2 else any(content[i : i + n]):
                    key = tuple(lowered[i : i + n])
                    counts[key] += 1
                    if key not in said:  # written out once, not at every time it was said
                        said[key] = _as_said(run[i : i + n])
    found = [(p, n) for p, n in counts.items() if n >= PHRASE_MIN_COUNT.get(len(p), PHRASE_DEFAULT_MIN_COUNT)]
    found.sort(key=lambda item: (-len(item[0]), -item[1]))
    kept: list[tuple[tuple[str, ...], int]] = []
    # every run of words inside a kept phrase, with the most that phrase was said: longer phrases
    # come first, so a shorter one is looked up once instead of searched for in each kept phrase
    inside: dict[tuple[str, ...], int] = {}
    for phrase, n in found:
        # "the end of the" inside "at the end of the day", said as often: the longer one says it.
        if inside.get(phrase, 0) >= n:
            continue
        kept.append((phrase, n))
        for size in range(1, len(phrase)):
            for i in range(len(phrase) - size + 1):
                inside[phrase[i : i + size]] = max(inside.get(phrase[i : i + size], 0), n)
    kept.sort(key=lambda item: (-item[1], -len(item[0])))
    return [{"phrase": said[p], "count": n} for p, n in kept[:REPEATED_PHRASES]]


def _phrase_words(sent: Span, skipped: set[int]) -> list[list[Token]]:
    """The sentence's words, each as its tokens: punctuation between words is left out, but a sign
    written onto a number stays with it as one word ("4%" and "$5" are one word each, not two)."""
    words: list[list[Token]] = []
    for token in sent:
        if token.i in skipped or token.is_space:
            continue
        last = words[-1][-1] if words else None
        written_onto = last is not None and last.i == token.i - 1 and not last.whitespace_
        if written_onto and (token.text in WORD_SIGNS or (last.is_currency and len(words[-1]) == 1)):
            words[-1].append(token)
        elif not token.is_punct:
            words.append([token])
    return words


def _as_said(words: Sequence[Sequence[Token]]) -> str:
    """The phrase in the answer's own letters: names keep their capitals ("New Jersey", "I"), other
    words are lower case (a sentence's first word is not a name), a sign stays on its number
    ("4%"), and words a filler or a comma stood between are one space apart."""
    out = []
    for word, after in zip(words, [*words[1:], None], strict=True):
        token, last = word[0], word[-1]
        name = token.tag_ in ("NNP", "NNPS") or token.text == "I" or token.text[1:] != token.text[1:].lower()
        out.append("".join(t.text if name else t.lower_ for t in word))
        if after is not None:
            out.append(last.whitespace_ if after[0].i == last.i + 1 else " ")
    return "".join(out)


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


# ---------------------------------------------------------------- the job description


def english_enough(doc: Doc) -> bool:
    words = [t for t in doc if t.is_alpha]
    return bool(words) and sum(t.is_stop for t in words) / len(words) >= MIN_ENGLISH_SHARE


def key_terms(description: Doc, limit: int = JOB_TERMS) -> list[str]:
    """The description's own vocabulary: noun phrases, nouns and names it uses, most often first.

    A phrase is a run of adjectives and nouns ending in a noun, at most its last three words
    ("distributed systems", "stakeholder management"); single nouns and names ("payments",
    "Kubernetes") count on their own too, and a name (a tool, a standard) comes before a common
    noun said as often. Words any job description uses ("experience", "team", "role") are never
    part of a term; forms count together ("payment system", "payment systems"). Terms are
    written as the description first wrote them."""
    counts: Counter[tuple[str, ...]] = Counter()
    shown: dict[tuple[str, ...], str] = {}
    first: dict[tuple[str, ...], int] = {}
    named: set[tuple[str, ...]] = set()
    lower_words = {stem(t.text) for t in description if t.text.islower()}
    for run in _noun_runs(description):
        # the nouns alone, and the last two and three words of the run (the head and what narrows it)
        spans = [[t] for t in run if t.tag_ in NOUN_TAGS] + [run[-n:] for n in (2, 3) if len(run) >= n]
        for words in spans:
            key = tuple(stem(t.text) for t in words)
            counts[key] += 1
            # a term holding a name keeps the description's capitals throughout ("Payments Platform",
            # not "payments Platform"); any other term reads in lower case
            as_written = any(_is_name(t, lower_words) for t in words)
            shown.setdefault(key, " ".join(t.text if as_written else t.lower_ for t in words))
            first.setdefault(key, words[0].i)
            if any(_is_name(t, lower_words) for t in words):
                named.add(key)
    ranked = sorted(
        (key for key in counts if _holds_its_own(key, counts)),
        key=lambda key: (-counts[key], key not in named, first[key]),
    )
    return [shown[key] for key in ranked[:limit]]


def _is_name(token: Token, lower_words: set[str]) -> bool:
    """A tool, a product or a standard: "PostgreSQL", "APIs", "Kafka"; not a word the description
    also writes in lower case ("Engineer" in a title beside "engineers")."""
    inner_capital = token.text[1:] != token.text[1:].lower()
    return inner_capital or (
        token.tag_.startswith("NNP") and not token.is_sent_start and stem(token.text) not in lower_words
    )


def _holds_its_own(key: tuple[str, ...], counts: Counter) -> bool:
    """A term is listed unless a longer term says it as often ("incident" in "incident response")
    or a shorter term inside it is said more often ("lead incident response" → "incident response")."""
    n = len(key)
    for other, count in counts.items():
        if len(other) > n and _inside(key, other) and count >= counts[key]:
            return False
        if len(other) < n and _inside(other, key) and count > counts[key] and len(other) > 1:
            return False
    return True


def _noun_runs(doc: Doc) -> list[list[Token]]:
    """Runs of term words (adjectives, participles, nouns) that end in a noun."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in [*(t for t in doc if not t.is_space), None]:  # a line break inside a phrase is no break
        if token is not None and _term_word(token) and not (current and current[-1].sent != token.sent):
            current.append(token)
            continue
        while current and current[-1].tag_ not in NOUN_TAGS:
            current.pop()
        if current:
            runs.append(current)
        current = [token] if token is not None and _term_word(token) else []
    return runs


def _term_word(token: Token) -> bool:
    return (
        (token.tag_ in NOUN_TAGS or token.tag_ in {"JJ", "VBN"})
        and (token.is_alpha or re.fullmatch(r"[A-Za-z][A-Za-z0-9+#.]*", token.text) is not None)
        and not token.is_stop
        and len(token.text) > 1
        and stem(token.text) not in JOB_BOILERPLATE
        and token.lower_ not in JOB_BOILERPLATE
    )


def terms_used(terms: Sequence[str], answer: Doc) -> list[dict]:
    """Each term with whether the answer used it: all of its words, in one sentence, any form."""
    sentences = [{stem(t.text) for t in sent} for sent in answer.sents if len(sent)]
    out = []
    for term in terms:
        needed = {stem(w) for w in term.split()}
        used = any(needed <= words for words in sentences)
        out.append({"term": term, "used": used})
    return out


def description_terms(description: str | None, nlp=None) -> dict | None:
    """The key terms of a pasted job description: {"terms": [...], "note": sentence or None};
    None for an empty description. Only the first JOB_MAX_CHARS characters are read."""
    text = (description or "").strip()
    if not text:
        return None
    from coach.analysis.pipeline import COACH_COMPONENTS, load_pipeline

    nlp = nlp or load_pipeline()
    # tags and sentences are all the terms need: the answer's fillers, hedges and STAR labels are
    # not looked for in a job posting
    [parsed] = nlp.pipe([text[:JOB_MAX_CHARS]], disable=list(COACH_COMPONENTS))
    if not english_enough(parsed):
        return {"terms": [], "note": NOT_ENGLISH}
    return {"terms": key_terms(parsed), "note": None}


def job_terms(description: str | None, answer: Doc, nlp) -> dict | None:
    """`metrics.job_terms`: the description's key terms and which the answer used; None without one."""
    described = description_terms(description, nlp)
    if described is None:
        return None
    terms = terms_used(described["terms"], answer)
    return {"terms": terms, "used": sum(t["used"] for t in terms), "note": described["note"]}


# ---------------------------------------------------------------- in words


def word_lines(metrics: dict) -> list[str]:
    """The words said most, the phrases repeated and the job's terms, as plain sentences."""
    lines = []
    most = metrics.get("most_used_words") or []
    if most:
        lines.append("Words you said most: " + ", ".join(f"{w['word']} ({w['count']}×)" for w in most) + ".")
    phrases = metrics.get("repeated_phrases") or []
    if phrases:
        lines.append(
            "Phrases you repeated: " + ", ".join(f"“{p['phrase']}” ({p['count']}×)" for p in phrases) + "."
        )
    lines += job_term_lines(metrics.get("job_terms"))
    return lines


def job_term_lines(job: dict | None) -> list[str]:
    """ "You used 4 of the job description's 12 key terms: …", then the ones not heard yet."""
    if not job:
        return []
    if job.get("note"):
        return [job["note"]]
    terms = job.get("terms") or []
    if not terms:
        return ["The job description has no key terms to look for (it is very short)."]
    used = [t["term"] for t in terms if t["used"]]
    unused = [t["term"] for t in terms if not t["used"]]
    lines = [
        f"You used {len(used)} of the job description's {len(terms)} key terms"
        + (": " + ", ".join(used) + "." if used else ".")
    ]
    if unused:
        lines.append("Not heard yet: " + ", ".join(unused) + ".")
    return lines
