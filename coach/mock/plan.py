"""Which questions a mock interview asks: an opener, weak areas first, a closer.

The middle of the interview comes from the same recommendations as Practice
(`coach.recommend`: debrief skill gaps, then the lowest recent scores, skipping questions
answered in the last two weeks). An interview from the log steers it: its role picks the role's
questions, and its job description, read as Practice reads it (`coach.job_description.description_asks`),
names competencies to probe first.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from coach import banks, recommend
from coach.analysis.wording import listed
from coach.banks import Question, role_from_title
from coach.errors import InputError
from coach.job_description import description_asks
from coach.local_time import long_date
from coach.playbook import is_interview

if TYPE_CHECKING:
    from coach.prepare import AskedBefore


@dataclass(frozen=True)
class Format:
    key: str
    label: str
    minutes: int
    questions: int  # the default number of main questions, opener and closer included
    categories: tuple[str, ...]  # where the middle questions come from
    round_words: str = ""  # the format in a sentence: "a recruiter screen", "a round of role questions"


FORMATS = {
    "recruiter": Format("recruiter", "Recruiter screen", 15, 4, ("motivation",), "a recruiter screen"),
    "behavioural": Format("behavioural", "Behavioural round", 30, 6, ("behavioural",), "a behavioural round"),
    "role": Format("role", "Role questions", 45, 6, ("behavioural",), "a round of role questions"),
}
# The format suggested for an interview from the log, by its stage (the first that matches): a
# recruiter screen is rehearsed as one; a technical round as role questions; a final or an onsite
# as role questions when its role names one of the bank's roles, else as a behavioural round.
STAGE_FORMATS = (
    (("recruiter", "screen"), "recruiter"),
    (("technical",), "role"),
    (("onsite", "on-site", "loop", "final", "panel"), "role or behavioural"),
    (("first round", "behavioural", "behavioral", "hiring manager"), "behavioural"),
)
OPENERS = ("mot-05", "mot-06")  # "Tell me about yourself.", "Walk me through your CV."
CLOSERS = ("close-02", "close-08", "close-12", "close-03")
RECENT_DAYS = 14
SPOKEN_ELSEWHERE = ("motivation", "closing")  # openers and closers, not a role's own questions


def common_questions_reason(shape: Format, scored: bool, *, others: bool = False) -> str:
    """Why the questions are a round's common ones, said after the mock: no weak area to steer to.
    Practice's sentence read awkwardly there ("so no area is weak yet: these are questions most
    interview loops open with, those you have not answered in the last two weeks first") and
    called a behavioural round's stories openers. `others`: said after a question asked for another
    reason (one an earlier stage asked), of the rest: "these are common questions" read as if that
    one were common too."""
    if others:
        why = (
            "your practice scores show no weak area yet"
            if scored
            else "no practice score or debrief points to a weak area yet"
        )
        return f"The others are common questions for {shape.round_words}: {why}."
    if scored:
        return (
            "Your practice scores show no weak area yet, so these are common questions for "
            f"{shape.round_words}, ones you have not answered lately first."
        )
    return (
        "No practice score or debrief points to a weak area yet, so these are common questions for "
        f"{shape.round_words}; once one does, the next mock interview asks about it."
    )


def unpractised_gaps_reason(
    shape: Format,
    debrief_gaps: Sequence[str],
    *,
    others: bool = False,
    gaps_said: Mapping[str, str] | None = None,
) -> str:
    """Why the questions are a round's common ones when the debriefs name skills none of its
    questions practises ("negotiation" in a behavioural round): it said "No practice score or debrief
    points to a weak area yet", though a debrief had named one. Practice recommends for every gap the
    mock is given (coach.progress.gaps_to_practise keeps those with a question). `others`: said of
    the rest, after a question asked for another reason (see `common_questions_reason`). `gaps_said`:
    each gap as Progress names it (coach.progress.gaps_said)."""
    them = "it" if len(debrief_gaps) == 1 else "them"
    skills = listed(list(dict.fromkeys((gaps_said or {}).get(g) or banks.tag_words(g) for g in debrief_gaps)))
    if others:
        return (
            f"The others are common questions for {shape.round_words}: none of its questions practises "
            f"{skills}, which your debriefs name; Practice recommends questions for {them}."
        )
    return (
        f"Your debriefs name {skills}, but no question of "
        f"{shape.round_words} practises {them}, so these are the round's common questions; Practice "
        f"recommends questions for {them}."
    )


def planned_minutes(shape: Format, questions: int) -> int:
    """The minutes `questions` questions take in this format: its minutes for its usual number,
    in proportion for more or fewer."""
    if questions == shape.questions:
        return shape.minutes
    return max(1, round(shape.minutes * questions / shape.questions))


def format_for_interview(interview: dict | None) -> str | None:
    """The format (a key of FORMATS) that fits an interview of the log, by its stage
    (STAGE_FORMATS), or None when its stage says nothing of one: only a suggestion, the Mock page
    follows it until the user picks a format."""
    stage = ((interview or {}).get("stage") or "").casefold()
    for words, suggested in STAGE_FORMATS:
        if any(word in stage for word in words):
            if suggested == "role or behavioural":
                return "role" if role_from_title(interview.get("role")) else "behavioural"
            return suggested
    return None


def nothing_to_prepare_for(logged: Sequence[dict]) -> str:
    """Said on the Mock page's setup when no interview of the log is coming or from the last month
    (`coach.job_description.interviews_to_prepare`): how to have one steer the questions. With
    interviews logged, the last of them is named: "To prepare for an interview you have booked, log
    it…" read, to someone with 25 logged, as if none were."""
    sat = [str(i["interview_date"])[:10] for i in logged if is_interview(i.get("stage"))]
    if not sat:
        return (
            "To prepare for an interview you have booked, log it on the Interviews page with its job "
            "description: its role and description then steer the questions."
        )
    return (
        f"Your last logged interview was on {long_date(max(sat))}, and none is booked ahead: when you "
        "book the next one, log it on the Interviews page with its job description, and its role and "
        "description will steer the questions."
    )


