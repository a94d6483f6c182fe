"""Talking points judged by meaning versus by word overlap, on answers we wrote and labelled.

Prints, for each rule, the accuracy of covered / not covered, how often "not heard" is right,
how many points of each label (same words, other words, partly, not at all) it counts as
covered, how often the sentence shown as a point's evidence is one that says it
(tests/data/labels/evidence_*.json), and the time coverage by meaning adds to one answer once the
model is loaded.

    .venv/bin/python benchmarks/content_accuracy.py [--split heldout|fresh|dev|train|all]

The answers in tests/data/labels/relevance_*.toml were written by the developers, not by users
(see the README there); the threshold was chosen on `dev` only. `heldout` and `fresh` are the two
held-out parts (`fresh`: 12 bank questions that dev does not have). "by meaning" is the shipped rule
(word-piece recall of the point by its best sentence, talking_point_min_recall); "cosine 0.14" is
the rule it replaced (sentence embeddings' cosine, ANALYSIS_VERSION 1.5-1.6), kept for comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analysis import answer, content, relevance  # noqa: E402
from coach.analysis.evaluation import (  # noqa: E402
    RELEVANCE_CODES,
    evidence_opening,
    read_evidence_file,
    read_relevance_file,
)
from coach.analysis.pipeline import load_pipeline  # noqa: E402
from coach.banks import get_question  # noqa: E402
from coach.config import Thresholds  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labels"


# The rule of ANALYSIS_VERSION 1.5-1.6: covered when one sentence's embedding is this close (cosine).
OLD_MIN_COSINE = 0.14


def judged(split: str) -> tuple[list[tuple[str, bool, bool, bool]], list[float], list[bool]]:
    """(label, covered by meaning, by word overlap, by the old cosine rule) a point, seconds per
    answer, and for each point that was said and is called covered by meaning, whether the sentence
    shown as its evidence is one the labels name (tests/data/labels/evidence_*.json)."""
    nlp = load_pipeline()
    min_recall = Thresholds().talking_point_min_recall
    names = ["dev", "heldout", "fresh"] if split == "all" else [split]
    rows, seconds, evidence_right = [], [], []
    relevance.warm()
    for name in names:
        evidence = read_evidence_file(LABELS / f"evidence_{name}.json")
        for a, said_in in zip(read_relevance_file(LABELS / f"relevance_{name}.toml"), evidence, strict=True):
            points = get_question(a.question).talking_points
            doc = nlp(a.text)
            marks = (doc._.coach_fillers or []) + (doc._.coach_disfluencies or [])
            sentences = answer._sentences_for_relevance(doc, list(doc.sents), marks)
            start = time.perf_counter()
            by_meaning = relevance.coverage(points, sentences, min_recall)["points"]
            seconds.append(time.perf_counter() - start)
            by_words = content.word_overlap_coverage(nlp, doc, points)["points"]
            kept = [s.words for s in sentences if len(s.words.split()) >= relevance.MIN_WORDS]
            cosine = relevance.similarities(points, kept)[1].max(axis=1, initial=-1.0)
            rows += [
                (label, m["covered"], w["covered"], bool(c >= OLD_MIN_COSINE))
                for label, m, w, c in zip(a.labels, by_meaning, by_words, cosine, strict=True)
            ]
            evidence_right += [
                evidence_opening(m["evidence"]) in said_in[m["point"]]
                for m in by_meaning
                if m["covered"] and m["point"] in said_in
            ]
    return rows, seconds, evidence_right


def figures(rows: list[tuple[str, bool, bool, bool]], column: int) -> dict:
    truth = [label != "N" for label, *_ in rows]
    said = [r[column] for r in rows]
    not_heard = [t for t, s in zip(truth, said, strict=True) if not s]
    by_label = Counter(label for label, *rest in rows if rest[column - 1])
    totals = Counter(label for label, *_ in rows)
    return {
        "accuracy": sum(t == s for t, s in zip(truth, said, strict=True)) / len(rows),
        "not_heard_right": (sum(not t for t in not_heard) / len(not_heard)) if not_heard else None,
        "not_heard_said": len(not_heard),
        "covered_share": {c: by_label[c] / totals[c] for c in RELEVANCE_CODES if totals[c]},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["heldout", "fresh", "dev", "train", "all"], default="heldout")
    args = parser.parse_args()
    rows, seconds, evidence_right = judged(args.split)
    answers = len(seconds)
    print(f"Talking points, {args.split} part: {answers} answers, {len(rows)} points (written by us)")
    print(f"labels: {dict(Counter(label for label, *_ in rows))}  (P, partly, counts as covered)")
    for name, column in (("by meaning", 1), ("cosine 0.14", 3), ("word overlap", 2)):
        f = figures(rows, column)
        right = "—" if f["not_heard_right"] is None else f"{f['not_heard_right']:.2f}"
        shares = ", ".join(f"{c} {v:.2f}" for c, v in f["covered_share"].items())
        print(
            f"  {name:13s} accuracy {f['accuracy']:.2f}  'not heard' right {right} "
            f"(said of {f['not_heard_said']})  share called covered: {shares}"
        )
    print(
        f"  evidence: the sentence shown for a point said and heard is one the labels name "
        f"{sum(evidence_right)} of {len(evidence_right)} ({sum(evidence_right) / len(evidence_right):.2f})"
    )
    print(
        f"added time per answer (model loaded, {os.cpu_count()} cores): "
        f"median {statistics.median(seconds):.3f} s, max {max(seconds):.3f} s"
    )
    print("targets: accuracy >= 0.85, 'not heard' right >= 0.85")


if __name__ == "__main__":
    main()
