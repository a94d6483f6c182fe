"""`coach transcribe` / `coach analyze`'s bar in a fresh terminal: no time left said before it is known."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import run_coach

from coach.pace import TimeLeft

NEWS = Path(__file__).parent / "data" / "real_speech" / "news.wav"  # 2:49 of real speech: six windows


@pytest.mark.slow
@pytest.mark.decoded_afresh  # its pace is Whisper's own: a decode replayed (tests/decoded_once.py) has none
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


def _reports(window_s: float, windows: int = 6, per_window: int = 5, split_first_at: int | None = None):
    """(when, how far) of each report as Whisper gives them: `per_window` at once after each window's
    decode of `window_s`, over `windows` windows of 30 s; `split_first_at` puts a 60 ms pause (the
    scheduler) inside the first window's reports."""
    now, reports = 0.0, []
    for w in range(windows):
        now += window_s
        for r in range(per_window):
            now += 0.06 if (w == 0 and r == split_first_at) else 0.0001
            reports.append((now, 30 * w + 30 * (r + 1) / per_window))
    return reports


def _said(reports, total=180.0):
    clock = iter([t for t, _ in reports])
    left = TimeLeft(clock=lambda: next(clock))
    return [(t, done, left.seconds(done, total)) for t, done in reports]


@pytest.mark.parametrize("window_s", [0.12, 0.7, 3.0])
def test_a_time_left_is_said_from_the_third_window_however_fast_the_machine(window_s):
    said = _said(_reports(window_s))
    # the clean clone that decoded windows under 0.2 s apart said none in all six
    assert all(s is None for t, done, s in said if done <= 60), said
    paced = [(t, s) for t, done, s in said if s is not None]
    assert paced, said
    end = said[-1][0]
    for t, s in paced:  # within a window's decode of the truth (the last window's reports still to come)
        assert abs((end - t) - s) <= window_s + 0.01, (t, s, end - t)


def test_a_windows_reports_split_by_a_busy_machine_do_not_say_no_time_left():
    said = _said(_reports(0.7, split_first_at=2))
    end = said[-1][0]
    for t, done, s in said:
        if s is not None:
            assert abs((end - t) - s) <= 0.8, (t, done, s, end - t)
