"""Hostile audio through the uploader's path and `coach analyze`: one clear sentence, never a crash.

Every file goes through `practice_answer` exactly as the Practice page hands it an upload (bytes
plus the browser's file name) and through the `coach analyze` command. Each must end in either a
stored, analysed attempt or one CoachError sentence; the bytes are always kept in the data
directory, and nothing is written anywhere else.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import coach_command
from click.testing import CliRunner
from hostile import (
    AUDIO_SUFFIXES,
    REAL_CLIPS,
    corrupted,
    flac_of_silence,
    hostile_names,
    random_bytes,
    truncated,
    wav_claiming_4gb,
)

from coach.errors import AudioError, CoachError, NotAudioError
from coach.practice import practice_answer
from coach.store import list_attempts, open_store

pytestmark = pytest.mark.slow
CLIPS = Path(__file__).resolve().parents[1] / "data"


def hostile_files() -> list[tuple[str, str, bytes]]:
    """(label, file name as uploaded, bytes)."""
    files = [
        (f"random-{ext}-{seed}", f"answer.{ext}", random_bytes(seed))
        for seed in (1, 2)
        for ext in AUDIO_SUFFIXES
    ]
    files += [(f"empty-{ext}", f"answer.{ext}", b"") for ext in AUDIO_SUFFIXES]
    for clip in REAL_CLIPS:
        data = (CLIPS / clip).read_bytes()
        files += [
            (f"truncated-{fraction}-{clip}", clip, truncated(data, fraction))
            for fraction in (0.0005, 0.02, 0.3)
        ]
        files.append((f"corrupt-{clip}", clip, corrupted(data, seed=7)))
    files += [
        ("wav-header-claims-4GB-silence", "huge.wav", wav_claiming_4gb(bytes(32000))),
        ("wav-header-claims-4GB-noise", "huge.wav", wav_claiming_4gb(random_bytes(3, 64000))),
        ("wav-header-only", "answer.wav", wav_claiming_4gb(b"")),
        ("10h-silence-declared-60kB-flac", "long.flac", flac_of_silence(36000, declare_length=True)),
        ("10h-silence-undeclared-60kB-flac", "long.flac", flac_of_silence(36000)),
        ("text-named-wav", "notes.wav", b"these are my notes\n" * 50),
        ("html-named-webm", "page.webm", b"<html><script>alert(1)</script></html>"),
        ("zip-named-m4a", "answer.m4a", b"PK\x03\x04" + bytes(200)),
    ]
    short = (CLIPS / "short.wav").read_bytes()
    files += [(f"name-{i}", name, short) for i, name in enumerate(hostile_names())]
    return files


HOSTILE = hostile_files()


def _one_sentence(message: str) -> None:
    assert message.strip(), "an empty message"
    assert "\n" not in message.strip(), message
    assert "Traceback" not in message


def _stored(settings) -> list[dict]:
    store = open_store(settings)
    try:
        return list_attempts(store)
    finally:
        store.close()


# Bytes that are not a recording at all: refused without being stored (issue 21). Everything else,
# however damaged (cut off, corrupted, a header lying about its length), could be the user's
# recording and is kept.
NOT_AUDIO = ("random-", "empty-", "text-", "html-", "zip-")


# Kept but not measurable: digital silence, and the first 0.05 % of a clip (too short to hold a
# word). Each must end in its one sentence and a hidden note beside the take saying it, so the
# history says "record it again" rather than offering an analysis that meets the same sound.
NOT_MEASURABLE = ("wav-header-claims-4GB-silence", "truncated-0.0005-")


@pytest.mark.parametrize("label, name, data", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_an_upload_is_kept_and_ends_in_a_result_or_one_sentence(sandbox, label, name, data):
    settings, outside = sandbox
    error = None
    try:
        result = practice_answer(data, settings, original_name=name)
    except CoachError as e:
        error = e
        _one_sentence(str(e))
        assert _stored(settings) == []
    else:  # the decodable part of a damaged file was analysed like any answer
        [attempt] = _stored(settings)
        assert attempt["id"] == result.attempt_id
    files = [p for p in settings.recordings_dir.rglob("*") if p.is_file()]
    notes = [p for p in files if p.name.endswith(".question.json")]
    kept = [p for p in files if p not in notes]
    if label.startswith(NOT_AUDIO):
        # nothing that is not a recording is stored as one, nor a note about it
        assert kept == [] and notes == [], files
    else:
        assert [p.read_bytes() for p in kept] == [data]  # the upload is never lost
        if isinstance(error, AudioError):
            # a take kept but not measurable (silent, too short) has a hidden note saying why
            assert [p.name for p in notes] == [f".{kept[0].name}.question.json"], files
            why = json.loads(notes[0].read_text())["not_analysable"]
            _one_sentence(why)
            assert why == str(error), (why, str(error))
        else:
            assert notes == [], files  # an analysed take's question lives in its attempt
    if label.startswith(NOT_MEASURABLE):
        assert isinstance(error, AudioError) and not isinstance(error, NotAudioError), error
        assert notes, f"{label}: kept but not measurable, with no note saying why"
    assert all(settings.recordings_dir in p.parents and not p.name.startswith(".") for p in kept)
    assert outside() == {}
    assert not Path("/tmp/escaped.wav").exists()


def test_the_10_hour_tiny_file_is_refused_quickly_by_its_header(sandbox):
    settings, _ = sandbox
    with pytest.raises(CoachError, match=r"10:00:00 long, over the limit of 3:00:00"):
        practice_answer(flac_of_silence(36000, declare_length=True), settings, original_name="long.flac")


def test_the_10_hour_tiny_file_without_a_length_is_refused_once_decoding_passes_the_limit(sandbox):
    settings, _ = sandbox
    with pytest.raises(CoachError, match=r"longer than 3:00:00, the limit") as error:
        practice_answer(flac_of_silence(36000), settings, original_name="long.flac")
    assert "3:00:0" not in str(error.value).split("longer than")[0]  # no made-up length


CLI_CASES = [
    h
    for h in HOSTILE
    if h[0].startswith(
        (
            "random-wav-1",
            "empty-webm",
            "truncated-0.0005",
            "corrupt-clean.mp3",
            "wav-header-only",
            "name-",
            "text-named",
        )
    )
]


@pytest.mark.parametrize("save", [False, True], ids=["analyze", "analyze --save"])
def test_coach_analyze_prints_one_line_for_each_hostile_file(sandbox, save):
    """The terminal twin, on files whose own names are hostile where the file system allows."""
    settings, outside = sandbox
    folder = Path.cwd() / "inputs"
    folder.mkdir()
    runner = CliRunner()
    tried = 0
    for label, name, data in CLI_CASES:
        safe = name.replace("/", "_").replace("\x00", "_").replace("\\", "_")[:200] or "unnamed"
        path = folder / f"{label[:20]}-{safe}"
        path.write_bytes(data)
        args = ["analyze", str(path), "--json", "--no-progress"] + (["--save"] if save else [])
        result = runner.invoke(coach_command(), args)
        tried += 1
        assert result.exception is None or isinstance(result.exception, SystemExit), (label, result.exception)
        if result.exit_code == 0:
            assert json.loads(result.stdout)["transcript"] is not None
        else:
            assert result.exit_code == 1 and result.stdout == "", label
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: "), (label, result.stderr)
    assert tried == len(CLI_CASES)
    changed = {k for k in outside() if not k.startswith("cwd/inputs/")}
    assert changed == set()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_upload_named_with_a_nul_is_analysed_and_stored_on_either_database(tmp_path, monkeypatch, backend):
    """PostgreSQL cannot hold NUL in text: an upload whose name holds one (a crafted request) was
    analysed and then refused as a whole ("Nothing was saved") on a cohort's database. The name is
    only data: it is kept without the NUL and the answer is stored."""
    from store_support import make_settings

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = make_settings(tmp_path, backend)
    result = practice_answer((CLIPS / "fillers.wav").read_bytes(), settings, original_name="take.wav\x00.exe")
    [attempt] = _stored(settings)
    assert attempt["id"] == result.attempt_id
    assert result.recording.original_name == "take.wav.exe"
    [kept] = [p for p in settings.recordings_dir.rglob("*") if p.is_file()]
    assert kept.read_bytes() == (CLIPS / "fillers.wav").read_bytes()
