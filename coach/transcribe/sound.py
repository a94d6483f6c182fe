"""The sound beside the words (issue 20): pitch, level and silences, from the frames the
filled-pause detector measures anyway, so each recording is measured once.

Silence is found from the level alone, as Praat's "To TextGrid (silences)" and De Jong & Wempe's
(2009) speech-rate script do: a frame is silent when it is far enough below the loud end of the
recording, so the word stamps, which drift (faster-whisper issue #125), never decide where a
pause starts or ends.
"""

from __future__ import annotations

import numpy as np

from coach.transcribe.filled_pauses.features import FRAME_S, REFERENCE_PRESSURE, Frames, measure
from coach.types import Sound

# Praat's intensity scale puts full scale (1.0) at this many dB; subtracting it gives dBFS.
FULL_SCALE_DB = float(20 * np.log10(1.0 / REFERENCE_PRESSURE))
# Silent: this far below the loud end of the recording (its 99th-percentile frame), as in
# De Jong & Wempe (2009, Praat script for syllable nuclei: -25 dB re the 0.99 quantile) ...
SILENCE_BELOW_LOUD_DB = 25.0
# ... and, on a noisy recording whose floor lies above that, within this much of the floor
# (10th-percentile frame): the hiss between words stays hiss.
SILENCE_ABOVE_FLOOR_DB = 6.0
# A sounding blip shorter than this inside a silence (a click, a lip smack) does not end it; a
# silent stretch shorter than the shortest silence kept is the closure of a stop, not a pause
# (Praat's defaults for silent intervals: 0.1 s; minimum sounding interval 0.05 s).
MIN_SOUNDING_S = 0.05
MIN_SILENCE_S = 0.1


def listen(audio: np.ndarray, frames: Frames | None = None) -> Sound:
    """Pitch, level and silences of one recording (16 kHz mono); `frames` if already measured."""
    frames = measure(audio) if frames is None else frames
    level = np.where(frames.intensity_db > -99.0, frames.intensity_db - FULL_SCALE_DB, -120.0)
    return Sound(FRAME_S, frames.f0_hz.astype(np.float64), level, tuple(silences(level)))


def silences(level_db: np.ndarray) -> list[tuple[float, float]]:
    """Silent stretches of at least MIN_SILENCE_S, in seconds, from frame levels in dB."""
    if len(level_db) == 0:
        return []
    sounding = level_db[level_db > -119.0]
    if len(sounding) == 0:
        return [(0.0, round(len(level_db) * FRAME_S, 3))]
    threshold = max(
        float(np.percentile(sounding, 99)) - SILENCE_BELOW_LOUD_DB,
        float(np.percentile(sounding, 10)) + SILENCE_ABOVE_FLOOR_DB,
    )
    silent = level_db < threshold
    # a short sounding blip between two silences joins them
    for start, end in _runs(~silent):
        if end - start < MIN_SOUNDING_S / FRAME_S and start > 0 and end < len(silent):
            silent[start:end] = True
    # frame i is centred on i * FRAME_S: a run of frames [start, end) spans half a frame less
    return [
        (round(max(0.0, (start - 0.5) * FRAME_S), 3), round((end - 0.5) * FRAME_S, 3))
        for start, end in _runs(silent)
        if (end - start) * FRAME_S >= MIN_SILENCE_S - 1e-9
    ]


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) frame indices of each run of True."""
    padded = np.concatenate([[False], mask, [False]])
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
