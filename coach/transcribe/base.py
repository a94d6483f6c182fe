"""What every transcription engine shares: the protocol, the verbatim prompt, speech regions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np

from coach.types import Transcript

SAMPLE_RATE = 16000
# A disfluent initial prompt makes Whisper keep filled pauses it would otherwise clean away
# (OpenAI's Whisper prompting guide); measured on tests/data/fillers.wav, see README "Verbatim".
VERBATIM_PROMPT = "Umm, let me think like, hmm... Okay, here's what I'm, like, thinking. Uh, so, um, yeah."

# progress(seconds_done, seconds_total): called as the engine moves through the audio.
ProgressCallback = Callable[[float, float], None]


class Engine(Protocol):
    """A transcriber: 16 kHz mono float32 in, words with times out."""

    name: str
    model_name: str

    def transcribe(self, audio: np.ndarray, sample_rate: int = SAMPLE_RATE, *, language: str = "en",
                   verbatim: bool = True, progress: ProgressCallback | None = None) -> Transcript:
        ...


def speech_regions(audio: np.ndarray) -> list[tuple[float, float]]:
    """Where there is speech, in seconds, from faster-whisper's bundled Silero VAD (runs offline).

    Both engines decode only these regions, so silence never turns into invented text.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    chunks = get_speech_timestamps(audio, VadOptions(), sampling_rate=SAMPLE_RATE)
    return [(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in chunks]


def check_sample_rate(sample_rate: int) -> None:
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"engines take {SAMPLE_RATE} Hz audio; decode with coach.audio.load_audio first")
