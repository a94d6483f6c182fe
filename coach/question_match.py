"""A question as heard in an interview, or typed, matched to the closest question in the bank.

Below both `coach.banks` (keep_question: is this question there already?) and the interview
review (which question was asked?): it imports neither, so imports only point down.

Interviewers paraphrase ("can you walk me through a project that missed its goals?") and Whisper
mishears words, so the match is by TF-IDF cosine over character 3–5-grams of the words (robust to
inflection and small transcription errors), with the words every interview question shares
("tell me about a time") weighted down by their frequency across the bank. A match below
MIN_SIMILARITY is no match: the question is offered for the personal bank instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class Question(Protocol):
    """What matching reads of a bank's question (coach.banks.Question has it); handed in, so this
    module imports nothing above it."""

    id: str
    text: str


# Measured on tests/data/interviews and benchmarks/review_accuracy.py: paraphrased bank questions
# as transcribed score 0.45-0.9 against their own entry; the best unrelated entry for a question
# not in the bank scores 0.2-0.4.
MIN_SIMILARITY = 0.42
# A question typed in a debrief ("Tell me about a time you led without authority.") is the bank's
# question when it is this close AND every word it carries is in the bank's words. Closeness alone
# would merge different questions: distinct shipped ones reach 0.77 ("Why are you looking for a new
# role?" and "What are you looking for in your next role?"). With the words too, the closest two
# shipped questions are 0.58 ("Tell me about a time you failed." and "... you failed to persuade
# someone."), so 0.6 takes none of the 287 for another (each matched against the rest). At 0.7,
# people's shorter ways of typing a question were kept as questions of their own beside it ("Tell
# me about a time you disagreed with your manager.", 0.698; "How would you design a rate
# limiter?", 0.694) and recommended beside it. Over the restatements the rule was chosen on
# (tests/data/labels/typed_questions_dev.toml, benchmarks/typed_questions.py --grid), 25 of 59 were
# found then; 34 with _CONTRACTIONS and the typed words for the banks' at 0.7, 41 at 0.6 to 0.65
# (0.58 takes a shipped question for another); none of 31 distinct questions merged at any of them.
# With both sides read alike (_said_alike) and the follow-ups told apart, over the 78 and 44 the dev
# part holds now: 67 found at 0.6, 68 at 0.59, 69 at 0.57 and below, none merged at any.
SAME_QUESTION_SIMILARITY = 0.6
# Words that carry no content of their own when deciding whether one question holds another's.
_FUNCTION_WORDS = frozenset(
    "a an the you your i me my we our us about time tell describe give example of to in on for and "
    "or what how why when where which who is are was were do did does have has had it its that this "
    "with at as be by from can could would should will there their they them something someone some "
    "any one".split()
)
# Words that only frame a question; dropped before comparing.
_FRAME = re.compile(
    r"\b(okay|ok|so|great|thanks|thank you|next one|now|alright|all right|can you|could you|"
    r"please|i'd like you to|i would like you to|let's|start)\b"
)


@dataclass(frozen=True)
class Match:
    bank_id: str | None
    bank_text: str | None
    similarity: float
    alternatives: tuple[tuple[str, str, float], ...] = ()

    def to_dict(self) -> dict:
        return {
            "bank_id": self.bank_id,
            "bank_text": self.bank_text,
            "similarity": round(self.similarity, 3),
            "alternatives": [
                {"bank_id": i, "text": t, "similarity": round(s, 3)} for i, t, s in self.alternatives
            ],
        }


def normalised_text(text: str) -> str:
    """A question's words for comparing two questions: lower case, single spaces."""
    return " ".join(text.lower().split())


def normalise(text: str) -> str:
    """A question's words (normalised_text) without punctuation or framing, for similarity."""
    text = re.sub(r"[^a-z' ]+", " ", normalised_text(text))
    return " ".join(_FRAME.sub(" ", text).split())


