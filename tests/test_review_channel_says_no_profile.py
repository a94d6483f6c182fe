"""`coach review FILE --candidate-channel left` printed "Telling your voice by 1 saved practice
recording." though the channel decided who spoke (identification.method "channel"). Now nothing is
said about the profile when the channel decides; a file whose channels cannot decide (the same sound
on both) still says the profile told the voices apart when it did.

`coach review notes.wav` on a file that is not audio said "Telling your voice by 1 saved practice
recording." before saying the file could not be read: the file is checked first, and nothing is said
of voices for a file that cannot be used."""

import json
from pathlib import Path

import pytest
from cli_support import run_coach

CLIPS = Path(__file__).parent / "data"

PROFILE_WORDS = "your voice by"


@pytest.fixture(scope="module")
def one_practice_take(tmp_path_factory):
    """A data folder holding one saved practice take, the voice profile: made once for both tests
    (neither review is saved, so each leaves the folder as it found it)."""
    data_dir = tmp_path_factory.mktemp("data")
    done = run_coach("analyze", CLIPS / "interviews" / "candidate_practice.flac", "--save", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return data_dir


def test_the_channel_deciding_says_nothing_of_the_profile(one_practice_take):
    args = ["review", CLIPS / "stereo.wav", "--candidate-channel", "left"]
    done = run_coach(*args, "--json", "--no-progress", data_dir=one_practice_take)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["identification"]["method"] == "channel"
    assert PROFILE_WORDS not in done.stderr, done.stderr


def test_channels_that_cannot_decide_say_the_profile_told_the_voices_apart(one_practice_take):
    args = ["review", CLIPS / "interviews" / "identical_stereo.flac", "--candidate-channel", "left"]
    done = run_coach(*args, "--json", "--no-progress", data_dir=one_practice_take)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["identification"]["method"] == "voice profile"
    assert "Told your voice by 1 saved practice recording." in done.stderr, done.stderr


@pytest.mark.parametrize("save", [(), ("--save", "--company", "Northwind")])
def test_a_file_that_is_not_audio_is_said_before_anything_of_voices(one_practice_take, save):
    done = run_coach("review", CLIPS / "not_audio.wav", *save, "--no-progress", data_dir=one_practice_take)
    assert done.returncode == 1, done.stdout
    assert done.stderr.startswith("error: not_audio.wav is not audio the coach can read"), done.stderr
    assert PROFILE_WORDS not in done.stderr, done.stderr
