"""The playbook's checklist for one interview: which of its steps are ticked, and ticking them.

The ticks are kept with the interview in the store, so the Interviews page (its Prepare tab) and
`coach prepare N` read and change the same list.
"""

from __future__ import annotations

from coach import store
from coach.errors import InputError
from coach.playbook import Playbook, Step
from coach.store import Store


def checklist(db: Store, interview_id: int, book: Playbook) -> list[tuple[Step, bool]]:
    """Each step of the checklist, in the playbook's order, with whether it is ticked for this
    interview (a tick of a step the playbook no longer has is left out)."""
    ticked = store.prepared_steps_of(db, interview_id)
    return [(step, step.id in ticked) for step in book.steps]


def mark(db: Store, interview_id: int, book: Playbook, step_id: str, done: bool) -> None:
    """Tick (done) or untick one step of the checklist for this interview."""
    if step_id not in {step.id for step in book.steps}:
        raise InputError(f"The checklist has no step {step_id!r}.")
    store.mark_prepared_step(db, interview_id, step_id, done)


def step_numbered(book: Playbook, number: int) -> Step:
    """Step `number` of the checklist as `coach prepare` numbers it (from 1)."""
    if not 1 <= number <= len(book.steps):
        raise InputError(f"The checklist has steps 1 to {len(book.steps)}; there is no step {number}.")
    return book.steps[number - 1]


def done_words(ticks: list[tuple[Step, bool]]) -> str:
    """'3 of 8 steps done', 'all 8 steps done' or 'no step done yet'."""
    done = sum(1 for _, ticked in ticks if ticked)
    if done == 0:
        return "no step done yet"
    if done == len(ticks):
        return f"all {done} steps done"
    return f"{done} of {len(ticks)} steps done"
