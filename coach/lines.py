"""Text made to fit a line, for the pages and the terminal alike."""

from __future__ import annotations

# What a cut line never ends on before its "…": a space, a comma, a dash, or a full stop ("see
# schedule 2.…" read as a stutter of marks).
CUT_TRIMMED = " ,;:.-–—·"


def shortened(text: str, most: int) -> str:
    """Text on one line, cut at a word with "…" when longer than `most` characters."""
    line = " ".join(text.split())
    if len(line) <= most:
        return line
    cut = line[: most - 1]
    if line[most - 1] != " " and " " in cut:  # a word cut in two: left out
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(CUT_TRIMMED) + "…"
