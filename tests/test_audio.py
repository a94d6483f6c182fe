"""Audio in: every container a browser or phone makes decodes to 16 kHz mono; bad files get one sentence."""

from __future__ import annotations

import ast
import struct
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from coach.audio import SAMPLE_RATE, load_audio, save_recording
from coach.errors import AudioError, NoSpeechError

CLEAN_SECONDS = 18.18


@pytest.mark.parametrize(
    "name", ["clean.wav", "clean.flac", "clean.ogg", "clean.webm", "clean.mp3", "clean.m4a", "phone_8k.wav"]
)
def test_every_container_decodes_to_16k_mono_float(clips, settings, name):
    audio = load_audio(clips / name, settings)
    assert audio.sample_rate == SAMPLE_RATE
    assert audio.samples.dtype == np.float32 and audio.samples.ndim == 1
    assert audio.duration_s == pytest.approx(CLEAN_SECONDS, abs=0.1)
    assert 0.3 < float(np.abs(audio.samples).max()) <= 1.0


def test_decoded_lossy_audio_matches_the_original(clips, settings):
    wav = load_audio(clips / "clean.wav", settings).samples
    webm = load_audio(clips / "clean.webm", settings).samples
    n = min(len(wav), len(webm))
    lag = int(np.argmax(np.correlate(webm[: 16000 * 3], wav[8000 : 8000 + 16000], mode="valid"))) - 8000
    aligned = webm[max(lag, 0) : max(lag, 0) + n - abs(lag)], wav[max(-lag, 0) : max(-lag, 0) + n - abs(lag)]
    assert np.corrcoef(*aligned)[0, 1] > 0.9


def test_source_format_is_reported(clips, settings):
    assert load_audio(clips / "phone_8k.wav", settings).source_sample_rate == 8000
    assert load_audio(clips / "clean.mp3", settings).source_channels == 2


def test_one_side_of_a_stereo_file_can_be_kept(clips, settings):
    # stereo.wav: the question on the right for its first ~2.5 s, the answer on the left after it.
    left = load_audio(clips / "stereo.wav", settings, channel="left").samples
    right = load_audio(clips / "stereo.wav", settings, channel="right").samples
    first_two_seconds = slice(0, 2 * SAMPLE_RATE)
    assert np.abs(left[first_two_seconds]).max() < 0.01
    assert np.abs(right[first_two_seconds]).max() > 0.3
    assert len(left) == len(right)


@pytest.mark.parametrize(
    "name, words",
    [
        ("empty.wav", "is empty"),
        ("not_audio.wav", "is not audio the coach can read"),
        ("truncated.mp3", "only 0.3 s long"),  # it said "0.29 s"
        ("short.wav", "only 0.3 s long; an answer needs at least 0.5 s"),  # it said "0.30 s"
        ("silence.wav", "is silent"),
    ],
)
def test_bad_files_get_one_clear_sentence(clips, settings, name, words):
    with pytest.raises(AudioError) as caught:
        load_audio(clips / name, settings)
    message = str(caught.value)
    assert words in message and name in message
    assert "\n" not in message


def test_a_take_too_short_is_said_to_a_tenth_of_a_second_never_as_long_as_needed():
    from coach.audio import too_short

    assert too_short(0.30, 0.5) == "0.3 s"  # it said "0.30 s"
    assert too_short(0.47, 0.5) == "0.4 s"  # not "0.5 s long; an answer needs at least 0.5 s"
    assert too_short(0.02, 0.5) == "a split second"  # not "0.0 s"


def test_silence_is_reported_as_no_speech(clips, settings):
    with pytest.raises(NoSpeechError):
        load_audio(clips / "silence.wav", settings)


def test_missing_file_and_folder(tmp_path, settings):
    with pytest.raises(AudioError, match="No file at"):
        load_audio(tmp_path / "nope.wav", settings)
    with pytest.raises(AudioError, match="is a folder"):
        load_audio(tmp_path, settings)


def test_a_file_over_the_limit_is_refused_before_decoding(clips, settings):
    with pytest.raises(AudioError, match=r"0:00:18 long, over the limit of 0:00:10"):
        load_audio(clips / "clean.wav", replace(settings, max_duration_s=10))


