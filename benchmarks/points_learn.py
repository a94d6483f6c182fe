"""Issue 17, branch points-learn: rules that demand a talking point's specific content.

The shipped rule (README "Talking points, judged by meaning") averages, over the point's content
word-pieces, how well each is matched by one sentence (BERTScore-style recall, IDF weights) and
calls the point heard at 0.181. Its main error is a point that was not made called heard: a short,
abstract point finds a sentence sharing a word or a near one. Tried here, all from the same
all-MiniLM-L6-v2 vectors the coach uses (`coach.analysis.relevance`):

  soft-AND   each content word of the point must find its own match: the least-matched word's
             similarity (`min_word`), a low IDF-weighted quantile (`q25_word`), a soft minimum
             (generalised mean, p = -4), alone or ANDed with the recall;
  baselines  how well the point is recalled by text that does not make it: the bank's other
             questions and their talking points (`bg_p95`, and per word-piece `excess`: the match
             less what the other questions' text reaches for that piece), and the question's own
             words (`novel_recall`: the point's word-pieces weighed by how little the question
             itself already says them; `q_give`: the share of the point's words the question uses);
  layers     the recall and the soft-AND from word-piece vectors of layers 2 to 5 of 6 (`_L3`...);
  concrete   whether the evidence sentence (and the answer) holds numbers and past-tense verbs, as
             answers that talk around a question in its own words tend to be general;
  echo       how much the evidence sentence only restates the question (its cosine with the
             question, the question's recall by it) and the recall less that;
  learned    logistic regressions and gradient boosting over those features with the recall, the
             cosine, the point's length and the IDF of its least-matched word; and logistic
             regressions of the recall with 4 or 16 principal components of the evidence sentence's
             embedding (or of its element-wise product with the point's).

Selection only on dev + the training part (tests/data/labels/relevance_train.toml), leave one
question out (24 questions): each rule's threshold or model is fitted on 23 questions and judged on
the 24th; the cut is chosen on the 23 by F0.5 of "not heard" (precision counted above recall, as the
shipped threshold was), by accuracy, or by "precision" (as many right "not heard" as can be said while
0.85 of them are right). The shipped rule is the fixed 0.181, which was fitted on dev: its dev
figures are in-sample, its train figures are not. Held-out parts are read only with --heldout, once,
for the rules named there (not run on branch points-learn: no rule was clearly better in CV).

    .venv/bin/python benchmarks/points_learn.py               # CV on dev + train
    .venv/bin/python benchmarks/points_learn.py --heldout     # shipped vs the best CV rule, once
"""

from __future__ import annotations

import argparse
import json
import statistics
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
from coach.config import Thresholds  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labels"
OUT = ROOT / "benchmarks" / "results"
CACHE = Path("/tmp/points_learn_features.json")
SHIPPED = Thresholds().talking_point_min_recall


# ---------------------------------------------------------------------------------------------
# raw similarities, from the coach's own encoder


def _word_groups(pieces: tuple[str, ...], weights: np.ndarray) -> list[list[int]]:
    """Indices of the content word-pieces of the point, grouped into words ("micro", "##manage")."""
    groups: list[list[int]] = []
    for i, p in enumerate(pieces):
        if weights[i] <= 0:
            continue
        if p.startswith("##") and groups and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


class Background:
    """Each bank question's own text and talking points, as word-piece vectors: text that does not
    make a given point unless it belongs to that point's question."""

    def __init__(self) -> None:
        qs = [q for q in load_questions() if q.source == "bank"]
        texts, owner = [], []
        for q in qs:
            for t in (q.text, *q.talking_points):
                texts.append(t)
                owner.append(q.id)
        t0 = time.perf_counter()
        enc = relevance._encode(texts)
        self.seconds = time.perf_counter() - t0
        self.owner = np.array(owner)
        self.words = [e.words() for e in enc]
        self.lengths = np.array([len(w) for w in self.words])
        self.stack = np.vstack(self.words)
        self.bounds = np.concatenate([[0], np.cumsum(self.lengths)])

    def best_per_text(self, point_tokens: np.ndarray, question: str) -> np.ndarray:
        """(texts of other questions, point pieces): each piece's best match in each text."""
        sims = point_tokens @ self.stack.T
        out = np.maximum.reduceat(sims, self.bounds[:-1], axis=1).T
        return out[self.owner != question]


