"""The mock interview: the coach speaks the questions, listens, follows up, and reports."""
