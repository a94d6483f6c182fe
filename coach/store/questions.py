"""Question records for history: a question asked in a real interview with no bank match is kept
with its turn here ("asked-…"). The questions practice offers are the banks' TOML files and your
own questions (`own_questions.py`)."""

from __future__ import annotations

import sqlalchemy as sa

from coach.errors import InputError
from coach.store.db import Store
from coach.store.rows import TypedFields, delete_row, mine, new_uid, plain, utc_now
from coach.store.schema import questions

SOURCES = ("bank", "user", "interview")
_PREFIX = {"bank": "bank-", "user": "user-", "interview": "asked-"}
QUESTION_TYPED = TypedFields(questions, "question", ("question_id", "text", "category"))
TYPED_FIELDS = (QUESTION_TYPED,)


def add_question(
    store: Store,
    text: str,
    *,
    category: str = "",
    competencies: list[str] | tuple = (),
    source: str = "user",
    question_id: str | None = None,
    conn: sa.Connection | None = None,
) -> str:
    """Save a question and return its id (given, or "user-…" / "asked-…"). Idempotent by id."""
    text = (text or "").strip()
    if not text:
        raise InputError("A question needs its text; type the question as it was asked.")
    if source not in SOURCES:
        raise InputError(f"A question's source is one of {', '.join(SOURCES)}, not {source!r}.")
    uid = new_uid()
    question_id = question_id or _PREFIX[source] + uid[:8]
    values = dict(
        uid=uid,
        owner=store.owner,
        question_id=question_id,
        text=text,
        category=category or "",
        competencies=list(competencies),
        source=source,
        created_at=utc_now(),
    )
    QUESTION_TYPED.check(values)
    if conn is not None:
        _insert_if_new(conn, values)
    else:
        with store.write() as conn:
            _insert_if_new(conn, values)
    return question_id


def _insert_if_new(conn: sa.Connection, values: dict) -> None:
    exists = conn.execute(
        sa.select(questions.c.id).where(
            questions.c.question_id == values["question_id"], questions.c.owner == values["owner"]
        )
    )
    if exists.first() is None:
        conn.execute(questions.insert().values(**values))


def list_questions(store: Store, *, source: str | None = None) -> list[dict]:
    query = (
        sa.select(questions).where(mine(store, questions)).order_by(questions.c.created_at, questions.c.id)
    )
    if source:
        query = query.where(questions.c.source == source)
    with store.read() as conn:
        return [plain(row) for row in conn.execute(query)]


def get_question(store: Store, question_id: str) -> dict | None:
    with store.read() as conn:
        row = conn.execute(
            sa.select(questions).where(questions.c.question_id == question_id, mine(store, questions))
        ).first()
    return plain(row) if row else None


def delete_question(store: Store, row_id: int) -> None:
    delete_row(store, questions, row_id, "question")
