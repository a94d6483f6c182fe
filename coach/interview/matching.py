"""The interview review's question matching: kept in `coach.question_match`, below both the banks
and the review, so `coach.banks` can use it without importing upwards."""

from coach.question_match import (  # noqa: F401  (the review's names for it)
    MIN_SIMILARITY,
    SAME_QUESTION_SIMILARITY,
    Match,
    match_question,
    normalise,
    same_question,
)
