"""Turn CTranslate2 Whisper weights into an openai-whisper checkpoint, losslessly.

The bundled model ships only in CTranslate2 format; openai-whisper needs its own checkpoint
(`{"dims", "model_state_dict", "alignment_heads"}`). The CTranslate2 file (format v6) is a flat
list of named arrays; self-attention Q/K/V and decoder cross-attention K/V are fused, and the
stored key bias is all zeros because openai-whisper's key projection has no bias.
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import numpy as np

# CTranslate2 DataType enum → numpy
_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}
_SUPPORTED_VERSION = 6


def read_ct2_variables(model_bin: Path) -> dict[str, np.ndarray]:
    """Read every variable of a CTranslate2 model.bin, resolving aliases."""
    with open(model_bin, "rb") as f:
        version = _u32(f)
        if version != _SUPPORTED_VERSION:
            raise ValueError(f"{model_bin}: CTranslate2 format v{version}, expected v{_SUPPORTED_VERSION}")
        spec = _string(f)
        if spec != "WhisperSpec":
            raise ValueError(f"{model_bin}: holds a {spec}, not a Whisper model")
        _u32(f)  # spec revision
        variables = {}
        for _ in range(_u32(f)):
            name = _string(f)
            ndim = f.read(1)[0]
            shape = struct.unpack(f"<{ndim}I", f.read(4 * ndim)) if ndim else ()
            dtype = _DTYPES[f.read(1)[0]]
            data = f.read(_u32(f))
            variables[name] = np.frombuffer(data, dtype=dtype).reshape(shape)
        for _ in range(_u32(f)):
            alias, target = _string(f), _string(f)
            variables[alias] = variables[target]
    return variables


def convert(model_dir: Path) -> dict:
    """Build openai-whisper's checkpoint dict from a CTranslate2 Whisper model folder."""
    import torch

    v = read_ct2_variables(Path(model_dir) / "model.bin")
    dims = _dims(v)
    state: dict[str, np.ndarray] = {}
    _encoder(v, dims, state)
    _decoder(v, dims, state)
    config = json.loads((Path(model_dir) / "config.json").read_text())
    return {
        "dims": dims,
        "model_state_dict": {k: torch.from_numpy(np.array(a, dtype=np.float32)) for k, a in state.items()},
        "alignment_heads": [list(h) for h in config.get("alignment_heads", [])],
    }


def _dims(v: dict[str, np.ndarray]) -> dict[str, int]:
    def layers(prefix: str) -> int:
        return len({m.group(1) for k in v if (m := re.match(rf"{prefix}/layer_(\d+)/", k))})

    return {
        "n_mels": int(v["encoder/conv1/weight"].shape[1]),
        "n_audio_ctx": int(v["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(v["encoder/conv1/weight"].shape[0]),
        "n_audio_head": int(v["encoder/num_heads"]),
        "n_audio_layer": layers("encoder"),
        "n_vocab": int(v["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(v["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(v["decoder/embeddings/weight"].shape[1]),
        "n_text_head": int(v["decoder/num_heads"]),
        "n_text_layer": layers("decoder"),
    }


def _encoder(v: dict, dims: dict, state: dict) -> None:
    for conv in ("conv1", "conv2"):
        state[f"encoder.{conv}.weight"] = v[f"encoder/{conv}/weight"]
        state[f"encoder.{conv}.bias"] = v[f"encoder/{conv}/bias"]
    state["encoder.positional_embedding"] = v["encoder/position_encodings/encodings"]
    for i in range(dims["n_audio_layer"]):
        src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        _self_attention(v, f"{src}/self_attention", f"{dst}.attn", f"{dst}.attn_ln", state)
        _mlp(v, f"{src}/ffn", dst, state)
    _layer_norm(v, "encoder/layer_norm", "encoder.ln_post", state)


def _decoder(v: dict, dims: dict, state: dict) -> None:
    state["decoder.token_embedding.weight"] = v["decoder/embeddings/weight"]
    state["decoder.positional_embedding"] = v["decoder/position_encodings/encodings"]
    for i in range(dims["n_text_layer"]):
        src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        _self_attention(v, f"{src}/self_attention", f"{dst}.attn", f"{dst}.attn_ln", state)
        _cross_attention(v, f"{src}/attention", f"{dst}.cross_attn", f"{dst}.cross_attn_ln", state)
        _mlp(v, f"{src}/ffn", dst, state)
    _layer_norm(v, "decoder/layer_norm", "decoder.ln", state)


def _self_attention(v: dict, src: str, dst: str, ln: str, state: dict) -> None:
    q, k, val = np.split(v[f"{src}/linear_0/weight"], 3)
    qb, _zero_key_bias, vb = np.split(v[f"{src}/linear_0/bias"], 3)
    state.update(
        {
            f"{dst}.query.weight": q,
            f"{dst}.query.bias": qb,
            f"{dst}.key.weight": k,
            f"{dst}.value.weight": val,
            f"{dst}.value.bias": vb,
        }
    )
    _linear(v, f"{src}/linear_1", f"{dst}.out", state)
    _layer_norm(v, f"{src}/layer_norm", ln, state)


def _cross_attention(v: dict, src: str, dst: str, ln: str, state: dict) -> None:
    _linear(v, f"{src}/linear_0", f"{dst}.query", state)
    k, val = np.split(v[f"{src}/linear_1/weight"], 2)
    _zero_key_bias, vb = np.split(v[f"{src}/linear_1/bias"], 2)
    state.update({f"{dst}.key.weight": k, f"{dst}.value.weight": val, f"{dst}.value.bias": vb})
    _linear(v, f"{src}/linear_2", f"{dst}.out", state)
    _layer_norm(v, f"{src}/layer_norm", ln, state)


def _mlp(v: dict, src: str, dst: str, state: dict) -> None:
    _linear(v, f"{src}/linear_0", f"{dst}.mlp.0", state)
    _linear(v, f"{src}/linear_1", f"{dst}.mlp.2", state)
    _layer_norm(v, f"{src}/layer_norm", f"{dst}.mlp_ln", state)


def _linear(v: dict, src: str, dst: str, state: dict) -> None:
    state[f"{dst}.weight"] = v[f"{src}/weight"]
    state[f"{dst}.bias"] = v[f"{src}/bias"]


def _layer_norm(v: dict, src: str, dst: str, state: dict) -> None:
    state[f"{dst}.weight"] = v[f"{src}/gamma"]
    state[f"{dst}.bias"] = v[f"{src}/beta"]


def _u32(f) -> int:
    return struct.unpack("<I", f.read(4))[0]


def _string(f) -> str:
    (length,) = struct.unpack("<H", f.read(2))
    return f.read(length).decode("utf-8").rstrip("\0")
