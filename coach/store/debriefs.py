"""Debriefs: the honest notes after a real interview (went well, could be better, skill gaps)."""

from __future__ import annotations

import sqlalchemy as sa

from coach.store.db import Store
from coach.store.options import check_interest
from coach.store.rows import (
    TypedFields,
    delete_row,
    get_row,
    insert_row,
    mine,
    new_uid,
    plain,
    update_row,
    utc_now,
)
from coach.store.schema import debriefs, interviews

# The heading of the questions they asked, listed at the end of a debrief's notes (coach.debrief).
QUESTIONS_HEADING = "Questions they asked:"
# asked besides, each optional (migration 0018): red flags noticed, pay or benefits mentioned, and
# how this opportunity compares with the others going
MORE_QUESTIONS = ("red_flags", "pay_mentioned", "compared_with_others")
DEBRIEF_TYPED = TypedFields(
    debriefs,
    "debrief",
    ("went_well", "could_be_better", "skill_gaps", "time_commitment", "notes", *MORE_QUESTIONS),
)
TYPED_FIELDS = (DEBRIEF_TYPED,)
EDITABLE = (
    *("went_well", "could_be_better", "skill_gaps", "interest", "proceed", "time_commitment", "notes"),
    *MORE_QUESTIONS,
)


def add_debrief(
    store: Store,
    interview_id: int,
    *,
    went_well: str = "",
    could_be_better: str = "",
    skill_gaps: str = "",
    interest: int | None = None,
    proceed: bool | None = None,
    time_commitment: str = "",
    notes: str = "",
    red_flags: str = "",
    pay_mentioned: str = "",
    compared_with_others: str = "",
) -> int:
    typed = dict(
        went_well=went_well,
        could_be_better=could_be_better,
        skill_gaps=skill_gaps,
        time_commitment=time_commitment,
        notes=notes,
    )
    more = dict(red_flags=red_flags, pay_mentioned=pay_mentioned, compared_with_others=compared_with_others)
    typed, more = DEBRIEF_TYPED.cleaned(typed), DEBRIEF_TYPED.cleaned(more)
    DEBRIEF_TYPED.check({**typed, **more})
    # one left blank is not written: the column's default is the same "", and a database still
    # being migrated (a test of an older schema) has no such column yet
    typed.update({name: text for name, text in more.items() if text})
    get_row(store, interviews, interview_id, "interview")
    with store.write() as conn:
        return insert_row(
            conn,
            debriefs,
            dict(
                uid=new_uid(),
                owner=store.owner,
                interview_id=interview_id,
                created_at=utc_now(),
                interest=check_interest(interest),
                proceed=proceed,
                **typed,
            ),
        )


def update_debrief(store: Store, debrief_id: int, **values) -> dict:
    if "interest" in values:
        check_interest(values["interest"])
    return update_row(store, DEBRIEF_TYPED, debrief_id, values, EDITABLE)


def delete_debrief(store: Store, debrief_id: int) -> None:
    delete_row(store, debriefs, debrief_id, "debrief")


def list_debriefs(store: Store, *, interview_id: int | None = None) -> list[dict]:
    """Debriefs oldest first, each with its interview's company, stage and date."""
    query = (
        sa.select(debriefs, interviews.c.company, interviews.c.stage, interviews.c.interview_date)
        .select_from(debriefs.join(interviews))
        .where(mine(store, debriefs), mine(store, interviews))
        .order_by(interviews.c.interview_date, debriefs.c.created_at)
    )
    if interview_id is not None:
        query = query.where(debriefs.c.interview_id == interview_id)
    with store.read() as conn:
        return [plain(row) for row in conn.execute(query)]
