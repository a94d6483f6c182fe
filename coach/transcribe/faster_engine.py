"""faster-whisper (CTranslate2, int8 on CPU): the default engine, several times faster on CPU."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import numpy as np

from coach.errors import ModelError
from coach.transcribe.base import (
    DECODING_SEED,
    HEARD_TAIL_S,
    INVENTED_AVG_LOGPROB,
    INVENTED_NO_SPEECH_PROB,
    VERBATIM_PROMPT,
    ProgressCallback,
    check_sample_rate,
    content_frames,
    is_probably_invented,
    whole_words,
)
from coach.transcribe.models import (
    CANNOT_LOAD_ON_SERVER,
    DEFAULT_MODEL,
    INSTALLABLE,
    bundled_model_dir,
    check_model_name,
    faster_whisper_cached,
    installed_model_dir,
    not_available,
)
from coach.types import SAMPLE_RATE, Transcript, Word


def resolve_model(model: str, models_dir: Path | None = None) -> Path | str:
    """Local folder for `model`; downloads only a model the user named that is not here yet."""
    check_model_name(model)
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    if model == DEFAULT_MODEL and (bundled := bundled_model_dir()):
        return bundled
    if models_dir is not None and (installed := installed_model_dir(model, models_dir)):
        return installed
    if model in INSTALLABLE:  # installed from a package or not at all: never a hub download
        raise not_available("faster-whisper", model, "not installed")
    if cached := faster_whisper_cached(model):
        return cached
    return model


class FasterWhisperEngine:
    name = "faster-whisper"

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        beam_size: int = 5,
        cpu_threads: int = 0,
        compute_type: str = "int8",
        models_dir: Path | None = None,
        heard_tail_s: float = HEARD_TAIL_S,
    ):
        self.model_name = model
        self.beam_size = beam_size
        self.heard_tail_s = heard_tail_s
        location = resolve_model(model, models_dir)
        try:
            self.model = _tail_skipping_model()(
                heard_tail_s, str(location), device="cpu", compute_type=compute_type, cpu_threads=cpu_threads
            )
        except Exception as e:  # offline hub errors, a corrupt folder
            if isinstance(location, Path):
                raise ModelError(
                    f"The model folder {location} could not be loaded ({e}); "
                    "reinstall it or choose another model.",
                    on_server=CANNOT_LOAD_ON_SERVER,
                ) from e
            raise not_available(self.name, model, type(e).__name__) from e
        if isinstance(location, str):  # fetched by name: loaded again from where it was fetched to
            location = faster_whisper_cached(model) or location
        self._location = str(location)
        self._compute_type, self._cpu_threads = compute_type, cpu_threads
        self.model.model = _SamplingWatch(self.model.model)

    def _fresh_random_generator(self) -> None:
        """After a decode that sampled, a new CTranslate2 model, so the next transcription samples
        from DECODING_SEED again (_SamplingWatch); about 0.2 s for tiny.en."""
        import ctranslate2

        if not self.model.model.sampled:
            return
        self.model.model = _SamplingWatch(
            ctranslate2.models.Whisper(
                self._location, device="cpu", compute_type=self._compute_type, intra_threads=self._cpu_threads
            )
        )

    def transcribe(
        self,
        audio: np.ndarray,
        sample_rate: int = SAMPLE_RATE,
        *,
        language: str = "en",
        verbatim: bool = True,
        progress: ProgressCallback | None = None,
    ) -> Transcript:
        import ctranslate2

        check_sample_rate(sample_rate)
        total = len(audio) / SAMPLE_RATE
        ctranslate2.set_random_seed(DECODING_SEED)
        self._fresh_random_generator()
        segments, _info = self.model.transcribe(
            audio,
            language=language,
            beam_size=self.beam_size,
            word_timestamps=True,
            vad_filter=True,
            initial_prompt=VERBATIM_PROMPT if verbatim else None,
            condition_on_previous_text=False,
            # a window Whisper finds likely silent (and whose decode is unsure) is skipped at the
            # point `is_probably_invented` drops a segment, not decoded again at five rising
            # temperatures to be dropped anyway (faster-whisper's own limit is 0.6): clean.wav's
            # silent tail was sampled five times, 3.6 s -> 1.8 s (best of 5, load 4-8); the 96
            # clips of tests/data come out word for word the same, sampled decodes 24 -> 14, and
            # on the fluent sets one 8 kHz answer drops fewer words (benchmarks/results/
            # faster_no_speech_threshold.txt). A window skipped whole can hold speech: the
            # coverage repair decodes it again (no more was left unheard there than before).
            no_speech_threshold=INVENTED_NO_SPEECH_PROB,
            log_prob_threshold=INVENTED_AVG_LOGPROB,
        )
        words: list[Word] = []
        for segment in segments:  # a lazy generator: decoding happens as we iterate
            said = segment.words or ()
            timed = [(w.start, w.end) for w in said]
            if not is_probably_invented(
                segment.no_speech_prob, segment.avg_logprob, segment.temperature, timed
            ):
                words += whole_words((w.word, w.start, w.end, w.probability) for w in said)
            if progress:
                progress(min(float(segment.end), total), total)
        if progress:
            progress(total, total)
        return Transcript.from_words(words, total, engine=self.name, model=self.model_name)


class _SamplingWatch:
    """faster-whisper's CTranslate2 model, noting whether a decode sampled (Whisper's temperature
    fallback). CTranslate2 gives each of its threads a random generator seeded once, the first time
    that thread samples: `ctranslate2.set_random_seed` only seeds generators not made yet. So after
    a decode that sampled, the next transcription went on from where the last one left off, and the
    same recording came out differently each time: an 8 kHz answer of the fluent tuning set gave 50,
    11 and 11 words in three transcriptions in a row, through the app's path 136, 88 (a 9 s stretch
    of speech left without words) and 117. With a new model after sampling: 50, 50, 50."""

    def __init__(self, inner):
        self._inner = inner
        self.sampled = False

    def generate(self, *args, **kwargs):
        self.sampled = self.sampled or kwargs.get("sampling_temperature", 0.0) > 0.0
        return self._inner.generate(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._inner, name)


@functools.cache
def _tail_skipping_model():
    """faster-whisper's WhisperModel, not decoding again the last bit of audio its previous window
    already heard whole. With word timings on, a window whose last segment ends in a pair of
    timestamps sends the decoder back to its last word's end; what is left after that word (the
    voice-activity filter's 0.4 s of padding, a breath) then gets a 30 s window of its own, and
    Whisper invents "Thank you." there, mostly dropped by `is_probably_invented` or the coverage
    check: a quarter of the app's transcription time on short clips (benchmarks/heard_tail.py)."""
    from faster_whisper import WhisperModel

    class TailSkippingModel(WhisperModel):
        def __init__(self, heard_tail_s: float, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._heard_tail_frames = round(heard_tail_s / self.feature_extractor.time_per_frame)
            self._windows = threading.local()  # one transcription's windows, per thread

        def generate_segments(self, *args, **kwargs):
            self._windows.last_frames, self._windows.skip = None, False
            yield from super().generate_segments(*args, **kwargs)

        def encode(self, features: np.ndarray):
            frames = content_frames(features)
            last = getattr(self._windows, "last_frames", None)
            self._windows.last_frames = frames
            heard_to_the_end = last is not None and last < self.feature_extractor.nb_max_frames  # 30 s
            self._windows.skip = heard_to_the_end and frames <= self._heard_tail_frames
            return None if self._windows.skip else super().encode(features)

        def generate_with_fallback(self, encoder_output, prompt, tokenizer, options):
            if getattr(self._windows, "skip", False):
                # read by faster-whisper as a silent window: skipped, since no_speech_threshold
                # and log_prob_threshold are always given (FasterWhisperEngine.transcribe)
                return _NothingSaid(), float("-inf"), 0.0, 0.0
            return super().generate_with_fallback(encoder_output, prompt, tokenizer, options)

    return TailSkippingModel


class _NothingSaid:
    no_speech_prob = 1.0
    sequences_ids = ([],)
    scores = (float("-inf"),)