@functools.lru_cache(maxsize=4)
def _index(bank: tuple[tuple[str, str], ...]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    matrix = vectorizer.fit_transform([normalise(text) for _, text in bank])
    return vectorizer, matrix


def closest(text: str, questions: Sequence[Question], *, top: int = 3) -> list[tuple[int, float]]:
    """The `top` questions closest to `text` in wording, closest first: each one's place in
    `questions` and its similarity (0 to 1). None for an empty bank or empty words."""
    bank = tuple((q.id, q.text) for q in questions)
    if not bank or not text.strip():
        return []
    import numpy as np  # here, not at the top: the banks import this module on the first page

    vectorizer, matrix = _index(bank)
    sims = (matrix @ vectorizer.transform([normalise(text)]).T).toarray().ravel()
    return [(int(i), float(sims[i])) for i in np.argsort(-sims)[:top]]


def match_question(text: str, questions: Sequence[Question], *, top: int = 3) -> Match:
    """The closest bank question, or a Match with bank_id None and the nearest alternatives."""
    nearest = closest(text, questions, top=top)
    if not nearest:
        return Match(None, None, 0.0)
    alternatives = tuple((questions[i].id, questions[i].text, sim) for i, sim in nearest)
    best, similarity = alternatives[0][:2], nearest[0][1]
    if similarity < MIN_SIMILARITY:
        return Match(None, None, similarity, alternatives)
    return Match(best[0], best[1], similarity, alternatives[1:])


# The past forms of the irregular verbs interview questions use, and the verb each is a form of:
# "led" is "lead", which no ending rule finds. A table of its own, not spaCy's lemmatizer tables
# (_irregular_verbs): those load for a second or more on the first question added.
_IRREGULAR_VERBS = {
    form: verb
    for verb, forms in {
        "lead": "led",
        "mislead": "misled",
        "take": "took taken",
        "undertake": "undertook undertaken",
        "mistake": "mistook mistaken",
        "make": "made",
        "give": "gave given",
        "forgive": "forgave forgiven",
        "run": "ran",
        "write": "wrote written",
        "rewrite": "rewrote rewritten",
        "speak": "spoke spoken",
        "tell": "told",
        "build": "built",
        "rebuild": "rebuilt",
        "teach": "taught",
        "choose": "chose chosen",
        "win": "won",
        "grow": "grew grown",
        "outgrow": "outgrew outgrown",
        "know": "knew known",
        "think": "thought",
        "fight": "fought",
        "bring": "brought",
        "feel": "felt",
        "keep": "kept",
        "leave": "left",
        "meet": "met",
        "send": "sent",
        "spend": "spent",
        "understand": "understood",
        "misunderstand": "misunderstood",
        "go": "went gone",
        "undergo": "underwent undergone",
        "see": "saw seen",
        "oversee": "oversaw overseen",
        "foresee": "foresaw foreseen",
        "get": "got gotten",
        "forget": "forgot forgotten",
        "come": "came",
        "overcome": "overcame",
        "become": "became",
        "begin": "began begun",
        "break": "broke broken",
        "catch": "caught",
        "deal": "dealt",
        "draw": "drew drawn",
        "withdraw": "withdrew withdrawn",
        "drive": "drove driven",
        "fall": "fell fallen",
        "find": "found",
        "hear": "heard",
        "overhear": "overheard",
        "hold": "held",
        "uphold": "upheld",
        "withhold": "withheld",
        "lose": "lost",
        "mean": "meant",
        "pay": "paid",
        "say": "said",
        "sell": "sold",
        "stand": "stood",
        "seek": "sought",
        "buy": "bought",
        "throw": "threw thrown",
        "rise": "rose risen",
        "hide": "hid hidden",
        "strike": "struck",
        "steal": "stole stolen",
        "shake": "shook shaken",
        "show": "shown",
        "lend": "lent",
        "flee": "fled",
        "sit": "sat",
    }.items()
    for form in forms.split()
}


# Words people use for one thing, and the one word a question typed and the banks' questions are
# both read with: "Tell me about a time you disagreed with your boss." was kept beside the banks'
# "... with your manager's decision.", and "What would make you leave your current role?" beside
# their "... your current job?" (the banks say "role" in some questions and "job" in others).
_SAME_THING = {
    "boss": "manager",
    "supervisor": "manager",
    "coworker": "colleague",
    "co-worker": "colleague",
    "resume": "cv",
    "job": "role",
    "position": "role",
}
# "Fire someone" is the banks' "let someone go": the verb, before whom it lets go (not "a fire").
_FIRE = re.compile(
    r"\b(?:fire|fired|firing)\s+(?=someone|somebody|anyone|people|him|her|them|an?\s|one\s|your\s)"
)
# "How would you design a leaderboard?" asks what the banks' "Design a leaderboard for a game with
# millions of players." asks, and "Design an A/B test." what their "How would you design an A/B test
# for a change to a checkout page?" asks.
_HOW_WOULD_YOU_DESIGN = re.compile(r"\bhow would you design\b")
# A contraction's ending, and the words it stands for: "didn't" is "did not", whose "not" the
# banks' "did not meet its goals" holds; "you've" is "you" ("have" says nothing of its own).
_CONTRACTIONS = (("n't", " not"), ("'ve", ""), ("'re", ""), ("'ll", ""), ("'d", ""), ("'m", ""))


@functools.lru_cache(maxsize=4096)
def _said_alike(text: str) -> str:
    """`text` in lower case, with the words people use for one thing said as one (_SAME_THING: "your
    boss" and "your supervisor" are "your manager", "this position" "this role"), "fire someone" as
    the banks' "let someone go" and "how would you design" as "design": what a question typed and a
    bank question are compared as, both read alike so neither side's choice of word decides."""
    text = _HOW_WOULD_YOU_DESIGN.sub("design", _FIRE.sub("let go ", text.lower().replace("\u2019", "'")))
    return re.sub(
        r"(?<![\w-])(" + "|".join(map(re.escape, _SAME_THING)) + r")(e?s)?(?![\w-])",
        lambda m: _SAME_THING[m.group(1)] + ("s" if m.group(2) else ""),
        text,
    )


def _content_words(text: str) -> set[str]:
    """Its words that say something, each as its root (`_root`): "resolved" in "..., and how you
    resolved it." is the bank's "How did you resolve it?", "led" the bank's "lead", "manager's"
    "manager" (`_without_possessive`), and "didn't" "did not" (_CONTRACTIONS: "... a project that
    didn't meet its goals." was kept beside the banks' "... did not meet its goals.")."""
    said = re.findall(r"[a-z']+", _without_contractions(text.lower().replace("\u2019", "'")))
    words = (_IRREGULAR_VERBS.get(w, w) for w in (_without_possessive(w) for w in said))
    return {_root(w) for w in words if w and w not in _FUNCTION_WORDS}


@functools.lru_cache(maxsize=4096)
def _held_words(question: str) -> frozenset[str]:
    """A question's content words (_content_words), read once: every question typed is held against
    all of them."""
    return frozenset(_content_words(question))


def _without_contractions(text: str) -> str:
    text = re.sub(r"\b(can|won)'t\b", lambda m: {"can": "can not", "won": "will not"}[m.group(1)], text)
    for ending, words in _CONTRACTIONS:
        text = re.sub(rf"(?<=[a-z]){ending}\b", words, text)
    return text


def _without_possessive(word: str) -> str:
    """A word without the possessive's "'s" or apostrophe: the bank's "your manager's decision" holds
    "manager" ("Describe a time you disagreed with your manager." was kept as a question of its own
    beside it, its "manager" not being the bank's "manager'"), and so does "manager’s" typed with a
    phone's apostrophe (which was "manager" and a word "s")."""
    return word.removesuffix("'s").strip("'")


def _root(word: str) -> str:
    """A word without the ending its forms differ by: "resolved", "resolves", "resolving" and
    "resolve" are "resolv"; "studies" "study" (coach.analysis.word_use.stem, then a final e); an
    irregular past ("led", "taught") its verb (_IRREGULAR_VERBS). No lemmatiser: spaCy's would
    load for seconds on the first add."""
    from coach.analysis.word_use import stem

    root = stem(_IRREGULAR_VERBS.get(word, word))
    return root[:-1] if len(root) > 4 and root.endswith("e") else root


def same_question(text: str, questions: Sequence[Question]) -> Question | None:
    """The question in `questions` that `text` (typed or heard) is: the same words (case, spacing
    and a missing full stop aside), or a shorter way of saying one (see SAME_QUESTION_SIMILARITY);
    None when it is a question of its own, as an interviewer's follow-up typed alone is
    (`_asked_after`, `_points_back`), and a question asking why or what would make you beside one
    asking yes or no (`_asks_yes_or_no`) or with another question word (`_question_word`)."""
    wanted = normalise(text)
    if not wanted:
        return None
    for question in questions:
        if normalise(question.text) == wanted:
            return question
    if wanted in _asked_after(questions):
        return None
    text = _said_alike(text)
    typed = _content_words(text)
    # no question holds every word typed: none can be it, and matching (TF-IDF, which imports
    # scikit-learn: 2-4 s on a page's first run) is not needed to say so
    if not any(typed <= _held_words(_said_alike(q.text)) for q in questions):
        return None
    worded = [_Worded(q.id, _said_alike(q.text)) for q in questions]
    found = match_question(text, worded, top=1)
    if found.bank_id is None:
        return None
    bank_text, asks = found.bank_text or "", _asks(found)
    if max(found.similarity, _closeness_to_what_it_designs(text, asks, worded)) < SAME_QUESTION_SIMILARITY:
        return None
    if not typed <= _held_words(bank_text) or not typed & _content_words(asks):
        return None
    # "How did you tell the people affected?" follows up an answer; "Why are you interviewing
    # elsewhere?" is not the banks' "Are you interviewing elsewhere?", nor "Why are you leaving your
    # current job?" their "What would make you leave your current job?"
    asked_with = _question_word(text)
    if asked_with and (_points_back(text, bank_text) or _asks_yes_or_no(asks)):
        return None
    if asked_with and _question_word(asks) not in (None, asked_with):
        return None
    return next(q for q in questions if q.id == found.bank_id)


def _closeness_to_what_it_designs(text: str, asks: str, questions: Sequence[Question]) -> float:
    """How close `text` is to what a bank question asking to design something designs, without what
    it is for ("Design a news feed." beside the banks' "Design a news feed for a social
    application.", 0.54 against the whole question): 0 for a question asking something else."""
    if not asks.startswith("design "):
        return 0.0
    what = re.split(r"\s(?:for|that|which|with)\s|,", asks)[0]
    if not _content_words(what) <= _content_words(text):  # "Design a test.": an A/B test?
        return 0.0
    if " the " in f" {what} ":  # "Design the backend." is the banks' "... for a ride-sharing app's
        return 0.0  # matching" only with what it is for: "the" points at it
    vectorizer, _ = _index(tuple((q.id, q.text) for q in questions))
    typed, designed = vectorizer.transform([normalise(text), normalise(what)])
    return float((typed @ designed.T).toarray()[0, 0])


@dataclass(frozen=True)
class _Worded:
    """A question as same_question compares it: its id, and its words read alike (`_said_alike`)."""

    id: str
    text: str


def _asked_after(questions: Sequence[Question]) -> frozenset[str]:
    """The questions an interviewer asks after a question of `questions` (its follow-ups, and what
    its text asks after its first sentence), normalised: typed alone, each is a question of its own
    ("How did you tell the people affected?" is asked after "Describe a mistake you made that
    affected other people.", not instead of it)."""
    return _asked_after_texts(tuple((q.text, tuple(getattr(q, "follow_ups", ()))) for q in questions))


@functools.lru_cache(maxsize=4)
def _asked_after_texts(questions: tuple[tuple[str, tuple[str, ...]], ...]) -> frozenset[str]:
    after = (s for text, follow_ups in questions for s in (*_sentences(text)[1:], *follow_ups))
    return frozenset(normalise(s) for s in after) - {""}


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.?!])\s+", text.strip())


