"""A person's own settings in a cohort (migration 0010): their role, one row per owner.

settings.toml is the whole cohort's in multi-user mode, so what each person chooses for themself
is kept here under their owner, exported, imported and deleted with the rest of their rows.
`coach.roles` decides whether it or settings.toml is read.
"""

from __future__ import annotations

import sqlalchemy as sa

from coach.store.db import Store
from coach.store.rows import TypedFields, mine, new_uid, utc_now
from coach.store.schema import person_settings

ROLE_TYPED = TypedFields(person_settings, "person", ("role",))
TYPED_FIELDS = (ROLE_TYPED,)


def get_role(store: Store) -> str | None:
    """The role the store's owner chose, or None when they have not chosen one."""
    with store.read() as conn:
        query = sa.select(person_settings.c.role).where(mine(store, person_settings))
        return conn.execute(query).scalar()


def set_role(store: Store, role: str) -> None:
    """Keep the owner's role (a role as the banks name it: coach.roles checks it first)."""
    ROLE_TYPED.check({"role": role})
    with store.write() as conn:
        changed = conn.execute(
            person_settings.update().where(mine(store, person_settings)).values(role=role)
        ).rowcount
        if not changed:
            conn.execute(
                person_settings.insert().values(
                    uid=new_uid(), owner=store.owner, role=role, created_at=utc_now()
                )
            )
