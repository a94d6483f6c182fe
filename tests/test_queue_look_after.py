"""The worker's queue watcher while its database is away: one line in the log, not a traceback
every round."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

import pytest
from pg_server import allow_connections, get_server, skip_reason

from coach.config import load_settings


def test_the_queue_watcher_says_a_lost_database_once_and_its_return(tmp_path, caplog):
    """`coach worker` wrote "could not look after the queue" and a forty-line traceback every 5 s
    for as long as PostgreSQL was away; now one line when it goes and one when it is back."""
    if skip_reason():
        pytest.skip(skip_reason())
    from coach import queue

    url = get_server().new_database_url()
    settings = replace(load_settings(data_dir=tmp_path), database_url=url, queue=True)
    queue.ensure_schema(settings)
    app = queue.make_app(queue.conninfo(settings), timeout=1.0)

    def said() -> list[logging.LogRecord]:
        return [r for r in caplog.records if r.name == "coach.queue"]

    async def a_database_away_for_a_while() -> None:
        async with app.open_async():
            watcher = asyncio.create_task(queue._look_after_queue(app, 30.0, 0.2))
            await asyncio.sleep(0.6)  # rounds with the database there
            allow_connections(url, False, drop=True)
            await asyncio.sleep(4.0)  # several rounds without it (each waits 1 s for a connection)
            allow_connections(url, True)
            # the pool reconnects with a growing back-off (1 s, 2 s, 4 s… with jitter), so on a busy
            # machine its return can take several seconds: wait for it, up to half a minute
            for _ in range(300):
                if any(r.levelno == logging.INFO for r in said()):
                    break
                await asyncio.sleep(0.1)
            await asyncio.sleep(1.0)  # a few more rounds with it back: still one line
            watcher.cancel()

    with caplog.at_level(logging.INFO, logger="coach.queue"):
        asyncio.run(a_database_away_for_a_while())
    failed = [r for r in said() if r.levelno >= logging.WARNING]
    assert len(failed) == 1, [r.getMessage() for r in failed]
    assert failed[0].exc_info is None  # no traceback
    assert failed[0].getMessage().startswith("could not look after the queue ("), failed[0].getMessage()
    assert failed[0].getMessage().endswith("); trying again")
    assert "\n" not in failed[0].getMessage()
    assert [r.getMessage() for r in said() if r.levelno == logging.INFO] == ["looking after the queue again"]
