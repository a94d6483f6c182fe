"""Could the sentence model tell an answer to another question (a success story told for "Tell me
about a time you failed") from an answer to the question asked? Measured, not shipped.

    .venv/bin/python benchmarks/wrong_question.py

Each labelled answer of tests/data/labels/relevance_*.toml to a story question (written for this
project, labels/README.md) is read against every shipped story question. Its own question should
rank near the top; a question sharing none of its question's competencies is the "wrong question"
it could have been given. A check "the asked question ranks below k" would stop the true answers
whose own question ranks below k and catch the wrong-question pairs ranking below k. Two ways of
ranking: the whole answer's sentence vector against the question with its talking points (as the
off-topic check reads them), and the answer's closest sentence against the question alone.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analysis import relevance  # noqa: E402
from coach.analysis.evaluation import read_relevance_file  # noqa: E402
from coach.banks import load_questions  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labels"
PARTS = ("dev", "train", "heldout", "fresh")
RANKS = (10, 20, 30, 40)


def _vectors(texts: list[str]) -> np.ndarray:
    return np.stack([e.sentence for e in relevance._encode(texts)])


def main() -> None:
    with tempfile.TemporaryDirectory() as empty:  # the shipped banks only
        questions = [q for q in load_questions(Path(empty)) if q.format == "star"]
    index = {q.id: i for i, q in enumerate(questions)}
    with_points = _vectors([" ".join([q.text, *q.talking_points]) for q in questions])
    alone = _vectors([q.text for q in questions])
    print(f"{len(questions)} story questions; rank 0 is the closest")
    for way in ("whole answer vs question and points", "closest sentence vs question alone"):
        print(f"\n{way}")
        for part in PARTS:
            labelled = read_relevance_file(LABELS / f"relevance_{part}.toml")
            answers = [a for a in labelled if a.question in index]
            own, wrong = [], []
            for answer in answers:
                if way.startswith("whole"):
                    sims = with_points @ _vectors([answer.text])[0]
                else:
                    sentences = [s for s in re.split(r"(?<=[.!?])\s+", answer.text) if len(s.split()) >= 3]
                    sims = (_vectors(sentences) @ alone.T).max(axis=0)
                rank = np.empty(len(sims), int)
                rank[np.argsort(-sims)] = np.arange(len(sims))
                asked = set(questions[index[answer.question]].competencies)
                own.append(rank[index[answer.question]])
                wrong += [rank[i] for i, q in enumerate(questions) if not set(q.competencies) & asked]
            own, wrong = np.array(own), np.array(wrong)
            cuts = "  ".join(
                f"below {k}: {np.mean(own > k):.0%} stopped / {np.mean(wrong > k):.0%} caught" for k in RANKS
            )
            print(
                f"  {part:8} {len(own):2} answers, own question's rank median {np.median(own):.0f}, "
                f"worst {own.max()}; {len(wrong)} wrong pairs; {cuts}"
            )


if __name__ == "__main__":
    main()
