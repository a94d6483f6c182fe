"""Favourite questions: a small list of ids kept in the data directory (favourites.json)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from coach.errors import StorageError

FILE_NAME = "favourites.json"


def _path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def load_favourites(data_dir: Path) -> list[str]:
    path = _path(data_dir)
    if not path.exists():
        return []
    try:
        ids = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # a damaged list of stars is not worth an error; it is rebuilt on the next star
    return [str(i) for i in ids] if isinstance(ids, list) else []


def set_favourite(data_dir: Path, question_id: str, favourite: bool) -> list[str]:
    """Star or unstar a question; written through a temporary file so a crash keeps the old list."""
    ids = [i for i in load_favourites(data_dir) if i != question_id]
    if favourite:
        ids.append(question_id)
    return _write(data_dir, ids)


def merge_favourites(data_dir: Path, question_ids: list[str]) -> list[str]:
    """Add stars brought in by an import; the ones here keep their order. Returns the ids added."""
    ids = load_favourites(data_dir)
    added = [i for i in dict.fromkeys(str(q) for q in question_ids) if i not in ids]
    if added:
        _write(data_dir, ids + added)
    return added


def _write(data_dir: Path, ids: list[str]) -> list[str]:
    path = _path(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(ids, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        raise StorageError(
            f"Could not save favourites in {path} ({e.strerror}); check the data directory is writable."
        ) from e
    return ids
