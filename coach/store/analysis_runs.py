"""Replacing an answer's analysis while keeping the earlier one in `analysis_runs`.

`coach.reanalysis` decides what to analyse again and does the analysing; this module only reads
the stored answers and writes a new result, so an old score can always be explained.
"""

from __future__ import annotations

import sqlalchemy as sa

from coach.store.attempts import mock_follow_up_of, mock_session_id
from coach.store.db import Store
from coach.store.rows import measures, mine, new_uid, utc_now
from coach.store.schema import analysis_runs, attempts, recordings, turns

# What each kind of stored answer is called in a report, and its table.
ANSWER_TABLES = {"attempt": attempts, "real answer": turns}


def stored_answers(store: Store) -> list[tuple[str, sa.Row]]:
    """Every practice attempt (with its recording's path, the mock interview it was given in and,
    for a follow-up's answer, the question followed), then every real interview answer."""
    with store.read() as conn:
        stored = conn.execute(
            sa.select(
                attempts, recordings.c.path.label("recording_path"), mock_session_id(), mock_follow_up_of()
            )
            .select_from(attempts.outerjoin(recordings))
            .where(mine(store, attempts))
            .order_by(attempts.c.id)
        ).all()
        stored_turns = conn.execute(sa.select(turns).where(mine(store, turns)).order_by(turns.c.id)).all()
    return [("attempt", row) for row in stored] + [("real answer", row) for row in stored_turns]


def replace_analysis(
    store: Store,
    what: str,
    row: sa.Row,
    new_analysis: dict,
    new_transcript: dict | None,
    engine: str,
    model: str,
) -> None:
    """Keep the old result in analysis_runs, then write the new one and its measures."""
    table = ANSWER_TABLES[what]
    key = "attempt_id" if table is attempts else "turn_id"
    transcript = new_transcript if new_transcript is not None else row.transcript
    with store.write() as conn:
        conn.execute(
            analysis_runs.insert().values(
                uid=new_uid(),
                owner=store.owner,
                **{key: row.id},
                analysis=row.analysis,
                analysis_version=row.analysis_version,
                transcript=row.transcript,
                engine=row.engine,
                model=row.model,
                analysed_at=getattr(row, "created_at", None),
                replaced_at=utc_now(),
            )
        )
        conn.execute(
            table.update()
            .where(table.c.id == row.id, mine(store, table))
            .values(
                analysis=new_analysis,
                transcript=transcript,
                engine=engine,
                model=model,
                **measures(new_analysis, transcript),
            )
        )
