"""Nothing about the user's use of the coach is kept for sending away: no library's usage
statistics (ONNX Runtime, under faster-whisper's voice detection and the mock interviewer's voice,
queues them on Linux for Microsoft unless told not to)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
CLIP = Path(__file__).resolve().parents[1] / "data" / "clean.wav"


def test_transcribing_a_take_keeps_no_usage_statistics_for_sending(tmp_path):
    """`coach transcribe` in a new interpreter, as a user runs it: ONNX Runtime 1.32 used to write a
    device id and a queue of events to send (the process's path, the model's file name, run times)
    under ~/.cache/Microsoft, and a session file in the temporary folder."""
    home, temporary, data = tmp_path / "home", tmp_path / "tmp", tmp_path / "data"
    for folder in (home, temporary):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("ORT_DISABLE_TELEMETRY", "XDG_CACHE_HOME")}
    env |= {"HOME": str(home), "TMPDIR": str(temporary), "COACH_DATA_DIR": str(data), "OMP_NUM_THREADS": "1"}
    env.pop("COACH_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "coach", "transcribe", str(CLIP)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()  # it did transcribe (the voice detection ran)
    kept = sorted(str(p.relative_to(tmp_path)) for p in (*home.rglob("*"), *temporary.rglob("*")))
    assert kept == []
