"""Export everything to one zip, and import it into an empty or an existing data directory.

The zip holds `coach-export.json` (every table's rows, with foreign keys written as the parent's
uid so they survive a move between databases) and the recording files at their paths under the
data directory. The manifest also carries the favourite question ids (`favourites`, from the
data directory's favourites.json), which an import adds to the stars already there. Import
matches rows by uid, so importing the same zip twice, or an export of a
directory that was itself imported, adds nothing twice. Recording files are written before the
rows that point to them and removed again if the import fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import sqlalchemy as sa

from coach.banks import check_user_question_entries, merge_user_questions, user_question_entries
from coach.errors import InputError, StorageError
from coach.store.db import Store
from coach.store.migrations import MIGRATIONS, latest_migration
from coach.store.rows import parse_date, parse_datetime, plain
from coach.store.schema import PARENTS, TABLES_IN_ORDER, questions, recordings
from coach.ui.favourites import load_favourites, merge_favourites

MANIFEST = "coach-export.json"
# What a hand-edited or hostile zip raises while it is read; each becomes one InputError.
DAMAGED = (
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    RecursionError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    sa.exc.StatementError,
)
FORMAT = "coach-export"
FORMAT_VERSION = 1


def export_data(store: Store, out_path: Path) -> dict:
    """Write the whole history and its recordings to `out_path` (a .zip). Returns counts."""
    out_path = Path(out_path)
    with store.read(snapshot=True) as conn:
        tables = {table.name: _export_rows(conn, table) for table in TABLES_IN_ORDER}
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": latest_migration(),
        "exported_at": datetime.now(UTC).isoformat(),
        "tables": tables,
        "favourites": load_favourites(store.data_dir),
        "user_questions": user_question_entries(store.data_dir),
    }
    missing = []
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out_path.parent, prefix=".export-", suffix=".zip")
        os.close(fd)
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
                for row in tables["recordings"]:
                    source = store.absolute(row["path"])
                    if source.exists():
                        archive.write(source, row["path"], compress_type=zipfile.ZIP_STORED)
                    else:
                        missing.append(row["path"])
            os.replace(tmp, out_path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as e:
        raise StorageError(
            f"Could not write the export {out_path} ({e.strerror}); choose a writable "
            "place with enough free space."
        ) from e
    counts = {name: len(rows) for name, rows in tables.items()}
    return {"path": str(out_path), "counts": counts, "missing_recordings": missing}


def _export_rows(conn: sa.Connection, table: sa.Table) -> list[dict]:
    query = sa.select(table).order_by(table.c.id)
    if table is recordings:
        query = query.where(recordings.c.deleted_at.is_(None))
    parents = PARENTS[table.name]
    uid_of = {
        name: dict(conn.execute(sa.select(_table(name).c.id, _table(name).c.uid)).all())
        for name in set(parents.values())
    }
    rows = []
    for row in conn.execute(query):
        data = plain(row)
        data.pop("id")
        for column, parent in parents.items():
            data[column] = uid_of[parent].get(data[column])
        rows.append(data)
    return rows


def _table(name: str) -> sa.Table:
    return next(t for t in TABLES_IN_ORDER if t.name == name)


def import_data(store: Store, zip_path: Path) -> dict:
    """Add an export's rows and recordings to this store, skipping everything already here."""
    zip_path = Path(zip_path)
    try:
        archive = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile) as e:
        raise InputError(f"{zip_path} is not a coach export (could not open it as a zip: {e}).") from e
    created: list[Path] = []
    try:
        with archive:
            manifest = _read_manifest(archive, zip_path)
            tables = manifest["tables"]
            _place_recording_files(store, archive, tables.get("recordings", []), created, zip_path)
            local_ids: dict[str, dict[str, int]] = {}
            with store.write() as conn:
                counts = {
                    table.name: _import_rows(conn, table, tables.get(table.name, []), local_ids)
                    for table in TABLES_IN_ORDER
                }
    except BaseException as e:
        for path in created:
            path.unlink(missing_ok=True)
        if isinstance(e, DAMAGED):  # a manifest of the wrong shape, a broken member
            raise InputError(
                f"{zip_path} is a damaged coach export ({type(e).__name__}: "
                f"{str(e)[:80]}); nothing was imported."
            ) from e
        raise
    stars = manifest.get("favourites")
    favourites = merge_favourites(
        store.data_dir, [q for q in stars if isinstance(q, str)] if isinstance(stars, list) else []
    )
    own_questions = merge_user_questions(store.data_dir, manifest.get("user_questions", []), str(zip_path))
    return {
        "path": str(zip_path),
        "added": {k: v[0] for k, v in counts.items()},
        "already_present": {k: v[1] for k, v in counts.items()},
        "favourites_added": len(favourites),
        "own_questions_added": own_questions,
    }


