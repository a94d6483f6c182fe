"""The voice's frames (pitch, voicing, loudness, cepstrum) without librosa: the same numbers as
librosa gives, and none of its start-up cost in a new process."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

from coach.audio import load_audio
from coach.config import load_settings
from coach.transcribe.filled_pauses import features

DATA = Path(__file__).parent / "data"
CLIPS = ["clean.wav", "phone_8k.wav", "filled_pauses/elongated_8k.wav", "interviews/identical_stereo.flac"]


def _librosa_frames(samples: np.ndarray, rate: int) -> tuple[np.ndarray, np.ndarray]:
    """Pitch and cepstrum as the coach computed them with librosa 0.11 until 5 Dec 2026."""
    import librosa

    hop = int(round(features.FRAME_S * rate))
    f0 = librosa.yin(
        samples,
        fmin=features.PITCH_FLOOR_HZ,
        fmax=features.PITCH_CEILING_HZ,
        sr=rate,
        frame_length=int(round(features.PITCH_WINDOW_S * rate)),
        hop_length=hop,
    )
    window = int(round(features.MFCC_WINDOW_S * rate))
    n_fft = 1 << (window - 1).bit_length()
    power = np.abs(librosa.stft(samples, n_fft=n_fft, hop_length=hop, win_length=window)) ** 2
    mel = librosa.filters.mel(
        sr=rate, n_fft=n_fft, n_mels=features.N_MELS, fmax=features.MFCC_MAX_HZ, htk=True, norm=None
    )
    mfcc = librosa.feature.mfcc(S=librosa.power_to_db(mel @ power, top_db=None), n_mfcc=features.N_MFCC + 1)
    return f0, mfcc[1:].T


@pytest.mark.parametrize("name", CLIPS)
def test_pitch_and_cepstrum_are_librosas(name):
    """Checked over all 98 clips of tests/data when written: equal to the last bit on this machine;
    the tolerance leaves room for another CPU's FFT kernels, far inside anything a threshold sees."""
    audio = load_audio(DATA / name, load_settings(Path(tempfile.mkdtemp())))
    rate = audio.sample_rate
    f0, mfcc = _librosa_frames(audio.samples, rate)
    ours = features.measure(audio.samples, rate)
    n = len(ours.times)
    window, hop = int(round(features.PITCH_WINDOW_S * rate)), int(round(features.FRAME_S * rate))
    frames = features._centred_windows(audio.samples, window, hop)
    assert np.allclose(features.yin(frames, rate), f0[: len(frames)], rtol=1e-6, atol=0)
    assert len(frames) == len(f0) == n
    assert np.allclose(ours.mfcc, mfcc[:n], rtol=0, atol=1e-3)
    voiced = ours.f0_hz > 0
    assert voiced.sum() > n / 10, (name, voiced.sum(), n)  # a speech clip: much of it voiced
    assert np.allclose(ours.f0_hz[voiced], f0[:n][voiced], rtol=1e-6, atol=0)


def test_a_new_process_measures_the_voice_without_librosa_numba_or_scipy_signal():
    """librosa's first use in a process imported numba and scipy.signal and loaded numba's compiled
    kernels: 2-3 s before each new process's first answer (CLI, worker, app), and far more on a busy
    machine; and the kernels had to be compiled once when installing."""
    code = (
        "import sys, numpy as np; from coach.transcribe.filled_pauses.features import measure; "
        "measure(np.random.default_rng(0).normal(0, 0.1, 16000).astype(np.float32)); "
        "print(sorted(m for m in ('librosa', 'numba', 'scipy.signal') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
