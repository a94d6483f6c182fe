"""`coach review FILE --candidate-channel left` printed "Telling your voice by 1 saved practice
recording." though the channel decided who spoke (identification.method "channel"). Now nothing is
said about the profile when the channel decides; a file whose channels cannot decide (the same sound
on both) still says the profile told the voices apart when it did."""

import json

from cli_support import run_coach

PROFILE_WORDS = "your voice by"


def _one_practice_take(data_dir, clips) -> None:
    done = run_coach("analyze", clips / "interviews" / "candidate_practice.flac", "--save", data_dir=data_dir)
    assert done.returncode == 0, done.stderr


def test_the_channel_deciding_says_nothing_of_the_profile(tmp_path, clips):
    _one_practice_take(tmp_path, clips)
    args = ["review", clips / "interviews" / "interview_stereo.flac", "--candidate-channel", "left"]
    done = run_coach(*args, "--json", "--no-progress", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["identification"]["method"] == "channel"
    assert PROFILE_WORDS not in done.stderr, done.stderr


def test_channels_that_cannot_decide_say_the_profile_told_the_voices_apart(tmp_path, clips):
    _one_practice_take(tmp_path, clips)
    args = ["review", clips / "interviews" / "identical_stereo.flac", "--candidate-channel", "left"]
    done = run_coach(*args, "--json", "--no-progress", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["identification"]["method"] == "voice profile"
    assert "Told your voice by 1 saved practice recording." in done.stderr, done.stderr
