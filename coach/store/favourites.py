"""Favourite questions: the ids the user starred, oldest star first."""

from __future__ import annotations

import sqlalchemy as sa

from coach.store.db import Store
from coach.store.rows import mine, new_uid, utc_now
from coach.store.schema import favourites


def list_favourites(store: Store) -> list[str]:
    with store.read() as conn:
        query = sa.select(favourites.c.question_id).where(mine(store, favourites)).order_by(favourites.c.id)
        return list(conn.execute(query).scalars())


def add_favourites(conn: sa.Connection, question_ids: list[str], owner: str = "") -> list[str]:
    """Star the ids `owner` has not starred yet, after the ones already here (inside the caller's
    transaction). Returns the ids added."""
    known = set(
        conn.execute(sa.select(favourites.c.question_id).where(favourites.c.owner == owner)).scalars()
    )
    added = [i for i in dict.fromkeys(str(q) for q in question_ids) if i not in known]
    for question_id in added:
        conn.execute(
            favourites.insert().values(
                uid=new_uid(), owner=owner, question_id=question_id, created_at=utc_now()
            )
        )
    return added


def set_favourite(store: Store, question_id: str, favourite: bool) -> list[str]:
    """Star (as the newest) or unstar a question; returns the stars."""
    with store.write() as conn:
        conn.execute(
            favourites.delete().where(favourites.c.question_id == question_id, mine(store, favourites))
        )
        if favourite:
            add_favourites(conn, [question_id], store.owner)
    return list_favourites(store)
