"""A recording kept but never analysed has no answer number: `coach delete-recording` deletes it,
named as `coach history` lists it, and says first what an interrupted one still is."""

from __future__ import annotations

import os
import re
import time

import pytest
from cli_support import not_analysed, run_coach
from store_support import analysis_dict, record, transcript_dict

from coach.errors import NoSpeechError
from coach.practice import practice_answer
from coach.store import open_store, save_attempt


def _not_analysed(settings) -> list[str]:
    shown = run_coach("history", data_dir=settings.data_dir)
    assert shown.returncode == 0, shown.stderr
    return not_analysed(shown.stdout)


def _path(line: str) -> str:
    """The recording's path in "saved but not analysed: quiet.wav (recordings/…): …"."""
    return re.search(r"recordings/[^\s():]+", line).group()


def _silent_take(settings, clips):
    with pytest.raises(NoSpeechError):
        practice_answer((clips / "silence.wav").read_bytes(), settings, original_name="quiet.wav")
    [take] = [p for p in settings.recordings_root.rglob("*.wav")]
    return take


def test_a_silent_take_is_deleted_by_the_path_history_shows_with_its_hidden_note(settings, clips):
    take = _silent_take(settings, clips)
    note = take.with_name(f".{take.name}.question.json")
    assert note.exists()
    [line] = _not_analysed(settings)
    path = _path(line)

    deleted = run_coach("delete-recording", path, "--yes", data_dir=settings.data_dir)

    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout.strip() == f"Deleted the recording quiet.wav ({path})."
    assert not take.exists() and not note.exists()
    assert _not_analysed(settings) == []


def test_an_interrupted_take_is_said_to_be_analysable_before_it_goes(settings):
    """A take whose analysis a crash stopped is one `coach reanalyze` finishes: a script asking to
    delete it without --yes is told what it is, and nothing goes."""
    interrupted = record(settings, 500.0)
    hour_ago = time.time() - 3600  # older than a save in flight: the store adopts it
    os.utime(interrupted.path, (hour_ago, hour_ago))
    open_store(settings).close()
    [line] = _not_analysed(settings)
    path = _path(line)

    refused = run_coach("delete-recording", path, data_dir=settings.data_dir)

    assert refused.returncode != 0
    assert "can still be analysed" in refused.stderr and "--yes" in refused.stderr, refused.stderr
    assert interrupted.path.exists()
    assert run_coach("delete-recording", path, "--yes", data_dir=settings.data_dir).returncode == 0
    assert not interrupted.path.exists()


def test_an_analysed_answers_recording_is_not_deleted_as_one_not_analysed(settings):
    take = record(settings, 300.0)
    db = open_store(settings)
    try:
        save_attempt(db, question_id=None, question_text="", recording=take, transcript=transcript_dict(),
                     analysis=analysis_dict(), engine="faster-whisper", model="tiny")  # fmt: skip
        path = db.relative(take.path)
    finally:
        db.close()

    refused = run_coach("delete-recording", path, "--yes", data_dir=settings.data_dir)

    assert refused.returncode != 0
    assert "coach delete-answer" in refused.stderr, refused.stderr
    assert take.path.exists()


def test_history_says_how_to_delete_a_recording_not_analysed_right_under_it(settings, clips):
    """The line "Delete a recording not analysed with `coach delete-recording` and its path." went
    to stderr: `coach history | less` showed the recordings without it, and `coach history >
    list.txt` kept them without it. It is now on stdout, the line after them."""
    _silent_take(settings, clips)
    shown = run_coach("history", data_dir=settings.data_dir)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "0 practice answers.", lines
    assert lines[1].startswith("saved but not analysed: quiet.wav"), lines
    assert lines[-1] == "Delete a recording not analysed with `coach delete-recording` and its path.", lines
    assert len(not_analysed(shown.stdout)) == 1 and shown.stderr == "", shown.stderr