@dataclass(frozen=True)
class Plan:
    format: Format
    questions: tuple[Question, ...]
    role: str | None = None
    interview_id: int | None = None
    reason: str = ""
    steered_by: tuple[str, ...] = ()  # the competencies the interview's job description asks for
    # the reason is why the questions after the opener were picked (a job description, debriefs,
    # weak scores), not that the round asks common questions: it says nothing of the opener
    picked_for_you: bool = False
    # the questions debrief gaps name that it asks, by id, with the gap's words ("greatest weakness")
    named: tuple[tuple[str, str], ...] = ()
    # the question an earlier stage of the interview asked that it asks, by id, with the sentence
    # saying so ("“Tell me about a time you failed.” was asked at the first round, Wed 2 Dec 2026."),
    # or ("", "")
    asked_before: tuple[str, str] = ("", "")

    @property
    def opener(self) -> Question | None:
        """The round's opener ("Tell me about yourself"), None for one question, which is no opener."""
        return self.questions[0] if len(self.questions) >= 2 and self.questions[0].id in OPENERS else None

    def reason_for(self, asked: Collection[str]) -> str | None:
        """Why the questions `asked` (ids: answered, skipped or left waiting as the interview ended)
        were asked: the plan's reason, or, when the interview ended before any question it was picked
        for, the debriefs that named those asked ("From your debriefs: “walk me through your CV” and
        “greatest weakness”."), else None (only the opener, which every round opens with). A round
        ended after its opener said "From your debriefs: conflict." for a question never asked, and
        one ended as the named question after it was asked named only the opener. Ended after the
        question an earlier stage asked, that it was asked there ("The others are common questions"
        was said of none asked)."""
        if not self.picked_for_you:  # common questions: said of the opener too
            return self.reason
        named = dict(self.named)
        earlier_id, earlier_said = self.asked_before
        said = [q for q in self.questions if q.id in asked]
        if any(q is not self.opener and q.id not in named and q.id != earlier_id for q in said):
            return self.reason
        words = [named[q.id] for q in said if q.id in named]
        parts = [earlier_said] if any(q.id == earlier_id for q in said) else []
        parts += [_debriefs_name(words)] if words else []
        return " ".join(parts) or None

    def with_kept(self, asked_id: str, kept: Question) -> Plan:
        """This plan with the question an earlier stage asked that was none of yours (`asked_id`,
        banks.as_asked) as it is kept among your questions once answered (`kept`)."""
        earlier_id, earlier_said = self.asked_before
        return replace(
            self,
            questions=tuple(kept if q.id == asked_id else q for q in self.questions),
            asked_before=(kept.id, earlier_said) if earlier_id == asked_id else self.asked_before,
        )

    @property
    def planned_minutes(self) -> int:
        """The time this interview's questions take: the format's minutes for its usual number of
        questions, in proportion for more or fewer (two questions of a 30-minute, six-question
        behavioural round are 10 minutes; "2:04 used of the 30 minutes" read as a round left short)."""
        return planned_minutes(self.format, len(self.questions))

    @property
    def planned_s(self) -> int:
        return self.planned_minutes * 60

    def time_words(self) -> str:
        """'the 30 minutes a behavioural round takes', or for other than its usual number of
        questions 'the 10 minutes 2 questions take in a behavioural round'."""
        if len(self.questions) == self.format.questions:
            return f"the {self.format.minutes} minutes {self.format.round_words} takes"
        asked = "1 question takes" if len(self.questions) == 1 else f"{len(self.questions)} questions take"
        return f"the {self.planned_minutes} minutes {asked} in {self.format.round_words}"


