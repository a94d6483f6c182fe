"""Mock interviews: a session and its turns (the question or follow-up asked, why, the answer)."""

from __future__ import annotations

import sqlalchemy as sa

from coach.errors import InputError
from coach.store.db import Store
from coach.store.rows import TypedFields, delete_row, insert_row, mine, new_uid, not_found, plain, utc_now
from coach.store.schema import mock_sessions, mock_turns

KINDS = ("question", "follow_up")
MOCK_SESSION_TYPED = TypedFields(mock_sessions, "mock interview", ("format", "role"))
# an own question's words among a turn's
TURN_TYPED = TypedFields(mock_turns, "mock interview", ("question_id", "question_text", "why"))
TYPED_FIELDS = (MOCK_SESSION_TYPED, TURN_TYPED)


def save_mock_session(
    store: Store,
    *,
    format: str,
    role: str = "",
    interview_id: int | None = None,
    planned_s: int,
    used_s: float | None,
    score_overall: float | None,
    summary: dict,
    turns: list[dict],
) -> int:
    """Store a finished session and its turns in one transaction; returns the session id.

    Each turn is a dict with kind, question_id, question_text, why, attempt_id, score_overall
    and duration_s (the answer's attempt is already stored by the practice orchestrator)."""
    for turn in turns:
        if turn["kind"] not in KINDS:
            raise InputError(f"A mock turn is a question or a follow-up, not {turn['kind']!r}.")
        TURN_TYPED.check(turn)
    MOCK_SESSION_TYPED.check({"format": format, "role": role or ""})
    with store.write() as conn:
        session_id = insert_row(
            conn,
            mock_sessions,
            dict(
                uid=new_uid(),
                owner=store.owner,
                created_at=utc_now(),
                format=format,
                role=role or "",
                interview_id=interview_id,
                planned_s=int(planned_s),
                used_s=used_s,
                score_overall=score_overall,
                summary=summary,
            ),
        )
        for position, turn in enumerate(turns, start=1):
            conn.execute(
                mock_turns.insert().values(
                    uid=new_uid(),
                    owner=store.owner,
                    session_id=session_id,
                    position=position,
                    kind=turn["kind"],
                    question_id=turn.get("question_id"),
                    question_text=turn.get("question_text") or "",
                    why=turn.get("why"),
                    attempt_id=turn.get("attempt_id"),
                    score_overall=turn.get("score_overall"),
                    duration_s=turn.get("duration_s"),
                )
            )
    return session_id


def list_mock_sessions(store: Store, *, with_turns: bool = False) -> list[dict]:
    """Sessions oldest first; with `with_turns`, each carries its turns in order."""
    with store.read() as conn:
        sessions = [
            plain(row)
            for row in conn.execute(
                sa.select(mock_sessions)
                .where(mine(store, mock_sessions))
                .order_by(mock_sessions.c.created_at, mock_sessions.c.id)
            )
        ]
        if with_turns:
            rows = conn.execute(
                sa.select(mock_turns)
                .where(mine(store, mock_turns))
                .order_by(mock_turns.c.session_id, mock_turns.c.position)
            )
            by_session: dict[int, list[dict]] = {}
            for row in rows:
                by_session.setdefault(row.session_id, []).append(plain(row))
            for session in sessions:
                session["turns"] = by_session.get(session["id"], [])
    return sessions


def get_mock_session(store: Store, session_id: int) -> dict:
    found = [s for s in list_mock_sessions(store, with_turns=True) if s["id"] == session_id]
    if not found:
        raise not_found("mock interview", session_id)
    return found[0]


def delete_mock_session(store: Store, session_id: int) -> None:
    """Forget a session and its turns; the answers stay as practice attempts."""
    delete_row(store, mock_sessions, session_id, "mock interview")