# Words that point back at something said before the question: "How would your colleagues describe
# it?" asks about an answer just given, where the banks' "How would your current colleagues describe
# you?" does not.
_POINTERS = frozenset("it its they them their he him his she her".split())


def _points_back(typed: str, bank_text: str) -> bool:
    """Whether `typed` points back at something said before it that the bank question does not say:
    a pronoun the bank's words lack ("it", "them": `_POINTERS`), or "the" before a word the bank
    says without it ("How did you tell the people affected?", "Who was affected by the mistake?"
    beside the banks' "Describe a mistake you made that affected other people."). Asked with a
    question word (`_question_word`), such a question is an interviewer's follow-up,
    asked after an answer, not the question that answer was to; "What happens when you type a URL
    into the browser?" says "the" of what everyone knows."""
    typed_words, bank_words = _words(typed), _words(bank_text)
    if (_POINTERS & set(typed_words)) - set(bank_words):
        return True
    return bool(_said_with_the(typed_words) - _said_with_the(bank_words))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z'-]+", _without_contractions(text.lower()))


def _said_with_the(words: list[str]) -> set[str]:
    """The roots of the words that follow "the" and say something ("the mistake": "mistak")."""
    after_the = (w for the, w in zip(words, words[1:], strict=False) if the == "the")
    return {_root(w) for w in after_the if w not in _FUNCTION_WORDS}


