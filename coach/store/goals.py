"""Goals: how often to take a real interview, and targets for pace or filler rate."""

from __future__ import annotations

import sqlalchemy as sa

from coach.errors import InputError
from coach.store.db import Store
from coach.store.rows import TypedFields, delete_row, mine, new_uid, plain, update_row, utc_now
from coach.store.schema import goals

# real_interviews: `target` real interviews every `period_days` (e.g. 1 every 91 days).
# practice_attempts: `target` attempts every `period_days`.
# wpm, fillers_per_100_words, fillers_per_min, score_overall: a target value for that measure.
KINDS = (
    "real_interviews",
    "practice_attempts",
    "wpm",
    "fillers_per_100_words",
    "fillers_per_min",
    "score_overall",
)
CADENCE_KINDS = ("real_interviews", "practice_attempts")
EDITABLE = ("target", "period_days", "note", "active")
GOAL_TYPED = TypedFields(goals, "goal", ("note",))
TYPED_FIELDS = (GOAL_TYPED,)


def add_goal(
    store: Store, *, kind: str, target: float, period_days: int | None = None, note: str = ""
) -> int:
    if kind not in KINDS:
        raise InputError(f"A goal is one of {', '.join(KINDS)}, not {kind!r}.")
    if kind in CADENCE_KINDS and not (period_days and period_days > 0 and target > 0):
        raise InputError("A cadence goal needs a positive count and a period in days, e.g. 1 every 91 days.")
    note = GOAL_TYPED.cleaned({"note": note})["note"]
    GOAL_TYPED.check({"note": note})
    with store.write() as conn:
        return conn.execute(
            goals.insert().values(
                uid=new_uid(),
                owner=store.owner,
                kind=kind,
                target=float(target),
                period_days=period_days,
                note=note,
                active=True,
                created_at=utc_now(),
            )
        ).inserted_primary_key[0]


def update_goal(store: Store, goal_id: int, **values) -> dict:
    return update_row(store, GOAL_TYPED, goal_id, values, EDITABLE)


def delete_goal(store: Store, goal_id: int) -> None:
    delete_row(store, goals, goal_id, "goal")


def list_goals(store: Store, *, active_only: bool = False) -> list[dict]:
    query = sa.select(goals).where(mine(store, goals)).order_by(goals.c.created_at, goals.c.id)
    if active_only:
        query = query.where(goals.c.active.is_(True))
    with store.read() as conn:
        return [plain(row) for row in conn.execute(query)]
