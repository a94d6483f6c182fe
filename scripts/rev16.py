"""Rev16 transcripts (shared/data/rev16-train, CC BY-SA 4.0): read an episode, align its verbatim
and clean ("nonverbatim") versions, and mark each verbatim token the editor deleted.

A deleted "um"/"uh" is a filled pause; a deleted "like", "you know", "so", ... is a discourse marker
used as a filler; a kept one is content (the editors' convention, the gold for issue 16).
"""

from __future__ import annotations

import difflib
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

from coach.analysis.context import is_filled_pause

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("COACH_REV16_DIR", ROOT.parent / "shared" / "data" / "rev16-train"))
EPISODES = (3, 4, 11, 14, 17, 18, 20, 21, 24, 27, 29)
# Fixed once, before any model was trained, and never changed: one episode of each of the three
# big conversational shows, plus a smaller one. Never tuned on (figures are only printed).
DEV_EPISODES = (4, 18, 21)
TRAIN_EPISODES = tuple(e for e in EPISODES if e not in DEV_EPISODES)
# Words a run of deletions may hold and still be fillers only (markers, filled pauses, backchannels).
FILLER_WORDS = frozenset(
    "like so well right actually basically literally you know i mean kind of sort kinda sorta "
    "oh yeah okay mmhmm uhhuh and but".split()
)
_NORM = re.compile(r"[^a-z0-9']+")
# The data check (check_pair): a pair teaches the model only if its clean twin shows an editor's
# decisions. Filled pauses are the test, because every real verbatim/clean pair has them in the
# verbatim file and the clean style always deletes them, whatever the editor does with "like" or
# "so". On the 8 training episodes (read before the rule was written; dev figures never looked at):
# 2.3 to 15.1 filled pauses per 1,000 verbatim tokens in the conversations, sermon and trailer,
# 95-100% of them deleted from the clean twin; episode 20 (a New Yorker fiction reading) has none
# in 5,748 tokens and its two files differ only in spellings ("kettle drum", "70s"), every marker
# kept. The bounds sit in the two gaps: at least 1 filled pause per 1,000 tokens (between 0 and
# 2.3), and at least half of them deleted (a second verbatim transcript would keep them all).
MIN_FILLED_PAUSES_PER_1000 = 1.0
MIN_SHARE_DELETED = 0.5


@dataclass(frozen=True)
class Token:
    """One verbatim token as Rev wrote it, with whether the editor deleted it."""

    word: str
    speaker: str
    punctuation: str
    prepunctuation: str
    deleted: bool
    # Deleted together with words that are not fillers: part of a false start or a rephrasing
    # ("she like- is a star"), which the coach reports as such, not as a discourse-marker filler.
    in_false_start: bool = False


def data_dir() -> Path:
    """Where the episodes are; a clear error when they are not there."""
    if not (DATA / "3_verbatim.nlp").exists():
        raise FileNotFoundError(
            f"Rev16 transcripts not found in {DATA}; set COACH_REV16_DIR to the folder holding "
            "N_verbatim.nlp and N_nonverbatim.nlp."
        )
    return DATA


def read_nlp(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("|") for line in lines if line.strip()]


def normalise(word: str) -> str:
    return _NORM.sub("", word.lower().replace("’", "'"))


def episode(number: int) -> list[Token]:
    """The verbatim tokens of one episode, each marked deleted or kept by aligning with the clean twin."""
    folder = data_dir()
    verbatim = read_nlp(folder / f"{number}_verbatim.nlp")
    clean = read_nlp(folder / f"{number}_nonverbatim.nlp")
    a = [normalise(row[0]) for row in verbatim]
    b = [normalise(row[0]) for row in clean]
    kept = [False] * len(a)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            kept[block.a + k] = True
    deleted = [not kept[i] and bool(a[i]) for i in range(len(a))]
    mixed = _mixed_runs(a, deleted)
    return [
        Token(row[0], row[1], row[4], row[5], deleted=deleted[i], in_false_start=mixed[i])
        for i, row in enumerate(verbatim)
    ]


