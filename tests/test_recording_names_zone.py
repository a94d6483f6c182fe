"""In a cohort, a recording's file name (recordings/practice/2026-12/20261203-081500-….wav) was the
server's clock: a Tokyo student's 08:00 take was filed under yesterday. It is now the person's clock,
as a page names it from their browser's zone (coach.local_time), and takes named the old way are
still found."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from store_support import record

from coach import local_time
from coach.config import load_settings
from coach.store import open_store
from coach.store.recordings import interrupted_takes


@pytest.fixture(name="server_on_utc")
def server_on_utc_fixture():
    """The server's clock on UTC, as a cohort's server often is; restored after."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
    local_time.use_zone(None)


def _a_zone_on_another_day() -> ZoneInfo:
    """A zone whose date differs from UTC's right now: UTC+14 from 10:00 UTC, else UTC-11."""
    return ZoneInfo("Pacific/Kiritimati" if datetime.now(UTC).hour >= 10 else "Pacific/Pago_Pago")


def test_a_take_is_named_on_the_persons_day_and_old_names_are_still_found(tmp_path, server_on_utc):
    settings = load_settings(tmp_path)
    old_style = record(settings, 300.0)  # named on the server's clock, as before
    person = _a_zone_on_another_day()
    local_time.use_zone(person)  # what a page does with the browser's zone
    take = record(settings, 500.0)

    theirs, servers = datetime.now(person), datetime.now(UTC)
    assert theirs.date() != servers.date()  # the two clocks are on different days
    assert take.path.name.startswith(f"{theirs:%Y%m%d}-"), take.path.name
    assert take.path.parent.name == f"{theirs:%Y-%m}"
    assert old_style.path.name.startswith(f"{servers:%Y%m%d}-"), old_style.path.name

    store = open_store(settings)
    try:  # both takes, kept but never analysed, are offered to analyse now
        assert set(interrupted_takes(store, within_s=3600)) == {take.path, old_style.path}
    finally:
        store.close()


def test_a_mock_interviews_spoken_questions_are_filed_on_the_persons_day(settings, zone):
    """A mock interview's folder of spoken questions (mock/20261203-081500-…) was named on the
    server's clock while the same person's takes were named on theirs."""
    from coach.mock.session import MockSession, plan_for

    zone("UTC")  # the server's clock
    person = _a_zone_on_another_day()
    local_time.use_zone(person)  # what a page does with the browser's zone
    db = open_store(settings)
    try:
        mock = MockSession(settings, plan_for(db, settings, n=1))
        mock.finish(db)  # ended before any answer: stores nothing, stops its voice's thread
    finally:
        db.close()
        local_time.use_zone(None)
    theirs, servers = datetime.now(person), datetime.now(UTC)
    assert theirs.date() != servers.date()
    assert mock.folder.name.startswith(f"{theirs:%Y%m%d}-"), mock.folder.name
    assert [turn.audio.parent for turn in mock.turns] == [mock.folder]  # the first question is spoken into it


def test_a_take_kept_in_an_earlier_months_folder_is_still_offered(tmp_path, server_on_utc):
    """Takes are filed by month (recordings/practice/2026-11/…) and only the folders a recent take
    can be in are read: one saved just before a month ended is offered after it began."""
    settings = load_settings(tmp_path)
    take = record(settings, 300.0).path
    now = time.time()
    within_s = (datetime.now(UTC).day + 1) * 86400.0  # reaches back into last month
    saved_at = now - within_s + 600
    last_month = tmp_path / "recordings" / "practice" / time.strftime("%Y-%m", time.gmtime(saved_at))
    last_month.mkdir(parents=True, exist_ok=True)
    moved = take.rename(last_month / take.name)
    os.utime(moved, (saved_at, saved_at))
    store = open_store(settings)
    try:
        assert interrupted_takes(store, within_s=within_s) == [moved]
        assert interrupted_takes(store, within_s=3600) == []  # older than asked: not offered
    finally:
        store.close()
