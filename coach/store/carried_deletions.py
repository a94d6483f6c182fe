"""The record of deletions a backup carries, and what an import does with it.

The record of what was deleted (coach.store.deletions) stayed in its data directory: a machine
restored from a newer backup, then from an older one to get something else back, brought back
what had been deleted where the newer backup was made. An export now carries the record; an import
merges it: a row deleted there goes here too, unless it changed here after that deletion (edited,
or given a debrief or a recording since), in which case the later change wins and it stays. The
import then leaves the backup's deleted rows out as it does those deleted here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from coach.store.changes import TIMED
from coach.store.deletions import REMEMBERED
from coach.store.recordings import is_referenced, mark_deleted
from coach.store.rows import as_utc, owners_uid, parse_datetime
from coach.store.schema import (
    TABLES_IN_ORDER,
    attempts,
    deletions,
    interview_recordings,
    interviews,
    recordings,
    row_changes,
)

# Rows that go with another and are added without the person doing anything to it (an answer
# analysed again by `coach reanalyze`): no sign that they meant to keep it.
NOT_A_PERSONS_DOING = ("analysis_runs", "mock_turns")
# Children first, so an answer goes before the recording it used, a debrief before its interview.
CHILDREN_FIRST = tuple(t for t in reversed(TABLES_IN_ORDER) if t.name in REMEMBERED)


@dataclass
class Merged:
    """What an import did with the backup's deletions, table by table."""

    deleted: dict[str, int] = field(default_factory=dict)  # deleted here too
    kept: dict[str, int] = field(default_factory=dict)  # changed here after, so kept
    files_to_remove: bool = False  # recordings marked deleted, their files to go after commit
    answers_deleted: bool = False  # practice answers with a recording deleted (the voiceprint goes)


def carried(conn: sa.Connection, owner: str) -> list[dict]:
    """`owner`'s record of deletions as a backup holds it."""
    rows = conn.execute(
        sa.select(deletions.c.table_name, deletions.c.row_uid, deletions.c.deleted_at)
        .where(deletions.c.owner == owner)
        .order_by(deletions.c.id)
    )
    return [{"table": t, "uid": uid, "deleted_at": as_utc(when).isoformat()} for t, uid, when in rows]


def read_carried(value: object) -> list[dict] | None:
    """The backup's record of deletions, each with its time read; None when it is damaged. One of
    a table this coach does not remember deletions of (a newer coach's) is left out."""
    if value is None:
        return []  # a backup made before backups carried it
    if not isinstance(value, list):
        return None
    found = []
    for item in value:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("table", "uid", "deleted_at")
        ):
            return None
        try:
            when = parse_datetime(item["deleted_at"])
        except ValueError:
            return None
        if item["table"] in REMEMBERED and len(item["uid"]) <= deletions.c.row_uid.type.length:
            found.append({"table": item["table"], "uid": item["uid"], "deleted_at": when})
    return found


def merge(conn: sa.Connection, owner: str, backup_deletions: list[dict], backup_tables: dict) -> Merged:
    """Apply the backup's deletions to `owner`'s rows here and add them to the record here. A row
    the backup itself holds is not deleted (a hand-made backup may hold both); one changed here
    after its deletion there stays, and its deletion is not recorded (it would leave out the row's
    own copy from the next backup of a machine that still has it)."""
    in_backup = {
        (name, row.get("uid"))
        for name, rows in backup_tables.items()
        if isinstance(rows, list)
        for row in rows
        if isinstance(row, dict)
    }
    recorded = {
        (t, uid)
        for t, uid in conn.execute(
            sa.select(deletions.c.table_name, deletions.c.row_uid).where(deletions.c.owner == owner)
        )
    }
    merged = Merged()
    for table in CHILDREN_FIRST:
        for item in (d for d in backup_deletions if d["table"] == table.name):
            uid = item["uid"]
            if (table.name, uid) in in_backup:
                continue
            found = conn.execute(
                sa.select(table.c.id, table.c.uid).where(
                    table.c.uid.in_((uid, owners_uid(owner, uid))), table.c.owner == owner
                )
            ).first()
            if found is not None:
                if _changed_after(conn, owner, table, found.id, found.uid, item["deleted_at"]):
                    merged.kept[table.name] = merged.kept.get(table.name, 0) + 1
                    continue
                if not _delete(conn, owner, table, found.id, merged):
                    continue  # a recording an answer here still uses, or one already going
                merged.deleted[table.name] = merged.deleted.get(table.name, 0) + 1
            key = (table.name, found.uid if found is not None else uid)
            if key not in recorded:
                conn.execute(
                    deletions.insert().values(
                        owner=owner, table_name=key[0], row_uid=key[1], deleted_at=item["deleted_at"]
                    )
                )
                recorded.add(key)
    return merged


