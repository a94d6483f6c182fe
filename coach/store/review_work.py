"""The work kept to review a recording again without transcribing it, in the database beside it
(`review_work`): one archive of the review's work folder (coach.interview.resume) a reviewed
recording, so whichever machine reviewed it, the one that reviews it again finds its words."""

from __future__ import annotations

import sqlalchemy as sa

from coach.store.db import Store
from coach.store.rows import mine, utc_now
from coach.store.schema import interview_recordings, review_work


def keep_review_work(store: Store, interview_recording_id: int, folder: str, archive: bytes) -> None:
    """Keep (or replace) the work of one reviewed recording of `store.owner`'s."""
    with store.write() as conn:
        theirs = conn.execute(
            sa.select(interview_recordings.c.id).where(
                interview_recordings.c.id == interview_recording_id, mine(store, interview_recordings)
            )
        ).first()
        if theirs is None:  # deleted meanwhile: nothing to keep it for
            return
        this = review_work.c.interview_recording_id == interview_recording_id
        conn.execute(review_work.delete().where(this))
        conn.execute(
            review_work.insert().values(
                interview_recording_id=interview_recording_id,
                folder=folder,
                archive=archive,
                created_at=utc_now(),
                owner=store.owner,
            )
        )


def kept_review_work(store: Store, interview_recording_id: int) -> tuple[str, bytes] | None:
    """The kept work of one reviewed recording (its folder's name and archive), or None."""
    with store.read() as conn:
        row = conn.execute(
            sa.select(review_work.c.folder, review_work.c.archive).where(
                review_work.c.interview_recording_id == interview_recording_id, mine(store, review_work)
            )
        ).first()
    return None if row is None else (row.folder, bytes(row.archive))


def forget_kept_work(store: Store, interview_recording_ids: list[int]) -> None:
    """Remove the kept work of these recordings (their transcript and voiceprints): their audio goes."""
    if not interview_recording_ids:
        return
    with store.write() as conn:
        conn.execute(
            review_work.delete().where(
                review_work.c.interview_recording_id.in_(interview_recording_ids), mine(store, review_work)
            )
        )