def _recent_ids(attempts: Sequence[dict]) -> set[str]:
    cut = datetime.now().astimezone() - timedelta(days=RECENT_DAYS)
    recent = set()
    for a in attempts:
        try:
            when = datetime.fromisoformat(a.get("created_at") or "")
        except ValueError:
            continue
        if a.get("question_id") and when.astimezone() >= cut:
            recent.add(a["question_id"])
    return recent


def _first_fresh(by_id: dict[str, Question], ids: Sequence[str], recent: set[str]) -> Question | None:
    known = [by_id[i] for i in ids if i in by_id]
    return next((q for q in known if q.id not in recent), known[0] if known else None)


def make_plan(
    questions: Sequence[Question],
    attempts: Sequence[dict],
    *,
    format: str = "behavioural",
    n: int | None = None,
    role: str | None = None,
    debrief_gaps: Sequence[str] = (),
    interview: dict | None = None,
    named: Sequence[tuple[str, str]] = (),
    asked_before: Sequence[AskedBefore] = (),
    gaps_said: Mapping[str, str] | Callable[[Sequence[str]], Mapping[str, str]] | None = None,
) -> Plan:
    """The questions of one mock interview, in the order they are asked. `named`: the bank questions
    debrief gaps name, with the gap's words (coach.progress.debrief_named_questions), asked as
    Practice puts them first (`_named_to_ask`). `asked_before`: what the stages before the
    interview prepared for asked (coach.prepare.asked_before): one of them is asked
    (`_asked_before_to_ask`), as Practice lists them first. `gaps_said`: each of `debrief_gaps` as
    Progress names it (coach.progress.gaps_said), as the reasons name them, or a function giving
    them beside the words of the named questions asked, which the reason quotes (their gap's words
    were said twice: "“greatest weakness”, communication (1×; you wrote "rambled on greatest
    weakness")")."""
    if format not in FORMATS:
        # said as `coach questions --category` says an unknown category ("A mock interview is one
        # of recruiter, behavioural, role, not 'panel'." read oddly)
        raise InputError(f"Unknown format {format!r}; use one of: {', '.join(FORMATS)}.")
    shape = FORMATS[format]
    n = shape.questions if n is None else n
    if not 1 <= n <= 12:
        raise InputError(f"A mock interview asks 1 to 12 questions, not {n}.")
    steer: list[str] = []
    if interview:
        role = role or role_from_title(interview.get("role", ""))
        # the description only: notes are about people and the day ("Met Dana, the hiring manager"
        # steered to hiring), and Practice never read them
        steer = [c for c, _said in description_asks(interview.get("job_description") or "")]
    role = banks.normalise_role(role) if role else None
    if format == "role" and role in (None, "any"):
        # a round of role questions with every role's questions is a behavioural round under
        # another name: "Role questions (45 min)" asked no role question. The roles named as the
        # Settings page and `coach settings` name them: it listed the banks' short names
        roles = banks.settings_page_roles(any_role=False)
        raise InputError(
            f"A round of role questions needs a role: pick one of {roles}, or choose the behavioural round."
        )
    if role == "any":  # "Any role (all questions)", as Settings means it: no role's questions left out
        role = None
    by_id = {q.id: q for q in questions}
    recent = _recent_ids(attempts)
    wanted = _named_to_ask(by_id, named, recent, role)
    earlier = _asked_before_to_ask(asked_before)
    if earlier is not None:  # asked in its place among the others, not twice
        wanted = [(q, words) for q, words in wanted if q.id != earlier.question.id]
    again = [earlier.question] if earlier is not None else []
    candidates = [*again, *(q for q, _ in wanted)]
    opener = closer = None
    if n >= 2:  # "tell me about yourself" named: the opener it is anyway, asked in its place
        opener = next((q for q in candidates if q.id in OPENERS), None) or _first_fresh(
            by_id, OPENERS, recent
        )
    if n >= 3:
        closer = next((q for q in candidates if q.id in CLOSERS), None) or _first_fresh(
            by_id, CLOSERS, recent
        )
    ends = {q.id for q in (opener, closer) if q is not None}
    middle_n = n - len(ends)
    again = [q for q in again if q.id not in ends]  # right after the opener, before those named
    first = [*again, *(q for q, _ in wanted if q.id not in ends)][:middle_n]
    asked_named = [(q, words) for q, words in wanted if q in first or q.id in ends]
    if callable(gaps_said):
        gaps_said = gaps_said([words for _, words in asked_named])
    middle_n -= len(first)
    ends |= {q.id for q in first}  # not picked twice
    pools = [[q for q in questions if q.category in shape.categories and q.id not in ends]]
    if format == "role" and role:
        own = [
            q
            for q in questions
            if role in q.roles and q.category not in (*shape.categories, *SPOKEN_ELSEWHERE)
        ]
        pools.insert(0, [q for q in own if q.id not in ends])
    if role:
        pools = [[q for q in pool if role in q.roles or "any" in q.roles] for pool in pools]
    gaps = [*steer, *debrief_gaps]
    shares = _shares(middle_n, len(pools))
    picks = [
        recommend.recommended(pool, attempts, gaps, n=share, role=role, gaps_said=gaps_said)
        for pool, share in zip(pools, shares, strict=True)
    ]
    middle = first + _fill([list(p.questions) for p in picks], pools, shares, recent)
    if not middle and middle_n:
        raise InputError("No questions in the bank fit this mock interview; choose another format or role.")
    ordered = tuple(q for q in (opener, *middle, closer) if q is not None)
    # named in the order asked: "“greatest weakness” and “walk me through your CV”" read over a
    # round that opened with the CV question, as the debrief had written them
    asked_at = {q.id: i for i, q in enumerate(ordered)}
    asked_named.sort(key=lambda pair: asked_at.get(pair[0].id, len(ordered)))
    # the reason of a pool that gave questions: two role questions take none from the behavioural
    # pool, whose "no weak area yet" was said over a question picked for a debrief's gap
    used = [p for p, share in zip(picks, shares, strict=True) if share] or picks
    reason = used[-1].reason
    common = bool(used[-1].groups) and used[-1].groups[0].why == recommend.STARTER
    # the skills a "From your debriefs: …" reason names, listed with the questions gaps name
    gap_words = used[-1].groups[0].gap_words if used[-1].groups else ()
    # asked beside the question an earlier stage asked: the common ones are said to be "the others"
    after_earlier = earlier is not None and earlier.question in ordered
    if common and debrief_gaps:  # none of the round's questions practises what the debriefs name
        reason = unpractised_gaps_reason(shape, debrief_gaps, others=after_earlier, gaps_said=gaps_said)
    elif common:  # Practice's words misread here
        scored = reason != recommend.STARTER_REASON
        reason = common_questions_reason(shape, scored=scored, others=after_earlier)
    elif used[-1].groups and used[-1].groups[0].why == recommend.WEAK_AREA:
        reason = _weak_area_reason(reason, attempts, middle, shape)
        common = reason.startswith("These are common questions")  # none of the weak areas named
        if common and after_earlier:  # they practise what the earlier stage's question does too
            reason = f"The others are common questions for {shape.round_words}."
    # only what the questions picked practise: a two-question mock (the opener and one story) said
    # it was steered to "conflict, influence, data analysis" and asked about none of them
    practised = [c for c in steer if any(c in q.competencies for q in middle)]
    if practised:
        # listed as the debriefs' skills are: "conflict, failure and learning" read as three
        named = listed([banks.tag_words(c) for c in practised])
        reason = f"Steered by the interview's job description: {named}."
        gap_words = ()
    elif steer and used[-1].groups and used[-1].groups[0].why == recommend.GAP:
        # the description's asks went to the picks with the debriefs' gaps, and the sentence named
        # them first: "From your debriefs: influence, conflict, …" over questions on failure
        from_debriefs = [g for g in debrief_gaps if any(g in q.competencies for q in middle)]
        gap_words = tuple(
            dict.fromkeys((gaps_said or {}).get(g) or banks.tag_words(g) for g in from_debriefs)
        )
        reason = (
            f"From your debriefs: {listed(gap_words)}."
            if from_debriefs
            else f"Common questions for {shape.round_words}: none practises a skill your debriefs name."
        )
    if asked_named:
        reason = _named_reason(asked_named, gap_words, reason, bool(middle[len(first) :]), common, shape)
        common = False
    asked_earlier = ("", "")
    if after_earlier:
        when = long_date(earlier.interview_date)
        asked_earlier = (earlier.question.id, f"“{earlier.text}” was asked at the {earlier.stage}, {when}.")
        # with nothing else picked (the opener, that question and the closer), only why it was asked:
        # "these are common questions for a behavioural round" was said of no question
        others = any(q.id != earlier.question.id for q in middle)
        reason = f"{asked_earlier[1]} {reason}" if others else asked_earlier[1]
        common = False  # that question was picked for this interview, not as a common one
    interview_id = (interview or {}).get("id")
    return Plan(
        shape,
        ordered,
        role,
        interview_id,
        reason,
        tuple(steer),
        picked_for_you=not common,
        named=tuple((q.id, words) for q, words in asked_named),
        asked_before=asked_earlier,
    )


