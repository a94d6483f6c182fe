"""The sentence model's cost in a new process: the coach's own run of all-MiniLM-L6-v2
(coach.analysis.minilm) beside the same weights through sentence-transformers, its peer.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/sentence_model.py [--rounds 5]

Each round starts one fresh interpreter for each way, in turn, and times: imports and loading until
the first text is embedded ("ready"), then one answer of 12 sentences embedded again ("an answer"),
and the process's peak memory. The two give the same vectors (tests/test_minilm.py). The machine
may be shared: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "Our release pipeline had failed three weekends in a row.",
    "Nobody owned it, and every team blamed the one before it.",
    "I offered to lead a fix even though I managed none of the people involved.",
    "First I sat with each team for an hour to learn what they needed from a release.",
    "Then I wrote down one shared goal: a release anyone could run on a Friday afternoon.",
    "I asked each lead for one person for two weeks, and I took the night shifts myself.",
    "We found that two services deployed in the wrong order when the queue was busy.",
    "I wrote the check that stops a release when the order is wrong.",
    "People started to rely on me because I answered every question the same day.",
    "After a month releases took twenty minutes instead of three hours.",
    "We have not had a weekend failure since.",
    "The teams kept the rotation going after I handed it over.",
]

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
way, root, sentences = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
sys.path.insert(0, root)
if way == "coach":
    from coach.analysis import relevance
    embed = relevance.encode_texts
else:
    import os
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from coach.analysis import minilm
    model = SentenceTransformer(str(minilm.model_dir()), device="cpu")
    embed = lambda texts: model.encode(texts, batch_size=32, output_value="token_embeddings")
embed(["warm up"])
ready = time.perf_counter() - t0
t1 = time.perf_counter()
embed(sentences)
answer = time.perf_counter() - t1
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"ready": ready, "answer": answer, "peak_mb": peak}))
"""

WAYS = {"coach": "coach.analysis.minilm", "peer": "sentence-transformers"}


def run(way: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, way, str(ROOT), json.dumps(SENTENCES)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    results: dict[str, list[dict]] = {way: [] for way in WAYS}
    for _ in range(args.rounds):
        for way in WAYS:
            results[way].append(run(way))
    print(f"load average after: {os.getloadavg()[0]:.1f}\n")
    print("| way | ready in a new process (median, range) | an answer of 12 sentences | peak memory |")
    print("|---|---|---|---|")
    medians = {}
    for way, rows in results.items():
        ready = [r["ready"] for r in rows]
        answer = [r["answer"] for r in rows]
        peak = [r["peak_mb"] for r in rows]
        medians[way] = statistics.median(ready)
        print(
            f"| {WAYS[way]} | {statistics.median(ready):.2f} s ({min(ready):.2f}–{max(ready):.2f}) "
            f"| {statistics.median(answer) * 1000:.0f} ms | {statistics.median(peak):.0f} MB |"
        )
    ratio = medians["peer"] / medians["coach"]
    print(f"\nready: sentence-transformers takes {ratio:.1f}× the coach's own run")


if __name__ == "__main__":
    main()
