"""Which question to practise: recommended from weak areas and debrief gaps, random, or browsed."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from coach import banks, local_time
from coach.analysis.wording import listed
from coach.banks import Question
from coach.config import Settings
from coach.local_time import local_day, long_date, short_date

if TYPE_CHECKING:  # coach.prepare reads the store, which reads this module's callers
    from coach.prepare import AskedBefore

# A first session with nothing to go on starts where most interview loops start.
STARTER_COMPETENCIES = ("motivation", "leadership", "conflict", "failure-learning", "ownership")
# A dimension scoring below this in recent attempts counts as a weak area.
WEAK_SCORE = 60
RECENT_ATTEMPTS = 10
# What a weak dimension asks to practise (as words a debrief would use; banks maps them).
DIMENSION_PRACTICE = {"structure": "structure", "fillers": "filler", "delivery": "presentation"}
# How the page names each weak area (the words above are search terms for the bank, not for people)
WEAK_AREA_LABELS = {
    "structure": "structure (STAR)",
    "filler": "fillers",
    "presentation": "pacing (pace and pauses)",
}


STARTER_REASON = (
    "Questions most interview loops open with. Answer a few and the "
    "recommendations follow your weak areas and debriefs."
)


# Why a question was picked: what a coming interview's job description asks for, a skill gap a
# debrief named, a weak score area, or nothing yet to go on.
INTERVIEW, GAP, WEAK_AREA, STARTER = "coming interview", "debrief gap", "weak area", "starter"
# ...or that an earlier stage of the interview prepared for asked it (coach.prepare.asked_before)
ASKED_BEFORE = "asked before"
# How many of the description's competencies steer the picks, and how many of its words are quoted.
INTERVIEW_COMPETENCIES = 3
INTERVIEW_WORDS = 4


@dataclass(frozen=True)
class InterviewAsks:
    """What a coming interview's job description asks for (coach.job_description.interview_asks):
    the competencies it points to, most mentioned first, and the description's own words for them."""

    company: str
    day: date
    competencies: tuple[str, ...]
    words: tuple[str, ...]
    interview_id: int | None = None  # the interview in the log it comes from (job_description.steering)
    # the description's words for each of `competencies`, most said first (job_description.interview_asks)
    said: tuple[tuple[str, ...], ...] = ()

    def named(self, today: date) -> str:
        """ "your interview at Northwind on Thu 10 Dec 2026" ("tomorrow", "today"), or for one
        held already (a second round often follows, so it can be chosen to prepare for) "the job
        you interviewed for at Northwind"."""
        if self.day < today:
            return f"the job you interviewed for at {self.company}"
        when = {0: "today", 1: "tomorrow"}.get((self.day - today).days, f"on {long_date(self.day)}")
        return f"your interview at {self.company} {when}"

    def reason(self, practised: Sequence[str], questions: int, today: date) -> str:
        """ "Your interview at Northwind on Thu 10 Dec 2026 asks for “stakeholders” and “conflict”:
        these questions practise influence and conflict." (`questions`: how many are picked for it).
        The description's words are quoted: unquoted, a posting's "you will own the roadmap" read
        "asks for own and stakeholders"."""
        named = self.named(today)
        quoted = self.words_for(practised)
        return (
            f"{named[0].upper()}{named[1:]} asks for {listed([f'“{w}”' for w in quoted])}: "
            f"{'this question practises' if questions == 1 else 'these questions practise'} "
            f"{listed([banks.tag_words(c) for c in practised])}."
        )

    def words_for(self, practised: Sequence[str]) -> tuple[str, ...]:
        """The description's words for what the picks practise: each one's most said word, then
        its other words most said first, INTERVIEW_WORDS at most. The four most said of all were
        quoted: "asks for “reliably”, “incident”, “on-call” and “own”: these questions practise
        reliability, ownership and system design", with no word of the posting's "system design"."""
        by_competency = dict(zip(self.competencies, self.said, strict=False))
        theirs = [by_competency.get(c, ()) for c in practised]
        if not any(theirs):
            return self.words
        quoted = [words[0] for words in theirs if words][:INTERVIEW_WORDS]
        theirs_all = [w for words in theirs for w in words[1:]]
        others = [w for w in self.words if w in theirs_all] + theirs_all  # the most said of all first
        others = [w for w in dict.fromkeys(others) if w not in quoted]
        return tuple(quoted + others[: INTERVIEW_WORDS - len(quoted)])


