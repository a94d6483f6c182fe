"""One pass over a long recording: words, voice windows and channel levels, chunk by chunk.

Each chunk is decoded, transcribed, embedded and written to the work folder before the next is
read, so memory does not grow with the file (only words and 256-number voice windows are kept)
and a killed run resumes from its last finished chunk. Progress reports time done, time left and
how many chunks were reused; `cancel` is checked between chunks and while one is transcribed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from coach.analysis.wording import clock
from coach.config import Settings
from coach.errors import CoachError
from coach.files import file_sha256
from coach.interview.chunks import CHUNK_S, AudioChunk, ChunkReader, channel_levels, open_interview
from coach.interview.resume import ChunkResult, WorkDir
from coach.interview.speakers import VoiceWindows, voice_windows
from coach.pace import TimeLeft
from coach.transcribe.coverage import repair, speech_spans
from coach.types import SAMPLE_RATE, Sound, Word

# Whisper's disfluent "verbatim" prompt keeps fillers in a single answer but made tiny.en skip whole
# turns of a two-voice conversation (30 s of 53 s on tests/data/interviews/interview_stereo.flac,
# the interviewer's questions among them), so interviews are transcribed without it.
REVIEW_VERBATIM = False

# The steps said before the first words of the call are heard: the speech model loading (seconds
# once a process) and the first stretch being transcribed (Whisper says nothing until its first
# words). The Review page said "Saving the recording" through both, 5-17 s on a loaded machine.
LOADING_THE_MODEL = "loading the speech model"

# Where the bar of a review stands at each step, from 0 to 1, timed in a fresh terminal (tiny.en, 2
# CPUs, from after the model loads). On the 2:49 news clip of tests/data/real_speech (three stretches):
# the pass over the call 20.8 s of 29.9 (each stretch's words 3.3-3.5 s, its sound gone over again
# 1.0-1.6 s; the first 4 s, what loads once a process), telling the voices apart 1.5 s, two answers
# heard again 5.9 s, analysing 1.7 s. On a 53 s two-voice interview
# (tests/data/interviews/interview_stereo.flac): the pass 6.4 s of 15.2, the voices 2.2 s, three
# answers 3.9 s, analysing 2.1 s; the longer the call, the more of it the pass. The bar drew the pass
# alone (0.93 once the words were in) and stood there through the rest: 11 s of 15, 11 s of 30. The
# page and the terminal only draw these; `onward` keeps the bar from ever going back.
HEARD_BY = 0.6  # the whole call transcribed and gone over again
VOICES_TOLD_BY = 0.67  # the voices told apart
ANSWERS_HEARD_BY = 0.93  # each answer heard again; analysing the answers fills the rest
WORDS_SHARE = 0.7  # of a stretch's part of the pass: its words; its sound gone over again after
# Whisper decodes 30 s at a time and says that window's words at once: before one window of this run
# is done, the pace (and the time left) cannot be told (the first said "0:02 left" of 10 s).
ONE_WINDOW_S = 30.0
DONE = "done"
# A review kept in the store: its answers, turns and debrief written after it is done (1.4 s of a 21 s
# review of the 53 s interview on the Review page, the bar full at "Done" meanwhile).
SAVING = "saving the interview"
SAVING_FROM = 0.98


def answers_fraction(number: int, of: int) -> float:
    """Where the bar stands while answer `number` of `of` is heard again."""
    return VOICES_TOLD_BY + (ANSWERS_HEARD_BY - VOICES_TOLD_BY) * (number - 1) / max(of, 1)


def work_dir(settings: Settings, recording_sha256: str, chunk_s: float) -> WorkDir:
    """Where a review keeps its finished chunks: the settings as the chunks were made with."""
    return WorkDir(replace(settings, verbatim=REVIEW_VERBATIM), recording_sha256, chunk_s)


class ReviewCancelled(CoachError):
    """The user stopped a review; finished chunks are kept for the next run."""


@dataclass(frozen=True)
class Progress:
    """Where a review is: seconds of audio done out of total (None when the file does not say)."""

    done_s: float
    total_s: float | None
    elapsed_s: float
    eta_s: float | None
    chunks_done: int
    chunks_reused: int
    answers_heard: tuple[int, int] | None = None  # (this one, of) while answers are heard again
    step: str | None = None  # the work after the call is transcribed, as said: "telling the voices apart"
    fraction: float = 0.0  # of the whole review, what its bar draws (0 to 1, never going back)
    reused_s: float = 0.0  # seconds of the call whose words an earlier review kept (`chunks_reused`)

    def line(self) -> str:
        if self.step:
            return self.step
        if self.answers_heard:
            number, of = self.answers_heard
            return f"hearing your answers again as practice takes: answer {number} of {of}"
        total = f" of {clock(self.total_s)}" if self.total_s else ""
        share = f" ({100 * self.done_s / self.total_s:.0f}%)" if self.total_s else ""
        left = f", about {clock(self.eta_s)} left" if self.eta_s is not None else ""
        # as time of the call: "1 chunk reused from an earlier run" said an internal word
        reused = f", {clock(self.reused_s)} kept from an earlier review" if self.reused_s else ""
        return f"reviewed {clock(self.done_s)}{total}{share}{left}{reused}"


ProgressHandler = Callable[[Progress], None]


def onward(handler: ProgressHandler | None) -> ProgressHandler | None:
    """The reports as a bar draws them: never back from where it stood, and the time left over the
    whole review (not only the pass over the call: "about 0:00 left" was said 10 s before the end),
    said only once the pass has a pace (`eta_s` given). Whisper's words come a window at a time, many
    reports at once: the pace is the one at the last report before the newest burst of them (the
    first report of a burst, its window's time spent and little of its words counted, said "0:46
    left" of 26 s), taken from after the model loads (`coach.pace.TimeLeft`, as the terminal's bar
    over one answer)."""
    if handler is None or getattr(handler, "onward", False):
        return handler
    state: dict = {"highest": 0.0, "paced": False, "left": None}

    def report(p: Progress) -> None:
        if state["left"] is None and p.step != LOADING_THE_MODEL:  # timed from after the model loads
            state["left"] = TimeLeft(since=(time.monotonic(), state["highest"]))
        fraction = min(max(p.fraction, state["highest"]), 1.0)
        state["highest"] = fraction
        state["paced"] = state["paced"] or p.eta_s is not None or fraction >= HEARD_BY
        left = state["left"].seconds(fraction, 1.0) if state["left"] is not None else None
        eta = 0.0 if fraction >= 1.0 else left if state["paced"] else None
        handler(replace(p, fraction=fraction, eta_s=eta))

    report.onward = True  # type: ignore[attr-defined]
    return report


@dataclass(frozen=True)
class Heard:
    """Everything the pass over the audio found, in seconds from the start of the recording."""

    duration_s: float
    channels: int
    words: tuple[Word, ...]
    windows: VoiceWindows
    levels: np.ndarray
    chunks: int
    chunks_reused: int
    stopped_early: str | None
    engine: str
    model: str
    speech: tuple[tuple[float, float], ...] = ()  # where the voice detector heard speech
    unheard: tuple[tuple[float, float], ...] = ()  # speech that stayed without words
    sound: Sound | None = None  # pitch, level and silences over the whole recording (issue 20)

    def coverage_of(self, start_s: float, end_s: float) -> tuple[float, tuple[tuple[float, float], ...]]:
        """Seconds of speech heard between two times, and the unheard stretches inside them."""
        return (
            round(sum(_clip(s, start_s, end_s) for s in self.speech), 2),
            tuple(
                (max(a, start_s), min(b, end_s)) for a, b in self.unheard if _clip((a, b), start_s, end_s) > 0
            ),
        )


def _clip(span: tuple[float, float], start_s: float, end_s: float) -> float:
    return max(0.0, min(span[1], end_s) - max(span[0], start_s))


def listen(
    path: Path,
    settings: Settings,
    *,
    chunk_s: float = CHUNK_S,
    progress: ProgressHandler | None = None,
    cancel: Callable[[], bool] | None = None,
    sha256: str | None = None,
    name: str = "",
) -> Heard:
    from coach.transcribe import get_engine

    audio = open_interview(path, settings, name=name)
    work = work_dir(settings, sha256 or file_sha256(path), chunk_s)
    progress = onward(progress)
    if progress is not None:  # loaded once a process: the time left is timed from after it
        progress(Progress(0.0, audio.declared_s, 0.0, None, 0, 0, step=LOADING_THE_MODEL))
    engine = get_engine(settings)
    reader = ChunkReader(audio, chunk_s)
    timer = _Clock(audio.declared_s, progress)
    results: list[ChunkResult] = []
    for chunk in reader:
        _check_cancel(cancel, len(results))
        timer.begin(chunk)
        kept = work.load(chunk.index, chunk.start_s, chunk.end_s)
        reused = kept is not None
        if kept is None:
            timer.first_words(chunk)
            kept = _process(chunk, engine, settings, timer, cancel)
            work.save(kept)
        results.append(kept)
        timer.chunk_done(chunk, reused)
    duration = results[-1].end_s if results else 0.0
    stopped = reader.stopped_early
    if stopped is None and audio.declared_s and duration < audio.declared_s - 2.0:
        stopped = (
            f"{path.name} ends at {clock(duration)} although it says it lasts "
            f"{clock(audio.declared_s)}; "
            "it may be cut off. The part that is there was reviewed."
        )
    return Heard(
        duration_s=duration,
        channels=audio.channels,
        words=tuple(w for r in results for w in r.words),
        windows=VoiceWindows.join([r.windows for r in results]),
        levels=_join_levels(results, audio.channels),
        chunks=len(results),
        chunks_reused=timer.reused,
        stopped_early=stopped,
        engine=engine.name,
        model=engine.model_name,
        speech=tuple(s for r in results for s in r.speech),
        unheard=tuple(u for r in results for u in r.unheard),
        sound=_join_sound(results),
    )


def _process(
    chunk: AudioChunk, engine, settings: Settings, clock: _Clock, cancel: Callable[[], bool] | None
) -> ChunkResult:
    mix = chunk.mix

    def inner(done_s: float, _total_s: float) -> None:
        _check_cancel(cancel, chunk.index)
        clock.within(chunk.start_s + done_s)

    transcript = engine.transcribe(mix, SAMPLE_RATE, verbatim=REVIEW_VERBATIM, progress=inner)
    clock.going_over(chunk)
    speech = speech_spans(mix)
    transcript = repair(engine, mix, transcript, speech=speech)  # speech the decoder skipped
    from coach.transcribe.filled_pauses.features import measure
    from coach.transcribe.sound import listen as hear_sound

    frames = measure(mix)  # one pass: fillers, pitch, loudness and silences
    if settings.recover_fillers:
        # Without the verbatim prompt Whisper writes almost no "um"s: hear them from the sound.
        from coach.transcribe.filled_pauses import recover_filled_pauses

        transcript = recover_filled_pauses(mix, transcript, settings, frames)
    sound = hear_sound(mix, frames).slice(0.0, chunk.end_s - chunk.start_s)
    words = tuple(
        Word(w.text, round(w.start_s + chunk.start_s, 3), round(w.end_s + chunk.start_s, 3), w.prob, w.source)
        for w in transcript.words
    )
    windows = voice_windows(mix, chunk.start_s, words, speech=speech)  # from the sound, not the words
    levels = channel_levels(chunk.samples) if chunk.samples.shape[1] > 1 else np.zeros((0, 1), np.float32)

    def shift(spans) -> tuple[tuple[float, float], ...]:
        return tuple((round(a + chunk.start_s, 2), round(b + chunk.start_s, 2)) for a, b in spans)

    return ChunkResult(
        chunk.index,
        chunk.start_s,
        chunk.end_s,
        words,
        windows,
        levels,
        shift(speech),
        shift(transcript.unheard),
        sound,
    )


def _check_cancel(cancel: Callable[[], bool] | None, finished: int) -> None:
    if cancel is not None and cancel():
        raise ReviewCancelled(
            f"Review stopped; {finished} finished chunks are kept, so running the same "
            "review again continues where it stopped."
        )


def _join_sound(results: list[ChunkResult]) -> Sound | None:
    """The chunks' sound end to end; None when a chunk was kept without it."""
    if not results or any(r.sound is None for r in results):
        return None
    frame_s = results[0].sound.frame_s
    return Sound(
        frame_s,
        np.concatenate([r.sound.pitch_hz for r in results]),
        np.concatenate([r.sound.level_db for r in results]),
        tuple(
            (round(a + r.start_s, 3), round(b + r.start_s, 3)) for r in results for a, b in r.sound.silences
        ),
    )


