"""Filled-pause detection on tests/data/filled_pauses: precision and recall by time overlap,
with and without the acoustic detector, and the time the detector adds to transcription.

    .venv/bin/python benchmarks/filled_pauses.py [--split dev|heldout|all]

A found filler matches a labelled one when their times overlap once each is widened by
TOLERANCE_S (Whisper stamps the fillers it keeps as zero-length words at the filler's end), one
to one (coach/transcribe/filled_pauses/evaluation.py). Negatives (silent pauses, breaths,
elongated words, hum, music, noise) add only false positives. Both Whisper settings are run:
the verbatim prompt on (the app's default) and off (how Whisper behaves on real speech, where
it drops the fillers even with the prompt).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.audio import load_audio  # noqa: E402
from coach.config import load_settings  # noqa: E402
from coach.transcribe import get_engine  # noqa: E402
from coach.transcribe.filled_pauses import recover_filled_pauses  # noqa: E402
from coach.transcribe.filled_pauses.evaluation import TOLERANCE_S, fillers_in, score  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "filled_pauses"


def run(split: str, verbatim: bool) -> dict:
    settings = dataclasses.replace(load_settings(), verbatim=verbatim, recover_fillers=True)
    engine = get_engine(settings)
    labels = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))
    totals = {
        "truth": 0,
        "asr_found": 0,
        "asr_hits": 0,
        "all_found": 0,
        "all_hits": 0,
        "all_named": 0,
        "neg_fp": 0,
        "asr_s": 0.0,
        "detector_s": 0.0,
        "errors": [],
    }
    for name, label in labels.items():
        if label["split"] == "bad_input" or (split != "all" and label["split"] != split):
            continue
        audio = load_audio(DATA / name, settings)
        t0 = time.perf_counter()
        transcript = engine.transcribe(audio.samples, audio.sample_rate, verbatim=verbatim)
        t1 = time.perf_counter()
        recovered = recover_filled_pauses(audio.samples, transcript, settings)
        t2 = time.perf_counter()
        truth = [(f["start_s"], f["end_s"], f["text"]) for f in label["fillers"]]
        asr, every = fillers_in(transcript), fillers_in(recovered)
        totals["truth"] += len(truth)
        totals["asr_found"] += len(asr)
        totals["asr_hits"] += score(asr, label["fillers"])["hits"]
        totals["all_found"] += len(every)
        result = score(every, label["fillers"])
        hits = result["hits"]
        totals["all_hits"] += hits
        totals["all_named"] += result["named"]
        if not truth:
            totals["neg_fp"] += len(every) - hits
        if hits < len(truth) or hits < len(every):
            acoustic = [
                f"{w.text}@{w.start_s:.2f}-{w.end_s:.2f}" for w in recovered.words if w.source == "acoustic"
            ]
            totals["errors"].append(f"{name}: truth {truth} asr {asr} acoustic {acoustic}")
        totals["asr_s"] += t1 - t0
        totals["detector_s"] += t2 - t1
    return totals


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def report(split: str, verbatim: bool, t: dict, show_errors: bool) -> None:
    print(f"[split={split}, verbatim prompt {'on' if verbatim else 'off'}] labelled fillers: {t['truth']}")
    print(
        f"  Whisper alone:        precision {ratio(t['asr_hits'], t['asr_found'])}  "
        f"recall {ratio(t['asr_hits'], t['truth'])}  ({t['asr_hits']} of {t['asr_found']} found)"
    )
    print(
        f"  Whisper + detector:   precision {ratio(t['all_hits'], t['all_found'])}  "
        f"recall {ratio(t['all_hits'], t['truth'])}  ({t['all_hits']} of {t['all_found']} found; "
        f"{t['neg_fp']} on negative clips; {t['all_named']} of {t['all_hits']} named right)"
    )
    print(
        f"  time: transcription {t['asr_s']:.2f} s, detector {t['detector_s']:.2f} s "
        f"= +{100 * t['detector_s'] / t['asr_s']:.1f}% of transcription time"
    )
    if show_errors:
        for line in t["errors"]:
            print("    miss/extra:", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="list the clips with a miss or an extra")
    args = parser.parse_args()
    splits = ["dev", "heldout"] if args.split == "all" else [args.split]
    warm_up = load_audio(DATA / "silent_pauses_16k.wav", load_settings())
    get_engine(load_settings()).transcribe(warm_up.samples)  # model load is not transcription time
    for verbatim in (True, False):
        for split in splits:
            report(split, verbatim, run(split, verbatim), args.errors)
    print(
        f"(match: time overlap with {TOLERANCE_S} s tolerance; timings on a shared 2-core machine are noisy)"
    )


if __name__ == "__main__":
    main()
