"""resemblyzer's speaker encoder, run by the coach: the same mel spectrogram, the same network and
weights, the same embeddings, without importing the resemblyzer package.

resemblyzer (Resemble AI, Apache-2.0, https://github.com/resemble-ai/Resemblyzer) turns 1.6 s of
speech into a unit vector that is close for one voice and far for two. Importing anything from it
runs its `__init__`, which imports librosa for its mel spectrogram, and librosa's first use in a
process imports numba and scipy.signal and loads numba's compiled kernels: seconds before a new
review process's first answer (README "Speakers on real recordings"). Here its mel spectrogram is
`librosa.feature.melspectrogram` computed as the voice measures compute librosa's
(`coach.transcribe.filled_pauses.features`: numpy and scipy's FFT), its volume normalisation and
silence trimming are resemblyzer's own arithmetic (webrtcvad and scipy.ndimage), and its network
(a 3-layer LSTM of 256, a linear layer, ReLU, unit length) is built here in torch with the weights
`pretrained.pt` read from resemblyzer's package folder. `tests/test_voice_encoder.py` compares
mel spectrograms and embeddings with resemblyzer's.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np

from coach.transcribe.filled_pauses.features import mel_filters, power_spectrum
from coach.types import SAMPLE_RATE

# resemblyzer's hparams.py: 25 ms windows every 10 ms, 40 mel bands, at 16 kHz
MEL_WINDOW = 400
MEL_HOP = 160
N_MELS = 40
PARTIAL_FRAMES = 160  # 1.6 s: the length of speech the network was trained on
HIDDEN = 256
LAYERS = 3
# Volume and silences before a whole recording is embedded (resemblyzer's preprocess_wav)
TARGET_DBFS = -30
VAD_WINDOW = 480  # 30 ms at 16 kHz, a length webrtcvad accepts
VAD_AVERAGE_WIDTH = 8  # windows in the moving average of the detector's flags
VAD_MAX_SILENCE = 6  # windows of silence kept around speech
INT16_MAX = 2**15 - 1


def normalize_volume(wav: np.ndarray, target_dbfs: float = TARGET_DBFS) -> np.ndarray:
    """The waveform made louder to `target_dbfs` (RMS), never quieter."""
    rms = np.sqrt(np.mean((wav * INT16_MAX) ** 2))
    change = target_dbfs - 20 * np.log10(rms / INT16_MAX)
    return wav if change < 0 else wav * (10 ** (change / 20))


def mel_spectrogram(wav: np.ndarray) -> np.ndarray:
    """(frames, 40) float32 power on the mel scale, one frame every 10 ms (not in dB), as
    resemblyzer's `wav_to_mel_spectrogram` gives it."""
    power = power_spectrum(np.asarray(wav, np.float32), MEL_WINDOW, MEL_WINDOW, MEL_HOP)
    filters = mel_filters(SAMPLE_RATE, MEL_WINDOW, N_MELS, SAMPLE_RATE / 2, slaney=True)
    # librosa's own product (einsum, not @), so the sums run as librosa runs them
    return np.einsum("ft,mf->mt", power, filters, optimize=True).astype(np.float32).T


def trim_long_silences(wav: np.ndarray) -> np.ndarray:
    """The waveform with each silence the voice detector hears cut to about 0.18 s, 90 ms kept at
    each edge of speech (resemblyzer's `trim_long_silences`)."""
    import scipy.ndimage
    import webrtcvad

    wav = wav[: len(wav) - len(wav) % VAD_WINDOW]
    pcm = np.round(wav * INT16_MAX).astype(np.int16).tobytes()
    vad = webrtcvad.Vad(mode=3)
    flags = np.array(
        [
            vad.is_speech(pcm[2 * a : 2 * (a + VAD_WINDOW)], sample_rate=SAMPLE_RATE)
            for a in range(0, len(wav), VAD_WINDOW)
        ]
    )
    width = VAD_AVERAGE_WIDTH
    padded = np.concatenate((np.zeros((width - 1) // 2), flags, np.zeros(width // 2)))
    total = np.cumsum(padded, dtype=float)
    total[width:] = total[width:] - total[:-width]
    speech = np.round(total[width - 1 :] / width).astype(bool)
    speech = scipy.ndimage.binary_dilation(speech, np.ones(VAD_MAX_SILENCE + 1))
    return wav[np.repeat(speech, VAD_WINDOW)]


def weights_path() -> Path:
    """resemblyzer's `pretrained.pt`, found without importing the package."""
    spec = importlib.util.find_spec("resemblyzer")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("resemblyzer is not installed: the speaker encoder's weights ship with it")
    return Path(next(iter(spec.submodule_search_locations))) / "pretrained.pt"


class VoiceEncoder:
    """resemblyzer's network with its weights, on CPU: mel spectrograms in, unit vectors out."""

    def __init__(self, weights: Path):
        import torch

        state = torch.load(weights, map_location="cpu", weights_only=True)["model_state"]
        self.lstm = torch.nn.LSTM(N_MELS, HIDDEN, LAYERS, batch_first=True)
        self.linear = torch.nn.Linear(HIDDEN, HIDDEN)
        for name, layer in (("lstm", self.lstm), ("linear", self.linear)):
            layer.load_state_dict(
                {k[len(name) + 1 :]: v for k, v in state.items() if k.startswith(name + ".")}
            )

    def __call__(self, mels: np.ndarray) -> np.ndarray:
        """(n, 256) embeddings of n mel spectrograms of one length, (n, frames, 40)."""
        import torch

        with torch.no_grad():
            _, (hidden, _) = self.lstm(torch.from_numpy(np.ascontiguousarray(mels, np.float32)))
            raw = torch.relu(self.linear(hidden[-1]))
            return (raw / torch.norm(raw, dim=1, keepdim=True)).numpy()

    def embed_utterance(self, wav: np.ndarray, rate: float = 1.3, min_coverage: float = 0.75) -> np.ndarray:
        """One embedding for a whole recording: the mean of 1.6 s windows, `rate` a second, the
        last one padded with silence when it holds at least `min_coverage` of a window, made unit
        length (resemblyzer's `embed_utterance`)."""
        n_frames = int(np.ceil((len(wav) + 1) / MEL_HOP))
        step = int(np.round((SAMPLE_RATE / rate) / MEL_HOP))
        starts = list(range(0, max(1, n_frames - PARTIAL_FRAMES + step + 1), step))
        if (len(wav) - starts[-1] * MEL_HOP) / (PARTIAL_FRAMES * MEL_HOP) < min_coverage and len(starts) > 1:
            starts.pop()
        end = (starts[-1] + PARTIAL_FRAMES) * MEL_HOP
        if end >= len(wav):
            wav = np.pad(wav, (0, end - len(wav)), "constant")
        mel = mel_spectrogram(wav)
        partials = self(np.array([mel[s : s + PARTIAL_FRAMES] for s in starts]))
        raw = np.mean(partials, axis=0)
        return raw / np.linalg.norm(raw, 2)


@functools.lru_cache(maxsize=1)
def encoder() -> VoiceEncoder:
    """The encoder, loaded once. One torch thread: two were slower on 2 cores."""
    import torch

    torch.set_num_threads(1)
    return VoiceEncoder(weights_path())
