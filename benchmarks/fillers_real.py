"""Fillers on real conversation: the Rev16 dev episodes (scripts/rev16.py), editors' deletions as gold.

    .venv/bin/python benchmarks/fillers_real.py [--episodes dev|train] [--errors N]

A marker or "um"/"uh" the editor deleted from the clean transcript is a filler, a kept one is
content (issue 16). Each turn is scored twice: as Rev punctuated it, and plain (lower case, no
punctuation, as an unpunctuated Whisper run reads). Four detectors side by side: the learned
model (what `coach analyze` uses: with each marker's contextual vector from all-MiniLM-L6-v2 when
that is installed), the same model without the vectors ("words+parse", the fallback), the
hand-written rules, and the naive rule "every um, uh, like and you know is a filler". "kind of" /
"sort of" are reported as hedges by design, never as fillers: they are listed, but left out of
"all markers" and of the filler rate.
The dev episodes were fixed before training and nothing was tuned on them.
"""

from __future__ import annotations

import argparse
import bisect
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analysis import filler_model, load_pipeline  # noqa: E402
from coach.analysis.context import is_filled_pause  # noqa: E402
from coach.analysis.fillers import decision_model, find_fillers, find_fillers_by_rules  # noqa: E402
from coach.analysis.pipeline import make_doc  # noqa: E402
from coach.types import Transcript  # noqa: E402
from scripts import rev16  # noqa: E402

SINGLE = ("like", "so", "well", "right", "actually", "basically", "literally")
PAIRS = {
    ("you", "know"): "you know",
    ("i", "mean"): "i mean",
    ("kind", "of"): "kind of",
    ("sort", "of"): "sort of",
}
HEDGE_CLASSES = frozenset({"kind of", "sort of"})
CLASSES = ("filled_pause", "like", "you know", "so", "right", "well", "i mean", "actually", "basically")
CLASSES += ("literally", "kind of", "sort of")
METHODS = ("model", "words+parse", "old rules", "naive")
STRETCH_WORDS = 200


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    false_on_content: int = 0
    rate_errors: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def prf(self, classes) -> tuple[int, float, float, float]:
        tp, fp, fn = (sum(c[k] for k in classes) for c in (self.tp, self.fp, self.fn))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return tp + fn, p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_events(tokens: list[rev16.Token]) -> dict[int, tuple[str, bool]]:
    """Rev token index → (class, deleted by the editor) for every filled pause and marker."""
    words = [rev16.normalise(t.word) for t in tokens]
    events: dict[int, tuple[str, bool]] = {}
    i = 0
    while i < len(words):
        pair = PAIRS.get((words[i], words[i + 1] if i + 1 < len(words) else ""))
        if pair:
            events[i] = (pair, tokens[i].deleted and tokens[i + 1].deleted)
            i += 2
            continue
        if is_filled_pause(words[i]):
            events[i] = ("filled_pause", tokens[i].deleted)
        elif words[i] in SINGLE:
            events[i] = (words[i], tokens[i].deleted)
        i += 1
    return events


def predictions(doc, marks, spans) -> dict[int, str]:
    """Rev token index → class for each filler mark (its first token)."""
    starts = [s for s, _ in spans]
    out = {}
    for m in marks:
        if m.kind in {"filled_pause", "discourse_marker"}:
            label = "filled_pause" if m.kind == "filled_pause" else m.label
            label = {"kinda": "kind of", "sorta": "sort of", "y'know": "you know"}.get(label, label)
            out[bisect.bisect_right(starts, doc[m.start].idx) - 1] = label
    return out


def naive(doc, spans) -> dict[int, str]:
    starts = [s for s, _ in spans]
    out = {}
    for k, tok in enumerate(doc):
        word, nxt = tok.lower_, doc[k + 1].lower_ if k + 1 < len(doc) else ""
        label = "filled_pause" if is_filled_pause(word) else "like" if word == "like" else ""
        label = "you know" if (word, nxt) == ("you", "know") else label
        if label:
            out[bisect.bisect_right(starts, tok.idx) - 1] = label
    return out


