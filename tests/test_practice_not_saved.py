"""A practice answer the database refused: its recording was kept first, so the sentence says so
(it ended "Nothing was saved." while the take was on disk and later listed as not analysed)."""

from __future__ import annotations

import sqlite3

import pytest
from store_support import analysis_dict, make_settings, record

from coach.errors import StorageError
from coach.practice import _store_attempt
from coach.store import open_store, unanalysed_recordings
from coach.store.recordings import recover_recordings
from coach.types import Transcript
from coach.ui.shared import recording_kept, said_to


def test_an_answer_the_locked_database_refused_says_its_recording_is_kept(tmp_path):
    settings = make_settings(tmp_path, "sqlite")
    store = open_store(settings, busy_timeout_s=0.3)
    other = sqlite3.connect(settings.database_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holding the database
    take = record(settings, 510.0)
    try:
        with pytest.raises(StorageError) as refused:
            _store_attempt(
                settings,
                None,
                take,
                Transcript.from_text("So I led the migration."),
                analysis_dict(),
                store=store,
            )
    finally:
        other.execute("ROLLBACK")
        other.close()
    terminal = str(refused.value)
    page = f"{said_to(settings, refused.value)}{recording_kept(refused.value)}"
    for said in (terminal, page):
        assert "Nothing was saved" not in said, said
        assert said.startswith(f"The database {settings.database_path} is busy"), said
    assert terminal.endswith(
        "Your answer was not saved, but its recording is kept: once the database can be written "
        "again, `coach reanalyze` analyses it."
    )
    assert page.endswith(
        "Your answer was not saved. Your recording is kept among the recordings not analysed on the "
        "Progress page."
    )
    # a person of a cohort is told the server's fault, and no more than that
    assert refused.value.on_server.endswith("wait a moment and try again. Your answer was not saved.")
    # and so it is: once the database is free, the take is listed, to be analysed again
    assert take.path.exists()
    # at once: `coach reanalyze` run a moment later found nothing until the take was a minute old
    assert recover_recordings(store)["adopted"][0]["sha256"] == take.sha256
    (kept,) = unanalysed_recordings(store)
    assert kept["sha256"] == take.sha256 and kept["not_analysable"] is None
    store.close()
