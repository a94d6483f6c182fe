"""The hand-labelled texts in tests/data/labels as regression tests.

Since issue 16 the discourse markers are decided by a model trained on Rev16's editors, whose
convention differs from these labels in places (tests/data/labels/README.md, "Issue 16"): only
what both agree on is held to a figure here. Accuracy on real conversation is measured by
benchmarks/fillers_real.py and tests/test_filler_model.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.analysis import analyze, load_pipeline
from coach.analysis.evaluation import SPELLINGS, ClassCounts, filler_class, read_filler_file, read_star_file
from coach.analysis.pipeline import make_doc
from coach.types import Transcript

LABELS = Path(__file__).parent / "data" / "labels"
# Quotative "like" ("she was like, why"): a filler in these labels, content for Rev16's editors
# (97 kept, 23 deleted in the training episodes). Left out of the "like" figure here.
QUOTATIVE = re.compile(r"\b(?:was|were|is|are|'s|'re|'m|am)\s+\[like\],", re.IGNORECASE)
FILLER_FILES = sorted(LABELS.glob("fillers_*.txt"))
STAR_FILES = sorted(LABELS.glob("star_*.txt"))


@pytest.fixture(scope="module")
def filler_counts() -> ClassCounts:
    counts = ClassCounts()
    for path in FILLER_FILES:
        for ex in read_filler_file(path):
            if QUOTATIVE.search(_raw_line(ex)):
                continue
            result = analyze(Transcript.from_text(ex.text))
            predicted = []
            for f in result.fillers:
                words = " ".join(f["text"].lower().split())
                predicted.append(
                    (f["start_char"], f["end_char"], filler_class(f["kind"], SPELLINGS.get(words, words)))
                )
            gold = [(g.start_char, g.end_char, filler_class(g.kind, g.label)) for g in ex.fillers]
            counts.add(ex.text, gold, predicted)
    return counts


def _raw_line(ex) -> str:
    """The labelled line back with brackets round its fillers, to find the quotative pattern."""
    text = ex.text
    for g in sorted(ex.fillers, key=lambda g: g.start_char, reverse=True):
        text = f"{text[: g.start_char]}[{text[g.start_char : g.end_char]}]{text[g.end_char :]}"
    return text


def test_there_are_enough_labels():
    assert sum(len(read_filler_file(p)) for p in FILLER_FILES) >= 300
    assert sum(len(read_star_file(p)) for p in STAR_FILES) >= 40


def test_filled_pauses_precision_and_recall(filler_counts):
    _, precision, recall, _ = filler_counts.row("filled_pause")
    assert precision >= 0.95 and recall >= 0.95


def test_like_filler_f1(filler_counts):
    # A floor, not the target: these sentences are interview answers, not the podcasts the model
    # learned from; measured 0.82 with the contextual vectors (0.75 without them; the old rules,
    # tuned on these labels: 0.99).
    assert filler_counts.row("like")[3] >= 0.78


def test_false_fillers_on_content_words_per_thousand(filler_counts):
    # Was <= 3 under the old rules; measured 4.0 when the model shipped and 2.8 with the contextual
    # vectors (it still calls some prepositional "like"s fillers): a floor with room for a flip or two.
    assert 1000 * filler_counts.false_on_content / filler_counts.words <= 3.5


def test_star_sentence_accuracy():
    nlp = load_pipeline()
    right = total = 0
    for path in STAR_FILES:
        for answer in read_star_file(path):
            doc = make_doc(nlp, Transcript.from_text(" ".join(answer.sentences)))
            k = 0
            for sentence in answer.sentences:
                n = len(nlp.make_doc(sentence))
                for j in range(n):
                    doc[k + j].is_sent_start = j == 0
                k += n
            doc = nlp(doc)
            right += sum(g == p for g, p in zip(answer.parts, doc._.coach_star, strict=True))
            total += len(answer.parts)
    assert right / total >= 0.80
