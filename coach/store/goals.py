"""Goals: how often to take a real interview, and targets for pace or filler rate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from coach.errors import InputError
from coach.store.changes import changed_times, note_changed
from coach.store.db import Store
from coach.store.rows import TypedFields, as_utc, delete_row, mine, new_uid, plain, update_row, utc_now
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


# ---------------------------------------------------------------- two goals of a kind after an import
# Of each kind only the newest goal counts (playbook.newest_goal). An import adds the backup's goals
# as rows of their own: one set earlier than the one here sat unseen beside it, and one set later
# replaced it without a word. The goal set most recently now counts, as for the other rows an import
# finds on both sides (the newer taken), and the other is retired.


@dataclass(frozen=True)
class GoalSettled:
    """A kind with a goal here and another from the backup, and which now counts."""

    kind: str
    here: tuple[float, int | None]  # (target, period_days) of the goal counted here before
    backup: tuple[float, int | None]  # ... and of the backup's, the newest it brought
    backup_counts: bool  # the backup's was set later: it is now the one counted
    backup_rows: int  # the backup's goals of this kind the import wrote (or made count again)


def goals_in_effect(conn: sa.Connection, owner: str) -> dict[int, dict]:
    """`owner`'s goals that count, by id, each with when it was last set, before an import."""
    return {row["id"]: row for row in _active_goals(conn, owner)}


def settle_imported_goals(conn: sa.Connection, owner: str, before: dict[int, dict]) -> list[GoalSettled]:
    """Leave one goal of each kind counting, the one set most recently (the one here when both were
    set at once), retiring the others; `before`: goals_in_effect before the import. Returns a kind
    with a goal on both sides (a goal here and one the import brought) and what became of it."""
    settled = []
    kinds: dict[str, list[dict]] = {}
    for row in _active_goals(conn, owner):
        kinds.setdefault(row["kind"], []).append(row)
    for kind, rows in kinds.items():
        if len(rows) < 2:
            continue
        newest = max(rows, key=lambda row: (row["set_at"], row["id"] in before, row["id"]))
        retired = [row for row in rows if row is not newest]
        which = goals.c.id.in_([row["id"] for row in retired])
        conn.execute(goals.update().where(which).values(active=False))
        # timed, so a backup of it brought back where it still counts retires it there too
        note_changed(conn, owner, goals, which, utc_now())
        here = [row for row in rows if row["id"] in before]
        theirs = [row for row in rows if row["id"] not in before]
        if not here or not theirs:
            continue
        counted_here = here[-1]  # as newest_goal counted it: the last by when it was written
        backup = max(theirs, key=lambda row: (row["set_at"], row["id"]))
        settled.append(
            GoalSettled(
                kind=kind,
                here=(counted_here["target"], counted_here["period_days"]),
                backup=(backup["target"], backup["period_days"]),
                backup_counts=newest is backup,
                backup_rows=len(theirs),
            )
        )
    return settled


def _active_goals(conn: sa.Connection, owner: str) -> list[dict]:
    """`owner`'s goals that count, oldest first as list_goals gives them, with `set_at`: when each
    was last changed, else written."""
    changed = changed_times(conn, owner, goals)
    query = (
        sa.select(goals)
        .where(goals.c.owner == owner, goals.c.active.is_(True))
        .order_by(goals.c.created_at, goals.c.id)
    )
    return [
        plain(row) | {"set_at": _set_at(changed.get(row.uid), row.created_at)} for row in conn.execute(query)
    ]


def _set_at(changed: datetime | None, created: datetime) -> datetime:
    return as_utc(changed) or as_utc(created)
