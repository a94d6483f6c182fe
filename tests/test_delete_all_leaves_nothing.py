"""What "Delete all data" leaves on disk: nothing of what it deleted readable, while the app still
has its database open (as the Settings page does when the button is pressed), and nothing outside
the data folder touched."""

from __future__ import annotations

import pytest

from coach.data_admin import delete_all_data
from coach.store import add_debrief, add_interview, open_store

NOTE = "salary at Zyxwvut is 123456, do not tell Sam"


def _files_holding(folder, text: str) -> list[str]:
    needle = text.encode()
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes())


def test_delete_all_data_leaves_no_copy_of_the_notes_in_the_database_files(settings):
    store = open_store(settings)  # kept open throughout, as the app keeps its store
    try:
        for n in range(3):  # a few writes, so the database's journal holds several copies
            interview = add_interview(
                store, company="Zyxwvut", interview_date="2026-11-02", notes=f"{NOTE} {n}"
            )
            add_debrief(store, interview, went_well=NOTE)
        assert _files_holding(settings.data_dir, NOTE)  # the notes are on disk before
        delete_all_data(store, settings, "DELETE")
        assert _files_holding(settings.data_dir, NOTE) == []
        assert _files_holding(settings.data_dir, "Zyxwvut") == []
    finally:
        store.close()


def test_a_recordings_folder_linked_elsewhere_stops_delete_all_before_anything_goes(settings, tmp_path):
    """Recordings moved to another disk and linked back: deleting everything removed the answers,
    then stopped on the link with Python's "Cannot call rmtree on a symbolic link", leaving the
    recordings, the settings and the rest behind; now nothing goes, and one sentence says why."""
    from coach.errors import StorageError
    from coach.store import list_interviews

    store = open_store(settings)
    try:
        add_interview(store, company="Acme", interview_date="2026-11-02")
        elsewhere = tmp_path / "external-disk" / "coach-recordings"
        (elsewhere / "practice").mkdir(parents=True)
        (elsewhere / "practice" / "take.wav").write_bytes(b"RIFF")
        (settings.data_dir / "recordings").symlink_to(elsewhere)
        with pytest.raises(StorageError) as refused:
            delete_all_data(store, settings, "DELETE")
        said = str(refused.value)
        assert said.startswith("Nothing was deleted") and str(elsewhere) in said, said
        assert [i["company"] for i in list_interviews(store)] == ["Acme"]
        assert (elsewhere / "practice" / "take.wav").exists()
    finally:
        store.close()


def test_a_deleted_interview_leaves_no_copy_of_its_notes_while_the_app_runs(settings):
    """One interview deleted (Interviews page, `coach delete-interview`): its notes stayed readable in
    coach.db-wal for as long as the app ran, and went wherever the data folder was copied."""
    from coach.store import delete_interview

    store = open_store(settings)
    try:
        kept = add_interview(store, company="Acme", interview_date="2026-11-01", notes="kept")
        gone = add_interview(store, company="Zyxwvut", interview_date="2026-11-02", notes=NOTE)
        add_debrief(store, gone, went_well=NOTE)
        delete_interview(store, gone, keep_audio=False)
        assert _files_holding(settings.data_dir, NOTE) == []
        assert _files_holding(settings.data_dir, "Zyxwvut") == []
        assert kept and _files_holding(settings.data_dir, "Acme")  # the other one is still there
    finally:
        store.close()


def test_a_cohort_members_delete_all_leaves_no_copy_in_postgresqls_files(tmp_path):
    """A student of a cohort deletes all their data on the office's PostgreSQL: their rows were gone
    from every page, but their notes stayed in the tables' files as dead rows (and, after a plain
    vacuum, in the free space of pages another student's rows still use), readable by anyone with the
    files. Another student's rows stay."""
    import pg_server
    import psycopg
    from store_support import make_settings

    from coach.store import list_interviews

    settings = make_settings(tmp_path, "postgresql")
    url = settings.database_url.replace("postgresql+psycopg://", "postgresql://")

    def database_files_holding(text: str) -> list[str]:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CHECKPOINT")  # what the server holds in memory, written to its files
            oid = conn.execute("SELECT oid FROM pg_database WHERE datname = current_database()").fetchone()[0]
        return _files_holding(pg_server.get_server().data / "base" / str(oid), text)

    shared = open_store(settings)
    try:
        ana, ben = shared.for_owner("ana@example.org"), shared.for_owner("ben@example.org")
        for n in range(20):
            add_interview(ben, company="Acme", interview_date="2026-11-01", notes="kept " * n)
        for n in range(3):
            interview = add_interview(
                ana, company="Zyxwvut", interview_date="2026-11-02", notes=f"{NOTE} {n}"
            )
            add_debrief(ana, interview, went_well=NOTE)
        add_interview(ben, company="Acme", interview_date="2026-11-03", notes="kept after")
        assert database_files_holding(NOTE)  # the notes are on disk before
        delete_all_data(ana, ana.settings, "DELETE")
        assert database_files_holding(NOTE) == []
        assert database_files_holding("Zyxwvut") == []
        assert len(list_interviews(ben)) == 21 and database_files_holding("kept after")
    finally:
        shared.close()
