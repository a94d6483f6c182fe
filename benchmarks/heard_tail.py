"""What decoding again the tail a window already heard costs, and what it finds.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/heard_tail.py [--engine faster-whisper]
        [--tail 1.0] [--fluent DIR ...] [--only SUBSTRING ...] [--max-seconds S]
        [--hallucination-silence S]

With word timings on, both engines send the decoder back to the end of a window's last word when
the window's last segment ends in a pair of timestamps. When that window already reached the end
of the audio decoded, what is left (the voice-activity filter's padding after the last word, a
breath) is decoded again in a 30 s window of its own, where Whisper tends to invent "Thank you.",
which the app then drops. The engines, given heard_tail_s=T, skip such a window when it holds T
seconds or less (faster-whisper per clip, openai-whisper per speech region, which it transcribes
one at a time).

For every clip (the audio under tests/data, the real-speech clips included, and any fluent set
given with --fluent, built by scripts/make_fluent_set.py; --max-seconds keeps the clips of at most
that length), the app's whole transcription path (coach.transcribe.transcribe_audio: engine,
coverage repair, filled-pause recovery) runs with the tail decoded (T = 0, as before) and skipped
(T = --tail), and with --hallucination-silence S (openai-whisper only) a third way: the tail
decoded, with whisper.transcribe's own hallucination_silence_threshold=S. Printed per clip: the
windows decoded (frames of content, per transcription), CPU seconds of each way, and, where a
way's words or fillers differ from the first's, its last words; in total the CPU seconds of each,
the tails seen (windows after a window that reached the end) with their lengths, the fillers
(written or heard) and the clips whose words differ.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.audio import load_audio  # noqa: E402
from coach.config import load_settings  # noqa: E402
from coach.errors import CoachError  # noqa: E402
from coach.transcribe import transcribe_audio  # noqa: E402
from coach.transcribe.base import content_frames  # noqa: E402
from coach.transcribe.filled_pauses.evaluation import fillers_in  # noqa: E402

AUDIO = {".wav", ".flac", ".mp3", ".m4a", ".ogg", ".webm"}
ROOT = Path(__file__).resolve().parent.parent


def clips(fluent: list[Path], only: list[str]) -> list[Path]:
    found = sorted(p for p in (ROOT / "tests" / "data").rglob("*") if p.suffix in AUDIO)
    for folder in fluent:
        found += [folder / e["file"] for e in json.loads((folder / "manifest.json").read_text())["clips"]]
    return [p for p in found if not only or any(part in str(p) for part in only)]


def faster_ways(settings, tail: float) -> tuple[dict, list[list[int]], int, float]:
    """faster-whisper decoding the tail again and skipping it; the first's windows, noted as the
    model encodes them; its window and frame length (from its feature extractor)."""
    from coach.transcribe.faster_engine import FasterWhisperEngine

    ways = {
        name: (
            FasterWhisperEngine(settings.model, beam_size=settings.beam_size, cpu_threads=1, heard_tail_s=t),
            {},
        )
        for name, t in (("decoded again", 0.0), ("skipped", tail))
    }
    runs: list[list[int]] = []
    model = ways["decoded again"][0].model
    encode, generate = model.encode, model.generate_segments

    def noting_encode(features):
        runs[-1].append(content_frames(features))
        return encode(features)

    def noting_generate(*args, **kwargs):
        runs.append([])
        yield from generate(*args, **kwargs)

    model.encode, model.generate_segments = noting_encode, noting_generate
    features = model.feature_extractor
    return ways, runs, features.nb_max_frames, features.time_per_frame


def openai_ways(
    settings, tail: float, hallucination_silence: float | None
) -> tuple[dict, list[list[int]], int, float]:
    """openai-whisper decoding the tail again, skipping it and, if asked, decoding it with
    whisper's hallucination_silence_threshold; the first's windows, noted as whisper decodes them
    (one run per speech region: the engine calls whisper.transcribe for each); 3000 frames, 10 ms."""
    import whisper
    from whisper.audio import FRAMES_PER_SECOND, N_FRAMES
    from whisper.model import Whisper

    from coach.transcribe.openai_engine import OpenAIWhisperEngine

    def engine(t: float) -> OpenAIWhisperEngine:
        return OpenAIWhisperEngine(
            settings.model,
            models_dir=settings.models_dir,
            beam_size=settings.beam_size,
            cpu_threads=1,
            heard_tail_s=t,
        )

    ways = {"decoded again": (engine(0.0), {}), "skipped": (engine(tail), {})}
    if hallucination_silence is not None:
        ways[f"hallucination_silence_threshold={hallucination_silence}"] = (
            engine(0.0),
            {"hallucination_silence_threshold": hallucination_silence},
        )
    watched = ways["decoded again"][0].model
    runs: list[list[int]] = []
    last_mel: list = [None]
    decode, transcribe = Whisper.decode, whisper.transcribe

    def noting_decode(model, mel, options):
        if model is watched and mel is not last_mel[0]:  # a fallback decodes the same window again
            last_mel[0] = mel
            runs[-1].append(content_frames(mel))
        return decode(model, mel, options)

    def noting_transcribe(model, audio, **options):
        if model is watched:
            runs.append([])
        return transcribe(model, audio, **options, **extra[id(model)])

    extra = {id(engine.model): options for engine, options in ways.values()}
    Whisper.decode, whisper.transcribe = noting_decode, noting_transcribe
    return ways, runs, N_FRAMES, 1 / FRAMES_PER_SECOND


def heard_tails(runs: list[list[int]], window_frames: int, frame_s: float) -> list[float]:
    """Seconds of each window that came after a window that reached the end of its audio."""
    return [
        frames * frame_s
        for windows in runs
        for last, frames in zip(windows, windows[1:], strict=False)
        if last < window_frames
    ]


def transcribe(engine, audio, settings):
    with mock.patch("coach.transcribe.get_engine", return_value=engine):
        start = time.process_time()
        try:
            transcript = transcribe_audio(audio, settings)
        except CoachError as e:
            return None, time.process_time() - start, type(e).__name__
        return transcript, time.process_time() - start, None


def said(transcript) -> list[tuple[str, float, float]]:
    return [(w.text, w.start_s, w.end_s) for w in transcript.words] if transcript else []


def changes(before, after) -> str:
    """The words one transcript has and the other has not, with their start ("-Thank@8.82" lost,
    "+um@3.10" gained), and how many of the words both have start or end elsewhere."""
    a, b = said(before), said(after)
    matcher = difflib.SequenceMatcher(a=[w[0] for w in a], b=[w[0] for w in b], autojunk=False)
    changed, moved = [], 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            moved += sum(x != y for x, y in zip(a[i1:i2], b[j1:j2], strict=True))
        else:
            changed += [f"-{t}@{start:.2f}" for t, start, _ in a[i1:i2]]
            changed += [f"+{t}@{start:.2f}" for t, start, _ in b[j1:j2]]
    return f"{' '.join(changed) or 'the same words'}; {moved} of the same words at other times"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("faster-whisper", "openai-whisper"), default="faster-whisper")
    parser.add_argument("--tail", type=float, default=1.0, help="seconds of heard tail skipped")
    parser.add_argument("--fluent", type=Path, action="append", default=[], help="a built fluent set")
    parser.add_argument("--only", action="append", default=[], help="only clips whose path holds this")
    parser.add_argument("--max-seconds", type=float, help="only clips of at most this length")
    parser.add_argument(
        "--hallucination-silence", type=float, help="openai-whisper: also its hallucination_silence_threshold"
    )
    args = parser.parse_args(argv)
    if args.hallucination_silence is not None and args.engine != "openai-whisper":
        parser.error("--hallucination-silence is an option of openai-whisper")
    settings = load_settings(
        data_dir=str(ROOT / "benchmarks" / "out" / "heard-tail-data"), engine=args.engine
    )
    print(f"{args.engine}, {settings.model}, beam {settings.beam_size}, one thread", flush=True)
    if args.engine == "faster-whisper":
        ways, runs, window_frames, frame_s = faster_ways(settings, args.tail)
    else:
        ways, runs, window_frames, frame_s = openai_ways(settings, args.tail, args.hallucination_silence)
    warm_up = load_audio(ROOT / "tests" / "data" / "clean.wav", settings)
    for engine, _ in ways.values():  # first decodes pay for memory and caches
        transcribe(engine, warm_up, settings)
    runs.clear()
    first = next(iter(ways))
    cpu = dict.fromkeys(ways, 0.0)
    fillers = dict.fromkeys(ways, 0)
    differ: dict[str, list[Path]] = {name: [] for name in ways}
    tails, audio_s, n = [], 0.0, 0
    for path in clips(args.fluent, args.only):
        try:
            audio = load_audio(path, settings)
        except CoachError:
            continue
        seconds = len(audio.samples) / 16000
        if args.max_seconds is not None and seconds > args.max_seconds:
            continue
        n, audio_s = n + 1, audio_s + seconds
        start = len(runs)
        heard = {}
        for name, (engine, _) in ways.items():
            heard[name] = transcribe(engine, audio, settings)
            cpu[name] += heard[name][1]
            fillers[name] += len(fillers_in(heard[name][0])) if heard[name][0] else 0
        tails += heard_tails(runs[start:], window_frames, frame_s)
        before, _, error_before = heard[first]
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        for name, (transcript, _, error) in heard.items():
            same_fillers = transcript is None or len(fillers_in(transcript)) == len(fillers_in(before))
            if said(transcript) == said(before) and error == error_before and same_fillers:
                continue
            differ[name].append(path)
            print(f"DIFFER {shown}, {name} against {first}: {changes(before, transcript)}")
            for way, (words, err) in ((first, (before, error_before)), (name, (transcript, error))):
                filled = len(fillers_in(words)) if words else 0
                print(f"  {way}: {len(said(words))} words, {filled} fillers {err or ''}")
        cpus = " / ".join(f"{heard[name][1]:.2f}" for name in ways)
        print(f"{path.name}: {seconds:.1f} s, windows {runs[start:]}, CPU {cpus} s", flush=True)
    print(f"\n{n} clips, {audio_s / 60:.1f} min of audio; tail skipped at <= {args.tail} s")
    for name in ways:
        less = f" ({1 - cpu[name] / cpu[first]:.0%} less)" if name != first else ""
        print(
            f"{name}: CPU seconds, whole app path {cpu[name]:.1f}{less}; fillers {fillers[name]}; "
            f"clips whose words differ {len(differ[name])}"
        )
    short = [t for t in tails if t <= args.tail]
    print(
        f"heard tails: {len(tails)} ({len(short)} of <= {args.tail} s); lengths "
        f"{sorted(round(t, 2) for t in tails)}"
    )


if __name__ == "__main__":
    main()
