"""Accuracy and speed of coach.analysis on the hand-labelled texts in tests/data/labels.

Prints precision, recall and F1 per filler class, false fillers per 1,000 words, STAR sentence
accuracy, a naive baseline for each, and words per second on a one-hour-sized transcript.

    .venv/bin/python benchmarks/analysis_accuracy.py [--split dev|heldout|fresh|all] [--errors]

`fresh` is an independent held-out set written without seeing the rules; `all` is dev + heldout.
`mixed` is STAR only: sentences that join two parts, labelled per clause (tests/data/labels/README.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analysis import analyze, load_pipeline  # noqa: E402
from coach.analysis.evaluation import (  # noqa: E402
    SPELLINGS,
    ClassCounts,
    filler_class,
    read_filler_file,
    read_star_file,
)
from coach.analysis.fillers import decision_model  # noqa: E402
from coach.analysis.pipeline import make_doc  # noqa: E402
from coach.types import Transcript, Word  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labels"
CONTENT_CLASSES = (
    "like",
    "so",
    "you know",
    "i mean",
    "kind of",
    "sort of",
    "right",
    "well",
    "actually",
    "basically",
    "literally",
)


def filler_counts(split: str) -> tuple[ClassCounts, ClassCounts, int]:
    counts, naive = ClassCounts(), ClassCounts()
    examples = []
    for name in _files("fillers", split):
        examples += read_filler_file(name)
    for ex in examples:
        result = analyze(Transcript.from_text(ex.text))
        predicted = [(f["start_char"], f["end_char"], _class(f)) for f in result.fillers]
        gold = [(g.start_char, g.end_char, filler_class(g.kind, g.label)) for g in ex.fillers]
        counts.add(ex.text, gold, predicted)
        naive.add(ex.text, [g for g in gold if g[2] == "like"], _every_like(ex.text))
    return counts, naive, len(examples)


def _class(filler: dict) -> str:
    words = " ".join(filler["text"].lower().split())
    return filler_class(filler["kind"], SPELLINGS.get(words, words))


def _every_like(text: str) -> list[tuple[int, int, str]]:
    doc = load_pipeline().make_doc(text)
    return [(t.idx, t.idx + 4, "like") for t in doc if t.lower_ == "like"]


def star_accuracy(split: str) -> tuple[int, int, int, Counter, Counter]:
    """Sentences labelled right by the pipeline and by the 'I → action, else situation' baseline.

    A sentence's prediction is the part of its longest clause (the sentence's `star`). The last
    item counts gold clauses and words labelled right: a gold clause's prediction is the part
    given to most of its words."""
    nlp = load_pipeline()
    right = naive_right = total = 0
    confusion: Counter = Counter()
    clauses: Counter = Counter()
    for name in _files("star", split):
        for answer in read_star_file(name):
            text = " ".join(answer.sentences)
            doc = make_doc(nlp, Transcript.from_text(text))
            k = 0
            for sentence in answer.sentences:  # the gold sentence boundaries, as the parser would see them
                for j, token in enumerate(doc[k : k + len(nlp.make_doc(sentence))]):
                    token.is_sent_start = j == 0
                k += len(nlp.make_doc(sentence))
            doc = nlp(doc)
            rows = zip(answer.parts, doc._.coach_star, answer.sentences, strict=True)
            for gold, predicted, sentence in rows:
                total += 1
                right += gold == predicted
                naive = "action" if " i " in f" {sentence.lower()} " else "situation"
                naive_right += gold == naive
                confusion[(gold, predicted)] += 1
            _count_clauses(doc, answer, clauses)
    return right, naive_right, total, confusion, clauses


def _count_clauses(doc, answer, counts: Counter) -> None:
    """Per gold clause: right when most of its words carry its part; words right one by one."""
    labels = [""] * len(doc)
    by_sentence = getattr(doc._, "coach_star_parts", None) or [
        [(s.start, s.end, label)] for s, label in zip(doc.sents, doc._.coach_star, strict=True)
    ]  # before clause labelling: the sentence's part for all its words
    for sentence_clauses in by_sentence:
        for start, end, part in sentence_clauses:
            labels[start:end] = [part] * (end - start)
    offset = 0
    for sentence, gold_clauses in zip(answer.sentences, answer.clauses, strict=True):
        for start, end, gold in gold_clauses:
            said = [
                labels[t.i]
                for t in doc
                if offset + start <= t.idx < offset + end and not (t.is_punct or t.is_space)
            ]
            counts["clauses"] += 1
            counts["clauses_right"] += bool(said) and Counter(said).most_common(1)[0][0] == gold
            counts["words"] += len(said)
            counts["words_right"] += sum(label == gold for label in said)
            counts["mixed_clauses"] += len(gold_clauses) > 1
            counts["mixed_right"] += (
                len(gold_clauses) > 1 and bool(said) and (Counter(said).most_common(1)[0][0] == gold)
            )
        offset += len(sentence) + 1


def words_per_second(n_words: int = 9000) -> tuple[float, float]:
    """A one-hour answer (~9,000 words at 150 wpm) built from the labelled sentences, with timings."""
    lines = [ex.text for name in _files("fillers", "all") for ex in read_filler_file(name)]
    text_words: list[str] = []
    while len(text_words) < n_words:
        for line in lines:
            text_words += line.split()
    text_words = text_words[:n_words]
    words = [Word(w, 0.4 * i, 0.4 * i + 0.3) for i, w in enumerate(text_words)]
    transcript = Transcript.from_words(words, duration_s=0.4 * n_words)
    load_pipeline()
    decision_model()  # the fillers' transformer, loaded once ahead of the first answer as the app does
    start = time.perf_counter()
    analyze(transcript)
    seconds = time.perf_counter() - start
    return n_words / seconds, seconds


def _files(kind: str, split: str) -> list[Path]:
    splits = ["dev", "heldout"] if split == "all" else [split]
    return [LABELS / f"{kind}_{s}.txt" for s in splits if (LABELS / f"{kind}_{s}.txt").exists()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout", "fresh", "mixed", "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--star-only", action="store_true", help="only the STAR figures")
    args = parser.parse_args()
    if not args.star_only and args.split != "mixed":
        fillers_and_speed(args.split, args.errors)
    star(args.split)


def fillers_and_speed(split: str, errors: bool) -> None:
    counts, naive, n_lines = filler_counts(split)
    print(f"Fillers: {n_lines} labelled lines, {counts.words} words ({split})")
    print(f"{'class':<14}{'gold':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for cls in counts.classes():
        n, p, r, f1 = counts.row(cls)
        print(f"{cls:<14}{n:>6}{p:>7.2f}{r:>7.2f}{f1:>7.2f}")
    all_markers = ClassCounts()
    for cls in CONTENT_CLASSES:
        all_markers.tp["markers"] += counts.tp[cls]
        all_markers.fp["markers"] += counts.fp[cls]
        all_markers.fn["markers"] += counts.fn[cls]
    n, p, r, f1 = all_markers.row("markers")
    print(f"{'all markers':<14}{n:>6}{p:>7.2f}{r:>7.2f}{f1:>7.2f}")
    n, p, r, f1 = naive.row("like")
    print(f"{'baseline: every like is a filler':<34} P {p:.2f}  R {r:.2f}  F1 {f1:.2f}")
    per_1000 = 1000.0 * counts.false_on_content / counts.words
    print(f"false fillers on content words: {counts.false_on_content} = {per_1000:.1f} per 1,000 words")

    wps, seconds = words_per_second()
    print(f"\nSpeed: 9,000-word timed transcript analysed in {seconds:.2f} s = {wps:,.0f} words/s")
    if errors:
        print("\n" + "\n".join(counts.errors))


def star(split: str) -> None:
    right, naive_right, total, confusion, clauses = star_accuracy(split)
    print(
        f"\nSTAR: {total} sentences; accuracy {right / total:.3f} ({right}/{total}; "
        f"baseline 'I → action, else situation' {naive_right / total:.2f})"
    )
    print(
        f"STAR per gold clause: {clauses['clauses_right']}/{clauses['clauses']} = "
        f"{clauses['clauses_right'] / clauses['clauses']:.3f}; clauses of two-part sentences "
        f"{clauses['mixed_right']}/{clauses['mixed_clauses']}; words "
        f"{clauses['words_right'] / clauses['words']:.3f}"
    )
    parts = ["situation", "task", "action", "result", "other"]
    print("gold \\ predicted " + " ".join(f"{p[:4]:>5}" for p in parts))
    for gold in parts:
        print(f"{gold:<17}" + " ".join(f"{confusion[(gold, p)]:>5}" for p in parts))


if __name__ == "__main__":
    main()
