"""Stored moments on the user's clock: the database keeps UTC, a person lives in local days.

Every page and decision that dates an answer by its day (history, the interview log, which
questions were practised lately) goes through these, so a take at 00:30 in Paris is on the same
day wherever the coach names or counts it.

Whose clock: this machine's, unless a page names the person's for its run (`use_zone`, which
coach.ui.browser_clock calls with the browser's zone). On a server shared by a cohort the
machine's zone is nobody's in particular: a student in Tokyo answering at 08:00 is on today's
date, not yesterday's in the server's New York. The zone is a context variable, so each Streamlit
session's script thread has its own and one person's zone never reaches another's page; the CLI
never sets it.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date, datetime, tzinfo

# None: this machine's zone (what datetime.astimezone() and date.today() use).
_users_zone: ContextVar[tzinfo | None] = ContextVar("coach_users_zone", default=None)


def use_zone(zone: tzinfo | None) -> None:
    """Read "today" and stored moments on `zone` from here on in this thread's context (a page's
    run); None goes back to this machine's clock."""
    _users_zone.set(zone)


def zone() -> tzinfo | None:
    """The zone `use_zone` named for this run, or None for this machine's."""
    return _users_zone.get()


def today() -> date:
    """The user's today: the date on their clock, which on a shared server may not be the server's."""
    zone = _users_zone.get()
    return datetime.now(zone).date() if zone is not None else date.today()


def local_moment(stamp: str) -> datetime:
    """A stored moment ('2026-03-10T02:30:00+00:00') on the user's clock; one without a zone
    is taken as already on it."""
    moment = datetime.fromisoformat(str(stamp))
    return moment.astimezone(_users_zone.get()) if moment.tzinfo is not None else moment


def local_day(stamp: str) -> str:
    """The day of a stored moment on the user's clock, as the pages date it ('2026-03-09' in
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


def short_date(iso_date: str, today: date) -> str:
    """'Fri 4 Dec' this year, 'Fri 4 Dec 2025' another year: a date read at a glance."""
    day = date.fromisoformat(iso_date)
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def long_date(day: date | str) -> str:
    """'Mon 9 Mar 2026': a date in a sentence or heading, the same way on every page and report
    (not 2026-03-09)."""
    day = day if isinstance(day, date) else date.fromisoformat(str(day)[:10])
    return f"{day:%a} {day.day} {day:%b %Y}"