# The words a question asking yes or no begins with ("Are you interviewing elsewhere?", "If we made
# you an offer, would you accept?", after its "if" clause).
_AUXILIARIES = frozenset(
    "do does did is are was were have has had would will can could should may might".split()
)


def _asks_yes_or_no(asks: str) -> bool:
    """Whether a bank question's first sentence asks yes or no, and not whether there is any of
    something: "Do you have any questions for us?" is answered by naming them, as "What questions
    do you have for us?" is, and "Is there anything we have not covered ...?" as "What have we not
    covered ...?" is."""
    words = normalise(re.sub(r"^\s*if\b[^,]*,", "", asks.lower())).split()
    return bool(words) and words[0] in _AUXILIARIES and not {"any", "anything", "anyone"} & set(words)


def _question_word(question: str) -> str | None:
    """The question word `question` asks with, followed by a verb that helps it ("how" of "How did
    you ...", "who" of "Who was ...", "what" of "What would make you ..."): the way a follow-up asks
    about an answer just given, and not the yes or no of the banks' "Are you interviewing
    elsewhere?". None for "what" before a noun ("What questions do you have for us?" asks the banks'
    "Do you have any questions for us?"), a question word before a verb of its own ("What happens
    when you type a URL into the browser?", the banks' "What happens, step by step, ..."), and a
    question asked without one."""
    wh = ("what", "why", "when", "how", "where", "who", "which")
    question = question.lower().replace("\u2019", "'")
    said = re.sub(rf"\b({'|'.join(wh)})'s\b", r"\1 is", _without_contractions(question))
    words = normalise(said).split()
    return words[0] if len(words) > 1 and words[0] in wh and words[1] in _AUXILIARIES else None


