"""Practice sessions and attempts: one answer to one question, its recording and its analysis."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from coach.store.db import Store
from coach.store.deletions import remember_deleted
from coach.store.recordings import add_recording, finish_deletions, mark_deleted, mark_detached
from coach.store.rows import (
    TypedFields,
    get_row,
    insert_row,
    measures,
    mine,
    new_uid,
    not_found,
    off_the_question,
    parse_datetime,
    plain,
    utc_now,
)
from coach.store.schema import attempts, interviews, mock_turns, practice_sessions, recordings

SESSION_TYPED = TypedFields(practice_sessions, "practice session", ("note",))
ANSWER_TYPED = TypedFields(attempts, "practice answer", ("question_id", "question_text", "engine", "model"))
TYPED_FIELDS = (SESSION_TYPED, ANSWER_TYPED)
# What a list shows; the full transcript and analysis come from get_attempt.
SUMMARY_COLUMNS = [c for c in attempts.c if c.name not in ("transcript", "analysis")]


def start_session(store: Store, note: str = "") -> int:
    note = SESSION_TYPED.cleaned({"note": note})["note"]
    SESSION_TYPED.check({"note": note})
    with store.write() as conn:
        return conn.execute(
            practice_sessions.insert().values(
                uid=new_uid(), started_at=utc_now(), note=note, owner=store.owner
            )
        ).inserted_primary_key[0]


def list_sessions(store: Store) -> list[dict]:
    with store.read() as conn:
        rows = conn.execute(
            sa.select(practice_sessions)
            .where(mine(store, practice_sessions))
            .order_by(practice_sessions.c.started_at.desc())
        )
        return [plain(row) for row in rows]


def save_attempt(
    store: Store,
    *,
    question_id: str | None,
    question_text: str,
    recording,
    transcript: dict,
    analysis: dict,
    engine: str,
    model: str,
    session_id: int | None = None,
    created_at: datetime | None = None,
    interview_id: int | None = None,
) -> int:
    """Store one practice answer in a single transaction; returns the attempt id.

    `recording` is the SavedRecording already on disk (or None for a typed answer); the row
    pointing to it is written in the same transaction as the attempt, so a crash leaves either
    both or neither (and recovery gives a file without a row its row).
    """
    typed = {"question_id": question_id, "question_text": question_text, "engine": engine, "model": model}
    ANSWER_TYPED.check(typed)
    if interview_id is not None:
        get_row(store, interviews, interview_id, "interview")  # yours, or "no interview with id"
    if session_id is not None:
        get_row(store, practice_sessions, session_id, "practice session")
    values = dict(
        uid=new_uid(),
        owner=store.owner,
        created_at=parse_datetime(created_at) or utc_now(),
        session_id=session_id,
        interview_id=interview_id,
        question_id=question_id or None,
        question_text=question_text or "",
        transcript=transcript,
        analysis=analysis,
        engine=engine or "",
        model=model or "",
        **measures(analysis, transcript),
    )
    with store.write() as conn:
        if recording is not None:
            values["recording_id"] = add_recording(conn, store, recording, "practice")
        return insert_row(conn, attempts, values)


def mock_session_id() -> sa.Label:
    """The mock interview an answer was given in (None for one given on Practice): a mock
    interview's answers are practice answers, and say where they came from."""
    return (
        sa.select(mock_turns.c.session_id)
        .where(mock_turns.c.attempt_id == attempts.c.id, mock_turns.c.owner == attempts.c.owner)
        .order_by(mock_turns.c.session_id)
        .limit(1)
        .correlate(attempts)
        .scalar_subquery()
        .label("mock_session_id")
    )


def mock_follow_up_of() -> sa.Label:
    """For a mock interview's answer to a follow-up, the id of the question it followed (None for
    any other answer): whether the answer is a story can depend on it (coach.banks.follow_up_format)."""
    return (
        sa.select(mock_turns.c.question_id)
        .where(
            mock_turns.c.attempt_id == attempts.c.id,
            mock_turns.c.owner == attempts.c.owner,
            mock_turns.c.kind == "follow_up",
        )
        .order_by(mock_turns.c.session_id)
        .limit(1)
        .correlate(attempts)
        .scalar_subquery()
        .label("mock_follow_up_of")
    )


def _with_recording(query: sa.Select) -> sa.Select:
    return query.add_columns(
        mock_session_id(),
        recordings.c.path.label("recording_path"),
        recordings.c.sha256.label("recording_sha256"),
        recordings.c.original_name.label("recording_original_name"),
    ).select_from(attempts.outerjoin(recordings))


def list_attempts(
    store: Store,
    *,
    question_id: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
    newest_first: bool = True,
) -> list[dict]:
    """Attempts with their key measures and recording path (relative to the data directory)."""
    query = _with_recording(sa.select(*SUMMARY_COLUMNS, off_the_question(attempts))).where(
        mine(store, attempts)
    )
    if question_id:
        query = query.where(attempts.c.question_id == question_id)
    if since is not None:
        query = query.where(attempts.c.created_at >= parse_datetime(since))
    order = attempts.c.created_at.desc() if newest_first else attempts.c.created_at
    query = query.order_by(order, attempts.c.id.desc() if newest_first else attempts.c.id)
    if limit:
        query = query.limit(limit)
    with store.read() as conn:
        return [plain(row) for row in conn.execute(query)]


def get_attempt(store: Store, attempt_id: int) -> dict:
    """One attempt with its transcript and full analysis."""
    with store.read() as conn:
        row = conn.execute(
            _with_recording(sa.select(attempts)).where(attempts.c.id == attempt_id, mine(store, attempts))
        ).first()
    if row is None:
        raise not_found("practice answer", attempt_id)
    return plain(row)


def delete_attempt(store: Store, attempt_id: int, *, keep_audio: bool) -> None:
    """Delete an attempt; its recording file goes too unless `keep_audio`.

    The file is removed only after the deletion has committed, so a crash in between leaves a
    row marked deleted whose file the next `open_store` removes, never a row without its file.
    """
    attempt = get_row(store, attempts, attempt_id, "practice answer")
    with store.write() as conn:
        this = attempts.c.id == attempt_id
        remember_deleted(conn, store.owner, attempts, this)  # an older backup's copy stays out
        conn.execute(attempts.delete().where(this, mine(store, attempts)))
        if keep_audio:
            mark_detached(conn, attempt["recording_id"])
        else:
            mark_deleted(conn, attempt["recording_id"])
    if not keep_audio:
        finish_deletions(store)


def attempt_question_ids(store: Store) -> list[str]:
    with store.read() as conn:
        return list(
            conn.execute(
                sa.select(attempts.c.question_id)
                .distinct()
                .where(attempts.c.question_id.is_not(None), mine(store, attempts))
            ).scalars()
        )
