"""The playbook's checklist for one interview: which of its steps are ticked, and ticking them.

The ticks are kept with the interview in the store, so the Interviews page (its Prepare tab) and
`coach prepare N` read and change the same list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from coach import store
from coach.analysis.wording import listed
from coach.banks import Question
from coach.debrief import questions_in_notes
from coach.errors import InputError
from coach.interview_log import notes_excerpt, stage_listed
from coach.local_time import today as local_today
from coach.pipeline import (
    accepted_offers,
    after_the_offer_accepted,
    normalised,
    opportunity_of,
    pipeline_report,
    still_open_after_accepting,
)
from coach.playbook import STEP_ACCEPTED_ONLY, Playbook, Step, is_ahead, is_interview
from coach.practised_for import PractisedFor, practice_for
from coach.practised_for import done_words as practice_done_words
from coach.question_match import normalise, same_question
from coach.store import Store
from coach.store.interviews import UNTICKED_MARK


def steps_for(db: Store, interview_id: int, book: Playbook, logged: list[dict] | None = None) -> list[Step]:
    """The checklist's steps that fit this interview, in the playbook's order: not "Ask why they
    reached out" when you applied or were referred (Step.not_when). How it started is the
    interview's origin, else that of an earlier stage with the same company (a later stage is
    seldom told how the process began); unknown, every step. A stage after one held gets the
    steps of a later stage, not those of a first ("Ask for the job description": Step.fits); one
    after you accepted its company's offer, those of joining, not of deciding (`offer_accepted`).
    `logged`: the log as `store.list_interviews` gives it, when the caller has read it already."""
    logged = store.list_interviews(db) if logged is None else logged
    interview = _interview(db, interview_id, logged)
    later = bool(held_before(interview, logged))  # after another stage, held or booked
    accepted = offer_accepted(db, interview_id)
    joining = accepted is not None and accepted.here
    origin = interview.get("origin") or ""
    if not origin:
        company = normalised(interview["company"])
        told = sorted(
            (i for i in logged if normalised(i["company"]) == company and i.get("origin")),
            key=lambda i: (str(i["interview_date"]), i["id"]),
        )
        origin = told[0]["origin"] if told else ""
    return [step for step in book.steps if origin not in step.not_when and step.fits(later, joining)]


@dataclass(frozen=True)
class OfferAccepted:
    """An offer you accepted, as it bears on the interview prepared for. `here`: the interview is a
    stage of that company's process after its offer (an onboarding chat, a team match), so nothing
    is left to decide there; else it is a stage of another process still open, one you may withdraw
    from. `company`: whose offer (those of several, listed); `on`: the day it was accepted (ISO),
    when known."""

    company: str
    here: bool
    on: str | None = None


def offer_accepted(db: Store, interview_id: int, today: date | None = None) -> OfferAccepted | None:
    """The offer accepted that the interview's preparation must know of, or None: none accepted,
    the interview a stage before its own company's offer (prepared as it was), or of a process that
    has ended. Preparing Northwind's team match after accepting its offer still asked to "Decide
    what would make you move", and Umbrella's onsite said nothing of the offer accepted."""
    opportunities, options = pipeline_report(db, local_today() if today is None else today)
    mine = next((o for o in opportunities if any(s.interview_id == interview_id for s in o.stages)), None)
    if mine is None:
        return None
    if mine.status == "accepted":
        offer = next(o for o in mine.options if o["kind"] == "offer" and o["status"] == "accepted")
        if interview_id not in after_the_offer_accepted([mine]):
            return None
        return OfferAccepted(mine.company, True, offer.get("answered_on"))
    # a process you may withdraw from, as the note says: not one begun since you accepted (Hooli's
    # first interview, three days after, was to withdraw from), nor one that ended
    if not any(o is mine for o in still_open_after_accepting(opportunities, options)[1]):
        return None
    return OfferAccepted(listed(accepted_offers(opportunities, options)), False)


