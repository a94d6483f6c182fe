"""STAR structure: each sentence labelled Situation, Task, Action, Result or other.

Two steps. `sentence_scores` gives each sentence a score per part from what it says (cue
phrases, who the subject is, tense, numbers) and where it sits in the answer; `best_sequence`
then picks the labels for the whole answer with a Viterbi pass that prefers the usual order
(situation → task → action → result) without forbidding a return to an earlier part.

A sentence that joins two clauses with their own subjects ("I rolled the change back and the
error rate dropped to zero") is scored clause by clause when each clause clearly points to a
different part (`clause_spans`, `distinct_clauses`); the pass then runs over the clauses.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from coach.analysis.extensions import register_extensions

PARTS = ("situation", "task", "action", "result", "other")
S, T, A, R, OTHER = range(5)

CUES: dict[int, list[tuple[re.Pattern[str], float]]] = {
    S: [
        (
            re.compile(
                r"\b(at|in) my (last|previous|old|current|former|first) (job|company|role|team|"
                r"employer|position|internship)"
            ),
            2.0,
        ),
        (
            re.compile(
                r"\b(when i was|while i was|i was working|i worked (at|as|on|for|in)|"
                r"i was (a|an) )"
            ),
            1.5,
        ),
        (
            re.compile(
                r"\b(years? ago|months? ago|weeks? ago|last (year|summer|spring|fall|winter|quarter)|"
                r"back (in|when)|a while back|at the time)\b"
            ),
            1.5,
        ),
        (
            re.compile(
                r"\b(there (was|were)|we had (a|an|some|this|no|two|three|only|about|around)|"
                r"we were (using|running|working|on|a|an|about|in|behind|losing|getting))\b"
            ),
            1.2,
        ),
        (
            re.compile(
                r"\b(the|our|my) (company|team|project|client|product|startup|system|app|service|"
                r"codebase|department|store|manager|customer|customers|users?) (was|had|were|is|"
                r"used|relied|ran|kept)\b"
            ),
            1.2,
        ),
        (re.compile(r"\bthe (problem|issue|situation|context|background|trouble) (was|is)\b"), 1.0),
        (
            re.compile(
                r"\b(was|were) (growing|struggling|failing|slow|behind|broken|down|unhappy|"
                r"complaining|churning|missing|late|overloaded|stuck|frustrated|losing)\b"
            ),
            1.2,
        ),
        (
            re.compile(
                r"\b(every|each) (week|day|night|morning|evening|month|quarter|year|release|sprint|"
                r"time)\b"
            ),
            0.5,
        ),
        (re.compile(r"^(so |and )?when (i|we) (started|joined|first|was|were)\b"), 1.0),
    ],
    T: [
        (
            re.compile(
                r"\bmy (job|role|task|responsibility|goal|assignment|mission|part|focus) (was|is|"
                r"became)\b"
            ),
            2.5,
        ),
        (
            re.compile(
                r"\b(i|we) (was|were) (asked|tasked|responsible|assigned|supposed|expected|"
                r"brought in|hired|given|put in charge|in charge|chosen|picked)\b"
            ),
            2.5,
        ),
        (re.compile(r"\b(i|we) (needed|had|wanted|need|have|got) to\b"), 1.5),
        (
            re.compile(
                r"\b(i|we) (needed|wanted|had to find) (a|some) (way|plan|fix|solution|process) "
                r"to\b"
            ),
            1.5,
        ),
        (
            re.compile(
                r"\bthe (goal|task|challenge|objective|aim|ask|mandate|target|priority|plan) "
                r"(was|is|became)\b"
            ),
            2.0,
        ),
        (
            re.compile(
                r"\b(it (was|fell)( up)? (to|on) me|(asked|wanted|needed|told|assigned) (me|us) to|"
                r"it was my job)\b"
            ),
            2.0,
        ),
        (re.compile(r"\b(i|we) (owned|had to figure out|had to decide|had to find)\b"), 1.0),
        (re.compile(r"\b(without|before|by) (the )?(deadline|end of|launch|friday|monday)"), 0.5),
    ],
    A: [
        (
            re.compile(
                r"^(so |then |and |first(ly)?,? |next,? |after that,? |to do that,? |to start,? )?"
                r"(i|we) (also |then |first |quickly |personally |immediately |eventually )?"
                r"(started|decided|began|set up|reached out|proposed|suggested|organi[sz]ed|wrote|"
                r"built|created|met|talked|spoke|scheduled|worked|led|ran|introduced|implemented|"
                r"designed|reviewed|broke|asked|called|added|moved|rewrote|replaced|automated|"
                r"put|made|sat|went|pulled|paired|interviewed|tested|trained|mapped|analy[sz]ed|"
                r"prioriti[sz]ed|negotiated|drafted|documented|presented|shared|contacted|"
                r"gathered|collected|dug|traced|profiled|migrated|split|held|focused|took|"
                r"volunteered|convinced|explained|escalated|created|coordinated|wrote|fixed|"
                r"cut|set|got|brought|identified|found|looked|listened|kept|switched|"
                r"prototyped|measured|instrumented|rolled|shadowed|offered|delegated|"
                r"stayed|checked|compared|hired|ran|recruited|launched|published|"
                r"started|used|sent|made|ordered|requested|booked|invited|outlined)\b"
            ),
            2.0,
        ),
        (
            re.compile(
                r"\b(first|then|next|after that|afterwards|so i|so we|i also|we also|i made sure|"
                r"i spent|i took|step by step|the first thing i|what i did|i went ahead)\b"
            ),
            1.0,
        ),
    ],
    R: [
        (
            re.compile(
                r"\b(as a result|in the end|at the end|ultimately|the result|results|the outcome|"
                r"resulted in|led to|which meant|that meant|ended up|by the end|since then|"
                r"from then on|going forward|this meant|this led|that led|it paid off|"
                r"in the following|afterwards|overall,|the upshot)\b"
            ),
            2.5,
        ),
        (
            re.compile(
                r"\b(reduced|cut|increased|improved|grew|dropped|decreased|saved|raised|boosted|"
                r"doubled|tripled|halved|lowered|went (down|up) from|went from|fell|rose|"
                r"shrank|sped up|eliminated)\b"
            ),
            1.3,
        ),
        (re.compile(r"\d+ ?(%|percent)|[$£€] ?\d|\d+ ?(k|x)\b|\bpercent\b|\b(half|twice|double)\b"), 1.5),
        (
            re.compile(
                r"\b(i learned|we learned|lesson|taught me|i now|we now|now (we|i|the|it)|"
                r"today (we|the|it)|still (use|using|uses|in use)|got promoted|was promoted|praised|"
                r"recogni[sz]ed|thanked|positive feedback|the feedback|on time|under budget|"
                r"ahead of schedule|was adopted|were adopted|became the|is now|are now|"
                r"never (missed|had)|no (more|longer)|zero)\b"
            ),
            1.5,
        ),
        (
            re.compile(
                r"\b(the|our|my) (team|client|customer|customers|manager|company|users|boss|"
                r"director|stakeholders) (was|were|became|felt|said|started|loved|"
                r"renewed|signed|stayed)\b"
            ),
            0.8,
        ),
        (
            re.compile(
                r"\b(launched|shipped|delivered|closed|won|passed|hit|met|exceeded|finished|"
                r"completed|succeeded|worked)\b"
            ),
            0.7,
        ),
        # What others decided or what stopped happening once the actions were done.
        (
            re.compile(
                r"\b(agreed|accepted|approved|adopted|signed off|renewed|retired|stopped|went away|"
                r"disappeared|recovered|stabili[sz]ed|settled)\b"
            ),
            1.0,
        ),
        (
            re.compile(
                r"\b(a few|a couple of|two|three|several|some) (days|weeks|months|years) later\b|"
                r"\b(a (week|month|year)|the next (day|week|month|quarter|year)) later\b"
            ),
            0.8,
        ),
    ],
    OTHER: [
        # Openers: buying time or announcing the example.
        (
            re.compile(
                r"^((so|okay|ok|hmm+|um+|uh+|well|right|yeah|sure)[,.]? )*"
                r"(that'?s a (really )?(great|good|tough|interesting|hard|fair) question|"
                r"(good|great|interesting|tough) question|let me (think|see|start|tell you)|"
                r"thanks for asking|i'?d (say|pick|go with)|i would (say|pick|go with)|"
                r"(one|a|an) (good )?(time|example|situation|project|story) (that )?"
                r"(comes?|springs?) to mind)"
            ),
            3.0,
        ),
        (re.compile(r"^(sure|okay|ok|hmm+|um+|uh+|anyway|yeah)\b"), 2.5),
        (
            re.compile(
                r"\b(i'?ll tell you about|i can think of|i'?d like to talk about|i want to talk "
                r"about|let me tell you about|i'?ll talk about|i'?ll share|i can talk about)\b"
            ),
            2.5,
        ),
        # Closers: wrapping up, or turning from the story to the speaker and the job.
        (
            re.compile(
                r"^((so|and|yeah|anyway|okay|but)[,.]? )*(that'?s|that is|that was|this is|this was) "
                r"(basically |pretty much |about |kind of |really )?(it|all|the (story|example|gist)|"
                r"my (story|example|answer))\b"
            ),
            3.0,
        ),
        (re.compile(r"^((so|and|yeah|anyway)[,.]? )*(that'?s|that is) (why|how|what) (i|i'm|i am)\b"), 3.0),
        (
            re.compile(
                r"^((so|and|yeah)[,.]? )*(i|we) (really |genuinely |truly |just |also |still )?"
                r"(enjoy|love|like) "
            ),
            2.5,
        ),
        (
            re.compile(
                r"\b(i'?m|i am) (really |so |very |genuinely )?"
                r"(excited|keen|passionate|looking forward)\b|"
                r"\b(this|the) (role|position|job opening)\b|\byour (team|company)\b|"
                r"\bi would love to\b|\bi'?d love to\b|\bhere as well\b"
            ),
            2.5,
        ),
        (
            re.compile(
                r"\b(does that (answer|make sense)|i hope that (answers|helps)|"
                r"happy to (go|talk|dive))\b"
            ),
            2.5,
        ),
    ],
}
# The part a sentence tends to be from its place in the answer (0 = first, 1 = last).
POSITION_WEIGHT = 1.2
# Transition bonus from part a (row) to part b (column): the usual order is favoured, staying
# within a part is cheap, and going back costs a little (answers do return to actions after a result).
TRANSITIONS = (
    # to:  S     T     A     R     O
    (0.6, 0.4, 0.3, 0.0, 0.0),  # from S
    (-0.4, 0.4, 0.5, 0.1, 0.0),  # from T
    (-0.8, -0.4, 0.6, 0.4, 0.2),  # from A
    (-0.9, -0.6, -0.3, 0.6, 0.3),  # from R
    (0.2, 0.1, 0.1, 0.1, 0.0),  # from O
)
# Bonus for the first sentence's part: answers open with the setting or an opener, rarely a result.
START = (0.6, 0.0, -0.6, -1.0, 0.3)
# Extra evidence for an opener or closer cue on the first or last sentence.
EDGE_OTHER = 0.5
# A late sentence whose subject turns from the "I" of the actions to "we" usually reports the outcome
# ("I shared the list ... We agreed on an order").
WE_AFTER_I_RESULT = 0.6
ACTION_SUBJECTS = frozenset({"i", "we"})
# Words that join two clauses ("I rolled it back and the errors stopped"); each clause with its
# own subject is labelled on its own.
JOINERS = frozenset({"and", "but", "so"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
MODALS = frozenset({"could", "would", "can", "might", "will", "may", "should"})
# A clause shorter than this many words stays with its neighbour ("and so on", "and it did").
MIN_CLAUSE_WORDS = 3
# How far a clause's best part must lead the other parts for the clause to be labelled on its own.
CLAUSE_MARGIN = 1.0
# Past forms of verbs that describe a state rather than a step taken (the pipeline has no
# lemmatizer, see pipeline.py, so the forms are listed).
STATE_VERBS = frozenset(
    {
        "was",
        "were",
        "had",
        "needed",
        "wanted",
        "thought",
        "felt",
        "knew",
        "seemed",
        "liked",
        "loved",
        "hoped",
        "got",
        "meant",
        "guessed",
        "remembered",
        "been",
        "realized",
        "realised",
        "believed",
        "did",
    }
)


def sentence_scores(sent: Span, position: float) -> list[float]:
    """Evidence for each part from the words of one sentence and its relative position."""
    text = sent.text.lower().replace("’", "'").strip()
    scores = [0.0] * len(PARTS)
    for part, cues in CUES.items():
        for pattern, weight in cues:
            if pattern.search(text):
                scores[part] += weight
    _add_grammar(sent, scores)
    scores[S] += POSITION_WEIGHT * max(0.0, 0.5 - position) * 2
    scores[R] += POSITION_WEIGHT * max(0.0, position - 0.6) * 2.5
    scores[A] += 0.3 * (1 - abs(position - 0.55) * 2)
    scores[OTHER] -= 1.0
    if sum(1 for t in sent if t.is_alpha) <= 2:
        scores[OTHER] += 2.0
    if scores[OTHER] > 0 and (position == 0 or position >= 0.99):
        scores[OTHER] += EDGE_OTHER
    return scores


def _subject(verb: Token) -> str:
    subjects = [t for t in verb.children if t.dep_ in {"nsubj", "nsubjpass"}]
    return subjects[0].lower_ if subjects else ""


def _is_past(verb: Token) -> bool:
    return verb.tag_ in {"VBD", "VBN"} or any(t.tag_ == "VBD" and t.dep_ == "aux" for t in verb.children)


def _is_own_step(verb: Token) -> bool:
    """ "I called a meeting": the speaker (or their team) did something, in the past."""
    return _subject(verb) in ACTION_SUBJECTS and _is_past(verb) and verb.lower_ not in STATE_VERBS


def _main_verb(sent: Span) -> Token:
    """The verb whose grammar says what the sentence is: its root, except where the root only sets
    up a contrast and a "but" clause says what the speaker did ("I was not the manager, but I called
    a meeting"): the concession is the background of that step, and the sentence is the step."""
    root = sent.root
    if root.lower_ == "but" and root.dep_ == "cc":  # a clause cut before its "but": its own verb
        root = next((t for t in sent if t.dep_ == "conj" and t.head.i == root.head.i), root)
    if _is_own_step(root):
        return root
    for joiner in root.children:
        if joiner.dep_ == "cc" and joiner.lower_ == "but":
            verb = next((c for c in root.children if c.dep_ == "conj" and c.i > joiner.i), None)
            if verb is not None and sent.start <= verb.i < sent.end and _is_own_step(verb):
                return verb
    return root


def _add_grammar(sent: Span, scores: list[float]) -> None:
    """Who does what: "I migrated the jobs" is an action; "the jobs were slow" a situation."""
    root = _main_verb(sent)
    subject = _subject(root)
    past = _is_past(root)
    if subject in ACTION_SUBJECTS and past and root.lower_ not in STATE_VERBS:
        scores[A] += 1.5
    elif (
        subject in ACTION_SUBJECTS
        and root.tag_ == "VBG"
        and any(t.lower_ in {"was", "were"} for t in root.children)
    ):
        scores[S] += 0.6  # "we were migrating": background in progress
    elif subject and subject not in ACTION_SUBJECTS and root.lower_ in {"was", "were", "had"}:
        scores[S] += 0.8
    elif subject and subject not in ACTION_SUBJECTS | {"it", "there"} and root.tag_ == "VBD":
        scores[R] += 0.5  # someone else did something: "he started asking questions"
        scores[S] += 0.3
    if any(t.like_num and not _is_year(t) for t in sent):
        scores[R] += 0.5


def _is_year(token) -> bool:
    return token.text.isdigit() and len(token.text) == 4 and token.text[:2] in {"19", "20"}


def subject_of(sent: Span) -> str:
    subjects = [t for t in sent.root.children if t.dep_ in {"nsubj", "nsubjpass"}]
    return subjects[0].lower_ if subjects else ""


def best_sequence(scores: list[list[float]]) -> list[int]:
    """Viterbi over sentences: the labelling with the highest evidence plus transition bonus."""
    if not scores:
        return []
    best = [[s + bonus for s, bonus in zip(scores[0], START, strict=True)]]
    back: list[list[int]] = [[0] * len(PARTS)]
    for row in scores[1:]:
        prev = best[-1]
        step, ptr = [], []
        for b in range(len(PARTS)):
            a = max(range(len(PARTS)), key=lambda a, b=b: prev[a] + TRANSITIONS[a][b])
            step.append(prev[a] + TRANSITIONS[a][b] + row[b])
            ptr.append(a)
        best.append(step)
        back.append(ptr)
    label = max(range(len(PARTS)), key=lambda b: best[-1][b])
    labels = [label]
    for ptr in reversed(back[1:]):
        label = ptr[label]
        labels.append(label)
    return labels[::-1]


def sentence_label(doc: Doc, clauses: list[tuple[int, int, str]]) -> str:
    """A sentence's one part: the part of its clause with the most words (the first on a tie)."""
    return max(clauses, key=lambda c: sum(1 for t in doc[c[0] : c[1]] if not (t.is_punct or t.is_space)))[2]


def label_clauses(doc: Doc) -> list[list[tuple[int, int, str]]]:
    """Per sentence, its clauses as (start token, end token, part); most sentences have one.

    Each clause is scored on its own and the Viterbi pass runs over the clauses in order, so
    "I set up a daily check-in, and we shipped on time" is an action then a result."""
    sents = list(doc.sents) if len(doc) else []
    units: list[tuple[int, Span, float]] = []
    for k, sent in enumerate(sents):
        pieces = distinct_clauses(clause_spans(sent), k, len(sents))
        units += [(k, piece, _position(k, c, len(pieces), len(sents))) for c, piece in enumerate(pieces)]
    scores = [sentence_scores(piece, position) for _, piece, position in units]
    _add_subject_shift([(piece, position) for _, piece, position in units], scores)
    out: list[list[tuple[int, int, str]]] = [[] for _ in sents]
    for (k, piece, _), part in zip(units, best_sequence(scores), strict=True):
        out[k].append((piece.start, piece.end, PARTS[part]))
    return out


def _position(k: int, c: int, n: int, n_sents: int) -> float:
    """Relative place of clause c of n in sentence k: a one-clause sentence sits at k / last as
    before; clauses spread towards the next sentence, and in the last sentence end at 1."""
    last = max(1, n_sents - 1)
    if n == 1:
        return k / last
    if k < n_sents - 1:
        return (k + c / n) / last
    low = (k - 0.5) / last if k else 0.0
    return low + (1.0 - low) * c / (n - 1)


def clause_spans(sent: Span) -> list[Span]:
    """The sentence cut before each "and", "but" or "so" that joins two clauses, each with its own
    subject ("the team was behind, so I set up a check-in"); a sentence without one is one span."""
    doc = sent.doc
    start, cuts = sent.start, []
    for token in sent:
        if (
            token.i > start
            and _joins_clauses(token)
            and _is_clause(doc[start : token.i])
            and _is_clause(doc[token.i : sent.end])
        ):
            cuts.append(token.i)
            start = token.i
    bounds = [sent.start, *cuts, sent.end]
    return [doc[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def distinct_clauses(pieces: list[Span], k: int, n_sents: int) -> list[Span]:
    """Clauses kept apart only where each clearly says a different part; others are joined back.

    Written answers often join two clauses of one part ("the designs were ready and the team was
    excited"), and a clause with weak evidence either way is better read with its sentence."""
    pieces = list(pieces)
    c = 0
    while c < len(pieces) - 1:
        n = len(pieces)
        left = _clear_part(pieces[c], _position(k, c, n, n_sents))
        right = _clear_part(pieces[c + 1], _position(k, c + 1, n, n_sents))
        if left is None or right is None or left == right:
            doc = pieces[c].doc
            pieces[c : c + 2] = [doc[pieces[c].start : pieces[c + 1].end]]
            c = 0  # the places of the clauses before have moved: check them again
        else:
            c += 1
    return pieces


def _clear_part(span: Span, position: float) -> int | None:
    """The STAR part a clause's own words point to, when it leads the other parts by a margin."""
    scores = sentence_scores(span, position)[:OTHER]
    ranked = sorted(range(len(scores)), key=lambda p: -scores[p])
    return ranked[0] if scores[ranked[0]] - scores[ranked[1]] >= CLAUSE_MARGIN else None


def _joins_clauses(token: Token) -> bool:
    """A joining word whose clause on the right is headed by a verb with its own subject."""
    if token.lower_ not in JOINERS:
        return False
    if token.dep_ == "cc":
        if not _is_verb(token.head):
            return False
        verb = next((c for c in token.head.children if c.dep_ == "conj" and c.i > token.i), None)
    elif token.lower_ == "so" and token.dep_ in {"advmod", "mark"}:
        verb = token.head if token.head.i > token.i else None
        nxt = token.nbor() if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.lower_ == "that":
            return False  # "so that we could": a purpose, part of the same step
    else:
        return False
    if verb is None or not _is_verb(verb):
        return False
    if token.lower_ == "so" and any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children):
        return False  # "I stayed late so we could ship": still the action's purpose
    return any(c.dep_ in SUBJECT_DEPS and c.i > token.i for c in verb.children)


def _is_clause(span: Span) -> bool:
    """Enough words, and a verb with its own subject inside the span."""
    words = sum(1 for t in span if t.is_alpha and t.tag_ != "UH")
    if words < MIN_CLAUSE_WORDS:
        return False
    inside = range(span.start, span.end)
    return any(t.dep_ in SUBJECT_DEPS and t.head.i in inside and _is_verb(t.head) for t in span)


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def _add_subject_shift(units: list[tuple[Span, float]], scores: list[list[float]]) -> None:
    """Late "we" sentences after "I" actions lean to result: the team's outcome, not a step taken."""
    seen_i_action = False
    for (sent, position), row in zip(units, scores, strict=True):
        subject = subject_of(sent)
        if subject == "we" and seen_i_action and position >= 0.7:
            row[R] += WE_AFTER_I_RESULT
        if subject == "i" and row[A] >= max(row):
            seen_i_action = True


class StarLabeller:
    def __call__(self, doc: Doc) -> Doc:
        clauses = label_clauses(doc)
        doc._.coach_star = [sentence_label(doc, c) for c in clauses]
        doc._.coach_star_parts = clauses
        return doc


@Language.factory("coach_star")
def make_star_labeller(nlp: Language, name: str) -> StarLabeller:
    register_extensions()
    return StarLabeller()
