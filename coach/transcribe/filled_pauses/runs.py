"""Steady voiced stretches: where the voice holds one pitch and one vowel for a while.

Fluent speech changes its spectrum every few tens of milliseconds; a filled pause holds a
central vowel (and for "um" a nasal) at a level pitch for a quarter to half a second or more
(Shriberg 2001; Clark & Fox Tree 2002). A run of frames that are voiced and spectrally steady
is the shape a filler leaves in the audio.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.transcribe.filled_pauses.features import FRAME_S, Frames


@dataclass(frozen=True)
class SteadyRun:
    start: int  # first frame
    end: int  # one past the last frame

    @property
    def length(self) -> int:
        return self.end - self.start


def spectral_flux(frames: Frames, lag: int = 3) -> np.ndarray:
    """MFCC distance between frames `lag` apart, median-smoothed over 5 frames."""
    mfcc = frames.mfcc
    flux = np.full(len(mfcc), np.inf)
    if len(mfcc) > 2 * lag:
        change = np.linalg.norm(mfcc[2 * lag :] - mfcc[: -2 * lag], axis=1)
        flux[lag:-lag] = change
    padded = np.pad(flux, 2, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, 5)
    return np.median(windows, axis=1)


def fill_holes(mask: np.ndarray, max_hole: int) -> np.ndarray:
    """Close gaps of at most `max_hole` False frames between True frames."""
    out = mask.copy()
    idx = np.flatnonzero(mask)
    for a, b in zip(idx[:-1], idx[1:], strict=False):
        if 1 < b - a <= max_hole + 1:
            out[a:b] = True
    return out


def steady_runs(
    frames: Frames, *, max_flux: float, min_level_db: float, min_s: float, max_hole_s: float
) -> list[SteadyRun]:
    """Runs of voiced, loud enough, spectrally steady frames lasting at least `min_s`."""
    voiced = fill_holes(frames.f0_hz > 0, int(round(max_hole_s / FRAME_S)))
    steady = spectral_flux(frames) <= max_flux
    good = voiced & steady & (frames.intensity_db >= min_level_db)
    good = fill_holes(good, int(round(max_hole_s / FRAME_S)))
    edges = np.diff(np.concatenate([[0], good.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    min_frames = int(round(min_s / FRAME_S))
    return [SteadyRun(int(a), int(b)) for a, b in zip(starts, ends, strict=True) if b - a >= min_frames]
