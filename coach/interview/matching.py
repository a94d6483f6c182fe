"""A question as heard in an interview, matched to the closest question in the bank.

Interviewers paraphrase ("can you walk me through a project that missed its goals?") and Whisper
mishears words, so the match is by TF-IDF cosine over character 3–5-grams of the words (robust to
inflection and small transcription errors), with the words every interview question shares
("tell me about a time") weighted down by their frequency across the bank. A match below
MIN_SIMILARITY is no match: the question is offered for the personal bank instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coach.banks import Question, normalised_text

# Measured on tests/data/interviews and benchmarks/review_accuracy.py: paraphrased bank questions
# as transcribed score 0.45-0.9 against their own entry; the best unrelated entry for a question
# not in the bank scores 0.2-0.4.
MIN_SIMILARITY = 0.42
# Words that only frame a question; dropped before comparing.
_FRAME = re.compile(
    r"\b(okay|ok|so|great|thanks|thank you|next one|now|alright|all right|can you|could you|"
    r"please|i'd like you to|i would like you to|let's|start)\b"
)


@dataclass(frozen=True)
class Match:
    bank_id: str | None
    bank_text: str | None
    similarity: float
    alternatives: tuple[tuple[str, str, float], ...] = ()

    def to_dict(self) -> dict:
        return {
            "bank_id": self.bank_id,
            "bank_text": self.bank_text,
            "similarity": round(self.similarity, 3),
            "alternatives": [
                {"bank_id": i, "text": t, "similarity": round(s, 3)} for i, t, s in self.alternatives
            ],
        }


def normalise(text: str) -> str:
    """A question's words (banks.normalised_text) without punctuation or framing, for similarity."""
    text = re.sub(r"[^a-z' ]+", " ", normalised_text(text))
    return " ".join(_FRAME.sub(" ", text).split())


@functools.lru_cache(maxsize=4)
def _index(bank: tuple[tuple[str, str], ...]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    matrix = vectorizer.fit_transform([normalise(text) for _, text in bank])
    return vectorizer, matrix


def match_question(text: str, questions: Sequence[Question], *, top: int = 3) -> Match:
    """The closest bank question, or a Match with bank_id None and the nearest alternatives."""
    bank = tuple((q.id, q.text) for q in questions)
    if not bank or not text.strip():
        return Match(None, None, 0.0)
    vectorizer, matrix = _index(bank)
    sims = (matrix @ vectorizer.transform([normalise(text)]).T).toarray().ravel()
    order = np.argsort(-sims)[:top]
    alternatives = tuple((bank[i][0], bank[i][1], float(sims[i])) for i in order)
    best = int(order[0])
    if sims[best] < MIN_SIMILARITY:
        return Match(None, None, float(sims[best]), alternatives)
    return Match(bank[best][0], bank[best][1], float(sims[best]), alternatives[1:])
