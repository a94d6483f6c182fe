"""Stored moments on the user's clock: the database keeps UTC, a person lives in local days.

Every page and decision that dates an answer by its day (history, the interview log, which
questions were practised lately) goes through these, so a take at 00:30 in Paris is on the same
day wherever the coach names or counts it.
"""

from __future__ import annotations

from datetime import datetime


def local_moment(stamp: str) -> datetime:
    """A stored moment ('2026-03-10T02:30:00+00:00') on this machine's clock; one without a zone
    is taken as already on it."""
    moment = datetime.fromisoformat(str(stamp))
    return moment.astimezone() if moment.tzinfo is not None else moment


def local_day(stamp: str) -> str:
    """The day of a stored moment on this machine's clock, as the pages date it ('2026-03-09' in
    New York for '2026-03-10T02:30:00+00:00'): the evening before an interview is before its day."""
    return local_moment(stamp).date().isoformat()
