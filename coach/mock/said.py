"""How Progress and the pages say the way a mock interview ended and what was skipped: a light
module (coach.mock.report loads numpy through the analysis it reports on), so a page that reads a
series of mock interviews, and the first page through coach.ui.summary, need not load it."""

from __future__ import annotations

from coach.analysis.wording import count


def skipped_words(questions: int, follow_ups: int = 0) -> str:
    """'1 question skipped', '2 questions and 1 follow-up skipped', '' for none: how the report and
    Progress say what was asked and moved on from without an answer."""
    parts = [count(n, word) for n, word in ((questions, "question"), (follow_ups, "follow-up")) if n]
    return f"{' and '.join(parts)} skipped" if parts else ""


def ended_before_the_last_follow_up(summary: dict) -> bool:
    """Whether the interview was ended with every question answered and only the last question's
    follow-up waiting (`ended_early` is true of it too). A report stored before it counted the
    questions left is read as ended before a question, as it said."""
    return bool(summary.get("ended_early")) and summary.get("questions_not_answered", 1) == 0


def ended_words(mock: dict) -> str:
    """'ended early', 'ended before answering the last follow-up' (as the report says it), '' for one
    run to its end: how Progress says a mock interview of its series (`coach.progress.mock_series`)
    ended. It said "ended early" of one whose every question was answered."""
    if mock.get("ended_before_the_last_follow_up"):
        return "ended before answering the last follow-up"
    return "ended early" if mock.get("ended_early") else ""
