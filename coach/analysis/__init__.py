"""Analysis of one answer: fillers, repetitions, hedges, delivery, STAR structure, scores, feedback.

Built as spaCy components over en_core_web_sm (see pipeline.py); `analyze` is the one entry point
the CLI, the store and the app call.
"""

from coach.analysis.answer import ANALYSIS_VERSION, AnswerAnalysis, analyze
from coach.analysis.pipeline import load_pipeline

__all__ = ["ANALYSIS_VERSION", "AnswerAnalysis", "analyze", "load_pipeline"]
