"""The time Whisper's temperature fallback costs, and what cutting it costs in words.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/fallback.py [--set DIR] [--tuning] [--only NAME ...]
        [--candidates whisper,repair-t0,t0,...] [--engine faster-whisper|openai-whisper] [--real]
        [--clips FILE ...]

Whisper decodes a 30 s window at temperature 0 (beam search) and, when the result looks wrong
(average log-probability under -1, or compression ratio over 2.4), again at 0.2, 0.4, ... 1.0 by
sampling best_of candidates: up to five more decodes of the window. Every transcription runs it:
the first pass with the verbatim prompt, the coverage repair's decodes of skipped speech
(coach/transcribe/coverage.py) and its decodes of stretched words.

Candidates (the decoding options passed to the first pass and to the repair decodes):
- whisper: Whisper's temperatures everywhere (the app's default);
- repair-t0: Whisper's in the first pass, temperature 0 only in the repair decodes;
- t0: temperature 0 only everywhere (no fallback);
- t-0-0.4-0.8: a shorter list; best-of-2: Whisper's list sampling 2 candidates, not beam size's 5.

Each clip goes through the app's path (coach.transcribe.transcribe_audio, default settings) once
per candidate, the first candidate first and the others after it in an order rotated from clip to
clip, so a busy machine slows them alike. Seconds are wall-clock and CPU (the process's, which a
loaded machine inflates far less: compare CPU seconds, as ratios). A candidate that changes only
the fallback gives the same words by the same decodes where the first candidate had no fallback,
so it is not run again there (its row counts the first's figures). Per candidate and per call
(first pass, gap repair, stretched-word repair): decodes, fallback decodes and the seconds in
them (the engine's decoder calls, timed); on the fluent sets (known text, scored by
benchmarks/fluent_speech.py) words transcribed, WER, clips dropping more than 5% and fillers kept;
and the words each candidate has that the first has not (and back). `--real` (or `--clips`) runs
real recordings instead, which have no reference: words counted, and the differing words printed.

Found (3 Dec 2026, faster-whisper tiny.en unless said; load average 8-19 from other work, so
decode counts are the firm figures): the fallback fired in few windows (tuning set: 2 of 16 clips
at 16 kHz, 7 of the first 13 at 8 kHz; real clips: 1 window, 1 extra decode; clean.wav and
clean.m4a: the last window, rejected at all six temperatures: 7 decodes for 2 windows, with both
engines), but where it fired it was most of the time (tune-tech-queue-again 8 kHz: 35.5 CPU s
against 6.0 at temperature 0 only). At temperature 0 only the words were the same or more on the
tuning set (16 kHz: 86.2% transcribed against 86.0%) and word for word the same on the real
clips, but not on the default set's star-leadership 8 kHz answer (50.3% -> 34.9%; the decode
looped "went up, went up, ..." where the compression-ratio fallback had caught it), and
tests/test_quality_gate.py::test_a_window_skipped_twice_comes_back_in_shorter_pieces failed
(0.349 of its words against 0.35); on the tuning set at 8 kHz it added words that were not said
(WER 0.501 against 0.476; one answer 167 words for 87). So Whisper's temperatures stay the
default. The candidate left to try: repair-t0 (fallback in the first pass only), on the tuning set
16 kHz 86.2% / WER 0.169 against 86.0% / 0.172, 8 kHz 62.5% / 0.468 against 61.5% / 0.476 at 0.79
of the CPU seconds; not yet checked against the tests.

repair-t0 checked (3 Dec 2026, idle machine, two runs side by side): on the tuning set 0.91 of the
CPU seconds, words transcribed 74.2% against 74.4%, WER 0.318 against 0.322, but clips dropping
more than 5% of their words 3/32 against 2/32 (one more 8 kHz answer); on the default set the same
time (x1.00), 79.8% against 79.9%, WER 0.246 against 0.245, 1/32 dropping >5% both; on the real
clips the same 1,271 words at 0.95 of the time; the tests passed, and the quality gate's
skipped-twice window took 11.7 s against 23.7 s. A trade of words for time on the set the issue
is about, so Whisper's temperatures stay in the repair too.

silence-0.5 and silence-0.5-first checked (4 Dec 2026, load 2-4): Whisper's own silence rule
(no_speech_threshold) at the coach's 0.5 instead of 0.6, so a window the coach drops as made up
anyway (no_speech over 0.5 and unsure) is not first decoded again at five more temperatures
(clean.wav's last 0.4 s scores 0.583: 7 decodes). Everywhere: tuning set 0.92 of the CPU seconds,
73.8% of the words and WER 0.323 against 73.8% / 0.326, 3/32 dropping >5% both; the reported set
0.95 of the time, 79.8% / 0.250 against 79.8% / 0.251; the real clips word for word the same. But
tests/test_quality_gate.py's skipped-twice window then kept its last 5.6 s (36.9-42.5 s) unheard:
the repair's decode of it was skipped as silence. In the first pass only: tuning set 0.99 of the
time, 74.4% / WER 0.315 against 74.4% / 0.325, but 4/32 dropping >5% against 2/32. The baseline
itself moved between the two runs (73.8% / 3 clips, then 74.4% / 2 clips: the fallback samples, and
which windows fall back depends on the decodes before), so neither gain is above that noise and
Whisper's 0.6 stays.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import fluent_speech as fs  # noqa: E402
from coach.audio import load_audio  # noqa: E402
from coach.config import load_settings  # noqa: E402
from coach.errors import NoSpeechError  # noqa: E402
from coach.transcribe import coverage, get_engine, transcribe_audio  # noqa: E402
from coach.types import Transcript  # noqa: E402

PHASES = ("first", "gap", "stretched")
REAL = ("conversation.wav", "conversation_8k.wav", "lecture.wav", "lecture_8k.wav", "news.wav", "news_8k.wav")


@dataclass(frozen=True)
class Candidate:
    """Decoding options passed to the engine, for the first pass and for the repair decodes;
    an empty dict leaves the engine's own."""

    key: str
    first: dict = field(default_factory=dict)
    repair: dict = field(default_factory=dict)

    @property
    def fallback_only(self) -> bool:
        """Whether it changes only the fallback decodes (temperatures after 0, best_of): on a
        clip where the base decoded every window at temperature 0, it gives the same words by
        the same decodes, so it is not run again there."""
        return all(set(o) <= {"temperature", "best_of"} for o in (self.first, self.repair)) and all(
            o.get("temperature", (0.0,))[0] == 0.0 for o in (self.first, self.repair)
        )


