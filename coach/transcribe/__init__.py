"""Speech to words with times, on this machine. One protocol, two engines (DESIGN.md "Engines")."""

from __future__ import annotations

import functools
import os
from dataclasses import replace
from pathlib import Path

from coach.audio import load_audio
from coach.config import Settings
from coach.errors import NoSpeechError, said_name
from coach.transcribe.base import VERBATIM_PROMPT, Engine, ProgressCallback
from coach.transcribe.models import (
    DEFAULT_MODEL,
    ENGINES,
    KNOWN_MODELS,
    bundled_model_dir,
    check_settings_engine,
    list_models,
)
from coach.types import DecodedAudio, ModelInfo, Transcript


def get_engine(settings: Settings) -> Engine:
    """The engine and model the settings name, loaded once per process."""
    check_settings_engine(settings)
    threads = engine_threads(settings.cpu_threads)
    models = str(settings.models_dir)
    if settings.engine == "faster-whisper" and settings.model == DEFAULT_MODEL and bundled_model_dir():
        models = ""  # the bundled weights, whichever data folder: loaded once, not once per folder
    return _load_engine(settings.engine, settings.model, settings.beam_size, threads, models)


def engine_threads(cpu_threads: int, cpus: int | None = None, environ: dict | None = None) -> int:
    """The CPU threads the engine is given: the setting when it names a number; left to the engine
    (0) on a machine of more than two CPUs or where OMP_NUM_THREADS says; one on a machine of two or
    fewer. On the 2-core machines we measure on, two threads made Whisper slower, not faster: a
    60 s answer's feedback came 4.7 s after stop with the engine's choice and 2.9 s with one thread
    (benchmarks/practice_latency.py; README "Time to feedback")."""
    if cpu_threads:
        return cpu_threads
    if "OMP_NUM_THREADS" in (os.environ if environ is None else environ):
        return 0
    return 1 if (os.cpu_count() if cpus is None else cpus) <= 2 else 0


@functools.lru_cache(maxsize=4)
def _load_engine(engine: str, model: str, beam_size: int, cpu_threads: int, models_dir: str) -> Engine:
    if engine == "openai-whisper":
        from coach.transcribe.openai_engine import OpenAIWhisperEngine

        return OpenAIWhisperEngine(
            model, models_dir=Path(models_dir), beam_size=beam_size, cpu_threads=cpu_threads
        )
    from coach.transcribe.faster_engine import FasterWhisperEngine

    return FasterWhisperEngine(
        model, beam_size=beam_size, cpu_threads=cpu_threads, models_dir=Path(models_dir)
    )


def transcribe_audio(
    audio: DecodedAudio, settings: Settings, progress: ProgressCallback | None = None
) -> Transcript:
    """Transcribe decoded audio; no words at all means the recording holds no speech."""
    from coach.transcribe.coverage import repair

    engine = get_engine(settings)
    transcript = engine.transcribe(
        audio.samples, audio.sample_rate, verbatim=settings.verbatim, progress=progress
    )
    # speech the decoder skipped is decoded again; what stays missing is kept in `unheard`
    transcript = repair(engine, audio.samples, transcript)
    if not transcript.words:
        name = said_name(audio.name or Path(audio.source_path).name)
        raise NoSpeechError(
            f"No speech was found in {name}; check the microphone is picking up your "
            "voice (speak closer, reduce background noise) and record again."
        )
    from coach.transcribe.filled_pauses.features import measure
    from coach.transcribe.sound import listen  # only once there are words

    frames = measure(audio.samples)  # one pass: fillers, pitch, loudness and silences (issue 20)
    if settings.recover_fillers:  # the "um"s and "uh"s Whisper drops, heard from the audio (issue 10)
        from coach.transcribe.filled_pauses import recover_filled_pauses

        transcript = recover_filled_pauses(audio.samples, transcript, settings, frames)
    return replace(transcript, sound=listen(audio.samples, frames))


def transcribe_file(
    path: Path | str,
    settings: Settings,
    progress: ProgressCallback | None = None,
    *,
    channel: str | None = None,
) -> Transcript:
    """Decode, validate and transcribe a recording on disk."""
    return transcribe_audio(load_audio(path, settings, channel=channel), settings, progress)


def available_models(settings: Settings) -> list[ModelInfo]:
    return list_models(settings.models_dir)


__all__ = [
    "DEFAULT_MODEL",
    "ENGINES",
    "KNOWN_MODELS",
    "VERBATIM_PROMPT",
    "Engine",
    "ProgressCallback",
    "available_models",
    "get_engine",
    "transcribe_audio",
    "transcribe_file",
]
