"""Five browser sessions practising at once against one app process: every attempt saved, none
mixed up. One attempt a session keeps it bounded; `benchmarks/load.py` runs more and reports latency."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.slow
def test_five_sessions_at_once_save_every_attempt_under_the_right_session(tmp_path):
    from benchmarks import load

    if not Path(load.CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    result = load.run(5, 1, tmp_path)
    print("\n" + load.report(result, 1))
    assert result["problems"] == []
    # each session's one take is its 1st at its own question, whatever ids the database gave them
    assert [s.attempt_numbers for s in result["sessions"]] == [[1]] * 5
