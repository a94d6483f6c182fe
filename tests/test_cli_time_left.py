"""`coach transcribe` / `coach analyze`'s bar in a fresh terminal: no time left said before it is known."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import run_coach

NEWS = Path(__file__).parent / "data" / "real_speech" / "news.wav"  # 2:49 of real speech: six windows


@pytest.mark.slow
def test_the_time_left_is_said_only_once_this_run_has_a_pace(tmp_path):
    result = run_coach("transcribe", NEWS, data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    drawn = [d for d in re.split(r"[\r\n]", result.stderr) if "Transcribing" in d]
    assert drawn, result.stderr
    # the bar first shows once Whisper's first 30 s window is decoded, 19% at once: tqdm, timing
    # from there, said "00:00<00:00" (no time left) with 22 s to go, and 00:00-00:06 all through
    assert not any("<" in d for d in drawn), drawn[:3]
    assert "left" not in drawn[0]
    said = [d for d in drawn if "left to transcribe" in d]
    assert said, drawn  # six windows: a pace from the second on
    assert re.search(r"about \d+:\d\d left to transcribe", said[0])
