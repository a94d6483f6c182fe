"""The time left of a transcription, from this run's own pace.

Whisper decodes 30 s of audio at a time and its words come a window at once: many progress reports
together, then a pause while the next window is decoded. Reports closer together than `BURST_S` came
from one window. Measured on the 2:49 news clip (tests/data/real_speech/news.wav, tiny.en, one
thread): reports of one window 0.1-0.2 ms apart, windows 0.5-0.8 s apart on this 2-core machine
when idle. The 0.2 s this once was would take a faster CPU's windows (tiny.en is small) for one
window's reports and never say a time left; 0.05 s is still hundreds of times a window's own gaps."""

from __future__ import annotations

import time

BURST_S = 0.05  # reports closer together than this came from one window
# A pace taken over less time than this is not said: a window's reports split by the scheduler
# (the machine busy) would give "0:00 left" from a few hundredths of a second.
MIN_SPAN_S = 0.25


class TimeLeft:
    """Seconds left, said only once there is a pace: taken between the ends of two windows' reports
    (each ends a burst: the next report comes after a pause), so nothing is said before the third
    window; a one-minute answer (two windows) says none. tqdm's own estimate, timed from the first
    report, said "00:00" left of 22 s on the news clip (19% done after the first window, 0 s elapsed
    by its clock)."""

    def __init__(self, clock=time.monotonic, *, since: tuple[float, float] | None = None) -> None:
        """`since`: (when, how far) the work began, to take the pace from there rather than from the
        end of the first window's reports: a review's bar covers more than the words (the voices,
        the answers heard again), and its first window's time counts."""
        self._clock = clock
        # the end of the first window's reports, or where the work began
        self.first: tuple[float, float] | None = since
        self.ended: tuple[float, float] | None = None  # the end of the latest window's, once a second
        self.last: tuple[float, float] | None = None  # the latest report: (when, how far)

    def seconds(self, done: float, end: float) -> float | None:
        """Seconds left until `done` reaches `end`, or None while the pace is not known."""
        now = self._clock()
        if self.last is not None and now - self.last[0] >= BURST_S:  # a new window's reports
            if self.first is None:
                self.first = self.last
            else:
                self.ended = self.last
        self.last = (now, done)
        if self.first is None or self.ended is None or self.ended[1] <= self.first[1]:
            return None
        if self.ended[0] - self.first[0] < MIN_SPAN_S:
            return None
        per_unit = (self.ended[0] - self.first[0]) / (self.ended[1] - self.first[1])
        return max(0.0, (end - done) * per_unit)
