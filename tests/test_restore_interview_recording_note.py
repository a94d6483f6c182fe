"""A recording kept with an interview whose review could not use it (silent) keeps, restored from a
backup into a fresh folder, both its audio and the sentence saying why: before, the note beside it
was left out of the backup (only recordings kept with nothing carried theirs), and the restored
interview said its review "was stopped before the end" instead of that the recording is silent."""

from __future__ import annotations

import json

import numpy as np
import soundfile as sf
from cli_support import coach_printed, run_coach, unwrapped

SILENT = "silent.wav is silent; check it is the interview recording, with the voices audible."


def test_a_silent_interview_recording_and_why_survive_a_restore(tmp_path):
    here, restored = tmp_path / "here", tmp_path / "restored"
    sf.write(tmp_path / "silent.wav", np.zeros(16000 * 5, dtype="float32"), 16000)
    coach_printed(here, "add-interview", "Acme", "--date", "2026-11-01", "--stage", "onsite")
    review = run_coach("review", tmp_path / "silent.wav", "--save", "--interview", "1", data_dir=here)
    assert review.returncode == 1 and SILENT in review.stderr
    assert f"A recording not analysed: {SILENT}" in unwrapped(coach_printed(here, "interview", "1"))
    coach_printed(here, "export", tmp_path / "backup.zip")

    coach_printed(restored, "import", tmp_path / "backup.zip")
    assert f"A recording not analysed: {SILENT}" in unwrapped(coach_printed(restored, "interview", "1"))
    shown = json.loads(coach_printed(restored, "interview", "1", "--json"))
    assert shown["recordings_not_analysed"] == [SILENT]
    [kept] = shown["recordings"]
    assert (restored / kept["recording_path"]).stat().st_size == (tmp_path / "silent.wav").stat().st_size
