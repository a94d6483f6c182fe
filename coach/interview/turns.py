"""A conversation cut into speaker turns, then into interviewer question → candidate answer.

A question is recognised by its form and wording: a sentence Whisper ended with "?", one that
opens like a question ("how did you…", "can you…"), or a prompt that is not a question in grammar
("tell me about a time…", "walk me through…", "describe…"). Consecutive question sentences in a
turn make one multi-sentence question; the acknowledgements before them ("Thanks. Next one.")
are left out. A short follow-up that asks nothing on its own ("What did you do?", "Why?") takes
the sentences the interviewer said just before it as its question: "A teammate was struggling.
What did you do?" is one question, matched to the bank as one. An answer is everything the
candidate says from the end of a question to the next question; short interviewer remarks in
between ("I see, go on") stay outside the answer's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from coach.banks import WordedQuestion, follow_up_format, question_by_words
from coach.filled_pause import is_filled_pause
from coach.types import Word

CANDIDATE = "candidate"
# What an answer with no interviewer question before it is called (one voice heard, or no question
# recognised): the review analysed the recording as a whole. The Review page, `coach interview N`
# and `coach review` name it so (the last said "(whole talk)").
WHOLE_RECORDING = "The whole recording"
# Words that only lead into what is said next ("okay, so tell me…").
_LEAD_WORDS = "and|so|okay|ok|now|next|great|right|well|alright|all right|yeah|cool|perfect|thanks|thank you"
_OPENERS = (
    "what",
    "why",
    "how",
    "when",
    "where",
    "who",
    "whom",
    "whose",
    "which",
    "can",
    "could",
    "would",
    "will",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "have",
    "has",
    "had",
    "should",
    "shall",
    "may",
    "might",
)
# Who a sentence is about when a wh-word opens a clause of the speaker's own story rather than a
# question ("When I joined", "How we fixed it"); a question puts its verb there ("When did you").
_TELLING = "i|i've|we|we've|my|our|he|she|they"
# …unless what follows is the interviewer's own wish: "What I want to understand is why …"
_ASKING_VERBS = "want|wanted|would|like|wonder|am|was wondering|really want|am curious"
# An auxiliary that opens a question comes before its subject ("Is it…", "Are you…"); one followed
# by a subject that already has its verb ("I'm", "we're", "it's") is no question but the end of a
# sentence cut off by a change of voice: "…and your role / is I'm the marketing expert" (an AMI
# meeting of tests/data/real_speech) went into the debrief's questions, and from there into the bank.
_WH_WORDS = frozenset({"what", "why", "how", "when", "where", "who", "whom", "whose", "which"})
_AUXILIARIES = frozenset(_OPENERS) - _WH_WORDS
# An auxiliary before a subject it does not go with belongs to the sentence before it, cut off by a
# change of voice ("…the thing / is we built it in a week"); one that goes with it asks ("Are they
# ready…", "Did we cover…", "Have I answered…"), "they", "we" and "I" as much as "you".
_SUBJECTS_IT_DOES_NOT_GO_WITH = {
    "is": "i|we|they|you",
    "was": "we|they|you",
    "has": "i|we|they|you",
    "does": "i|we|they|you",
    "are": "i|he|she|it",
    "were": "he|she|it",
    "have": "he|she|it",
    "do": "he|she|it",
}
_SUBJECT_WITH_ITS_VERB = r"(?:i|we|you|they|he|she|it|that|there)['’](?:m|re|s|ve|ll|d)\b"
_PROMPTS = (
    "tell me",
    "tell us",
    "walk me through",
    "walk us through",
    "talk me through",
    "talk us through",
    "describe",
    "give me an example",
    "give us an example",
    "give an example",
    "explain",
    "share an example",
    "share a time",
    "introduce yourself",
    "talk about",
    "take me through",
    "i'd like to hear",
    "i would like to hear",
    "i'd love to hear",
    "let's talk about",
    "what about",
    "how about",
)
_SENTENCE = re.compile(r"[^.?!]+[.?!]*")
# A follow-up asks nothing on its own: a few of these words and no other ("What did you do?", "How
# did that go?", "Why?", "And what happened then?"). Its content is in what was said before it.
_FOLLOW_UP_WORDS = frozenset(
    "what why how and so then now next after that did do does doing done was were is are would could "
    "should you your yourself it that this there happen happened happens go went goes turn turned out "
    "end ended up handle handled deal dealt with react reacted respond responded feel felt learn learned "
    "learnt the result outcome resolve resolved decide decided proceed start started prepare prepared "
    "approach say said else differently instead about".split()
)
_FOLLOW_UP_MAX_WORDS = 6
# A sentence that only acknowledges ("Thanks.", "Great, thank you.", "I see, go on."): it is not
# what a follow-up after it asks about.
_ACKNOWLEDGING_WORDS = frozenset(
    "thanks thank you okay ok great good right sure i see next one let's start alright all cool nice "
    "perfect interesting that's that makes sense got it yeah yes fine well so and now go on wow "
    "excellent lovely brilliant understood mm hmm".split()
)
# How many sentences before a follow-up can hold what it asks about ("The build broke before a
# release. Your lead is away. What do you do?").
_FOLLOW_UP_CONTEXT = 2
# How many other sentences may stand between two questions of one turn for them to be asked as one.
_QUESTION_GAP = 1


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted stretch of speech."""

    speaker: str
    words: tuple[Word, ...]

    @property
    def start_s(self) -> float:
        return self.words[0].start_s

    @property
    def end_s(self) -> float:
        return self.words[-1].end_s

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def to_dict(self) -> dict:
        return {
            "speaker": self.speaker,
            "start_s": round(self.start_s, 3),
            "end_s": round(self.end_s, 3),
            "text": self.text,
        }