def _read_manifest(archive: zipfile.ZipFile, zip_path: Path) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as e:
        raise InputError(f"{zip_path} is not a coach export (no readable {MANIFEST} inside).") from e
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("tables"), dict):
        raise InputError(f"{zip_path} is not a coach export.")
    favourites = manifest.get("favourites", [])  # absent from exports made before favourites travelled
    if not isinstance(favourites, list) or not all(isinstance(i, str) for i in favourites):
        raise InputError(f"{zip_path} has a damaged list of favourite questions; nothing was imported.")
    check_user_question_entries(manifest.get("user_questions", []), str(zip_path))
    known = [name for name, _ in MIGRATIONS]
    if manifest.get("format_version", 0) > FORMAT_VERSION or manifest.get("schema") not in known:
        raise InputError(f"{zip_path} was exported by a newer version of coach; upgrade coach to import it.")
    return manifest


def _safe_member(path: str, zip_path: Path) -> str:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or pure.parts[0] != "recordings":
        raise InputError(f"{zip_path} names a recording outside recordings/ ({path!r}); it was not imported.")
    return pure.as_posix()


def _place_recording_files(
    store: Store, archive: zipfile.ZipFile, rows: list[dict], created: list[Path], zip_path: Path
) -> None:
    """Put each exported recording in the data directory (renaming on a clash) before any row."""
    members = set(archive.namelist())
    for row in rows:
        member = row["path"] = _safe_member(row["path"], zip_path)
        if member not in members:
            continue
        target = store.absolute(member)
        if target.exists():
            if _sha256_file(target) == row["sha256"]:
                continue
            # A different file already has this name: keep both.
            pure = PurePosixPath(member)
            row["path"] = str(pure.with_name(f"{pure.stem}-{row['uid'][:8]}{pure.suffix}"))
            target = store.absolute(row["path"])
            if target.exists():
                continue
        if archive.getinfo(member).file_size != row["size_bytes"] or not _copy_member(
            archive, member, target, row["sha256"]
        ):  # never inflate more than the row declares
            raise InputError(
                f"The recording {row['path']} in {zip_path} is damaged (its size or checksum "
                "does not match); nothing was imported."
            )
        created.append(target)


def _copy_member(archive: zipfile.ZipFile, member: str, path: Path, sha256: str) -> bool:
    """Stream a member to `path` atomically while hashing it; False (and nothing written) on a mismatch."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".saving-", suffix=path.suffix)
        try:
            digest = hashlib.sha256()
            with os.fdopen(fd, "wb") as f, archive.open(member) as source:
                for block in iter(lambda: source.read(1 << 20), b""):
                    digest.update(block)
                    f.write(block)
                f.flush()
                os.fsync(f.fileno())
            if digest.hexdigest() != sha256:
                return False
            os.replace(tmp, path)
            return True
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as e:
        raise StorageError(
            f"Could not write the recording {path} ({e.strerror}); free some disk space "
            "or choose a writable data directory. Nothing was imported."
        ) from e


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _import_rows(
    conn: sa.Connection, table: sa.Table, rows: list[dict], local_ids: dict[str, dict[str, int]]
) -> tuple[int, int]:
    """Insert the rows not already here; `local_ids` maps each table's exported uids to local ids."""
    parents = PARENTS[table.name]
    ids = local_ids.setdefault(table.name, {})
    added = present = 0
    for row in rows:
        found = _existing_id(conn, table, row)
        if found is not None:
            ids[row["uid"]] = found
            present += 1
            continue
        values = {}
        for column in table.c:
            if column.name == "id" or column.name not in row:
                continue
            value = row[column.name]
            if column.name in parents and value is not None:
                value = local_ids.get(parents[column.name], {}).get(value)
            values[column.name] = _convert(column, value)
        ids[row["uid"]] = conn.execute(table.insert().values(**values)).inserted_primary_key[0]
        added += 1
    return added, present


def _existing_id(conn: sa.Connection, table: sa.Table, row: dict) -> int | None:
    """The local row that is this exported row: same uid, or the same question / recording file."""
    found = conn.execute(sa.select(table.c.id).where(table.c.uid == row["uid"])).scalar()
    if found is None and table is questions:
        found = conn.execute(
            sa.select(questions.c.id).where(questions.c.question_id == row["question_id"])
        ).scalar()
    if found is None and table is recordings:
        found = conn.execute(sa.select(recordings.c.id).where(recordings.c.path == row["path"])).scalar()
    return found


def _convert(column: sa.Column, value):
    if value is None:
        return None
    if isinstance(column.type, sa.DateTime):
        return parse_datetime(value)
    if isinstance(column.type, sa.Date):
        return parse_date(value)
    return value
