"""The playbook's checklist for one interview: which of its steps are ticked, and ticking them.

The ticks are kept with the interview in the store, so the Interviews page (its Prepare tab) and
`coach prepare N` read and change the same list.
"""

from __future__ import annotations

from coach import store
from coach.errors import InputError
from coach.pipeline import normalised
from coach.playbook import Playbook, Step
from coach.practised_for import PractisedFor, practice_for
from coach.practised_for import done_words as practice_done_words
from coach.store import Store
from coach.store.interviews import UNTICKED_MARK


def steps_for(db: Store, interview_id: int, book: Playbook, logged: list[dict] | None = None) -> list[Step]:
    """The checklist's steps that fit this interview, in the playbook's order: not "Ask why they
    reached out" when you applied or were referred (Step.not_when). How it started is the
    interview's origin, else that of an earlier stage with the same company (a later stage is
    seldom told how the process began); unknown, every step. `logged`: the log as
    `store.list_interviews` gives it, when the caller has read it already."""
    logged = store.list_interviews(db) if logged is None else logged
    interview = _interview(db, interview_id, logged)
    origin = interview.get("origin") or ""
    if not origin:
        company = normalised(interview["company"])
        told = sorted(
            (i for i in logged if normalised(i["company"]) == company and i.get("origin")),
            key=lambda i: (str(i["interview_date"]), i["id"]),
        )
        origin = told[0]["origin"] if told else ""
    return [step for step in book.steps if origin not in step.not_when]


def _interview(db: Store, interview_id: int, logged: list[dict] | None) -> dict:
    """The interview from the log the caller has read, else from the store (not there: "There is
    no interview with id …")."""
    found = next((i for i in logged or () if i["id"] == interview_id), None)
    return found or store.get_interview(db, interview_id)


def questions_to_ask(steps: list[Step], asks: list) -> list:
    """The questions to ask them (banks.load_questions_to_ask) that fit an interview whose checklist
    is `steps` (`steps_for`): "What made you reach out to me?" only while it asks why they reached out."""
    fitting = {step.id for step in steps}
    return [ask for ask in asks if ask.topic != "why-reached-out" or "ask-why-reached-out" in fitting]


# The step done by itself once the interview holds its job description: the checklist still
# said "[ ] Ask for the job description, in writing." beside the description kept
DESCRIPTION_STEP = "get-job-description"


def description_kept_with(interview: dict, logged: list[dict]) -> dict | None:
    """The stage whose job description this interview goes by: its own, else the latest pasted with
    another stage of its opportunity (as `job_description.opportunity_description` finds it for
    practice), or None. Pasted with the application, the first round's checklist still said
    "[ ] Ask for the job description, in writing." while its practice showed the posting's terms.
    `logged`: the log, as `store.list_interviews` gives it."""
    from coach.pipeline import group_interviews

    def holds(stage: dict) -> bool:
        return bool((stage.get("job_description") or "").strip())

    if holds(interview):
        return interview
    group = next((g for g in group_interviews(logged) if interview["id"] in {i["id"] for i in g}), [])
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
    steps = steps_for(db, interview_id, book, logged) if steps is None else steps
    return [(step, step.id in ticked) for step in steps]


def mark(db: Store, interview_id: int, book: Playbook, step_id: str, done: bool) -> None:
    """Tick (done) or untick one step of the checklist for this interview. Unticking the rehearsal
    step while practice ticks it keeps that untick (UNTICKED_MARK); ticking it takes it away."""
    if step_id not in {step.id for step in book.steps}:
        raise InputError(f"The checklist has no step {step_id!r}.")
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
    ticks, kept with it, were then shown nowhere); None for one held with none ticked."""
    if ahead or any(ticked for _, ticked in ticks):
        return done_words(ticks)
    return None