@dataclass(frozen=True)
class Exchange:
    """An interviewer's question and the candidate's answer to it.

    `question` is None when there is no interviewer (one voice): the whole talk is one answer.
    `answer_from_s`/`answer_to_s` bound the answer: from the end of the question to the next one.
    """

    question: str | None
    asked_by: str | None
    question_start_s: float | None
    question_end_s: float | None
    answer_words: tuple[Word, ...]
    answer_from_s: float
    answer_to_s: float


def make_turns(words: Sequence[Word], speakers: Sequence[str]) -> list[Turn]:
    """Consecutive words of one speaker make a turn; turns cover all speech in time order."""
    turns: list[Turn] = []
    run: list[Word] = []
    current = None
    for word, speaker in zip(words, speakers, strict=True):
        if run and speaker != current:
            turns.append(Turn(current, tuple(run)))
            run = []
        current = speaker
        run.append(word)
    if run:
        turns.append(Turn(current, tuple(run)))
    return turns


def sentences(words: Sequence[Word | str], said: Callable = attrgetter("text")) -> list[tuple]:
    """Words grouped into sentences by Whisper's closing punctuation; `said` gives a word's text
    (`str` for a text's words split at spaces)."""
    out, current = [], []
    for w in words:
        current.append(w)
        if said(w).rstrip("\"')").endswith((".", "?", "!")):
            out.append(tuple(current))
            current = []
    if current:
        out.append(tuple(current))
    return out


def is_question(text: str) -> bool:
    """Whether a sentence asks something, by punctuation, opening word or prompt wording. A
    question mark only on a closing "um" or "er" asks only when the words before it open as a
    question: on an AMI meeting clip the interviewer's "Yeah, go for it Any z any z er?" was taken
    for one, and cleaned of its "er?" as a question is, "Go for it Any z any z" was offered to
    practise and listed as a question they asked."""
    said = _without_closing_filled_pauses(text)
    marked = text.strip().endswith("?")
    hesitant = marked and not said.endswith("?")  # its only question mark on a closing "er?"
    if marked and not hesitant:
        return True
    clean = said.strip().lower()
    if hesitant:  # its opening word says whether it asks: "So, um, why this company, um?" does
        clean = " ".join(w for w in clean.split() if not is_filled_pause(w))
    bare = re.sub(rf"^({_LEAD_WORDS})[,.]?\s+", "", clean)
    first = re.split(r"[\s,]+", bare, maxsplit=1)[0] if bare else ""
    if any(bare.startswith(p) for p in _PROMPTS) or any(f" {p} " in f" {clean} " for p in _PROMPTS[:10]):
        return True
    if first in _WH_WORDS and re.match(rf"^\w+\s+(?:{_TELLING})\s+(?!(?:{_ASKING_VERBS})\b)", bare):
        return False  # "When I joined the team, …", "What we built was …": a story, not a question
    if first in _AUXILIARIES and re.match(rf"^\w+\s+{_SUBJECT_WITH_ITS_VERB}", bare):
        return False  # "is I'm the marketing expert": the rest of a sentence, not a question
    wrong_subjects = _SUBJECTS_IT_DOES_NOT_GO_WITH.get(first)
    if wrong_subjects and re.match(rf"^\w+\s+(?:{wrong_subjects})\b(?!['’])", bare):
        return False  # "is we built it in a week": the rest of a sentence, not a question
    if hesitant:  # asked, however short ("why this company, um?"), when it opens as a question does
        return first in _OPENERS
    return first in _OPENERS and len(bare.split()) >= 4 and not clean.endswith("!")


