"""The person's clock on a page: their browser's time zone, not the server's.

In a cohort one server serves people in many zones; its own zone would date a Tokyo student's
08:00 answer yesterday. Every page asks `today()` here instead of `date.today()`, which also puts
the page's run on that zone, so the stored moments it shows (coach.local_time) read the same way.
"""

from __future__ import annotations

from datetime import date, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from coach import local_time


def browser_zone() -> tzinfo | None:
    """The zone the browser names (an IANA name such as 'Asia/Tokyo'), or None when it names none
    (a test harness, a client that omits it) or one this machine does not know: the server's
    clock is then used, as before."""
    name = st.context.timezone
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # unknown, malformed, or a folder's name
        return None


def follow_browser() -> None:
    """Put what runs from here on (this page's run, or a button's callback, which runs before the
    page has asked for today) on the person's clock."""
    local_time.use_zone(browser_zone())


def today() -> date:
    """The person's today, with this run of the page put on their clock (call it first)."""
    follow_browser()
    return local_time.today()
