"""The suite's memory of decodes (tests/decoded_once.py) gives what the decoder gives: the same words
and times, and the same progress in the same order, as decoding the recording again."""

from __future__ import annotations

import pytest
from decoded_once import remembered

from coach.audio import load_audio
from coach.transcribe import get_engine
from coach.transcribe.faster_engine import FasterWhisperEngine

pytestmark = pytest.mark.slow


@pytest.mark.decoded_afresh
def test_a_remembered_decode_is_the_decoders_own(settings, clips):
    engine = get_engine(settings)
    piece = load_audio(clips / "fillers.wav", settings).samples[: 16000 * 4]
    fresh_steps: list[tuple[float, float]] = []
    fresh = engine.transcribe(piece, progress=lambda done, total: fresh_steps.append((done, total)))
    calls: list[str] = []

    def counted(*args, **kwargs):
        calls.append("decoded")
        return FasterWhisperEngine.transcribe(*args, **kwargs)

    decode = remembered(counted)
    first = decode(engine, piece)
    steps: list[tuple[float, float]] = []
    again = decode(engine, piece, progress=lambda done, total: steps.append((done, total)))
    assert calls == ["decoded"]  # the second came from memory
    assert fresh.words and first == fresh and again == fresh
    assert steps == fresh_steps and steps
    assert (
        decode(engine, piece, verbatim=False) is not None and calls == ["decoded"] * 2
    )  # other options decode


@pytest.mark.decoded_afresh
def test_remembered_frames_are_the_measures_own(settings, clips):
    """The suite's memory of the voice's frames (decoded_once.measured_once) gives what `measure`
    gives, a copy each time (changing one leaves the next as measured), and measures other samples."""
    import numpy as np
    from decoded_once import measured_once

    from coach.transcribe.filled_pauses.features import measure

    # samples no other test of the process measures (the memory is the process's: fillers.wav whole
    # came from it when another test had measured it first, and `counted` was never called)
    samples = load_audio(clips / "fillers.wav", settings).samples[7 : 7 + 16000 * 5].copy()
    calls: list[int] = []

    def counted(audio, sample_rate=16000):
        calls.append(len(audio))
        return measure(audio, sample_rate)

    remembered_measure = measured_once(counted)
    fresh = measure(samples)
    first = remembered_measure(samples)
    first.f0_hz[:] = -1.0
    again = remembered_measure(samples)
    assert len(calls) == 1  # the second came from memory
    for field in ("times", "f0_hz", "intensity_db", "mfcc"):
        assert np.array_equal(getattr(again, field), getattr(fresh, field)), field
    remembered_measure(samples[: 16000 * 2])
    assert len(calls) == 2  # other samples are measured
