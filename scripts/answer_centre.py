"""Build coach/analysis/models/interview_answer_centre.npy: where interview answers sit in the
sentence model's space, for the off-topic check (coach.analysis.relevance.off_topic).

    .venv/bin/python scripts/answer_centre.py

The centre is the mean of the all-MiniLM-L6-v2 vectors of the 40 answers in
tests/data/labels/relevance_train.toml (written for this project; labels/README.md), scaled to unit
length. Only the training part is read: dev, heldout and fresh, and the off-topic texts, stay out of
it (benchmarks/off_topic.py measures on them). Deterministic up to the model's kernels on the CPU.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from coach.analysis import relevance
from coach.analysis.evaluation import read_relevance_file

TRAIN = Path(__file__).resolve().parents[1] / "tests" / "data" / "labels" / "relevance_train.toml"


def main() -> None:
    answers = [a.text for a in read_relevance_file(TRAIN)]
    vectors = np.stack([e.sentence for e in relevance.encode_texts(answers)])
    centre = vectors.mean(axis=0)
    centre = (centre / np.linalg.norm(centre)).astype(np.float32)
    np.save(relevance.ANSWER_CENTRE_FILE, centre)
    print(f"wrote {relevance.ANSWER_CENTRE_FILE} from {len(answers)} training answers")


if __name__ == "__main__":
    main()