WHISPER_TEMPERATURES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)  # Whisper's own, and both engines'
T0 = {"temperature": (0.0,)}
WHISPER = {"temperature": WHISPER_TEMPERATURES}
SILENCE_05 = {**WHISPER, "no_speech_threshold": 0.5}
CANDIDATES = [
    Candidate("whisper", first=WHISPER, repair=WHISPER),
    Candidate("repair-t0", first=WHISPER, repair=T0),
    Candidate("t0", first=T0, repair=T0),
    Candidate("t-0-0.4-0.8", first={"temperature": (0.0, 0.4, 0.8)}, repair={"temperature": (0.0, 0.4, 0.8)}),
    Candidate("best-of-2", first={**WHISPER, "best_of": 2}, repair={**WHISPER, "best_of": 2}),
    # Whisper's own silence rule at the coach's (coach.transcribe.base.INVENTED_NO_SPEECH_PROB): a
    # window the coach would drop as made up is not decoded again at five more temperatures first
    Candidate("silence-0.5", first=SILENCE_05, repair=SILENCE_05),
    Candidate("silence-0.5-first", first=SILENCE_05, repair=WHISPER),
]


class Meter:
    """Per phase: decodes, fallback decodes (temperature > 0), seconds in each, and wall time."""

    def __init__(self):
        self.phase = "first"
        self.decodes: dict[str, int] = defaultdict(int)
        self.fallbacks: dict[str, int] = defaultdict(int)
        self.decode_s: dict[str, float] = defaultdict(float)
        self.fallback_s: dict[str, float] = defaultdict(float)
        self.windows: dict[str, int] = defaultdict(int)  # windows that needed a fallback

    def record(self, temperature: float, seconds: float, new_window: bool) -> None:
        self.decodes[self.phase] += 1
        self.decode_s[self.phase] += seconds
        if temperature > 0:
            self.fallbacks[self.phase] += 1
            self.fallback_s[self.phase] += seconds
            if new_window:
                self.windows[self.phase] += 1


METER = Meter()
CURRENT: Candidate = CANDIDATES[0]