def offer_accepted_words(accepted: OfferAccepted, company: str, day_words: Callable[[str], str]) -> str:
    """What the Prepare tab and `coach prepare` say before the checklist once an offer is accepted:
    at a stage after it, that nothing is left to decide there ("You accepted the offer from
    Northwind Labs on Mon 7 Dec: …"); at another company's stage (`company`, as the log names it),
    that you may withdraw, as the pipeline's note says it."""
    if accepted.here:
        on = f" on {day_words(accepted.on)}" if accepted.on else ""
        return (
            f"You accepted the offer from {accepted.company}{on}: nothing is left to decide at this "
            "stage. Learn what you want to know about the team you join, and have what was agreed "
            "in writing."
        )
    return (
        f"You accepted the offer from {accepted.company}. If you will not go on with {company}, "
        'withdraw: tell them, and log "withdrew" as its last stage.'
    )


def offer_accepted_json(
    accepted: OfferAccepted | None, company: str, day_words: Callable[[str], str]
) -> dict | None:
    """The offer accepted as `coach prepare --json` holds it, beside the steps: whose (`company`),
    whether this stage comes after it at that company (`after_it`), the day it was accepted (ISO,
    when known) and the words said first (`said`, offer_accepted_words); None with none accepted.
    The JSON held only each step's "accepted" key, whether the step is for a stage after an offer."""
    if accepted is None:
        return None
    return {
        "company": accepted.company,
        "after_it": accepted.here,
        "on": accepted.on,
        "said": offer_accepted_words(accepted, company, day_words),
    }


def intro(book: Playbook, accepted: OfferAccepted | None) -> str:
    """What the Prepare tab says under its title of the interview prepared for: at a stage after
    you accepted its company's offer, that there is nothing to practise for (the playbook's intro
    said "know before you start what would make you move"); else the playbook's intro."""
    return book.before_intro_accepted if accepted is not None and accepted.here else book.before_intro


def practice_counts(steps: Sequence[Step]) -> bool:
    """Whether practice prepared for the interview counts on its checklist (it ticks the rehearsal
    step): not at a stage after the offer accepted, whose checklist has no step to rehearse, where
    "Practised for it: nothing yet. Answers … prepared for it count." stood over it all the same."""
    return any(step.id == REHEARSAL_STEP for step in steps)


def held_before(interview: dict, logged: list[dict]) -> list[dict]:
    """The interviews of its opportunity before this one (on an earlier day, or the same day logged
    first; held, or booked and still ahead), oldest first: none for a process's first stage. An
    application, an offer or an outcome is no interview."""
    group = opportunity_of(interview["id"], logged)
    when = (str(interview["interview_date"])[:10], interview["id"])
    return [i for i in group if is_interview(i["stage"]) and (str(i["interview_date"])[:10], i["id"]) < when]


# The later stage's step done by itself once every stage held before it has its debrief: the onsite's
# checklist did not say that the first round before it had no debrief, nor interest, yet
DEBRIEF_STEP = "debrief-before"
# The later stage's step under which the Prepare tab and `coach prepare` list what those showed
LOOK_BACK_STEP = "go-over-earlier"


@dataclass(frozen=True)
class EarlierStage:
    """A stage before the one prepared for, with what its debrief noted (empty with none); `ahead`:
    booked, not held yet (playbook.is_ahead), so no debrief is owed."""

    stage: str
    interview_date: str
    debriefed: bool
    ahead: bool = False
    interest: int | None = None
    questions_asked: tuple[str, ...] = ()
    could_be_better: str = ""
    skill_gaps: str = ""
    people: tuple[str, ...] = ()  # "Ada Wong — hiring manager", as met there
    interview_id: int | None = None  # the stage in the log, whose debrief has its words whole


def earlier_stages(
    db: Store, interview_id: int, logged: list[dict] | None = None, today: date | None = None
) -> list[EarlierStage]:
    """What each stage before this interview showed (`held_before`), oldest first: what the
    checklist of a later stage has its user go over, and says is missing."""
    today = local_today() if today is None else today
    logged = store.list_interviews(db) if logged is None else logged
    held = held_before(_interview(db, interview_id, logged), logged)
    if not held:
        return []
    written: dict[int, list[dict]] = {}
    for d in store.list_debriefs(db):
        written.setdefault(d["interview_id"], []).append(d)
    return [_earlier_stage(item, written.get(item["id"], []), today) for item in held]


