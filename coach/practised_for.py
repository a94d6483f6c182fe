"""The practice done for one interview of the log: the answers given and the mock interviews held
while preparing for it (Practice's "Preparing for", Mock's "Prepare for an interview from your
log"), as the Interviews page, `coach interview N` and `coach prepare N` say it.

An answer given on Practice counts as an answer; a mock interview counts as one mock interview,
its answers inside it (they carry the interview too) not counted again as answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coach.analysis.wording import count
from coach.local_time import local_day
from coach.progress import in_mock_interview
from coach.store import list_attempts
from coach.store.mock_sessions import list_mock_sessions


@dataclass(frozen=True)
class MockHeld:
    """One mock interview prepared for the interview."""

    session_id: int
    day: date  # on the user's clock
    score_overall: float | None  # None when none of its answers could be measured


@dataclass(frozen=True)
class PractisedFor:
    """The practice prepared for one interview, oldest first."""

    answer_days: tuple[date, ...]  # the day of each answer given on Practice
    answer_scores: tuple[float | None, ...]  # each answer's overall score (None: not measured)
    mocks: tuple[MockHeld, ...]

    @property
    def answers(self) -> int:
        return len(self.answer_days)

    @property
    def any(self) -> bool:
        return bool(self.answer_days or self.mocks)

    @property
    def last_day(self) -> date | None:
        days = [*self.answer_days, *(m.day for m in self.mocks)]
        return max(days) if days else None

    def measured(self) -> PractisedFor:
        """Only the practice that could be measured: a take refused before any score (silence, a
        recording that answered another question) is kept and said, "1 answer (today, not
        measured)", but rehearsed nothing."""
        answers = [(d, s) for d, s in zip(self.answer_days, self.answer_scores, strict=True) if s is not None]
        return PractisedFor(
            tuple(d for d, _ in answers),
            tuple(s for _, s in answers),
            tuple(m for m in self.mocks if m.score_overall is not None),
        )

    @property
    def mean_score(self) -> float | None:
        """The mean overall score of the answers measured (an answer too short to score is left
        out, as from every average)."""
        measured = [s for s in self.answer_scores if s is not None]
        return sum(measured) / len(measured) if measured else None


NONE = PractisedFor((), (), ())


def practice_by_interview(attempts: Sequence[dict], sessions: Sequence[dict]) -> dict[int, PractisedFor]:
    """For each interview that was practised for, what was: `attempts` as `store.list_attempts`
    gives them (each with its `interview_id` and `mock_session_id`), `sessions` as
    `store.list_mock_sessions` does."""
    answers: dict[int, list[tuple[date, str, float | None]]] = {}
    for attempt in attempts:
        if attempt.get("interview_id") is None or in_mock_interview(attempt):
            continue
        moment = str(attempt["created_at"])
        day = date.fromisoformat(local_day(moment))
        answers.setdefault(attempt["interview_id"], []).append((day, moment, attempt.get("score_overall")))
    mocks: dict[int, list[tuple[str, MockHeld]]] = {}
    for session in sessions:
        if session.get("interview_id") is None:
            continue
        moment = str(session["created_at"])
        held = MockHeld(session["id"], date.fromisoformat(local_day(moment)), session.get("score_overall"))
        mocks.setdefault(session["interview_id"], []).append((moment, held))
    found = {}
    for interview_id in answers.keys() | mocks.keys():
        given = sorted(answers.get(interview_id, []), key=lambda a: a[1])
        held = [m for _, m in sorted(mocks.get(interview_id, []), key=lambda m: m[0])]
        found[interview_id] = PractisedFor(
            tuple(day for day, _, _ in given), tuple(score for _, _, score in given), tuple(held)
        )
    return found


def practice_for(db, interview_id: int) -> PractisedFor:
    """The practice prepared for one interview, read from the store."""
    found = practice_by_interview(list_attempts(db, newest_first=False), list_mock_sessions(db))
    return found.get(interview_id, NONE)


def _days_ago(day: date, today: date) -> str:
    days = (today - day).days
    if days < 0:
        return f"on {day:%a} {day.day} {day:%b}"
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")


def _score(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.0f}"


def answers_words(practice: PractisedFor, today: date) -> str:
    """'5 answers over 3 days (last yesterday, mean score 72)', '1 answer (today, score 64)', or ''."""
    if not practice.answers:
        return ""
    last = _days_ago(max(practice.answer_days), today)
    mean = practice.mean_score
    if practice.answers == 1:
        return f"1 answer ({last}, {'not measured' if mean is None else f'score {mean:.0f}'})"
    days = len(set(practice.answer_days))
    over = f" over {count(days, 'day')}" if days > 1 else ""
    scored = f"mean score {mean:.0f}" if mean is not None else "none could be measured"
    return f"{count(practice.answers, 'answer')}{over} (last {last}, {scored})"


def mocks_words(practice: PractisedFor, today: date) -> str:
    """'1 mock interview (score 70)', '2 mock interviews (scores 64, 70)', or ''; with no answers
    beside it, the day of the last one too ('1 mock interview (yesterday, score 70)')."""
    if not practice.mocks:
        return ""
    scores = ", ".join(_score(m.score_overall) for m in practice.mocks)
    label = "score" if len(practice.mocks) == 1 else "scores"
    when = ""
    if not practice.answers:  # the answers' part says when the practice was; alone, this one does
        last = _days_ago(practice.mocks[-1].day, today)
        when = f"{last}, " if len(practice.mocks) == 1 else f"last {last}, "
    return f"{count(len(practice.mocks), 'mock interview')} ({when}{label} {scores})"


def practised_words(practice: PractisedFor, today: date) -> str:
    """'5 answers over 3 days (last yesterday, mean score 72), 1 mock interview (score 70)', or
    'nothing yet'."""
    parts = [p for p in (answers_words(practice, today), mocks_words(practice, today)) if p]
    return ", ".join(parts) if parts else "nothing yet"


def done_words(practice: PractisedFor) -> str:
    """'1 mock interview, 5 answers': what the rehearsal step of the checklist says was done."""
    parts = []
    if practice.mocks:
        parts.append(count(len(practice.mocks), "mock interview"))
    if practice.answers:
        parts.append(count(practice.answers, "answer"))
    return ", ".join(parts)


def as_json(practice: PractisedFor, today: date) -> dict:
    """For `coach interview N --json` and `coach prepare N --json`."""
    return {
        "answers": practice.answers,
        "days": len(set(practice.answer_days)),
        "last_day": practice.last_day.isoformat() if practice.last_day else None,
        "mean_score": round(practice.mean_score, 1) if practice.mean_score is not None else None,
        "mock_interviews": [
            {
                "id": m.session_id,
                "day": m.day.isoformat(),
                "score_overall": round(m.score_overall, 1) if m.score_overall is not None else None,
            }
            for m in practice.mocks
        ],
        "words": practised_words(practice, today),
    }