class _Timed:
    """faster-whisper's CTranslate2 model with its generate timed and sorted by temperature."""

    def __init__(self, inner):
        self._inner = inner
        self._last_t = 0.0

    def generate(self, *args, **kwargs):
        temperature = float(kwargs.get("sampling_temperature", 0.0)) if kwargs.get("beam_size") == 1 else 0.0
        started = time.perf_counter()
        try:
            return self._inner.generate(*args, **kwargs)
        finally:
            METER.record(temperature, time.perf_counter() - started, temperature > 0 and self._last_t == 0)
            self._last_t = temperature

    def __getattr__(self, name):
        return getattr(self._inner, name)


def _options() -> dict:
    return CURRENT.first if METER.phase == "first" else CURRENT.repair


def instrument(engine) -> None:
    """Time the engine's decoder calls and pass the current candidate's options to every decode."""
    if engine.name == "faster-whisper":
        model = engine.model
        model.model = _Timed(model.model)
        original = model.transcribe

        def transcribe(audio, **kwargs):
            return original(audio, **{**kwargs, **_options()})

        model.transcribe = transcribe
    else:
        import whisper

        model = engine.model
        decode = model.decode
        last = {"t": 0.0}

        def timed_decode(mel, options):
            started = time.perf_counter()
            try:
                return decode(mel, options)
            finally:
                t = float(options.temperature or 0.0)
                METER.record(t, time.perf_counter() - started, t > 0 and last["t"] == 0)
                last["t"] = t

        object.__setattr__(model, "decode", timed_decode)
        original = whisper.transcribe

        def transcribe(model, audio, **kwargs):
            options = dict(_options())
            if "log_prob_threshold" in options:
                options["logprob_threshold"] = options.pop("log_prob_threshold")
            return original(model, audio, **{**kwargs, **options})

        whisper.transcribe = transcribe

    decode_gap, decode_region = coverage._decode_gap, coverage._decode_region

    @contextlib.contextmanager
    def phase(name):
        before, METER.phase = METER.phase, name
        try:
            yield
        finally:
            METER.phase = before

    def gap(*args):
        with phase("gap"):
            return decode_gap(*args)

    def region(*args):
        with phase(METER.phase if METER.phase == "gap" else "stretched"):
            return decode_region(*args)

    coverage._decode_gap, coverage._decode_region = gap, region


@dataclass
class Run:
    candidate: str
    clip: str
    seconds: float
    words: list[str]
    meter: Meter
    result: fs.ClipResult | None = None
    cpu_s: float = 0.0


def run_clip(audio, settings, clip: dict | None, regions) -> list[Run]:
    """The base first, then the other candidates in an order rotated from clip to clip."""
    global CURRENT, METER
    runs: list[Run] = []
    for candidate in [CHOSEN[0], *_rotated(clip_index := run_clip.count)]:
        if runs and not sum(runs[0].meter.fallbacks.values()) and candidate.fallback_only:
            base = runs[0]
            same = (base.clip, base.seconds, base.words, base.meter, base.result, base.cpu_s)
            runs.append(Run(candidate.key, *same))
            print(f"{runs[0].clip:<50} {candidate.key:<12} same as {CHOSEN[0].key}: no fallback there")
            continue
        CURRENT, METER = candidate, Meter()
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            transcript = transcribe_audio(audio, settings)
        except NoSpeechError:
            transcript = Transcript.from_words([], audio.samples.size / audio.sample_rate)
        seconds = time.perf_counter() - started
        name = clip["file"] if clip else audio.name
        run = Run(candidate.key, name, seconds, [w.text for w in transcript.words], METER)
        run.cpu_s = time.process_time() - cpu_started
        if clip is not None:
            run.result = fs.score(clip, transcript, regions, seconds)
        runs.append(run)
        print_run(run)
    run_clip.count = clip_index + 1
    return runs


run_clip.count = 0
CHOSEN: list[Candidate] = []


def _rotated(i: int) -> list[Candidate]:
    others = CHOSEN[1:] or []
    return others[i % len(others) :] + others[: i % len(others)] if others else []


def _phases(m: Meter) -> str:
    return "  ".join(
        f"{p} {m.decodes[p]}/{m.fallbacks[p]}fb({m.windows[p]}w) {m.decode_s[p]:.1f}/{m.fallback_s[p]:.1f}s"
        for p in PHASES
        if m.decodes[p]
    )


def print_run(run: Run) -> None:
    scored = ""
    if run.result is not None:
        r = run.result
        scored = f" recall {r.recall:6.1%} WER {r.wer:.3f} dropped {r.dropped / r.reference_words:5.1%}"
    print(
        f"{run.clip:<50} {run.candidate:<12} {run.seconds:6.1f}s cpu {run.cpu_s:6.1f}s "
        f"words {len(run.words):>4}{scored}  "
        f"decodes/fallbacks, seconds: {_phases(run.meter)}",
        flush=True,
    )


