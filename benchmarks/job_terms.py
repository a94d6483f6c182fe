"""How many of a job description's top 10 key terms a careful reader would also pick, on
`tests/data/labels/job_terms.toml` (postings written by us, not real ones): the "tune" part, on
which the ranking was chosen, and the "heldout" part, only ever measured.

    PYTHONPATH=. .venv/bin/python -m benchmarks.job_terms [--show]
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from coach.analysis.word_use import description_terms, stem

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "labels" / "job_terms.toml"
TOP = 10


def load() -> list[dict]:
    return tomllib.loads(LABELS.read_text(encoding="utf-8"))["description"]


def _words(term: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in term.replace("-", " ").split())


def _holds(picked: tuple[str, ...], form: tuple[str, ...]) -> bool:
    n = len(form)
    return any(picked[i : i + n] == form for i in range(len(picked) - n + 1))


def agreed(picked: list[str], labelled: list[str]) -> list[bool]:
    """For each picked term, whether it is (or holds) one of the labelled terms' forms; each
    labelled term is matched once, so "quota" and "quarterly quota" do not both count."""
    left = [[_words(form) for form in term.split("|")] for term in labelled]
    out = []
    for term in picked:
        words = _words(term)
        match = next((forms for forms in left if any(_holds(words, form) for form in forms)), None)
        if match is not None:
            left.remove(match)
        out.append(match is not None)
    return out


def measure(picker=None, show: bool = False) -> dict[str, tuple[int, int]]:
    """{split: (picked terms a reader also picked, terms picked)} over the top 10 of each posting."""
    picker = picker or (lambda text: description_terms(text)["terms"])
    totals: dict[str, tuple[int, int]] = {}
    for posting in load():
        picked = picker(posting["text"])[:TOP]
        hits = agreed(picked, posting["terms"])
        if show:
            marked = [t if hit else f"({t})" for t, hit in zip(picked, hits, strict=True)]
            where = f"{posting['split']:8} {posting['field']:18}"
            print(f"{where} {sum(hits)}/{len(picked)}  " + ", ".join(marked))
        right, total = totals.get(posting["split"], (0, 0))
        totals[posting["split"]] = (right + sum(hits), total + len(picked))
    return totals


def main() -> None:
    for split, (right, total) in measure(show="--show" in sys.argv).items():
        print(f"{split}: {right} of {total} top-{TOP} terms are ones a reader picked ({right / total:.0%})")


if __name__ == "__main__":
    main()
