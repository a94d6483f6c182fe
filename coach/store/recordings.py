"""Recording files and their rows: never lost, never orphaned.

A recording file is written (atomically, by `coach.audio.save_recording`) before the row that
points to it, and a file is removed only after the row marking it deleted has committed. So a
crash can leave only two things behind, and `recover_recordings` resolves both when the store
opens: a file without a row gets a row (it shows up as "saved, not analysed"), and a row marked
deleted gets its file removed.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from coach.config import OWNERS_FOLDER
from coach.errors import StorageError, server_fault
from coach.files import changed_just_now, file_sha256, staging, write_private
from coach.store.db import Store
from coach.store.deletions import remember_deleted
from coach.store.rows import mine, new_uid, plain, utc_now
from coach.store.schema import attempts, interview_recordings, recordings

# A file younger than this may belong to a save still in flight in another session.
ORPHAN_MIN_AGE_S = 60.0
# An import (coach.store.transfer) writes a backup's recording files before their rows, as a save
# does, and keeps them at the times they were recorded, so no age tells them from a crash's files.
# It lists each in the recordings folder before writing it, in a file it holds locked until its rows
# are in: those are not adopted meanwhile, and found with the list unlocked (an import killed midway:
# the battery out, the process killed) they are removed, not kept as takes "saved but not analysed",
# which `coach reanalyze` made answers the same backup imported again then added a second time.
IMPORT_LIST = (".importing-", ".list")
KINDS = ("practice", "interview")


def add_recording(conn: sa.Connection, store: Store, saved, kind: str = "practice") -> int:
    """The id of the row for a SavedRecording, inserting it unless recovery already adopted it."""
    path = Path(saved.path)
    if not path.exists():
        raise StorageError(
            f"The recording {path} is missing, so nothing was saved; record or upload it again."
        )
    relative = store.relative(path)
    existing = conn.execute(
        sa.select(recordings.c.id).where(recordings.c.path == relative, mine(store, recordings))
    ).scalar()
    if existing is not None:
        conn.execute(
            recordings.update()
            .where(recordings.c.id == existing)
            .values(deleted_at=None, detached_at=None, original_name=saved.original_name or "")
        )
        return existing
    return conn.execute(
        recordings.insert().values(
            uid=new_uid(),
            owner=store.owner,
            path=relative,
            sha256=saved.sha256,
            size_bytes=saved.size_bytes,
            original_name=saved.original_name or "",
            kind=kind,
            created_at=utc_now(),
        )
    ).inserted_primary_key[0]


def _note_path(recording: Path) -> Path:
    """Hidden beside the recording, so recording_files() never takes it for one."""
    return recording.with_name(f".{recording.name}.question.json")


def note_question(recording: Path, question_id: str | None, question_text: str) -> bool:
    """Remember which question a take answers until its attempt is stored, so a take kept
    after a crash in transcription is analysed against its question, not as a free answer.

    Only a safety net: if it cannot be written (a full disk) the answer goes on without it, and
    the attempt's own database write says what is wrong if the disk stays full.

    A note beside the file rather than a column on its row, because the row is written with the
    attempt, after analysis: a row written before transcription would list the take as "saved,
    not analysed" while it is still being analysed, so `coach reanalyze` or another window could
    store it a second time, and each take would wait for a database write before transcribing.
    """
    if not question_id and not question_text:
        return False
    try:
        write_private(
            _note_path(recording), json.dumps({"question_id": question_id, "question_text": question_text})
        )
        return True
    except OSError:
        return False


def _note(recording: Path) -> dict:
    try:
        note = json.loads(_note_path(recording).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return note if isinstance(note, dict) else {}


def noted_question(recording: Path) -> tuple[str | None, str]:
    """(question id, question text) noted for a recording, or (None, "")."""
    note = _note(recording)
    return note.get("question_id") or None, str(note.get("question_text") or "")


def note_not_analysable(recording: Path, why: str, original_name: str = "") -> None:
    """Remember why a kept take could not be measured (silent, no speech heard, too short), so
    the history tells its owner what will help (record it again) instead of `coach reanalyze`,
    which would meet the same sound, and names the file they gave. A note that cannot be written
    only loses that advice."""
    note = (
        _note(recording)
        | {"not_analysable": why}
        | ({"original_name": original_name} if original_name else {})
    )
    try:
        write_private(_note_path(recording), json.dumps(note))
    except OSError:
        pass


def note_review(recording: Path, original_name: str, review: dict) -> None:
    """Remember, beside an interview recording just kept, what the user typed for its review (the
    interview to log it under, the speakers), until the review's rows hold it: a review stopped
    midway (the page left, the app closed) can then be finished as it was asked, with nothing typed
    again. Only a safety net, like `note_question`: a note that cannot be written loses that."""
    # a review asked again (the same bytes uploaded after one was stopped) is running, not stopped
    note = {k: v for k, v in _note(recording).items() if k != "stopped"}
    note |= {"original_name": original_name, "review": review}
    try:
        write_private(_note_path(recording), json.dumps(note))
    except OSError:
        pass


def note_review_stopped(recording: Path) -> None:
    """Mark a noted review as stopped midway, so the recording is listed at once as waiting (a
    file younger than `ORPHAN_MIN_AGE_S` is otherwise taken for a save still in flight)."""
    if _note(recording).get("review") is not None:
        note_stopped(recording)


def note_stopped(recording: Path) -> None:
    """Mark a kept recording as no save in flight (its analysis done, the database refused it), so
    it is listed at once as waiting: `coach reanalyze` run a moment after said there was nothing to
    analyse until it was a minute old (`ORPHAN_MIN_AGE_S`)."""
    try:
        write_private(_note_path(recording), json.dumps(_note(recording) | {"stopped": True}))
    except OSError:
        pass


def noted_original_name(recording: Path) -> str:
    """The file name the user gave a kept recording, as noted beside it ("" when none was)."""
    return str(_note(recording).get("original_name") or "")


def noted_review(recording: Path) -> dict | None:
    """What was typed for the review of a kept interview recording (`note_review`), or None."""
    review = _note(recording).get("review")
    return review if isinstance(review, dict) else None


def not_analysable_because(recording: Path) -> str | None:
    """The sentence saying why a kept take could not be measured, or None (never tried, or the
    analysis was interrupted: analysing it again may work)."""
    why = _note(recording).get("not_analysable")
    return str(why) if why else None


def forget_question(recording: Path) -> None:
    """Drop the note once the attempt holds the question (or the recording is gone)."""
    _note_path(recording).unlink(missing_ok=True)


def discard_copy(recording: Path) -> None:
    """Remove a copy kept before decoding that turned out not to be audio, with its note: nothing
    that is not a recording is stored as one (practice and review both come here)."""
    forget_question(recording)
    recording.unlink(missing_ok=True)


def is_referenced(conn: sa.Connection, recording_id: int) -> bool:
    for table in (attempts, interview_recordings):
        if conn.execute(sa.select(table.c.id).where(table.c.recording_id == recording_id).limit(1)).first():
            return True
    return False


@dataclass(frozen=True)
class OtherUses:
    """What else uses a recording besides one practice answer: other answers (their numbers, oldest
    first) and interviews (how many). A recording still used is not deleted with the answer."""

    answers: tuple[dict, ...] = ()  # each its "id" (#N in `coach history`) and "created_at"
    interviews: int = 0

    def __bool__(self) -> bool:
        return bool(self.answers or self.interviews)


def other_uses(store: Store, recording_id: int | None, *, besides_answer: int) -> OtherUses:
    """Who else uses the recording of practice answer `besides_answer`, as `mark_deleted` asks
    before removing it (an import killed midway, its files made answers here, then the same backup
    imported again: two answers to one recording)."""
    if recording_id is None:
        return OtherUses()
    with store.read() as conn:
        answers = conn.execute(
            sa.select(attempts.c.id, attempts.c.created_at)
            .where(
                attempts.c.recording_id == recording_id,
                attempts.c.id != besides_answer,
                mine(store, attempts),
            )
            .order_by(attempts.c.id)
        )
        found = tuple(plain(row) for row in answers)
        interviews = conn.execute(
            sa.select(sa.func.count())
            .select_from(interview_recordings)
            .where(interview_recordings.c.recording_id == recording_id, mine(store, interview_recordings))
        ).scalar_one()
    return OtherUses(found, interviews)


def mark_deleted(conn: sa.Connection, recording_id: int | None) -> bool:
    """Mark a recording for removal if nothing else uses it; the file goes after commit. (Its id
    comes from a row the caller has already read as the store owner's.)"""
    if recording_id is None or is_referenced(conn, recording_id):
        return False
    conn.execute(recordings.update().where(recordings.c.id == recording_id).values(deleted_at=utc_now()))
    return True


def mark_detached(conn: sa.Connection, recording_id: int | None) -> None:
    """Keep a recording whose attempt was deleted, without listing it as waiting for analysis."""
    if recording_id is not None and not is_referenced(conn, recording_id):
        conn.execute(recordings.update().where(recordings.c.id == recording_id).values(detached_at=utc_now()))


def finish_deletions(store: Store) -> int:
    """Remove the files of the owner's recordings marked deleted, then their rows. Returns files
    removed."""
    with store.read() as conn:
        rows = conn.execute(
            sa.select(recordings.c.id, recordings.c.path).where(
                recordings.c.deleted_at.is_not(None), mine(store, recordings)
            )
        ).all()
    removed = 0
    for row in rows:
        path = store.absolute(row.path)
        try:
            if path.exists():
                path.unlink()
                removed += 1
            forget_question(path)
        except OSError as e:
            raise StorageError(
                f"Could not delete the recording {path} ({e.strerror}); check the "
                "data directory's permissions.",
                on_server=server_fault("delete a recording of yours", e),
            ) from e
        with store.write() as conn:
            if not is_referenced(conn, row.id):
                this = sa.and_(recordings.c.id == row.id, recordings.c.deleted_at.is_not(None))
                remember_deleted(conn, store.owner, recordings, this)  # its audio stays out of an import
                conn.execute(recordings.delete().where(this, mine(store, recordings)))
    return removed


def _kind_from_path(store: Store, path: Path) -> str:
    parts = path.relative_to(store.settings.recordings_dir).parts
    return parts[0] if len(parts) > 1 and parts[0] in KINDS else "practice"


def recording_files(store: Store) -> list[Path]:
    """Every finished recording file of the owner: under recordings/ for the single user (not the
    cohort's folders in recordings/users/), under their own folder for a person of a cohort.
    Temporary '.saving-' files are left out."""
    root = store.settings.recordings_dir
    if not root.exists():
        return []

    def theirs(parts: tuple[str, ...]) -> bool:
        if any(part.startswith(".") for part in parts):
            return False
        return bool(store.owner) or not (len(parts) > 1 and parts[0] == OWNERS_FOLDER)

    return sorted(p for p in root.rglob("*") if p.is_file() and theirs(p.relative_to(root).parts))


@contextmanager
def importing(store: Store) -> Iterator[Callable[[Path], None]]:
    """Held while an import places recording files and writes their rows: what it yields is called
    with each file's path before the file is written (IMPORT_LIST)."""
    _imports_under_way(store)  # an import killed midway first: staging would remove its list unread
    with staging(store.settings.recordings_dir, *IMPORT_LIST) as listing:
        with open(listing, "a", encoding="utf-8") as out:

            def placing(path: Path) -> None:
                out.write(store.relative(path) + "\n")
                out.flush()
                os.fsync(out.fileno())  # listed on disk before the file is written

            yield placing


def _imports_under_way(store: Store) -> set[str]:
    """The files that imports still at work are placing (IMPORT_LIST), once the files an import
    killed midway placed and wrote no row for are removed with its list."""
    folder = store.settings.recordings_dir
    prefix, suffix = IMPORT_LIST
    under_way: set[str] = set()
    for listing in folder.glob(f"{prefix}*{suffix}") if folder.is_dir() else ():
        try:
            with open(listing, encoding="utf-8") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    locked = False
                except BlockingIOError:
                    locked = True
                # whole lines only: one cut short by the kill names no file
                placed = {line.strip() for line in handle if line.endswith("\n") and line.strip()}
                if locked:
                    under_way |= placed
                elif placed:  # listed only once locked: its import was killed
                    _remove_without_rows(store, placed)
                    listing.unlink()
                elif not changed_just_now(os.fstat(handle.fileno()).st_mtime_ns):
                    listing.unlink()  # killed before it placed a file (one just made may not be locked yet)
        except OSError:  # gone meanwhile (its import ended), or a file system without locks
            continue
    return under_way


def _remove_without_rows(store: Store, placed: set[str]) -> None:
    """Remove the files an import killed midway placed that no row points to (its rows are written in
    one transaction, after every file: all or none)."""
    root = store.settings.recordings_dir.resolve()
    with store.read() as conn:
        kept = set(
            conn.execute(
                sa.select(recordings.c.path).where(recordings.c.path.in_(placed), mine(store, recordings))
            ).scalars()
        )
    for relative in placed - kept:
        path = store.absolute(relative)
        if path.resolve().is_relative_to(root) and path.is_file():
            path.unlink()


def adopt_orphans(store: Store, *, min_age_s: float = ORPHAN_MIN_AGE_S) -> list[dict]:
    """Give every recording file without a row a row, so no recording is ever out of sight.

    The folder is walked again only when it may hold a file without a row: a pass that left none
    behind is remembered with the folders' modification times and the rows' count (`_settled`), and
    while neither has changed since, the Progress page's every rerun no longer lists every
    recording the person ever kept."""
    key = (str(store.engine.url), store.owner, str(store.settings.recordings_dir))
    before = _tree_state(store)
    if before is not None and _settled.get(key) == before:
        return []
    imported_now = _imports_under_way(store)
    files = recording_files(store)
    if not files:
        _settle(key, before)
        return []
    with store.read() as conn:
        known = set(conn.execute(sa.select(recordings.c.path).where(mine(store, recordings))).scalars())
    adopted = []
    # a file too young to adopt yet, or one being imported: the next pass looks again
    waiting = bool(imported_now)
    now = time.time()
    for path in files:
        relative = store.relative(path)
        if relative in known or relative in imported_now:
            continue
        # a take whose analysis already failed, or a review stopped midway, is no save in flight:
        # listed at once, by its name
        note = _note(path)
        done_with = note if note.get("not_analysable") or note.get("stopped") else None
        try:
            stat = path.stat()
            if done_with is None and now - stat.st_mtime < min_age_s:
                waiting = True
                continue
            # read before the write begins: hashing a long recording inside it held every other
            # save (another tab's, a cohort's worker's) back for as long as the file took to read
            digest = file_sha256(path)
        except FileNotFoundError:
            # removed since the folder was listed (a cohort's worker dropping an upload that was not
            # audio, a deletion finishing): nothing to adopt; the next pass looks at the folder again
            waiting = True
            continue
        row = dict(
            uid=new_uid(),
            owner=store.owner,
            path=relative,
            sha256=digest,
            size_bytes=stat.st_size,
            original_name=str(note.get("original_name") or "")[:500],
            kind=_kind_from_path(store, path),
            # when it was kept, not when it was found: it is listed by the time it was uploaded
            created_at=datetime.fromtimestamp(stat.st_mtime, UTC),
        )
        with store.write() as conn:
            if conn.execute(sa.select(recordings.c.id).where(recordings.c.path == relative)).first():
                continue
            conn.execute(recordings.insert().values(**row))
        adopted.append(plain(row))
    if not waiting:
        _settle(key, _tree_state(store) if adopted else before)
    return adopted


_settled: dict[tuple, tuple] = {}  # (database, owner, folder) → _tree_state after a pass left no orphan
_subfolders: dict[str, tuple[int, tuple[str, ...]]] = {}  # folder → (its mtime, its subfolders)
_cache_lock = threading.Lock()


def _settle(key: tuple, state: tuple | None) -> None:
    with _cache_lock:
        if state is None:
            _settled.pop(key, None)
        else:
            _settled[key] = state


def _tree_state(store: Store) -> tuple | None:
    """The recordings folder's folders with their modification times (a file added or removed
    changes its folder's), and the count and newest id of the owner's rows (a row removed, or
    another process's save); None when a folder changed a moment ago (`changed_just_now`). A folder whose
    time has not changed is not listed again: its subfolders are remembered."""
    root = str(store.settings.recordings_dir)
    now = time.time_ns()
    folders, stack = [], [root]
    while stack:
        folder = stack.pop()
        try:
            mtime = os.stat(folder).st_mtime_ns
        except OSError:
            continue
        if changed_just_now(mtime, now):
            return None
        with _cache_lock:
            cached = _subfolders.get(folder)
        if cached is not None and cached[0] == mtime:
            subfolders = cached[1]
        else:
            try:
                with os.scandir(folder) as entries:
                    subfolders = tuple(e.name for e in entries if e.is_dir(follow_symlinks=False))
            except OSError:
                return None
            with _cache_lock:
                _subfolders[folder] = (mtime, subfolders)
        folders.append((folder, mtime))
        stack.extend(os.path.join(folder, name) for name in subfolders)
    with store.read() as conn:
        rows = conn.execute(
            sa.select(sa.func.count(), sa.func.max(recordings.c.id)).where(mine(store, recordings))
        ).one()
    return (tuple(sorted(folders)), tuple(rows))


def recover_recordings(store: Store, *, min_age_s: float = ORPHAN_MIN_AGE_S) -> dict:
    """Finish what a crash interrupted: pending deletions, and files saved without a row."""
    removed = finish_deletions(store)
    adopted = adopt_orphans(store, min_age_s=min_age_s)
    return {"deleted_files": removed, "adopted": adopted}


def unanalysed_recordings(store: Store) -> list[dict]:
    """Recordings kept safe but never analysed: the app closed during transcription (analysing
    again will work) or the sound could not be measured (`not_analysable`: the sentence why). An
    interview recording's `review` is what was typed for its review (`note_review`), or None.
    `audio_missing`: its file is not in the data folder (a backup restored without its audio, the
    file moved by hand), so nothing can analyse it until the file is back."""
    query = (
        sa.select(recordings)
        .where(
            mine(store, recordings),
            recordings.c.deleted_at.is_(None),
            recordings.c.detached_at.is_(None),
            ~sa.exists().where(attempts.c.recording_id == recordings.c.id),
            ~sa.exists().where(interview_recordings.c.recording_id == recordings.c.id),
        )
        .order_by(recordings.c.created_at)
    )
    with store.read() as conn:
        rows = [plain(row) for row in conn.execute(query)]
    return [
        row
        | {
            "not_analysable": not_analysable_because(store.absolute(row["path"])),
            "review": noted_review(store.absolute(row["path"])) if row["kind"] == "interview" else None,
            "audio_missing": not store.absolute(row["path"]).is_file(),
        }
        for row in rows
    ]


@contextmanager
def being_analysed(path: Path) -> Iterator[None]:
    """Held while a kept take is analysed: a shared lock on its file, let go when the analysis ends
    or stops, or its process does (the page left, the app closed or killed). `interrupted_takes`
    leaves a take whose lock is held: another tab of the page, or `coach analyze` in a terminal,
    is analysing it still; the Practice page offered it as "kept but not analysed: the page was left"
    meanwhile, and "Analyse it now" would have analysed it twice."""
    try:
        handle = open(path, "rb")
    except OSError:  # nothing to hold: the analysis says what is wrong with the file
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH)
        except OSError:
            pass  # a file system without locks: as before, nothing told apart
        yield


