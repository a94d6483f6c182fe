"""A real interview recording, kept then analysed, for the Review page.

When `coach.interview` offers speaker separation and question → answer turns, its result is
stored turn by turn; until then the whole recording is analysed as one answer, so the page is
useful from day one and stores exactly the shape the turn-based review will.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from coach import store
from coach.audio import SavedRecording, load_audio, save_recording
from coach.config import Settings
from coach.practice import analyze_transcript
from coach.store import Store

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class ReviewResult:
    interview_id: int
    recording: SavedRecording
    transcript: dict
    answers: list[dict]


def time_left(started: float, done_s: float, total_s: float) -> str:
    """'about 40 s left', from the pace so far (empty until there is a pace to go by)."""
    elapsed = time.monotonic() - started
    if done_s <= 0 or total_s <= 0 or elapsed < 1:
        return ""
    remaining = elapsed / done_s * max(total_s - done_s, 0)
    return f"about {remaining / 60:.0f} min left" if remaining >= 90 else f"about {remaining:.0f} s left"


def review_recording(db: Store, settings: Settings, data: bytes, original_name: str, interview_id: int,
                     progress: Progress | None = None, channel: str | None = None) -> ReviewResult:
    """Save the recording, transcribe it, analyse it and store it under the interview."""
    from coach.transcribe import transcribe_audio

    report = progress or (lambda _m, _f: None)
    report("Saving the recording", 0.0)
    recording = save_recording(data, settings, original_name=original_name, kind="interview")
    report("Reading the audio", 0.02)
    audio = load_audio(recording.path, settings, channel=channel)
    started = time.monotonic()

    def on_transcribe(done_s: float, total_s: float) -> None:
        left = time_left(started, done_s, total_s)
        share = done_s / total_s if total_s else 1.0
        report(f"Transcribing: {done_s:.0f} of {total_s:.0f} s" + (f", {left}" if left else ""),
               0.05 + 0.85 * share)

    transcript = transcribe_audio(audio, settings, on_transcribe)
    report("Analysing the answers", 0.92)
    analysis = analyze_transcript(transcript, settings, None)
    answers = [{"question_text": "", "question_id": None, "question_start_s": None, "answer_start_s": 0.0,
                "answer_end_s": transcript.duration_s, "transcript": transcript.to_dict(), "analysis": analysis}]
    store.save_interview_recording(db, interview_id, recording=recording, transcript=transcript.to_dict(),
                                   answers=answers, engine=transcript.engine, model=transcript.model,
                                   candidate_channel=channel)
    report("Done", 1.0)
    return ReviewResult(interview_id, recording, transcript.to_dict(), answers)
