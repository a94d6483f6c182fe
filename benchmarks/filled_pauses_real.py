"""Filled-pause detection on real recordings (tests/data/real_speech, fetched from PyPI by
scripts/real_speech.py): precision and recall against fillers marked by eye, with and without
the acoustic detector, at 16 kHz and on the telephone band (8 kHz), and the time it adds.

    .venv/bin/python benchmarks/filled_pauses_real.py [--errors]

Recall is counted only on clips searched end to end (the lecture, the phone call); on the news
broadcast every filler any run heard was judged, so it gives false alarms per minute of mostly
fluent speech. Spans marked 'unsure' (a filler or a drawn-out word) count neither way.

Whisper tiny.en's words move with inaudible changes to the audio (sox's random dither on the
8 kHz copy changed them from run to run), and the detector works in the gaps between them; the
last part reruns the telephone-band lecture with several seeds of 1-LSB dither noise to show
that spread.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.audio import load_audio  # noqa: E402
from coach.config import load_settings  # noqa: E402
from coach.transcribe import get_engine  # noqa: E402
from coach.transcribe.filled_pauses import recover_filled_pauses  # noqa: E402
from coach.transcribe.filled_pauses.evaluation import fillers_in, score  # noqa: E402
from scripts import real_speech  # noqa: E402


def run_clip(name: str, verbatim: bool, dither_seed: int | None = None) -> dict:
    settings = dataclasses.replace(load_settings(), verbatim=verbatim, recover_fillers=True)
    audio = load_audio(real_speech.HERE / name, settings)
    samples = audio.samples if dither_seed is None else dithered(audio.samples, dither_seed)
    t0 = time.perf_counter()
    transcript = get_engine(settings).transcribe(samples, audio.sample_rate, verbatim=verbatim)
    t1 = time.perf_counter()
    recovered = recover_filled_pauses(samples, transcript, settings)
    t2 = time.perf_counter()
    clip = real_speech.clip_labels(name)
    return {
        "name": name,
        "verbatim": verbatim,
        "marked": clip["marked"],
        "minutes": audio.duration_s / 60,
        "asr": score(fillers_in(transcript), clip["fillers"], clip["unsure"]),
        "all": score(fillers_in(recovered), clip["fillers"], clip["unsure"]),
        "asr_s": t1 - t0,
        "detector_s": t2 - t1,
    }


def dithered(samples: np.ndarray, seed: int) -> np.ndarray:
    """Triangular dither of one 16-bit step: what sox adds by default, far below hearing."""
    rng = np.random.default_rng(seed)
    noise = (rng.uniform(-0.5, 0.5, len(samples)) + rng.uniform(-0.5, 0.5, len(samples))) / 32768
    return (samples + noise).astype(np.float32)


def spread(name: str, seeds: int) -> None:
    for verbatim in (True, False):
        runs = [run_clip(name, verbatim, seed)["all"] for seed in range(seeds)]
        recall = [r["hits"] / r["truth"] for r in runs]
        false = [len(r["false_alarms"]) for r in runs]
        print(
            f"  {name}, prompt {'on ' if verbatim else 'off'}, {seeds} dither seeds: recall "
            f"{min(recall):.2f}-{max(recall):.2f} (mean {np.mean(recall):.2f}), "
            f"false alarms {min(false)}-{max(false)} (mean {np.mean(false):.1f})"
        )


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def spans(items: list) -> str:
    return ", ".join(f"{a:.2f}-{b:.2f}" for a, b in items) or "none"


def report_clip(r: dict, show_errors: bool) -> None:
    asr, every = r["asr"], r["all"]
    print(
        f"  {r['name']:<20} prompt {'on ' if r['verbatim'] else 'off'}  "
        f"Whisper alone {asr['hits']}/{asr['truth']} found, {len(asr['false_alarms'])} false  |  "
        f"+ detector {every['hits']}/{every['truth']} found, {len(every['false_alarms'])} false"
    )
    if show_errors and (every["misses"] or every["false_alarms"]):
        print(f"      missed: {spans(every['misses'])}; false: {spans(every['false_alarms'])}")


def summary(results: list[dict], label: str) -> None:
    whole = [r for r in results if r["marked"] == "whole"]
    fluent = [r for r in results if r["marked"] != "whole"]
    for key, who in (("asr", "Whisper alone"), ("all", "Whisper + detector")):
        truth = sum(r[key]["truth"] for r in whole)
        hits = sum(r[key]["hits"] for r in whole)
        named = sum(r[key]["named"] for r in whole)
        false = sum(len(r[key]["false_alarms"]) for r in whole)
        news_false = sum(len(r[key]["false_alarms"]) for r in fluent)
        minutes = sum(r["minutes"] for r in fluent)
        print(
            f"  {label:<26} {who:<19} precision {ratio(hits, hits + false)}  recall {ratio(hits, truth)}"
            f"  ({hits} of {truth}, {named} named right);  news: {news_false} false in {minutes:.1f} min"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the misses and false alarms")
    parser.add_argument("--seeds", type=int, default=5, help="dither seeds for the spread (0: skip)")
    args = parser.parse_args()
    real_speech.ensure()
    names = list(real_speech.labels()["clips"])
    get_engine(load_settings())  # model load is not transcription time
    results = []
    for verbatim in (True, False):
        for name in names:
            results.append(run_clip(name, verbatim))
            report_clip(results[-1], args.errors)
    print("summary (recall on the lecture and the phone call; news gives false alarms only):")
    for verbatim in (True, False):
        for rate, telephone in (("16 kHz", False), ("8 kHz", True)):
            chosen = [
                r for r in results if r["verbatim"] == verbatim and r["name"].endswith("_8k.wav") == telephone
            ]
            summary(chosen, f"{rate}, prompt {'on' if verbatim else 'off'}")
    asr_s = sum(r["asr_s"] for r in results)
    detector_s = sum(r["detector_s"] for r in results)
    print(
        f"time: transcription {asr_s:.1f} s, detector {detector_s:.1f} s "
        f"= +{100 * detector_s / asr_s:.1f}% (shared 2-core machine: noisy)"
    )
    if args.seeds:
        print("spread over inaudible dither noise (Whisper's words move, the gaps with them):")
        spread("lecture_8k.wav", args.seeds)


if __name__ == "__main__":
    main()