LAYERS = (2, 3, 4, 5)  # of 6; the coach uses the last (6)


def _layer_vectors(texts: list[str]) -> list[dict[int, np.ndarray]]:
    """Word-piece vectors (unit length, [CLS]/[SEP] kept, as the coach keeps them for points) at LAYERS."""
    import torch

    model = sentence_transformer()
    bert, tok = model[0].auto_model, model.tokenizer
    out = []
    for i in range(0, len(texts), 32):
        batch = tok(texts[i : i + 32], padding=True, truncation=True, max_length=256, return_tensors="pt")
        with torch.no_grad():
            hidden = bert(**batch, output_hidden_states=True).hidden_states
        for j in range(len(batch["input_ids"])):
            n = int(batch["attention_mask"][j].sum())
            layers = {}
            for layer in LAYERS:
                v = hidden[layer][j, :n].numpy()
                layers[layer] = v / np.linalg.norm(v, axis=1, keepdims=True).clip(1e-9)
            out.append(layers)
    return out


def _question_recall(question, sentence) -> float:
    w = relevance._weights(question.pieces)
    best = (question.tokens @ sentence.words().T).max(axis=1)
    return float((best * w).sum() / w.sum())


def _concreteness(doc, sents) -> list[dict]:
    """Per sentence: does it hold a number, how many of its verbs are in the past tense."""
    out = []
    for s in sents:
        span = doc.char_span(s.start_char, s.end_char, alignment_mode="expand")
        verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
        past = sum(1 for t in verbs if "Past" in t.morph.get("Tense"))
        out.append({"num": float(any(t.like_num for t in span)), "past": past / max(len(verbs), 1)})
    return out


def raw_rows(parts: list[str]) -> list[dict]:
    nlp = load_pipeline()
    relevance.warm()
    bg = Background()
    print(f"background: {len(bg.words)} bank texts encoded in {bg.seconds:.1f} s")
    rows, seconds = [], []
    for part in parts:
        for k, a in enumerate(read_relevance_file(LABELS / f"relevance_{part}.toml")):
            q = get_question(a.question)
            doc = nlp(a.text)
            marks = (doc._.coach_fillers or []) + (doc._.coach_disfluencies or [])
            sents = answer._sentences_for_relevance(doc, list(doc.sents), marks)
            sents = [s for s in sents if len(s.words.split()) >= relevance.MIN_WORDS]
            t0 = time.perf_counter()
            enc = relevance._encode([s.words for s in sents]) if sents else []
            qenc = relevance._encode([q.text])[0]
            points = relevance._point_vectors(tuple(q.talking_points))
            seconds.append(time.perf_counter() - t0)
            layered_s = _layer_vectors([s.words for s in sents]) if sents else []
            layered_p = _layer_vectors(list(q.talking_points))
            concrete = _concreteness(doc, sents)
            for p, lp, label in zip(points, layered_p, a.labels, strict=True):
                groups = _word_groups(p.encoded.pieces, p.weights)
                best = [(p.encoded.tokens @ e.words().T).max(axis=1) for e in enc]
                qbest = (p.encoded.tokens @ qenc.words().T).max(axis=1)
                others = bg.best_per_text(p.encoded.tokens, q.id)
                rows.append(
                    {
                        "part": part,
                        "answer": f"{part}:{k}",
                        "question": a.question,
                        "label": label,
                        "point": p.text,
                        "question_text": q.text,
                        "pieces": list(p.encoded.pieces),
                        "weights": p.weights.tolist(),
                        "groups": groups,
                        "best": [b.tolist() for b in best],  # per sentence, per point piece
                        "cos": [float(p.encoded.sentence @ e.sentence) for e in enc],
                        # how much each sentence only restates the question: its cosine with the
                        # question, and how much of the question's content it recalls word by word
                        "echo_cos": [float(qenc.sentence @ e.sentence) for e in enc],
                        "sentence_vectors": [e.sentence.tolist() for e in enc],
                        "point_vector": p.encoded.sentence.tolist(),
                        "echo_recall": [_question_recall(qenc, e) for e in enc],
                        "qbest": qbest.tolist(),
                        "bg_p90": np.quantile(others, 0.90, axis=0).tolist(),  # per piece
                        "bg_recall": (others @ p.weights / p.weights.sum()).tolist(),
                        "sentences": [s.words for s in sents],
                        "concrete": concrete,
                        "best_layers": {
                            str(layer): [
                                (lp[layer] @ ls[layer][1:-1].T).max(axis=1).tolist() for ls in layered_s
                            ]
                            for layer in LAYERS
                        },
                    }
                )
    print(f"encoding: median {statistics.median(seconds):.3f} s an answer (sentences, question)")
    return rows


