"""A learned filler/content decision for the ambiguous discourse markers ("like", "so", "you know"...).

Trained by `scripts/train_fillers.py` on Rev16 podcast transcripts (CC BY-SA 4.0; editors' deletions
are the gold, see README "Analysis accuracy"): logistic regression over features of the words,
tags, dependencies and punctuation around the marker, plus what the hand-written rules in
fillers.py say. Every feature is also crossed with the marker, so "like" and "so" share what they
have in common and keep what they do not. The weights ship as a small JSON file read once; scoring
a marker is a sum of a few dozen weights, so it costs nothing next to the parse.

A second model (`CONTEXT_MODEL_PATH`) adds one weight a dimension of the marker's contextual vector
from all-MiniLM-L6-v2 (filler_context.py); fillers.py uses it when that transformer is installed
and this one otherwise.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.analysis.context import Context, is_filled_pause

MODEL_PATH = Path(__file__).parent / "models" / "fillers.json.gz"
CONTEXT_MODEL_PATH = Path(__file__).parent / "models" / "fillers_context.json.gz"
FEATURES_VERSION = 1
DEFAULT_THRESHOLD = 0.5
# One-word markers and the two-word ones (first word, second word) the model decides.
SINGLE_MARKERS = frozenset({"like", "so", "well", "right", "actually", "basically", "literally"})
PHRASE_MARKERS = {("you", "know"): "you know", ("i", "mean"): "i mean"}
ONE_TOKEN_SPELLINGS = {"y'know": "you know", "ya'know": "you know"}


@dataclass(frozen=True)
class Candidate:
    """A marker at tokens [start, end) of a Doc, to be decided filler or content."""

    label: str
    start: int
    end: int


def candidates(ctx: Context, skip: set[int]) -> Iterator[Candidate]:
    """Every marker in the Doc outside `skip` (filled pauses, hyphen compounds), left to right."""
    i = 0
    while i < ctx.n:
        word = ctx.low[i]
        if i not in skip:
            pair = PHRASE_MARKERS.get((word, ctx.word(i + 1)))
            if pair is not None and i + 1 not in skip:
                yield Candidate(pair, i, i + 2)
                i += 2
                continue
            if word in SINGLE_MARKERS:
                yield Candidate(word, i, i + 1)
            elif word in ONE_TOKEN_SPELLINGS:
                yield Candidate(ONE_TOKEN_SPELLINGS[word], i, i + 1)
        i += 1


def features(ctx: Context, cand: Candidate, rule_says: bool) -> list[str]:
    """Names of the active (binary) features of one candidate; each also crossed with its label."""
    i, j = cand.start, cand.end  # j: first token after the marker

    def w(k: int) -> str:
        return ctx.low[k] if 0 <= k < ctx.n else "<s>" if k < 0 else "</s>"

    def t(k: int) -> str:
        return ctx.tag[k] if 0 <= k < ctx.n else "<s>" if k < 0 else "</s>"

    token = ctx.doc[i]
    dep, head = token.dep_, token.head.i
    head_dir = "self" if head == i else "left" if head < i else "right"
    names = [
        "bias",
        f"rule={rule_says}",
        f"w-1={w(i - 1)}",
        f"w-2={w(i - 2)}",
        f"w-3={w(i - 3)}",
        f"w+1={w(j)}",
        f"w+2={w(j + 1)}",
        f"w+3={w(j + 2)}",
        f"w-1+1={w(i - 1)}_{w(j)}",
        f"w-2-1={w(i - 2)}_{w(i - 1)}",
        f"w+1+2={w(j)}_{w(j + 1)}",
        f"t-1={t(i - 1)}",
        f"t-2={t(i - 2)}",
        f"t+1={t(j)}",
        f"t+2={t(j + 1)}",
        f"t0={t(i)}",
        f"t-1+1={t(i - 1)}_{t(j)}",
        f"t-2-1={t(i - 2)}_{t(i - 1)}",
        f"t+1+2={t(j)}_{t(j + 1)}",
        f"dep={dep}",
        f"dep_dir={dep}_{head_dir}",
        f"head_t={t(head)}",
        f"head_w={w(head)}" if head != i else "head_w=<self>",
        f"bound_before={ctx.boundary_before(i)}",
        f"bound_after={ctx.boundary_after(j - 1)}",
        f"comma_after={ctx.comma_after(j - 1)}",
        f"clause_start={ctx.clause_start(i)}",
        f"sent_start={ctx.sent_start[i]}",
        f"fp_near={is_filled_pause(w(i - 1)) or is_filled_pause(w(j))}",
        f"repeat={w(i - 1) == ctx.low[i] or w(j) == ctx.low[j - 1]}",
    ]
    return names + [f"{cand.label}|{name}" for name in names]


@dataclass(frozen=True)
class FillerModel:
    intercept: float
    weights: dict[str, float]
    thresholds: dict[str, float]  # per marker; DEFAULT_THRESHOLD for the rest
    meta: dict
    # One weight a dimension of the marker's contextual vector (layer `context_layer` of the
    # transformer, see filler_context.py); empty for the model without context.
    vector_weights: np.ndarray | None = None

    @property
    def context_layer(self) -> int:
        return int(self.meta.get("context_layer", 0))

    def is_filler(self, label: str, names: list[str], vector: np.ndarray | None = None) -> bool:
        return self.probability(names, vector) >= self.thresholds.get(label, DEFAULT_THRESHOLD)

    def probability(self, names: list[str], vector: np.ndarray | None = None) -> float:
        score = self.intercept + sum(self.weights.get(name, 0.0) for name in names)
        if self.vector_weights is not None:
            if vector is None:
                raise ValueError("this filler model reads each marker's contextual vector")
            score += float(np.dot(vector, self.vector_weights))
        return 1.0 / (1.0 + math.exp(-score))


def load(path: Path = MODEL_PATH) -> FillerModel:
    """The shipped model (cached); a clear error when the file is missing or from another version."""
    return _load(str(path))


@functools.lru_cache(maxsize=2)
def _load(path: str) -> FillerModel:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
    except OSError as e:
        raise RuntimeError(
            f"Failed to load the filler model {path} ({e}); rebuild it with `make filler-model`."
        ) from e
    if data["meta"]["features_version"] != FEATURES_VERSION:
        raise RuntimeError(f"The filler model {path} was trained on other features; run `make filler-model`.")
    vector = data.get("vector_weights")
    return FillerModel(
        data["intercept"],
        data["weights"],
        data["thresholds"],
        data["meta"],
        None if vector is None else np.asarray(vector, dtype=np.float32),
    )