def _analysed_now(path: Path) -> bool:
    """Whether an analysis holds `path` (`being_analysed`), in this process or another."""
    try:
        with open(path, "rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


def interrupted_takes(store: Store, *, within_s: float) -> list[Path]:
    """Practice takes saved in the last `within_s` seconds whose analysis never finished (the page
    was left while it ran, the app was closed), newest first: kept, but in no attempt, and not
    found unusable (`not_analysable_because`). A take that could not be measured is not one: the
    same sound would fail again."""
    with store.read() as conn:
        used = set(
            conn.execute(
                sa.select(recordings.c.path).where(
                    mine(store, recordings),
                    sa.or_(
                        recordings.c.deleted_at.is_not(None),
                        recordings.c.detached_at.is_not(None),
                        sa.exists().where(attempts.c.recording_id == recordings.c.id),
                        sa.exists().where(interview_recordings.c.recording_id == recordings.c.id),
                    ),
                )
            ).scalars()
        )
    now = time.time()
    root = store.settings.recordings_dir  # the person's own in a cohort
    # named on the person's clock (coach.audio.save_recording: whatever their zone, UTC-12 to UTC+14),
    # or on this machine's before that
    earliest, latest = now - within_s, now
    months = {time.strftime("%Y-%m", time.localtime(t)) for t in (earliest, latest)} | {
        time.strftime("%Y-%m", time.gmtime(t)) for t in (earliest - 12 * 3600, latest + 14 * 3600)
    }
    found = [
        (path.stat().st_mtime, path)
        for month in sorted(months)  # only the folders a recent take can be in: read on every visit
        if (root / "practice" / month).is_dir()
        for path in (root / "practice" / month).iterdir()
        if path.is_file()
        and not path.name.startswith(".")
        and store.relative(path) not in used
        and now - path.stat().st_mtime < within_s
        and not_analysable_because(path) is None
        and not _analysed_now(path)
    ]
    return [path for _, path in sorted(found, reverse=True)]


@dataclass(frozen=True)
class InterruptedTake:
    """A practice take kept but not analysed because its analysis was stopped midway."""

    path: Path
    question_id: str | None
    question_text: str


# A take left unanalysed is offered again on the Practice page for this long after it was saved.
INTERRUPTED_WITHIN_S = 2 * 3600.0


def interrupted_take(store: Store) -> InterruptedTake | None:
    """The latest take whose analysis was stopped midway (the Practice page left while it ran, the
    app closed) in the last two hours, with the question it answered; None when there is none."""
    found = interrupted_takes(store, within_s=INTERRUPTED_WITHIN_S)
    return InterruptedTake(found[0], *noted_question(found[0])) if found else None


def missing_recording_files(store: Store) -> list[dict]:
    """Rows whose file is gone from the data directory (moved or deleted by hand)."""
    with store.read() as conn:
        rows = conn.execute(
            sa.select(recordings).where(recordings.c.deleted_at.is_(None), mine(store, recordings))
        ).all()
    return [plain(row) for row in rows if not store.absolute(row.path).exists()]
