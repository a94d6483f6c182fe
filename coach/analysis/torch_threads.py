"""Torch on one thread for a short piece of work, then the process's thread count put back.

A torch thread count is the process's: set_num_threads changes it for every thread started later
(Streamlit runs each rerun of a page on a new thread). The talking-points model and the filler
detector's contextual vectors each saved it, set 1 and put it back under their own locks, so two
sessions could interleave: one saved the other's 1 and put it back last, and every later session
ran torch on one thread (tests/test_relevance.py). One lock for both keeps each save and restore
whole.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

_ONE_AT_A_TIME = threading.Lock()


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """Run the block on one torch thread; no other block of this kind runs meanwhile."""
    import torch

    with _ONE_AT_A_TIME:
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            yield
        finally:
            torch.set_num_threads(threads)