@dataclass(frozen=True)
class Group:
    """Picks made for one reason, with the sentence a page shows above them."""

    why: str  # ASKED_BEFORE, INTERVIEW, GAP, WEAK_AREA or STARTER
    reason: str
    questions: list[Question]
    gap_words: tuple[str, ...] = ()  # a GAP group's skills as its reason names them ("conflict (1×)")
    # an ASKED_BEFORE group's questions as asked, in order, each with why ("Asked at the first
    # round, Wed 2 Dec"): those in `questions`, and those asked that match none (offered as asked)
    asked: tuple[tuple[AskedBefore, str], ...] = ()


@dataclass(frozen=True)
class Recommendation:
    groups: list[Group]

    @property
    def questions(self) -> list[Question]:
        """Every pick: the questions debrief gaps name first, the coming interview's, then the gaps'."""
        return [q for group in self.groups for q in group.questions]

    @property
    def reason(self) -> str:
        """The first group's sentence (the named questions', the coming interview's, else the gaps')."""
        return self.groups[0].reason if self.groups else STARTER_REASON

    def picked_for(self, why: str) -> list[Question]:
        """Only the picks made for `why` (Progress lists the gap picks under the gaps)."""
        return [q for group in self.groups if group.why == why for q in group.questions]


def role_to_practise(setting: str | None, interview_title: str | None = None) -> str | None:
    """The role whose questions are picked (with those for any role): the interview being prepared
    for's, when its title names one of the banks' roles (an engineer interviewing for a product job
    practises product questions); else the role chosen in Settings; None for any role."""
    from_interview = banks.role_from_title(interview_title)
    if from_interview and from_interview != "any":
        return from_interview
    return None if not setting or setting == "any" else banks.normalise_role(setting)


def _recent_means(attempts: Sequence[dict]) -> dict[str, float]:
    """Each score dimension's mean over the last RECENT_ATTEMPTS answers, where it was measured."""
    recent = list(attempts)[-RECENT_ATTEMPTS:]
    means = {}
    for dim in ("structure", "fillers", "delivery", "content"):
        values = [a[f"score_{dim}"] for a in recent if a.get(f"score_{dim}") is not None]
        if values:
            means[dim] = sum(values) / len(values)
    return means


def weak_areas(attempts: Sequence[dict]) -> list[str]:
    """Competencies and debrief-style gap words from the lowest recent scores, weakest first."""
    means = _recent_means(attempts)
    weak = sorted((d for d, v in means.items() if v < WEAK_SCORE), key=means.__getitem__)
    return [DIMENSION_PRACTICE.get(d, "communication") for d in weak if d != "content"]


def _scored_areas(attempts: Sequence[dict]) -> list[str]:
    """How the page names the areas weak_areas reads that recent answers were scored on ("fillers")."""
    return [
        WEAK_AREA_LABELS[DIMENSION_PRACTICE[d]] for d in _recent_means(attempts) if d in DIMENSION_PRACTICE
    ]


def _nothing_weak_reason(attempts: Sequence[dict], today: date) -> str:
    """The starter set's sentence once answers are scored and none is weak: "Answer a few and the
    recommendations follow" was said after a dozen answers."""
    return (
        f"{_whose_answers(attempts, today)} {'scored' if _one_recent(attempts) else 'averaged'} "
        f"{WEAK_SCORE} or more on "
        f"{listed(_scored_areas(attempts))}, so no area is weak yet: these are questions most "
        "interview loops open with, those you have not answered in the last two weeks first."
    )


def without_debrief_gaps(
    attempts: Sequence[dict], today: date, interview: InterviewAsks | None = None
) -> str:
    """What the Practice page recommends while no debrief names a skill gap, as `recommended`
    decides it: a coming interview's job description first, then weak score areas, else the
    starter set (Progress says it under What to practise next)."""
    led = [f"what {interview.named(today)} asks for in its job description"] if interview else []
    weak = weak_areas(attempts)
    if weak:
        led.append(f"your lowest recent scores, on {listed([WEAK_AREA_LABELS.get(w, w) for w in weak[:3]])}")
    if led:
        return f"Until then, the Practice page recommends questions for {', then for '.join(led)}."
    scored = _scored_areas(attempts)
    are = "are" if _one_recent(attempts) else "average"
    return "Until then, the Practice page recommends questions most interview loops open with" + (
        f": your recent scores on {listed(scored)} {are} {WEAK_SCORE} or more." if scored else "."
    )


