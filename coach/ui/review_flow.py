"""A real interview recording, kept then reviewed by `coach.interview`, for the Review page.

The recording is saved before anything decodes it. `coach.interview.review` tells the speakers
apart and cuts the conversation into question → answer turns; when it finds no interviewer
question (one voice, a monologue), the whole recording is analysed as one answer so the page
still has something to show.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from coach import banks, store
from coach.audio import SavedRecording
from coach.config import Settings
from coach.practice import analyze_transcript
from coach.store import Store
from coach.types import Transcript

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class ReviewResult:
    interview_id: int
    recording: SavedRecording
    transcript: dict
    answers: list[dict]  # question_text, question_id, analysis, start_s, end_s
    turns: list[dict]  # speaker, start_s, end_s, text
    warnings: list[str]
    identification: str = ""


def time_left(started: float, done_s: float, total_s: float) -> str:
    """'about 40 s left', from the pace so far (empty until there is a pace to go by)."""
    elapsed = time.monotonic() - started
    if done_s <= 0 or total_s <= 0 or elapsed < 1:
        return ""
    remaining = elapsed / done_s * max(total_s - done_s, 0)
    return f"about {remaining / 60:.0f} min left" if remaining >= 90 else f"about {remaining:.0f} s left"


def review_recording(
    db: Store,
    settings: Settings,
    data: bytes,
    original_name: str,
    interview_id: int,
    progress: Progress | None = None,
    channel: str | None = None,
    n_speakers: int | None = None,
) -> ReviewResult:
    """Save the recording, review it, and store its answers (and a debrief draft) under the interview."""
    from coach.interview.profile import voice_profile
    from coach.interview.review import ReviewOptions, review
    from coach.interview.saving import save_upload, store_review

    report = progress or (lambda _m, _f: None)
    report("Saving the recording", 0.0)
    saved = save_upload(data, settings, original_name=original_name)
    profile, _ = voice_profile(db) if channel is None else (None, 0)
    options = ReviewOptions(candidate_channel=channel, profile=profile, n_speakers=n_speakers)

    def on_progress(p) -> None:
        share = p.done_s / p.total_s if p.total_s else 0.0
        report(p.line().capitalize(), 0.03 + 0.9 * min(share, 1.0))

    result = review(
        saved.path,
        settings,
        options,
        questions=banks.load_questions(settings.data_dir),
        practice_attempts=store.list_attempts(db),
        progress=on_progress,
        sha256=saved.sha256,
    )
    report("Saving the answers", 0.95)
    if not result["answers"]:
        result["answers"] = [_whole_recording(result, settings)]
    store_review(
        db, result, saved, interview_id=interview_id, candidate_channel=channel, chunk_s=options.chunk_s
    )
    answers = [
        {
            "question_text": a["question"] or "",
            "question_id": a["bank_id"],
            "bank_question": a.get("bank_question"),
            "start_s": a["start_s"],
            "end_s": a["end_s"],
            "analysis": a["analysis"],
        }
        for a in result["answers"]
    ]
    report("Done", 1.0)
    return ReviewResult(
        interview_id,
        saved,
        result["transcript"],
        answers,
        result["turns"],
        result["warnings"],
        result["identification"].get("note", ""),
    )


def _whole_recording_problems(result: dict) -> list[str]:
    """With two voices and no question found, the whole recording holds the interviewer's words too."""
    identification = result["identification"]
    if identification["method"] == "one voice":
        return list(identification.get("unscorable") or [])  # [] when the user said only they speak
    return [
        "No interviewer question was recognised, so the whole recording, the interviewer's words "
        "included, is shown as one answer and not scored."
    ]


def _whole_recording(result: dict, settings: Settings) -> dict:
    """No question → answer pair was found: the whole recording as one answer, in review's shape."""
    transcript = Transcript.from_dict(result["transcript"])
    return {
        "question": "",
        "bank_id": None,
        "bank_question": None,
        "question_start_s": None,
        "start_s": 0.0,
        "end_s": result["duration_s"],
        "offset_s": 0.0,
        "analysis": analyze_transcript(
            transcript, settings, None, _whole_recording_problems(result), interview=True
        ),
    }