def _asks(found: Match) -> str:
    """A bank question's first sentence, what it asks: a question typed must hold one of its words,
    not only the words of what follows it. "What did you learn?", an interviewer's follow-up, would
    be "Tell me about a deal you lost. What did you learn?" at 0.6 (0.64), and "How did you decide
    what to drop?" was "Tell me about a time you had too much to do. How did you decide what to
    drop?" at 0.7 too (0.72). Of the shipped questions' 38 second sentences and 295 follow-ups, each
    typed alone, 5 were taken for a bank question at 0.7, 17 at 0.6 without this, 5 with it (those
    two not among them), and none once the follow-ups themselves are known (`_asked_after`; 3
    without that, with `_points_back`): benchmarks/typed_questions.py."""
    return _sentences(found.bank_text or "")[0]


# A question typed with a slip or two of the keys ("Tell me abuot a tiem you failed.") is the one it
# misspells when their letters are this close (rapidfuzz's ratio over the normalised words, without
# _SMALL_WORDS) and every word that differs is a misspelling of the word in its place
# (misspelt_word), none added or left out but _SMALL_WORDS. Over the 287 shipped questions the
# closest two distinct ones score 0.82 ("... asked to do something you had never done before" /
# "... you felt was wrong"); a typo or two in a bank question scores 0.93-0.97.
TYPO_SIMILARITY = 0.9
# Words a question may gain or lose and still ask the same ("Tell me about time you failed", "... a
# time when you failed"): articles, and "when" and "that" joining a clause. Without them, no two of
# the 287 shipped questions read the same, nor is one a misspelling of another (tests/test_banks.py).
_SMALL_WORDS = frozenset({"a", "an", "the", "when", "that"})