def _join_levels(results: list[ChunkResult], channels: int) -> np.ndarray:
    if channels < 2:
        return np.zeros((0, 1), np.float32)
    parts = [r.levels for r in results if len(r.levels)]
    return np.concatenate(parts) if parts else np.zeros((0, channels), np.float32)


class _Clock:
    """Time left from the pace of this run's own work (reused chunks cost nothing)."""

    def __init__(self, total_s: float | None, handler: ProgressHandler | None):
        self.total_s, self.handler = total_s, handler
        self.started = time.monotonic()
        self.chunks = self.reused = 0
        self.worked_s = 0.0  # audio seconds transcribed (not reused) by this run
        self.reused_s = 0.0  # audio seconds an earlier run transcribed
        self.chunk_start_s = 0.0

    def begin(self, chunk: AudioChunk) -> None:
        self.chunk_start_s = chunk.start_s

    def first_words(self, chunk: AudioChunk) -> None:
        """A stretch about to be transcribed while this run has heard none yet: nothing is said of
        its time until Whisper's first words, seconds later."""
        if self.worked_s == 0.0:
            self._report(chunk.start_s, 0.0, f"transcribing {_span(chunk)}", at_s=chunk.start_s)

    def within(self, position_s: float) -> None:
        at_s = self.chunk_start_s + WORDS_SHARE * (position_s - self.chunk_start_s)
        self._report(position_s, self.worked_s + position_s - self.chunk_start_s, at_s=at_s)

    def going_over(self, chunk: AudioChunk) -> None:
        """The chunk is transcribed; its sound is gone over again (speech Whisper skipped, fillers,
        pitch, voices), seconds with no progress of their own that read as the chunk's end."""
        step = f"listening to {_span(chunk)} again for missed words, fillers and voices"
        at_s = chunk.start_s + WORDS_SHARE * (chunk.end_s - chunk.start_s)
        self._report(chunk.end_s, self.worked_s + chunk.end_s - chunk.start_s, step, at_s=at_s)

    def chunk_done(self, chunk: AudioChunk, reused: bool) -> None:
        self.chunks += 1
        if reused:
            self.reused += 1
            self.reused_s += chunk.end_s - chunk.start_s
        else:
            self.worked_s += chunk.end_s - chunk.start_s
        self._report(chunk.end_s, self.worked_s, at_s=chunk.end_s)

    def _report(self, position_s: float, worked_s: float, step: str | None = None, *, at_s: float) -> None:
        """`at_s`: how far the pass is, in seconds of the call, its words and its sound gone over
        again both counted (WORDS_SHARE), for the bar."""
        if self.handler is None:
            return
        elapsed = time.monotonic() - self.started
        eta = None  # a placeholder saying the pace is known: `onward` says the time left
        if self.total_s and worked_s >= min(ONE_WINDOW_S, self.total_s):
            eta = max(0.0, (self.total_s - position_s) * elapsed / worked_s)
        self.handler(
            Progress(
                done_s=position_s,
                total_s=self.total_s,
                elapsed_s=elapsed,
                eta_s=eta,
                chunks_done=self.chunks,
                chunks_reused=self.reused,
                reused_s=self.reused_s,
                step=step,
                fraction=HEARD_BY * min(at_s / self.total_s, 1.0) if self.total_s else 0.0,
            )
        )


def _span(chunk: AudioChunk) -> str:
    """A stretch of the call as the progress names it: "0:00–1:00"."""
    return f"{clock(chunk.start_s)}–{clock(chunk.end_s)}"
