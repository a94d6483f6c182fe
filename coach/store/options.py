"""Options kept in view while interviewing: offers and alternatives, including the BATNA."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa

from coach.errors import InputError
from coach.store.changes import field_times
from coach.store.db import Store
from coach.store.rows import (
    TypedFields,
    delete_row,
    get_row,
    insert_row,
    mine,
    new_uid,
    parse_date,
    plain,
    update_row,
    utc_now,
)
from coach.store.schema import interviews, options

KINDS = ("offer", "alternative", "batna")
# Where an option stands, as the Interviews page's select box and `coach edit-option --status` offer it.
STATUSES = ("open", "accepted", "declined", "expired")
# What the Interviews page and `coach` call each kind: the short name before " (" in lists, the
# whole label where one is chosen.
KIND_LABELS = {"offer": "offer", "alternative": "alternative", "batna": "BATNA (what you do if nothing else)"}
OPTION_TYPED = TypedFields(options, "option", ("company", "title", "compensation", "details", "status"))
TYPED_FIELDS = (OPTION_TYPED,)
EDITABLE = (
    *("kind", "company", "title", "compensation", "details", "deadline", "status", "interview_id"),
    "interest",
)
# How interested you are in an option, as a debrief's interest (playbook.toml's "interest" field).
INTEREST_RANGE = (1, 5)


def check_interest(interest: object) -> int | None:
    """An option's or a debrief's interest as kept: a whole number from 1 to 5, or None for none
    given; refused in the sentence a debrief's interest out of range is (playbook.check_debrief)."""
    low, high = INTEREST_RANGE
    if interest is None:
        return None
    if isinstance(interest, bool) or not isinstance(interest, int) or not low <= interest <= high:
        raise InputError(f"Interest must be a whole number from {low} to {high}, not {interest!r}.")
    return interest


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InputError(f"An option is one of {', '.join(KINDS)}, not {kind!r}.")
    return kind


def add_option(
    store: Store,
    *,
    kind: str,
    company: str = "",
    title: str = "",
    compensation: str = "",
    details: str = "",
    deadline: date | str | None = None,
    status: str = "open",
    interview_id: int | None = None,
    interest: int | None = None,
) -> int:
    typed = dict(company=company, title=title, compensation=compensation, details=details, status=status)
    OPTION_TYPED.check(typed)
    if interview_id is not None:
        get_row(store, interviews, interview_id, "interview")
    with store.write() as conn:
        return insert_row(
            conn,
            options,
            dict(
                uid=new_uid(),
                owner=store.owner,
                kind=_check_kind(kind),
                deadline=parse_date(deadline, "deadline"),
                **typed,
                interview_id=interview_id,
                interest=check_interest(interest),
                created_at=utc_now(),
            ),
        )


def update_option(store: Store, option_id: int, **values) -> dict:
    if "kind" in values:
        _check_kind(values["kind"])
    if "deadline" in values:
        values["deadline"] = parse_date(values["deadline"], "deadline")
    if "interest" in values:
        check_interest(values["interest"])
    if values.get("interview_id") is not None:
        get_row(store, interviews, values["interview_id"], "interview")
    return update_row(store, OPTION_TYPED, option_id, values, EDITABLE)


def delete_option(store: Store, option_id: int) -> None:
    delete_row(store, options, option_id, "option")


def option_status_changed(store: Store) -> dict[int, datetime]:
    """When each option's status was last changed (accepted, declined...), in UTC, by option id;
    an option whose status is as written is absent (its field's time, migration 0020: the day an
    offer was accepted is said where its deadline was, and was kept nowhere else)."""
    with store.read() as conn:
        times = field_times(conn, store.owner, options)
        ids = dict(conn.execute(sa.select(options.c.uid, options.c.id).where(mine(store, options))).all())
    changed = {uid: fields["status"].changed_at for uid, fields in times.items() if "status" in fields}
    return {ids[uid]: when for uid, when in changed.items() if uid in ids}


def list_options(store: Store, *, status: str | None = None) -> list[dict]:
    query = sa.select(options).where(mine(store, options)).order_by(options.c.created_at, options.c.id)
    if status:
        query = query.where(options.c.status == status)
    with store.read() as conn:
        return [plain(row) for row in conn.execute(query)]