def _each_once(questions: list[str]) -> list[str]:
    """The questions in order, each as first written, a later one differing only in case or
    punctuation left out."""
    seen: dict[str, str] = {}
    for question in questions:  # words and numbers alike: "table number 0" is not "table number 1"
        seen.setdefault(" ".join(re.sub(r"[^\w' ]+", " ", question.lower()).split()), question)
    return list(seen.values())


def _earlier_stage(item: dict, debriefs: list[dict], today: date) -> EarlierStage:
    """One stage held, its debriefs' words joined (a stage rarely has more than one)."""

    def joined(field: str) -> str:
        return "; ".join(t for d in debriefs if (t := (d.get(field) or "").strip()))

    interests = [d["interest"] for d in debriefs if d.get("interest") is not None]
    asked = [q for d in debriefs for q in questions_in_notes(d.get("notes") or "")]
    people = [" — ".join(w for w in (p["name"], p.get("title") or "") if w) for p in item.get("people") or []]
    return EarlierStage(
        stage=stage_listed(item["stage"]) or "interview",  # "Interview, Sat 5 Dec: …", not "Other"
        interview_date=str(item["interview_date"])[:10],
        debriefed=bool(debriefs),
        ahead=is_ahead(item, today),
        interest=interests[-1] if interests else None,
        # each once, as Practice lists them: "Tell me about a time you failed" and "tell me about a
        # time you failed." were both said under "they asked"
        questions_asked=tuple(_each_once(asked)),
        could_be_better=joined("could_be_better"),
        skill_gaps=joined("skill_gaps"),
        people=tuple(people),
        interview_id=item["id"],
    )


@dataclass(frozen=True)
class AskedBefore:
    """A question a stage before the one prepared for asked (its debrief's list), as the question
    of the bank or of your own it is (`question`, by the rule Practice files a typed question by:
    coach.question_match.same_question), else None and practised as asked; `practised`: answered,
    and measured, while preparing for this interview."""

    asked: str
    stage: str
    interview_date: str
    question: Question | None = None
    practised: bool = False
    company: str = ""  # as the log names it

    @property
    def text(self) -> str:
        return self.question.text if self.question is not None else self.asked

    def why(self, day_words: Callable[[str], str]) -> str:
        """ "Asked at the first round, Wed 2 Dec", then "; practised for this interview" once it was."""
        said = f"Asked at the {self.stage}, {day_words(self.interview_date)}"
        return said + ("; practised for this interview" if self.practised else "")


def asked_before(
    db: Store,
    interview_id: int,
    questions: Sequence[Question],
    attempts: Sequence[dict],
    logged: list[dict] | None = None,
) -> list[AskedBefore]:
    """What the stages before this interview asked (`earlier_stages`), oldest stage first, each
    question once: what practice for it offers first (Practice's recommendations, the mock
    interview, `coach prepare`). Preparing for Umbrella's onsite recommended from its description
    and the gaps only, not the questions Umbrella's first round had asked. `attempts`: the answers
    as `store.list_attempts` gives them, for those already practised for this interview (still
    offered, said to be). None at a stage after you accepted its company's offer (`offer_accepted`):
    there is no interview left to practise for, and `coach prepare` and Practice offered the first
    round's questions for a team match, "to practise first"."""
    accepted = offer_accepted(db, interview_id)
    if accepted is not None and accepted.here:
        return []
    practised = {
        a["question_id"]
        for a in attempts
        if a.get("interview_id") == interview_id
        and a.get("question_id")
        and a.get("score_overall") is not None
    }
    found: dict[str, AskedBefore] = {}
    company = _interview(db, interview_id, logged)["company"]
    for stage in earlier_stages(db, interview_id, logged):
        for asked in stage.questions_asked:
            question = same_question(asked, questions)
            key = question.id if question is not None else normalise(asked)
            if key and key not in found:
                done = question is not None and question.id in practised
                found[key] = AskedBefore(asked, stage.stage, stage.interview_date, question, done, company)
    return list(found.values())


def asked_before_words(asked: Sequence[AskedBefore]) -> str:
    """What the questions asked before are listed under: "What Umbrella asked at its first round:
    practise these first." (each then says when it was asked)."""
    stages = listed(list(dict.fromkeys(a.stage for a in asked)))
    company = next((a.company for a in asked if a.company), "")
    return (
        f"What {company or 'they'} asked at {'its' if company else 'their'} {stages}: practise these first."
    )


