"""The mock interview: the coach speaks the questions, listens, follows up, and reports."""

# How many questions a mock interview asks, in the words the Mock page's Questions box and
# `coach mock --questions` both say it (they held two copies of this sentence). The rules it
# states are `coach.mock.plan.plan`'s: an opener with two or more, a closer with three or more. It
# lives here rather than in plan.py so that `coach --help` does not import the question banks.
QUESTION_ORDER = (
    "The first question is always an opening one, such as “Tell me about yourself”. "
    "With three or more, the last is a closing one. Follow-up questions are extra."
)
