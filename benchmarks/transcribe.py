"""Real-time factor and peak memory of both engines on the same 60 s clip, and their ratio.

Each engine runs in its own process so peak RSS is its own. The model is loaded and warmed up
on 2 s of audio first (openai-whisper compiles its word-timing kernel on first use); the figure
is the transcription of the full clip, beam size 5 for both, word timestamps and VAD on.

    .venv/bin/python benchmarks/transcribe.py [--beam 5] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHILD = r"""
import json, resource, sys, time
from dataclasses import replace
from coach.audio import load_audio
from coach.config import load_settings
from coach.transcribe import get_engine
engine_name, clip, data_dir = sys.argv[1], sys.argv[2], sys.argv[5]
beam, repeat = int(sys.argv[3]), int(sys.argv[4])
settings = load_settings(data_dir=data_dir, engine=engine_name, beam_size=beam)
audio = load_audio(clip, settings).samples
t0 = time.perf_counter(); engine = get_engine(settings); load_s = time.perf_counter() - t0
engine.transcribe(audio[:32000])
times = []
for _ in range(repeat):
    t0 = time.perf_counter(); transcript = engine.transcribe(audio); times.append(time.perf_counter() - t0)
print(json.dumps({"engine": engine_name, "load_s": load_s, "best_s": min(times),
                  "audio_s": len(audio) / 16000,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "words": len(transcript.words)}))
"""


def run_engine(engine: str, clip: Path, beam: int, repeat: int, data_dir: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, engine, str(clip), str(beam), str(repeat), str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    from benchmarks.speech_clips import minute_clip

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beam", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    clip = minute_clip(folder)
    rows = [
        run_engine(e, clip, args.beam, args.repeat, folder / "data")
        for e in ("faster-whisper", "openai-whisper")
    ]
    print(
        f"clip: {rows[0]['audio_s']:.1f} s of espeak-ng speech, tiny.en, beam {args.beam}, "
        f"best of {args.repeat} runs, CPU threads: all"
    )
    print(f"{'engine':<16}{'load s':>8}{'transcribe s':>14}{'RTF':>8}{'peak RSS MB':>13}{'words':>7}")
    for r in rows:
        print(
            f"{r['engine']:<16}{r['load_s']:>8.2f}{r['best_s']:>14.2f}{r['best_s'] / r['audio_s']:>8.3f}"
            f"{r['peak_rss_mb']:>13.0f}{r['words']:>7}"
        )
    fast, slow = rows
    print(
        f"faster-whisper int8 is {slow['best_s'] / fast['best_s']:.1f}x faster than openai-whisper fp32 "
        f"(targets: RTF <= 0.15, >= 3x, peak RSS <= 1024 MB)"
    )


if __name__ == "__main__":
    main()
