"""Hear the "um"s and "uh"s the transcriber dropped, from the audio itself (issue 10).

Whisper cleans filled pauses out of real speech even with a disfluent prompt: where the
speaker said "uhhh" the transcript shows a gap between words, or a word stretched over it.
This looks there for a held, level, voiced sound in the speaker's own voice, and adds it back
as a Word with `source="acoustic"`, so every measure counts it and the app can show it apart.
"""

from __future__ import annotations

import numpy as np

from coach.config import Settings
from coach.transcribe.filled_pauses.detector import detect
from coach.transcribe.filled_pauses.features import Frames, measure
from coach.types import SAMPLE_RATE, Transcript, Word


def recover_filled_pauses(
    audio: np.ndarray, transcript: Transcript, settings: Settings, frames: Frames | None = None
) -> Transcript:
    """The transcript with recovered fillers inserted in time order; unchanged if none are heard.

    A filler the transcriber did write keeps its text but takes the time where it was heard.
    `frames`: the recording's frames when already measured (one pass per recording).
    """
    if not settings.recover_fillers or not transcript.words or len(audio) < SAMPLE_RATE // 4:
        return transcript
    fillers, retimed = detect(frames or measure(audio), transcript.words, settings.thresholds)
    if not fillers and not retimed:
        return transcript
    kept = [retimed.get(i, word) for i, word in enumerate(transcript.words)]
    words = sorted([*_trim_around(kept, fillers), *fillers], key=lambda w: (w.start_s, w.end_s))
    return transcript.with_words(words)


def _trim_around(words: list[Word], fillers: list[Word]) -> list[Word]:
    """Pull a word's stretched edge back off a filler found there, so times never overlap."""
    trimmed = []
    for word in words:
        start, end = word.start_s, word.end_s
        for filler in fillers:
            if filler.start_s <= start < filler.end_s < end:
                start = filler.end_s
            elif start < filler.start_s < end <= filler.end_s:
                end = filler.start_s
        trimmed.append(
            word
            if (start, end) == (word.start_s, word.end_s)
            else Word(word.text, start, end, word.prob, word.source)
        )
    return trimmed


__all__ = ["recover_filled_pauses"]
