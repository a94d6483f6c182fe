"""How a review compares with an interview's ground truth (tests and benchmarks/review_accuracy.py).

Speaker attribution is scored over speech time: every 10 ms inside a true turn counts as right
when the review's turn covering that moment has the true speaker (time no review turn covers
counts as wrong). `best_mapping` scores the labels after the best one-to-one renaming, which is
what a user gets by picking their own voice from the snippets.
"""

from __future__ import annotations

from itertools import permutations

import numpy as np

STEP_S = 0.01


def _timeline(turns: list[dict], labels: list[str], length: int) -> np.ndarray:
    line = np.full(length, -1, dtype=int)
    for t in turns:
        a, b = int(t["start_s"] / STEP_S), int(np.ceil(t["end_s"] / STEP_S))
        line[a:b] = labels.index(t["speaker"])
    return line


def attribution_accuracy(
    review_turns: list[dict], truth_turns: list[dict], *, best_mapping: bool = False
) -> float:
    """Share of true speech time given to the right speaker."""
    length = int(max([t["end_s"] for t in review_turns + truth_turns] + [0]) / STEP_S) + 2
    truth_labels = sorted({t["speaker"] for t in truth_turns})
    review_labels = sorted({t["speaker"] for t in review_turns})
    truth = _timeline(truth_turns, truth_labels, length)
    got = _timeline(review_turns, review_labels, length)
    speech = truth >= 0
    if not speech.any():
        return 0.0
    if best_mapping:
        candidates = _mappings(review_labels, truth_labels)
    else:
        candidates = [
            {
                i: truth_labels.index(name) if name in truth_labels else -2
                for i, name in enumerate(review_labels)
            }
        ]
    best = 0.0
    for mapping in candidates:
        mapped = np.array([mapping.get(g, -2) if g >= 0 else -3 for g in got[speech]])
        best = max(best, float(np.mean(mapped == truth[speech])))
    return best


def single_speaker(turns: list[dict]) -> list[dict]:
    """Reference turns cut to where exactly one person speaks."""
    if not turns:
        return []
    step = 0.01
    n = int(max(t["end_s"] for t in turns) / step) + 2
    names = sorted({t["speaker"] for t in turns})
    count, who = np.zeros(n, int), np.full(n, -1)
    for t in turns:
        a, b = int(t["start_s"] / step), int(t["end_s"] / step)
        count[a:b] += 1
        who[a:b] = names.index(t["speaker"])
    keep = np.where(count == 1, who, -1)
    out, start = [], None
    for i in range(n + 1):
        v = keep[i] if i < n else -1
        if start is not None and (i == n or v != keep[start]):
            out.append({"speaker": names[keep[start]], "start_s": start * step, "end_s": i * step})
            start = None
        if start is None and v >= 0:
            start = i
    return out


def _mappings(review_labels: list[str], truth_labels: list[str]) -> list[dict[int, int]]:
    n = len(truth_labels)
    out = []
    for perm in permutations(range(max(n, len(review_labels))), len(review_labels)):
        out.append({i: (p if p < n else -2) for i, p in enumerate(perm)})
    return out


def questions_found(answers: list[dict], truth_turns: list[dict]) -> dict:
    """True interviewer questions the review found (by time) and how many matched the right bank id."""
    asked = [t for t in truth_turns if t["kind"] == "question"]
    found = matched = 0
    for q in asked:
        hit = next(
            (
                a
                for a in answers
                if a["question_start_s"] is not None
                and a["question_start_s"] < q["end_s"]
                and a["offset_s"] > q["start_s"]
            ),
            None,
        )
        if hit:
            found += 1
            matched += int(q.get("bank_id") is None or hit["bank_id"] == q["bank_id"])
    return {"questions": len(asked), "found": found, "bank_matched": matched}