def _without_closing_filled_pauses(text: str) -> str:
    """A sentence without the "um"s and "er"s it ends on, with their punctuation."""
    words = text.split()
    while words and is_filled_pause(words[-1]):
        words.pop()
    return " ".join(words)


def asks_something(text: str) -> bool:
    """Whether an interviewer's words as heard ask anything: one of their sentences is a question
    (is_question). Words that do not ("Yeah, go for it Any z any z er?", kept by a review made
    before is_question took an "er?" for no question mark) are neither listed as a question they
    asked nor offered to practise."""
    return any(is_question(" ".join(s)) for s in sentences(text.split(), said=str))


_LEAD_IN = re.compile(rf"^(?:(?:{_LEAD_WORDS})[,.]?\s+)+", re.I)
# A restart: a few broken-off words, a comma, then the question asked again ("Aren't you, do you…").
_ASKING = "|".join(_OPENERS + _PROMPTS)
_RESTART = re.compile(rf"^(?:[\w']+\s+){{0,2}}[\w']+,\s+(?=(?:{_ASKING})\b)", re.I)


def asked_question_text(text: str) -> str:
    """An interviewer's question as it goes into a bank: without "um"s, lead-ins ("okay, so") or a
    broken-off start ("Aren't you, do you have any questions for me?" → "Do you have any
    questions for me?"). The words asked are otherwise kept as they were transcribed."""
    kept: list[str] = []
    for word in text.split():
        if not is_filled_pause(word):
            kept.append(word)
        elif kept and word[-1] in ",." and kept[-1].endswith(","):
            kept[-1] = kept[-1][:-1]  # "a time, uh, when" → "a time when"
        elif kept and word.endswith("?") and not kept[-1].endswith("?"):
            kept[-1] = kept[-1].rstrip(",.") + "?"  # "why this company, um?" → "why this company?"
    clean = _LEAD_IN.sub("", " ".join(kept))
    clean = _RESTART.sub("", clean)
    return clean[:1].upper() + clean[1:]


def question_title(heard: str | None, bank_question: str | None) -> str:
    """An answer's question as the page and the terminal title it: in the bank's words when it
    matched one (Whisper's "tell me an outer time new leather project" can be garbled), else as
    asked without lead-ins or "um"s; the whole recording when no question was heard."""
    return bank_question or asked_question_text(heard or "") or WHOLE_RECORDING


def _said_words(text: str) -> list[str]:
    """A sentence's words, lower case, without "um"s."""
    words = re.findall(r"[a-z']+", text.lower())
    return [w for w in words if not is_filled_pause(w)]


def is_follow_up(text: str) -> bool:
    """Whether a question asks nothing on its own ("What did you do?", "How did that go?",
    "Why?"): what it asks about was said before it, so on its own it is no question to match to
    the bank or to practise."""
    words = _said_words(asked_question_text(text))  # "Okay, so why?" asks no more than "Why?"
    return bool(words) and len(words) <= _FOLLOW_UP_MAX_WORDS and all(w in _FOLLOW_UP_WORDS for w in words)


