""" "Delete all data" leaves nothing of what was deleted readable on disk, while the app still has
its database open (as the Settings page does when the button is pressed)."""

from __future__ import annotations

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