# ---------------------------------------------------------------------------------------------
# features


def _wquantile(x: np.ndarray, w: np.ndarray, q: float) -> float:
    order = np.argsort(x)
    cw = np.cumsum(w[order]) / w.sum()
    return float(x[order][np.searchsorted(cw, q)])


def _gmean(x: np.ndarray, w: np.ndarray, p: float = -4.0) -> float:
    x = np.clip(x, 1e-3, None)
    return float((np.sum(w * x**p) / w.sum()) ** (1 / p))


def features(r: dict, all_rows_of_answer: list[dict]) -> dict:
    w = np.array(r["weights"])
    groups = r["groups"] or [[i] for i in range(len(w)) if w[i] > 0] or [list(range(1, len(w) - 1))]
    gw = np.array([w[g].sum() for g in groups])
    gidf = np.array([w[g].mean() for g in groups])
    best = [np.array(b) for b in r["best"]]
    qbest = np.array(r["qbest"])
    base = np.array(r["bg_p90"])
    if not best:
        return dict.fromkeys(FEATURES, 0.0)

    def word_sims(b: np.ndarray) -> np.ndarray:
        return np.array([b[g].mean() for g in groups])

    def rec(b: np.ndarray, ww: np.ndarray) -> float:
        return float((b * ww).sum() / ww.sum()) if ww.sum() > 0 else 0.0

    recalls = np.array([rec(b, w) for b in best])
    j = int(np.argmax(recalls))
    words = [word_sims(b) for b in best]
    wbase = word_sims(base)
    novelty = w * np.clip(1.0 - qbest, 0.0, None)
    novel = np.array([rec(b, novelty) for b in best])
    excess = np.array([rec(b - base, w) for b in best])
    qwords = {t.strip(".,?!'").lower() for t in r["question_text"].split()}
    pwords = [_word_text(r["pieces"], g) for g in groups]
    given = np.array([any(_same_word(pw, qw) for qw in qwords) for pw in pwords])
    others = [o for o in all_rows_of_answer if o["point"] != r["point"]]
    other_recalls = [
        max(rec(np.array(b), np.array(o["weights"])) for b in o["best"]) for o in others if o["best"]
    ]
    bg_recall = np.array(r["bg_recall"])
    spec = ~given if (~given).any() else np.ones(len(groups), bool)
    layered = {}
    for layer, bl in r["best_layers"].items():
        lrec = np.array([rec(np.array(b), w) for b in bl])
        lwords = [word_sims(np.array(b)) for b in bl]
        layered[f"recall_L{layer}"] = float(lrec.max())
        layered[f"min_word_L{layer}"] = max(float(ws.min()) for ws in lwords)
        layered[f"q25_word_L{layer}"] = max(_wquantile(ws, gw, 0.25) for ws in lwords)
    conc = r["concrete"]
    vectors = {
        "evidence_vector": r["sentence_vectors"][j],
        "point_x_evidence": (np.array(r["point_vector"]) * np.array(r["sentence_vectors"][j])).tolist(),
    }
    return (
        layered
        | vectors
        | {
            "ev_echo_cos": r["echo_cos"][j],
            "ev_echo_recall": r["echo_recall"][j],
            "recall_less_echo": float(recalls[j] - r["echo_recall"][j]),
            "answer_echo_cos": float(np.mean(r["echo_cos"])),
            "ev_number": conc[j]["num"],
            "ev_past": conc[j]["past"],
            "answer_numbers": float(np.mean([c["num"] for c in conc])),
            "answer_past": float(np.mean([c["past"] for c in conc])),
            "recall": float(recalls[j]),
            "cos": max(r["cos"]),
            "cos_at_best": r["cos"][j],
            "min_word": max(float(ws.min()) for ws in words),
            "min_word_at_best": float(words[j].min()),
            "q25_word": max(_wquantile(ws, gw, 0.25) for ws in words),
            "softmin": max(_gmean(ws, gw) for ws in words),
            "answer_min_word": float(np.max(np.array(words), axis=0).min()),
            "idf_least": float(gidf[int(np.argmin(words[j]))]),
            "n_words": float(len(groups)),
            "q_give": float(gw[given].sum() / gw.sum()),
            "q_recall": rec(qbest, w),
            "novel_recall": float(novel.max()),
            "specific_min_word": max(float(ws[spec].min()) for ws in words),
            "specific_recall": max(float((ws[spec] * gw[spec]).sum() / gw[spec].sum()) for ws in words),
            "bg_p95": float(np.quantile(bg_recall, 0.95)),
            "recall_over_bg": float(recalls[j] - np.quantile(bg_recall, 0.95)),
            "recall_z": float((recalls[j] - bg_recall.mean()) / (bg_recall.std() + 1e-9)),
            "excess": float(excess.max()),
            "excess_min_word": max(float((ws - wbase).min()) for ws in words),
            "contrast": float(recalls[j] - np.mean(other_recalls)) if other_recalls else 0.0,
            "n_sentences": float(len(best)),
            "evidence": r["sentences"][j],
        }
    )