@dataclass(frozen=True)
class PairCheck:
    """Whether an episode's two files are a verbatim transcript and its clean edit."""

    episode: int
    tokens: int
    filled_pauses: int
    deleted_filled_pauses: int

    @property
    def per_1000(self) -> float:
        return 1000 * self.filled_pauses / self.tokens if self.tokens else 0.0

    @property
    def reason(self) -> str:
        """Why the pair is not a verbatim/clean pair; empty when it is."""
        if self.per_1000 < MIN_FILLED_PAUSES_PER_1000:
            return (
                f"{self.filled_pauses} filled pauses in {self.tokens:,} verbatim tokens "
                f"({self.per_1000:.1f} per 1,000, fewer than {MIN_FILLED_PAUSES_PER_1000:g}): "
                "no editor's decisions to learn from"
            )
        if self.deleted_filled_pauses < MIN_SHARE_DELETED * self.filled_pauses:
            return (
                f"the clean twin deleted only {self.deleted_filled_pauses} of {self.filled_pauses} "
                "filled pauses: not a clean edit"
            )
        return ""


def check_pair(number: int) -> PairCheck:
    """The data check, from the episode's two files alone (see MIN_FILLED_PAUSES_PER_1000)."""
    tokens = episode(number)
    pauses = [t for t in tokens if is_filled_pause(normalise(t.word))]
    return PairCheck(number, len(tokens), len(pauses), sum(t.deleted for t in pauses))


def verbatim_pairs(episodes: tuple[int, ...], report=print) -> tuple[int, ...]:
    """The episodes whose files are a verbatim/clean pair; each one left out is reported, with why."""
    kept = []
    for number in episodes:
        check = check_pair(number)
        if check.reason:
            report(f"episode {number} left out: {check.reason}")
        else:
            kept.append(number)
    return tuple(kept)


def _mixed_runs(words: list[str], deleted: list[bool]) -> list[bool]:
    """For each token: it sits in a run of deleted tokens that holds a word other than a filler."""
    out = [False] * len(words)
    i = 0
    while i < len(words):
        if not deleted[i] or not words[i]:
            i += 1
            continue
        j = i
        while j < len(words) and (deleted[j] or not words[j]):
            j += 1
        if any(w and w not in FILLER_WORDS and not is_filled_pause(w) for w in words[i:j]):
            out[i:j] = [True] * (j - i)
        i = j
    return out


def turns(tokens: list[Token], max_tokens: int = 400) -> list[list[Token]]:
    """Speaker turns, cut to at most max_tokens at a sentence end where possible (an answer's size)."""
    out: list[list[Token]] = []
    current: list[Token] = []
    for tok in tokens:
        if current and (tok.speaker != current[-1].speaker or len(current) >= max_tokens):
            out.append(current)
            current = []
        current.append(tok)
    if current:
        out.append(current)
    return out


def render(turn: list[Token], plain: bool) -> tuple[str, list[tuple[int, int]]]:
    """The turn as text and each token's character span. `plain`: lower case, no punctuation, as an
    unpunctuated Whisper run reads."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for tok in turn:
        word = tok.word.lower() if plain else tok.word
        pre = "" if plain else tok.prepunctuation
        post = "" if plain else tok.punctuation
        if parts:
            parts.append(" ")
            pos += 1
        parts.append(pre + word + post)
        start = pos + len(pre)
        spans.append((start, start + len(word)))
        pos += len(pre) + len(word) + len(post)
    return "".join(parts), spans


def rendered_turns(
    episodes: tuple[int, ...], plain_share: float, seed: int
) -> list[tuple[str, list[tuple[int, int]], list[Token]]]:
    """Every turn of the episodes as text; a `plain_share` of them (drawn with `seed`) without
    punctuation or case, so a model learns to work on unpunctuated text too."""
    rng = random.Random(seed)
    out = []
    for number in episodes:
        for turn in turns(episode(number)):
            text, spans = render(turn, plain=rng.random() < plain_share)
            out.append((text, spans, turn))
    return out
