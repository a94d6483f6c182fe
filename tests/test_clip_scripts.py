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


def test_the_mock_answer_clips_are_the_committed_bytes(tmp_path):
    """scripts/make_mock_answers.sh remakes tests/data/mock exactly (espeak-ng, sox -R)."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    subprocess.run(["bash", str(root / "scripts" / "make_mock_answers.sh"), str(tmp_path)], check=True)
    committed = root / "tests" / "data" / "mock"
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert made == sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    for name in made:
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), name
