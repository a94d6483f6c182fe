"""Voices compared by the coach's own run of resemblyzer's encoder (coach.interview.voice_encoder):
the same mel spectrograms and embeddings as resemblyzer gives, and none of librosa's start-up in a
new review process."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

from coach.audio import load_audio
from coach.config import load_settings
from coach.interview import speakers, voice_encoder
from coach.types import Word

DATA = Path(__file__).parent / "data"
# a real phone call of two women, and a generated interview of two voices
CLIPS = ["real_speech/conversation.wav", "interviews/interview_short.flac"]


@pytest.fixture(scope="module")
def resemblyzer_encoder():
    import torch
    from resemblyzer import VoiceEncoder

    torch.set_num_threads(1)
    return VoiceEncoder("cpu", verbose=False)


@pytest.mark.parametrize("name", CLIPS)
def test_mel_spectrogram_and_voices_are_resemblyzers(resemblyzer_encoder, name):
    """Checked when written on the phone call, an AMI meeting clip, the lecture and three generated
    interviews: mel spectrograms, window embeddings and whole-recording embeddings equal to the last
    bit on this machine; the tolerances leave room for another CPU's FFT and matrix kernels."""
    import torch
    from resemblyzer import preprocess_wav
    from resemblyzer.audio import normalize_volume, wav_to_mel_spectrogram

    samples = load_audio(DATA / name, load_settings(Path(tempfile.mkdtemp()))).samples.astype(np.float32)
    theirs = wav_to_mel_spectrogram(normalize_volume(samples, -30, increase_only=True))
    ours = voice_encoder.mel_spectrogram(voice_encoder.normalize_volume(samples))
    assert ours.shape == theirs.shape == (len(samples) // 160 + 1, 40)
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-9)

    # every window the review embeds: 1.6 s every 0.25 s, one shorter window for a short stretch
    end_s = len(samples) / 16000
    speech = [(0.3, 1.2), (1.5, end_s - 0.5)]
    windows = speakers.voice_windows(samples, 0.0, [Word("so", 0.0, end_s, 1.0)], speech)
    assert len(windows.starts_s) > 50 and windows.lengths_s.min() < 1.6
    with torch.no_grad():
        for i, embedding in enumerate(windows.embeddings):
            a, n = round(windows.starts_s[i] * 100), round(windows.lengths_s[i] * 100)
            expected = resemblyzer_encoder(torch.from_numpy(theirs[None, a : a + n])).numpy()[0]
            np.testing.assert_allclose(embedding, expected, rtol=0, atol=1e-6)

    # the whole recording, as the candidate's voice profile is made
    expected = resemblyzer_encoder.embed_utterance(preprocess_wav(samples, source_sr=16000))
    np.testing.assert_allclose(speakers.utterance_embedding(samples), expected, rtol=0, atol=1e-6)


def test_a_new_process_embeds_voices_without_librosa_numba_or_scipy_signal():
    """Importing resemblyzer imported librosa, whose first use in a process imported numba and
    scipy.signal and loaded numba's compiled kernels: seconds before a new review process heard its
    first voice (README "Speakers on real recordings")."""
    code = (
        "import sys, soundfile; from coach.types import Word; "
        "from coach.interview.speakers import voice_windows, utterance_embedding; "
        f"mix, _ = soundfile.read({str(DATA / CLIPS[0])!r}, dtype='float32'); "
        "w = voice_windows(mix[:160000], 0.0, [Word('so', 0.0, 10.0, 1.0)], [(0.5, 9.5)]); "
        "assert len(w.starts_s) > 20 and utterance_embedding(mix[:160000]) is not None; "
        "print(sorted(m for m in ('librosa', 'numba', 'scipy.signal', 'resemblyzer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
