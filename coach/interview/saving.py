"""Keeping a reviewed interview: the upload first (streamed, never lost), then the review's rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from coach import local_time
from coach.audio import SavedRecording, save_recording
from coach.config import Settings
from coach.errors import InputError


def save_upload(
    source: bytes | Path, settings: Settings, *, original_name: str = "", sha256: str | None = None
) -> SavedRecording:
    """Write an interview recording under recordings/interview/ before anything decodes it
    (`sha256`: its hash when already taken, so it is not taken again)."""
    return save_recording(source, settings, original_name=original_name, kind="interview", sha256=sha256)


def store_review(
    store,
    settings: Settings,
    result: dict,
    saved: SavedRecording | None,
    *,
    interview_id: int | None = None,
    company: str | None = None,
    role: str | None = None,
    stage: str | None = None,
    interview_date: date | str | None = None,
    candidate_channel: str | None = None,
) -> dict:
    """Save the review's answers as turns of an interview (a new one when `company` is given) and
    open its debrief with the measured facts of the whole interview: the result's debrief draft
    becomes the interview's (`whole_interview_draft`). Returns the ids written."""
    from coach.store import replace_interview_answers, save_interview_recording
    from coach.store.recordings import discard_copy

    interview_id = _logged(store, interview_id, company, role, stage, interview_date)
    answers = answer_rows(result)
    again = _kept_copy_of(store, interview_id, saved)
    if again is not None:  # the same file uploaded again: its answers replaced, not listed twice
        rec_id = replace_interview_answers(
            store,
            again["id"],
            transcript=result["transcript"],
            answers=answers,
            engine=result["engine"],
            model=result["model"],
            conversation=result["metrics"],
            shown=shown_beside_answers(result),
        )
        discard_copy(saved.path)
        saved = replace(saved, path=store.absolute(again["recording_path"]))
    else:
        rec_id = save_interview_recording(
            store,
            interview_id,
            recording=saved,
            transcript=result["transcript"],
            answers=answers,
            engine=result["engine"],
            model=result["model"],
            candidate_channel=candidate_channel,
            conversation=result["metrics"],
            shown=shown_beside_answers(result),
        )
    # One debrief an interview: the same recording uploaded again, or another recording of the same
    # interview, brings the open draft up to date (what the user wrote stays) instead of adding one.
    debrief = _open_debrief(store, interview_id)  # read once: refreshed, or its id returned as it is
    result["debrief_draft"] = whole_interview_draft(store, settings, interview_id)
    drafted = _refresh(store, interview_id, result["debrief_draft"], debrief)
    debrief_id = drafted or (debrief or {}).get("id")
    # The chunk copies (words and voice windows) stay in the private work folder, so reviewing
    # again with another number of speakers or your voice picked does not transcribe again.
    return {
        "interview_id": interview_id,
        "interview_recording_id": rec_id,
        "debrief_id": debrief_id,
        "drafted": drafted is not None,  # the review's lines are in it (a debrief all the user's is not)
        "recording": None if saved is None else str(saved.path),
    }


def keep_unanalysed(
    store,
    saved: SavedRecording,
    why: str,
    *,
    interview_id: int | None = None,
    company: str | None = None,
    role: str | None = None,
    stage: str | None = None,
    interview_date: date | str | None = None,
    candidate_channel: str | None = None,
) -> dict:
    """A recording that could be audio but could not be reviewed (silent, no speech heard, too
    long) kept with its interview, logged now when new: its debrief can still be written, and
    deleting the interview deletes the recording. `why` is kept beside it for the Interviews page.
    Returns the ids written, like `store_review`."""
    from coach.store import save_interview_recording
    from coach.store.recordings import discard_copy, note_not_analysable

    interview_id = _logged(store, interview_id, company, role, stage, interview_date)
    again = _kept_copy_of(store, interview_id, saved)
    if again is not None:  # the same file uploaded again: one copy, one row
        discard_copy(saved.path)
        saved, rec_id = replace(saved, path=store.absolute(again["recording_path"])), again["id"]
    else:
        rec_id = save_interview_recording(
            store,
            interview_id,
            recording=saved,
            transcript=None,
            answers=[],
            engine="",
            model="",
            candidate_channel=candidate_channel,
        )
    note_not_analysable(saved.path, why, saved.original_name)
    return {
        "interview_id": interview_id,
        "interview_recording_id": rec_id,
        "debrief_id": None,
        "recording": str(saved.path),
    }


