"""Scoring filled-pause detection against marked fillers (the benchmarks and tests use it).

A found filler matches a marked one when their spans overlap once each is widened by
TOLERANCE_S (Whisper stamps the fillers it keeps late and short), one to one, each found filler
taking the unused mark it overlaps most.
"""

from __future__ import annotations

from collections.abc import Sequence

from coach.filled_pause import is_filled_pause
from coach.types import Transcript

TOLERANCE_S = 0.2


def fillers_in(transcript: Transcript) -> list[tuple[float, float, str]]:
    """(start, end, text) of every filler in a transcript: written by Whisper or heard."""
    return [
        (w.start_s, w.end_s, w.text)
        for w in transcript.words
        if is_filled_pause(w.text) or w.source == "acoustic"
    ]


def score(
    found: Sequence[tuple[float, float, str]], marked: Sequence[dict], unsure: Sequence[dict] = ()
) -> dict:
    """Hits, false alarms and misses of `found` against `marked` ({"start_s", "end_s", "text"}).

    Found fillers near an `unsure` span count neither way; `named` counts the hits that say
    the marked "uh" or "um".
    """
    truth = [(m["start_s"], m["end_s"]) for m in marked]
    doubtful = [(u["start_s"], u["end_s"]) for u in unsure]
    used: set[int] = set()
    false_alarms, named = [], 0
    for start, end, text in found:
        span = (start, end)
        near = [k for k, t in enumerate(truth) if k not in used and _near(span, t)]
        if near:
            k = max(near, key=lambda k: min(end, truth[k][1]) - max(start, truth[k][0]))
            used.add(k)
            named += plain(text) == marked[k]["text"]
        elif not any(_near(span, u) for u in doubtful):
            false_alarms.append(span)
    return {
        "truth": len(truth),
        "hits": len(used),
        "named": named,
        "false_alarms": false_alarms,
        "misses": [t for k, t in enumerate(truth) if k not in used],
    }


def plain(text: str) -> str:
    """ "Um," -> "um", "uhh" -> "uh": the spelling the marks use."""
    word = text.strip(".,?!…-").lower()
    return "um" if word.endswith("m") else "uh"


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] + TOLERANCE_S and a[1] > b[0] - TOLERANCE_S
