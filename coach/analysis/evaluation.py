"""Reading the hand-labelled texts in tests/data/labels and scoring the pipeline against them.

Used by benchmarks/analysis_accuracy.py and by the accuracy tests; see tests/data/labels/README.md
for the label format.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from coach.analysis.context import is_filled_pause

BRACKET = re.compile(r"\[([^\]|]+)(?:\|(rep|fs))?\]")
SPELLINGS = {"kinda": "kind of", "sorta": "sort of", "y'know": "you know"}
STAR_CODES = {"S": "situation", "T": "task", "A": "action", "R": "result", "O": "other"}


@dataclass(frozen=True)
class GoldFiller:
    start_char: int
    end_char: int
    kind: str
    label: str


@dataclass(frozen=True)
class FillerExample:
    text: str
    fillers: tuple[GoldFiller, ...]


@dataclass
class StarAnswer:
    title: str
    sentences: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # per sentence: the part of its longest clause
    # per sentence, its gold clauses as (start char, end char, part) within the sentence
    clauses: list[list[tuple[int, int, str]]] = field(default_factory=list)


def filler_class(kind: str, label: str) -> str:
    """The benchmark's class: the kind, or for discourse markers the words themselves."""
    return label.lower() if kind == "discourse_marker" else kind


def parse_filler_line(line: str) -> FillerExample:
    text, gold, pos = [], [], 0
    for match in BRACKET.finditer(line):
        text.append(line[pos : match.start()])
        start = sum(len(piece) for piece in text)
        words, code = match.group(1), match.group(2)
        kind = {"rep": "repetition", "fs": "false_start"}.get(code or "", "")
        if not kind:
            kind = "filled_pause" if is_filled_pause(words) else "discourse_marker"
        label = SPELLINGS.get(words.lower(), words.lower())
        gold.append(GoldFiller(start, start + len(words), kind, label))
        text.append(words)
        pos = match.end()
    text.append(line[pos:])
    return FillerExample("".join(text), tuple(gold))


def read_filler_file(path: Path) -> list[FillerExample]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse_filler_line(line.strip()) for line in lines if line.strip() and not line.startswith("#")]


def read_star_file(path: Path) -> list[StarAnswer]:
    answers: list[StarAnswer] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            answers.append(StarAnswer(line[3:].strip()))
        elif line and not line.startswith("#"):
            code, _, sentence = line.partition(":")
            text, clauses = _star_clauses(code, sentence.strip())
            answers[-1].sentences.append(text)
            answers[-1].clauses.append(clauses)
            answers[-1].parts.append(max(clauses, key=lambda c: len(text[c[0] : c[1]].split()))[2])
    return answers


def _star_clauses(code: str, sentence: str) -> tuple[str, list[tuple[int, int, str]]]:
    """`A+R: I rolled it back | and the errors stopped.`: one part per clause, ` | ` between."""
    parts = [STAR_CODES[c.strip()] for c in code.split("+")]
    pieces = sentence.split(" | ")
    if len(pieces) != len(parts):
        raise ValueError(f"{len(parts)} parts but {len(pieces)} clauses in: {sentence}")
    clauses, start = [], 0
    for piece, part in zip(pieces, parts, strict=True):
        clauses.append((start, start + len(piece), part))
        start += len(piece) + 1
    return " ".join(pieces), clauses


@dataclass
class ClassCounts:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    false_on_content: int = 0
    words: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, text: str, gold: list[tuple[int, int, str]], predicted: list[tuple[int, int, str]]) -> None:
        """Exact span-and-class matches are hits; anything else is a miss or a false alarm."""
        self.words += len(text.split())
        gold_set, pred_set = set(gold), set(predicted)
        for item in gold_set & pred_set:
            self.tp[item[2]] += 1
        for item in pred_set - gold_set:
            self.fp[item[2]] += 1
            if item[2] not in {"filled_pause", "repetition", "false_start"}:
                self.false_on_content += 1
            self.errors.append(f"false alarm {item[2]!r} @{item[0]}: {text}")
        for item in gold_set - pred_set:
            self.fn[item[2]] += 1
            self.errors.append(f"missed {item[2]!r} @{item[0]}: {text}")

    def row(self, cls: str) -> tuple[int, float, float, float]:
        tp, fp, fn = self.tp[cls], self.fp[cls], self.fn[cls]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return tp + fn, precision, recall, f1

    def classes(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))


@dataclass(frozen=True)
class RelevanceAnswer:
    """One written answer to a bank question, with a label per talking point (S, O, P or N)."""

    question: str
    text: str
    labels: tuple[str, ...]


RELEVANCE_CODES = {"S": "same words", "O": "other words", "P": "partly", "N": "not at all"}


def read_relevance_file(path: Path) -> list[RelevanceAnswer]:
    """tests/data/labels/relevance_*.toml; `P` (partly) counts as covered when scoring."""
    import tomllib

    entries = tomllib.loads(path.read_text(encoding="utf-8"))["answer"]
    out = [RelevanceAnswer(e["question"], e["text"], tuple(e["labels"])) for e in entries]
    for a in out:
        unknown = set(a.labels) - set(RELEVANCE_CODES)
        if unknown:
            raise ValueError(f"{path}: answer to {a.question} has unknown labels {sorted(unknown)}")
    return out


def read_evidence_file(path: Path) -> list[dict[str, tuple[str, ...]]]:
    """tests/data/labels/evidence_*.json: for each answer of the relevance file of the same part, in
    its order, every point labelled S, O or P with the opening words (six) of each sentence that says
    it, best first."""
    import json

    answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
    return [{point: tuple(openings) for point, openings in a["evidence"].items()} for a in answers]


def evidence_opening(sentence: str) -> str:
    """How an evidence label names a sentence: its first six words as written."""
    return " ".join(sentence.split()[:6])
