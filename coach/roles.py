"""This person's role: the one answer Practice, Progress and the mock interview (page and command)
pick questions by.

The single user's role is in settings.toml, as the Settings page and `coach settings --role` save
it. In a cohort settings.toml is everyone's and only its host changes it, so each person's role is
their own row in the database (coach.store.person_settings); until they choose one, the role the
host put in settings.toml ("any" when it names none). A row is a choice, "any" included: someone
who chose "Any role" keeps it whatever the host's default.
"""

from __future__ import annotations

from dataclasses import replace

from coach import banks
from coach.config import Settings, save_settings
from coach.store import Store
from coach.store.person_settings import get_role, set_role


def your_role(settings: Settings, store: Store | None) -> str:
    """The role this person chose, as the banks name it; in a cohort, the host's default
    (`cohort_default_role`) when they have chosen none. `store` is read only in a cohort (the single
    user's needs none)."""
    return your_role_and_whose(settings, store)[0]


def your_role_and_whose(settings: Settings, store: Store | None) -> tuple[str, bool]:
    """`your_role` and `role_is_the_cohorts_default` from one read of the store, for a page that
    picks by the role and says whose it is on every rerun."""
    if not settings.multi_user:
        return settings.role, False
    chosen = get_role(store) if store is not None else None
    if chosen is None:
        default = cohort_default_role(settings)
        return default, store is not None and default != "any"
    return (chosen if chosen in banks.ROLES else "any"), False


def cohort_default_role(settings: Settings) -> str:
    """The role the cohort's settings.toml names: everyone's until they choose their own."""
    return settings.role if settings.role in banks.ROLES else "any"


def role_is_the_cohorts_default(settings: Settings, store: Store | None) -> bool:
    """Whether this person of a cohort has chosen no role and so follows the one the host set (not
    "any"): the pages then say whose role it is and that they can choose their own."""
    return your_role_and_whose(settings, store)[1]


def save_your_role(settings: Settings, store: Store | None, role: str) -> str:
    """Keep this person's role ("pm" read as "product"; an unknown role is one sentence naming the
    choices) where `your_role` reads it; returns it as kept. In a cohort only their own row
    changes, never the cohort's settings.toml."""
    role = banks.normalise_role(role)
    if settings.multi_user:
        if store is None:
            raise ValueError("a cohort keeps each person's role in the database: pass their store")
        set_role(store, role)
    else:
        save_settings(replace(settings, role=role))
    return role