def print_totals(runs: list[Run], base: str) -> None:
    by = defaultdict(list)
    for run in runs:
        by[run.candidate].append(run)
    base_s = sum(r.seconds for r in by[base]) or 1.0
    base_cpu = sum(r.cpu_s for r in by[base]) or 1.0
    print("\n== totals ==")
    for key in [c.key for c in CHOSEN]:
        rs = by[key]
        total = sum(r.seconds for r in rs)
        cpu = sum(r.cpu_s for r in rs)
        line = (
            f"{key:<12} {total:7.1f}s (x{total / base_s:.2f} of {base}) cpu {cpu:7.1f}s "
            f"(x{cpu / base_cpu:.2f})  words {sum(len(r.words) for r in rs)}"
        )
        scored = [r.result for r in rs if r.result is not None]
        if scored:
            s = fs.summarise(key, scored)
            line += (
                f"  recall {s.recall:.1%}  WER {s.wer:.3f}  losing>5% {s.failing}/{s.clips}"
                f"  dropped {s.dropped:.1%} (>5%: {s.dropping}/{s.clips})  {fs._fillers(s)}"
            )
        meter = Meter()
        for r in rs:
            for p in PHASES:
                meter.decodes[p] += r.meter.decodes[p]
                meter.fallbacks[p] += r.meter.fallbacks[p]
                meter.decode_s[p] += r.meter.decode_s[p]
                meter.fallback_s[p] += r.meter.fallback_s[p]
                meter.windows[p] += r.meter.windows[p]
        fallback_s = sum(meter.fallback_s.values())
        print(line)
        print(f"{'':<12} fallback {fallback_s:.1f}s ({fallback_s / total:.0%} of its time); {_phases(meter)}")
        if scored:
            for rate in (16000, 8000):
                at = [r for r in scored if r.clip["rate"] == rate]
                if at:
                    s = fs.summarise(key, at)
                    secs = sum(r.seconds for r in at)
                    print(
                        f"{'':<12} {rate // 1000} kHz: recall {s.recall:.1%} WER {s.wer:.3f} "
                        f"dropping>5% {s.dropping}/{s.clips} {secs:.1f}s"
                    )
    for key in [c.key for c in CHOSEN if c.key != base]:
        for b, r in zip(by[base], by[key], strict=True):
            diff = [d for d in difflib.ndiff(b.words, r.words) if d[:1] in "+-"]
            if diff:
                print(f"{key} vs {base} {r.clip}: " + " ".join(d.replace(" ", "", 1) for d in diff))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=None)
    parser.add_argument("--tuning", action="store_true")
    parser.add_argument("--only", action="append", default=None)
    parser.add_argument("--candidates", default="whisper,repair-t0,t0")
    parser.add_argument("--engine", default=None)
    parser.add_argument("--real", action="store_true", help="the real recordings in tests/data/real_speech")
    parser.add_argument("--clips", nargs="*", type=Path, default=None, help="recordings without reference")
    args = parser.parse_args(argv)
    by_key = {c.key: c for c in CANDIDATES}
    CHOSEN[:] = [by_key[k] for k in args.candidates.split(",")]
    with tempfile.TemporaryDirectory(prefix="coach-fallback-") as tmp:
        settings = load_settings(data_dir=Path(tmp) / "data")
        if args.engine:
            import dataclasses

            settings = dataclasses.replace(settings, engine=args.engine)
        engine = get_engine(settings)
        instrument(engine)
        print(f"{settings.engine} {settings.model}, beam {settings.beam_size}; candidates {args.candidates}")
        runs: list[Run] = []
        if args.real or args.clips:
            from scripts import real_speech

            paths = args.clips or [real_speech.ensure() / name for name in REAL]
            for path in paths:
                if args.only and not any(n in path.name for n in args.only):
                    continue
                runs += run_clip(load_audio(path, settings), settings, None, None)
        else:
            folder = args.set or Path(tmp) / "set"
            clips = fs.clip_set(folder, tuning=args.tuning)
            if args.only:
                clips = [c for c in clips if any(n in c["file"] for n in args.only)]
            for clip in clips:
                audio = load_audio(folder / clip["file"], settings)
                runs += run_clip(audio, settings, clip, fs.speech(audio))
        print_totals(runs, CHOSEN[0].key)


if __name__ == "__main__":
    main()