def score_episode(tokens, said: dict[int, str], scores: Scores, text_of) -> None:
    gold = gold_events(tokens)
    for k, (cls, deleted) in gold.items():
        hit = said.get(k) == cls
        if deleted:
            scores.tp[cls] += hit
            scores.fn[cls] += not hit
            if not hit:
                scores.errors.append(f"missed {cls!r}: {text_of(k)}")
    for k, cls in said.items():
        if gold.get(k, ("", False)) != (cls, True):
            scores.fp[cls] += 1
            if not tokens[k].deleted:
                scores.false_on_content += 1
            scores.errors.append(f"false {cls!r}: {text_of(k)}")
    counted = {k for k, (cls, deleted) in gold.items() if deleted and cls not in HEDGE_CLASSES}
    found = {k for k, cls in said.items() if cls not in HEDGE_CLASSES}
    for start in range(0, len(tokens) - STRETCH_WORDS + 1, STRETCH_WORDS):
        inside = range(start, start + STRETCH_WORDS)
        gap = sum(k in found for k in inside) - sum(k in counted for k in inside)
        scores.rate_errors.append(abs(gap) * 100 / STRETCH_WORDS)


def evaluate(episodes: tuple[int, ...], plain: bool) -> tuple[dict[str, Scores], int]:
    nlp = load_pipeline()
    plain_model = filler_model.load()
    scores = {m: Scores() for m in METHODS}
    n_tokens = 0
    for number in episodes:
        tokens = rev16.episode(number)
        said: dict[str, dict[int, str]] = {m: {} for m in METHODS}
        offset = 0
        for turn in rev16.turns(tokens):
            text, spans = rev16.render(turn, plain=plain)
            doc = nlp(make_doc(nlp, Transcript.from_text(text)))
            for method, found in (
                ("model", predictions(doc, doc._.coach_fillers, spans)),
                ("words+parse", predictions(doc, find_fillers(doc, plain_model), spans)),
                ("old rules", predictions(doc, find_fillers_by_rules(doc), spans)),
                ("naive", naive(doc, spans)),
            ):
                said[method].update({offset + k: cls for k, cls in found.items()})
            offset += len(turn)

        def text_of(k: int, tokens=tokens, number=number) -> str:
            return " ".join(t.word for t in tokens[max(0, k - 8) : k + 8]) + f"   [ep {number}]"

        for method in METHODS:
            score_episode(tokens, said[method], scores[method], text_of)
        n_tokens += len(tokens)
    return scores, n_tokens


def report(scores: dict[str, Scores], n_tokens: int, title: str) -> None:
    print(f"\n{title}: {n_tokens:,} tokens")
    print(f"{'class':<14}{'gold':>6}" + "".join(f"{m + ' P/R/F1':>22}" for m in METHODS))
    markers = [c for c in CLASSES if c != "filled_pause" and c not in HEDGE_CLASSES]
    rows = [(c, [c]) for c in CLASSES] + [("all markers", markers)]
    for name, classes in rows:
        n = scores["model"].prf(classes)[0]
        cells = "".join(f"{_prf(s.prf(classes)):>22}" for s in scores.values())
        print(f"{name:<14}{n:>6}{cells}")
    print(
        "false fillers on content words per 1,000 tokens: "
        + ", ".join(f"{m} {1000 * s.false_on_content / n_tokens:.2f}" for m, s in scores.items())
    )
    print(
        f"filler-rate error per 100 words over {STRETCH_WORDS}-word stretches (mean |error|): "
        + ", ".join(f"{m} {sum(s.rate_errors) / len(s.rate_errors):.2f}" for m, s in scores.items())
    )


def _prf(row: tuple[int, float, float, float]) -> str:
    return " / ".join(f"{x:.2f}" for x in row[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", choices=["dev", "train"], default="dev")
    parser.add_argument("--errors", type=int, default=0, help="print this many of the model's errors")
    args = parser.parse_args()
    episodes = rev16.DEV_EPISODES if args.episodes == "dev" else rev16.TRAIN_EPISODES
    load_pipeline()
    started = time.perf_counter()
    model = decision_model()
    kind = "with contextual vectors" if model.vector_weights is not None else "words and parse only"
    print(f"Filler model: {kind}, loaded in {time.perf_counter() - started:.1f} s")
    for plain in (False, True):
        scores, n_tokens = evaluate(episodes, plain)
        style = "plain (no punctuation, lower case)" if plain else "as transcribed (punctuated)"
        report(scores, n_tokens, f"Episodes {episodes}, {style}")
        for line in scores["model"].errors[: args.errors]:
            print("  " + line)
    from benchmarks.analysis_accuracy import words_per_second

    wps, seconds = words_per_second()
    print(f"\nSpeed: 9,000-word timed transcript analysed in {seconds:.2f} s = {wps:,.0f} words/s")


if __name__ == "__main__":
    main()
