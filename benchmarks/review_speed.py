"""Speed, memory and resume of `coach review` on a long generated interview.

    .venv/bin/python benchmarks/review_speed.py [--minutes 60] [--keep DIR]

Generates a stereo interview of the given length from espeak-ng voices into a temporary folder
(scripts/make_interview_clips.py, the eight question/answer pairs tiled), then:
1. runs `coach review FILE --json` (default model, voices told apart by sound, no channel hint)
   in a fresh data directory and reports wall time, real-time factor and the child's peak RSS;
2. runs a review of a shorter file, kills it with SIGKILL once some chunks are finished, runs it
   again, and checks every chunk finished before the kill is reused, not redone.
Timings depend on what else runs on the machine (2 cores shared here); they are not averaged.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_interview_clips as clips  # noqa: E402

RATE = clips.RATE


def make_long_interview(path: Path, minutes: float) -> float:
    """A stereo FLAC of about `minutes`, written in blocks so the generator stays small too."""
    tracks, _ = clips.render(clips.interview_script(list(range(len(clips.QUESTIONS)))), seed=11)
    block = clips.stereo(tracks)
    need = int(minutes * 60 * RATE)
    written = 0
    with soundfile.SoundFile(str(path), "w", samplerate=RATE, channels=2, subtype="PCM_16") as out:
        while written < need:
            part = block[: need - written]
            out.write(part)
            written += len(part)
    return written / RATE


def run_review(audio: Path, data: Path, extra: list[str] = ()) -> tuple[subprocess.Popen, Path]:
    env = dict(os.environ, COACH_DATA_DIR=str(data))
    out = data.parent / f"{data.name}.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "coach.cli", "review", str(audio), "--json", "--no-progress", *extra],
        env=env,
        stdout=open(out, "w"),
        stderr=subprocess.PIPE,
        text=True,
    )
    return proc, out


def timed_full_run(audio: Path, seconds: float, tmp: Path) -> None:
    start = time.monotonic()
    proc, out = run_review(audio, tmp / "full")
    _, err = proc.communicate()
    wall = time.monotonic() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode != 0:
        print(f"review failed: {err.strip()}")
        return
    result = json.loads(out.read_text())
    print(
        f"audio {seconds / 60:.1f} min: processed in {wall / 60:.1f} min (RTF {wall / seconds:.3f}), "
        f"peak RSS {peak_mb:.0f} MB; {result['processing']['chunks']} chunks, "
        f"{len(result['turns'])} turns, {len(result['answers'])} answers"
    )
    print(
        f"  bar: <= 15 min and <= 1536 MB for 60 min -> "
        f"{'met' if wall <= 900 * seconds / 3600 and peak_mb <= 1536 else 'NOT met'}"
    )


def kill_and_resume(audio: Path, tmp: Path, kill_after_chunks: int = 3) -> None:
    data = tmp / "killed"
    proc, _ = run_review(audio, data)
    work = data / "review-work"
    while proc.poll() is None and len(list(work.glob("*/chunk-*.npz"))) < kill_after_chunks:
        time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = len(list(work.glob("*/chunk-*.npz")))
    start = time.monotonic()
    proc, out = run_review(audio, data)
    _, err = proc.communicate()
    if proc.returncode != 0:
        print(f"resumed review failed: {err.strip()}")
        return
    result = json.loads(out.read_text())["processing"]
    print(
        f"killed after {finished} finished chunks; the rerun reused {result['chunks_reused']} of "
        f"{result['chunks']} chunks and took {time.monotonic() - start:.0f} s -> "
        f"{'no finished chunk lost' if result['chunks_reused'] >= finished else 'CHUNKS LOST'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--resume-minutes", type=float, default=6.0)
    parser.add_argument("--skip-full", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="review-speed-") as name:
        tmp = Path(name)
        short = tmp / "short.flac"
        make_long_interview(short, args.resume_minutes)
        kill_and_resume(short, tmp)
        if not args.skip_full:
            audio = tmp / "long.flac"
            seconds = make_long_interview(audio, args.minutes)
            timed_full_run(audio, seconds, tmp)


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