def _one_recent(attempts: Sequence[dict]) -> bool:
    """Whether the recent answers weak_areas reads are one: their scores are then that answer's, else
    each area's mean, said "averaged" ("Your recent answers scored 60 or more on fillers" stood beside
    an answer that scored 28 on fillers, and one of 94)."""
    return len(list(attempts)[-RECENT_ATTEMPTS:]) == 1


def recommended(
    questions: Sequence[Question],
    attempts: Sequence[dict],
    debrief_gaps: Sequence[str],
    n: int = 5,
    role: str | None = None,
    today: date | None = None,
    interview: InterviewAsks | None = None,
    named: Sequence[tuple[str, str]] = (),
    asked_before: Sequence[AskedBefore] = (),
    gaps_said: Mapping[str, str] | Callable[[Sequence[str]], Mapping[str, str]] | None = None,
) -> Recommendation:
    """What the stages before the interview prepared for asked first (`asked_before`, from
    coach.prepare.asked_before: each of them, practised already or not, before the n others), then
    the questions debrief gaps name themselves (`named`), then what a coming interview's
    job description asks for (`interview`, when there is one), then debrief skill gaps (what real
    interviewers found), then weak scores, then a starter set, in groups saying why each question
    was picked (a starter set is never said to be for a gap).
    `debrief_gaps`: competencies as coach.progress.debrief_gaps orders them; `named`: the bank
    questions they name, each with the gap's words (coach.progress.debrief_named_questions);
    `gaps_said`: each gap as Progress names it, by skill (coach.progress.gaps_said), for the
    sentence above the gaps' picks ("From your debriefs: system design (2×; you wrote …)."); the
    skill's name alone without it. Or a function giving them beside the words of the named questions
    put first, which their sentence quotes, as the mock interview's reason does (coach.mock.plan):
    "From your debriefs: “greatest weakness”." was followed by "From your debriefs: self awareness
    (1×; you wrote "greatest weakness")."." A question of your own that restates a bank question
    stands for it (banks.without_bank_twins): the two were listed, one question twice."""
    today = today or local_time.today()
    gaps_said = gaps_said or {}
    questions = banks.without_bank_twins(questions)
    if asked_before:
        return _asked_before_first(
            questions, attempts, debrief_gaps, n, role, today, interview, named, asked_before, gaps_said
        )
    recent_cut = today - timedelta(days=14)
    practised = {
        a["question_id"] for a in attempts if a.get("question_id") and _day(a.get("created_at")) >= recent_cut
    }
    first = _named_first(questions, named, practised, role)[:n]
    if callable(gaps_said):
        gaps_said = gaps_said([words for _, words in first])
    if first:
        picked = [q for q, _ in first]
        said = listed([f"“{words}”" for _, words in first])
        led = Group(GAP, f"From your debriefs: {said}.", picked)
        if len(picked) == n:
            return Recommendation([led])
        rest = _recommended_for_reasons(
            [q for q in questions if q not in picked],
            attempts,
            debrief_gaps,
            n - len(picked),
            role,
            today,
            interview,
            practised,
            gaps_said,
        )
        return Recommendation([led, *(g for g in rest.groups if g.questions)])
    return _recommended_for_reasons(
        questions, attempts, debrief_gaps, n, role, today, interview, practised, gaps_said
    )


def _asked_before_first(
    questions: Sequence[Question],
    attempts: Sequence[dict],
    debrief_gaps: Sequence[str],
    n: int,
    role: str | None,
    today: date,
    interview: InterviewAsks | None,
    named: Sequence[tuple[str, str]],
    asked_before: Sequence[AskedBefore],
    gaps_said: Mapping[str, str] | Callable[[Sequence[str]], Mapping[str, str]],
) -> Recommendation:
    """`recommended` with the questions asked before first, each saying where ("Asked at the first
    round, Wed 2 Dec"), whatever its role and however lately answered (they asked it), then the
    others to make n, none of them again."""
    asked = tuple((a, a.why(lambda day: short_date(day, today))) for a in asked_before)
    theirs = [a.question for a in asked_before if a.question is not None]
    from coach.prepare import asked_before_words  # not at the top: coach.prepare reads the store

    first = Group(ASKED_BEFORE, asked_before_words(asked_before), theirs, asked=asked)
    left = n - len(asked_before)
    if left <= 0:
        return Recommendation([first])
    others = [q for q in questions if q not in theirs]
    rest = recommended(
        others, attempts, debrief_gaps, left, role, today, interview, named, gaps_said=gaps_said
    )
    return Recommendation([first, *(g for g in rest.groups if g.questions)])


