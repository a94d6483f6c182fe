"""What every transcription engine shares: the protocol, the verbatim prompt, speech regions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

import numpy as np

from coach.types import SAMPLE_RATE, Transcript, Word

# A disfluent initial prompt makes Whisper keep filled pauses it would otherwise clean away
# (OpenAI's Whisper prompting guide); measured on tests/data/fillers.wav, see README "Verbatim".
VERBATIM_PROMPT = "Umm, let me think like, hmm... Okay, here's what I'm, like, thinking. Uh, so, um, yeah."

# progress(seconds_done, seconds_total): called as the engine moves through the audio.
ProgressCallback = Callable[[float, float], None]


class Engine(Protocol):
    """A transcriber: 16 kHz mono float32 in, words with times out."""

    name: str
    model_name: str

    def transcribe(
        self,
        audio: np.ndarray,
        sample_rate: int = SAMPLE_RATE,
        *,
        language: str = "en",
        verbatim: bool = True,
        progress: ProgressCallback | None = None,
    ) -> Transcript: ...


# Word times are given to the hundredth, as Whisper gives them (both engines round so within what
# they decode); shifted by where the piece decoded starts in the clip they are rounded again.
WORD_TIME_DECIMALS = 2


def in_clip_time(piece_start_s: float, time_s: float) -> float:
    """A time within a piece decoded (`time_s`) as seconds from the start of the clip, to the
    hundredth: unrounded, `coach analyze --json` read "end_s": 4.640000000000001."""
    return round(piece_start_s + time_s, WORD_TIME_DECIMALS)


def whole_words(pieces: Iterable[tuple[str, float, float, float]]) -> list[Word]:
    """Whisper's words (text with its leading space, start, end, probability) as Words. A piece
    with no leading space continues the word before it ("check" + "-in"): joined, so the transcript
    reads "check-in", not "check -in"; the word spans both times and keeps the lower probability."""
    words: list[Word] = []
    for text, start, end, prob in pieces:
        if words and text[:1] not in ("", " ") and text.strip():
            last = words[-1]
            words[-1] = Word(last.text + text.strip(), last.start_s, float(end), min(last.prob, float(prob)))
        else:
            words.append(Word(text.strip(), float(start), float(end), float(prob)))
    return words


def speech_regions(audio: np.ndarray) -> list[tuple[float, float]]:
    """Where there is speech, in seconds, from faster-whisper's bundled Silero VAD (runs offline).

    Both engines decode only these regions, so silence never turns into invented text.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    chunks = get_speech_timestamps(audio, VadOptions(), sampling_rate=SAMPLE_RATE)
    return [(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in chunks]


# Whisper skips a window as silence when no_speech_prob > 0.6 and avg_logprob < -1 (its own
# defaults). Stretches at the edge of speech slip just under that and come out as stock phrases
# ("We'll see you next time." on tests/data/clean.m4a: no_speech 0.58, logprob -1.1; "Thank you
# for watching." on clean.wav: no_speech 0.6, logprob -0.99, decoded only at temperature 0.4).
# So a segment is dropped a little earlier, at 0.5, when the decoder was also unsure: a low
# log-probability, or it needed the temperature fallback (sampling) to produce anything.
# Both engines also give these two to Whisper as its own no-speech and log-probability limits, so
# a window it would decode again at rising temperatures only for this rule to drop is skipped.
INVENTED_NO_SPEECH_PROB = 0.5
INVENTED_AVG_LOGPROB = -1.0
# The last bit of audio a window already heard whole is not decoded again in a window of its own
# when it is this short (faster_engine._tail_skipping_model, openai_engine._skipping_heard_tail):
# on 162 clips, 84 such tails of up to 0.8 s after the last word (the voice filter's padding, a
# breath), where Whisper invented "Thank you."; longer ones, up to 7.9 s, can hold words Whisper
# stopped short of (README, "The end of an answer, decoded once").
HEARD_TAIL_S = 1.0
# Temperature fallback samples at random; a fixed seed before each transcription makes the same
# recording give the same transcript every time.
DECODING_SEED = 0


# Nobody says a word in under a tenth of a second on average. A segment likely to be no speech whose
# words come that fast is a stock phrase stamped onto the silence after an answer: "Thank you very
# much." twice, four words in 0.1 s each time, after a take that ended in digital silence
# (no_speech 0.68 and logprob -0.94, so the rule above kept it; a tester's take, issue 15's shape).
INVENTED_SECONDS_PER_WORD = 0.15


def is_probably_invented(
    no_speech_prob: float,
    avg_logprob: float,
    temperature: float = 0.0,
    words: Sequence[tuple[float, float]] = (),
) -> bool:
    """Whether a decoded segment is text Whisper made up, from its own numbers and its words'
    (start, end) times: likely no speech, and the decoder unsure or the words impossibly fast."""
    unsure = avg_logprob < INVENTED_AVG_LOGPROB or temperature > 0.0
    too_fast = len(words) >= 2 and (words[-1][1] - words[0][0]) / len(words) < INVENTED_SECONDS_PER_WORD
    return no_speech_prob > INVENTED_NO_SPEECH_PROB and (unsure or too_fast)


def content_frames(features) -> int:
    """Frames of a window's log-mel features (an array or a CPU tensor, mels by frames) before the
    zeros that pad it to 30 s (both engines' pad_or_trim); a frame of real audio is never all zeros
    (log-mel, scaled to about -1.5..1.5)."""
    features = np.asarray(features)
    heard = np.flatnonzero(np.any(features.reshape(-1, features.shape[-1]) != 0, axis=0))
    return int(heard[-1]) + 1 if len(heard) else 0


def check_sample_rate(sample_rate: int) -> None:
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"engines take {SAMPLE_RATE} Hz audio; decode with coach.audio.load_audio first")