def misspelt_word(typed: str, meant: str) -> bool:
    """Whether `typed` is `meant` with a slip of the keys: one letter added, dropped, changed or two
    swapped ("tiem", "faild"), two in a word of six letters or more; a word of one or two letters
    must be the very word ("do" is not "did"), and a word that is another word by more ("fled" for
    "failed") is that other word."""
    from rapidfuzz.distance import DamerauLevenshtein

    shorter = min(len(typed), len(meant))
    allowed = 0 if shorter <= 2 else 1 if shorter <= 5 else 2
    if DamerauLevenshtein.distance(typed, meant) > allowed:
        return False
    return not _another_word(typed, meant)


def _another_word(typed: str, meant: str) -> bool:
    """Whether `typed`, a slip away from `meant`, is a word of its own that says something else:
    "lied" for "led" ("Tell me about a time you lied." is not "... you led." misspelt). Both must be
    words, so a question of your own kept with a typo ("What did yuo learn ...?") is still found
    typed right. Not when one only frames the question ("tome" for "time"), nor another form of the
    same word ("manage" for "managed"). A word is one of the 21,722 whole words of the English word
    list the coach ships (coach.analysis.word_rarity, which imports nothing of the coach); a slip
    that makes a rarer word than those is taken for a slip."""
    if typed == meant or {typed, meant} & _FUNCTION_WORDS:
        return False
    from coach.analysis.word_rarity import word_ranks
    from coach.analysis.word_use import stem

    words = word_ranks()
    same_word = typed.startswith(meant) or meant.startswith(typed) or stem(typed) == stem(meant)
    return typed in words and meant in words and not same_word and not _same_verb(typed, meant)


def _same_verb(typed: str, meant: str) -> bool:
    """Whether one is an irregular form of the other's verb, or both of one verb: "lead" typed for
    "led" asks the same question (a slip, or the spelling of its sound), where "lied" asks another."""
    bases = _irregular_verbs()
    return bases.get(typed, typed) == bases.get(meant, meant)


@functools.cache
def _irregular_verbs() -> dict[str, str]:
    """Each irregular form of an English verb and its base ("led" → "lead", "taught" → "teach"): the
    2,401 of the lemmatizer tables the English spaCy model ships (the analysis leaves its lemmatizer
    out, coach.analysis.pipeline). Without the model, none: such a slip is then another question."""
    from spacy.lookups import Lookups
    from spacy.util import get_model_meta, get_package_path

    from coach.analysis.pipeline import MODEL_NAME

    try:
        package = get_package_path(MODEL_NAME)
        meta = get_model_meta(package)
        folder = package / f"{meta['lang']}_{meta['name']}-{meta['version']}" / "lemmatizer" / "lookups"
        verbs = Lookups().from_disk(folder).get_table("lemma_exc")["verb"]
    except (OSError, KeyError, ValueError, ImportError):
        return {}
    return {form: bases[0] for form, bases in verbs.items() if bases}


def _misspells(typed: str, meant: str) -> bool:
    from difflib import SequenceMatcher

    from rapidfuzz import fuzz

    if fuzz.ratio(typed, meant) < TYPO_SIMILARITY * 100:
        return False
    typed_words, meant_words = typed.split(), meant.split()
    for op, i1, i2, j1, j2 in SequenceMatcher(None, typed_words, meant_words, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op != "replace":  # a word added or left out: another question, or a longer one
            return False
        these, those = typed_words[i1:i2], meant_words[j1:j2]
        if len(these) != len(those):  # "any more" for "anymore": the words run together
            these, those = ["".join(these)], ["".join(those)]
        if not all(misspelt_word(a, b) for a, b in zip(these, those, strict=True)):
            return False
    return True


def misspelt_question(text: str, questions: Sequence[Question]) -> Question | None:
    """The question in `questions` that `text` is with a typo or two (TYPO_SIMILARITY), or with a
    small word more or less (_SMALL_WORDS), or None."""
    typed = _without_small_words(text)
    if not typed:
        return None
    return next((q for q in questions if _misspells(typed, _without_small_words(q.text))), None)


def _without_small_words(text: str) -> str:
    return " ".join(w for w in normalise(text).split() if w not in _SMALL_WORDS)
