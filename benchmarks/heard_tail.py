"""What decoding again the tail a window already heard costs, and what it finds.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/heard_tail.py [--tail 1.0] [--fluent DIR ...]
        [--only SUBSTRING]

faster-whisper, with word timings on, sends the decoder back to the end of a window's last word
when the window's last segment ends in a pair of timestamps. When that window already reached the
end of the audio, what is left (the voice-activity filter's padding after the last word, a breath)
is decoded again in a 30 s window of its own, where Whisper tends to invent "Thank you.", which
the app then drops. FasterWhisperEngine(heard_tail_s=T) skips such a window when it holds T
seconds or less.

For every clip (the audio under tests/data, the real-speech clips included, and any fluent set
given with --fluent, built by scripts/make_fluent_set.py), the app's whole transcription path
(coach.transcribe.transcribe_audio: engine, coverage repair, filled-pause recovery) runs with the
tail decoded (T = 0, today) and skipped (T = --tail); printed per clip when the words differ, and
in total: CPU seconds of each, the tails seen (windows after a window that reached the end) with
their lengths, and the clips whose words differ.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.audio import load_audio  # noqa: E402
from coach.config import load_settings  # noqa: E402
from coach.errors import CoachError  # noqa: E402
from coach.transcribe import faster_engine, transcribe_audio  # noqa: E402
from coach.transcribe.base import content_frames  # noqa: E402

AUDIO = {".wav", ".flac", ".mp3", ".m4a", ".ogg", ".webm"}
ROOT = Path(__file__).resolve().parent.parent


def clips(fluent: list[Path], only: str | None) -> list[Path]:
    found = sorted(p for p in (ROOT / "tests" / "data").rglob("*") if p.suffix in AUDIO)
    for folder in fluent:
        found += [folder / e["file"] for e in json.loads((folder / "manifest.json").read_text())["clips"]]
    return [p for p in found if only is None or only in str(p)]


def watch_windows(engine) -> list[list[int]]:
    """Each transcription's windows, as frames of content, noted as the model encodes them."""
    runs: list[list[int]] = []
    model = engine.model
    encode, generate = model.encode, model.generate_segments

    def noting_encode(features):
        runs[-1].append(content_frames(features))
        return encode(features)

    def noting_generate(*args, **kwargs):
        runs.append([])
        yield from generate(*args, **kwargs)

    model.encode, model.generate_segments = noting_encode, noting_generate
    return runs


def heard_tails(runs: list[list[int]], features) -> list[float]:
    """Seconds of each window that came after a window that reached the end of its audio
    (`features`: the model's feature extractor, its window and frame length)."""
    return [
        frames * features.time_per_frame
        for windows in runs
        for last, frames in zip(windows, windows[1:], strict=False)
        if last < features.nb_max_frames
    ]


def transcribe(engine, audio, settings):
    with mock.patch("coach.transcribe.get_engine", return_value=engine):
        start = time.process_time()
        try:
            transcript = transcribe_audio(audio, settings)
        except CoachError as e:
            return (), time.process_time() - start, type(e).__name__
        return transcript.words, time.process_time() - start, None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tail", type=float, default=1.0, help="seconds of heard tail skipped")
    parser.add_argument("--fluent", type=Path, action="append", default=[], help="a built fluent set")
    parser.add_argument("--only", help="only clips whose path holds this")
    args = parser.parse_args(argv)
    settings = load_settings(data_dir=str(ROOT / ".bench-heard-tail"))
    today = faster_engine.FasterWhisperEngine(
        settings.model, beam_size=settings.beam_size, cpu_threads=1, heard_tail_s=0.0
    )
    skipping = faster_engine.FasterWhisperEngine(
        settings.model, beam_size=settings.beam_size, cpu_threads=1, heard_tail_s=args.tail
    )
    runs = watch_windows(today)
    warm_up = load_audio(ROOT / "tests" / "data" / "clean.wav", settings)
    for engine in (today, skipping):  # first decodes pay for memory and caches
        transcribe(engine, warm_up, settings)
    runs.clear()
    total = {"today": 0.0, "skipping": 0.0}
    differ, tails, audio_s = [], [], 0.0
    for path in clips(args.fluent, args.only):
        try:
            audio = load_audio(path, settings)
        except CoachError:
            continue
        audio_s += len(audio.samples) / 16000
        start = len(runs)
        words_today, cpu_today, error_today = transcribe(today, audio, settings)
        tails += heard_tails(runs[start:], today.model.feature_extractor)
        words_skipping, cpu_skipping, error_skipping = transcribe(skipping, audio, settings)
        total["today"] += cpu_today
        total["skipping"] += cpu_skipping
        said = [(w.text, w.start_s, w.end_s) for w in words_today]
        if said != [(w.text, w.start_s, w.end_s) for w in words_skipping] or error_today != error_skipping:
            differ.append(path)
            print(f"DIFFER {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
            print(f"  today:    {' '.join(w.text for w in words_today[-12:])} {error_today or ''}")
            print(f"  skipping: {' '.join(w.text for w in words_skipping[-12:])} {error_skipping or ''}")
        print(
            f"{path.name}: {len(audio.samples) / 16000:.1f} s, windows {runs[start:]}, "
            f"CPU {cpu_today:.2f} -> {cpu_skipping:.2f} s",
            flush=True,
        )
    n = len(clips(args.fluent, args.only))
    print(f"\n{n} clips, {audio_s / 60:.1f} min of audio; tail skipped at <= {args.tail} s")
    print(
        f"CPU seconds, whole app path: decoded again {total['today']:.1f}, skipped {total['skipping']:.1f} "
        f"({1 - total['skipping'] / total['today']:.0%} less)"
    )
    short = [t for t in tails if t <= args.tail]
    print(
        f"heard tails: {len(tails)} ({len(short)} of <= {args.tail} s); lengths "
        f"{sorted(round(t, 2) for t in tails)}"
    )
    print(f"clips whose words differ: {len(differ)}")


if __name__ == "__main__":
    main()
