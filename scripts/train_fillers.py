"""Train the discourse-marker filler models shipped in coach/analysis/models/: fillers.json.gz (words
and parse) and fillers_context.json.gz (the same plus each marker's contextual vector from
all-MiniLM-L6-v2, see coach/analysis/filler_context.py).

    .venv/bin/python scripts/train_fillers.py     (or `make filler-model`): the shipped files
    .venv/bin/python scripts/train_fillers.py --verbatim-pairs-only --out A --context-out B

Data: the Rev16 training episodes in shared/data/rev16-train (CC BY-SA 4.0, see scripts/rev16.py
and README "Analysis accuracy"); a marker the editor deleted from the clean transcript is a filler.
Each speaker turn is rendered twice, each time with punctuation and case dropped at random
(half the turns), so the model works on unpunctuated Whisper text as well as on punctuated text.
By default every training episode is used, which is how the shipped files were made, and they are
written over the shipped files. `--verbatim-pairs-only` leaves out an episode whose two files are
not a verbatim transcript and its clean edit (rev16.check_pair: episode 20, a fiction reading with
no filled pauses and no editor's deletions) and says so; the files it gives were measured and not
shipped (README "Fillers on real conversation"), so it needs `--out` and `--context-out` away from
the shipped files and never overwrites them. The regularisation strength is chosen by
leave-one-episode-out cross-validation on the training episodes only; the dev episodes
(scripts/rev16.py) are never read here. The transformer layer and the vectors' scale were chosen the
same way, by scripts/fillers_context.py. Deterministic: the same data gives the same files, byte for
byte (the contextual vectors come from the transformer in int8, whose kernels differ between CPU
instruction sets, so the second file may differ in its last digits on another CPU).
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import gzip
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analysis import filler_context, filler_model, fillers  # noqa: E402
from coach.analysis.context import Context  # noqa: E402
from coach.analysis.pipeline import COACH_COMPONENTS, load_pipeline  # noqa: E402
from scripts import rev16  # noqa: E402

C_GRID = (0.03, 0.1, 0.3)
THRESHOLD_GRID = tuple(round(0.05 * k, 2) for k in range(1, 15))
MIN_POSITIVES = 10  # a marker with fewer fillers than this keeps the default threshold
MIN_COUNT = 2
SEEDS = (1, 2)
PLAIN_SHARE = 0.5
THRESHOLD = 0.5
# The contextual vector: the marker's mean word-piece vector after this many transformer layers,
# standardised and scaled by CONTEXT_SCALE against the sparse features (so one C fits both).
# Chosen by leave-one-episode-out CV on the training episodes (scripts/fillers_context.py).
CONTEXT_LAYER = 3
CONTEXT_SCALE = 0.1


def parse(texts: list[str]):
    """The analysis pipeline up to (not including) the coach's components, as analysis sees it."""
    nlp = load_pipeline()
    return nlp.pipe(texts, disable=list(COACH_COMPONENTS), batch_size=64)


def examples(turns) -> tuple[list[tuple[list[str], bool, str, int, bool]], list[np.ndarray]]:
    """(feature names, deleted by the editor, marker label, turn number, in a false start) for every
    marker, and its contextual vector."""
    rows, vectors = [], []
    for number, doc, cands, names in labelled_turns(turns):
        vecs = filler_context.marker_vectors(
            doc, [(cand.start, cand.end) for cand, _, _ in cands], CONTEXT_LAYER
        )
        for (cand, deleted, false_start), feature_names, vec in zip(cands, names, vecs, strict=True):
            rows.append((feature_names, deleted, cand.label, number, false_start))
            vectors.append(vec)
    return rows, vectors


def labelled_turns(turns):
    """(turn number, parsed turn, its candidates with the editor's verdicts, each candidate's
    feature names) for every turn with a candidate."""
    for number, (doc, (_, spans, tokens)) in enumerate(zip(parse([t[0] for t in turns]), turns, strict=True)):
        cands = list(labelled_candidates(doc, spans, tokens))
        if not cands:
            continue
        ctx = Context(doc)
        rule_starts = {m.start for m in fillers.find_fillers_by_rules(doc) if m.kind == "discourse_marker"}
        yield number, doc, cands, [filler_model.features(ctx, c, c.start in rule_starts) for c, _, _ in cands]