def heard_question(heard: str | None, followed=None) -> WordedQuestion | None:
    """A question asked in an interview and matched to no bank question, as its answer is coached
    (coach.banks.question_by_words): a bare follow-up (is_follow_up: "And how did that turn out?")
    as the question it follows (`followed`, the one before it) when its words name no kind, as a
    mock interview's follow-up is (coach.banks.follow_up_format); None when no words were heard."""
    text = asked_question_text(heard or "")
    if text and is_follow_up(text):
        text = " ".join(text.split())
        return WordedQuestion(text, follow_up_format(text, followed))
    return question_by_words(text)


def _acknowledges(text: str) -> bool:
    """Whether a sentence only acknowledges what was said ("Thanks.", "I see, go on.")."""
    return all(w in _ACKNOWLEDGING_WORDS for w in _said_words(text))


def question_words(turn: Turn) -> tuple[Word, ...] | None:
    """The question in an interviewer's turn: from its first to its last question sentence. When
    the first is a follow-up (is_follow_up), the sentences just before it that say what it asks
    about are the question's start ("Hank, the primer timer teammate was struggling. What did you
    do?", as tiny.en hears "Thanks. Describe a time a teammate was struggling…")."""
    parts = sentences(turn.words)
    texts = [" ".join(w.text for w in s) for s in parts]
    marks = [i for i, text in enumerate(texts) if is_question(text)]
    if not marks:
        return None
    # the question answered is the last one asked, with the questions just before it ("Tell me
    # about a project. It can be anything. What was your role?"); one asked earlier with talk in
    # between is not part of it (a news clip's "How did he not know that?", three sentences of
    # comment, then "Would you think about it?" came out as one five-sentence question)
    run = [marks[-1]]
    for i in reversed(marks[:-1]):
        if run[0] - i - 1 > _QUESTION_GAP:
            break
        run.insert(0, i)
    first = run[0]
    if is_follow_up(texts[first]):
        while first > 0 and run[0] - first < _FOLLOW_UP_CONTEXT and not _acknowledges(texts[first - 1]):
            first -= 1
    return tuple(w for s in parts[first : marks[-1] + 1] for w in s)


def exchanges(turns: Sequence[Turn], candidate: str = CANDIDATE) -> list[Exchange]:
    """Question → answer pairs. A question with no answer before the next question is folded into
    that next one (an interviewer rephrasing), so every exchange has an answer."""
    if not any(t.speaker != candidate for t in turns):
        words = tuple(w for t in turns for w in t.words)
        if not words:
            return []
        return [Exchange(None, None, None, None, words, words[0].start_s, words[-1].end_s)]
    asked: list[tuple[Turn, tuple[Word, ...]]] = []
    for turn in turns:
        if turn.speaker != candidate and (q := question_words(turn)):
            asked.append((turn, q))
    out: list[Exchange] = []
    pending: tuple[Turn, tuple[Word, ...]] | None = None
    for i, (turn, q) in enumerate(asked):
        end = asked[i + 1][0].start_s if i + 1 < len(asked) else float("inf")
        answer = tuple(
            w for t in turns if t.speaker == candidate and turn.end_s <= t.start_s < end for w in t.words
        )
        first_turn, first_q = pending or (turn, q)
        if not answer:
            pending = (first_turn, first_q)
            continue
        words = first_q if first_turn is turn else first_q + q
        out.append(
            Exchange(
                " ".join(w.text for w in words),
                turn.speaker,
                first_q[0].start_s,
                q[-1].end_s,
                answer,
                q[-1].end_s,
                answer[-1].end_s,
            )
        )
        pending = None
    return out


def candidate_questions(turns: Sequence[Turn], candidate: str = CANDIDATE) -> list[dict]:
    """Questions the candidate asked: their sentences ending in "?" (stricter than for the interviewer,
    since answers are full of "so how did we fix it" asides that Whisper punctuates as statements)."""
    out = []
    for turn in turns:
        if turn.speaker != candidate:
            continue
        for s in sentences(turn.words):
            text = " ".join(w.text for w in s)
            if text.rstrip().endswith("?") and len(s) >= 3:
                out.append({"text": text, "start_s": round(s[0].start_s, 3)})
    return out