def not_debriefed_words(earlier: list[EarlierStage], day_words: Callable[[str], str]) -> str:
    """The stages before that have no debrief, as the later stage's checklist says it ("the first
    round, Wed 2 Dec, has no debrief yet, so no interest given either"; one booked before it: "the
    screen, Thu 10 Dec, is still to come"), or "" when each has one."""
    said = []
    missing = [e for e in earlier if not e.debriefed and not e.ahead]
    if missing:
        named = " and ".join(f"the {e.stage}, {day_words(e.interview_date)}," for e in missing)
        said.append(
            f"{named} {'have' if len(missing) > 1 else 'has'} no debrief yet, so no interest given either"
        )
    coming = [e for e in earlier if not e.debriefed and e.ahead]
    if coming:
        named = " and ".join(f"the {e.stage}, {day_words(e.interview_date)}," for e in coming)
        said.append(f"{named} {'are' if len(coming) > 1 else 'is'} still to come")
    return "; ".join(said)


def earlier_words(
    earlier: list[EarlierStage],
    meeting: list[dict],
    day_words: Callable[[str], str],
    rest_in: Callable[[EarlierStage], str],
) -> list[str]:
    """What the stages before showed, a line each, oldest first, then who you meet again: what the
    Prepare tab and `coach prepare` list under "Go over what the earlier stages showed."
    ("First round, Thu 5 Nov: interest 4/5. They asked: …. Could be better: …. Skill gaps: ….").
    `meeting`: the people named for the stage prepared for; `day_words` says a date. The questions
    they asked, what could be better and the skill gaps are their start (notes_excerpt, as the
    pipeline's card cuts notes), saying where the rest is (`rest_in`: "its debrief on the Pipeline
    tab"): a debrief of thousands of characters there filled the tab."""
    lines = []
    for e in earlier:
        said = f"{e.stage[:1].upper()}{e.stage[1:]}, {day_words(e.interview_date)}: "
        if not e.debriefed and e.ahead:
            lines.append(said + "booked, still to come.")
            continue
        if not e.debriefed:
            lines.append(said + "no debrief yet, so nothing noted of its questions, gaps or your interest.")
            continue
        facts = [f"interest {e.interest}/5" if e.interest is not None else "no interest given"]
        if e.questions_asked:  # cut as the rest: forty questions listed filled the tab as well
            facts.append("they asked: " + _start_of("\n".join(e.questions_asked), rest_in(e)))
        if e.could_be_better:
            facts.append(f"could be better: {_start_of(e.could_be_better, rest_in(e))}")
        if e.skill_gaps:
            facts.append(f"skill gaps: {_start_of(e.skill_gaps, rest_in(e))}")
        if e.people:
            facts.append("met: " + ", ".join(e.people))
        lines.append(said + "; ".join(f.rstrip(".") for f in facts) + ".")
    again = _met_again(earlier, meeting)
    if again:
        lines.append(f"Meeting again: {again}.")
    return lines


def _start_of(written: str, rest_in: str) -> str:
    """What a debrief wrote, on one line (its lines joined by " / ", as the questions asked are, a
    list's marks left out), cut to its start when long, with where the rest is."""
    excerpt, cut = notes_excerpt(written)
    lines = [line.removeprefix("- ").removeprefix("* ").removeprefix("• ") for line in excerpt.splitlines()]
    return " / ".join(lines) + (f" (the rest is in {rest_in})" if cut else "")


def _met_again(earlier: list[EarlierStage], meeting: list[dict]) -> str:
    """Those named for the stage prepared for who were met at an earlier one ("Ada Wong — hiring
    manager (met at the first round)"), by name."""
    said = []
    for person in meeting:
        name = (person.get("name") or "").strip().casefold()
        at = [e.stage for e in earlier for p in e.people if p.split(" — ")[0].strip().casefold() == name]
        if name and at:
            said.append(f"{person['name']} (met at the {' and the '.join(dict.fromkeys(at))})")
    return ", ".join(said)


def _interview(db: Store, interview_id: int, logged: list[dict] | None) -> dict:
    """The interview from the log the caller has read, else from the store (not there: "There is
    no interview with id …")."""
    found = next((i for i in logged or () if i["id"] == interview_id), None)
    return found or store.get_interview(db, interview_id)