def _word_text(pieces: list[str], group: list[int]) -> str:
    return "".join(pieces[i].removeprefix("##") for i in group)


def _same_word(a: str, b: str) -> bool:
    """Same word or same stem ("decided" / "decision" by their first five letters)."""
    return a == b or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5])


FEATURES = [
    "recall",
    "cos",
    "cos_at_best",
    "min_word",
    "min_word_at_best",
    "q25_word",
    "softmin",
    "answer_min_word",
    "idf_least",
    "n_words",
    "q_give",
    "q_recall",
    "novel_recall",
    "specific_min_word",
    "specific_recall",
    "bg_p95",
    "recall_over_bg",
    "recall_z",
    "excess",
    "excess_min_word",
    "contrast",
    "n_sentences",
    "ev_echo_cos",
    "ev_echo_recall",
    "recall_less_echo",
    "answer_echo_cos",
    "ev_number",
    "ev_past",
    "answer_numbers",
    "answer_past",
] + [f"{f}_L{layer}" for layer in LAYERS for f in ("recall", "min_word", "q25_word")]


def feature_table(raw: list[dict]) -> list[dict]:
    by_answer: dict[str, list[dict]] = {}
    for r in raw:
        by_answer.setdefault(r["answer"], []).append(r)
    return [
        {k: r[k] for k in ("part", "answer", "question", "label", "point")}
        | features(r, by_answer[r["answer"]])
        for r in raw
    ]


# ---------------------------------------------------------------------------------------------
# rules


def judge(y: np.ndarray, covered: np.ndarray) -> dict:
    nh = ~covered
    return {
        "accuracy": float((covered == y).mean()),
        "right": int((covered == y).sum()),
        "n": int(len(y)),
        "nh_right": int((~y[nh]).sum()),
        "nh_said": int(nh.sum()),
        "missing": int((~y).sum()),
    }


def f_beta_nh(y: np.ndarray, covered: np.ndarray, beta: float = 0.5) -> float:
    nh, truth = ~covered, ~y
    tp = (nh & truth).sum()
    if tp == 0:
        return 0.0
    p, r = tp / nh.sum(), tp / truth.sum()
    return float((1 + beta**2) * p * r / (beta**2 * p + r))


OBJECTIVE = "f05"


def score(y: np.ndarray, covered: np.ndarray) -> float:
    """What a cut is chosen for: F0.5 of "not heard" (as the shipped threshold), accuracy, or
    ("precision") as many right "not heard" as can be said while 0.85 of them are right."""
    if OBJECTIVE == "f05":
        return f_beta_nh(y, covered)
    if OBJECTIVE == "accuracy":
        return float((covered == y).mean())
    nh = ~covered
    right = int((nh & ~y).sum())
    if not nh.any():
        return 0.0
    precision = right / nh.sum()
    return right + 1000.0 if precision >= 0.85 else precision * min(nh.sum(), 5) / 5


def best_cut(x: np.ndarray, y: np.ndarray) -> float:
    best, best_t = -1.0, 0.0
    for t in np.unique(np.round(x, 4)):
        score_t = score(y, x >= t)
        if score_t > best:
            best, best_t = score_t, float(t)
    return best_t


def _matrix(rows: list[dict], cols: list[str]) -> np.ndarray:
    return np.array([[r[c] for c in cols] for r in rows], dtype=float)


def _labels(rows: list[dict]) -> np.ndarray:
    return np.array([r["label"] != "N" for r in rows])