def _asked_before_to_ask(asked_before: Sequence[AskedBefore]) -> AskedBefore | None:
    """The question asked at a stage before that the mock asks: the first not yet practised for the
    interview, else the first of the bank or your own, else the first. One that is none of yours is
    asked as it was asked (banks.as_asked), and kept among your questions once answered, as Practice
    keeps it: the mock asked only questions it held, so what the company had asked and you had no
    question for was never asked. A mock for Umbrella's onsite asked nothing its first round had
    asked."""
    if not asked_before:
        return None
    held = [a for a in asked_before if a.question is not None]
    chosen = next((a for a in asked_before if not a.practised), held[0] if held else asked_before[0])
    return chosen if chosen.question is not None else replace(chosen, question=banks.as_asked(chosen.asked))


def _debriefs_name(named: Sequence[str], skills: Sequence[str] = ()) -> str:
    """ "From your debriefs: “greatest weakness” and conflict.": the words that named a question
    (`named`) quoted, the skills after them not."""
    return f"From your debriefs: {listed([*(f'“{words}”' for words in named), *skills])}."


def _named_reason(
    asked_named: Sequence[tuple[Question, str]],
    gap_words: Sequence[str],
    reason: str,
    others: bool,
    common: bool,
    shape: Format,
) -> str:
    """Why the questions were picked when debrief gaps name some of them, as Practice says it: "From
    your debriefs: “greatest weakness”.", then what the others (`others`: any asked) were picked for:
    the skills the debriefs name (`gap_words`) in the same list ("“greatest weakness”, “walk me
    through your CV” and conflict."), another reason after it, or that they are common questions for
    the round ("no debrief points to a weak area" was not true)."""
    said = _debriefs_name([words for _, words in asked_named])
    if not others:
        return said
    if common:
        return f"{said} The others are common questions for {shape.round_words}."
    if gap_words:  # one list: it read "“greatest weakness” and “walk me through your CV”, and conflict"
        return _debriefs_name([words for _, words in asked_named], gap_words)
    return f"{said} {reason}"


