"""How often a word the transcriber dropped is taken for a filled pause.

    .venv/bin/python benchmarks/dropped_words.py

The filled-pause detector looks where the transcript has no word. When Whisper drops a real word
(it does, mostly short ones on telephone audio), the word's sound lies in such a gap. This takes
real transcripts (the real recordings of tests/data/real_speech and the espeak-ng filler set),
removes one word at a time, and counts how often the detector then puts a filler where the word
was. Words next to a marked filler, and fillers themselves, are skipped.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.audio import load_audio  # noqa: E402
from coach.config import load_settings  # noqa: E402
from coach.transcribe import get_engine  # noqa: E402
from coach.transcribe.filled_pauses.detector import detect, is_filled_pause  # noqa: E402
from coach.transcribe.filled_pauses.features import measure  # noqa: E402
from scripts import real_speech  # noqa: E402

SYNTHETIC = Path(__file__).resolve().parent.parent / "tests" / "data" / "filled_pauses"


def spans(marks: list[dict]) -> list[tuple[float, float]]:
    return [(m["start_s"], m["end_s"]) for m in marks]


def near_marked(word, marks: list[tuple[float, float]]) -> bool:
    return any(word.start_s < e + 0.3 and word.end_s > s - 0.3 for s, e in marks)


def drop_each(path: Path, marks: list[tuple[float, float]], verbatim: bool) -> tuple[int, int, list[str]]:
    """(words dropped, of which heard as fillers, examples)."""
    settings = dataclasses.replace(load_settings(), verbatim=verbatim)
    audio = load_audio(path, settings)
    words = get_engine(settings).transcribe(audio.samples, audio.sample_rate, verbatim=verbatim).words
    frames = measure(audio.samples)
    tried, taken, examples = 0, 0, []
    for i, word in enumerate(words):
        if is_filled_pause(word.text) or near_marked(word, marks) or word.end_s - word.start_s < 0.05:
            continue
        fillers, _ = detect(frames, words[:i] + words[i + 1 :], settings.thresholds)
        tried += 1
        if any(f.start_s < word.end_s and f.end_s > word.start_s for f in fillers):
            taken += 1
            examples.append(f"{path.name} '{word.text}' {word.start_s:.2f}-{word.end_s:.2f}")
    return tried, taken, examples


def main() -> None:
    real_speech.ensure()
    real = [
        (
            real_speech.HERE / name,
            spans(real_speech.clip_labels(name)["fillers"] + real_speech.clip_labels(name)["unsure"]),
        )
        for name in real_speech.labels()["clips"]
    ]
    labels = json.loads((SYNTHETIC / "labels.json").read_text(encoding="utf-8"))
    synthetic = [
        (SYNTHETIC / name, spans(label["fillers"]))
        for name, label in labels.items()
        if label["split"] != "bad_input"
    ]
    for verbatim in (True, False):
        for group, chosen in (("real", real), ("espeak-ng", synthetic)):
            tried = taken = 0
            examples: list[str] = []
            for path, marks in chosen:
                t, k, ex = drop_each(path, marks, verbatim)
                tried, taken, examples = tried + t, taken + k, examples + ex
            print(
                f"{group:>9}, prompt {'on ' if verbatim else 'off'}: {taken} of {tried} dropped words "
                f"heard as a filler ({100 * taken / tried:.1f}%)"
            )
            for line in examples[:8]:
                print("    ", line)


if __name__ == "__main__":
    main()
