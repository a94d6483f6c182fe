"""The scripts that generate benchmark clips give the same bytes every run, so a benchmark's figures
move only when the code does (sox seeds its dither at random unless told to repeat)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import make_interview_clips as clips  # noqa: E402


@pytest.mark.parametrize("form", ["mono", "phone"])
def test_a_generated_interview_is_the_same_bytes_every_run(tmp_path, form):
    script = clips.interview_script([0], closing=False)
    first, second = tmp_path / f"a-{form}.flac", tmp_path / f"b-{form}.flac"
    clips.build_interview(first, script, form=form, seed=3)
    clips.build_interview(second, script, form=form, seed=3)
    assert first.read_bytes() == second.read_bytes()
