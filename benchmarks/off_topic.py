"""The off-topic check (coach.analysis.relevance.off_topic): on-topic answers it would wrongly stop,
off-topic texts it catches, and the time it adds to an answer.

    .venv/bin/python benchmarks/off_topic.py

Story (STAR) questions and questions that ask for no story ("free": salary, design, closing...)
have their own limit (coach.analysis.relevance), so each kind has its rows. On-topic: each labelled
answer of tests/data/labels/relevance_*.toml, and for free questions those of on_topic_free.toml too,
read against its question (written for this project, labels/README.md). Off-topic: each text of
off_topic_dev.toml and off_topic_heldout.toml (a recipe, a lecture, sports commentary, small
talk...) read against every shipped question of the kind. The limits were set on the "tuning" rows
only (train and dev answers and on_topic_free's "tune" part, the dev off-topic texts); the
"held-out" rows (heldout and fresh answers, on_topic_free's "heldout" part, whose questions are
others, and the held-out texts) were not looked at to set them. The answer centre is built from the
train answers alone, so the train answers' figure flatters the check; the held-out rows do not have
that advantage.
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
        shipped = {q.id: q for q in load_questions(Path(empty))}
    free = tomllib.loads((LABELS / "on_topic_free.toml").read_text(encoding="utf-8"))["answer"]
    # answers written for free questions, each on its question or about something else
    pairs = tomllib.loads((LABELS / "off_topic_free_pairs.toml").read_text(encoding="utf-8"))["answer"]
    free += [{**a, "part": "tune" if a["part"] == "tune" else "heldout"} for a in pairs if a["on_topic"]]
    for kind, story in (("story", True), ("free", False)):
        questions = {k: q for k, q in shipped.items() if (q.format == "star") == story}

        def stopped(question, text: str, story: bool = story) -> bool:
            return bool(relevance.off_topic(question.text, question.talking_points, text, story=story))

        def on_topic_row(parts: list[str], free_part: str, questions=questions, story=story) -> str:
            answers = [
                (a.question, a.text)
                for part in parts
                for a in read_relevance_file(LABELS / f"relevance_{part}.toml")
                if a.question in questions
            ]
            answers += [(a["question"], a["text"]) for a in free if a["part"] == free_part and not story]
            wrong = sum(stopped(questions[q], text) for q, text in answers)
            return f"on-topic answers stopped: {wrong} of {len(answers)} ({'+'.join(parts)})"

        def off_topic_row(part: str, questions=questions) -> str:
            texts = tomllib.loads((LABELS / f"off_topic_{part}.toml").read_text(encoding="utf-8"))["text"]
            caught = [sum(stopped(q, t["text"]) for q in questions.values()) for t in texts]
            pairs = len(texts) * len(questions)
            missed = [t["kind"] for t, c in zip(texts, caught, strict=True) if c < len(questions) / 2]
            return (
                f"off-topic texts x {len(questions)} questions caught: {sum(caught)} of {pairs} "
                f"({sum(caught) / pairs:.0%}; {len(texts)} texts, passed for most questions: "
                f"{', '.join(missed) or 'none'})"
            )

        def written_off_row(part: str, questions=questions) -> str:
            off = [a for a in pairs if a["part"] == part and not a["on_topic"] and a["question"] in questions]
            caught = sum(stopped(questions[a["question"]], a["text"]) for a in off)
            return f"off-topic answers written for a question caught: {caught} of {len(off)}"

        print(f"{kind} tuning:   " + on_topic_row(["train", "dev"], "tune"))
        print(f"{kind} tuning:   " + off_topic_row("dev"))
        print(f"{kind} held-out: " + on_topic_row(["heldout", "fresh"], "heldout"))
        print(f"{kind} held-out: " + off_topic_row("heldout"))
        if not story:
            print(f"{kind} tuning:   " + written_off_row("tune"))
            print(f"{kind} held-out: " + written_off_row("heldout"))
    follow_up_rows(shipped)

    questions = {k: q for k, q in shipped.items() if q.format == "star"}
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


def follow_up_rows(shipped: dict) -> None:
    """Replies to a mock interview's follow-ups (tests/data/labels/follow_up_replies.toml), read as
    the analysis reads them: against the question followed, its points and the follow-up."""
    from coach.banks import follow_up_format

    replies = tomllib.loads((LABELS / "follow_up_replies.toml").read_text(encoding="utf-8"))["reply"]
    for part in ("tune", "heldout"):
        counts = {True: [0, 0], False: [0, 0]}
        for r in (r for r in replies if r["part"] == part):
            q = shipped[r["question"]]
            story = follow_up_format(r["follow_up"], q) == "star"
            off = relevance.off_topic(f"{q.text} {r['follow_up']}", q.talking_points, r["text"], story=story)
            counts[r["on_topic"]][0] += bool(off)
            counts[r["on_topic"]][1] += 1
        print(
            f"follow-up replies {part}: on-topic stopped {counts[True][0]} of {counts[True][1]}, "
            f"off-topic caught {counts[False][0]} of {counts[False][1]}"
        )


if __name__ == "__main__":
    main()
