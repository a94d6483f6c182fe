"""Which question to practise: recommended from weak areas and debrief gaps, random, or browsed."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coach import banks
from coach.banks import Question
from coach.config import Settings

# A first session with nothing to go on starts where most interview loops start.
STARTER_COMPETENCIES = ("motivation", "leadership", "conflict", "failure-learning", "ownership")
# A dimension scoring below this in recent attempts counts as a weak area.
WEAK_SCORE = 60
RECENT_ATTEMPTS = 10
# What a weak dimension asks to practise (as words a debrief would use; banks maps them).
DIMENSION_PRACTICE = {"structure": "structure", "fillers": "filler", "delivery": "presentation"}
# How the page names each weak area (the words above are search terms for the bank, not for people)
WEAK_AREA_LABELS = {"structure": "structure (STAR)", "filler": "fillers", "presentation": "pace and pauses"}


STARTER_REASON = (
    "Questions most interview loops open with. Answer a few and the "
    "recommendations follow your weak areas and debriefs."
)


@dataclass(frozen=True)
class Recommendation:
    questions: list[Question]
    reason: str


def weak_areas(attempts: Sequence[dict]) -> list[str]:
    """Competencies and debrief-style gap words from the lowest recent scores, weakest first."""
    recent = list(attempts)[-RECENT_ATTEMPTS:]
    means = {}
    for dim in ("structure", "fillers", "delivery", "content"):
        values = [a[f"score_{dim}"] for a in recent if a.get(f"score_{dim}") is not None]
        if values:
            means[dim] = sum(values) / len(values)
    weak = sorted((d for d, v in means.items() if v < WEAK_SCORE), key=means.__getitem__)
    return [DIMENSION_PRACTICE.get(d, "communication") for d in weak if d != "content"]


def recommended(
    questions: Sequence[Question],
    attempts: Sequence[dict],
    debrief_gaps: Sequence[str],
    n: int = 5,
    role: str | None = None,
    today: date | None = None,
) -> Recommendation:
    """Debrief skill gaps first (what real interviewers found), then weak scores, then a starter set.
    `debrief_gaps`: competencies as coach.progress.debrief_gaps orders them."""
    recent_cut = (today or date.today()) - timedelta(days=14)
    practised = {
        a["question_id"] for a in attempts if a.get("question_id") and _day(a.get("created_at")) >= recent_cut
    }
    gaps = list(debrief_gaps)
    weak = weak_areas(attempts)
    if gaps or weak:
        picks = banks.recommend(questions, gaps + weak, n=n, exclude_ids=practised, role=role)
        if picks:
            named = [banks.tag_words(g) for g in gaps[:3]]
            reason = (
                f"From your debriefs: {', '.join(named)}."
                if named
                else "Your recent answers scored lowest on "
                + " and ".join(WEAK_AREA_LABELS.get(w, w) for w in weak[:3])
                + f"; these questions give you room to work on {'them' if len(weak) > 1 else 'it'}."
            )
            return Recommendation(picks, reason)
    picks = banks.recommend(questions, list(STARTER_COMPETENCIES), n=n, exclude_ids=practised, role=role)
    return Recommendation(picks, STARTER_REASON)


def _day(created_at: str | None) -> date:
    try:
        return datetime.fromisoformat(created_at).date() if created_at else date.min
    except ValueError:
        return date.min


def pick_random(
    questions: Sequence[Question], exclude_ids: Sequence[str] = (), seed: int | None = None, **filters
) -> Question:
    return banks.random_question(
        questions, rng=random.Random(seed) if seed is not None else None, exclude_ids=exclude_ids, **filters
    )


def own_question(settings: Settings, text: str, category: str = "behavioural") -> Question:
    """A question the user typed, kept in their bank so its attempts have a history."""
    return banks.keep_question(settings.data_dir, text, category=category, owner=settings.owner)[0]
