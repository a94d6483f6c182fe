"""The answer just given, offered again on a fresh visit to Practice: a reload while reading its
feedback lost it, and only Progress's table of figures was left. Light on purpose: the first page
loads it before any model or audio library."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from coach.progress import in_mock_interview

# How long after it was saved the answer is offered again.
REOPEN_WITHIN = timedelta(hours=2)


def answer_to_reopen(attempts: Sequence[dict], now: datetime) -> dict | None:
    """The latest practice answer, when it was measured and saved within REOPEN_WITHIN of `now`,
    else None. `attempts` oldest first, as store.list_attempts gives them; an answer of a mock
    interview is left to its report."""
    if not attempts:
        return None
    last = attempts[-1]
    if in_mock_interview(last) or last.get("score_overall") is None:
        return None
    saved = datetime.fromisoformat(str(last["created_at"]))
    saved = saved if saved.tzinfo else saved.replace(tzinfo=UTC)
    return last if timedelta(0) <= now - saved < REOPEN_WITHIN else None
