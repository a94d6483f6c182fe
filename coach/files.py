"""Files the coach writes are its owner's only: folders 0700, files 0600, written atomically.

Recordings, transcripts, notes and voiceprints are personal; on a shared machine nobody else may
read them, whatever the process's umask. Every writer in the coach goes through these helpers.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO

FOLDER_MODE = 0o700
FILE_MODE = 0o600


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