def _named_first(
    questions: Sequence[Question], named: Sequence[tuple[str, str]], practised: set[str], role: str | None
) -> list[tuple[Question, str]]:
    """The questions debrief gaps name (`named`: id and the gap's words), once each, that are for
    `role` (or any role) and not answered in the last two weeks, with the words that named each:
    "greatest weakness" practised the weakness question's skills, and the question itself came
    anywhere among the picks, or not at all."""
    kept = {q.id: q for q in (banks.filter_questions(questions, role=role) if role else questions)}
    first: dict[str, tuple[Question, str]] = {}
    for question_id, words in named:
        if question_id in kept and question_id not in practised:
            first.setdefault(question_id, (kept[question_id], words))
    return list(first.values())


def _recommended_for_reasons(
    questions: Sequence[Question],
    attempts: Sequence[dict],
    debrief_gaps: Sequence[str],
    n: int,
    role: str | None,
    today: date,
    interview: InterviewAsks | None,
    practised: set[str],
    gaps_said: Mapping[str, str],
) -> Recommendation:
    """`recommended` with no question named by a gap: the coming interview's, the gaps', the weak
    areas', else the starter set."""
    gaps = list(debrief_gaps)
    weak = weak_areas(attempts)
    asked = list(interview.competencies[:INTERVIEW_COMPETENCIES]) if interview else []
    if asked or gaps or weak:
        # one round-robin over what the interview asks for, gaps, then weak areas, so each gets its
        # share of the n; each pick is then said under what it practises (the interview first)
        picks = banks.recommend(questions, asked + gaps + weak, n=n, exclude_ids=practised, role=role)
        for_interview = [q for q in picks if set(asked) & set(q.competencies)]
        gap_competencies = set(banks.as_competencies(gaps))
        for_gaps = [q for q in picks if q not in for_interview and gap_competencies & set(q.competencies)]
        for_weak = [q for q in picks if q not in for_interview and q not in for_gaps]
        groups = []
        if for_interview:
            practised_here = [c for c in asked if any(c in q.competencies for q in for_interview)]
            reason = interview.reason(practised_here, len(for_interview), today)
            groups.append(Group(INTERVIEW, reason, for_interview))
        if for_gaps:
            # a gap counted under two skills is named once for both (coach.progress.gaps_named);
            # every gap a listed question practises: the first three left a year's fifth pick
            # ("Describe an API you designed", for system design) under a reason that named none
            # of its skills, while Progress named all five above the same questions
            named = list(
                dict.fromkeys(gaps_said.get(g) or banks.tag_words(g) for g in _gaps_practised(gaps, for_gaps))
            )
            groups.append(Group(GAP, f"From your debriefs: {listed(named)}.", for_gaps, tuple(named)))
        if for_weak:
            groups.append(Group(WEAK_AREA, weak_area_reason(attempts, weak, today), for_weak))
        if groups:
            return Recommendation(groups)
    picks = banks.recommend(questions, list(STARTER_COMPETENCIES), n=n, exclude_ids=practised, role=role)
    reason = _nothing_weak_reason(attempts, today) if _scored_areas(attempts) and not weak else STARTER_REASON
    return Recommendation([Group(STARTER, reason, picks)])


def weak_area_reason(attempts: Sequence[dict], weak: Sequence[str], today: date | None = None) -> str:
    """Why questions were picked for the weak areas `weak` (as `weak_areas` names them): "Your recent
    answers scored lowest on structure (STAR); these questions give you room to work on it."."""
    return (
        f"{_whose_answers(attempts, today or local_time.today())} scored lowest on "
        + listed([WEAK_AREA_LABELS.get(w, w) for w in weak[:3]])
        + f"; these questions give you room to work on {'them' if len(weak) > 1 else 'it'}."
    )


def next_question(recommendation: Recommendation, answered: str | None) -> Question | AskedBefore | None:
    """The question "Next question" brings after an answer to `answered`, in the order the page lists
    them: the first that is not that question (a typed answer is not saved, so `recommended` does not
    leave it out as practised) nor one asked before already practised for this interview (they stay
    listed, said to be); None when nothing else is recommended. The button opened the question
    chooser with no question in it. A question asked before that is none of yours comes as asked
    (`asked_question` makes it yours): "Next question" went past it, to the questions after it."""
    listed_in_order: list[tuple[Question | AskedBefore, bool]] = []
    for group in recommendation.groups:
        if group.why == ASKED_BEFORE:
            listed_in_order += [(a.question or a, a.practised) for a, _why in group.asked]
        else:
            listed_in_order += [(q, False) for q in group.questions]
    others = [
        (item, done)
        for item, done in listed_in_order
        if not (isinstance(item, Question) and item.id == answered)
    ]
    return next((item for item, done in others if not done), others[0][0] if others else None)