def _named_to_ask(
    by_id: dict[str, Question], named: Sequence[tuple[str, str]], recent: set[str], role: str | None
) -> list[tuple[Question, str]]:
    """The questions debrief gaps name (`named`: id and the gap's words), each once, for `role` (or
    any role) and not answered in the last two weeks, as Practice picks them first
    (coach.recommend._named_first): someone who wrote "rambled on tell me about yourself" had it put
    first on Practice, and a mock interview never asked it."""
    wanted: dict[str, tuple[Question, str]] = {}
    for question_id, words in named:
        question = by_id.get(question_id)
        if question is None or question_id in recent:
            continue
        if role and role not in question.roles and "any" not in question.roles:
            continue
        wanted.setdefault(question_id, (question, words))
    return list(wanted.values())


# A weak area only a story answer works on: the structure score is a story's (situation, task,
# action, result). Fillers and pacing go with any answer spoken.
STORY_ONLY_WEAK_AREAS = ("structure",)
# How many of the competencies the questions practise the reason names, most practised first.
PRACTISED_NAMED = 3


def _weak_area_reason(
    reason: str, attempts: Sequence[dict], middle: Sequence[Question], shape: Format
) -> str:
    """The weak areas' reason, naming only those the questions picked give room to work on: a
    recruiter screen's motivation questions ask for no story, yet its reason read "scored lowest on
    structure (STAR); these questions give you room to work on it" while its report said "No
    question you answered asked for a story". With none left, what the questions do practise."""
    weak = recommend.weak_areas(attempts)
    stories = any(banks.asks_for_story(q) for q in middle)
    workable = [w for w in weak if stories or w not in STORY_ONLY_WEAK_AREAS]
    if workable == weak:
        return reason
    if workable:
        return recommend.weak_area_reason(attempts, workable)
    counted: dict[str, int] = {}
    for q in middle:
        for c in q.competencies:
            counted[c] = counted.get(c, 0) + 1
    practised = sorted(counted, key=lambda c: -counted[c])[:PRACTISED_NAMED]
    return (
        f"These are common questions for {shape.round_words}: they practise "
        f"{listed([banks.tag_words(c) for c in practised])}."
    )


def _shares(n: int, pools: int) -> list[int]:
    """n split over the pools, the first (the role's own questions) getting any odd one."""
    return [n // pools + (1 if i < n % pools else 0) for i in range(pools)]


def _fill(
    picks: list[list[Question]], pools: list[list[Question]], shares: list[int], recent: set[str]
) -> list[Question]:
    """Each pool's recommended questions topped up with fresh ones from that pool to its share,
    then taken in turn (a role's own question, a behavioural one, ...)."""
    lists: list[list[Question]] = []
    taken: set[str] = set()
    for picked, pool, share in zip(picks, pools, shares, strict=True):
        fresh = [q for q in pool if q.id not in recent] or list(pool)
        chosen = [q for q in picked if q.id not in taken and q.id not in recent][:share]
        chosen += [q for q in fresh if q not in chosen and q.id not in taken][: share - len(chosen)]
        taken |= {q.id for q in chosen}
        lists.append(chosen)
    ordered = []
    for i in range(max((len(x) for x in lists), default=0)):
        ordered += [x[i] for x in lists if i < len(x)]
    return ordered