def _changed_after(
    conn: sa.Connection, owner: str, table: sa.Table, row_id: int, uid: str, deleted_at: datetime
) -> bool:
    """Whether `owner`'s row here changed after `deleted_at`: edited since (coach.store.changes),
    or something that goes with it was added or edited since (a debrief written or edited, a
    person met edited, a recording reviewed, a checklist ticked, for an interview deleted on the
    other machine). A person met added to it keeps the time it was added
    (coach.store.interviews.add_person)."""
    moments = [_changed_at(conn, owner, table, [uid])]
    for child in TABLES_IN_ORDER:
        if child.name in NOT_A_PERSONS_DOING:
            continue
        for fk in child.foreign_keys:
            if fk.column.table is not table or fk.ondelete != "CASCADE":
                continue
            rows = conn.execute(
                sa.select(child.c.uid, *([child.c.created_at] if "created_at" in child.c else [])).where(
                    child.c[fk.parent.name] == row_id, child.c.owner == owner
                )
            ).all()
            moments += [as_utc(r.created_at) for r in rows if "created_at" in child.c]
            moments.append(_changed_at(conn, owner, child, [r.uid for r in rows]))
    deleted_at = as_utc(deleted_at)
    return any(when is not None and when > deleted_at for when in moments)


def _changed_at(conn: sa.Connection, owner: str, table: sa.Table, uids: list[str]) -> datetime | None:
    """When the latest of these rows was last edited (None: not since written, or not a table of edits)."""
    if table.name not in TIMED or not uids:
        return None
    latest = conn.execute(
        sa.select(sa.func.max(row_changes.c.changed_at)).where(
            row_changes.c.owner == owner,
            row_changes.c.table_name == table.name,
            row_changes.c.row_uid.in_(uids),
        )
    ).scalar()
    return as_utc(latest)


def _delete(conn: sa.Connection, owner: str, table: sa.Table, row_id: int, merged: Merged) -> bool:
    """Delete `owner`'s row here as deleting it by hand would: an answer's recording goes with it, an
    interview's recordings with it (its practice stays practice), a recording deleted on its own
    leaves the interview transcripts that used it without audio. Returns whether a row went (a
    recording an answer here still uses stays, and one already going is not counted again)."""
    this = sa.and_(table.c.id == row_id, table.c.owner == owner)
    if table is recordings:
        state = conn.execute(sa.select(recordings.c.deleted_at).where(this)).scalar_one()
        used_by_answer = conn.execute(
            sa.select(attempts.c.id).where(attempts.c.recording_id == row_id).limit(1)
        ).first()
        if state is not None or used_by_answer is not None:
            return False
        conn.execute(
            interview_recordings.update()
            .where(interview_recordings.c.recording_id == row_id)
            .values(recording_id=None)
        )
        merged.files_to_remove |= mark_deleted(conn, row_id)
        return True
    going: list[int] = []
    if table is attempts:
        going = [
            r for r in conn.execute(sa.select(attempts.c.recording_id).where(this)).scalars() if r is not None
        ]
        merged.answers_deleted |= bool(going)
    elif table is interviews:
        going = [
            r
            for r in conn.execute(
                sa.select(interview_recordings.c.recording_id).where(
                    interview_recordings.c.interview_id == row_id
                )
            ).scalars()
            if r is not None
        ]
        prepared = sa.and_(attempts.c.interview_id == row_id, attempts.c.owner == owner)
        conn.execute(attempts.update().where(prepared).values(interview_id=None))
    conn.execute(table.delete().where(this))
    for recording_id in going:
        if not is_referenced(conn, recording_id):
            merged.files_to_remove |= mark_deleted(conn, recording_id)
    return True
