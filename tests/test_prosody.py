"""Delivery a listener hears (issue 20): a flat voice, a lively one, and pauses heard in the sound."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coach.analysis import analyze
from coach.analysis.delivery import find_pauses
from coach.analysis.pipeline import load_pipeline, make_doc
from coach.analysis.prosody import prosody_metrics
from coach.audio import load_audio
from coach.config import Thresholds
from coach.transcribe.sound import listen
from coach.types import SAMPLE_RATE, Transcript, Word

PROSODY = Path(__file__).parent / "data" / "prosody"
REAL = Path(__file__).parent / "data" / "real_speech"
VOICES = ("en-us", "en-gb", "en-us-f3")


def heard_whole(path: Path, settings) -> Transcript:
    """The clip's sound with one word over everything it says (from its first to its last sound):
    the pitch measure looks at the sound inside words, and here every sound is speech."""
    samples = load_audio(path, settings).samples
    sound = listen(samples)
    loud = np.flatnonzero(np.asarray(sound.level_db) > -60.0) * sound.frame_s
    words = (Word("speech", float(loud[0]), float(loud[-1])),)
    return Transcript("speech", words, len(samples) / SAMPLE_RATE, sound=sound)


@pytest.mark.parametrize("voice", VOICES)
def test_a_flat_voice_is_called_monotone_and_a_lively_one_is_not(voice, settings):
    flat = prosody_metrics(heard_whole(PROSODY / f"{voice}_flat.flac", settings), Thresholds())
    lively = prosody_metrics(heard_whole(PROSODY / f"{voice}_lively.flac", settings), Thresholds())
    assert flat["monotone"] and flat["monotone_spans"]
    assert not lively["monotone"] and not lively["monotone_spans"]
    assert lively["pitch_variation_st"] > 2 * flat["pitch_variation_st"]


@pytest.mark.parametrize("name", ["lecture.wav", "conversation.wav", "news.wav"])
def test_real_speakers_are_not_called_monotone(name, settings):
    prosody = prosody_metrics(heard_whole(REAL / name, settings), Thresholds())
    assert not prosody["monotone"] and prosody["monotone_spans"] == []
    assert prosody["pitch_variation_st"] > 2.0
    assert not prosody["quiet"]
    assert all(w["end_s"] - w["start_s"] <= 10.01 for w in prosody["windows"])


def test_typed_text_has_no_prosody_and_no_pauses():
    metrics = analyze(Transcript.from_text("I led the migration. It finished a week early.")).metrics
    assert metrics["prosody"] is None and metrics["pauses"] is None


@pytest.mark.slow
def test_a_flat_answer_gets_its_pitch_described_and_pauses_come_from_the_sound(settings, tmp_path):
    """End to end on a flat espeak-ng answer with a 1.5 s silence inserted inside a clause: the
    JSON holds prosody, the feedback says what the pitch did, and the pause is the silence's length."""
    import soundfile as sf

    from coach.practice import practice_answer

    samples = load_audio(PROSODY / "en-us_flat.flac", settings).samples
    words_at = _quiet_point(samples, 0.85, 1.0)  # between "tracing" and "to every request"
    noise = np.random.default_rng(0).normal(0, 1e-4, int(1.5 * SAMPLE_RATE)).astype(np.float32)
    longer = np.concatenate([samples[:words_at], noise, samples[words_at:]])
    longer = np.concatenate([longer, longer[: int(4.5 * SAMPLE_RATE)]])  # over 10 s of speech
    path = tmp_path / "flat.wav"
    sf.write(path, longer, SAMPLE_RATE)
    result = practice_answer(path, settings, save=False)
    prosody = result.analysis["metrics"]["prosody"]
    assert prosody["monotone"] and prosody["pitch_median_hz"] < 120
    assert any("pitch stayed level" in line for line in result.analysis["feedback"])
    from coach.ui import charts, summary

    assert charts.pitch_chart(result.analysis) is not None
    assert "moved 0." in summary.pitch_summary(result.analysis)  # under one semitone, in words
    doc = load_pipeline()(make_doc(load_pipeline(), result.transcript))
    pauses = find_pauses(result.transcript, doc, Thresholds().pause_min_s)
    at_s = words_at / SAMPLE_RATE
    inserted = [p for p in pauses if at_s - 0.3 < p.start_s < at_s + 0.3]
    assert len(inserted) == 1 and abs(inserted[0].seconds - 1.5) <= 0.1 and not inserted[0].at_boundary


def _quiet_point(samples: np.ndarray, from_s: float, to_s: float) -> int:
    """The sample at the quietest 10 ms between two times (a junction between words)."""
    hop = SAMPLE_RATE // 100
    a, b = int(from_s * SAMPLE_RATE), int(to_s * SAMPLE_RATE)
    energy = [float(np.sum(samples[i : i + hop] ** 2)) for i in range(a, b, hop)]
    return a + hop * int(np.argmin(energy))


@pytest.mark.slow
def test_each_reviewed_answer_gets_the_pitch_of_its_own_slice(settings):
    """A stereo interview in 20 s chunks (so the sound is joined across chunks): every answer's
    pitch is the candidate's voice in that answer, timed from the answer's start."""
    from coach.banks import load_questions
    from coach.interview.review import ReviewOptions, review

    clip = Path(__file__).parent / "data" / "interviews" / "interview_stereo.flac"
    options = ReviewOptions(chunk_s=20.0, candidate_channel="left")
    result = review(clip, settings, options, questions=load_questions())
    measured = [a for a in result["answers"] if a["analysis"]["metrics"]["prosody"]]
    assert measured and len(measured) == len(result["answers"])
    for answer in measured:
        prosody = answer["analysis"]["metrics"]["prosody"]
        length = answer["end_s"] - answer["offset_s"]
        assert prosody["track"] and 0 <= prosody["track"][0][0] and prosody["track"][-1][0] <= length + 0.5
        assert prosody["pitch_variation_st"] is not None
