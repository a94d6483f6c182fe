"""Stored moments on the user's clock: the database keeps UTC, a person lives in local days.

Every page and decision that dates an answer by its day (history, the interview log, which
questions were practised lately) goes through these, so a take at 00:30 in Paris is on the same
day wherever the coach names or counts it.
"""

from __future__ import annotations

from datetime import date, datetime


def local_moment(stamp: str) -> datetime:
    """A stored moment ('2026-03-10T02:30:00+00:00') on this machine's clock; one without a zone
    is taken as already on it."""
    moment = datetime.fromisoformat(str(stamp))
    return moment.astimezone() if moment.tzinfo is not None else moment


def local_day(stamp: str) -> str:
    """The day of a stored moment on this machine's clock, as the pages date it ('2026-03-09' in
    New York for '2026-03-10T02:30:00+00:00'): the evening before an interview is before its day."""
    return local_moment(stamp).date().isoformat()


def in_lived_order(stamp: str) -> tuple[str, int, str]:
    """A sort key putting stored moments in the order the user lived them. A real interview is
    stored by its day alone ('2026-11-30'), which as a moment is midnight, before that morning's
    practice; it sorts instead after every practice answer of its day on the user's clock
    (practice on an interview day is usually the warm-up before it) and before the next day's."""
    text = str(stamp or "")
    if "T" not in text and " " not in text:
        return (text[:10], 1, "")
    return (local_day(text), 0, text)


def long_date(day: date | str) -> str:
    """'Mon 9 Mar 2026': a date in a sentence or heading, the same way on every page and report
    (not 2026-03-09)."""
    day = day if isinstance(day, date) else date.fromisoformat(str(day)[:10])
    return f"{day:%a} {day.day} {day:%b %Y}"
