"""A cohort practising at once against the queue: answers a minute with 1 worker, then 2.

    .venv/bin/python benchmarks/load_cohort.py --users 4 --answers 3 --workers 1,2 --json

Starts the stack of `make serve-cohort` without the app (PostgreSQL kept in a throwaway data
directory, the queue's schema, W `coach worker` processes), then N simulated people, each a
distinct owner, answer one after another like someone practising: keep and enqueue a take
through `coach.queue.submit_answer` (what the Practice page calls), wait for its result, answer
again. Takes are real clips from tests/data (a synthetic answer with fillers, a clean synthetic
answer and a real 60 s lecture), each made a distinct recording by a few milliseconds of silence.

Per run: answers a minute (all answers / first enqueue to last result), seconds from enqueue to
result (p50, p90), `lost` (an answer enqueued whose attempt never landed or failed) and `leaks`
(attempts a person can list that are not theirs: what the store's per-owner scoping prevents).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
import soundfile as sf  # noqa: E402
from serve_cohort import CohortStack  # noqa: E402

from coach import queue  # noqa: E402
from coach.banks import get_question  # noqa: E402
from coach.store import list_attempts, open_store  # noqa: E402

CLIPS = [
    ROOT / "tests" / "data" / "fillers.wav",  # 14 s, synthetic, fillers
    ROOT / "tests" / "data" / "clean.wav",  # 18 s, synthetic
    ROOT / "tests" / "data" / "real_speech" / "lecture.wav",  # 60 s, real speech
]
QUESTION = "swe-beh-01"
ANSWER_TIMEOUT_S = 600


def take(clip: Path, silence_ms: int) -> bytes:
    """The clip with `silence_ms` of silence after it, as WAV bytes: a recording of its own."""
    samples, rate = sf.read(clip, dtype="int16")
    pad = np.zeros((rate * silence_ms // 1000, *samples.shape[1:]), dtype=np.int16)
    out = io.BytesIO()
    sf.write(out, np.concatenate([samples, pad]), rate, format="WAV", subtype="PCM_16")
    return out.getvalue()


def person(store, owner: str, takes: list[bytes], question, results: list, sent: dict) -> None:
    """One person practising: answer, wait for the result, answer again."""
    mine = store.for_owner(owner)
    for data in takes:
        started = time.monotonic()
        job = queue.submit_answer(mine, data, original_name="answer.wav", question=question)
        sent.setdefault(owner, set()).add(_sha(mine, job))
        state = None
        while time.monotonic() - started < ANSWER_TIMEOUT_S:
            state = queue.job_state(mine, job)
            if state is not None and state.state in ("done", "failed"):
                break
            time.sleep(0.25)
        results.append(
            (owner, state.state if state else "missing", time.monotonic() - started, time.monotonic())
        )


def _sha(store, job_id: int) -> str:
    import sqlalchemy as sa

    with store.read() as conn:
        return conn.execute(
            sa.text("SELECT args->>'sha256' FROM procrastinate_jobs WHERE id = :id"), dict(id=job_id)
        ).scalar_one()


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a worker process has used so far."""
    import psutil

    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def _rss_mb(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 2**20


def _job_seconds(store, owner_prefix: str) -> list[float]:
    """How long each job of these people ran on a worker (started to finished, the queue's events)."""
    import sqlalchemy as sa

    query = sa.text(
        "SELECT extract(epoch FROM max(e.at) - min(e.at)) FROM procrastinate_jobs j "
        "JOIN procrastinate_events e ON e.job_id = j.id AND e.type IN ('started', 'succeeded') "
        "WHERE j.args->>'owner' LIKE :prefix GROUP BY j.id"
    )
    with store.read() as conn:
        return [float(s) for s in conn.execute(query, dict(prefix=owner_prefix + "%")).scalars() if s]


def wait_for_workers(logs: list[Path], timeout_s: float = 300) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if all("waiting for answers" in log.read_text(errors="replace") for log in logs):
            return
        time.sleep(0.5)
    raise SystemExit("the workers did not start; see " + ", ".join(map(str, logs)))


def run(stack: CohortStack, workers: int, users: int, answers: int, log_dir: Path, run_no: int) -> dict:
    first = len(stack.workers)
    stack.start_workers(workers, log_dir)
    wait_for_workers([log_dir / f"worker{first + i + 1}.log" for i in range(workers)])
    store = open_store(stack.settings())
    question = get_question(QUESTION, stack.data_dir)
    results: list = []
    sent: dict = {}
    people = []
    load_before = os.getloadavg()[0]
    cpu_before = sum(_cpu_seconds(w.pid) for w in stack.workers[first:])  # loading the models
    t0 = time.monotonic()
    for u in range(users):
        first_take = run_no * users * answers + u * answers  # every take of every run is its own recording
        takes = [take(CLIPS[(u + k) % len(CLIPS)], 10 * (1 + first_take + k)) for k in range(answers)]
        owner = f"run{run_no}-person{u}@cohort.test"
        people.append(threading.Thread(target=person, args=(store, owner, takes, question, results, sent)))
    for thread in people:
        thread.start()
    for thread in people:
        thread.join()
    elapsed = max(r[3] for r in results) - t0
    done = [r for r in results if r[1] == "done"]
    latencies = sorted(r[2] for r in done)
    cpu_s = sum(_cpu_seconds(w.pid) for w in stack.workers[first:]) - cpu_before
    rss_mb = max(_rss_mb(w.pid) for w in stack.workers[first:])
    stack.stop_workers()
    job_s = _job_seconds(store, f"run{run_no}-")
    leaks = 0
    for owner, hashes in sent.items():
        seen = {a["recording_sha256"] for a in list_attempts(store.for_owner(owner))}
        leaks += len(seen - hashes)
    lost = users * answers - len(done)
    store.close()
    return {
        "workers": workers,
        "answers_per_min": round(len(done) / elapsed * 60, 2),
        "p50_s": round(statistics.median(latencies), 1) if latencies else None,
        "p90_s": round(latencies[max(0, int(round(0.9 * len(latencies))) - 1)], 1) if latencies else None,
        "lost": lost,
        "leaks": leaks,
        "answers": len(done),
        "seconds": round(elapsed, 1),
        "worker_s_per_answer": round(elapsed * workers / max(1, len(done)), 2),
        "job_s_mean": round(statistics.mean(job_s), 2) if job_s else None,
        "worker_cpu_s_per_answer": round(cpu_s / max(1, len(done)), 2),
        "worker_rss_mb": round(rss_mb),
        "load_average_before": round(load_before, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--answers", type=int, default=3, help="answers per person")
    parser.add_argument("--workers", default="1,2", help="worker counts to run, e.g. 1,2")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    folder = Path(tempfile.mkdtemp(prefix="coach-load-cohort-"))
    stack = CohortStack(folder / "data", 0, app_port=None, pg_port=0)
    runs = []
    try:
        stack.start_database()
        for workers in counts:
            runs.append(run(stack, workers, args.users, args.answers, folder, len(runs)))
            if not args.json:
                print(runs[-1], flush=True)
    finally:
        stack.stop()
        shutil.rmtree(stack.cluster.base, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    audio_s = sum(sf.info(c).duration for c in CLIPS) / len(CLIPS)
    report = {
        "runs": runs,
        "users": args.users,
        "answers_each": args.answers,
        "mean_audio_s": round(audio_s, 1),
    }
    if len(runs) >= 2 and runs[0]["answers_per_min"]:
        report["speedup"] = round(runs[-1]["answers_per_min"] / runs[0]["answers_per_min"], 2)
    print(json.dumps(report, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
