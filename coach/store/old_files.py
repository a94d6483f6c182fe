"""Favourites and your own questions from before migration 3, moved into the database once.

Coach used to keep stars in `favourites.json` and own questions in
`question_banks/my_questions.toml` in the data directory. When the store opens, whatever such a
file holds goes into its table in one transaction, and the file is removed only after that has
committed: a crash in between leaves the file, and the next start adds nothing twice (rows
are matched by question id). A file that cannot be read as coach wrote it (damaged, or edited
into something else) is left where it is, so nothing is lost: a damaged favourites.json was
never read, and `coach.banks` goes on loading a my_questions.toml it does not recognise as the
user bank it is, naming any mistake in it.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from coach.store.db import Store
from coach.store.favourites import add_favourites
from coach.store.own_questions import ENTRY_FIELDS, insert_own_question

FAVOURITES_FILE = "favourites.json"
OWN_QUESTIONS_FILE = "question_banks/my_questions.toml"
_LISTS = ("competencies", "roles", "talking_points", "follow_ups")


def move_old_files(store: Store) -> dict:
    """Move the old files' contents into the database; returns how many rows each added. They
    were a single user's, so only the single user's store ("" owner) takes them."""
    if store.owner:
        return {"favourites": 0, "own_questions": 0}
    return {
        "favourites": _move(store, FAVOURITES_FILE, _read_favourites, add_favourites),
        "own_questions": _move(store, OWN_QUESTIONS_FILE, _read_own_questions, _insert_entries),
    }


def _move(store: Store, name: str, read, insert) -> int:
    path = store.data_dir / name
    if not path.is_file():
        return 0
    items = read(path)
    if items is None:
        return 0
    with store.write() as conn:
        added = insert(conn, items)
    path.unlink(missing_ok=True)
    return len(added) if isinstance(added, list) else added


def _read_favourites(path: Path) -> list[str] | None:
    try:
        ids = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return [str(i) for i in ids] if isinstance(ids, list) else None


def _read_own_questions(path: Path) -> list[dict] | None:
    """The entries as coach wrote them ([[question]] tables, optional [defaults]), or None."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if set(data) - {"defaults", "question"} or not isinstance(data.get("defaults", {}), dict):
        return None
    questions = data.get("question", [])
    if not isinstance(questions, list):
        return None
    entries = [{"source": "user", **data.get("defaults", {}), **entry} for entry in questions]
    return entries if all(_complete(entry) for entry in entries) else None


def _complete(entry: object) -> bool:
    if not isinstance(entry, dict) or set(entry) != {"id", *ENTRY_FIELDS}:
        return False
    lists_ok = all(isinstance(entry[name], list) for name in _LISTS)
    texts_ok = all(isinstance(entry[name], str) for name in set(ENTRY_FIELDS) - set(_LISTS) - {"target_s"})
    return lists_ok and texts_ok and isinstance(entry["id"], str) and isinstance(entry["target_s"], int)


def _insert_entries(conn, entries: list[dict]) -> int:
    return sum(insert_own_question(conn, entry) for entry in entries)
