"""Frame-by-frame measures of the voice, from Praat (parselmouth): pitch, loudness, spectrum.

Praat's autocorrelation pitch tracker (Boersma 1993) is the phoneticians' standard and runs in
a few milliseconds per second of audio, well inside the time budget (issue 10: at most 15% of
transcription time).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import parselmouth

SAMPLE_RATE = 16000
FRAME_S = 0.01
# Pitch search range covering adult speakers, low male to high female voices (Praat's own
# advice for speech: 75-500 Hz; 60 Hz keeps creaky, low "uh"s in reach).
PITCH_FLOOR_HZ = 60.0
PITCH_CEILING_HZ = 400.0


@dataclass(frozen=True)
class Frames:
    """One row per 10 ms frame; `times` are frame centres in seconds from the start."""

    times: np.ndarray
    f0_hz: np.ndarray          # 0 where unvoiced
    intensity_db: np.ndarray
    mfcc: np.ndarray           # (n, 12) cepstral coefficients c1..c12, the spectral envelope

    def index(self, time_s: float) -> int:
        return int(np.clip(np.searchsorted(self.times, time_s), 0, len(self.times)))

    @property
    def semitones(self) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return np.where(self.f0_hz > 0, 12 * np.log2(np.maximum(self.f0_hz, 1e-6) / 100.0), np.nan)


def measure(audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> Frames:
    """Pitch, intensity and MFCC on one 10 ms grid over the whole recording."""
    sound = parselmouth.Sound(np.asarray(audio, dtype=np.float64), sampling_frequency=sample_rate)
    pitch = sound.to_pitch_ac(time_step=FRAME_S, pitch_floor=PITCH_FLOOR_HZ, pitch_ceiling=PITCH_CEILING_HZ)
    times = np.asarray(pitch.xs())
    f0 = np.nan_to_num(np.asarray(pitch.selected_array["frequency"]))
    intensity = sound.to_intensity(minimum_pitch=PITCH_FLOOR_HZ, time_step=FRAME_S)
    loudness = np.interp(times, intensity.xs(), intensity.values[0], left=-100.0, right=-100.0)
    mfcc_obj = sound.to_mfcc(number_of_coefficients=12, time_step=FRAME_S)
    mfcc = np.asarray(mfcc_obj.to_array()).T[:, 1:13]
    mfcc_times = np.asarray(mfcc_obj.xs())
    rows = np.clip(np.searchsorted(mfcc_times, times), 0, len(mfcc_times) - 1)
    return Frames(times=times, f0_hz=f0, intensity_db=np.nan_to_num(loudness, nan=-100.0), mfcc=mfcc[rows])


def formants(audio: np.ndarray, start_s: float, end_s: float,
             sample_rate: int = SAMPLE_RATE) -> tuple[float, float]:
    """Median F1 and F2 (Hz) of a short stretch, by Burg LPC: the vowel's quality."""
    lo, hi = int(start_s * sample_rate), int(end_s * sample_rate)
    part = parselmouth.Sound(np.asarray(audio[lo:hi], dtype=np.float64), sampling_frequency=sample_rate)
    track = part.to_formant_burg(time_step=FRAME_S, max_number_of_formants=5, maximum_formant=5000)
    xs = list(track.xs())
    f1 = [track.get_value_at_time(1, t) for t in xs]
    f2 = [track.get_value_at_time(2, t) for t in xs]
    return float(np.nanmedian(f1)) if xs else float("nan"), float(np.nanmedian(f2)) if xs else float("nan")
