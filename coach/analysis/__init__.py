"""Analysis of one answer: fillers, repetitions, hedges, delivery, STAR structure, scores, feedback.

Built as spaCy components over en_core_web_sm (see pipeline.py); `analyze` is the one entry point
the CLI, the store and the app call.

The names below load on first use: importing a light module of this package (wording, quality)
does not load spaCy and torch (2-3 s), so a page that only words a count opens at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.analysis.answer import ANALYSIS_VERSION, AnswerAnalysis, analyze
    from coach.analysis.pipeline import load_pipeline

__all__ = ["ANALYSIS_VERSION", "AnswerAnalysis", "analyze", "load_pipeline"]
_FROM = {
    "ANALYSIS_VERSION": "coach.analysis.answer",
    "AnswerAnalysis": "coach.analysis.answer",
    "analyze": "coach.analysis.answer",
    "load_pipeline": "coach.analysis.pipeline",
}


def __getattr__(name: str):
    if name in _FROM:
        import importlib

        return getattr(importlib.import_module(_FROM[name]), name)
    raise AttributeError(f"module 'coach.analysis' has no attribute {name!r}")
