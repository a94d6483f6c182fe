"""Three voices (two interviewers and the candidate): the TUNING interviews only.

    .venv/bin/python benchmarks/three_voices_tune.py

Builds the three-voice tuning interviews (scripts/make_interview_clips.py `tuning_interviews`:
espeak-ng voices other than the reported set's, the second interviewer a man like the candidate)
into /tmp/coach-three-voices-tune, transcribes each once (cached there), and prints for each, told
three people speak and not told, with and without the candidate's voice profile: voices found,
speaker attribution (turns of words and turns of speech) and the share of each answer's time given
to the candidate, and how many questions went to an interviewer (a question given to the candidate
joins two answers into one). Anything chosen for three voices in coach/interview/speakers.py is
chosen here; the reported interviews (benchmarks/review_accuracy.py, review_fillers.py) never
choose anything.
"""

from __future__ import annotations

import pickle
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
import make_interview_clips as clips  # noqa: E402

from coach.config import load_settings  # noqa: E402
from coach.interview.evaluation import attribution_accuracy  # noqa: E402
from coach.interview.listen import listen  # noqa: E402
from coach.interview.review import ReviewOptions, attribute  # noqa: E402
from coach.interview.speakers import profile_from_recordings  # noqa: E402
from coach.interview.turns import make_turns  # noqa: E402

WORK = Path("/tmp/coach-three-voices-tune")


def heard_all() -> list[tuple[str, object, dict, object]]:
    """(name, listen() result, ground truth, voice profile) of each tuning interview, cached."""
    cached = WORK / "heard.pkl"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    settings = load_settings(data_dir=WORK / "data")
    out = []
    for clip, info, practice in clips.tuning_interviews(WORK):
        out.append((clip.stem, listen(clip, settings), info, profile_from_recordings([practice], settings)))
        print(f"transcribed {clip.name}", flush=True)
    cached.write_bytes(pickle.dumps(out))
    return out


def answer_shares(turns: list[dict], truth: list[dict]) -> list[float]:
    """Share of each true answer's time the review gave to the candidate."""
    shares = []
    for t in truth:
        if t["kind"] == "answer":
            mine = sum(
                max(0.0, min(x["end_s"], t["end_s"]) - max(x["start_s"], t["start_s"]))
                for x in turns
                if x["speaker"] == "candidate"
            )
            shares.append(mine / (t["end_s"] - t["start_s"]))
    return shares


def questions_apart(turns: list[dict], truth: list[dict]) -> int:
    """Questions the review gave mostly (over half their time) to someone other than the candidate:
    a question given to the candidate joins the answers before and after it into one."""
    apart = 0
    for t in truth:
        if t["kind"] == "question":
            theirs = sum(
                max(0.0, min(x["end_s"], t["end_s"]) - max(x["start_s"], t["start_s"]))
                for x in turns
                if x["speaker"] != "candidate"
            )
            apart += theirs > (t["end_s"] - t["start_s"]) / 2
    return apart


def measure(heard, truth: list[dict], profile, n_speakers: int | None) -> dict:
    who = attribute(heard, ReviewOptions(n_speakers=n_speakers, profile=profile))
    turns = [t.to_dict() for t in make_turns(heard.words, who.labels)]
    best = profile is None
    return {
        "voices": len(who.clusters),
        "words": attribution_accuracy(turns, truth, best_mapping=best),
        "speech": attribution_accuracy(list(who.speech_turns), truth, best_mapping=best),
        "answers": answer_shares(turns, truth) if profile is not None else [],
        "questions": (questions_apart(turns, truth), sum(t["kind"] == "question" for t in truth)),
    }


def main() -> None:
    rows = []
    for name, heard, info, profile in heard_all():
        for told in (3, None):
            for prof in (profile, None):
                r = measure(heard, info["turns"], prof, told)
                r.update(name=name, told=told, profile=prof is not None)
                rows.append(r)
                shares = " ".join(f"{100 * s:3.0f}" for s in r["answers"])
                print(
                    f"{name:<10} told {told or '-'}  profile {'yes' if r['profile'] else 'no ':<3}  "
                    f"voices {r['voices']}  words {100 * r['words']:5.1f}%  speech {100 * r['speech']:5.1f}%"
                    + (f"  answers given to you (%): {shares}" if shares else "")
                    + (
                        f"  questions given to an interviewer {r['questions'][0]}/{r['questions'][1]}"
                        if shares
                        else ""
                    ),
                    flush=True,
                )
    for told in (3, None):
        for prof in (True, False):
            chosen = [r for r in rows if r["told"] == told and r["profile"] == prof]
            shares = [s for r in chosen for s in r["answers"]]
            print(
                f"told {told or '-'} profile {'yes' if prof else 'no '}: words mean "
                f"{100 * statistics.fmean(r['words'] for r in chosen):.1f}% worst "
                f"{100 * min(r['words'] for r in chosen):.1f}%, speech mean "
                f"{100 * statistics.fmean(r['speech'] for r in chosen):.1f}%, three voices found "
                f"{sum(r['voices'] == 3 for r in chosen)}/{len(chosen)}"
                + (
                    f", answers given to you for >= 90%: {sum(s >= 0.9 for s in shares)}/{len(shares)}, "
                    f"questions given to an interviewer: {sum(r['questions'][0] for r in chosen)}/"
                    f"{sum(r['questions'][1] for r in chosen)}"
                    if shares
                    else ""
                )
            )


if __name__ == "__main__":
    main()