# The topics of the questions to ask at a later stage, in the order they come: what the decision
# and the job hang on first. An onsite's list opened with "What does the whole process look like
# from here?" and "Can I have the written job description?", asked at the first stage already.
LATER_TOPICS = ("decision", "expectations", "process", "role-and-team", "growth", "culture")


# The topics of the questions to ask at a stage after you accepted its company's offer, in the order
# they come: the team you join, not the decision (made) nor the process (over). A team match opened
# with "Is there anything in my background that makes you hesitant…?" and the salary band.
JOINING_TOPICS = ("role-and-team", "expectations", "growth", "culture")


def questions_to_ask(steps: list[Step], asks: list, accepted: OfferAccepted | None = None) -> list:
    """The questions to ask them (banks.load_questions_to_ask) that fit an interview whose checklist
    is `steps` (`steps_for`): "What made you reach out to me?" only while it asks why they reached out;
    at a later stage (its checklist goes over the earlier ones), none asked at a first stage only,
    those on the decision and the job's expectations first; after you accepted its company's offer
    (its checklist is of joining), those on the team and the job alone, each saying what its answer
    tells you then (`why_accepted`: "a problem to talk about in later rounds" at a team match, where
    none is to come). With an offer accepted
    (`accepted`: `offer_accepted`), none of those for deciding whether to move: Umbrella's onsite,
    after Northwind's offer was accepted, still listed the salary band, "ask before the final
    rounds"."""
    fitting = {step.id for step in steps}
    if accepted is not None:
        asks = [ask for ask in asks if not ask.until_accepted]
    if any(step.accepted == STEP_ACCEPTED_ONLY for step in steps):
        order = {topic: n for n, topic in enumerate(JOINING_TOPICS)}
        joining = [
            replace(ask, why=ask.why_accepted or ask.why)
            for ask in asks
            if ask.topic in order and ask.at != "first" and not ask.until_accepted
        ]
        return sorted(joining, key=lambda ask: order[ask.topic])  # stable: bank order within
    asks = [ask for ask in asks if ask.topic != "why-reached-out" or "ask-why-reached-out" in fitting]
    if LOOK_BACK_STEP not in fitting:
        return asks
    later = [ask for ask in asks if ask.at != "first"]
    order = {topic: n for n, topic in enumerate(LATER_TOPICS)}
    return sorted(later, key=lambda ask: order.get(ask.topic, len(order)))  # stable: bank order within


# The step done by itself once the interview holds its job description: the checklist still
# said "[ ] Ask for the job description, in writing." beside the description kept
DESCRIPTION_STEP = "get-job-description"


def description_kept_with(interview: dict, logged: list[dict]) -> dict | None:
    """The stage whose job description this interview goes by: its own, else the latest pasted with
    another stage of its opportunity (as `job_description.opportunity_description` finds it for
    practice), or None. Pasted with the application, the first round's checklist still said
    "[ ] Ask for the job description, in writing." while its practice showed the posting's terms.
    `logged`: the log, as `store.list_interviews` gives it."""

    def holds(stage: dict) -> bool:
        return bool((stage.get("job_description") or "").strip())

    if holds(interview):
        return interview
    group = opportunity_of(interview["id"], logged)
    pasted = [i for i in group if holds(i)]
    return pasted[-1] if pasted else None


def described(interview: dict, logged: list[dict]) -> bool:
    """Whether this interview, or another stage of its opportunity, holds the job description (so
    DESCRIPTION_STEP is done)."""
    return description_kept_with(interview, logged) is not None


# The step done by practice prepared for the interview (an answer on Practice or a mock interview
# for it): it stayed unticked after a mock interview prepared for it. The user's own untick wins:
# unticked while practice ticks it, it is kept as UNTICKED_MARK + the step's id beside the ticks,
# and practice, then or later, no longer ticks it; ticking it again takes the mark away.
REHEARSAL_STEP = "prepare-stories"


