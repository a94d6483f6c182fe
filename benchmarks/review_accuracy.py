"""Accuracy of `coach review` on generated interviews with ground truth.

    .venv/bin/python benchmarks/review_accuracy.py

Builds varied interviews from espeak-ng voices into a temporary folder (scripts/
make_interview_clips.py: different question sets, orders, gaps, mono/stereo/noisy/telephone,
two or three voices) and a practice take in the candidate's voice for the enrollment profile.
For each interview it reports speaker attribution of speech time (coach.interview.evaluation):
- with enrollment: the candidate chosen by the voice profile, scored as labelled;
- without: clustering, scored after the user's pick from the snippets (best label mapping),
  and as guessed (the speaker who talks most taken to be the candidate);
- stereo files also by channel;
and how many interviewer questions were found, and matched to the right bank question.
Bars from issue 8: >= 90% with enrollment, >= 85% without, >= 90% of questions found.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_interview_clips as clips  # noqa: E402

from coach.banks import load_questions  # noqa: E402
from coach.config import load_settings  # noqa: E402
from coach.interview.evaluation import attribution_accuracy, questions_found  # noqa: E402
from coach.interview.review import ReviewOptions, review  # noqa: E402
from coach.interview.speakers import profile_from_recordings  # noqa: E402

# name, question/answer pairs, form, noise SNR (dB), second interviewer
CASES = [
    ("mono-a", [0, 1, 2, 3], "mono", None, False),
    ("mono-b", [4, 5, 6, 7], "mono", None, False),
    ("stereo", [2, 6, 1, 5], "stereo", None, False),
    ("noise-15dB", [3, 7, 0, 4], "mono", 15.0, False),
    ("noise-10dB", [5, 1, 6, 2], "mono", 10.0, False),
    ("phone", [7, 3, 5, 0], "phone", None, False),
    ("three-voices", [1, 4, 6, 3], "mono", None, True),
    ("three-voices-phone", [0, 2, 5, 7], "phone", None, True),
]


def candidate_profile(tmp: Path, settings):
    """The generated candidate's voice profile, from a practice take of theirs written to `tmp`."""
    practice = tmp / "practice.flac"
    tracks, _ = clips.render([clips.Line("candidate", clips.PRACTICE_TEXT, "answer")], seed=99)
    clips.write(practice, clips.mono_mix(tracks))
    return profile_from_recordings([practice], settings)


def main() -> None:
    questions = load_questions()
    rows = []
    with tempfile.TemporaryDirectory(prefix="review-accuracy-") as name:
        tmp = Path(name)
        settings = load_settings(data_dir=tmp / "data")
        profile = candidate_profile(tmp, settings)
        for seed, (case, pairs, form, snr, second) in enumerate(CASES):
            suffix = ".wav" if form == "phone" else ".flac"
            info = clips.build_interview(
                tmp / f"{case}{suffix}",
                clips.interview_script(pairs, second_interviewer=second, backchannel=seed % 2 == 0),
                form=form,
                seed=100 + seed,
                snr_db=snr,
            )
            path, truth = tmp / f"{case}{suffix}", info["turns"]
            n = 3 if second else None

            def run(path=path, n=n, **options):
                return review(path, settings, ReviewOptions(n_speakers=n, **options), questions=questions)

            enrolled = run(profile=profile)
            plain = run()
            row = {
                "case": case,
                "minutes": info["duration_s"] / 60,
                "enrolled": attribution_accuracy(enrolled["turns"], truth, best_mapping=second),
                # who spoke when from the sound (the voice detector's speech), not the words
                "speech": attribution_accuracy(enrolled["speech_turns"], truth, best_mapping=second),
                "picked": attribution_accuracy(plain["turns"], truth, best_mapping=True),
                "guessed": attribution_accuracy(plain["turns"], truth, best_mapping=second),
                "channel": None,
                **questions_found(enrolled["answers"], truth),
            }
            if form == "stereo":
                row["channel"] = attribution_accuracy(run(candidate_channel="left")["turns"], truth)
            rows.append(row)
            _print_row(row)
    _print_summary(rows)


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def _print_row(r: dict) -> None:
    print(
        f"{r['case']:<20} {r['minutes']:4.1f} min  enrolled {_pct(r['enrolled'])} "
        f"(turns of speech {_pct(r['speech'])})  "
        f"picked {_pct(r['picked'])}  guessed {_pct(r['guessed'])}  channel {_pct(r['channel'])}  "
        f"questions {r['found']}/{r['questions']}"
        f" (bank match {r['bank_matched']})",
        flush=True,
    )


def _print_summary(rows: list[dict]) -> None:
    enrolled = statistics.fmean(r["enrolled"] for r in rows)
    picked = statistics.fmean(r["picked"] for r in rows)
    guessed = statistics.fmean(r["guessed"] for r in rows)
    asked = sum(r["questions"] for r in rows)
    found = sum(r["found"] for r in rows)
    matched = sum(r["bank_matched"] for r in rows)
    print(
        f"\nmean speaker attribution of speech time: with enrollment {_pct(enrolled)} (bar 90%), "
        f"without (user's pick) {_pct(picked)} (bar 85%), without (guess) {_pct(guessed)}; "
        f"worst case with enrollment {_pct(min(r['enrolled'] for r in rows))}"
    )
    print(
        "turns of speech (who spoke when from the voice detector's speech, not the words), with "
        f"enrollment: mean {_pct(statistics.fmean(r['speech'] for r in rows))}, "
        f"worst {_pct(min(r['speech'] for r in rows))}"
    )
    print(
        f"questions found {found}/{asked} = {_pct(found / asked)} (bar 90%); "
        f"matched to the right bank question {matched}/{asked} = {_pct(matched / asked)}"
    )


if __name__ == "__main__":
    main()
