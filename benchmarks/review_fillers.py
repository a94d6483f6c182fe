"""Fillers in a reviewed interview against the same answers analysed as practice (issue 18).

    .venv/bin/python benchmarks/review_fillers.py [--cases mono,phone,...]

Builds generated interviews whose candidate answers have fillers written in
(scripts/make_interview_clips.py, FILLED_ANSWERS: um, uh, like and you know, 4 an answer, said by
espeak-ng) into a temporary folder. Each interview is reviewed (`coach.interview.review`, with the
voice profile from a practice take); each candidate answer is also cut from the same recording at
its true times and analysed alone through the practice orchestrator (`coach.practice`). For every
answer it prints the fillers the review found, the fillers practice found, and the fillers written
in; then the gap between review and practice (|review - practice| / practice) per answer, mean and
worst (also over the answers whose time the review gave to the candidate, so a gap from
speaker separation is told apart), and how many of the written-in fillers each path found.
Target: within 20% of practice.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
import make_interview_clips as clips  # noqa: E402

# name, question/answer pairs, form, noise SNR (dB), second interviewer
CASES = [
    ("mono", [0, 1, 2, 3], "mono", None, False),
    ("mono-b", [4, 5, 6, 7], "mono", None, False),
    ("stereo", [2, 6, 1, 5], "stereo", None, False),
    ("noise-15dB", [3, 7, 0, 4], "mono", 15.0, False),
    ("phone", [7, 3, 5, 0], "phone", None, False),
    ("three-voices", [1, 4, 6, 3], "mono", None, True),
]
# Written-in fillers are whole words; the analysis also lists repetitions and false starts.
SPOKEN_KINDS = ("filled_pause", "discourse_marker")
MARGIN_S = 0.3
# An answer the review gave to you for less of its time than this lost words to another voice:
# its gap is speaker separation's, not the filler count's.
SEPARATED = 0.9  # of silence kept around an answer cut out for practice, as a take has


def filler_counts(analysis: dict) -> tuple[int, int]:
    """All fillers the analysis lists (what a user sees counted), and those of the written-in kinds."""
    fillers = analysis.get("fillers") or []
    return len(fillers), sum(f["kind"] in SPOKEN_KINDS for f in fillers)


def review_answer_for(answers: list[dict], turn: dict) -> dict | None:
    """The review's answer that covers most of a true answer turn."""

    def overlap(a: dict) -> float:
        return max(0.0, min(a["end_s"], turn["end_s"]) - max(a["start_s"], turn["start_s"]))

    best = max(answers, key=overlap, default=None)
    return best if best is not None and overlap(best) > 0 else None


def heard_as_candidate(turns: list[dict], turn: dict) -> float:
    """Share of a true answer's time the review gave to the candidate (the rest went to others)."""
    mine = sum(
        max(0.0, min(t["end_s"], turn["end_s"]) - max(t["start_s"], turn["start_s"]))
        for t in turns
        if t["speaker"] == "candidate"
    )
    return mine / (turn["end_s"] - turn["start_s"])


def cut_answer(recording: Path, turn: dict, out: Path) -> Path:
    """The candidate's answer alone, cut from the interview recording at its true times."""
    import soundfile

    samples, rate = soundfile.read(str(recording), dtype="float32", always_2d=True)
    start = max(0, int((turn["start_s"] - MARGIN_S) * rate))
    end = min(len(samples), int((turn["end_s"] + MARGIN_S) * rate))
    soundfile.write(str(out), samples[start:end].mean(axis=1), rate, subtype="PCM_16")
    return out


def measure_case(case: tuple, tmp: Path, settings, profile, questions, seed: int) -> list[dict]:
    from coach.interview.review import ReviewOptions, review
    from coach.practice import practice_answer

    name, pairs, form, snr, second = case
    path = tmp / f"{name}{'.wav' if form == 'phone' else '.flac'}"
    info = clips.build_interview(
        path,
        clips.interview_script(pairs, second_interviewer=second, fillers=True),
        form=form,
        seed=200 + seed,
        snr_db=snr,
    )
    options = ReviewOptions(n_speakers=3 if second else None, profile=profile)
    result = review(path, settings, options, questions=questions)
    rows = []
    for k, turn in enumerate(t for t in info["turns"] if t["kind"] == "answer"):
        found = review_answer_for(result["answers"], turn)
        take = practice_answer(cut_answer(path, turn, tmp / f"{name}-{k}.wav"), settings, save=False)
        review_all, review_spoken = filler_counts(found["analysis"]) if found else (0, 0)
        practice_all, practice_spoken = filler_counts(take.analysis)
        rows.append(
            {
                "case": name,
                "answer": k + 1,
                "written": clips.written_fillers(turn["text"]),
                "review": review_all,
                "review_spoken": review_spoken,
                "practice": practice_all,
                "practice_spoken": practice_spoken,
                "gap": abs(review_all - practice_all) / max(practice_all, 1),
                "yours": heard_as_candidate(result["turns"], turn),
            }
        )
        print(_row(rows[-1]), flush=True)
    return rows


def _row(r: dict) -> str:
    return (
        f"{r['case']:<14} answer {r['answer']}  written {r['written']}  "
        f"review {r['review']:2d} ({r['review_spoken']} um/uh/like/you know)  "
        f"practice {r['practice']:2d} ({r['practice_spoken']})  gap {100 * r['gap']:5.1f}%  "
        f"given to you {100 * r['yours']:3.0f}%"
    )


def summary(rows: list[dict]) -> str:
    written = sum(r["written"] for r in rows)
    gaps = [r["gap"] for r in rows]
    within = sum(g <= 0.2 for g in gaps)
    mean = statistics.fmean(gaps)
    separated = [r["gap"] for r in rows if r["yours"] >= SEPARATED]
    return (
        f"\n{len(rows)} answers: review vs practice filler count gap mean {100 * mean:.1f}%, "
        f"worst {100 * max(gaps):.1f}%, within 20%: {within}/{len(rows)} (target: all)\n"
        f"{len(separated)} answers given to you for at least {100 * SEPARATED:.0f}% of their time: "
        f"gap mean {100 * statistics.fmean(separated or [0]):.1f}%, "
        f"worst {100 * max(separated or [0]):.1f}%, "
        f"within 20%: {sum(g <= 0.2 for g in separated)}/{len(separated)}\n"
        f"fillers found of {written} written in: review {sum(r['review_spoken'] for r in rows)} "
        f"(all kinds {sum(r['review'] for r in rows)}), practice {sum(r['practice_spoken'] for r in rows)} "
        f"(all kinds {sum(r['practice'] for r in rows)})"
    )


def main() -> None:
    from benchmarks.review_accuracy import candidate_profile
    from coach.banks import load_questions
    from coach.config import load_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(c[0] for c in CASES))
    args = parser.parse_args()
    chosen = [c for c in CASES if c[0] in args.cases.split(",")]
    questions = load_questions()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="review-fillers-") as name:
        tmp = Path(name)
        settings = load_settings(data_dir=tmp / "data")
        profile = candidate_profile(tmp, settings)
        for seed, case in enumerate(chosen):
            rows += measure_case(case, tmp, settings, profile, questions, seed)
    print(summary(rows))


if __name__ == "__main__":
    main()
