"""How many written-out filled pauses survive transcription, with and without the verbatim prompt.

Clips are espeak-ng speech of texts with known "um"/"uh", in three voices at 16 kHz and at
8 kHz telephone quality. A filler survives when the transcript has it (counts are matched, not
positions). Recovering the fillers Whisper still drops is issue 10's detector, not measured here.

    .venv/bin/python benchmarks/verbatim.py [--engines faster-whisper,openai-whisper]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TEXTS = [
    "So, um, the project was, uh, behind schedule and the team was, um, worried.",
    "Uh, I set up a daily check in, and, um, we shipped on time.",
    "I think, um, the hardest part was, uh, getting everyone to agree on the plan.",
    "We, uh, measured the latency first, and then, um, we fixed the slowest query.",
]
VOICES = [("en-us", 160), ("en+f2", 150), ("en-gb+m3", 175)]
FILLERS = ("um", "uh")


def count_fillers(text: str) -> Counter:
    words = re.sub(r"[^a-z ]", " ", text.lower()).split()
    canonical = {"um": "um", "umm": "um", "uh": "uh", "uhh": "uh", "uhm": "um"}
    return Counter(canonical[w] for w in words if w in canonical)


def make_clips(folder: Path) -> list[tuple[str, Path, str]]:
    from benchmarks.speech_clips import say

    clips = []
    for voice, speed in VOICES:
        for i, text in enumerate(TEXTS):
            wav = say(text, folder / f"{voice}-{i}.wav", voice=voice, speed=speed)
            phone = folder / f"{voice}-{i}-8k.wav"
            subprocess.run(
                ["sox", "-R", str(wav), "-r", "8000", "-e", "mu-law", str(phone), "sinc", "300-3400"],
                check=True,
            )
            clips += [("16 kHz", wav, text), ("8 kHz phone", phone, text)]
    return clips


def survival(settings, clips) -> dict[str, tuple[int, int]]:
    from coach.audio import load_audio
    from coach.transcribe import get_engine

    engine = get_engine(settings)
    totals: dict[str, list[int]] = {}
    for quality, path, text in clips:
        audio = load_audio(path, settings).samples
        heard = count_fillers(engine.transcribe(audio, verbatim=settings.verbatim).text)
        said = count_fillers(text)
        kept = sum(min(heard[f], said[f]) for f in FILLERS)
        totals.setdefault(quality, [0, 0])
        totals[quality][0] += kept
        totals[quality][1] += sum(said.values())
    return {q: (k, n) for q, (k, n) in totals.items()}


def main() -> None:
    from coach.config import load_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="faster-whisper,openai-whisper")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coach-verbatim-"))
    clips = make_clips(folder)
    print(f"{len(clips)} clips ({len(VOICES)} voices x {len(TEXTS)} texts x 16 kHz / 8 kHz phone), tiny.en")
    print(f"{'engine':<16}{'prompt':<8}{'quality':<13}{'fillers kept':>14}")
    for engine in args.engines.split(","):
        base = load_settings(data_dir=folder / "data", engine=engine)
        for verbatim in (False, True):
            for quality, (kept, total) in survival(replace(base, verbatim=verbatim), clips).items():
                label = "on" if verbatim else "off"
                print(f"{engine:<16}{label:<8}{quality:<13}{kept:>5} / {total:<4} {kept / total:>4.0%}")


if __name__ == "__main__":
    main()
