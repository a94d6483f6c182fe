"""The off-topic check (coach.analysis.relevance.off_topic): on-topic answers it would wrongly stop,
off-topic texts it catches, and the time it adds to an answer.

    .venv/bin/python benchmarks/off_topic.py

The check runs for story (STAR) questions only. On-topic: each labelled answer of
tests/data/labels/relevance_*.toml to a story question, read against its question (written for this
project, labels/README.md). Off-topic: each text of off_topic_dev.toml and off_topic_heldout.toml (a
recipe, a lecture, sports commentary, small talk...) read against every shipped story question.
The limits were set on the "tuning" rows only (train and dev answers, the dev off-topic texts); the
"held-out" rows (heldout and fresh answers, the held-out texts) were not looked at to set them. The
answer centre is built from the train answers alone, so the train answers' figure flatters the
check; the held-out rows do not have that advantage.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analysis import relevance  # noqa: E402
from coach.analysis.evaluation import read_relevance_file  # noqa: E402
from coach.banks import load_questions  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labels"


def main() -> None:
    with tempfile.TemporaryDirectory() as empty:  # the shipped banks only, none of your own
        # the check runs for story questions only (coach.analysis.answer._off_topic)
        questions = {q.id: q for q in load_questions(Path(empty)) if q.format == "star"}

    def stopped(question, text: str) -> bool:
        return bool(relevance.off_topic(question.text, question.talking_points, text))

    def on_topic_row(parts: list[str]) -> str:
        answers = [
            a
            for part in parts
            for a in read_relevance_file(LABELS / f"relevance_{part}.toml")
            if a.question in questions
        ]
        wrong = sum(stopped(questions[a.question], a.text) for a in answers)
        return f"on-topic answers stopped: {wrong} of {len(answers)} ({'+'.join(parts)})"

    def off_topic_row(part: str) -> str:
        texts = tomllib.loads((LABELS / f"off_topic_{part}.toml").read_text(encoding="utf-8"))["text"]
        caught = [sum(stopped(q, t["text"]) for q in questions.values()) for t in texts]
        pairs = len(texts) * len(questions)
        missed = [t["kind"] for t, c in zip(texts, caught, strict=True) if c < len(questions) / 2]
        return (
            f"off-topic texts x {len(questions)} questions caught: {sum(caught)} of {pairs} "
            f"({sum(caught) / pairs:.0%}; {len(texts)} texts, passed for most questions: "
            f"{', '.join(missed) or 'none'})"
        )

    print("tuning:   " + on_topic_row(["train", "dev"]))
    print("tuning:   " + off_topic_row("dev"))
    print("held-out: " + on_topic_row(["heldout", "fresh"]))
    print("held-out: " + off_topic_row("heldout"))

    answers = [a for a in read_relevance_file(LABELS / "relevance_heldout.toml") if a.question in questions]
    q = questions[answers[0].question]
    relevance.off_topic(q.text, q.talking_points, "warm up")
    times = []
    for a in answers:
        start = time.perf_counter()
        relevance.off_topic(questions[a.question].text, questions[a.question].talking_points, a.text)
        times.append(time.perf_counter() - start)
    print(
        f"time added per answer: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms ({len(times)} answers, model loaded)"
    )


if __name__ == "__main__":
    main()
