"""A review run by a page that the user leaves (another page, a click that reruns this one):
Streamlit starts the next page at once and stops the old run only at its next Streamlit call, so
for a moment both run. The next page waits for that old run to end, so the recording it kept is
listed as stopped (and offered to finish) instead of being taken for a review still running."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

RUNNING_KEY = "review_running"
# The old run ends at its next Streamlit call (`yielding`, at most every half second): seconds, not
# minutes; past this the page goes on rather than hang on a run that cannot end.
WAIT_S = 20.0


@contextmanager
def running() -> Iterator[None]:
    """Around a review run by a page: its end is marked in the session, however it ends. The mark is
    an event the run sets with no Streamlit call: in a run being stopped every Streamlit call raises
    again, session state's own, so a run that took itself off the session as it ended never did when
    stopped, and the next page waited all of WAIT_S (Progress blank for 20 s after leaving Review)."""
    ended = threading.Event()
    st.session_state[RUNNING_KEY] = ended
    try:
        yield
    finally:
        ended.set()


def after_a_stopped_run() -> None:
    """Wait for this session's review that is being stopped (the page was left while it ran)."""
    ended = st.session_state.pop(RUNNING_KEY, None)
    if isinstance(ended, threading.Event):
        ended.wait(WAIT_S)


def yielding(touch: Callable[[], None], every_s: float = 0.5) -> Callable[[], bool]:
    """A review's cancel check that never cancels but makes a Streamlit call (`touch`, redrawing
    the progress bar) at most every `every_s`: where Streamlit stops the run of a page left while
    the long transcription runs, rather than at the next chunk's progress, a minute of audio later."""
    last = [0.0]

    def check() -> bool:
        now = time.monotonic()
        if now - last[0] >= every_s:
            last[0] = now
            touch()
        return False

    return check
