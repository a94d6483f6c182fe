"""What was deleted here, so an import leaves it deleted (table `deletions`, migration 0014).

An import matches a backup's rows to the rows here by uid; a row deleted here looks like one never
here, so an older backup brought a deleted answer back whole (or without its audio). Each delete of
a row of a REMEMBERED table writes its uid here in the same transaction, and the import skips
those (coach.store.transfer). A backup carries the record and an import merges it
(coach.store.carried_deletions). A row deleted along with its parent (an interview's
debriefs and answers) needs no record of its own: the import skips a row whose parent it skips.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from coach.store.schema import deletions

# The tables whose deleted rows an import must not bring back: answers (a real interview's too,
# replaced when its recording is reviewed again), debriefs, interviews, recordings, your own
# questions with their stars (deleted by hand, or taken back with the debrief that added them),
# people met, options (offers and alternatives), goals and mock interviews (an older backup brought
# back a removed person, a declined offer deleted, a goal dropped, a mock interview forgotten).
# A star taken off a question that stays is not remembered: starring is not deleting.
REMEMBERED = (
    "attempts",
    "turns",
    "debriefs",
    "interviews",
    "recordings",
    "own_questions",
    "questions",  # an interviewer's question kept with its answers, gone with them
    "favourites",
    "interview_people",
    "options",
    "goals",
    "mock_sessions",
)


def remember_deleted(conn: sa.Connection, owner: str, table: sa.Table, which: sa.ColumnElement[bool]) -> None:
    """Record the uids of `owner`'s rows of `table` that `which` selects, before they are deleted
    in the same transaction (nothing for a table not REMEMBERED)."""
    if table.name not in REMEMBERED or not sa.inspect(conn).has_table(deletions.name):
        return  # before migration 0014 (a migration's own step writing there)
    uids = conn.execute(sa.select(table.c.uid).where(which, table.c.owner == owner)).scalars().all()
    if not uids:
        return
    known = set(
        conn.execute(
            sa.select(deletions.c.row_uid).where(
                deletions.c.owner == owner,
                deletions.c.table_name == table.name,
                deletions.c.row_uid.in_(uids),
            )
        ).scalars()
    )
    now = datetime.now(UTC)
    fresh = [uid for uid in dict.fromkeys(uids) if uid not in known]
    if fresh:
        conn.execute(
            deletions.insert(),
            [{"owner": owner, "table_name": table.name, "row_uid": uid, "deleted_at": now} for uid in fresh],
        )


def deleted_uids(conn: sa.Connection, owner: str) -> dict[str, set[str]]:
    """The uids `owner` deleted here, table by table."""
    found: dict[str, set[str]] = {}
    rows = conn.execute(
        sa.select(deletions.c.table_name, deletions.c.row_uid).where(deletions.c.owner == owner)
    )
    for table_name, uid in rows:
        found.setdefault(table_name, set()).add(uid)
    return found
