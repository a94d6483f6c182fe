"""A review the database refused once it was done: its recording was kept first, so the sentence
says so and says how it is finished (it ended "Nothing was saved." while the recording stayed on
disk, and the Review page added its own "Nothing was saved." after a locked database's sentence,
which ends so already), and it is finished from what was kept (real SQLite, a real review)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_support import make_settings

from coach.errors import RecordingKept, StorageError
from coach.interview.listen import SAVING
from coach.interview.orchestrator import (
    REVIEW_KEPT_IN_THE_APP,
    REVIEW_KEPT_IN_THE_TERMINAL,
    resume_review,
    review_recording,
)
from coach.store import list_interviews, open_store, unanalysed_recordings
from coach.store.recordings import recover_recordings
from coach.ui.shared import said_nothing_saved

INTERVIEW = Path(__file__).parent / "data" / "interviews" / "interview_stereo.flac"  # 53 s, two voices


@pytest.mark.slow
def test_a_review_the_locked_database_refused_says_its_recording_is_kept_and_is_finished_later(
    tmp_path, earlier_reviews
):
    settings = make_settings(tmp_path, "sqlite")
    earlier_reviews(settings.data_dir)
    db = open_store(settings, busy_timeout_s=0.3)
    other = sqlite3.connect(settings.database_path, isolation_level=None)

    def lock_as_it_is_saved(p) -> None:  # another program takes the database as the review is stored
        if p.step == SAVING and not other.in_transaction:
            other.execute("BEGIN EXCLUSIVE")

    try:
        with pytest.raises(RecordingKept) as refused:
            review_recording(db, settings, INTERVIEW, company="Globex", progress=lock_as_it_is_saved)
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    terminal, page = str(refused.value), said_nothing_saved(settings, refused.value)
    for said in (terminal, page):
        assert said.startswith(f"The database {settings.database_path} is busy"), said
        assert "Nothing was saved" not in said, said
    assert terminal.endswith(REVIEW_KEPT_IN_THE_TERMINAL) and page.endswith(REVIEW_KEPT_IN_THE_APP)

    # and so it is: nothing logged, the recording waiting as a review to finish, which finishes it
    assert list_interviews(db) == []
    recover_recordings(db, min_age_s=0)
    (waiting,) = unanalysed_recordings(db)
    assert waiting["review"]["company"] == "Globex"
    resume_review(db, settings, db.absolute(waiting["path"]))
    ((logged),) = list_interviews(db)
    assert logged["company"] == "Globex" and unanalysed_recordings(db) == []
    db.close()


def test_a_failed_review_says_nothing_was_saved_once(tmp_path):
    settings = make_settings(tmp_path, "sqlite")
    locked = StorageError("The database is busy; wait, then try again. Nothing was saved.")
    assert (
        said_nothing_saved(settings, locked)
        == "The database is busy; wait, then try again. Nothing was saved."
    )
    other = StorageError("The recordings folder is read-only.")
    assert said_nothing_saved(settings, other) == "The recordings folder is read-only. Nothing was saved."
