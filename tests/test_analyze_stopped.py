"""Ctrl+C during `coach analyze FILE --save` said "Stopped by the user; nothing was lost." and
exited 130: the take was kept, but nothing said so or where, and `coach history` did not list it
for a minute (a file without its row is taken for a save still in flight until then). Now the
sentence says where the recording is kept and that `coach reanalyze` analyses it, and `coach
history` lists it at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cli_support import run_coach

REPO = Path(__file__).resolve().parent.parent
TAKE = REPO / "tests" / "data" / "interviews" / "candidate_practice.flac"


def _stopped_midway(data_dir: Path) -> subprocess.CompletedProcess:
    """`coach analyze TAKE --save` in its own process, sent SIGINT (as Ctrl+C is) once the take is
    kept and its analysis has begun."""
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO)}
    env.pop("COACH_DATABASE_URL", None)
    args = [sys.executable, "-m", "coach", "analyze", str(TAKE), "--save", "--no-progress"]
    child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list((data_dir / "recordings").rglob("*.flac")) and child.poll() is None:
        assert time.monotonic() < deadline, "the take was never kept"
        time.sleep(0.05)
    time.sleep(0.3)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    return subprocess.CompletedProcess(args, child.returncode, out, err)


def test_a_take_stopped_midway_is_said_kept_listed_at_once_and_analysed_by_reanalyze(tmp_path):
    stopped = _stopped_midway(tmp_path)
    assert stopped.returncode == 130, stopped.stderr
    [kept] = list((tmp_path / "recordings").rglob("*.flac"))
    said = " ".join(stopped.stderr.split())
    assert "nothing was lost" not in said, said
    assert f"The recording is kept at {kept}" in said, said
    assert "`coach reanalyze` analyses it" in said, said
    # wrapped within 80 columns but for the path, whole on its line to copy
    assert all(len(line) <= 80 or str(kept) in line for line in stopped.stderr.splitlines()), stopped.stderr

    listed = run_coach("history", data_dir=tmp_path)  # seconds after, not a minute
    assert listed.returncode == 0, listed.stderr
    waiting = " ".join(listed.stdout.split())
    assert f"{kept.relative_to(tmp_path)}: its analysis was interrupted; run `coach reanalyze`" in waiting, (
        waiting
    )

    finished = run_coach("reanalyze", data_dir=tmp_path)
    assert finished.returncode == 0, finished.stderr
    assert "1 recording analysed for the first time" in " ".join(finished.stdout.split()), finished.stdout
    listed = run_coach("history", data_dir=tmp_path)
    assert "not analysed" not in listed.stdout and "#1" in listed.stdout, listed.stdout
