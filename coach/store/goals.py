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
# Of each kind only one goal counts (playbook.newest_goal). An import meets the backup's goal of a
# kind with the one here, as rows of their own (set on each laptop) or as one row changed on one
# side (passed back and forth): the goal set most recently counts, and the other rows of the kind
# are retired. Which counts is decided from when each goal was set, never from when a row was
# retired: a laptop retiring the other's goal for its own, older than a change made there since,
# made that change lost on the way back.


@dataclass(frozen=True)
class GoalSettled:
    """A kind with a goal here and another value from the backup, and which now counts; `backup`
    None: the backup's laptop replaced the goal here and then cleared it, after it was set here."""

    kind: str
    here: tuple[float, int | None]  # (target, period_days) of the goal counted here before
    backup: tuple[float, int | None] | None  # ... and of the backup's, the one that counted there
    backup_counts: bool  # the backup's was set later: it is now the one counted


@dataclass(frozen=True)
class GoalsImported:
    """What an import did to goals, as a person counts them: one goal a kind, the one that counts."""

    settled: list[GoalSettled]
    added: int  # kinds whose backup goal now counts here (none here before, or set later)
    present: int  # kinds whose backup goal is the one here (the same value)


def goals_in_effect(conn: sa.Connection, owner: str) -> dict[str, dict]:
    """`owner`'s goal that counts of each kind, with when it was set (`set_at`), before an import."""
    return newest_by_kind(_active_goals(conn, owner))


def newest_by_kind(rows: list[dict]) -> dict[str, dict]:
    """The goal set most recently of each kind (`set_at`; the later written when set at once)."""
    newest: dict[str, dict] = {}
    for row in rows:  # oldest written first: a later one set at the same time wins
        if row["kind"] not in newest or row["set_at"] >= newest[row["kind"]]["set_at"]:
            newest[row["kind"]] = row
    return newest


def settle_imported_goals(
    conn: sa.Connection, owner: str, before: dict[str, dict], backup: list[dict], local_ids: dict[str, int]
) -> GoalsImported:
    """Leave one goal of each kind counting after an import's rows are in: the one here (`before`,
    goals_in_effect before the import) or the backup's (`backup`: its goal rows, each with `set_at`,
    when it was set there; `local_ids`: their ids here), whichever was set later (the one here when
    at once). The row merge left every goal row here as it was and added the backup's others."""
    theirs = newest_by_kind([row for row in backup if row["active"] and row["uid"] in local_ids])
    retired_there = {row["uid"]: row["set_at"] for row in backup if not row["active"]}
    settled, added, present = [], 0, 0
    for kind in dict.fromkeys([*before, *theirs]):
        here = _still_here(conn, owner, before.get(kind))
        their = theirs.get(kind)
        if here is None and their is not None and _retired_here_since(conn, owner, local_ids, their):
            their = None  # replaced here after it was set there, then cleared here: not back
        if their is None:
            cleared_there = (
                here is not None and retired_there.get(here["uid"], here["set_at"]) > here["set_at"]
            )
            _count_only(conn, owner, kind, None if here is None or cleared_there else here["id"])
            if cleared_there:  # replaced there after it was set here, and that one cleared since
                settled.append(GoalSettled(kind, _value(here), None, False))
            continue
        same = here is not None and _value(here) == _value(their)
        backup_counts = here is None or (not same and their["set_at"] > here["set_at"])
        if backup_counts:
            _take_goal(conn, owner, local_ids[their["uid"]], their)
        _count_only(conn, owner, kind, local_ids[their["uid"]] if backup_counts else here["id"])
        added += backup_counts
        present += same
        if here is not None and not same:
            settled.append(GoalSettled(kind, _value(here), _value(their), backup_counts))
    return GoalsImported(settled, added, present)


def _value(row: dict) -> tuple[float, int | None]:
    return float(row["target"]), row["period_days"]


def _still_here(conn: sa.Connection, owner: str, row: dict | None) -> dict | None:
    """`row` unless the backup's record of deletions deleted it here."""
    if row is None:
        return None
    there = sa.select(goals.c.id).where(goals.c.id == row["id"], goals.c.owner == owner)
    return row if conn.execute(there).first() is not None else None


def _retired_here_since(conn: sa.Connection, owner: str, local_ids: dict[str, int], theirs: dict) -> bool:
    """Whether the backup's goal is retired here, and was after it was last set there."""
    this = sa.and_(goals.c.id == local_ids[theirs["uid"]], goals.c.owner == owner)
    here = conn.execute(sa.select(goals).where(this)).first()
    if here is None or here.active:
        return False
    changed = changed_times(conn, owner, goals).get(here.uid)
    return changed is not None and as_utc(changed) >= theirs["set_at"]


def _take_goal(conn: sa.Connection, owner: str, goal_id: int, theirs: dict) -> None:
    """Give the row here the backup's goal, counting, set when it was set there."""
    this = sa.and_(goals.c.id == goal_id, goals.c.owner == owner)
    values = {"target": float(theirs["target"]), "period_days": theirs["period_days"], "active": True}
    values |= {"note": theirs["note"]} if isinstance(theirs.get("note"), str) else {}
    conn.execute(goals.update().where(this).values(values))
    note_changed(conn, owner, goals, this, theirs["set_at"])


def _count_only(conn: sa.Connection, owner: str, kind: str, goal_id: int | None) -> None:
    """Retire `owner`'s goals of `kind` but `goal_id` (all of them for None); timed, so a backup of
    them brought back where one still counts is seen to have been replaced here since."""
    which = sa.and_(goals.c.owner == owner, goals.c.kind == kind, goals.c.active.is_(True))
    if goal_id is not None:
        which = sa.and_(which, goals.c.id != goal_id)
    note_changed(conn, owner, goals, which, utc_now())
    conn.execute(goals.update().where(which).values(active=False))


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
        {**row._mapping, "set_at": _set_at(changed.get(row.uid), row.created_at)}
        for row in conn.execute(query)
    ]


def _set_at(changed: datetime | None, created: datetime) -> datetime:
    return as_utc(changed) or as_utc(created)
