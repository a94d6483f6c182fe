"""A real interview recording reviewed and kept: the one orchestrator the Review page and
`coach review` both call, so the app and the terminal save the same answers.

The recording is saved before anything decodes it. `coach.interview.review` tells the speakers
apart and cuts the conversation into question → answer turns; when it finds no interviewer
question (one voice, a monologue), the whole recording is analysed as one answer so there is
still something to show and to keep.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from coach import banks, local_time, store
from coach.analysis.quality import NO_QUESTION_FOUND
from coach.audio import AudioReader, SavedRecording
from coach.config import Settings
from coach.debrief import heard_questions
from coach.errors import (
    CoachError,
    InputError,
    LanguageModelError,
    ModelError,
    NotAudioError,
    StorageError,
    printable,
    said_name,
)
from coach.files import file_sha256
from coach.interview.chunks import CHUNK_S
from coach.interview.listen import DONE, SAVING, SAVING_FROM, ProgressHandler, ReviewCancelled
from coach.interview.resume import forget_recording, packed_work, unpack_work
from coach.interview.review import ReviewOptions, review, said_too_little
from coach.interview.saving import (
    answer_rows,
    check_saving_place,
    keep_unanalysed,
    refresh_debrief,
    refresh_debrief_questions,
    save_upload,
    shown_beside_answers,
    store_review,
    whole_interview_draft,
)
from coach.interview_log import interview_choice, interview_with_stage
from coach.local_time import long_date
from coach.practice import analyze_transcript
from coach.store import Store
from coach.store.recordings import (
    discard_copy,
    forget_question,
    note_review,
    note_review_stopped,
    noted_review,
)
from coach.store.review_work import keep_review_work, kept_review_work
from coach.store.rows import parse_date
from coach.types import Transcript

# The kept recordings being reviewed right now in this process (the app serves every browser tab
# from one): a review running in another tab is not offered as one stopped midway.
REVIEWING: set[str] = set()


class KeptUnanalysed(CoachError):
    """The recording could not be reviewed, but it is kept with its interview in the log (logged now
    when new): `saved` holds the ids written, as a review's result does. The message is the cause's."""

    def __init__(self, cause: CoachError, saved: dict):
        super().__init__(str(cause), in_app=cause.in_app, on_server=cause.on_server)
        self.cause = cause
        self.saved = saved


class AlreadyKept(InputError):
    """The recording uploaded for a new interview is already kept with one in the log: reviewing it
    into a new one would log the same interview twice, so nothing is kept, and the sentence names
    the interview to pick instead (`interview`, its row as `store.list_interviews` gives it): in the
    page as "Which interview is this?" lists it, day and stage first ("Thu 20 Nov 2025 · technical ·
    Globex — …"). It named it company first, "Globex — Platform engineer, 20 Nov 2025 · technical",
    an option the list did not have."""

    def __init__(self, name: str, interview: dict):
        number = interview["id"]
        listed = printable(interview_choice(interview, local_time.today()))
        super().__init__(
            f"{said_name(name, start=True)} is already kept with interview #{number} "
            f"({logged_as(interview)}): to review it again, give --save --interview {number} in place "
            "of --company. Nothing was saved.",
            in_app=f"{said_name(name, start=True)} is already kept with “{listed}” in your log: to "
            "review it again, pick that interview under “Which interview is this?” instead of a new one.",
        )
        self.interview = interview


def logged_as(interview: dict) -> str:
    """An interview as the Review page lists it: 'Acme — Backend engineer, 1 May 2025 · first
    round' (company, role if any, the day, the stage if any)."""
    return printable(interview_with_stage(interview))


@dataclass(frozen=True)
class Reviewed:
    result: dict  # the `coach review --json` object; "saved" holds the ids written when kept
    recording: SavedRecording | None  # the kept upload (None when not saved)


def review_recording(
    db: Store,
    settings: Settings,
    source: bytes | Path,
    options: ReviewOptions | None = None,
    *,
    original_name: str = "",
    save: bool = True,
    interview_id: int | None = None,
    company: str | None = None,
    role: str | None = None,
    stage: str | None = None,
    interview_date: date | str | None = None,
    use_profile: bool = True,
    progress: ProgressHandler | None = None,
    cancel: Callable[[], bool] | None = None,
    on_saved: Callable[[SavedRecording], None] | None = None,
    on_profile: Callable[[int], None] | None = None,
    kept: SavedRecording | None = None,
) -> Reviewed:
    """Keep the recording (with `save`), review it, and store its answers and a debrief draft under
    the interview (`interview_id`, or a new one at `company`).

    A file that is not a recording at all (empty, no audio track, not an audio format) leaves
    nothing behind: its copy is removed and no interview is logged; the error names the user's
    file. So does a speech model that cannot load (nothing was wrong with the file). Anything that
    could be audio (silent, corrupt midway, too long) is kept with its interview, logged all the
    same, and `KeptUnanalysed` says so. A recording already kept with an interview in the log (the
    same bytes), given for a new one, is `AlreadyKept`: nothing is kept and no interview logged;
    given for its own interview, it is reviewed again there.

    The voice profile from saved practice takes tells the candidate apart unless the user picked
    their speaker. `on_saved` hears where the upload is kept (so an error can say so) and
    `on_profile` how many takes the profile was built from, both before the long work starts.

    What was typed for the review is noted beside the kept recording before the long work starts,
    so a run stopped midway (`cancel`, the page left, the app closed) can be finished as asked
    (`resume_review`, from its kept chunks); `kept` is that recording, reviewed where it is. An
    upload of the same bytes as a recording whose review was stopped finishes that one too."""
    if kept is not None:
        source, original_name, save = kept.path, original_name or kept.original_name, True
    sha256 = None  # the upload's hash, when the check below took it: the copy does not take it again
    if save:  # the interview to log, checked before anything is kept or the long work starts
        logged = dict(company=company, role=role, stage=stage, interview_date=interview_date)
        if kept is None:
            sha256 = check_review_asked(db, source, original_name, interview_id=interview_id, **logged)
        else:
            check_review_asked(db, None, original_name, interview_id=interview_id, **logged)
            sha256 = kept.sha256 if interview_id is None else None
    options = options or ReviewOptions()
    if not original_name and isinstance(source, Path):  # the file as the user named it, not its copy
        original_name = source.name
    if kept is None and save and sha256:
        kept = waiting_copy(db, sha256)  # the same bytes, their review stopped: finished, not copied again
    if kept is not None:
        saved = replace(kept, original_name=original_name or kept.original_name)
    else:
        saved = save_upload(source, settings, original_name=original_name, sha256=sha256) if save else None
    if saved is not None:
        _note_asked(saved, options, interview_id, company, role, stage, interview_date)
    if saved is None and isinstance(source, Path) and source.is_file():
        sha256 = file_sha256(source)  # read once: the review's work folder is named by it
    if saved is not None and on_saved is not None:
        on_saved(saved)
    if saved is not None:
        REVIEWING.add(str(saved.path))
    progress, stored = _done_once_stored(progress) if save else (progress, lambda: None)
    heard_path = saved.path if saved else Path(source)
    name = original_name or heard_path.name
    try:
        # the file read as audio first: a file that is none was said after "Telling your voice by
        # 3 saved practice recordings", and the profile was built for nothing
        AudioReader(heard_path, settings, name=name)
        if use_profile and options.candidate_speaker is None and options.profile is None:
            options, used = _with_voice_profile(db, options)
            if used and on_profile is not None:
                on_profile(used)
        result = review(
            heard_path,
            settings,
            options,
            questions=banks.load_questions(settings.data_dir, owner=settings.owner),
            practice_attempts=store.list_attempts(db),
            progress=progress,
            cancel=cancel,
            sha256=saved.sha256 if saved else sha256,
            name=name,
        )
    except ReviewCancelled:  # stopped on purpose: the finished chunks wait for the same run again
        if saved is not None:
            note_review_stopped(saved.path)
        raise
    except (NotAudioError, ModelError, LanguageModelError):
        if saved is not None:
            discard_copy(saved.path)
        _forget_unkept_work(db, settings, saved.sha256 if saved else sha256)
        raise
    except CoachError as e:
        if saved is None:
            _forget_unkept_work(db, settings, sha256)
            raise
        logged = dict(company=company, role=role, stage=stage, interview_date=interview_date)
        where = dict(interview_id=interview_id, candidate_channel=options.candidate_channel)
        forget_question(saved.path)  # its interview, logged now, holds what the note kept
        kept_with = keep_unanalysed(db, saved, str(e), **where, **logged)
        _held_by_now(db, kept_with["interview_id"])  # kept with its recording: it has taken place too
        raise KeptUnanalysed(e, kept_with) from e
    except BaseException:  # the page left (Streamlit stops its script), Ctrl-C: as a cancel
        if saved is not None:
            note_review_stopped(saved.path)
        raise
    finally:
        if saved is not None:
            REVIEWING.discard(str(saved.path))
    if not save:
        _forget_unkept_work(db, settings, sha256)
    if not result["answers"]:
        result["answers"] = [_whole_recording(result, settings)]
    if save:
        try:
            result["saved"] = store_review(
                db,
                settings,
                result,
                saved,
                interview_id=interview_id,
                company=company,
                role=role,
                stage=stage,
                interview_date=interview_date,
                candidate_channel=options.candidate_channel,
            )
        except StorageError as e:  # the recording is kept, its review's work too: finished later
            note_review_stopped(saved.path)
            raise review_kept(e) from e
        forget_question(saved.path)  # the review's rows hold what its note kept
        moved = _held_by_now(db, result["saved"]["interview_id"])
        if moved:
            result["warnings"].append(moved)
            store.keep_shown(db, result["saved"]["interview_recording_id"], shown_beside_answers(result))
    stored()
    return Reviewed(result, saved)


# Said in place of the database's "Nothing was saved." when a review's recording was kept before
# the review could be stored: its finished work is kept too, so finishing it is quick.
REVIEW_KEPT_IN_THE_TERMINAL = (
    "The review was not saved, but its recording is kept: once the database can be written again, "
    "`coach reanalyze` finishes it."
)
REVIEW_KEPT_IN_THE_APP = (
    "The review was not saved, but its recording is kept: once the database can be written again, "
    "this page offers to finish it."
)


def review_kept(error: StorageError) -> StorageError:
    """A database failure after a review's recording was kept, in words true of it."""
    from coach.store.db import saved_but_kept

    return saved_but_kept(
        error, REVIEW_KEPT_IN_THE_TERMINAL, REVIEW_KEPT_IN_THE_APP, "the review was not saved"
    )


def _done_once_stored(
    progress: ProgressHandler | None,
) -> tuple[ProgressHandler | None, Callable[[], None]]:
    """The review's progress with its end ("done") said once the review is stored, "saving the
    interview" meanwhile: the bar stood full at "Done" while it was. Returns the progress to give
    the review and what to call once it is stored."""
    if progress is None:
        return None, lambda: None
    held: list = []

    def report(p) -> None:
        if p.step == DONE:
            held.append(p)
            p = replace(p, step=SAVING, fraction=SAVING_FROM, eta_s=None)
        progress(p)

    def stored() -> None:
        if held:
            progress(held[-1])

    return report, stored


def check_review_asked(
    db: Store,
    source: bytes | Path | None,
    original_name: str = "",
    *,
    interview_id: int | None = None,
    company: str | None = None,
    role: str | None = None,
    stage: str | None = None,
    interview_date: date | str | None = None,
) -> str | None:
    """What a review to save was asked to be saved under, checked before anything is kept or the
    long work starts: the interview in the log (`interview_id`), or a new one's company, role,
    stage and date; for a new one, `source` (the upload; None: already kept) must not be kept with
    an interview already (`AlreadyKept`). Returns the upload's SHA-256 when it was taken."""
    check_saving_place(interview_id, company)
    if interview_id is not None:
        store.get_interview(db, interview_id)  # "No interview 99" before the upload is copied
        return None
    store.check_interview(company=company, role=role or "", stage=stage or "")
    parse_date(interview_date, "interview date")
    return None if source is None else _check_not_kept(db, source, original_name)


def keep_for_review(
    db: Store,
    settings: Settings,
    source: bytes | Path,
    options: ReviewOptions | None = None,
    *,
    original_name: str = "",
    interview_id: int | None = None,
    company: str | None = None,
    role: str | None = None,
    stage: str | None = None,
    interview_date: date | str | None = None,
) -> SavedRecording:
    """Check what was asked (`check_review_asked`), keep the upload and note beside it what was
    asked, as `review_recording` does before its long work, without doing that work: a cohort's
    page keeps the upload so, and a worker reviews it later with `resume_review` (the one
    orchestrator, reading the note). The same bytes kept already and waiting are that copy."""
    logged = dict(company=company, role=role, stage=stage, interview_date=interview_date)
    sha256 = check_review_asked(db, source, original_name, interview_id=interview_id, **logged)
    if not original_name and isinstance(source, Path):
        original_name = source.name
    kept = waiting_copy(db, sha256) if sha256 else None
    if kept is not None:
        saved = replace(kept, original_name=original_name or kept.original_name)
    else:
        saved = save_upload(source, settings, original_name=original_name, sha256=sha256)
    _note_asked(saved, options or ReviewOptions(), interview_id, company, role, stage, interview_date)
    return saved


def _note_asked(saved: SavedRecording, options: ReviewOptions, interview_id, company, role, stage, day):
    """What was typed for the review, beside its kept recording (coach.store.recordings.note_review)."""
    asked = dict(interview_id=interview_id, company=company, role=role, stage=stage)
    asked |= {"interview_date": None if day is None else str(day)}
    note_review(saved.path, saved.original_name, asked | _options_noted(options))


def resume_review(
    db: Store,
    settings: Settings,
    path: Path,
    *,
    progress: ProgressHandler | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Reviewed:
    """Finish the review of a kept interview recording that was stopped midway, as it was asked
    (the interview and speakers noted beside it, `review_recording`): its finished chunks are
    reused, and it is saved as any review is. One with nothing noted (kept before the note, or
    the note lost) is an error saying how to review it."""
    path = Path(path)
    asked = noted_review(path) if path.is_file() else None
    name = _noted_name(path)
    if not path.is_file():
        raise InputError(
            f"{said_name(name, start=True)} is no longer kept, so its review cannot be finished; "
            "upload it again to review it."
        )
    if asked is None:
        raise InputError(
            f"Nothing says which interview {said_name(name)} belongs to, so its review cannot be "
            f"finished as it was; review it with `coach review {path} --save --company NAME`.",
            in_app=f"Nothing says which interview {said_name(name)} belongs to; upload it again on "
            "this page with the interview's company to review it.",
        )
    kept = SavedRecording(
        path=path, sha256=file_sha256(path), size_bytes=path.stat().st_size, original_name=name
    )
    options = ReviewOptions(
        candidate_channel=asked.get("candidate_channel"),
        n_speakers=asked.get("n_speakers"),
        candidate_speaker=asked.get("candidate_speaker"),
        chunk_s=float(asked.get("chunk_s") or CHUNK_S),
    )
    logged = {k: asked.get(k) for k in ("interview_id", "company", "role", "stage", "interview_date")}
    return review_recording(
        db, settings, path, options, progress=progress, cancel=cancel, kept=kept, **logged
    )


def stored_review(db: Store, settings: Settings, interview_recording_id: int) -> dict:
    """A saved review as the store keeps it, in the shape of a review's result (`saved`, `answers`
    with their question and analysis, and what its page shows beside them: the conversation, who
    spoke when, each voice's snippet, the warnings, the conversation's facts as `metrics`): what a
    page shows of a review done elsewhere (a cohort's worker). One stored before those were kept has
    no turns, speakers, warnings or facts."""
    kept = store.interview_recording(db, interview_recording_id)
    interview = store.get_interview(db, kept["interview_id"])
    [row] = [r for r in interview["recordings"] if r["id"] == interview_recording_id]
    bank = {q.id: q.text for q in banks.load_questions(settings.data_dir, owner=settings.owner)}
    path = db.absolute(kept["recording_path"]) if kept.get("recording_path") else None
    shown = kept.get("shown") or {}
    return {
        "saved": {
            "interview_id": kept["interview_id"],
            "interview_recording_id": interview_recording_id,
            "recording": None if path is None else str(path),
        },
        "answers": [
            {
                "question": turn["question_text"],
                "bank_question": bank.get(turn["question_id"]),
                "analysis": turn["analysis"],
                # where the answer starts in the recording: its analysis is timed from there
                "offset_s": (turn.get("transcript") or {}).get("offset_s") or 0.0,
            }
            for turn in row["turns"]
        ],
        "turns": list(shown.get("turns") or []),
        "speech_turns": list(shown.get("speech_turns") or []),
        "speakers": list(shown.get("speakers") or []),
        "metrics": row.get("conversation"),  # how the conversation went: none kept before migration 0013
        "identification": shown.get("identification") or {"method": None, "note": ""},
        "warnings": list(shown.get("warnings") or []),
    }


def _noted_name(path: Path) -> str:
    from coach.store.recordings import noted_original_name

    return noted_original_name(path) or path.name


def waiting_copy(db: Store, sha256: str) -> SavedRecording | None:
    """A kept interview recording with these bytes whose review was stopped midway (not running now
    in this app), or None: an upload of the same file finishes it rather than keeping a second copy."""
    from coach.store.recordings import adopt_orphans, unanalysed_recordings

    adopt_orphans(db)
    for row in unanalysed_recordings(db):
        path = db.absolute(row["path"])
        if (
            row["kind"] == "interview"
            and row["sha256"] == sha256
            and not row["not_analysable"]
            and str(path) not in REVIEWING
            and path.is_file()
        ):
            return SavedRecording(path, sha256, row["size_bytes"], row.get("original_name") or "")
    return None


def _options_noted(options: ReviewOptions) -> dict:
    """What the user said about the speakers, as the note beside the recording keeps it."""
    return {
        "candidate_channel": options.candidate_channel,
        "n_speakers": options.n_speakers,
        "candidate_speaker": options.candidate_speaker,
        "chunk_s": options.chunk_s,  # the kept chunks are found by it
    }


def _forget_unkept_work(db: Store, settings: Settings, sha256: str | None) -> None:
    """A review that keeps no recording keeps no transcript either: its work folder (the whole
    call's words, voice windows and answers heard again, coach.interview.resume) is removed once it
    ends, done or failed, since nothing lists it or deletes it later. An interview that keeps the same
    recording keeps its folder, for reviewing again. A run stopped midway (Ctrl-C, a cancel, a crash)
    never gets here: its finished chunks wait for the same run again."""
    if sha256 and store.interview_keeping(db, sha256) is None:
        forget_recording(settings, sha256)


def _held_by_now(db: Store, interview_id: int, today: date | None = None) -> str | None:
    """An interview dated after today whose recording is now kept has taken place: its date becomes
    today, and the sentence says so (a review saved into a stage dated next week kept that date
    without a word). A day of slack, for a browser whose day is ahead of this machine's."""
    today = today or date.today()
    day = parse_date(store.get_interview(db, interview_id)["interview_date"], "interview date")
    if day <= today + timedelta(days=1):
        return None
    store.update_interview(db, interview_id, interview_date=today)
    return (
        f"This interview was dated {long_date(day)}, after today; with its recording here it has "
        f"taken place, so it is now dated today, {long_date(today)}. If it took place on another "
        "day, change the date in your interview log."
    )


def _check_not_kept(db: Store, source: bytes | Path, original_name: str) -> str | None:
    """Refuse, before anything is copied, a recording for a new interview that an interview in the
    log already keeps (`AlreadyKept`); else return its SHA-256, for the copy to keep (a large file
    is read once for it). A path that is not a file is left to the upload's own error (None)."""
    if isinstance(source, bytes):
        sha256 = hashlib.sha256(source).hexdigest()
    elif Path(source).is_file():
        sha256 = file_sha256(Path(source))
    else:
        return None
    kept = store.interview_keeping(db, sha256)
    if kept is not None:
        name = original_name or (Path(source).name if isinstance(source, Path) else "")
        # with what its recordings gave ("1 answer measured"), as the pick list names it
        listed = next((i for i in store.list_interviews(db) if i["id"] == kept["id"]), kept)
        raise AlreadyKept(name or "This recording", listed)
    return sha256


def review_again(
    db: Store,
    settings: Settings,
    interview_recording_id: int,
    options: ReviewOptions,
    *,
    use_profile: bool = True,
    progress: ProgressHandler | None = None,
) -> Reviewed:
    """A saved review done again with what the user now says (how many people speak, which voice
    is theirs): the kept words and voice windows are reused, so the call is not transcribed again
    (only answers whose stretch moved are heard again, coach.interview.takes), and the recording's
    answers are replaced; the interview and its recording stay, and its debrief's measured lines
    are the interview's again (this recording's new answers with its other recordings'), with
    everything the user wrote in it kept."""
    kept = store.interview_recording(db, interview_recording_id)
    path = db.absolute(kept["recording_path"]) if kept.get("recording_path") else None
    if path is None or not path.is_file():
        raise InputError(
            "The recording of this interview is no longer kept, so it cannot be reviewed again; "
            "upload it again to review it with other speakers."
        )
    if use_profile and options.candidate_speaker is None and options.profile is None:
        options, _ = _with_voice_profile(db, options)
    heard_before = heard_questions(store.get_interview(db, kept["interview_id"]), settings)
    in_store = kept_review_work(db, interview_recording_id)
    if in_store is not None:  # reviewed on another machine (a cohort's worker): its words from the store
        unpack_work(settings, *in_store)
    result = review(
        path,
        settings,
        replace(options, candidate_channel=options.candidate_channel or kept.get("candidate_channel")),
        questions=banks.load_questions(settings.data_dir, owner=settings.owner),
        practice_attempts=store.list_attempts(db),
        progress=progress,
        sha256=kept["recording_sha256"],
        name=kept.get("original_name") or path.name,
    )
    if not result["answers"]:
        result["answers"] = [_whole_recording(result, settings)]
    store.replace_interview_answers(
        db,
        interview_recording_id,
        transcript=result["transcript"],
        answers=answer_rows(result),
        engine=result["engine"],
        model=result["model"],
        conversation=result["metrics"],
        shown=shown_beside_answers(result),
    )
    if in_store is not None:  # with the answers heard again now, for the next time
        keep_work_in_store(db, settings, interview_recording_id, kept["recording_sha256"])
    refresh_debrief_questions(db, settings, kept["interview_id"], heard_before)
    result["debrief_draft"] = whole_interview_draft(db, settings, kept["interview_id"])
    result["saved"] = {
        "interview_id": kept["interview_id"],
        "interview_recording_id": interview_recording_id,
        "debrief_id": refresh_debrief(db, kept["interview_id"], result["debrief_draft"]),
        "recording": str(path),
    }
    return Reviewed(result, None)


def keep_work_in_store(
    db: Store, settings: Settings, interview_recording_id: int, sha256: str, *, forget_here: bool = False
) -> bool:
    """Keep a reviewed recording's work folder (its words, voice windows and answers heard again) in
    the database beside it, so whichever machine shows its review reviews it again ("Who is who")
    without transcribing it; with `forget_here`, the folder here is removed once kept (a cohort's
    worker keeps no one's transcript). False when there was no work to keep."""
    packed = packed_work(settings, sha256)
    if packed is None:
        return False
    keep_review_work(db, interview_recording_id, *packed)
    if forget_here:
        forget_recording(settings, sha256)
    return True


def _with_voice_profile(db: Store, options: ReviewOptions) -> tuple[ReviewOptions, int]:
    """The options with the candidate's voice profile, and how many practice takes made it."""
    from coach.interview.profile import voice_profile

    profile, used = voice_profile(db)
    return (options, 0) if profile is None else (replace(options, profile=profile), used)


def _whole_recording_problems(result: dict) -> list[str]:
    """With two voices and no question found, the whole recording holds the interviewer's words too."""
    identification = result["identification"]
    if said_too_little(result["warnings"]):  # said first by the review: no voice or question is at fault
        return []
    if identification["method"] == "one voice":
        return list(identification.get("unscorable") or [])  # [] when the user said only they speak
    return [NO_QUESTION_FOUND]


def _whole_recording(result: dict, settings: Settings) -> dict:
    """No question → answer pair was found: the whole recording as one answer, in review's shape."""
    transcript = Transcript.from_dict(result["transcript"])
    return {
        "question": "",
        "asked_by": None,
        "bank_id": None,
        "bank_question": None,
        "match": None,
        "add_to_bank": False,
        "question_start_s": None,
        "start_s": 0.0,
        "end_s": result["duration_s"],
        "offset_s": 0.0,
        "analysis": analyze_transcript(
            transcript, settings, None, _whole_recording_problems(result), interview=True
        ),
    }
