"""openai-whisper (PyTorch, fp32 on CPU): the reference implementation, same interface.

Its checkpoint for the bundled tiny.en is produced locally from the CTranslate2 weights
(coach.transcribe.ct2_to_openai) and cached in the data directory, so it never downloads.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import threading
from pathlib import Path

import numpy as np

from coach.errors import ModelError
from coach.files import private_folder
from coach.transcribe import ct2_to_openai
from coach.transcribe.base import (
    DECODING_SEED,
    HEARD_TAIL_S,
    INVENTED_AVG_LOGPROB,
    INVENTED_NO_SPEECH_PROB,
    VERBATIM_PROMPT,
    ProgressCallback,
    check_sample_rate,
    content_frames,
    in_clip_time,
    is_probably_invented,
    speech_regions,
    whole_words,
)
from coach.transcribe.models import (
    CANNOT_LOAD_ON_SERVER,
    DEFAULT_MODEL,
    bundled_model_dir,
    check_model_name,
    not_available,
    openai_whisper_cache_dir,
)
from coach.types import SAMPLE_RATE, Transcript, Word

# One decode at a time in this process: whisper keeps a decode's attention cache in hooks it
# installs on the model (shared by every session), so two decodes at once wrote into each other's
# cache (a RuntimeError on one session's page); the progress bar lent to its module and the
# seeded random state are the process's too (tests/test_transcribe.py).
_DECODING = threading.Lock()


def resolve_checkpoint(model: str, models_dir: Path) -> Path | str:
    """Checkpoint file for `model`: a path, whisper's cache, our converted copy, or a fresh conversion."""
    check_model_name(model)
    path = Path(model).expanduser()
    if path.is_file():
        return path
    for candidate in (openai_whisper_cache_dir() / f"{model}.pt", models_dir / f"openai-whisper-{model}.pt"):
        if candidate.exists():
            return candidate
    if model == DEFAULT_MODEL and (bundled := bundled_model_dir()):
        return convert_bundled(bundled, models_dir / f"openai-whisper-{model}.pt")
    return model


def convert_bundled(ct2_dir: Path, target: Path) -> Path:
    """Write the converted checkpoint atomically, so a crash never leaves half a file."""
    import torch

    fd, tmp = tempfile.mkstemp(dir=private_folder(target.parent), suffix=".partial")
    os.close(fd)
    try:
        torch.save(ct2_to_openai.convert(ct2_dir), tmp)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def load_checkpoint(path: Path):
    """Build the model with the checkpoint's own alignment heads (whisper.load_model ignores them)."""
    import torch
    from whisper.model import ModelDimensions, Whisper

    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    dims = ModelDimensions(**checkpoint["dims"])
    model = Whisper(dims)
    model.load_state_dict(checkpoint["model_state_dict"], strict=True)
    if heads := checkpoint.get("alignment_heads"):
        mask = torch.zeros(dims.n_text_layer, dims.n_text_head, dtype=torch.bool)
        for layer, head in heads:
            mask[layer, head] = True
        model.register_buffer("alignment_heads", mask.to_sparse(), persistent=False)
    return model.eval()


class OpenAIWhisperEngine:
    name = "openai-whisper"

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        models_dir: Path,
        beam_size: int = 5,
        cpu_threads: int = 0,
        heard_tail_s: float = HEARD_TAIL_S,
    ):
        import torch
        import whisper

        self.model_name = model
        self.beam_size = beam_size
        self.heard_tail_s = heard_tail_s
        if cpu_threads:
            torch.set_num_threads(cpu_threads)
        location = resolve_checkpoint(model, models_dir)
        try:
            if isinstance(location, Path):
                self.model = load_checkpoint(location)
            else:
                self.model = whisper.load_model(location, device="cpu")
        except (OSError, RuntimeError, KeyError) as e:
            if isinstance(location, Path):
                raise ModelError(
                    f"The checkpoint {location} could not be loaded ({e}); delete it and "
                    "try again, or choose another model.",
                    on_server=CANNOT_LOAD_ON_SERVER,
                ) from e
            raise not_available(self.name, model, type(e).__name__) from e

    def transcribe(
        self,
        audio: np.ndarray,
        sample_rate: int = SAMPLE_RATE,
        *,
        language: str = "en",
        verbatim: bool = True,
        progress: ProgressCallback | None = None,
    ) -> Transcript:
        import torch
        import whisper

        check_sample_rate(sample_rate)
        total = len(audio) / SAMPLE_RATE
        words: list[Word] = []
        for start_s, end_s in speech_regions(audio):
            piece = audio[int(start_s * SAMPLE_RATE) : int(end_s * SAMPLE_RATE)]
            with (
                _DECODING,
                _report_progress(progress, start_s, end_s - start_s, total),
                _skipping_heard_tail(self.model, self.heard_tail_s),
                torch.random.fork_rng(),
            ):
                torch.manual_seed(DECODING_SEED)
                result = whisper.transcribe(
                    self.model,
                    piece,
                    language=language,
                    word_timestamps=True,
                    fp16=False,
                    beam_size=self.beam_size,
                    best_of=self.beam_size,
                    initial_prompt=VERBATIM_PROMPT if verbatim else None,
                    condition_on_previous_text=False,
                    # a window Whisper finds likely silent (and whose decode is unsure) is skipped
                    # at the same point `is_probably_invented` drops a segment, not decoded again
                    # at five rising temperatures: the 1 s after clean.wav's answer was decoded six
                    # times (26 s, "Thank you for watching." looped at 0.4) to be dropped anyway
                    no_speech_threshold=INVENTED_NO_SPEECH_PROB,
                    logprob_threshold=INVENTED_AVG_LOGPROB,
                    verbose=None,
                )
            for segment in result["segments"]:
                timed = [(float(w["start"]), float(w["end"])) for w in segment.get("words", ())]
                if not is_probably_invented(
                    segment["no_speech_prob"], segment["avg_logprob"], segment["temperature"], timed
                ):
                    words += whole_words(
                        (
                            w["word"],
                            in_clip_time(start_s, float(w["start"])),
                            in_clip_time(start_s, float(w["end"])),
                            w["probability"],
                        )
                        for w in segment.get("words", ())
                    )
        if progress:
            progress(total, total)
        return Transcript.from_words(words, total, engine=self.name, model=self.model_name)


