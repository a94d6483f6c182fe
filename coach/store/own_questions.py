"""Your own questions: typed on the Questions page, or heard in a real interview.

Each row is a complete bank entry (the fields of a `[[question]]` in a bank file), so practice,
recommendations and history treat it exactly like a shipped question. Whether an entry's
category, competencies and roles are known words is the banks' rule (`coach.banks`), checked
there before anything reaches these functions.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from coach.errors import InputError
from coach.store.db import Store
from coach.store.deletions import remember_deleted
from coach.store.rows import (
    TypedFields,
    as_utc,
    mine,
    new_uid,
    refuse_unknown_fields,
    utc_now,
    write_changes,
)
from coach.store.schema import attempts, favourites, own_questions, turns
from coach.types import QUESTION_FIELDS

# A bank entry's fields besides its id, as stored.
ENTRY_FIELDS = (*QUESTION_FIELDS, "source")
EDITABLE = tuple(name for name in ENTRY_FIELDS if name != "source")
OWN_QUESTION_TYPED = TypedFields(own_questions, "question", ("question_id", *ENTRY_FIELDS))
TYPED_FIELDS = (OWN_QUESTION_TYPED,)


def entry_values(entry: dict) -> dict:
    """A bank entry ({"id": ..., "text": ..., ...}) as the column values of its row."""
    values = {name: entry[name] for name in ENTRY_FIELDS}
    for name in ("competencies", "roles", "talking_points", "follow_ups"):
        values[name] = list(values[name])
    return {"question_id": entry["id"], **values}


def insert_own_question(conn: sa.Connection, entry: dict, owner: str = "") -> bool:
    """Insert an entry unless `owner` has its id already (inside the caller's transaction)."""
    found = conn.execute(
        sa.select(own_questions.c.id).where(
            own_questions.c.question_id == entry["id"], own_questions.c.owner == owner
        )
    ).first()
    if found is not None:
        return False
    conn.execute(
        own_questions.insert().values(uid=new_uid(), owner=owner, created_at=utc_now(), **entry_values(entry))
    )
    return True


def add_own_question(store: Store, entry: dict) -> None:
    """Keep a checked bank entry; its id must be new (the caller picks a free one)."""
    OWN_QUESTION_TYPED.check(entry_values(entry))
    with store.write() as conn:
        if not insert_own_question(conn, entry, store.owner):
            raise InputError(f"You already have a question with id {entry['id']!r}; give it a new id.")


def list_own_questions(store: Store) -> list[dict]:
    """Every own question as a bank entry, in the order they were added."""
    with store.read() as conn:
        rows = conn.execute(
            sa.select(own_questions).where(mine(store, own_questions)).order_by(own_questions.c.id)
        ).all()
    return [{"id": row.question_id, **{name: getattr(row, name) for name in ENTRY_FIELDS}} for row in rows]


def own_questions_added_at(store: Store) -> dict[str, datetime]:
    """When each own question joined the bank (UTC), by id: one kept before a debrief was written
    is none that debrief added (coach.debrief takes back only what a debrief added)."""
    with store.read() as conn:
        rows = conn.execute(
            sa.select(own_questions.c.question_id, own_questions.c.created_at).where(
                mine(store, own_questions)
            )
        ).all()
    return {question_id: as_utc(added) for question_id, added in rows}


def edit_own_question(store: Store, question_id: str, **changes) -> None:
    """Change an own question's fields (checked by the caller); its id and history stay."""
    refuse_unknown_fields(OWN_QUESTION_TYPED.what, changes, EDITABLE)
    for name in ("competencies", "roles", "talking_points", "follow_ups"):
        if name in changes:
            changes[name] = list(changes[name])
    OWN_QUESTION_TYPED.check(changes)
    this = sa.and_(own_questions.c.question_id == question_id, mine(store, own_questions))
    write_changes(store, own_questions, this, changes, _not_yours(question_id))


def _not_yours(question_id: str) -> InputError:
    return InputError(
        f"You have no question with id {question_id!r}; `coach questions` lists every question "
        "with its id, yours among them.",
        in_app="That question is not among yours any more; reload the page to see your list now.",
    )


def count_answers_to(store: Store, question_id: str) -> int:
    """How many of your practice attempts and real interview answers are filed under a question:
    what deleting it leaves behind or moves."""
    return count_answers_by_question(store, [question_id])[question_id]


def count_answers_by_question(store: Store, question_ids: list[str]) -> dict[str, int]:
    """`count_answers_to` for several questions in one query per table (the Questions page names
    the count beside each of your questions)."""
    totals = dict.fromkeys(question_ids, 0)
    if not question_ids:
        return totals
    with store.read() as conn:
        for table in (attempts, turns):
            rows = conn.execute(
                sa.select(table.c.question_id, sa.func.count())
                .where(table.c.question_id.in_(question_ids), mine(store, table))
                .group_by(table.c.question_id)
            )
            for question_id, n in rows:
                totals[question_id] += n
    return totals


def delete_own_question(
    store: Store, question_id: str, *, answers_to: str | None = None, answers_to_text: str = ""
) -> int:
    """Remove an own question and its star. Its practice attempts and interview answers keep the
    question's words, or with `answers_to` move to that question (a copy of a bank question,
    deleted, files its answers under the original). Returns how many answers moved."""
    with store.write() as conn:
        this, its_star = own_questions.c.question_id == question_id, favourites.c.question_id == question_id
        remember_deleted(conn, store.owner, own_questions, this)  # not back from an older backup
        remember_deleted(conn, store.owner, favourites, its_star)
        result = conn.execute(own_questions.delete().where(this, mine(store, own_questions)))
        if result.rowcount == 0:
            raise _not_yours(question_id)
        conn.execute(favourites.delete().where(its_star, mine(store, favourites)))
        if answers_to is None:
            return 0
        moved = 0
        for table in (attempts, turns):
            moved += conn.execute(
                table.update()
                .where(table.c.question_id == question_id, mine(store, table))
                .values(question_id=answers_to, question_text=answers_to_text)
            ).rowcount
        return moved


def question_ids_in_use(store: Store) -> set[str]:
    """Every question id the owner's rows still file something under: practice answers, real
    interview answers, favourites, mock interview turns, question records, own questions (each
    table with a `question_id` column, so a table added later is counted too)."""
    from coach.store.schema import metadata

    tables = [table for table in metadata.sorted_tables if "question_id" in table.c]
    with store.read() as conn:
        return {
            question_id
            for table in tables
            for question_id in conn.execute(
                sa.select(table.c.question_id).distinct().where(mine(store, table))
            ).scalars()
            if question_id
        }
