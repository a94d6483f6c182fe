"""Re-run the current analysis over stored answers, keeping every earlier result.

From the stored transcript it is quick (no audio decoding); with `retranscribe` the original
recording goes through the transcriber again first. The replaced analysis, its version and its
transcript move to `analysis_runs`, so an old score can always be explained.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coach.errors import AudioError, CoachError, InputError
from coach.store.analysis_runs import replace_analysis, stored_answers
from coach.store.db import Store
from coach.store.recordings import forget_question, note_not_analysable, noted_question, unanalysed_recordings
from coach.unanalysed import AUDIO_NOT_HERE

Progress = Callable[[str], None]


def transcript_from_dict(data: dict | None, fallback_text: str = ""):
    """The stored transcript as a `coach.types.Transcript` (typed answers have no word times)."""
    from coach.types import Transcript

    if not data or not (data.get("transcript") or data.get("text")):
        return Transcript.from_text(fallback_text) if fallback_text.strip() else None
    return Transcript.from_dict(data)


def _question(question_id: str | None, settings):
    if not question_id:
        return None
    from coach import banks

    try:
        return banks.get_question(question_id, settings.data_dir, owner=settings.owner)
    except (InputError, CoachError):
        return None


def _question_of(what: str, row, settings, before=None):
    """The question a stored answer answered, as it was first analysed with it: its bank or own
    question while there is one; else known by the words stored with the answer (a question since
    deleted, one asked in a real interview and matched to none, a mock interview's follow-up, which
    is a story or not as at first: coach.banks.follow_up_format, as is a real interview's bare
    follow-up after `before`, the question asked before it); None when no words were kept."""
    from coach import banks

    question = _question(row.question_id, settings)
    if question is not None:
        return question
    text = row.question_text or ""
    followed = getattr(row, "mock_follow_up_of", None)
    if followed is not None and text.strip():
        asked = _question(followed, settings)
        return banks.WordedQuestion(
            text,
            banks.follow_up_format(text, asked),
            follows=getattr(asked, "text", "") or "",
            follows_points=tuple(getattr(asked, "talking_points", ()) or ()),
        )
    if what == "real answer":
        from coach.interview.turns import heard_question

        return heard_question(text, before)
    return banks.question_by_words(text)


def _real_questions(stored: list, settings) -> dict[int, object]:
    """Each real interview answer's question (by id), as the review coached it
    (coach.interview.review.answers_of): read in the order asked in its recording, a bare follow-up
    as the question before it."""
    coached: dict[int, object] = {}
    real = sorted(
        (row for what, row in stored if what == "real answer"),
        key=lambda row: (row.interview_recording_id, row.position),
    )
    recording, question = None, None
    for row in real:
        if row.interview_recording_id != recording:
            recording, question = row.interview_recording_id, None
        question = coached[row.id] = _question_of("real answer", row, settings, question)
    return coached


def _analyse(
    transcript,
    question,
    settings,
    posting=None,
    *,
    kind: dict | None = None,
) -> dict:
    """`kind`: how the answer was first analysed (`_as_first_analysed`); a practice take by default.
    `posting`: the job description it prepared for (`coach.job_description.description_of`)."""
    from coach.analysis import analyze

    answer = analyze(
        transcript,
        question=question,
        settings=settings,
        job_description=posting.description if posting else None,
        company=posting.company if posting else None,
        **(kind or {}),
    )
    return answer.to_dict()


def _as_first_analysed(what: str, row) -> dict:
    """Analyse a stored answer again as it was analysed first: a real interview's answer as one
    (no off-topic check, a short reply not called a take to record again), a mock interview's as
    one (its question known), and with what was found wrong in its recording (distorted, one voice
    where two speak), which its words alone cannot show: an answer that could not be scored is
    never scored by analysing it again."""
    from coach.analysis import quality

    problems = quality.recording_problems((row.analysis or {}).get("warnings"))
    if what == "real answer":
        return {"problems": problems, "interview": True}
    if getattr(row, "mock_session_id", None) is not None:
        return {"problems": problems, "interview": True, "off_topic_check": True}
    return {"problems": problems}


def reanalyze(
    store: Store,
    *,
    retranscribe: bool = False,
    force: bool = False,
    include_unanalysed: bool = True,
    progress: Progress | None = None,
) -> dict:
    """Bring every stored answer to the current analysis version; returns what was done.

    Answers already at the current version are left alone unless `force` or `retranscribe`.
    Recordings saved but never analysed become practice attempts (they need transcription), and an
    interview recording whose review was stopped midway is reviewed into its interview.
    One answer's failure (a corrupt file, no speech) is reported and the rest carry on; a practice
    recording found unmeasurable then (silent, not audio) is listed in `not_analysable` afterwards,
    not tried again (unless `retranscribe`).
    """
    from coach.analysis import ANALYSIS_VERSION

    report = {
        "analysis_version": ANALYSIS_VERSION,
        "reanalysed": [],
        "unchanged": 0,
        "new_attempts": [],
        "new_interviews": [],
        "failed": [],
        # kept, found unmeasurable before (the same sound would fail again), or its audio not here
        "not_analysable": [],
        # answers `retranscribe` did not transcribe again: their recording is not here
        "not_transcribed_again": [],
    }
    say = progress or (lambda _message: None)
    stored = stored_answers(store)
    real: dict | None = None  # worked out at the first real answer analysed again: a run that
    # finds every answer up to date reads no question for it
    for what, row in stored:
        transcribe_again = retranscribe and what == "attempt"
        if transcribe_again and row.recording_path and not store.absolute(row.recording_path).is_file():
            # restored from a backup without its audio: failed "No file at …" where its transcript was
            transcribe_again = False
            report["not_transcribed_again"].append({"what": what, "id": row.id})
        again = force or transcribe_again
        if row.analysis_version == ANALYSIS_VERSION and not again:
            report["unchanged"] += 1
            continue
        if what == "real answer" and real is None:
            real = _real_questions(stored, store.settings)
        try:
            question = real[row.id] if what == "real answer" else _question_of(what, row, store.settings)
            _reanalyse_one(store, what, row, transcribe_again, question)
        except CoachError as e:
            report["failed"].append({"what": what, "id": row.id, "error": str(e)})
            say(f"{_said(what)} {row.id}: {e}")
            continue
        report["reanalysed"].append({"what": what, "id": row.id, "previous_version": row.analysis_version})
        say(f"{_said(what)} {row.id}: analysed again (was version {row.analysis_version})")
    if include_unanalysed:
        for recording in unanalysed_recordings(store):
            if recording["audio_missing"]:  # nothing to analyse: "1 failed" on every run
                report["not_analysable"].append({"path": recording["path"], "why": AUDIO_NOT_HERE})
                continue
            if recording["kind"] == "interview":
                _finish_review(store, recording, report, say)
                continue
            if recording["not_analysable"] and not retranscribe:  # it failed every run, exit 1 each time
                report["not_analysable"].append(
                    {"path": recording["path"], "why": recording["not_analysable"]}
                )
                continue
            try:
                attempt_id = _analyse_recording(store, recording)
            except CoachError as e:
                where = store.absolute(recording["path"])
                # the same sound next time: the history says so (a file that is gone has no
                # sound to judge, and a note beside it would be a stray)
                if isinstance(e, AudioError) and where.exists():
                    note_not_analysable(where, str(e), recording["original_name"])
                report["failed"].append({"what": "recording", "path": recording["path"], "error": str(e)})
                say(f"{recording['path']}: {e}")
                continue
            report["new_attempts"].append({"id": attempt_id, "recording_path": recording["path"]})
            say(f"{recording['path']}: saved as practice answer {attempt_id}")
    return report


def _finish_review(store: Store, recording: dict, report: dict, say: Progress) -> None:
    """An interview recording whose review was stopped midway: reviewed as it was asked (its
    interview and speakers noted beside it), from its kept chunks, and saved as any review is. One
    that could not be measured is left as it is (the same sound again); one with nothing noted
    fails with the sentence saying how to review it."""
    from coach.interview.orchestrator import KeptUnanalysed, resume_review

    if recording["not_analysable"]:
        return
    try:
        reviewed = resume_review(store, store.settings, store.absolute(recording["path"]))
    except KeptUnanalysed as e:  # could not be reviewed: kept with its interview, logged now
        report["failed"].append({"what": "interview recording", "path": recording["path"], "error": str(e)})
        say(f"{recording['path']}: {e} It is kept with interview {e.saved['interview_id']}.")
        return
    except CoachError as e:
        report["failed"].append({"what": "interview recording", "path": recording["path"], "error": str(e)})
        say(f"{recording['path']}: {e}")
        return
    saved = reviewed.result["saved"]
    report["new_interviews"].append(
        {
            "interview_id": saved["interview_id"],
            "interview_recording_id": saved["interview_recording_id"],
            "recording_path": recording["path"],
        }
    )
    say(f"{recording['path']}: reviewed and saved with interview {saved['interview_id']}")


def _said(what: str) -> str:
    """An answer's kind in the user's words ("attempt" is the store's name for a practice answer)."""
    return "practice answer" if what == "attempt" else what


def _reanalyse_one(store: Store, what: str, row, retranscribe: bool, question) -> None:
    """`question`: the one it answered, as first analysed with it (`_question_of`, `_real_questions`)."""
    settings = store.settings
    new_transcript = None
    engine, model = row.engine, row.model
    if retranscribe and getattr(row, "recording_path", None):
        from coach.transcribe import transcribe_file

        heard = transcribe_file(store.absolute(row.recording_path), settings)
        new_transcript = heard.to_dict()
        engine, model = heard.engine or settings.engine, heard.model or settings.model
        transcript = heard
    else:
        fallback = (row.analysis or {}).get("transcript", "") or row.transcript_text or ""
        transcript = transcript_from_dict(row.transcript, fallback)
    if transcript is None:
        raise InputError("it has neither a transcript nor a recording to analyse again")
    from coach.job_description import description_of

    posting = description_of(store, getattr(row, "interview_id", None))
    analysis = _analyse(
        transcript,
        question,
        settings,
        posting,
        kind=_as_first_analysed(what, row),
    )
    replace_analysis(store, what, row, analysis, new_transcript, engine, model)


def _analyse_recording(store: Store, recording: dict) -> int:
    """A recording kept safe but never analysed: transcribe, analyse, save as a practice attempt."""
    from coach import banks
    from coach.audio import SavedRecording, load_audio
    from coach.store.attempts import save_attempt
    from coach.transcribe import transcribe_audio

    path = store.absolute(recording["path"])
    question_id, question_text = noted_question(path)
    # messages name the file as the user gave it, not the coach's copy
    audio = load_audio(path, store.settings, name=recording["original_name"] or path.name)
    heard = transcribe_audio(audio, store.settings)
    # the question noted beside it, or its words when it has since been deleted
    question = _question(question_id, store.settings) or banks.question_by_words(question_text)
    analysis = _analyse(heard, question, store.settings)
    saved = SavedRecording(
        path=Path(path),
        sha256=recording["sha256"],
        size_bytes=recording["size_bytes"],
        original_name=recording["original_name"],
    )
    attempt_id = save_attempt(
        store,
        question_id=question_id,
        question_text=question_text,
        recording=saved,
        transcript=heard.to_dict(),
        analysis=analysis,
        engine=heard.engine or store.settings.engine,
        model=heard.model or store.settings.model,
    )
    forget_question(path)
    return attempt_id