def _gaps_practised(gaps: Sequence[str], picks: Sequence[Question]) -> list[str]:
    """The debrief gaps (in their order) that some of `picks` practise: the caption named the first
    three gaps whatever was picked ("negotiation, communication, system design" above questions none
    of which practised system design, while one practised prioritisation)."""
    competencies = {c for q in picks for c in q.competencies}
    return [g for g in gaps if set(banks.as_competencies([g])) & competencies]


# Answers older than this are not "recent": the weak-area sentence says when they were given.
RECENT_FOR = timedelta(weeks=4)


def _whose_answers(attempts: Sequence[dict], today: date) -> str:
    """'Your recent answers', or 'Your last answers, in August,' when the newest of those scored
    (weak_areas' last RECENT_ATTEMPTS) is older than RECENT_FOR: months-old answers are not recent.
    One answer is one: after a first answer it said "Your recent answers scored lowest on fillers"."""
    recent = list(attempts)[-RECENT_ATTEMPTS:]
    answers = "answer" if _one_recent(attempts) else "answers"
    days = sorted(_day(a.get("created_at")) for a in recent)
    days = [d for d in days if d != date.min]
    if not days or today - days[-1] <= RECENT_FOR:
        return f"Your recent {answers}"
    months = list(dict.fromkeys((d.year, d.month) for d in days))
    named = [date(y, m, 1).strftime("%B") + ("" if y == today.year else f" {y}") for y, m in months]
    when = f"in {' and '.join(named)}" if len(named) <= 2 else f"between {named[0]} and {named[-1]}"
    return f"Your last {answers}, {when},"


def _day(created_at: str | None) -> date:
    """The user's day of a stored answer (its day on their clock, coach.local_time, not in UTC)."""
    try:
        return date.fromisoformat(local_day(created_at)) if created_at else date.min
    except ValueError:
        return date.min


def pick_random(
    questions: Sequence[Question], exclude_ids: Sequence[str] = (), seed: int | None = None, **filters
) -> Question:
    return banks.random_question(
        questions, rng=random.Random(seed) if seed is not None else None, exclude_ids=exclude_ids, **filters
    )


def own_question(settings: Settings, text: str, category: str | None = None) -> Question:
    """A question the user typed, kept in their bank so its attempts have a history; its kind told
    from its wording unless given. Typed with no place for talking points (the Practice page)."""
    return banks.keep_question(
        settings.data_dir, text, category=category, owner=settings.owner, points_typed_too=False
    )[0]


def next_to_answer(
    settings: Settings, recommendation: Recommendation, answered: str | None
) -> Question | None:
    """`next_question`, as a question to answer (`to_answer`)."""
    return to_answer(settings, next_question(recommendation, answered))


def first_suggested(recommendation: Recommendation) -> Question | AskedBefore | None:
    """The question suggested to someone with no answer yet ("Answer your first question"): the
    first Practice recommends (`recommendation`, `recommended` with no answers), as "Next question"
    brings it (`next_question`): what a stage before the interview prepared for asked, the question
    a debrief names, what the interview's job description or the debriefs' gaps ask for, else the
    starter set's first. It was the starter set's first whatever the log held: with a debrief naming
    "system design", "Why should we hire you?" above a list that opened with a system design
    question."""
    return next_question(recommendation, None)


def to_answer(settings: Settings, picked: Question | AskedBefore | None) -> Question | None:
    """A question picked to answer: one asked before that is none of yours is kept among your
    questions, as answering it from the list does (`asked_question`)."""
    return picked if picked is None or isinstance(picked, Question) else asked_question(settings, picked)


def asked_question(settings: Settings, asked: AskedBefore) -> Question:
    """The question an earlier stage asked, to practise: the bank's or your own it is, else kept in
    your bank as a question from a real interview (as saving a debrief keeps those it lists)."""
    if asked.question is not None:
        return asked.question
    return keep_asked(settings, asked.asked)


def keep_asked(settings: Settings, text: str) -> Question:
    """A question a real interview asked, as it is kept to be practised: the bank's or your own it
    is, else kept in your bank as a question from a real interview (Practice's list of what an
    earlier stage asked, the mock interview's question asked as it was: banks.as_asked)."""
    return banks.keep_question(
        settings.data_dir, text, source="real interview", owner=settings.owner, points_typed_too=False
    )[0]
