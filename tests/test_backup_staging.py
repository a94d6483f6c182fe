"""A backup stopped midway leaves nothing of the person's in the system's temporary folder: it is
written beside where it goes (a hidden file the next backup removes), or for the Settings page's
download in the data folder, never in /tmp."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from store_support import record, save_answer

from coach.config import load_settings
from coach.store import open_store

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent

# The Settings page's "Download a backup", as the app calls it.
DOWNLOAD = textwrap.dedent("""
    import sys
    from coach.config import load_settings
    from coach.data_admin import export_bytes
    from coach.store import open_store
    export_bytes(open_store(load_settings(data_dir=sys.argv[1]), recover=False))
""")


def _answer_held_open(data_dir: Path) -> Path:
    """A data folder with one practice answer whose recording a backup cannot finish reading: it
    is a pipe nobody writes to, so the backup stops midway, as a big one being written does."""
    settings = load_settings(data_dir=data_dir)
    store = open_store(settings)
    saved = record(settings, 330.0)
    save_answer(store, "q", "Q?", recording=saved)
    store.close()
    saved.path.unlink()
    os.mkfifo(saved.path)
    return saved.path


def _killed_midway(command: list[str], data_dir: Path, temp: Path, staged_in: Path) -> None:
    """Run `command`, and kill it (SIGKILL) once it has started writing the backup somewhere."""
    env = {
        **os.environ,
        "TMPDIR": str(temp),
        "COACH_DATA_DIR": str(data_dir),
        "PYTHONPATH": f"{REPO}{os.pathsep}{TESTS}",
    }
    env.pop("COACH_DATABASE_URL", None)
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not any(p.suffix == ".zip" for folder in (temp, staged_in) for p in folder.rglob("*")):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the backup never started"
            time.sleep(0.05)
        time.sleep(0.2)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)


def _everything_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_coach_export_killed_midway_leaves_one_hidden_file_the_next_export_removes(tmp_path):
    data_dir, temp, out = tmp_path / "data", tmp_path / "temp", tmp_path / "backups"
    temp.mkdir()
    out.mkdir()
    pipe = _answer_held_open(data_dir)
    command = [sys.executable, "-m", "coach.cli", "export", str(out / "backup.zip")]
    _killed_midway(command, data_dir, temp, out)
    assert _everything_in(temp) == []
    left = _everything_in(out)
    assert len(left) == 1 and left[0].startswith("."), left  # hidden, beside the backup
    assert (out / left[0]).stat().st_mode & 0o777 == 0o600

    pipe.unlink()  # the recording readable again: the next export goes to the end
    pipe.write_bytes(b"RIFF")
    os.utime(out / left[0], (time.time() - 60, time.time() - 60))  # killed a minute ago
    mine = out / ".export-mine.zip"  # the person's own file, named alike: not the coach's to remove
    mine.write_bytes(b"mine")
    os.utime(mine, (time.time() - 60, time.time() - 60))
    from cli_support import coach_printed

    assert "Exported 1 practice answer" in coach_printed(data_dir, "export", out / "again.zip")
    # the partial one of the killed export is gone, the person's own stays
    assert _everything_in(out) == [mine.name, "again.zip"]


def test_the_settings_page_download_killed_midway_leaves_nothing_in_the_temporary_folder(tmp_path):
    data_dir, temp = tmp_path / "data", tmp_path / "temp"
    temp.mkdir()
    pipe = _answer_held_open(data_dir)
    _killed_midway([sys.executable, "-c", DOWNLOAD, str(data_dir)], data_dir, temp, data_dir)
    assert _everything_in(temp) == []

    pipe.unlink()
    pipe.write_bytes(b"RIFF")
    for left in data_dir.glob(".*.zip"):
        os.utime(left, (time.time() - 60, time.time() - 60))
    from coach.data_admin import export_bytes

    store = open_store(load_settings(data_dir=data_dir), recover=False)
    data, info = export_bytes(store)
    store.close()
    assert data.startswith(b"PK") and info["counts"]["attempts"] == 1
    assert list(data_dir.glob(".*.zip")) == []  # nothing of the killed one stays in the data folder
