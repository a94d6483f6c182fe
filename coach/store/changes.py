"""When each row a person edits last changed (table `row_changes`, migration 0015), and each of
its fields (table `field_changes`, migration 0020).

An import meeting a row here that differs from the backup's same row took the one here, however
old: a debrief edited on the laptop, backed up and restored on the desktop kept the desktop's older
words. Each edit notes its time here; an export carries it as the row's `updated_at`, and the
import takes the backup's version when it changed later (coach.store.transfer). A row edited on
both machines, each in another field, went whole to the side changed later, and the other side's
edit was lost: each field's time now travels too (the row's `field_changes`), and the import takes
each field from the side that changed it later.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from coach.store.schema import field_changes, row_changes

# The tables whose rows a person edits after saving (coach.store.transfer.EDITED_FIELDS).
TIMED = ("interviews", "interview_people", "debriefs", "options", "goals", "own_questions")


def note_changed(
    conn: sa.Connection, owner: str, table: sa.Table, which: sa.ColumnElement[bool], when: datetime
) -> None:
    """Record `when` as the last change of `owner`'s rows of `table` that `which` selects (nothing
    for a table not TIMED, or a database from before migration 0015)."""
    if table.name not in TIMED or not sa.inspect(conn).has_table(row_changes.name):
        return
    uids = conn.execute(sa.select(table.c.uid).where(which, table.c.owner == owner)).scalars().all()
    if not uids:
        return
    noted = sa.and_(row_changes.c.owner == owner, row_changes.c.table_name == table.name)
    known = set(
        conn.execute(sa.select(row_changes.c.row_uid).where(noted, row_changes.c.row_uid.in_(uids))).scalars()
    )
    if known:
        again = row_changes.update().where(noted, row_changes.c.row_uid.in_(known))
        conn.execute(again.values(changed_at=when))
    fresh = [uid for uid in dict.fromkeys(uids) if uid not in known]
    if fresh:
        conn.execute(
            row_changes.insert(),
            [{"owner": owner, "table_name": table.name, "row_uid": uid, "changed_at": when} for uid in fresh],
        )


def changed_times(conn: sa.Connection, owner: str, table: sa.Table) -> dict[str, datetime]:
    """When each of `owner`'s rows of `table` last changed, by uid (those never changed are absent)."""
    if table.name not in TIMED:
        return {}
    rows = conn.execute(
        sa.select(row_changes.c.row_uid, row_changes.c.changed_at).where(
            row_changes.c.owner == owner, row_changes.c.table_name == table.name
        )
    )
    return {uid: when for uid, when in rows}


# The field_name of the row's time of change noted before its fields were timed: the time of each
# of its fields without one of its own.
BEFORE_FIELDS = "*"


@dataclass(frozen=True)
class FieldChange:
    """When a field last changed, and what that value was typed over: `based_on` is when the value
    it replaced had changed (None: the one written with the row), `edit_chain` names the edits typed
    one after another on one machine (None: a time from before fields were timed), and `made_here`
    whether this machine typed it (the next edit here goes on its chain)."""

    changed_at: datetime
    based_on: datetime | None = None
    edit_chain: str | None = None
    made_here: bool = False

    def has_seen(self, other: FieldChange) -> bool:
        """Whether this value was typed where `other` was known: `other` is what it was typed over
        (or older), or an earlier edit of the same chain."""
        if self.based_on is not None and _utc(other.changed_at) <= _utc(self.based_on):
            return True
        same_chain = other.edit_chain is not None and other.edit_chain == self.edit_chain
        return same_chain and _utc(other.changed_at) <= _utc(self.changed_at)


