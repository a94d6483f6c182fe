"""Experiments for issue 17 (branch points-meaning): other ways to judge a talking point heard.

Features per (answer, point), all from the shipped all-MiniLM-L6-v2:
  sent      best cosine of the point with one sentence (what main ships, threshold 0.14)
  pair      best cosine with a sentence or two neighbouring sentences
  tok_s     BERTScore-style recall: each content word-piece of the point matched to its most
            similar word-piece of one sentence, weighted by IDF over the bank's text; best sentence
  tok_p     the same over a sentence or two neighbouring sentences
  tok_a     the same over the whole answer
  bg_z      `sent` as a z-score against the point's closeness to the bank's other questions'
            talking points (how close this point sits to unrelated text)

Rules are chosen on the dev part by leave-one-question-out (the threshold or the logistic
regression is fitted on 11 questions and judged on the 12th); `--final` then fits on all of dev
and measures the named parts once.

    .venv/bin/python benchmarks/points_experiments.py                   # dev, cross-validated
    .venv/bin/python benchmarks/points_experiments.py --final heldout fresh
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.minilm_hf import sentence_transformer  # noqa: E402
from coach.analysis import answer, relevance  # noqa: E402
from coach.analysis.evaluation import read_relevance_file  # noqa: E402
from coach.analysis.pipeline import load_pipeline  # noqa: E402
from coach.banks import get_question, load_questions  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labels"
OUT = ROOT / "benchmarks" / "results"
FEATURES = ["sent", "pair", "tok_s", "tok_p", "tok_a", "bg_z", "tok_s4", "tok_sc", "tok_f1", "tok_q"]
LAYER = 4  # of 6 (index 0 is the word-piece embeddings): BERTScore takes a layer about 2/3 deep


def _stop_words() -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return set(STOP_WORDS)


class TokenModel:
    """Sentence and word-piece vectors from one pass of the shipped model."""

    def __init__(self) -> None:
        self.model = sentence_transformer()
        self.tok = self.model.tokenizer
        self.stop = _stop_words()
        docs = []
        for q in load_questions():
            docs.append(q.text)
            docs.extend(q.talking_points)
        df = Counter()
        for d in docs:
            df.update(set(self.tok.tokenize(d.lower())))
        self.idf = {t: math.log((len(docs) + 1) / (n + 1)) + 1.0 for t, n in df.items()}
        self.max_idf = math.log(len(docs) + 1) + 1.0

    def encode(self, texts: list[str]) -> list[dict]:
        """Word-piece vectors (last layer and LAYER) and the mean-pooled sentence vector, which is
        what the shipped sentence-transformers pipeline computes (mean pooling, then normalised)."""
        import torch

        torch.set_num_threads(1)
        bert = self.model[0].auto_model
        res = []
        for i in range(0, len(texts), 32):
            batch = self.tok(
                texts[i : i + 32], padding=True, truncation=True, max_length=256, return_tensors="pt"
            )
            with torch.no_grad():
                out = bert(**batch, output_hidden_states=True)
            for j in range(len(batch["input_ids"])):
                n = int(batch["attention_mask"][j].sum())
                pieces = self.tok.convert_ids_to_tokens(batch["input_ids"][j][:n].tolist())
                last = out.last_hidden_state[j, :n].numpy()
                sv = last.mean(0)
                sv = sv / max(np.linalg.norm(sv), 1e-9)
                tv = last / np.linalg.norm(last, axis=1, keepdims=True).clip(1e-9)
                t4 = out.hidden_states[LAYER][j, :n].numpy()
                t4 = t4 / np.linalg.norm(t4, axis=1, keepdims=True).clip(1e-9)
                res.append({"pieces": pieces, "tok": tv, "tok4": t4, "sent": sv})
        return res

    def content_mask(self, pieces: list[str]) -> np.ndarray:
        """Word-pieces that carry content: not special, not punctuation, not in a stop word."""
        words, cur = [], -1
        for p in pieces:
            if p.startswith("##"):
                words.append(cur)
            else:
                cur += 1
                words.append(cur)
        # rebuild each word to test it against the stop list
        text_of: dict[int, str] = {}
        for p, w in zip(pieces, words, strict=True):
            text_of[w] = text_of.get(w, "") + (p[2:] if p.startswith("##") else p)
        mask = []
        for p, w in zip(pieces, words, strict=True):
            t = text_of[w]
            mask.append(
                p not in ("[CLS]", "[SEP]", "[PAD]")
                and t.isascii()
                and any(c.isalnum() for c in t)
                and t not in self.stop
            )
        return np.array(mask, dtype=bool)

    def weights(self, pieces: list[str], mask: np.ndarray) -> np.ndarray:
        return np.array(
            [self.idf.get(p, self.max_idf) if m else 0.0 for p, m in zip(pieces, mask, strict=True)]
        )


def recall(point: dict, w: np.ndarray, window_tok: np.ndarray, key: str = "tok") -> float:
    if not len(window_tok) or w.sum() == 0:
        return 0.0
    best = (point[key] @ window_tok.T).max(axis=1)
    return float((best * w).sum() / w.sum())


def features_for(
    tm: TokenModel,
    nlp,
    text: str,
    points: list[str],
    bg: dict[str, tuple[float, float]],
    question: str = "",
) -> list[dict]:
    doc = nlp(text)
    marks = (doc._.coach_fillers or []) + (doc._.coach_disfluencies or [])
    sents = answer._sentences_for_relevance(doc, list(doc.sents), marks)
    sents = [s for s in sents if len(s.words.split()) >= relevance.MIN_WORDS]
    texts = [s.words for s in sents]
    pairs = [f"{a} {b}" for a, b in zip(texts, texts[1:], strict=False)]
    enc_p = tm.encode(points)
    enc_q = tm.encode([question])[0] if question else None
    enc_s = tm.encode(texts + pairs) if texts else []
    es, ep = enc_s[: len(texts)], enc_s[len(texts) :]

    # word-piece windows: each sentence's content pieces (CLS/SEP out)
    def toks(e):
        m = tm.content_mask(e["pieces"]) | np.array([p not in ("[CLS]", "[SEP]") for p in e["pieces"]])
        return e["tok"][m]

    s_tok = [toks(e) for e in es]
    s_tok4 = [e["tok4"][np.array([p not in ("[CLS]", "[SEP]") for p in e["pieces"]])] for e in es]
    s_tokc = [e["tok"][tm.content_mask(e["pieces"])] for e in es]
    p_tok = [np.vstack([a, b]) for a, b in zip(s_tok, s_tok[1:], strict=False)]
    a_tok = np.vstack(s_tok) if s_tok else np.zeros((0, 384))
    rows = []
    for pt, e in zip(points, enc_p, strict=True):
        mask = tm.content_mask(e["pieces"])
        w = tm.weights(e["pieces"], mask)
        sent_sims = [float(e["sent"] @ x["sent"]) for x in es]
        pair_sims = sent_sims + [float(e["sent"] @ x["sent"]) for x in ep]
        ts = [recall(e, w, t) for t in s_tok]
        tp = ts + [recall(e, w, t) for t in p_tok]
        ts4 = [recall(e, w, t, "tok4") for t in s_tok4]
        tsc = [recall(e, w, t) for t in s_tokc]
        best = int(np.argmax(sent_sims)) if sent_sims else None
        mu, sd = bg[pt]
        rows.append(
            {
                "point": pt,
                "sent": max(sent_sims, default=0.0),
                "pair": max(pair_sims, default=0.0),
                "tok_s": max(ts, default=0.0),
                "tok_p": max(tp, default=0.0),
                "tok_a": recall(e, w, a_tok),
                "bg_z": (max(sent_sims, default=0.0) - mu) / sd,
                "tok_s4": max(ts4, default=0.0),
                "tok_sc": max(tsc, default=0.0),
                # after the held-out run, dev only: F1 (the sentence's content word-pieces matched
                # back to the point too), and the recall less what the question's own words recall
                "tok_f1": max((_f1(tm, e, w, x) for x in es), default=0.0),
                "tok_q": max(ts, default=0.0) - (recall(e, w, toks(enc_q)) if enc_q else 0.0),
                "evidence": texts[best] if best is not None else None,
                "tok_evidence": texts[int(np.argmax(ts))] if ts else None,
            }
        )
    return rows


def _f1(tm: TokenModel, point: dict, w: np.ndarray, sent: dict) -> float:
    """BERTScore F1 of the point and one sentence, IDF on both sides (content word-pieces only)."""
    mask = tm.content_mask(sent["pieces"])
    if not mask.any() or w.sum() == 0:
        return 0.0
    sims = point["tok"] @ sent["tok"][mask].T
    r = float((sims.max(axis=1) * w).sum() / w.sum())
    ws = tm.weights(sent["pieces"], mask)[mask]
    pmask = w > 0
    p = float((sims[pmask].max(axis=0) * ws).sum() / ws.sum())
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def background(tm: TokenModel) -> dict[str, tuple[float, float]]:
    """Each point's closeness to the other questions' talking points (bank text only)."""
    qs = load_questions()
    allp = [(q.id, p) for q in qs for p in q.talking_points]
    vecs = np.array([e["sent"] for e in tm.encode([p for _, p in allp])])
    out = {}
    for i, (qid, p) in enumerate(allp):
        others = np.array([j for j, (q2, _) in enumerate(allp) if q2 != qid])
        sims = vecs[others] @ vecs[i]
        out[p] = (float(sims.mean()), float(sims.std()) or 1.0)
    return out


def compute(parts: list[str]) -> list[dict]:
    nlp = load_pipeline()
    tm = TokenModel()
    bg = background(tm)
    rows, seconds = [], []
    for part in parts:
        for k, a in enumerate(read_relevance_file(LABELS / f"relevance_{part}.toml")):
            points = list(get_question(a.question).talking_points)
            t0 = time.perf_counter()
            feats = features_for(tm, nlp, a.text, points, bg, get_question(a.question).text)
            seconds.append(time.perf_counter() - t0)
            for f, label in zip(feats, a.labels, strict=True):
                rows.append({"part": part, "answer": k, "question": a.question, "label": label, **f})
    print(f"features: {len(rows)} points, median {np.median(seconds):.3f} s an answer (spaCy included)")
    return rows


def judge(y: np.ndarray, covered: np.ndarray) -> dict:
    nh = ~covered
    return {
        "accuracy": float((covered == y).mean()),
        "nh_right": float((~y[nh]).mean()) if nh.any() else float("nan"),
        "nh_said": int(nh.sum()),
        "n": int(len(y)),
    }


def f_beta_nh(y: np.ndarray, covered: np.ndarray, beta: float = 0.5) -> float:
    nh, truth = ~covered, ~y
    tp = (nh & truth).sum()
    if tp == 0:
        return 0.0
    p, r = tp / nh.sum(), tp / truth.sum()
    return (1 + beta**2) * p * r / (beta**2 * p + r)


def best_threshold(x: np.ndarray, y: np.ndarray, objective: str) -> float:
    cands = np.unique(np.round(x, 3))
    best, best_t = -1.0, 0.0
    for t in cands:
        cov = x >= t
        score = f_beta_nh(y, cov) if objective == "f05" else (cov == y).mean()
        if score > best:
            best, best_t = score, float(t)
    return best_t


def fit_rule(train: list[dict], cols: list[str], objective: str):
    """A threshold on one feature, or a logistic regression on several with its cut chosen the same way."""
    y = np.array([r["label"] != "N" for r in train])
    if len(cols) == 1:
        x = np.array([r[cols[0]] for r in train])
        t = best_threshold(x, y, objective)
        return lambda rows: np.array([r[cols[0]] for r in rows]) >= t
    from sklearn.linear_model import LogisticRegression

    X = np.array([[r[c] for c in cols] for r in train])
    mu, sd = X.mean(0), X.std(0) + 1e-9
    lr = LogisticRegression(C=1.0, class_weight="balanced").fit((X - mu) / sd, y)
    p = lr.predict_proba((X - mu) / sd)[:, 1]
    t = best_threshold(p, y, objective)

    def rule(rows):
        Z = (np.array([[r[c] for c in cols] for r in rows]) - mu) / sd
        return lr.predict_proba(Z)[:, 1] >= t

    rule.coef = (lr.coef_[0] / sd).tolist()  # type: ignore[attr-defined]
    rule.intercept = float(lr.intercept_[0] - (lr.coef_[0] * mu / sd).sum())  # type: ignore[attr-defined]
    rule.cut = t  # type: ignore[attr-defined]
    return rule


def auc(x: np.ndarray, y: np.ndarray) -> float:
    pos, neg = x[y], x[~y]
    return float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())


RULES = [
    ["sent"],
    ["pair"],
    ["tok_s"],
    ["tok_p"],
    ["tok_a"],
    ["bg_z"],
    ["tok_s4"],
    ["tok_sc"],
    ["tok_f1"],
    ["tok_q"],
    ["tok_s", "tok_q"],
    ["tok_s", "tok_f1"],
    ["sent", "tok_s"],
    ["sent", "tok_p"],
    ["sent", "tok_a"],
    ["pair", "tok_p"],
    ["sent", "bg_z"],
    ["sent", "tok_s", "bg_z"],
    ["sent", "pair", "tok_s", "tok_p", "tok_a", "bg_z"],
]


def cross_validate(rows: list[dict], objective: str) -> None:
    y = np.array([r["label"] != "N" for r in rows])
    print(f"\ndev, leave-one-question-out, cut chosen by {objective} on the 11 other questions")
    print(
        "  ranking AUC (covered above not):",
        ", ".join(f"{c} {auc(np.array([r[c] for r in rows]), y):.3f}" for c in FEATURES),
    )
    qs = sorted({r["question"] for r in rows})
    for cols in RULES:
        pred = np.zeros(len(rows), dtype=bool)
        for q in qs:
            idx = [i for i, r in enumerate(rows) if r["question"] == q]
            rule = fit_rule([r for r in rows if r["question"] != q], cols, objective)
            pred[idx] = rule([rows[i] for i in idx])
        j = judge(y, pred)
        print(
            f"  {'+'.join(cols):32s} accuracy {j['accuracy']:.3f}  "
            f"'not heard' right {j['nh_right']:.3f} of {j['nh_said']}"
        )


def covered_share(pred: np.ndarray, test: list[dict]) -> dict[str, float]:
    """How often points of each label (same words, other words, partly, not made) were called covered."""
    return {
        c: float(np.mean([p for p, r in zip(pred, test, strict=True) if r["label"] == c]))
        for c in "SOPN"
        if any(r["label"] == c for r in test)
    }


def final(dev: list[dict], test: list[dict], cols: list[str], objective: str, name: str) -> dict:
    rule = fit_rule(dev, cols, objective)
    y = np.array([r["label"] != "N" for r in test])
    pred = rule(test)
    j = judge(y, pred)
    share = covered_share(pred, test)
    print(
        f"  {name:10s} {'+'.join(cols):28s} accuracy {j['accuracy']:.3f}  "
        f"'not heard' right {j['nh_right']:.3f} of {j['nh_said']}  called covered: "
        + ", ".join(f"{c} {v:.2f}" for c, v in share.items())
    )
    if hasattr(rule, "coef"):
        print(
            f"      coef {dict(zip(cols, [round(c, 3) for c in rule.coef], strict=True))} "
            f"intercept {rule.intercept:.3f} cut {rule.cut:.3f}"
        )
    return j


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--final", nargs="*", default=None, help="parts to measure once with rules fitted on all of dev"
    )
    ap.add_argument("--rules", default="sent;sent,tok_s", help="rules for --final, ';'-separated")
    ap.add_argument("--objective", default="f05", choices=["f05", "accuracy"])
    ap.add_argument(
        "--errors", action="store_true", help="print dev points judged wrong by the sent+tok_s rule"
    )
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    parts = ["dev"] + (args.final or [])
    rows = compute(parts)
    (OUT / "points_features.json").write_text(json.dumps(rows, indent=0))
    dev = [r for r in rows if r["part"] == "dev"]
    if args.final is None:
        for obj in ("f05", "accuracy"):
            cross_validate(dev, obj)
        if args.errors:
            rule = fit_rule(dev, ["sent", "tok_s"], args.objective)
            pred = rule(dev)
            for r, p in zip(dev, pred, strict=True):
                if p != (r["label"] != "N"):
                    print(
                        f"\n[{r['label']}] called {'covered' if p else 'not heard'}  "
                        f"{r['question']} #{r['answer']}: {r['point']}"
                    )
                    print(f"   sent {r['sent']:.3f} tok_s {r['tok_s']:.3f}  best sentence: {r['evidence']}")
        return
    for part in args.final:
        test = [r for r in rows if r["part"] == part]
        print(
            f"\n{part}: {len({(r['answer']) for r in test})} answers, {len(test)} points, "
            f"labels {dict(Counter(r['label'] for r in test))}"
        )
        for spec in args.rules.split(";"):
            final(dev, test, spec.split(","), args.objective, part)


if __name__ == "__main__":
    main()
