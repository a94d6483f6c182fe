"""When each row a person edits last changed (table `row_changes`, migration 0015).

An import meeting a row here that differs from the backup's same row took the one here, however
old: a debrief edited on the laptop, backed up and restored on the desktop kept the desktop's older
words. Each edit notes its time here; an export carries it as the row's `updated_at`, and the
import takes the backup's version when it changed later (coach.store.transfer).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from coach.store.schema import row_changes

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