def labelled_candidates(doc, spans, tokens):
    """The model's candidates in one parsed turn, each with the editor's verdict."""
    ctx = Context(doc)
    fillers._filled_pauses(ctx)
    skip = set(ctx.fillers) | {i for i in range(ctx.n) if fillers._part_of_compound(ctx, i)}
    starts = [s for s, _ in spans]
    for cand in filler_model.candidates(ctx, skip):
        rev = {bisect.bisect_right(starts, doc[k].idx) - 1 for k in range(cand.start, cand.end)}
        verdicts = [tokens[r] for r in rev if r >= 0]
        yield cand, all(t.deleted for t in verdicts), any(t.in_false_start for t in verdicts)


def episode_rows(
    episodes: tuple[int, ...],
) -> tuple[list[tuple[list[str], bool, str, int, bool]], np.ndarray]:
    rows, vectors = [], []
    for episode in episodes:
        for seed in SEEDS:
            found, vecs = examples(rev16.rendered_turns((episode,), PLAIN_SHARE, seed))
            rows += [(names, deleted, label, episode, fs) for names, deleted, label, _, fs in found]
            vectors += vecs
    return rows, np.array(vectors, dtype=np.float32)


def fit(rows, c: float, vectors: np.ndarray | None = None):
    """Logistic regression over the features (and, given `vectors`, the contextual vectors, whose
    standardisation is folded into their weights and the intercept)."""
    counts = Counter(name for names, *_ in rows for name in names)
    kept = [{n: 1 for n in names if counts[n] >= MIN_COUNT} for names, *_ in rows]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    if vectors is not None:
        mean, sd = vectors.mean(axis=0), vectors.std(axis=0) + 1e-6
        x = sp.hstack([x, sp.csr_matrix((vectors - mean) / sd * CONTEXT_SCALE)]).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear's index type
    y = np.array([deleted for _, deleted, *_ in rows])
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    model.fit(x, y)
    names = vectorizer.get_feature_names_out()
    coef = model.coef_[0]
    weights = {
        name: round(float(w), 4) for name, w in zip(names, coef[: len(names)], strict=True) if abs(w) >= 1e-4
    }
    intercept = float(model.intercept_[0])
    vector_weights = None
    if vectors is not None:
        folded = coef[len(names) :] * CONTEXT_SCALE / sd
        vector_weights = np.round(folded, 6).astype(np.float32)
        intercept -= float(np.dot(mean, folded))
    return filler_model.FillerModel(round(intercept, 4), weights, {}, {}, vector_weights)


def cross_validate(rows, c: float, vectors: np.ndarray | None = None) -> list[tuple[str, float, bool]]:
    """(label, probability, deleted) for every example, each from a model that did not see its episode."""
    out = []
    episodes = np.array([r[3] for r in rows])
    for held in sorted(set(episodes.tolist())):
        test = np.flatnonzero(episodes == held)
        if len(test):
            train = np.flatnonzero(episodes != held)
            model = fit([rows[i] for i in train], c, None if vectors is None else vectors[train])
            out += [
                (
                    rows[i][2],
                    model.probability(rows[i][0], None if vectors is None else vectors[i]),
                    rows[i][1],
                )
                for i in test
            ]
    return out


def f1(scored: list[tuple[str, float, bool]], thresholds: dict[str, float]) -> float:
    tp = fp = fn = 0
    for label, probability, deleted in scored:
        said = probability >= thresholds.get(label, THRESHOLD)
        tp += said and deleted
        fp += said and not deleted
        fn += deleted and not said
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose(rows, vectors: np.ndarray | None = None) -> tuple[float, dict[str, float], dict[str, float]]:
    """Leave one training episode out: the C with the best pooled F1 over all markers, then for each
    marker the threshold at which it is called a filler as often as the editors deleted it on
    those held-out predictions (precision ≈ recall): the figure a user sees is a count, so it
    should not lean either way. Rare fillers ("well") otherwise never reach 0.5."""
    runs = {}
    for c in C_GRID:
        runs[c] = cross_validate(rows, c, vectors)
        print(f"  C={c}: leave-one-episode-out F1 {f1(runs[c], {}):.3f}", flush=True)
    best = max(C_GRID, key=lambda c: f1(runs[c], {}))
    thresholds = {}
    for label in sorted({r[2] for r in rows}):
        scored = [s for s in runs[best] if s[0] == label]
        if sum(d for *_, d in scored) >= MIN_POSITIVES:
            thresholds[label] = min(THRESHOLD_GRID, key=lambda t, s=scored: (_count_gap(s, t), t))
    cv = {"C": best, "f1_at_0.5": round(f1(runs[best], {}), 4), "f1": round(f1(runs[best], thresholds), 4)}
    print(f"  thresholds {thresholds}: leave-one-episode-out F1 {cv['f1']:.3f}")
    return best, thresholds, cv