def fit_threshold(col: str):
    def fit(train):
        t = best_cut(_matrix(train, [col])[:, 0], _labels(train))
        return lambda rows: _matrix(rows, [col])[:, 0] >= t, {"cut": t}

    return fit


def fixed_threshold(col: str, t: float):
    def fit(train):
        return lambda rows: _matrix(rows, [col])[:, 0] >= t, {"cut": t}

    return fit


def fit_and(a: str, b: str):
    """Covered when both features reach their cuts (grid over both, best F0.5)."""

    def fit(train):
        y = _labels(train)
        xa, xb = _matrix(train, [a])[:, 0], _matrix(train, [b])[:, 0]
        ca = np.quantile(xa, np.linspace(0, 0.6, 31))
        cb = np.quantile(xb, np.linspace(0, 0.6, 31))
        best, cut = -1.0, (0.0, 0.0)
        for ta in ca:
            for tb in cb:
                s = score(y, (xa >= ta) & (xb >= tb))
                if s > best:
                    best, cut = s, (float(ta), float(tb))
        return (
            lambda rows: (_matrix(rows, [a])[:, 0] >= cut[0]) & (_matrix(rows, [b])[:, 0] >= cut[1]),
            {"cuts": cut},
        )

    return fit


def fit_logistic(cols: list[str], c: float = 1.0):
    def fit(train):
        from sklearn.linear_model import LogisticRegression

        X, y = _matrix(train, cols), _labels(train)
        mu, sd = X.mean(0), X.std(0) + 1e-9
        lr = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit((X - mu) / sd, y)
        t = best_cut(lr.predict_proba((X - mu) / sd)[:, 1], y)
        return lambda rows: lr.predict_proba((_matrix(rows, cols) - mu) / sd)[:, 1] >= t, {
            "coef": dict(zip(cols, np.round(lr.coef_[0] / sd, 3).tolist(), strict=True)),
            "cut": t,
        }

    return fit


def fit_vectors(vector: str, components: int = 8, c: float = 0.1):
    """Logistic regression on the recall and the first principal components of a 384-d vector: the
    evidence sentence's own embedding (does it read like a general statement or an event?), or its
    element-wise product with the point's."""

    def fit(train):
        from sklearn.decomposition import PCA
        from sklearn.linear_model import LogisticRegression

        y = _labels(train)
        pca = PCA(components, random_state=0).fit(np.array([r[vector] for r in train]))

        def design(rows):
            return np.hstack([_matrix(rows, ["recall"]), pca.transform(np.array([r[vector] for r in rows]))])

        X = design(train)
        mu, sd = X.mean(0), X.std(0) + 1e-9
        lr = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit((X - mu) / sd, y)
        t = best_cut(lr.predict_proba((X - mu) / sd)[:, 1], y)
        return lambda rows: lr.predict_proba((design(rows) - mu) / sd)[:, 1] >= t, {"cut": t}

    return fit


def fit_boosting(cols: list[str]):
    def fit(train):
        from sklearn.ensemble import GradientBoostingClassifier

        X, y = _matrix(train, cols), _labels(train)
        gb = GradientBoostingClassifier(
            n_estimators=150, max_depth=2, learning_rate=0.05, subsample=0.8, random_state=0
        ).fit(X, y)
        # the cut from out-of-fold scores would need a nested loop; in-sample scores of a boosted
        # model are optimistic, so the cut is chosen on 5-fold scores of the training questions
        from sklearn.model_selection import GroupKFold, cross_val_predict

        groups = [r["question"] for r in train]
        p = cross_val_predict(
            GradientBoostingClassifier(
                n_estimators=150, max_depth=2, learning_rate=0.05, subsample=0.8, random_state=0
            ),
            X,
            y,
            groups=groups,
            cv=GroupKFold(5),
            method="predict_proba",
        )[:, 1]
        t = best_cut(p, y)
        return lambda rows: gb.predict_proba(_matrix(rows, cols))[:, 1] >= t, {"cut": t}

    return fit


