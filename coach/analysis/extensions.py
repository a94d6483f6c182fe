"""Custom attributes shared by the coach's spaCy components, registered once and prefixed."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc


@dataclass(frozen=True)
class Mark:
    """A stretch of tokens [start, end) that a component noticed.

    `kind` is the class a user sees ("filled_pause", "discourse_marker", "repetition",
    "false_start", "hedge", "minimizer"); `label` is the normalised words ("like", "you know").
    """

    kind: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class TokenTimes:
    """Seconds for each token, taken from the transcriber's word it falls in (None for typed text)."""

    starts: tuple[float | None, ...]
    ends: tuple[float | None, ...]
    sources: tuple[str, ...]

    def gap_before(self, i: int) -> float | None:
        """Silence between token i-1 and token i, when both have times and belong to different words."""
        if i <= 0 or i >= len(self.starts):
            return None
        start, prev_end = self.starts[i], self.ends[i - 1]
        if start is None or prev_end is None:
            return None
        return max(0.0, start - prev_end)


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory."""
    for name, default in (
        ("coach_times", None),
        ("coach_fillers", None),
        ("coach_disfluencies", None),
        ("coach_hedges", None),
        ("coach_star", None),
        ("coach_star_parts", None),  # per sentence: [(start token, end token, part), ...]
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def filler_token_set(doc: Doc) -> set[int]:
    """Indices of tokens already marked as fillers, so later rules can treat them as boundaries."""
    marks = (doc._.coach_fillers or []) + (doc._.coach_disfluencies or [])
    return {i for m in marks for i in range(m.start, m.end)}
