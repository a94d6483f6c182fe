"""Each recording decoded once per test process: the words the real Whisper model gave a recording
are given again when the same samples are decoded with the same model and options.

The suite decoded the same few clips again and again in one process: in a clean clone's run
(5 Dec 2026, every decode logged) the two test processes spent 475 s in faster-whisper's decoder,
144 s of it on a recording they had decoded before with the same model and options (fillers.wav 41
times across the suite). The decoder gives the same words for the same samples every time (each
transcription starts from the same random seed, `FasterWhisperEngine._fresh_random_generator`);
the tests of that, and of what a decode samples, are marked `decoded_afresh` and decode every time.

What callers see is unchanged: a copy of the transcript the model gave, and the progress it reported
while decoding, reported again in the same order (a callback that stops the work still stops it).
Only the pytest processes share it: the servers, workers and command lines the tests start decode
for themselves."""

from __future__ import annotations

import copy
import functools
import hashlib

import numpy as np

_DECODED: dict[tuple, tuple] = {}


def _key(engine, audio: np.ndarray, sample_rate: int, language: str, verbatim: bool) -> tuple:
    samples = np.ascontiguousarray(audio)
    digest = hashlib.sha256(samples.tobytes()).hexdigest()
    return (
        engine._location,
        engine._compute_type,
        engine.beam_size,
        engine.heard_tail_s,
        samples.dtype.str,
        samples.shape,
        digest,
        sample_rate,
        language,
        verbatim,
    )


def remembered(decode):
    """`FasterWhisperEngine.transcribe`, giving a recording it decoded before the same words."""

    @functools.wraps(decode)
    def transcribe(self, audio, sample_rate=16000, *, language="en", verbatim=True, progress=None):
        key = _key(self, audio, sample_rate, language, verbatim)
        if key in _DECODED:
            transcript, reported = _DECODED[key]
            for done, total in reported if progress else ():
                progress(done, total)
            return copy.deepcopy(transcript)
        reported: list[tuple[float, float]] = []

        def noted(done: float, total: float) -> None:
            reported.append((done, total))
            if progress:
                progress(done, total)

        transcript = decode(self, audio, sample_rate, language=language, verbatim=verbatim, progress=noted)
        _DECODED[key] = (copy.deepcopy(transcript), reported)
        return transcript

    return transcribe


_MEASURED: dict[tuple, object] = {}


def measured_once(measure):
    """`coach.transcribe.filled_pauses.features.measure`, giving a recording it measured before in
    this process the same frames (a copy): pitch, level and cepstrum are numpy arithmetic on the
    samples alone. A review measures each chunk, and practice each take, that other tests of the
    process measured already (lecture_8k.wav three times in one test of test_filled_pauses_real)."""

    @functools.wraps(measure)
    def measured(audio, sample_rate=16000):
        samples = np.ascontiguousarray(audio, dtype=np.float32)
        key = (samples.shape, hashlib.sha256(samples.tobytes()).hexdigest(), sample_rate)
        if key not in _MEASURED:
            _MEASURED[key] = measure(audio, sample_rate)
        return copy.deepcopy(_MEASURED[key])

    return measured
