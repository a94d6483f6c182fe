"""Experiment: do speaker-level features help the discourse-marker filler model?

    .venv/bin/python scripts/fillers_speaker.py [--cache /tmp/fillers_speaker.npz]

People who use "like" (or "so", "I mean") as a filler do it often; how densely the speaker uses a
marker is a prior on each occurrence. Computed without labels, from the text the model would see,
leaving the occurrence itself out: the speaker's rate of this marker and of all markers per 100
words, and for "like" the share of the speaker's other "like"s after a form of "be" or a verb of
saying ("was like", quotative). Measured over a window of the speaker's own words: the whole
episode (a review of one candidate's answers), or the consecutive chunk of N words holding the
marker (a practice answer: the app sees about 100-300 words). Binned, crossed with the marker, and
added to the logistic regression of scripts/train_fillers.py (with the layer-3 contextual vector).

Leave-one-episode-out cross-validation on the 8 Rev16 training episodes only (dev never read):
pooled F1 over all markers and per marker with thresholds chosen as train_fillers.py chooses them,
the spread of all-marker F1 over the held-out episodes, false fillers on kept words per 1,000
tokens and the marker-rate error per 100 words over 200-token stretches (filled pauses left out:
they are decided by spelling, the same either way). `--which` also takes `stack` (the mean
held-out probability of the speaker's other uses of the marker, from the model without these
features; slightly optimistic, its first stage saw the held-out episode's labels) and `oracle` (a
ceiling, not a feature: the share of the speaker's other uses the editors deleted).

What it printed (5,965 markers, C 0.03 as shipped; benchmarks/results/fillers_speaker.txt): as
shipped all markers 0.655, "like" 0.72; with the speaker's rates and quotative share over
250-word chunks 0.655-0.659, over the whole episode 0.645-0.661, `stack` 0.655-0.663; `oracle`
0.655 (250 words) / 0.665 (500) / 0.675 (whole episode). Not shipped: README "Fillers on real
conversation".
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analysis import filler_context, filler_model, fillers  # noqa: E402
from coach.analysis.context import Context  # noqa: E402
from scripts import rev16  # noqa: E402
from scripts.fillers_context import thresholds_for  # noqa: E402
from scripts.train_fillers import (  # noqa: E402
    CONTEXT_LAYER,
    CONTEXT_SCALE,
    PLAIN_SHARE,
    SEEDS,
    labelled_candidates,
    parse,
)

QUOTATIVE_BEFORE = frozenset(
    "was is 's are 're were am 'm be been being said says say go goes went going like".split()
)
RATE_BINS = (0.0, 0.5, 1.0, 2.0, 4.0)  # per 100 words: 0, (0, .5], (.5, 1], (1, 2], (2, 4], > 4
STRETCH = 200


def collect(episodes):
    """One record per marker: features as shipped, label, deleted, episode, seed, speaker, its word
    position in the speaker's own stream, whether a quotative verb precedes it, its Rev token index
    in the episode; plus, per (episode, seed, speaker), the number of words; and the vectors."""
    records, vectors, words = [], [], {}
    for episode in episodes:
        for seed in SEEDS:
            turns = rev16.rendered_turns((episode,), PLAIN_SHARE, seed)
            offset = 0
            position = Counter()
            for doc, (_, spans, tokens) in zip(parse([t[0] for t in turns]), turns, strict=True):
                speaker = tokens[0].speaker
                key = (episode, seed, speaker)
                word_index = np.cumsum([not (t.is_punct or t.is_space) for t in doc]) - 1
                n_words = int(word_index[-1] + 1) if len(doc) else 0
                cands = list(labelled_candidates(doc, spans, tokens))
                if cands:
                    ctx = Context(doc)
                    rule_starts = {
                        m.start for m in fillers.find_fillers_by_rules(doc) if m.kind == "discourse_marker"
                    }
                    vecs = filler_context.marker_vectors(
                        doc, [(c.start, c.end) for c, _, _ in cands], CONTEXT_LAYER
                    )
                    starts = [s for s, _ in spans]
                    for (cand, deleted, false_start), vec in zip(cands, vecs, strict=True):
                        names = filler_model.features(ctx, cand, cand.start in rule_starts)
                        before = ctx.low[cand.start - 1] if cand.start > 0 else ""
                        rev_index = offset + bisect.bisect_right(starts, doc[cand.start].idx) - 1
                        records.append(
                            {
                                "names": names,
                                "deleted": deleted,
                                "label": cand.label,
                                "episode": episode,
                                "seed": seed,
                                "speaker": speaker,
                                "pos": int(position[key] + word_index[cand.start]),
                                "quotative": before in QUOTATIVE_BEFORE,
                                "rev": rev_index,
                                "false_start": false_start,
                            }
                        )
                        vectors.append(vec)
                position[key] += n_words
                offset += len(tokens)
            words.update({f"{k[0]}|{k[1]}|{k[2]}": int(v) for k, v in position.items()})
            words[f"{episode}|{seed}|rev_tokens"] = offset
        print(f"  episode {episode}: {len(records)} markers so far", flush=True)
    return records, np.array(vectors, dtype=np.float32), words


def rate_bin(count: int, n_words: int) -> str:
    if n_words <= 0:
        return "none"
    rate = 100 * count / n_words
    if rate == 0:
        return "0"
    for upper in RATE_BINS[1:]:
        if rate <= upper:
            return f"<={upper}"
    return f">{RATE_BINS[-1]}"


def share_bin(part: int, whole: int) -> str:
    if whole == 0:
        return "none"
    share = part / whole
    return "0" if share == 0 else "<.25" if share < 0.25 else "<.5" if share < 0.5 else ">=.5"


def speaker_features(
    records, words, window: int | None, which: str, first: np.ndarray | None = None
) -> list[list[str]]:
    """For each record, the speaker-level feature names: over the speaker's whole stream
    (`window` None) or the consecutive chunk of `window` words holding the marker."""
    groups = defaultdict(list)
    for k, r in enumerate(records):
        chunk = None if window is None else r["pos"] // window
        groups[(r["episode"], r["seed"], r["speaker"], chunk)].append(k)
    out: list[list[str]] = [[] for _ in records]
    for (episode, seed, speaker, chunk), members in groups.items():
        total = words[f"{episode}|{seed}|{speaker}"]
        n_words = total if chunk is None else min(window, total - chunk * window)
        by_label = Counter(records[k]["label"] for k in members)
        quot = sum(records[k]["quotative"] for k in members if records[k]["label"] == "like")
        for k in members:
            r = records[k]
            label = r["label"]
            names = []
            if "rate" in which:
                names.append(f"spk_rate={rate_bin(by_label[label] - 1, n_words)}")
            if "all" in which:
                names.append(f"spk_all={rate_bin(len(members) - 1, n_words)}")
            if "quot" in which and label == "like":
                names.append(f"spk_quot={share_bin(quot - r['quotative'], by_label['like'] - 1)}")
            if "stack" in which and first is not None:
                others = [first[o] for o in members if o != k and records[o]["label"] == label]
                mean = float(np.mean(others)) if others else -1.0
                level = "none" if mean < 0 else min(4, int(mean * 5))
                names.append(f"spk_p={level}")
            if "oracle" in which:  # a ceiling, not a feature: the editors' verdicts on the others
                others = [records[o]["deleted"] for o in members if o != k and records[o]["label"] == label]
                names.append(f"spk_true={share_bin(sum(others), len(others))}")
            if "len" in which:
                names.append(f"spk_len={rate_bin(100, n_words)}")
            out[k] = names + [f"{label}|{n}" for n in names]
    return out


def cross_validate(records, vectors, extra, c: float):
    episodes = np.array([r["episode"] for r in records])
    y = np.array([r["deleted"] for r in records])
    probs = np.zeros(len(records))
    names = [r["names"] + e for r, e in zip(records, extra, strict=True)]
    for held in rev16.TRAIN_EPISODES:
        test = episodes == held
        if not test.any():
            continue
        train = np.flatnonzero(~test)
        counts = Counter(n for i in train for n in names[i])
        vectorizer = DictVectorizer()
        vectorizer.fit([{n: 1 for n in names[i] if counts[n] >= 2} for i in train])
        xs = vectorizer.transform([{n: 1 for n in ns} for ns in names])
        mu, sd = vectors[train].mean(axis=0), vectors[train].std(axis=0) + 1e-6
        x = sp.hstack([xs, sp.csr_matrix((vectors - mu) / sd * CONTEXT_SCALE)]).tocsr()
        model = LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=0)
        model.fit(x[train], y[train])
        probs[test] = model.predict_proba(x[test])[:, 1]
    return probs


def f1(said, gold) -> float:
    tp = int((said & gold).sum())
    return 2 * tp / (2 * tp + int((said & ~gold).sum()) + int((~said & gold).sum())) if tp else 0.0


def summary(records, words, probs) -> str:
    labels = np.array([r["label"] for r in records])
    y = np.array([r["deleted"] for r in records])
    th = thresholds_for(labels, probs, y)
    said = probs >= np.array([th.get(label, 0.5) for label in labels])
    scored = ~np.isin(labels, ["kind of", "sort of"])
    episodes = np.array([r["episode"] for r in records])
    per_episode = [
        f1(said[scored & (episodes == e)], y[scored & (episodes == e)]) for e in rev16.TRAIN_EPISODES
    ]
    tokens = sum(words[f"{e}|{s}|rev_tokens"] for e in rev16.TRAIN_EPISODES for s in SEEDS)
    false_content = int((said & scored & ~y).sum())
    errors = []
    for e in rev16.TRAIN_EPISODES:
        for s in SEEDS:
            m = scored & (episodes == e) & (np.array([r["seed"] for r in records]) == s)
            gap = Counter()
            for k in np.flatnonzero(m):
                gap[records[k]["rev"] // STRETCH] += int(said[k]) - int(y[k])
            n = words[f"{e}|{s}|rev_tokens"] // STRETCH
            errors += [abs(gap[b]) * 100 / STRETCH for b in range(n)]
    parts = [f"all {f1(said[scored], y[scored]):.3f}"]
    parts += [
        f"{lab} {f1(said[labels == lab], y[labels == lab]):.2f}"
        for lab in ("like", "you know", "so", "right", "well", "i mean")
    ]
    return (
        ", ".join(parts)
        + f"\n      per episode {' '.join(f'{v:.2f}' for v in per_episode)}"
        + f"; false fillers {1000 * false_content / tokens:.2f} per 1,000"
        + f"; rate error {np.mean(errors):.3f} per 100 words"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/fillers_speaker.npz"))
    parser.add_argument("--windows", default="none,whole,250,500")
    parser.add_argument("--which", default="rate+all+quot")
    parser.add_argument("--c", default="0.1")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.cache.exists():
        data = np.load(args.cache, allow_pickle=False)
        vectors = data["vectors"]
        records, words = json.loads(str(data["records"])), json.loads(str(data["words"]))
    else:
        records, vectors, words = collect(rev16.TRAIN_EPISODES)
        np.savez(
            args.cache,
            vectors=vectors,
            records=np.array(json.dumps(records)),
            words=np.array(json.dumps(words)),
        )
    print(f"{len(records)} markers ({time.perf_counter() - started:.0f} s)", flush=True)
    for c in map(float, args.c.split(",")):
        first = cross_validate(records, vectors, [[] for _ in records], c) if "stack" in args.which else None
        for window in args.windows.split(","):
            for which in args.which.split(","):
                if window == "none":
                    extra = [[] for _ in records]
                else:
                    extra = speaker_features(
                        records, words, None if window == "whole" else int(window), which, first
                    )
                probs = cross_validate(records, vectors, extra, c)
                print(
                    f"C={c} window={window} features={which if window != 'none' else '-'}: "
                    + summary(records, words, probs),
                    flush=True,
                )
                if window == "none":
                    break


if __name__ == "__main__":
    main()