def check_saving_place(interview_id: int | None, company: str | None) -> None:
    """A review to save needs its interview: one stored, or a company to log a new one at."""
    if interview_id is None and not (company or "").strip():
        raise InputError(
            "To save a review, name the interview: --interview ID for one already "
            "stored, or --company NAME (and --date) for a new one."
        )


def _logged(store, interview_id, company, role, stage, interview_date) -> int:
    """The interview the review goes under: `interview_id`, or one logged now at `company`."""
    from coach.store import add_interview

    if interview_id is not None:
        return interview_id
    check_saving_place(interview_id, company)
    return add_interview(
        store,
        company=company,
        role=role or "",
        stage=stage or "",
        interview_date=interview_date or local_time.today(),
        notes="Logged from its recording.",  # shown on the Interviews page: words, not a command
    )


def _kept_copy_of(store, interview_id: int, saved: SavedRecording | None) -> dict | None:
    """The interview's reviewed recording with the same bytes as `saved`, still kept; else None."""
    from coach.store import get_interview, interview_recording

    if saved is None:
        return None
    for listed in get_interview(store, interview_id)["recordings"]:
        kept = interview_recording(store, listed["id"])
        if kept.get("recording_sha256") == saved.sha256 and kept.get("recording_path"):
            if store.absolute(kept["recording_path"]).exists():
                return kept
    return None


def whole_interview_draft(store, settings: Settings, interview_id: int) -> dict:
    """The debrief draft of the interview as stored, every reviewed recording of it together
    (coach.interview.draft.interview_draft): a review saved into it, or done again, brings its
    debrief this draft, not one of its own recording alone."""
    from coach.banks import load_questions
    from coach.interview.draft import interview_draft
    from coach.store import get_interview

    practisable = {q.id for q in load_questions(settings.data_dir, owner=settings.owner)}
    return interview_draft(get_interview(store, interview_id), practisable, settings)


def refresh_debrief(store, interview_id: int, draft: dict) -> int | None:
    """The interview's debrief brought up to date with a newer review: the old draft's measured
    lines give way to `draft`'s (the whole interview's, `whole_interview_draft`), and every line
    the user wrote, and every field the draft does not fill, stays (coach.interview.draft). A
    debrief that holds nothing of a review's (the user wrote it all) is left as it is. With no
    debrief yet, the draft becomes it when the review measured something (`_add_draft`). Returns
    the id of the debrief refreshed or added."""
    return _refresh(store, interview_id, draft, _open_debrief(store, interview_id))


def _open_debrief(store, interview_id: int) -> dict | None:
    """The interview's debrief as stored (the one its form edits), or None when it has none."""
    from coach.debrief import latest_debrief
    from coach.store import list_debriefs

    return latest_debrief(list_debriefs(store, interview_id=interview_id))


def _refresh(store, interview_id: int, draft: dict, debrief: dict | None) -> int | None:
    """`refresh_debrief` with the interview's debrief already read (`_open_debrief`)."""
    from coach.debrief import from_review
    from coach.interview.draft import MEASURED_FIELDS, is_measured, refreshed
    from coach.store import update_debrief

    if debrief is None:
        return _add_draft(store, interview_id, draft)
    lines = [line for field in MEASURED_FIELDS for line in (debrief.get(field) or "").splitlines()]
    if not from_review(debrief) and not any(is_measured(line) for line in lines):
        return None
    update_debrief(store, debrief["id"], **refreshed(debrief, draft))
    return debrief["id"]