def field_times(
    conn: sa.Connection, owner: str, table: sa.Table, uids: list[str] | None = None
) -> dict[str, dict[str, FieldChange]]:
    """The fields of `owner`'s rows of `table` noted as changed, by uid then field (BEFORE_FIELDS:
    the row's time from before its fields were timed); rows with none are absent."""
    if table.name not in TIMED or not sa.inspect(conn).has_table(field_changes.name):
        return {}
    query = sa.select(field_changes).where(
        field_changes.c.owner == owner, field_changes.c.table_name == table.name
    )
    if uids is not None:
        query = query.where(field_changes.c.row_uid.in_(uids))
    times: dict[str, dict[str, FieldChange]] = {}
    for row in conn.execute(query):
        times.setdefault(row.row_uid, {})[row.field_name] = FieldChange(
            _utc(row.changed_at), _utc(row.based_on), row.edit_chain, bool(row.made_here)
        )
    return times


def field_change(noted: dict[str, FieldChange], row_time: datetime | None, name: str) -> FieldChange | None:
    """When field `name` of a row last changed: its own time, else the row's from before its fields
    were timed, else (no field of it timed) the row's time (a change before migration 0020, or a
    backup's from before it); None: not changed since written."""
    if name in noted:
        return noted[name]
    if BEFORE_FIELDS in noted:
        return noted[BEFORE_FIELDS]
    if not noted and row_time is not None:
        return FieldChange(_utc(row_time))
    return None


def note_fields_changed(
    conn: sa.Connection, owner: str, table: sa.Table, which: sa.ColumnElement[bool], names, when: datetime
) -> None:
    """Record `when` as the last change of fields `names` of `owner`'s rows of `table` that `which`
    selects, typed here: over the value there was, or on the edits typed here before it. Call before
    note_changed: a row's first timed field keeps the row's time before it (BEFORE_FIELDS)."""
    if table.name not in TIMED or not sa.inspect(conn).has_table(field_changes.name):
        return
    uids = conn.execute(sa.select(table.c.uid).where(which, table.c.owner == owner)).scalars().all()
    noted = field_times(conn, owner, table, list(uids))
    row_times = changed_times(conn, owner, table)
    for uid in dict.fromkeys(uids):
        changes = {}
        for name in names:
            now = field_change(noted.get(uid, {}), row_times.get(uid), name)
            if now is not None and now.made_here and name in noted.get(uid, {}):
                changes[name] = FieldChange(when, now.based_on, now.edit_chain, made_here=True)
            else:  # typed over a value from elsewhere: a chain of its own
                over = None if now is None else now.changed_at
                changes[name] = FieldChange(when, over, str(uuid.uuid4()), made_here=True)
        write_field_changes(conn, owner, table, uid, changes)


def write_field_changes(
    conn: sa.Connection, owner: str, table: sa.Table, uid: str, changes: dict[str, FieldChange]
) -> None:
    """Keep `changes` as the last changes of those fields of `owner`'s row `uid` (an edit here, or
    the backup's fields an import takes, as they were noted there)."""
    if not changes or table.name not in TIMED or not sa.inspect(conn).has_table(field_changes.name):
        return
    this = sa.and_(
        field_changes.c.owner == owner,
        field_changes.c.table_name == table.name,
        field_changes.c.row_uid == uid,
    )
    known = set(conn.execute(sa.select(field_changes.c.field_name).where(this)).scalars())
    if not known:
        before = changed_times(conn, owner, table).get(uid)
        if before is not None:  # the row's time until now stays the time of its other fields
            changes = {BEFORE_FIELDS: FieldChange(_utc(before))} | changes
    for name, change in changes.items():
        values = {
            "changed_at": change.changed_at,
            "based_on": change.based_on,
            "edit_chain": change.edit_chain,
            "made_here": change.made_here,
        }
        if name in known:
            that = sa.and_(this, field_changes.c.field_name == name)
            conn.execute(field_changes.update().where(that).values(values))
        else:
            conn.execute(
                field_changes.insert().values(
                    owner=owner, table_name=table.name, row_uid=uid, field_name=name, **values
                )
            )


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every time in the store is UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
