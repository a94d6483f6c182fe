"""A review not saved keeps nothing once it is done: `coach review FILE` without --save left the whole
call's words (the interviewer's too) and each answer's transcript in review-work/, which no command
listed or deleted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_support import run_coach

pytestmark = pytest.mark.slow
CLIP = Path(__file__).parent / "data" / "interviews" / "interview_short.flac"
# 24 s, two voices and an answer: an unsaved review shows the same here as on the 58 s interview_mono.flac


def _kept_work(data: Path) -> list[Path]:
    work = data / "review-work"
    return sorted([*work.rglob("chunk-*.npz"), *work.rglob("answer-*.json")]) if work.exists() else []


def test_an_unsaved_review_leaves_no_transcript(tmp_path):
    data = tmp_path / "data"
    done = run_coach("review", CLIP, "--json", "--no-progress", data_dir=data)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["answers"] and result["processing"]["chunks"] >= 1  # it was reviewed, in chunks
    assert _kept_work(data) == []
    assert run_coach("export", tmp_path / "out.zip", data_dir=data).returncode != 0  # nothing to export
    # a saved review's work stays, and an unsaved review of the same recording reuses it and leaves
    # it there: the next test, on one_voice.flac (it had reviewed the 58 s interview_mono.flac twice
    # more here)


def test_the_hint_after_one_voice_says_an_unsaved_review_transcribes_again(tmp_path):
    """After an unsaved review that found one voice, the hint said only to run `coach review
    --speakers 2 FILE`, which transcribes the whole call again (an unsaved review keeps no
    transcript): it now says so, and about how long that takes. A saved review's work stays, and
    an unsaved review of the same recording reuses it without deleting it."""
    data = tmp_path / "data"
    clip = Path(__file__).parent / "data" / "interviews" / "one_voice.flac"
    done = run_coach("review", clip, "--no-progress", data_dir=data)
    assert done.returncode == 0, done.stderr
    [hint] = [
        line for line in done.stderr.splitlines() if line.startswith("To review it again as two voices")
    ]
    assert "which transcribes the whole call again (" in hint, hint
    assert "as this review took; with --save its transcription is kept for reviewing again)" in hint, hint
    assert hint.endswith(f": coach review --speakers 2 {clip}"), hint
    assert _kept_work(data) == []

    # saved, its transcription is kept: the hint says the rerun reuses it, and it does
    saved = run_coach("review", clip, "--save", "--company", "Acme", "--no-progress", data_dir=data)
    assert saved.returncode == 0, saved.stderr
    [hint] = [
        line for line in saved.stderr.splitlines() if line.startswith("To review it again as two voices")
    ]
    assert hint == (
        "To review it again as two voices (its transcription is reused): "
        f"coach review --speakers 2 --save --interview 1 {clip}"
    ), hint
    again = run_coach(
        "review",
        clip,
        "--speakers",
        "2",
        "--save",
        "--interview",
        "1",
        "--json",
        "--no-progress",
        data_dir=data,
    )
    assert again.returncode == 0, again.stderr
    processing = json.loads(again.stdout)["processing"]
    assert processing["chunks_reused"] == processing["chunks"] >= 1, processing

    # a saved review's work stays, for reviewing again; an unsaved review of the same recording
    # reuses it and leaves it there
    kept = _kept_work(data)
    assert any(p.name.startswith("chunk-") for p in kept)
    unsaved = run_coach("review", clip, "--speakers", "2", "--json", "--no-progress", data_dir=data)
    assert unsaved.returncode == 0, unsaved.stderr
    assert json.loads(unsaved.stdout)["processing"]["chunks_reused"] >= 1
    assert _kept_work(data) == kept