def refresh_debrief_questions(store, settings: Settings, interview_id: int, heard_before: list[str]) -> None:
    """After a recording of the interview is reviewed again: the questions list its debrief saved
    holds the new review's questions in place of the old review's (`heard_before`), the lines the
    user typed kept. It had kept the old ones until the form was saved again, so the Interviews page
    offered a sentence of the user's own, taken for the interviewer's, as a practice question."""
    from coach.debrief import heard_questions, latest_debrief, notes_heard_again
    from coach.store import get_interview, update_debrief

    interview = get_interview(store, interview_id)
    debrief = latest_debrief(interview["debriefs"])
    if debrief is None:
        return
    notes = notes_heard_again(debrief.get("notes") or "", heard_before, heard_questions(interview, settings))
    if notes != (debrief.get("notes") or ""):
        update_debrief(store, debrief["id"], notes=notes)


def _add_draft(store, interview_id: int, draft: dict) -> int | None:
    """The review's draft stored as the interview's debrief, or None when it measured nothing (one
    voice heard): an empty debrief the user never wrote showed in the log as theirs."""
    from coach.store import add_debrief

    if not (draft["went_well"] or draft["could_be_better"]):
        return None
    return add_debrief(
        store,
        interview_id,
        went_well=draft["went_well"],
        could_be_better=draft["could_be_better"],
        skill_gaps=draft["skill_gaps"],
        notes=draft["notes"],
    )


def forget_review_work(store, interview_id: int) -> None:
    """Remove the words and voice windows kept for reviewing an interview's recordings again
    (they hold its transcript and voiceprints), in the work folder and in the database: called
    before its audio or the interview goes."""
    from coach.interview.resume import forget_recording
    from coach.store import get_interview, interview_recording
    from coach.store.review_work import forget_kept_work

    kept_ids = [kept["id"] for kept in get_interview(store, interview_id)["recordings"]]
    for kept_id in kept_ids:
        sha256 = interview_recording(store, kept_id).get("recording_sha256")
        if sha256:
            forget_recording(store.settings, sha256)
    forget_kept_work(store, kept_ids)


# What of a review its page shows beside the answers, kept with the reviewed recording.
SHOWN_BESIDE_ANSWERS = ("turns", "speech_turns", "speakers", "identification", "warnings")


def shown_beside_answers(result: dict) -> dict:
    """What the Review page shows of a review beside its answers (the conversation as said, who spoke
    when, each voice with its snippet, which voice is the candidate's, the warnings), as the store
    keeps it: a review done elsewhere (a cohort's worker) is shown whole from it."""
    return {key: result.get(key) for key in SHOWN_BESIDE_ANSWERS}


def answer_rows(result: dict) -> list[dict]:
    """The review's answers as the store keeps them."""
    return [
        {
            "question_text": a["question"] or "",
            "question_id": a["bank_id"],
            "question_start_s": a["question_start_s"],
            "answer_start_s": a["start_s"],
            "answer_end_s": a["end_s"],
            "transcript": _answer_transcript(a),
            "analysis": a["analysis"],
        }
        for a in result["answers"]
    ]


def _answer_transcript(answer: dict) -> dict:
    a = answer["analysis"]
    return {
        "transcript": a["transcript"],
        "duration_s": a["duration_s"],
        "words": a["words"],
        "offset_s": answer["offset_s"],
        "others": answer.get("others") or [],
    }


def add_asked_questions(settings: Settings, result: dict) -> list[str]:
    """Unmatched interview questions added to the personal bank as "asked in a real interview":
    cleaned of "um"s and broken-off starts, and not added when the bank or your own questions
    already hold it in other words (the same match the review uses)."""
    from coach.banks import keep_question, load_questions
    from coach.interview.matching import match_question
    from coach.interview.turns import asked_question_text

    added = []
    for answer in result["answers"]:
        text = asked_question_text(answer["question"] or "")
        if not (answer["add_to_bank"] and text):
            continue
        if match_question(text, load_questions(settings.data_dir, owner=settings.owner)).bank_id is not None:
            continue  # already there in other words
        question, is_new = keep_question(
            settings.data_dir, text, source="real interview", owner=settings.owner
        )
        if is_new:
            added.append(question.id)
    return added
