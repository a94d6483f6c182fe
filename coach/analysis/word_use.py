"""Words said too often (issue 20) and words from the job description (issue 17).

What a listener notices after the "um"s is the same word or phrase again and again; what an
interviewer listens for is the job's own vocabulary. Both are counts over the parsed answer:
word stems, so "systems" and "system" are one word; fillers and repeated words are left out, so
"like" as a filler never counts as a word used too often. The pipeline tags words (Penn tags)
but has no lemmatiser, so a light suffix rule (`stem`) stands in for one on both sides.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from coach.analysis.word_rarity import rarity
from coach.analysis.wording import times

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
    "ability", "able", "applicant", "apply", "benefit", "candidate", "company", "day", "degree", "employer",
    "environment", "equal", "experience", "excellent", "field", "good", "great", "help", "ideal",
    "include", "including", "job", "join", "knowledge", "level", "look", "looking", "new",
    "opportunity", "plus", "position", "preferred", "qualification", "required", "requirement",
    "responsibility", "role", "salary", "skill", "strong", "team", "understanding", "want", "way",
    "week", "work", "working", "year", "you", "we", "us", "our", "your", "will", "well", "must",
}  # fmt: skip
# Nouns that say how well the applicant should hold what a preposition brings in after them:
# "Comfort with on-call rotations", "Proficiency in Python", "Exposure to Prometheus". There they
# are no term ("Proficiency" and "Familiarity" were a posting's key terms); what follows is. The
# parse alone cannot tell them from a skill opening a bullet ("Kubernetes in production"), so they
# are named; and only opening a line or sentence before a preposition: "patient comfort on the
# ward" and "credit exposure" are terms.
HOW_WELL_HELD = {
    "appreciation", "awareness", "background", "comfort", "competence", "competency", "confidence",
    "expertise", "exposure", "familiarity", "fluency", "grounding", "mastery", "proficiency",
}  # fmt: skip
# Words that may come before such a noun at the start of a line: "A good understanding", "Solid".
LINE_OPENING_TAGS = {"DT", "PDT", "JJ", "JJR", "JJS", "RB"}
JOB_TERMS = 12
SUBJECT_PRONOUNS = {"you", "we", "they", "i", "he", "she"}
# A term is ranked by how rare its words are together (each 0 commonest to 1 past the word list:
# coach.analysis.word_rarity), times 1 + this × log(times said): said four times lifts a term by
# 0.4, so a word every posting says four times ("engineer", 0.26) still stays behind one said once
# that few texts use (1.0).
SAID_AGAIN_WEIGHT = 0.3
# A phrase's first word that is an adjective or a bullet's opening verb is dropped from it when it
# is this common or commoner ("current", "strong", "report"; "formative", "intravenous" are rarer).
COMMON_OPENER = 0.35
# On a title line, what follows the first of these is the company and the place: "Nurse - St
# Aldhelm's, Leeds", "Engineer at Northwind (remote)"; a comma before it is the job's own
# ("Senior Backend Engineer, Payments"), unless what follows holds the company's name
# ("Senior Backend Engineer, Northwind Payments.": `_company_after_comma`).
TITLE_SEPARATOR = re.compile(r"\s[-–—|]\s|\sat\s")
# A first line longer than this is a sentence, not the job's title.
TITLE_WORDS = 8
# Words that open a line about the company itself: "About Northwind", "Why Brightline".
NAME_INTRODUCERS = {"about", "at", "join", "why"}
# Text past this length is not read for terms (a job description is a page, not a book).
JOB_MAX_CHARS = 20_000
# Below this share of English stop words among the words, the text is not English enough to
# pick terms from (English prose has about 40-50%; a German or French page has under 10%).
MIN_ENGLISH_SHARE = 0.15
NOT_ENGLISH = (
    "The job description does not look like English, so its key terms were not picked; "
    "paste the English version if there is one."
)


def skipped_tokens(doc: Doc, marks: Iterable[Mark]) -> set[int]:
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
    """The content words said often enough to notice: [{"word", "count", "forms"}], most first.
    A word's forms count together ("errors" and "error"); `forms` are those said, as said and most
    said first, and `word` the first of them: the stem was shown ("error (4×)" for "errors" said
    three times, "manag" for "managing"), a word the reader could not find in the transcript."""
    skipped = skipped_tokens(doc, marks)
    said = [t for t in doc if t.i not in skipped and _is_content(t)]
    if not said:
        return []
    forms: dict[str, Counter[str]] = {}  # stem → each form as said, with its count
    for token in said:
        forms.setdefault(stem(token.text), Counter())[_as_said([[token]])] += 1
    counts = Counter({word: sum(each.values()) for word, each in forms.items()})
    floor = max(OFTEN_MIN_COUNT, OFTEN_MIN_SHARE * len(said))
    often = [(w, n) for w, n in counts.most_common() if n >= floor]
    return [
        {"word": forms[w].most_common(1)[0][0], "count": n, "forms": [f for f, _ in forms[w].most_common()]}
        for w, n in often[:MOST_USED]
    ]


def repeated_phrases(doc: Doc, marks: Sequence[Mark] = ()) -> list[dict]:
    """Phrases said again and again: [{"phrase", "count"}], longest kept where one holds another."""
    skipped = skipped_tokens(doc, marks)
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


def key_terms(description: Doc, limit: int = JOB_TERMS, company: str | None = None) -> list[str]:
    """The description's own vocabulary: the skills, tools, standards and domain words a careful
    reader would underline, rarest in general English first.

    Candidates are noun phrases of up to three words ending in a noun ("distributed systems",
    "PCI DSS", "FRS 102"), and single nouns and names. Each is ranked by how rare its words are in
    general English (`coach.analysis.word_rarity`; a phrase is rarer than each of its words, 1
    minus the product of how common each is: "incident response" is rarer than "incident"),
    lifted a little by how often the description says it, so
    "idempotent APIs" and "venepuncture" come before "engineer", "support" or "customers". Words
    any posting uses ("experience", "team", "role") are never part of a term, and neither are the
    names of the company and the place the description is for (`_own_names`: "About Northwind",
    "Northwind builds ...", the title line's "- Northwind, Leeds"), the `company` the interview
    is logged with ("for Northwind customers"), nor the title's company after a comma holding one
    of those ("Engineer, Northwind Payments": `_company_after_comma`). A phrase does not start with a
    common adjective or a line's first verb ("current NMC registration" is "NMC registration").
    A term is listed once: not again inside a longer one, nor a longer one holding it. Terms are
    written as the description first wrote them."""
    description = _hyphens_joined(description)
    counts: Counter[tuple[str, ...]] = Counter()
    shown: dict[tuple[str, ...], str] = {}
    first: dict[tuple[str, ...], int] = {}
    rarest: dict[tuple[str, ...], float] = {}
    named: set[tuple[str, ...]] = set()  # names of more than one word, written in capitals
    lower_words = {stem(t.text) for t in description if t.text.islower()}
    # a company's or place's word the description also writes in lower case is one of its own
    # words too ("mental health" in a posting from "Leeds Mental Health Trust")
    names = _own_names(description) | _company_words(company)
    own = (names | _company_after_comma(description, names)) - lower_words
    for words in _candidates(description, job=_job_itself(description)):
        key = tuple(stem(t.text) for t in words)
        if own & set(key):
            continue
        counts[key] += 1
        # a term holding a name keeps the description's capitals throughout ("Payments Platform",
        # not "payments Platform"); any other term reads in lower case
        as_written = any(_is_name(t, lower_words) for t in words)
        shown.setdefault(key, " ".join(t.text if as_written else t.lower_ for t in words))
        first.setdefault(key, words[0].i)
        if len(words) > 1 and all(_is_name(t, lower_words) or t.text.istitle() for t in words) and as_written:
            named.add(key)
        rarest.setdefault(key, 1 - math.prod(1 - rarity(t.text, stem(t.text)) for t in words))

    def weight(key: tuple[str, ...]) -> float:
        return rarest[key] * (1 + SAID_AGAIN_WEIGHT * math.log(counts[key]))

    ranked = sorted(
        (key for key in counts if _holds_its_own(key, counts)), key=lambda key: (-weight(key), first[key])
    )
    picked: list[tuple[str, ...]] = []
    for key in ranked:
        # "quarterly quota" after "quota" says nothing new; a name holding it does ("Payments Platform")
        if key in named or not any(_inside(key, other) or _inside(other, key) for other in picked):
            picked.append(key)
        if len(picked) == limit:
            break
    return [shown[key] for key in picked]


def _hyphens_joined(description: Doc) -> Doc:
    """A copy of the description with each word written with hyphens as one word: the parser
    splits "event-driven" into "event", "-" and "driven", and a phrase broken at the hyphen gave
    "driven architecture" and "event". A joined word before a noun describes it ("event-driven
    architecture", "look-ahead programme"); else it is a noun of its own ("fit-out", "new-build")
    unless its last part already is one. Numbers stay apart ("two-week", "5-star")."""
    joined = description.copy()
    spans = []
    i = 0
    while i < len(joined):
        end = i
        while (
            joined[end].is_alpha
            and not joined[end].whitespace_
            and end + 2 < len(joined)
            and joined[end + 1].text == "-"
            and not joined[end + 1].whitespace_
            and joined[end + 2].is_alpha
        ):
            end += 2
        if end > i:
            spans.append((i, end))
        i = end + 1
    with joined.retokenize() as retokenizer:
        for start, end in spans:
            after = joined[end + 1] if end + 1 < len(joined) else None
            last = joined[end].tag_
            if after is not None and after.tag_ in NOUN_TAGS and not after.is_stop:
                tag = "JJ"
            elif _word_to_word([t.lower_ for t in joined[start : end + 1] if t.text != "-"]):
                tag = "RB"  # "own the roadmap end-to-end": how, not what ("roadmap end-to-end" was a term)
            else:
                tag = last if last in NOUN_TAGS else "NN"
            retokenizer.merge(joined[start : end + 1], attrs={"TAG": tag})
    return joined


def _candidates(description: Doc, job: str | None = None) -> list[list[Token]]:
    """Every noun and name, and every run of two or three term words ending in one; none from a
    phrase naming the job itself ("a compassionate Registered Nurse" when the job is a nurse)."""
    out = []
    for run in _noun_runs(description):
        if job is not None and any(stem(t.text) == job for t in run):
            continue
        for end, token in enumerate(run):
            if not _term_end(token, run[end - 1] if end else None):
                continue
            out.append([token])
            out += [run[end - n + 1 : end + 1] for n in (2, 3) if end - n + 1 >= 0]
    return [words for words in out if len(words) == 1 or not _weak_start(words)]


def _weak_start(words: Sequence[Token]) -> bool:
    """A phrase opening with a common adjective ("current", "strong", "enhanced") or with a line's
    first word in capitals that is not part of a name ("Report KPIs", "Administer medications" at
    the start of a bullet): the phrase without it says the same. Not when the adjective is all
    that makes a common noun a skill: "difficult conversations" is not "conversations"; nor a
    word written with hyphens, which names a kind of the thing ("on-call rotation", "full-stack
    developer") however common its parts are."""
    head = words[0]
    modifier = head.tag_ in ("JJ", "VBN") and head.text.islower() and "-" not in head.text
    opener = head.text.istitle() and _starts_line(head) and not words[1].text.istitle()
    if modifier and len(words) == 2 and rarity(words[1].text, stem(words[1].text)) < COMMON_OPENER:
        return False
    return (modifier or opener) and rarity(head.text) < COMMON_OPENER


def _starts_line(token: Token) -> bool:
    """The first word of its sentence, or of its line after a bullet ("- ", "• ")."""
    if token.is_sent_start:
        return True
    before = token.i - 1
    while before >= 0 and token.doc[before].is_punct:
        before -= 1
    return before < 0 or (token.doc[before].is_space and "\n" in token.doc[before].text)


def _job_itself(description: Doc) -> str | None:
    """The stem of the word naming the job on the title line ("Supervisor" in "Warehouse Operations
    Supervisor - Carrow Freight", "Teacher" in "Teacher of Mathematics (KS3)"): the person applying
    knows what the job is called, so a term naming it ("engineer", "Registered Nurse") is not one
    of the job's terms. None when the first line is not a title (a sentence, or too long)."""
    title, *_ = description.text.strip().split("\n", 1)
    job, *_where = TITLE_SEPARATOR.split(title, maxsplit=1)
    job = re.split(r"[,(]|\sof\s|\sfor\s", job)[0].split()
    if not job or len(job) > TITLE_WORDS or job[-1][-1:] in ".!?:":
        return None
    return stem(job[-1])


def _own_names(description: Doc) -> set[str]:
    """Words of the names of the company and the place the description is for, as stems: they are
    said in every paragraph, but they are where the job is, not what it asks for. Found where
    postings put them: after a dash or "at" on the title line ("Data Engineer - Meridian Health
    (remote, UK)"), after "About", "At", "Join" or "Why" opening a line, and as the name
    opening a sentence with its verb ("Northwind builds ...", "Carrow Freight runs ...")."""
    names: set[str] = set()
    title, *_ = description.text.strip().split("\n", 1)
    _job, *where = TITLE_SEPARATOR.split(title, maxsplit=1)
    for part in where:
        names |= {stem(word) for word in re.findall(r"[A-Z][\w&']*", part)}
    tokens = [t for t in description if not t.is_space]
    for i, token in enumerate(tokens):
        if not _starts_line(token):
            continue
        introduced = token.lower_ in NAME_INTRODUCERS
        run = []
        for word in islice(tokens, i + introduced, None):
            if not (word.tag_ in ("NNP", "NNPS") or (run and word.text in ("&", "'s"))):
                break
            run.append(word)
        after = tokens[i + introduced + len(run)] if i + introduced + len(run) < len(tokens) else None
        if run and (introduced or (after is not None and after.tag_ in ("VBZ", "VBP", "VBD"))):
            names |= {stem(word.text) for word in run if word.text[:1].isupper()}
    return names


def _company_after_comma(description: Doc, names: set[str]) -> set[str]:
    """The words of the title line's company after a comma, as stems: a comma before the company
    and the place ("Senior Backend Engineer, Northwind Payments.") is told from one before the team
    ("Senior Backend Engineer, Payments") by `names`, the company's own words found elsewhere: the
    part holding one is the company's name ("Payments" with it), and what follows it the place."""
    title, *_ = description.text.strip().split("\n", 1)
    job, *_where = TITLE_SEPARATOR.split(title, maxsplit=1)
    first, *parts = job.split(",")
    if len(first.split()) > TITLE_WORDS:  # a sentence, not a title
        return set()
    for at, part in enumerate(parts):
        words = {stem(word) for word in re.findall(r"[A-Z][\w&']*", part)}
        if words & names:
            return {stem(word) for rest in parts[at:] for word in re.findall(r"[A-Z][\w&']*", rest)}
    return set()


def _company_words(company: str | None) -> set[str]:
    """The words of the company's name as logged, as stems ("Northwind Traders" is "northwind" and
    "trader"): a posting names its company mid-sentence too, where `_own_names` does not look."""
    return {stem(word) for word in re.findall(r"[^\W_][\w&']*", company or "")}


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
    """Runs of term words (adjectives, participles, nouns) that end in a noun, or in a number
    written after a name ("FRS 102", "ISO 27001")."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in [*(t for t in doc if not t.is_space), None]:  # a line break inside a phrase is no break
        joins = token is not None and (
            _term_word(token) or _numbered(token, current[-1] if current else None)
        )
        if joins and not (current and current[-1].sent != token.sent):
            current.append(token)
            continue
        while current and not _term_end(current[-1], current[-2] if len(current) > 1 else None):
            current.pop()
        if current:
            runs.append(current)
        current = [token] if token is not None and _term_word(token) else []
    return runs


def _term_end(token: Token, before: Token | None) -> bool:
    return _noun(token) or _numbered(token, before)


def _noun(token: Token) -> bool:
    """A noun, or a name written in mixed case ("PostgreSQL", "GraphQL", "JavaScript"), which only
    a tool, a product or a standard is: the tagger read "PostgreSQL" in "work with Python,
    PostgreSQL and Kafka" as an adverb, and the posting's database was no key term."""
    text = token.text
    mixed_case = text[1:] != text[1:].lower() and text != text.upper()
    return token.tag_ in NOUN_TAGS or (mixed_case and text.isalpha())


def _numbered(token: Token, before: Token | None) -> bool:
    """A standard's or a level's number, written after its capitalised name ("FRS 102")."""
    return (
        before is not None
        and token.like_num
        and token.text.isalnum()
        and before.text[:1].isupper()
        and before.i == token.i - 1
    )


def _says_how_well_held(token: Token) -> bool:
    """ "Comfort" in "Comfort with on-call rotations": HOW_WELL_HELD opening its line or sentence
    (after "A", "Strong" and the like at most) with a preposition after it; not "patient comfort on
    the ward", the ward's own matter."""
    if token.lower_ not in HOW_WELL_HELD or token.i + 1 >= len(token.doc):
        return False
    opening = token
    while opening.i and opening.nbor(-1).tag_ in LINE_OPENING_TAGS:
        opening = opening.nbor(-1)
    return token.nbor().tag_ in ("IN", "TO") and _starts_line(opening)


def _word_to_word(words: Sequence[str]) -> bool:
    """ "end to end", "day to day", "face to face": a way of working, not a thing the job asks for."""
    return len(words) == 3 and words[1] == "to" and words[0] == words[2]


def _in_word_to_word(token: Token) -> bool:
    """Part of "end to end" written apart ("own services end to end" gave the key term "end")."""
    doc, i = token.doc, token.i
    return any(
        0 <= start and start + 3 <= len(doc) and _word_to_word([t.lower_ for t in doc[start : start + 3]])
        for start in (i - 2, i - 1, i)
    )


def _after_its_subject(token: Token) -> bool:
    """A word right after "you", "we", "they" or "will" is what they do, a verb, whatever the tagger
    made of it: "You mentor engineers" and "lead stakeholders" were the key terms "mentor engineers"
    and "lead stakeholders"."""
    before = token.doc[token.i - 1] if token.i else None
    return before is not None and (before.tag_ == "MD" or before.lower_ in SUBJECT_PRONOUNS)


def _term_word(token: Token) -> bool:
    return (
        not _in_word_to_word(token)
        and not _after_its_subject(token)
        and (_noun(token) or token.tag_ in {"JJ", "VBN"})
        and not _says_how_well_held(token)
        and (token.is_alpha or re.fullmatch(r"[A-Za-z][A-Za-z0-9+#.]*(-[A-Za-z]+)*", token.text) is not None)
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
        # "event-driven" is heard as "event driven": each part of a joined word is a word
        needed = {stem(w) for w in re.split(r"[\s-]+", term) if w}
        used = any(needed <= words for words in sentences)
        out.append({"term": term, "used": used})
    return out


# Markup pasted with a posting (a page's HTML copied whole): a script's or style's contents, a
# comment, a tag. "<script>" gave the key term "script".
# (a script runs to its end tag but never past another script's start, nor a comment past another
# comment's: 200,000 characters of unclosed "<script>" took 30 s)
_MARKUP = re.compile(
    r"<(script|style)\b[^>]*>(?:(?!<\1\b).)*?</\1\s*>|<!--(?:(?!<!--).)*?-->|</?[A-Za-z][^<>]*>", re.S | re.I
)
# An entity written in full ("&amp;", "&#8217;"); "FP&A" and "R&D" are words, not entities.
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)


def without_markup(text: str) -> str:
    """The text of a description pasted as HTML: its tags left out (each a line break, so list
    items and paragraphs stay apart) and its entities read ("&amp;" is "&"). Text with no tag is
    returned as it is."""
    if not _MARKUP.search(text):
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group()), _MARKUP.sub("\n", text))


def description_terms(description: str | None, nlp=None, company: str | None = None) -> dict | None:
    """The key terms of a pasted job description: {"terms": [...], "note": sentence or None};
    None for an empty description. Only the first JOB_MAX_CHARS characters are read; markup pasted
    with it is no term (`without_markup`). `company`: the name the interview is logged with, never
    a term."""
    text = without_markup(description or "").strip()
    if not text:
        return None
    from coach.analysis.pipeline import COACH_COMPONENTS, load_pipeline

    nlp = nlp or load_pipeline()
    # tags and sentences are all the terms need: the answer's fillers, hedges and STAR labels are
    # not looked for in a job posting
    [parsed] = nlp.pipe([text[:JOB_MAX_CHARS]], disable=list(COACH_COMPONENTS))
    if not english_enough(parsed):
        return {"terms": [], "note": NOT_ENGLISH}
    return {"terms": key_terms(parsed, company=company), "note": None}


def job_terms(description: str | None, answer: Doc, nlp, company: str | None = None) -> dict | None:
    """`metrics.job_terms`: the description's key terms and which the answer used; None without one."""
    described = description_terms(description, nlp, company)
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
        # every form said ("errors/error (4×)"); an answer analysed before forms were kept has its word
        said = ("/".join(w.get("forms") or [w["word"]]) + f" ({times(w['count'])}×)" for w in most)
        lines.append("Words you said most: " + ", ".join(said) + ".")
    phrases = metrics.get("repeated_phrases") or []
    if phrases:
        said = (f"“{p['phrase']}” ({times(p['count'])}×)" for p in phrases)
        lines.append("Phrases you repeated: " + ", ".join(said) + ".")
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
