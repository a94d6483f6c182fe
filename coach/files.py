"""Files the coach writes are its owner's only: folders 0700, files 0600, written atomically.

Recordings, transcripts, notes and voiceprints are personal; on a shared machine nobody else may
read them, whatever the process's umask. Every writer in the coach goes through these helpers,
and the hourly limits of a cohort count what they wrote in the last hour here.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

FOLDER_MODE = 0o700
FILE_MODE = 0o600

# A file or folder changed less than this long ago may change again within the same mtime tick
# (unseen by its stat), so what was read from it then is not remembered as settled.
STILL_S = 3.0


def file_sha256(path: Path | str) -> str:
    """SHA-256 of a file, read in blocks (a recording can be a gigabyte)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def changed_just_now(mtime_ns: int, now_ns: int | None = None) -> bool:
    """Whether a file or folder modified at `mtime_ns` may still change unseen (STILL_S)."""
    return (time.time_ns() if now_ns is None else now_ns) - mtime_ns < STILL_S * 1e9


def private_folder(path: Path) -> Path:
    """Create `path` and any missing parents as folders only their owner can open."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue
        folder.chmod(FOLDER_MODE)  # mkdir's mode is masked by the umask
    return path


def private_temporary(folder: Path, prefix: str = ".saving-", suffix: str = "") -> tuple[int, Path]:
    """A new hidden file in `folder` (created private), as an open descriptor and its path."""
    private_folder(folder)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=suffix)  # mkstemp creates it 0600
    return fd, Path(tmp)


@contextlib.contextmanager
def staging(folder: Path, prefix: str, suffix: str = ".partial") -> Iterator[Path]:
    """A hidden private file in `folder` to write something big in (a backup), removed when the
    block ends unless it took another name meanwhile (os.replace). Never in the system's temporary
    folder: a backup staged there by an export killed midway (Ctrl-C twice, SIGKILL, the machine
    off) stayed there, the person's recordings and database with it. One left here that way is
    removed by the next staging in the same folder: its writer's lock went with its process."""
    private_folder(folder)
    remove_abandoned(folder, prefix, suffix)
    fd, tmp = private_temporary(folder, prefix=prefix, suffix=suffix)
    try:
        with contextlib.suppress(OSError):  # a file system without locks: it is still removed below
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)
        os.close(fd)  # lets go of the lock


def remove_abandoned(folder: Path, prefix: str, suffix: str) -> list[Path]:
    """Remove the files `staging` left in `folder` when its process was killed: not locked by a
    writer still at work, and not written to in the last few seconds (STILL_S)."""
    removed = []
    # only names staging gives (mkstemp's 8 letters between them): a file of the person's own that
    # merely starts and ends alike (".export-old.zip" in their Downloads) is theirs, not a leftover
    made_here = re.compile(re.escape(prefix) + r"[a-z0-9_]{8}" + re.escape(suffix))
    for path in folder.glob(f"{prefix}*{suffix}"):
        if not made_here.fullmatch(path.name):
            continue
        try:
            if not path.is_file() or path.is_symlink() or changed_just_now(path.stat().st_mtime_ns):
                continue
            fd = os.open(path, os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError: still being written
                path.unlink()
            finally:
                os.close(fd)
        except OSError:
            continue
        removed.append(path)
    return removed


def write_private(path: Path, data: bytes | str) -> Path:
    """Write `data` to `path` atomically (a crash leaves the old file or the new, never half)."""
    fd, tmp = private_temporary(path.parent, prefix=f".{path.name}.", suffix=".saving")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            out.flush()
            os.fsync(out.fileno())  # on disk before it takes the name: a power cut leaves old or new
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def private_log(path: Path) -> IO[str]:
    """A log file (emptied if it exists) open for writing, readable by its owner only."""
    private_folder(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(fd, FILE_MODE)  # an existing file keeps its old mode through O_CREAT
    return os.fdopen(fd, "w")


# ---------------------------------------------------------------- what was written in the last hour
def files_of_the_last_hour(
    folder: Path, *, now: float | None = None, on_disk: bool = False
) -> list[tuple[float, int]]:
    """(when, bytes) of the files in `folder` from the last hour: the recordings by modification
    time, or with `on_disk` every file by when it was last written to disk, restored ones too (a
    restored recording keeps its recorded time as its modification time; its change time, st_ctime,
    no program can set back)."""
    if not folder.exists():
        return []
    since = (now or time.time()) - 3600
    found = []
    for path in folder.rglob("*"):
        try:
            counted = on_disk or not path.name.startswith(".") or path.name.startswith(".saving-")
            if not counted or not path.is_file():
                continue
            stat = path.stat()
            when = max(stat.st_mtime, stat.st_ctime) if on_disk else stat.st_mtime
            if when >= since:
                found.append((when, stat.st_size))
        except OSError:
            continue
    return found


def try_again_in(oldest: float, *, now: float | None = None) -> str:
    """'try again in 12 minutes': when the oldest of the last hour's files leaves the hour."""
    wait_min = max(1, round((oldest + 3600 - (now or time.time())) / 60))
    return f"try again in {wait_min} minute{'s' if wait_min != 1 else ''}"
