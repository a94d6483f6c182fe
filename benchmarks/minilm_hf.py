"""all-MiniLM-L6-v2 through sentence-transformers, for the experiments that read its hidden layers
with transformers' API (points_experiments, points_learn, points_mpnet). The coach itself runs the
same weights without either library (coach.analysis.minilm, the same vectors)."""

from __future__ import annotations

import functools
import os


@functools.lru_cache(maxsize=1)
def sentence_transformer():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    from coach.analysis import minilm

    return SentenceTransformer(str(minilm.model_dir()), device="cpu")