@contextlib.contextmanager
def _skipping_heard_tail(model, heard_tail_s: float):
    """For one whisper.transcribe: the model's decode, not decoding again the last bit of audio the
    window before already heard whole. With word timings on, whisper goes back to the end of a
    window's last word; when that window had reached the end of the speech region, what is left
    (the voice filter's 0.4 s of padding, a breath) was decoded in a 30 s window of its own, often
    again at rising temperatures, where Whisper invented "Thank you very much." and the like: one of
    clean.wav's two windows, two of fillers.wav's four. Most of it `is_probably_invented` dropped,
    not all: the lecture kept "Just to get it started.", five words stamped at 6.72 s over its
    first region's 0.5 s tail (README "The end of an answer, decoded once").

    Such a window of `heard_tail_s` or less is read as silence (no speech, no likely words), which
    whisper skips since no_speech_threshold and logprob_threshold are always given
    (OpenAIWhisperEngine.transcribe). whisper's own hallucination_silence_threshold does other
    things: measured on the same clips it saved 2% of the time (this, 17%) and changed words said in
    an interview ("to advance" became "todays"; benchmarks/results/heard_tail_openai.txt)."""
    from whisper.audio import FRAMES_PER_SECOND, N_FRAMES
    from whisper.decoding import DecodingResult

    tail_frames = round(heard_tail_s * FRAMES_PER_SECOND)
    decode = model.decode
    windows: list[tuple[object, int]] = []  # the last two windows: (mel, frames of content)

    def decoding_a_heard_tail_once(mel, options):
        if not windows or windows[-1][0] is not mel:  # a new window, not a fallback's decode again
            windows[:] = [*windows[-1:], (mel, content_frames(mel))]
        heard_to_the_end = len(windows) == 2 and windows[0][1] < N_FRAMES
        if heard_to_the_end and windows[-1][1] <= tail_frames:
            return DecodingResult(
                audio_features=None,
                language=options.language,
                avg_logprob=float("-inf"),
                no_speech_prob=1.0,
                temperature=options.temperature,
                compression_ratio=0.0,
            )
        return decode(mel, options)

    model.decode = decoding_a_heard_tail_once  # under _DECODING: no other decode runs meanwhile
    try:
        yield
    finally:
        del model.decode  # the class's own again


@contextlib.contextmanager
def _report_progress(progress: ProgressCallback | None, offset: float, length: float, total: float):
    """openai-whisper reports progress only through tqdm; lend it a tqdm that calls us.

    Each speech region is transcribed on its own (openai-whisper has no VAD, and its
    clip_timestamps option looped or invented text on our clips), so progress is offset by where
    the region starts.
    """
    import whisper  # noqa: F401  (loads the module we lend the bar to)

    module = sys.modules["whisper.transcribe"]
    if progress is None:
        yield
        return

    class _Bar:
        def __init__(self, total: int, **_kwargs):
            self.frames, self.done = max(total, 1), 0

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def update(self, n: int) -> None:
            self.done += n
            progress(min(total, offset + length * self.done / self.frames), total)

    class _Tqdm:
        tqdm = _Bar

    original = module.tqdm  # under _DECODING: no other decode reads it meanwhile
    module.tqdm = _Tqdm
    try:
        yield
    finally:
        module.tqdm = original
