"""Hypothesis over the analysis and the decoder: no exception escapes, and the invariants a page
or a script relies on hold (spans inside the text, times ordered, rates and counts non-negative)."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings  # noqa: I001
from hypothesis import strategies as st

from coach.analysis import analyze
from coach.audio import load_audio
from coach.config import load_settings
from coach.errors import CoachError
from coach.types import Transcript, Word

FUZZ = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SPOKEN = st.sampled_from(
    [
        "um",
        "uh",
        "like",
        "you know",
        "I",
        "I",
        "we",
        "so",
        "basically",
        "led",
        "the",
        "team",
        "and",
        "and",
        "shipped",
        "it",
        "it",
        "on",
        "time",
        "30%",
        "kind of",
        "maybe",
        "I think",
        "Situation:",
        "result",
        ".",
        ",",
        "...",
        "—",
        "I-I",
        "the the",
        "\n",
    ]
)
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(SPOKEN, max_size=80).map(" ".join),
    st.lists(st.one_of(SPOKEN, st.text(max_size=6)), max_size=60).map(" ".join),
)


def _check(result: dict, text: str, duration_s: float | None) -> None:
    assert result["transcript"] == text
    for key in ("fillers", "repetitions", "hedges"):
        for mark in result[key]:
            assert 0 <= mark["start_char"] <= mark["end_char"] <= len(text), (key, mark)
            assert text[mark["start_char"] : mark["end_char"]] == mark["text"]
            if mark["start_s"] is not None:
                assert 0 <= mark["start_s"] <= mark["end_s"], mark
    previous_end = 0
    for sentence in result["sentences"]:
        assert previous_end <= sentence["start_char"] <= sentence["end_char"] <= len(text)
        previous_end = sentence["end_char"]
        assert sentence["star"] in (None, "situation", "task", "action", "result")
    metrics = result["metrics"]
    for name in (
        "words",
        "fillers_per_100_words",
        "long_pauses",
        "hedges",
        "repetitions",
        "quantified_results",
    ):
        value = metrics.get(name)
        assert value is None or (value >= 0 and math.isfinite(value)), (name, value)
    for name in ("wpm", "fillers_per_min"):
        value = metrics.get(name)
        assert value is None or (value >= 0 and math.isfinite(value)), (name, value)
    for part in metrics["star"].values():
        assert 0 <= part["share"] <= 1 and part["words"] >= 0
    if result["scores"] is None:  # the quality gate stopped it: a reason, and no advice
        assert result["warnings"] and result["feedback"] == []
        return
    for name, score in result["scores"].items():
        value = score.get("score") if isinstance(score, dict) else score
        assert value is None or 0 <= value <= 100, (name, value)
    assert all(isinstance(line, str) and line for line in result["feedback"])


@pytest.mark.slow
@FUZZ
@given(text=TEXT)
def test_any_typed_text(text):
    result = analyze(Transcript.from_text(text)).to_dict()
    _check(result, text, None)


def _words(draw_words: list[tuple[str, float, float, float]]) -> list[Word]:
    return [Word(text, start, start + length, prob) for text, start, length, prob in draw_words]


WORD = st.tuples(
    st.one_of(SPOKEN, st.text(min_size=1, max_size=8)),
    st.floats(0, 600, allow_nan=False),
    st.floats(0, 30, allow_nan=False),
    st.floats(0, 1),
)


@pytest.mark.slow
@FUZZ
@given(raw=st.lists(WORD, max_size=60), ordered=st.booleans(), extra=st.floats(0, 60))
def test_any_word_timings(raw, ordered, extra):
    """Whisper's words in order, or the same words with clashing, overlapping, unordered times."""
    words = _words(raw)
    if ordered:
        words.sort(key=lambda w: w.start_s)
    duration = max((w.end_s for w in words), default=0.0) + extra
    transcript = Transcript.from_words(words, duration, engine="fuzz", model="fuzz")
    result = analyze(transcript).to_dict()
    _check(result, transcript.text, duration)
    if ordered and result["metrics"].get("pauses"):
        assert all(p >= 0 for p in _numbers(result["metrics"]["pauses"]))


def _numbers(value) -> list[float]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    return []


HEADERS = [
    b"",
    b"RIFF\x24\x00\x00\x00WAVEfmt ",
    b"fLaC",
    b"OggS\x00\x02",
    b"\x1aE\xdf\xa3",
    b"ID3\x03\x00",
    b"\xff\xfb\x90\x00",
    b"\x00\x00\x00\x20ftypM4A ",
]


@pytest.mark.slow
@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.sampled_from(HEADERS),
    body=st.binary(max_size=4000),
    suffix=st.sampled_from([".wav", ".mp3", ".ogg", ".webm", ".m4a", ".flac", ".bin"]),
)
def test_the_decoder_on_any_bytes(header, body, suffix):
    """Anything a browser could upload: decoded to 16 kHz mono in [-1, 1], or one AudioError sentence."""
    data = header + body
    assume(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            audio = load_audio(path, load_settings(data_dir=Path(folder) / "data"))
        except CoachError as e:
            assert str(e) and "\n" not in str(e)
            return
    import numpy as np

    assert audio.sample_rate == 16000 and audio.samples.dtype == np.float32 and audio.samples.ndim == 1
    assert np.isfinite(audio.samples).all()
    assert audio.duration_s >= 0.5
