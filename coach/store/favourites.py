"""Favourite questions: the ids the user starred, oldest star first."""

from __future__ import annotations

import sqlalchemy as sa

from coach.store.db import Store
from coach.store.rows import new_uid, utc_now
from coach.store.schema import favourites


def list_favourites(store: Store) -> list[str]:
    with store.read() as conn:
        return list(conn.execute(sa.select(favourites.c.question_id).order_by(favourites.c.id)).scalars())


def add_favourites(conn: sa.Connection, question_ids: list[str]) -> list[str]:
    """Star the ids not starred yet, after the ones already here (inside the caller's
    transaction). Returns the ids added."""
    known = set(conn.execute(sa.select(favourites.c.question_id)).scalars())
    added = [i for i in dict.fromkeys(str(q) for q in question_ids) if i not in known]
    for question_id in added:
        conn.execute(favourites.insert().values(uid=new_uid(), question_id=question_id, created_at=utc_now()))
    return added


def set_favourite(store: Store, question_id: str, favourite: bool) -> list[str]:
    """Star (as the newest) or unstar a question; returns the stars."""
    with store.write() as conn:
        conn.execute(favourites.delete().where(favourites.c.question_id == question_id))
        if favourite:
            add_favourites(conn, [question_id])
    return list_favourites(store)
