"""Frame-by-frame measures of the voice: pitch and voicing, loudness, spectrum (numpy, scipy.fft).

Pitch is YIN (de Cheveigné & Kawahara 2002), computed as `librosa.yin` computes it; a frame
counts as voiced when it repeats itself one pitch period later (normalized correlation, as
Praat's voicing threshold does, Boersma 1993) and is not near silence. The spectrum is a mel
cepstrum computed as `librosa.stft`, `librosa.filters.mel` and `librosa.feature.mfcc` compute
it. All of it is a few FFTs, a few ms per second of audio, well inside the time budget (issue
10: at most 15% of transcription time); `librosa.pyin` was too slow. It used to call librosa
itself, whose first use in a process imported numba and scipy.signal and loaded numba's compiled
kernels: 2-3 s before each process's first answer. The same
arithmetic in numpy and scipy's FFT gives the same frames, to the last bit on the test clips
(`tests/test_voice_frames.py` compares them with librosa's).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import scipy.fft

from coach.types import SAMPLE_RATE

FRAME_S = 0.01
# Pitch search range covering adult speakers, low male to high female voices (Praat's own
# advice for speech: 75-500 Hz; 60 Hz keeps creaky, low "uh"s in reach).
PITCH_FLOOR_HZ = 60.0
PITCH_CEILING_HZ = 400.0
# The pitch window: over two periods of the lowest pitch (YIN compares a stretch with itself
# one period later). 38 ms is 608 samples, for which librosa's FFT length 2 * 608 - 1 = 3^5 * 5
# is fast; Praat's 50 ms (800 samples, FFT length 3 * 13 * 41) tracked the same on the dev set
# at nearly three times the cost.
PITCH_WINDOW_S = 0.038
# Voiced: the waveform correlates with itself one period later at least this well (Praat's
# default voicing threshold is 0.45; YIN's period is the best lag, so a little stricter; 0.45
# to 0.6 gave the same dev-set result) ...
VOICING_MIN_CORRELATION = 0.5
# ... and the frame is not near silence: its peak is at least this share of the recording's
# peak (Praat's default silence threshold, 0.03).
SILENCE_SHARE_OF_PEAK = 0.03
# Loudness in dB re 20 µPa with full scale at 1.0, as Praat reports intensity. A frame quieter
# than 16-bit quantisation noise (1/32768 / sqrt(12) of full scale, -7 dB) holds no sound a
# recording can carry, only resampling residue: it counts as empty and gets EMPTY_FRAME_DB.
REFERENCE_PRESSURE = 2e-5
QUANTISATION_NOISE_DB = 20 * np.log10(1 / 32768 / np.sqrt(12) / REFERENCE_PRESSURE)
EMPTY_FRAME_DB = -100.0
# Spectral envelope: 12 mel cepstral coefficients (Davis & Mermelstein 1980; c0, the level, is
# left out) from 15 ms windows, as Praat's MFCC, so the steady stretch ends sharply at the next
# sound (25 ms windows lost short nasals of "um"), over 26 mel bands up to 4 kHz:
# the telephone band holds the vowel's formants and is measured alike in 8 kHz and 16 kHz
# recordings. Over the full band the empty top bands of 8 kHz clips swamped the timbre distance
# (music interludes and fillers overlapped).
MFCC_WINDOW_S = 0.015
N_MELS = 26
MFCC_MAX_HZ = 4000.0
N_MFCC = 12


@dataclass(frozen=True)
class Frames:
    """One row per 10 ms frame; `times` are frame centres in seconds from the start."""

    times: np.ndarray
    f0_hz: np.ndarray  # 0 where unvoiced
    intensity_db: np.ndarray
    mfcc: np.ndarray  # (n, 12) cepstral coefficients c1..c12, the spectral envelope

    def index(self, time_s: float) -> int:
        return int(np.clip(np.searchsorted(self.times, time_s), 0, len(self.times)))

    @property
    def semitones(self) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return np.where(self.f0_hz > 0, 12 * np.log2(np.maximum(self.f0_hz, 1e-6) / 100.0), np.nan)


def measure(audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> Frames:
    """Pitch, intensity and MFCC on one 10 ms grid over the whole recording."""
    samples = np.asarray(audio, dtype=np.float32)
    hop = int(round(FRAME_S * sample_rate))
    window = int(round(PITCH_WINDOW_S * sample_rate))
    windows = _centred_windows(samples, window, hop)
    f0 = yin(windows, sample_rate)
    voiced = _voiced(
        windows,
        sample_rate / f0,
        int(np.ceil(sample_rate / PITCH_FLOOR_HZ)),
        float(np.max(np.abs(samples), initial=0.0)),
    )
    mfcc = _mfcc(samples, sample_rate, hop)
    n = min(len(f0), len(windows), len(mfcc))
    return Frames(
        times=np.arange(n) * FRAME_S,
        f0_hz=np.where(voiced, f0, 0.0)[:n].astype(np.float64),
        intensity_db=_intensity_db(windows)[:n],
        mfcc=mfcc[:n],
    )


def _centred_windows(samples: np.ndarray, window: int, hop: int) -> np.ndarray:
    """(n, window) views of the signal, frame i centred on sample i * hop (zeros beyond the ends).
    For an even window these are librosa's centred frames, one for one."""
    padded = np.pad(samples, (window // 2, window // 2 + hop))
    count = len(samples) // hop + 1
    return np.lib.stride_tricks.sliding_window_view(padded, window)[::hop][:count]


def _voiced(windows: np.ndarray, period: np.ndarray, longest_period: int, peak: float) -> np.ndarray:
    """Frames that repeat themselves one pitch period later, away from silence.

    The correlation is taken between the window's first part and the same length starting one
    period later, so it needs no more signal than YIN looked at.
    """
    if peak <= 0:
        return np.zeros(len(windows), dtype=bool)
    span = windows.shape[1] - longest_period
    lag = np.clip(np.rint(period[: len(windows)]).astype(int), 1, longest_period)
    base = windows[:, :span]
    shifted = np.take_along_axis(windows, lag[:, None] + np.arange(span)[None, :], axis=1)
    base = base - base.mean(axis=1, keepdims=True)
    shifted = shifted - shifted.mean(axis=1, keepdims=True)
    energy = np.sqrt(np.sum(base * base, axis=1) * np.sum(shifted * shifted, axis=1))
    correlation = np.sum(base * shifted, axis=1) / np.maximum(energy, 1e-12)
    loud = np.max(np.abs(windows), axis=1) >= SILENCE_SHARE_OF_PEAK * peak
    return (correlation >= VOICING_MIN_CORRELATION) & loud


def _intensity_db(windows: np.ndarray) -> np.ndarray:
    """Mean power under a Hann window, less each window's mean (a DC offset is not sound), in dB
    re 20 µPa (full scale at 1.0), as Praat measures intensity. Digital silence stays empty."""
    taper = np.hanning(windows.shape[1]).astype(np.float32)
    centred = windows - windows.mean(axis=1, keepdims=True)
    power = (centred * centred) @ (taper * taper) / np.sum(taper * taper)
    with np.errstate(divide="ignore"):
        level = 10 * np.log10(power / REFERENCE_PRESSURE**2)
    return np.where(level >= QUANTISATION_NOISE_DB, level, EMPTY_FRAME_DB).astype(np.float64)


def yin(rows: np.ndarray, sample_rate: int) -> np.ndarray:
    """F0 in Hz of each frame (`rows`: one frame a row, `_centred_windows`), by YIN over
    PITCH_FLOOR_HZ to PITCH_CEILING_HZ, step for step as `librosa.yin` (0.11) with its default
    trough threshold 0.1."""
    window = rows.shape[1]
    frames = rows.T
    min_period = int(np.floor(sample_rate / PITCH_CEILING_HZ))
    max_period = min(int(np.ceil(sample_rate / PITCH_FLOOR_HZ)), window - 1)
    # cumulative mean normalized difference (equation 8 of the paper), via the autocorrelation
    size = scipy.fft.next_fast_len(2 * window - 1, real=True)
    spectrum = scipy.fft.rfft(rows, n=size, axis=1)  # along each frame: the faster way round
    acf = scipy.fft.irfft(spectrum.real**2 + spectrum.imag**2, n=size, axis=1)[:, : max_period + 1].T
    energy = np.cumsum(np.square(frames), axis=0)
    energy[0] = 0  # as librosa has it: d(1) is 2 (r(0) - r(1)), without the first sample's energy
    difference = np.zeros_like(energy)
    difference[1 : max_period + 1] = 2 * (acf[0:1] - acf[1 : max_period + 1]) - energy[:max_period]
    lags = np.arange(1, max_period + 1)[:, None]
    mean = np.cumsum(difference[1 : max_period + 1], axis=0) / lags
    denominator = mean[min_period - 1 : max_period]
    normalized = difference[min_period : max_period + 1] / (denominator + np.finfo(denominator.dtype).tiny)
    # the first trough under the threshold, else the deepest; refined by a parabola through it
    inner, before, after = normalized[1:-1], normalized[:-2], normalized[2:]
    trough = np.zeros(normalized.shape, dtype=bool)
    trough[1:-1] = (inner < before) & (inner <= after)
    trough[-1] = normalized[-1] < normalized[-2]
    trough[0] = normalized[0] < normalized[1]
    under = trough & (normalized < 0.1)
    period = np.where(under.any(axis=0), np.argmax(under, axis=0), np.argmin(normalized, axis=0))
    curve = after + before - 2 * inner
    slope = (after - before) / 2
    shifts = np.zeros_like(normalized)
    with np.errstate(divide="ignore", invalid="ignore"):
        shifts[1:-1] = np.where(np.abs(slope) >= np.abs(curve), 0, -slope / curve)
    refined = min_period + period + np.take_along_axis(shifts, period[None, :], axis=0)[0]
    return sample_rate / refined


def _mfcc(samples: np.ndarray, sample_rate: int, hop: int) -> np.ndarray:
    """Cepstral coefficients c1..c12 of each frame, as librosa.feature.mfcc on the power of
    librosa.stft through the mel filters below, in dB, by an orthonormal DCT-II."""
    window = int(round(MFCC_WINDOW_S * sample_rate))
    n_fft = 1 << (window - 1).bit_length()
    mel = mel_filters(sample_rate, n_fft, N_MELS, MFCC_MAX_HZ) @ power_spectrum(samples, window, n_fft, hop)
    decibels = 10.0 * np.log10(np.maximum(1e-10, mel))
    coefficients = scipy.fft.dct(decibels, type=2, norm="ortho", axis=0)[1 : N_MFCC + 1]
    return coefficients.T.astype(np.float64)


def power_spectrum(samples: np.ndarray, window: int, n_fft: int, hop: int) -> np.ndarray:
    """(n_fft // 2 + 1, frames): the power of each frame's spectrum, as `librosa.stft` computes it
    (periodic Hann window of `window` samples centred in `n_fft`, frame i centred on sample i * hop
    with zeros beyond the ends) squared; float32 samples give float32 power, as librosa's do."""
    taper = np.zeros(n_fft)
    left = (n_fft - window) // 2
    turn = np.linspace(-np.pi, np.pi, window + 1)  # scipy's periodic Hann, to the last bit
    taper[left : left + window] = (0.5 + 0.5 * np.cos(turn))[:-1]
    frames = _centred_windows(samples, n_fft, hop)
    spectrum = scipy.fft.rfft(frames * taper, axis=1).astype(np.complex64)
    return (np.abs(spectrum) ** 2).T


@functools.cache
def mel_filters(sample_rate: int, n_fft: int, n_mels: int, max_hz: float, slaney: bool = False) -> np.ndarray:
    """(n_mels, n_fft // 2 + 1) triangular filters from 0 to `max_hz`, as `librosa.filters.mel`
    makes them: on the HTK mel scale, unnormalised (htk=True, norm=None), or with `slaney` on
    Slaney's scale (linear to 1 kHz, logarithmic above) with each filter scaled to the same area
    (librosa's defaults, htk=False, norm="slaney")."""
    if slaney:
        edges = _slaney_hz(np.linspace(0.0, _slaney_mel(max_hz), n_mels + 2))
    else:
        top = 2595.0 * np.log10(1.0 + max_hz / 700.0)
        edges = 700.0 * (10.0 ** (np.linspace(0.0, top, n_mels + 2) / 2595.0) - 1.0)
    ramps = np.subtract.outer(edges, np.fft.rfftfreq(n_fft, d=1.0 / sample_rate))
    widths = np.diff(edges)
    weights = np.zeros((n_mels, n_fft // 2 + 1), dtype=np.float32)
    for i in range(n_mels):
        weights[i] = np.maximum(0, np.minimum(-ramps[i] / widths[i], ramps[i + 2] / widths[i + 1]))
    if slaney:
        weights *= (2.0 / (edges[2 : n_mels + 2] - edges[:n_mels]))[:, np.newaxis]
    return weights


_SLANEY_HZ_PER_MEL = 200.0 / 3  # below 1 kHz
_SLANEY_LOG_STEP = np.log(6.4) / 27.0  # above it, per mel


def _slaney_mel(hz: float) -> float:
    if hz < 1000.0:
        return hz / _SLANEY_HZ_PER_MEL
    return 1000.0 / _SLANEY_HZ_PER_MEL + np.log(hz / 1000.0) / _SLANEY_LOG_STEP


def _slaney_hz(mels: np.ndarray) -> np.ndarray:
    knee = 1000.0 / _SLANEY_HZ_PER_MEL
    hz = _SLANEY_HZ_PER_MEL * mels
    above = mels >= knee
    hz[above] = 1000.0 * np.exp(_SLANEY_LOG_STEP * (mels[above] - knee))
    return hz
