"""The competencies a question of your own is given when you choose none (coach.banks.guess_competencies),
against the shipped banks' own tags.

    .venv/bin/python benchmarks/own_competencies.py [--grid]

Leave-one-out over the shipped bank questions: each question's competencies are guessed from its
words and the other 286 questions (its kind told from its words, as for a question added with no
category), and compared with the competencies the bank tags it with. Precision: of the competencies
guessed, how many the bank tags; recall: of the bank's tags, how many were guessed; "one right": the
questions with at least one guessed competency among the bank's. The number of neighbours, the floor
below which a neighbour is not close and the share of the first's votes a competency needs were chosen
on the questions with an even-numbered id ("tuning", `--grid` prints the choices tried there); the
questions with an odd-numbered id ("held-out") were not used to choose them. Also tried on the tuning
half while writing it, outside this script: a competency kept at any share of the first's votes, or
3/4 of it, or only the first's (no better than half); the kind's weight beside the neighbours' from 0
to 2 (1 best; 0 lost 0.02-0.03 F1); neighbours of the same kind only (worse); without the competencies
the words name (F1 0.35 against 0.45). Beside it, the rule before
(every question is communication), the kind's two most frequent competencies, and the competencies its
words name (coach.banks.skill_gap_to_competencies, which a debrief's questions were given, else
communication).
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach import banks  # noqa: E402
from coach.banks import Question  # noqa: E402

Guess = Callable[[Question, list[Question]], list[str]]


def always_communication(question: Question, others: list[Question]) -> list[str]:
    return ["communication"]


def kinds_most_frequent(question: Question, others: list[Question]) -> list[str]:
    shares = banks.kind_competency_shares(banks.guess_category(question.text), others)
    return list(shares)[:2] or ["communication"]


def words_name(question: Question, others: list[Question]) -> list[str]:
    return banks.skill_gap_to_competencies(question.text) or ["communication"]


def guessed(question: Question, others: list[Question]) -> list[str]:
    return banks.guess_competencies(question.text, bank=others)


RULES: dict[str, Guess] = {
    "always communication (before)": always_communication,
    "the kind's two most frequent": kinds_most_frequent,
    "the competencies its words name": words_name,
    "guess_competencies": guessed,
}


def scores(rule: Guess, questions: Sequence[Question], shipped: list[Question]) -> tuple[float, float, float]:
    """Precision, recall and the share with one right, each question guessed from all the others."""
    right = wrong = missed = one_right = 0
    for question in questions:
        others = [q for q in shipped if q.id != question.id]
        guess, tags = set(rule(question, others)), set(question.competencies)
        right += len(guess & tags)
        wrong += len(guess - tags)
        missed += len(tags - guess)
        one_right += bool(guess & tags)
    return right / (right + wrong), right / (right + missed), one_right / len(questions)


def halves(shipped: list[Question]) -> dict[str, list[Question]]:
    number = {q.id: int(re.search(r"(\d+)$", q.id).group(1)) for q in shipped}
    return {
        "tuning (even ids)": [q for q in shipped if number[q.id] % 2 == 0],
        "held-out (odd ids)": [q for q in shipped if number[q.id] % 2 == 1],
    }


def line(name: str, figures: tuple[float, float, float]) -> str:
    precision, recall, one_right = figures
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return (
        f"  {name:34} precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  one right {one_right:.3f}"
    )


def grid(tuning: list[Question], shipped: list[Question]) -> None:
    chosen = (banks.COMPETENCY_NEIGHBOURS, banks.CLOSE_SIMILARITY)
    print("\nchoices tried on the tuning half (neighbours, floor):")
    for neighbours in (3, 5, 8, 12):
        for floor in (0.0, 0.2, 0.3):
            banks.COMPETENCY_NEIGHBOURS, banks.CLOSE_SIMILARITY = neighbours, floor
            print(line(f"{neighbours} neighbours, floor {floor}", scores(guessed, tuning, shipped)))
    banks.COMPETENCY_NEIGHBOURS, banks.CLOSE_SIMILARITY = chosen


def speed(shipped: list[Question]) -> None:
    text = "Tell me about a time you designed a system that had to scale."
    started = time.perf_counter()
    banks.guess_competencies(text, bank=shipped)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(20):
        banks.guess_competencies(text, bank=shipped)
    after = (time.perf_counter() - started) / 20
    print(f"\ntime to guess: first {first * 1000:.0f} ms (sklearn imported, bank indexed),", end=" ")
    print(f"then {after * 1000:.1f} ms")
    print(f"“{text}” → {', '.join(banks.guess_competencies(text))}")


def main() -> None:
    shipped = list(banks._shipped_questions().values())
    print(
        f"{len(shipped)} shipped questions, leave-one-out; {banks.COMPETENCY_NEIGHBOURS} neighbours, "
        f"floor {banks.CLOSE_SIMILARITY}, at most {banks.COMPETENCIES_TOLD} competencies"
    )
    speed(shipped)
    parts = halves(shipped)
    for part, questions in parts.items():
        print(f"\n{part}: {len(questions)} questions")
        for name, rule in RULES.items():
            print(line(name, scores(rule, questions, shipped)))
    if "--grid" in sys.argv[1:]:
        grid(parts["tuning (even ids)"], shipped)


if __name__ == "__main__":
    main()
