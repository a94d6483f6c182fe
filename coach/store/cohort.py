"""The cohort's answers in aggregate, for its staff: the one read across owners.

Every other store function sees one owner's rows. This one counts everyone's answers, and hands
back only numbers per week (how many answers, how many people, average score, filler rate and
pace): no identity, no transcript, no recording, no company or person met ever leaves it.
`coach.progress.cohort_report` lets staff only call it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta, tzinfo

import sqlalchemy as sa

from coach.store.db import Store
from coach.store.rows import as_utc
from coach.store.schema import attempts, interview_recordings, turns

# The measures averaged per week (their columns in attempts and turns).
AVERAGED = ("score_overall", "fillers_per_100_words", "wpm")


def cohort_answers(store: Store, zone: tzinfo | None = None, staff: Collection[str] = ()) -> list[dict]:
    """Each answer of the cohort (practice and real interviews, owners with an identity only) as
    its week and numbers, with an anonymous person number for counting people; nothing else. The
    week is the reader's, on `zone` (None: this machine's), not UTC's. The answers of `staff` (the
    career office's own accounts, trying the coach out) are not the cohort's: they were counted
    among its people and in its averages."""
    staff = {who.lower() for who in staff}
    numbers = [getattr(attempts.c, name) for name in AVERAGED]
    turn_numbers = [getattr(turns.c, name) for name in AVERAGED]
    with store.read() as conn:
        practice = conn.execute(
            sa.select(attempts.c.owner, attempts.c.created_at, *numbers).where(attempts.c.owner != "")
        ).all()
        real = conn.execute(
            sa.select(
                turns.c.owner,
                interview_recordings.c.created_at,
                *turn_numbers,
                turns.c.question_id,
                turns.c.question_text,
            )
            .select_from(turns.join(interview_recordings))
            .where(turns.c.owner != "")
        ).all()
    person: dict[str, int] = {}
    answers = []
    for row, in_real in [*((row, False) for row in practice), *((row, True) for row in real)]:
        if row[0].lower() in staff:
            continue
        when = as_utc(row[1])
        answers.append(
            {
                "person": person.setdefault(row[0], len(person)),
                "week": week_of(when.astimezone(zone)),
                "real": in_real,  # an answer in a real interview reviewed, not a practice answer
                # a review in which no question was found keeps the whole recording as one "answer"
                # (the interviewer's words too, or a monologue): it is no answer to count or average
                "question_found": not in_real or bool(row.question_id or (row.question_text or "").strip()),
                **{name: row[2 + i] for i, name in enumerate(AVERAGED)},
            }
        )
    return answers


def week_of(moment: datetime | date) -> date:
    """The Monday that starts the week of a moment (on the clock it is given on)."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())