def _count_gap(scored: list[tuple[str, float, bool]], threshold: float) -> int:
    return abs(sum(p >= threshold for _, p, _ in scored) - sum(d for *_, d in scored))


def data_hashes(episodes: tuple[int, ...]) -> dict[str, str]:
    folder = rev16.data_dir()
    return {
        f"{e}_{kind}.nlp": hashlib.sha256((folder / f"{e}_{kind}.nlp").read_bytes()).hexdigest()[:16]
        for e in episodes
        for kind in ("verbatim", "nonverbatim")
    }


def save(model: filler_model.FillerModel, meta: dict, path: Path) -> str:
    body = {
        "intercept": model.intercept,
        "thresholds": model.thresholds,
        "meta": meta,
        "weights": model.weights,
    }
    if model.vector_weights is not None:
        body["vector_weights"] = [round(float(w), 6) for w in model.vector_weights]
    raw = json.dumps(body, sort_keys=True, indent=0).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as f:
        f.write(raw)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The shipped files by default; the data-checked episodes only into files given elsewhere."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=filler_model.MODEL_PATH)
    parser.add_argument("--context-out", type=Path, default=filler_model.CONTEXT_MODEL_PATH)
    parser.add_argument(
        "--verbatim-pairs-only",
        action="store_true",
        help="leave out the episodes the data check rejects (files measured and not shipped: give "
        "--out and --context-out away from the shipped files)",
    )
    # the old way to ask for the default (every episode); kept so `--every-episode` still works
    parser.add_argument("--every-episode", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.verbatim_pairs_only and args.every_episode:
        parser.error("--verbatim-pairs-only and --every-episode contradict each other; give one.")
    shipped = {filler_model.MODEL_PATH.resolve(), filler_model.CONTEXT_MODEL_PATH.resolve()}
    if args.verbatim_pairs_only and {args.out.resolve(), args.context_out.resolve()} & shipped:
        parser.error(
            "--verbatim-pairs-only gives files that were not shipped; write them elsewhere with "
            "--out and --context-out, so the shipped files stay as they are."
        )
    return args


def main() -> None:
    args = parse_args()
    started = time.perf_counter()
    episodes = rev16.TRAIN_EPISODES
    if args.verbatim_pairs_only:
        episodes = rev16.verbatim_pairs(episodes)  # prints each episode left out, and why
    left_out = {str(e): rev16.check_pair(e).reason for e in rev16.TRAIN_EPISODES if e not in episodes}
    rows, vectors = episode_rows(episodes)
    print(f"{len(rows)} marker examples from episodes {episodes} ({time.perf_counter() - started:.0f} s)")
    meta = {
        "features_version": filler_model.FEATURES_VERSION,
        "train_episodes": list(episodes),
        **({"left_out": left_out} if left_out else {}),
        "data_sha256": data_hashes(episodes),
        "data": "Rev16 (Radford et al. 2023; clean versions arXiv 2412.07937), CC BY-SA 4.0",
        "examples": len(rows),
        "seeds": list(SEEDS),
        "plain_share": PLAIN_SHARE,
        "sklearn": sklearn.__version__,
    }
    for path, with_vectors in ((args.out, False), (args.context_out, True)):
        print("with contextual vectors:" if with_vectors else "words and parse only:")
        used = vectors if with_vectors else None
        c, thresholds, cv = choose(rows, used)
        model = dataclasses.replace(fit(rows, c, used), thresholds=thresholds)
        extra = {}
        if with_vectors:
            extra = {
                "context_layer": CONTEXT_LAYER,
                "context_scale": CONTEXT_SCALE,
                "context_window": filler_context.WINDOW,
                "context_model": f"all-MiniLM-L6-v2 ({filler_context.MODEL_PACKAGE}), int8",
            }
        digest = save(model, {**meta, "cross_validation": cv, **extra}, path)
        print(
            f"C={c}, {len(model.weights)} weights → {path} "
            f"({path.stat().st_size:,} bytes, sha256 {digest[:16]})"
        )
    print(f"{time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
