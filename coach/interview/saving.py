"""Keeping a reviewed interview: the upload first (streamed, never lost), then the review's rows.

`coach.audio.save_recording` reads the whole upload into memory, fine for an answer and not for a
90-minute call (a 48 kHz stereo WAV is 1 GB), so a file on disk is copied here in 1 MB blocks,
under the same naming rule and with the same atomic rename.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import date, datetime
from pathlib import Path

from coach.audio import SavedRecording, _safe_part, _safe_suffix, save_recording
from coach.config import Settings
from coach.errors import AudioError, InputError
from coach.interview.resume import WorkDir

BLOCK = 1 << 20


def save_upload(source: bytes | Path, settings: Settings, *, original_name: str = "") -> SavedRecording:
    """Write an interview recording under recordings/interview/ before anything decodes it."""
    if not isinstance(source, Path):
        return save_recording(source, settings, original_name=original_name, kind="interview")
    if not source.is_file():
        raise AudioError(f"No file at {source}; check the path and try again.")
    original_name = original_name or source.name
    now = datetime.now()
    folder = settings.recordings_dir / _safe_part("interview") / now.strftime("%Y-%m")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        digest, size, tmp = _copy(source, folder)
        path = folder / f"{now.strftime('%Y%m%d-%H%M%S')}-{digest[:10]}{_safe_suffix(original_name)}"
        os.replace(tmp, path)
    except OSError as e:
        raise AudioError(f"Could not save the recording in {folder} ({e.strerror}); free some disk space "
                         "or choose a writable data directory.") from e
    return SavedRecording(path=path, sha256=digest, size_bytes=size, original_name=original_name)


def _copy(source: Path, folder: Path) -> tuple[str, int, str]:
    digest, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".saving-")
    try:
        with open(source, "rb") as src, os.fdopen(fd, "wb") as out:
            while block := src.read(BLOCK):
                digest.update(block)
                size += len(block)
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest.hexdigest(), size, tmp


def store_review(store, result: dict, saved: SavedRecording | None, *, interview_id: int | None = None,
                 company: str | None = None, interview_date: date | str | None = None,
                 candidate_channel: str | None = None, chunk_s: float | None = None) -> dict:
    """Save the review's answers as turns of an interview (a new one when `company` is given) and
    open its debrief with the measured facts. Returns the ids written."""
    from coach.store import add_debrief, add_interview, save_interview_recording

    if interview_id is None:
        if not (company or "").strip():
            raise InputError("To save a review, name the interview: --interview ID for one already "
                             "stored, or --company NAME (and --date) for a new one.")
        interview_id = add_interview(store, company=company, interview_date=interview_date or date.today(),
                                     notes="created by coach review")
    answers = [{"question_text": a["question"] or "", "question_id": a["bank_id"],
                "question_start_s": a["question_start_s"], "answer_start_s": a["start_s"],
                "answer_end_s": a["end_s"], "transcript": _answer_transcript(a), "analysis": a["analysis"]}
               for a in result["answers"]]
    rec_id = save_interview_recording(store, interview_id, recording=saved, transcript=result["transcript"],
                                      answers=answers, engine=result["engine"], model=result["model"],
                                      candidate_channel=candidate_channel)
    draft = result["debrief_draft"]
    debrief_id = add_debrief(store, interview_id, went_well=draft["went_well"],
                             could_be_better=draft["could_be_better"], skill_gaps=draft["skill_gaps"],
                             notes=draft["notes"])
    if saved is not None and chunk_s is not None:
        # the transcript now lives in the database; the chunk copies would only linger
        WorkDir(store.settings, saved.sha256, chunk_s).forget()
    return {"interview_id": interview_id, "interview_recording_id": rec_id, "debrief_id": debrief_id,
            "recording": None if saved is None else str(saved.path)}


def _answer_transcript(answer: dict) -> dict:
    a = answer["analysis"]
    return {"transcript": a["transcript"], "duration_s": a["duration_s"], "words": a["words"],
            "offset_s": answer["offset_s"]}


def add_asked_questions(settings: Settings, result: dict) -> list[str]:
    """Unmatched interview questions added to the personal bank as "asked in a real interview"."""
    from coach.banks import add_user_question

    added = []
    for answer in result["answers"]:
        if answer["add_to_bank"] and answer["question"]:
            added.append(add_user_question(settings.data_dir, answer["question"], source="real interview").id)
    return added
