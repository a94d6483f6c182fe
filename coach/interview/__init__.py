"""Real interviews: who spoke when, question → answer turns, each answer analysed like practice.

`review(path, settings, ...)` in review.py is the one entry point the CLI and the app call.
"""