SOFT_AND = ["min_word", "min_word_at_best", "q25_word", "softmin", "answer_min_word"]
BASELINES = ["novel_recall", "specific_recall", "specific_min_word", "recall_over_bg", "recall_z", "excess"]
BASELINES += ["excess_min_word", "contrast"]
LR_SETS = {
    "LR recall+min_word": ["recall", "min_word"],
    "LR recall+softmin+idf_least": ["recall", "softmin", "idf_least"],
    "LR recall+q_give+q_recall": ["recall", "q_give", "q_recall"],
    "LR recall+bg_p95": ["recall", "bg_p95"],
    "LR recall+excess+novel": ["recall", "excess", "novel_recall"],
    "LR recall+contrast": ["recall", "contrast"],
    "LR word-level (min, q25, softmin, answer_min, idf_least, n_words)": [
        "recall",
        "min_word",
        "q25_word",
        "softmin",
        "answer_min_word",
        "idf_least",
        "n_words",
    ],
    "LR recall+concreteness (number, past tense; sentence and answer)": [
        "recall",
        "ev_number",
        "ev_past",
        "answer_numbers",
        "answer_past",
    ],
    "LR recall+echo of the question (sentence cosine, recall; answer cosine)": [
        "recall",
        "ev_echo_cos",
        "ev_echo_recall",
        "answer_echo_cos",
    ],
    "LR recall+q25_word+layers 3-4": [
        "recall",
        "q25_word",
        "recall_L3",
        "q25_word_L3",
        "recall_L4",
        "q25_word_L4",
    ],
    "LR all features": FEATURES,
}


def rules() -> dict:
    out = {
        f"shipped: recall >= {SHIPPED} (fixed, fitted on dev)": fixed_threshold("recall", SHIPPED),
        "recall, cut refitted": fit_threshold("recall"),
    }
    layered = [f"{f}_L{layer}" for layer in LAYERS for f in ("recall", "min_word", "q25_word")]
    for f in SOFT_AND + BASELINES + ["cos", "recall_less_echo"] + layered:
        out[f"{f}, cut"] = fit_threshold(f)
    for f in SOFT_AND:
        out[f"recall AND {f}"] = fit_and("recall", f)
    for f in ("novel_recall", "excess", "recall_over_bg", "contrast", "recall_less_echo"):
        out[f"recall AND {f}"] = fit_and("recall", f)
    for layer in LAYERS:
        out[f"recall_L{layer} AND q25_word_L{layer}"] = fit_and(f"recall_L{layer}", f"q25_word_L{layer}")
    for name, cols in LR_SETS.items():
        out[name] = fit_logistic(cols)
    for vector in ("evidence_vector", "point_x_evidence"):
        for k in (4, 16):
            out[f"LR recall + {k} principal components of {vector}"] = fit_vectors(vector, k)
    out["boosting, all features"] = fit_boosting(FEATURES)
    out["boosting, recall+word-level+question+bg"] = fit_boosting(
        ["recall", "min_word", "softmin", "idf_least", "n_words", "q_give", "q_recall", "bg_p95", "excess"]
    )
    return out


def loqo(rows: list[dict], fit) -> np.ndarray:
    pred = np.zeros(len(rows), dtype=bool)
    for q in sorted({r["question"] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r["question"] == q]
        rule, _ = fit([r for r in rows if r["question"] != q])
        pred[idx] = rule([rows[i] for i in idx])
    return pred


def auc(x: np.ndarray, y: np.ndarray) -> float:
    pos, neg = x[y], x[~y]
    return float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())


def _line(name: str, j: dict) -> str:
    nh = f"{j['nh_right'] / j['nh_said']:.3f}" if j["nh_said"] else "  -  "
    return (
        f"  {name:58s} acc {j['accuracy']:.3f} ({j['right']}/{j['n']})  'not heard' right {nh} "
        f"({j['nh_right']}/{j['nh_said']})  missing found {j['nh_right']}/{j['missing']}"
    )


def bootstrap_vs(rows: list[dict], a: np.ndarray, b: np.ndarray, n: int = 2000) -> tuple[float, float, float]:
    """Accuracy of b less a, resampling whole questions: mean and 95% interval."""
    y = _labels(rows)
    qs = sorted({r["question"] for r in rows})
    idx = {q: [i for i, r in enumerate(rows) if r["question"] == q] for q in qs}
    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(n):
        pick = np.concatenate([idx[q] for q in rng.choice(qs, len(qs))])
        diffs.append(((b[pick] == y[pick]).mean()) - ((a[pick] == y[pick]).mean()))
    return float(np.mean(diffs)), float(np.quantile(diffs, 0.025)), float(np.quantile(diffs, 0.975))