def test_a_page_says_a_file_is_too_long_without_naming_a_settings_key_or_file(clips, settings):
    """The terminal is told to raise max_duration_s in settings.toml; a page (a student's in a cohort,
    who has no such file) says the length, the limit and to cut the recording, nothing else."""
    with pytest.raises(AudioError) as error:
        load_audio(clips / "clean.wav", replace(settings, max_duration_s=10))
    assert "max_duration_s in settings.toml" in str(error.value)
    assert (
        error.value.in_app
        == "clean.wav is 0:00:18 long, over the limit of 0:00:10; cut it into shorter parts."
    )


def test_a_wav_header_claiming_hours_decodes_only_what_is_there(tmp_path, settings):
    # 44-byte header saying 4 GB of 16-bit 16 kHz mono follow (≈ 37 hours), then 1 s of tone.
    tone = (np.sin(np.arange(SAMPLE_RATE) / 5) * 10000).astype("<i2").tobytes()
    header = (
        b"RIFF"
        + struct.pack("<I", 0xFFFFFFF0)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, SAMPLE_RATE, SAMPLE_RATE * 2, 2, 16)
        + b"data"
        + struct.pack("<I", 0xFFFFFFD0)
    )
    path = tmp_path / "liar.wav"
    path.write_bytes(header + tone)
    audio = load_audio(path, settings)
    assert audio.duration_s == pytest.approx(1.0, abs=0.05)


def test_recording_is_saved_byte_for_byte_inside_the_data_directory(clips, settings):
    original = (clips / "clean.webm").read_bytes()
    saved = save_recording(original, settings, original_name="../../../etc/answer.webm")
    assert saved.path.read_bytes() == original
    assert saved.path.resolve().is_relative_to(settings.recordings_dir.resolve())
    assert saved.path.suffix == ".webm" and saved.size_bytes == len(original)
    assert not list(saved.path.parent.glob(".saving-*"))


def test_the_same_bytes_saved_twice_in_one_second_are_two_copies(clips, settings):
    """Two takes of one file saved within a second were given one name, the second written over
    the first: deleting either take deleted the other's recording."""
    original = (clips / "clean.webm").read_bytes()
    for _ in range(3):  # until both saves fall within one second (a few milliseconds apart)
        started = int(time.time())
        first, second = (save_recording(original, settings, original_name="take.webm") for _ in range(2))
        if int(time.time()) == started:
            break
    assert first.path != second.path and first.sha256 == second.sha256
    second.path.unlink()
    assert first.path.read_bytes() == original
    assert not list(first.path.parent.glob(".saving-*"))


def test_hostile_names_never_reach_the_file_system(settings):
    saved = save_recording(b"RIFF....", settings, original_name='x"\n<script>.w;av')
    assert saved.path.suffix == ".bin"
    assert saved.path.resolve().is_relative_to(settings.recordings_dir.resolve())
    assert saved.original_name == 'x"\n<script>.w;av'


def test_a_file_on_disk_is_copied_in_blocks_byte_for_byte(tmp_path, settings):
    big = tmp_path / "long call.wav"
    payload = bytes(range(256)) * (3 * 4096 + 7)  # 3 MB and a bit: more than one block
    big.write_bytes(payload)
    saved = save_recording(big, settings, kind="interview")
    assert saved.path.read_bytes() == payload and saved.size_bytes == len(payload)
    assert saved.original_name == "long call.wav" and saved.path.parent.parent.name == "interview"
    import hashlib

    assert saved.sha256 == hashlib.sha256(payload).hexdigest()


def test_the_sample_rate_every_stage_works_at_is_defined_once():
    package = Path(__file__).resolve().parent.parent / "coach"
    defined = [
        str(path.relative_to(package))
        for path in sorted(package.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "SAMPLE_RATE" for t in node.targets)
    ]
    assert defined == ["types.py"]


@pytest.mark.parametrize(
    "head, audio",
    [
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", True),
        (b"fLaC\x00\x00\x00\x22", True),
        (b"OggS\x00\x02", True),
        (b"ID3\x04\x00", True),
        (b"\x00\x00\x00\x1cftypM4A ", True),
        (b"\x1a\x45\xdf\xa3\x9f", True),
        (b"these are my notes\n", False),
        (b"<html><script>", False),
        (b"PK\x03\x04", False),
    ],
)
def test_a_file_that_starts_like_audio_may_be_a_damaged_recording(tmp_path, head, audio):
    from coach.audio import looks_like_audio

    path = tmp_path / "upload"
    path.write_bytes(head + bytes(64))
    assert looks_like_audio(path) is audio