def done_by_practice(
    db: Store, interview_id: int, practice: PractisedFor | None = None, stored: set[str] | None = None
) -> str:
    """What practice did that ticks the rehearsal step ("1 mock interview, 5 answers"), or "" when
    none was prepared for this interview or the user unticked the step. Only measured practice
    counts: a recording the coach said was no answer to its question ticked "Rehearse your stories"
    as done by "1 answer". `practice` (`practised_for.practice_for`) and `stored` (its ticks as
    kept) when the caller has them."""
    practice = (practice_for(db, interview_id) if practice is None else practice).measured()
    stored = store.prepared_steps_of(db, interview_id) if stored is None else stored
    if not practice.any or UNTICKED_MARK + REHEARSAL_STEP in stored:
        return ""
    return practice_done_words(practice)


def checklist(
    db: Store,
    interview_id: int,
    book: Playbook,
    *,
    steps: list[Step] | None = None,
    logged: list[dict] | None = None,
    practice: PractisedFor | None = None,
) -> list[tuple[Step, bool]]:
    """Each step of the checklist for this interview (`steps_for`, unless its `steps` are given)
    with whether it is ticked (a tick of a step the playbook no longer has, or that does not fit
    it, is left out); the job description's step is ticked while the interview or another stage of
    its opportunity holds one (`described`), and the
    rehearsal step once practice was prepared for it (`done_by_practice`; `practice` when the
    caller has read it)."""
    stored = set(store.prepared_steps_of(db, interview_id))
    ticked = set(stored)
    logged = store.list_interviews(db) if logged is None else logged
    if described(_interview(db, interview_id, logged), logged):
        ticked.add(DESCRIPTION_STEP)
    if done_by_practice(db, interview_id, practice, stored):
        ticked.add(REHEARSAL_STEP)
    ticked.discard(DEBRIEF_STEP)  # done by the debriefs alone
    earlier = earlier_stages(db, interview_id, logged)
    if earlier and all(e.debriefed for e in earlier):
        ticked.add(DEBRIEF_STEP)
    steps = steps_for(db, interview_id, book, logged) if steps is None else steps
    return [(step, step.id in ticked) for step in steps]


def mark(db: Store, interview_id: int, book: Playbook, step_id: str, done: bool) -> None:
    """Tick (done) or untick one step of the checklist for this interview. Unticking the rehearsal
    step while practice ticks it keeps that untick (UNTICKED_MARK); ticking it takes it away."""
    if step_id not in {step.id for step in book.steps}:
        raise InputError(f"The checklist has no step {step_id!r}.")
    if step_id == DEBRIEF_STEP:
        text = next(step.text for step in book.steps if step.id == step_id).rstrip(".")
        raise InputError(
            f'"{text}" is ticked by itself once each stage before this one has its debrief: write '
            "those (`coach debrief` or the Interviews page)."
        )
    if step_id == REHEARSAL_STEP:
        overruled = not done and practice_for(db, interview_id).measured().any  # kept while practice is there
        store.mark_prepared_step(db, interview_id, UNTICKED_MARK + step_id, overruled)
    store.mark_prepared_step(db, interview_id, step_id, done)


def step_numbered(steps: list[Step], number: int) -> Step:
    """Step `number` of an interview's checklist (`steps_for`) as `coach prepare` numbers it (from 1)."""
    if not 1 <= number <= len(steps):
        raise InputError(f"The checklist has steps 1 to {len(steps)}; there is no step {number}.")
    return steps[number - 1]


def done_words(ticks: list[tuple[Step, bool]]) -> str:
    """'3 of 8 steps done', 'all 8 steps done' or 'no step done yet'."""
    done = sum(1 for _, ticked in ticks if ticked)
    if done == 0:
        return "no step done yet"
    if done == len(ticks):
        return f"all {done} steps done"
    return f"{done} of {len(ticks)} steps done"


def card_words(ticks: list[tuple[Step, bool]], ahead: bool) -> str | None:
    """How far the preparation for a stage came, as its card says it: for one still ahead always;
    for one held only when a step was ticked (a review dates next week's interview today, and its
    ticks, kept with it, were then shown nowhere), not DEBRIEF_STEP, done by the debriefs alone;
    None for one held with none ticked."""
    if ahead or any(ticked for step, ticked in ticks if step.id != DEBRIEF_STEP):  # not done by itself
        return done_words(ticks)
    return None
