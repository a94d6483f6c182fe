"""The transcript as HTML with fillers, repetitions and hedges marked.

Every character of transcript text is HTML-escaped before it is wrapped, so a transcript (or a
typed answer) holding markup shows as text. Marks are told apart by underline style and a
small label as well as by colour, so they read without colour vision and in print; a screen reader
hears the mark's name in words ("um (filler)"), not the letter of its label.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

# kind -> (css class, what the mark means to the user)
MARKS: dict[str, tuple[str, str]] = {
    "filler": ("cf-filler", "filler"),
    "repetition": ("cf-repeat", "repetition"),
    "hedge": ("cf-hedge", "hedge"),
}
# When marks overlap ("kind of" is a filler and a hedge), the first in this order names it.
PRIORITY = ("repetition", "filler", "hedge")

# Text kept for a screen reader that takes no room on the page (the usual "visually hidden" rule).
UNSEEN = (
    "position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; "
    "clip-path: inset(50%); white-space: nowrap; border: 0;"
)

STYLE = """
<style>
.cf-transcript { font-size: 1.05rem; line-height: 2.1; max-width: 46rem; }
.cf-transcript mark { padding: 0.05em 0.15em; border-radius: 0.2em; color: inherit; }
.cf-filler { background: #fde2c8; text-decoration: underline wavy #b45309; text-underline-offset: 0.3em; }
.cf-repeat { background: #e3dcf7; text-decoration: underline double #5b3fb5; text-underline-offset: 0.3em; }
.cf-hedge { background: #d7ecf7; text-decoration: underline dotted #1d6690; text-decoration-thickness: 2px;
            text-underline-offset: 0.3em; }
.cf-transcript sup { font-size: 0.62em; font-weight: 600; margin-left: 0.1em; opacity: 0.8; }
.cf-legend { font-size: 0.9rem; margin: 0.2rem 0 0.6rem 0; }
.cf-legend mark { margin-right: 0.9rem; padding: 0.05em 0.3em; border-radius: 0.2em; color: inherit; }
.cf-unseen { UNSEEN }
</style>
""".replace("UNSEEN", UNSEEN)
# Short labels after each mark, so the kind is readable without colour.
SUPERSCRIPT = {"filler": "F", "repetition": "R", "hedge": "H"}


def _label(kind: str) -> str:
    """The mark's letter for the eye, and its name in words for a screen reader (which would read
    the letter alone as "F"); the words take no room on the page."""
    letter, name = SUPERSCRIPT[kind], MARKS[kind][1]
    return f'<sup aria-hidden="true">{letter}</sup><span class="cf-unseen"> ({name})</span>'


def spans_by_kind(analysis: dict) -> dict[str, list[tuple[int, int]]]:
    """Character spans of each mark kind; a repetition counted among fillers is a repetition."""
    repetitions = [(r["start_char"], r["end_char"]) for r in analysis.get("repetitions") or []]
    fillers = [
        (f["start_char"], f["end_char"])
        for f in analysis.get("fillers") or []
        if f.get("kind") != "repetition" and (f["start_char"], f["end_char"]) not in repetitions
    ]
    hedges = [(h["start_char"], h["end_char"]) for h in analysis.get("hedges") or []]
    return {"filler": fillers, "repetition": repetitions, "hedge": hedges}


def _segments(text: str, spans: dict[str, list[tuple[int, int]]]) -> Iterable[tuple[str, str | None]]:
    """Cut the text at every span edge; each piece carries the kind that names it (or None)."""
    cuts = {0, len(text)}
    for kind_spans in spans.values():
        for start, end in kind_spans:
            cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    edges = sorted(cuts)
    for start, end in zip(edges, edges[1:], strict=False):
        if start == end:
            continue
        kinds = [k for k in PRIORITY if any(s <= start and end <= e for s, e in spans.get(k, []))]
        yield text[start:end], (kinds[0] if kinds else None)


def highlight_html(analysis: dict) -> str:
    """The analysed transcript as escaped HTML with <mark> around each filler, repetition, hedge."""
    text = analysis.get("transcript") or ""
    spans = spans_by_kind(analysis)
    parts: list[str] = []
    pieces = list(_segments(text, spans))
    for i, (piece, kind) in enumerate(pieces):
        escaped = html.escape(piece)
        if kind is None:
            parts.append(escaped)
            continue
        css, meaning = MARKS[kind]
        following = pieces[i + 1][1] if i + 1 < len(pieces) else None
        label = _label(kind) if following != kind else ""
        parts.append(f'<mark class="{css}" title="{meaning}">{escaped}{label}</mark>')
    return STYLE + '<div class="cf-transcript">' + "".join(parts) + "</div>"


def plain_transcript_html(analysis: dict) -> str:
    """The transcript as escaped HTML with no marks: for an answer the quality gate stopped
    (`scores` null), whose fillers, repetitions and hedges were not measured either, so none is
    shown (the words are the user's and are kept)."""
    return STYLE + '<div class="cf-transcript">' + html.escape(analysis.get("transcript") or "") + "</div>"


# The legend of an answer with no mark, said once ("0 fillers 0 repetitions 0 hedges" read as a tally).
NOTHING_MARKED = "Nothing marked: no fillers, repetitions or hedges."


def legend_html(analysis: dict) -> str:
    """What each mark in this answer means, with how many it has: only the kinds marked in it, or
    NOTHING_MARKED."""
    spans = spans_by_kind(analysis)
    items = []
    for kind in ("filler", "repetition", "hedge"):
        count = len(spans[kind])
        if not count:
            continue
        css, meaning = MARKS[kind]
        plural = "" if count == 1 else "s"
        letter = f'<sup aria-hidden="true">{SUPERSCRIPT[kind]}</sup>'  # "5 fillers" says it already
        items.append(f'<mark class="{css}">{count} {meaning}{plural}{letter}</mark>')
    return STYLE + '<div class="cf-legend">' + ("".join(items) or NOTHING_MARKED) + "</div>"


def unspoken_icon(name: str) -> str:
    """A Material icon for the eye only, in markdown drawn with unsafe_allow_html: Streamlit names an
    icon in markdown by its key, which a screen reader read out before the words that say the same
    ("check_circle icon, Their product, heard at 0:13"; "help icon" beside a point not heard)."""
    return f'<span aria-hidden="true">:material/{name}:</span>'


# Markdown's own syntax, backslash-escaped so pasted text cannot become a link, an image (a request
# to another machine), a directive such as :red[...] or LaTeX. '&', ';', '<' and '>' are left to
# html.escape, which does not produce '#', so its entities survive.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$\"'=])")


# The page's markdown also makes a link of a bare web or mail address ("http://…", "www.…",
# "name@host"), found in each run of text after escapes are read, so a backslash cannot stop it.
# An empty :small[] (Streamlit's smaller-text directive, drawn as an empty <span>, in labels too)
# inside the address cuts that run in two, so no link is found, and it adds no character: what a
# reader copies is what was typed (a zero-width space there was copied along, and broke the
# address or question pasted elsewhere).
_BARE_ADDRESS = re.compile(r"(?<=https)(?=://)|(?<=http)(?=://)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
NO_LINK = ":small[]"


def escape(text: object) -> str:
    """Any user text (question, company, note) made safe for st.markdown: no HTML, no markdown."""
    pieces = _BARE_ADDRESS.split(str(text if text is not None else ""))
    return NO_LINK.join(html.escape(_MARKDOWN.sub(r"\\\1", piece), quote=False) for piece in pieces)


def as_code(text: object) -> str:
    """Text shown exactly as written, in a markdown code span: an identifier a person may copy (the
    signed-in address). The page's markdown makes no link, image, directive or HTML of a code
    span, so here nothing is added, not even escape()'s NO_LINK. The fence is longer than any run
    of backticks in it."""
    text = str(text if text is not None else "")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# What lets a sentence fetch, link or run something: an image or link needs '[' and ']', a directive
# such as :red[...] needs '[', HTML needs '<'; a '{' right after NO_LINK would be read as its
# attributes and vanish. Ordinary punctuation is left as written.
_LINKS = re.compile(r"([\\\[\]{])")


def escape_sentence(text: object) -> str:
    """A sentence of the coach's that may quote the user's words or a file's name (an error, a
    feedback point) made safe for st.markdown: it shows as written and can hold no image, link,
    directive or HTML; unlike escape() its punctuation stays readable in the page's source."""
    pieces = _BARE_ADDRESS.split(str(text if text is not None else ""))
    return NO_LINK.join(html.escape(_LINKS.sub(r"\\\1", piece), quote=False) for piece in pieces)