def same_point_auc(rows: list[dict], feature: str) -> tuple[float, int]:
    """Pairs of answers to the same question where one made a point and the other did not: how
    often the one that made it scores higher. No threshold or per-point baseline can do better than
    the feature's own ordering here, so this is the ceiling for calibrating the feature point by point."""
    groups: dict[tuple[str, str], list[tuple[float, bool]]] = {}
    for r in rows:
        groups.setdefault((r["question"], r["point"]), []).append((r[feature], r["label"] != "N"))
    wins, n = 0.0, 0
    for pairs in groups.values():
        for a, ya in pairs:
            for b, yb in pairs:
                if ya and not yb:
                    n += 1
                    wins += (a > b) + 0.5 * (a == b)
    return wins / max(n, 1), n


def cross_validate(rows: list[dict]) -> dict[str, np.ndarray]:
    y = _labels(rows)
    print(
        f"\nCV, leave one question out over dev + train: {len({r['question'] for r in rows})} questions, "
        f"{len(rows)} points, {int((~y).sum())} not made; cut chosen by {OBJECTIVE} on the other questions"
    )
    preds = {}
    for name, fit in rules().items():
        preds[name] = loqo(rows, fit)
        j = judge(y, preds[name])
        by_part = {
            p: judge(y[m], preds[name][m])
            for p in ("dev", "train")
            if (m := np.array([r["part"] == p for r in rows])).any()
        }
        print(_line(name, j))
        print(
            "      "
            + "; ".join(
                f"{p}: acc {v['accuracy']:.3f}, not heard {v['nh_right']}/{v['nh_said']}"
                for p, v in by_part.items()
            )
        )
    return preds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--heldout", nargs="*", default=None, help="rule names to run once on heldout + fresh")
    ap.add_argument("--recompute", action="store_true")
    ap.add_argument("--objectives", default="f05,accuracy,precision", help="for the CV")
    ap.add_argument("--objective", default="f05", help="for --heldout")
    args = ap.parse_args()
    parts = ["dev", "train"] + (["heldout", "fresh"] if args.heldout is not None else [])
    if CACHE.exists() and not args.recompute and args.heldout is None:
        raw = json.loads(CACHE.read_text())
    else:
        raw = raw_rows(parts)
        if args.heldout is None:
            CACHE.write_text(json.dumps(raw))
    rows = feature_table(raw)
    tune = [r for r in rows if r["part"] in ("dev", "train")]
    print(f"labels, dev + train: {dict(Counter(r['label'] for r in tune))}")
    global OBJECTIVE
    if args.heldout is None:
        y = _labels(tune)
        print("  ranking AUC (covered above not made), dev + train pooled:")
        print("   ", ", ".join(f"{f} {auc(_matrix(tune, [f])[:, 0], y):.3f}" for f in FEATURES))
        for part in ("dev", "train"):
            rows_p = [r for r in tune if r["part"] == part]
            print(f"  the same point in two answers, one made it and one not ({part}): covered scored higher")
            print(
                "   ",
                ", ".join(
                    f"{f} {same_point_auc(rows_p, f)[0]:.3f}"
                    for f in (
                        "recall",
                        "q25_word",
                        "min_word",
                        "specific_recall",
                        "recall_L3",
                        "excess",
                        "cos",
                    )
                ),
                f"({same_point_auc(rows_p, 'recall')[1]} pairs)",
            )
        print(_line("always 'covered' (for scale)", judge(y, np.ones(len(y), dtype=bool))))
        for OBJECTIVE in args.objectives.split(","):
            preds = cross_validate(tune)
            base = preds[f"shipped: recall >= {SHIPPED} (fixed, fitted on dev)"]
            print(
                f"\n  [{OBJECTIVE}] accuracy less the shipped rule's, "
                "whole questions resampled (mean, 95% interval):"
            )
            for name, p in preds.items():
                m, lo, hi = bootstrap_vs(tune, base, p)
                print(f"    {name:58s} {m:+.3f} ({lo:+.3f} to {hi:+.3f})")
        return
    OBJECTIVE = args.objective
    chosen = rules()
    for part in ("heldout", "fresh"):
        test = [r for r in rows if r["part"] == part]
        y = _labels(test)
        print(f"\n{part}: {len(test)} points, labels {dict(Counter(r['label'] for r in test))}")
        for name in args.heldout:
            rule, info = chosen[name](tune)
            print(_line(name, judge(y, rule(test))), info)


if __name__ == "__main__":
    main()
