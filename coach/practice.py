"""One practice answer, end to end: keep the recording, transcribe, analyse, store.

The app's Practice page and `coach analyze` both call `practice_answer`, so a recording is
saved before anything decodes it and a failure later never loses it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from coach.analysis.wording import listed
from coach.audio import SavedRecording, StoppedOnceKept, load_audio, save_recording
from coach.config import Settings
from coach.errors import BROWSER_TAKE, AudioError, NoSpeechError, NotAudioError, StorageError
from coach.types import DecodedAudio, Transcript

if TYPE_CHECKING:  # coach.analysis loads spaCy: imported where an answer is analysed
    from coach.analysis.answer import AnswerAnalysis
    from coach.job_description import Posting
    from coach.store import Store

# stage_progress(message, fraction_done) — fraction in [0, 1] over the whole answer.
StageProgress = Callable[[str, float], None]
# Transcription is most of the time, then the sound is gone over again (speech the decoder skipped
# decoded again, the "um"s it left out, pitch and pauses), then the analysis. Timed with the models
# loaded (as in the app): the last words of the 1:00 lecture came at 71% of its 7.3 s, of the 2:49
# news clip at 80% of 22.6 s, and the analysis took 1-2%; the bar stood at 90% "Transcribing 60 of
# 60 s" through the going over (2.0 s and 4.2 s), then at 92% "Analysing" for a moment.
TRANSCRIBE_SHARE = 0.70
LISTENING_AGAIN = "Listening again for words and “um”s the transcript missed"
ANALYSING = "Analysing fillers, pace and structure"
ANALYSING_FROM = 0.95
# Where transcribing starts on the progress scale: saving the take and reading its sound come before.
TRANSCRIBE_FROM = 0.05


@dataclass(frozen=True)
class PracticeResult:
    """One analysed answer. `answer` is the typed analysis; `analysis` its `coach analyze` JSON."""

    transcript: Transcript
    answer: AnswerAnalysis
    recording: SavedRecording | None = None
    attempt_id: int | None = None

    @cached_property
    def analysis(self) -> dict:
        """The DESIGN.md `coach analyze` object, made once: what is stored, printed and shown."""
        return analysis_dict(self.answer)


class StoppedWithTakeKept(KeyboardInterrupt):
    """Ctrl+C once a take was kept: the take stays where it was kept (`recording`), noted as stopped
    so it is listed at once, waiting for `coach reanalyze`; `attempt_id` when its analysis was
    stored already (nothing waits)."""

    def __init__(self, recording: SavedRecording, attempt_id: int | None = None):
        super().__init__(str(recording.path))
        self.recording = recording
        self.attempt_id = attempt_id


@dataclass
class _Take:
    """How far one answer has got: its kept copy, then its stored attempt."""

    recording: SavedRecording | None = None
    attempt_id: int | None = None


@contextlib.contextmanager
def _kept_when_stopped(take: _Take) -> Iterator[None]:
    """Ctrl+C said as what is on disk: a take kept (from the moment its copy is in place, to the
    end) raises StoppedWithTakeKept, noted as stopped while it waits: without the note it was taken
    for a save still in flight and left out of `coach history` for a minute (ORPHAN_MIN_AGE_S).
    Stopped before its copy was in place, it raises as it came (nothing kept)."""
    try:
        yield
    except KeyboardInterrupt as e:
        if isinstance(e, StoppedWithTakeKept):
            raise
        kept = e.recording if isinstance(e, StoppedOnceKept) else take.recording
        if kept is None:
            raise
        if take.attempt_id is None:
            from coach.store.recordings import note_stopped

            note_stopped(kept.path)
        raise StoppedWithTakeKept(kept, take.attempt_id) from e


def load_models(settings: Settings):
    """Load the speech model, the spaCy pipeline, the fillers' transformer and the sentence model,
    so the first answer waits only for its own work (benchmarks/practice_latency.py). Returns the
    engine."""
    from coach.analysis.fillers import decision_model
    from coach.analysis.pipeline import load_pipeline
    from coach.analysis.relevance import warm
    from coach.transcribe import get_engine

    engine = get_engine(settings)
    load_pipeline()
    decision_model()  # the fillers' transformer, if installed (about 2 s once)
    warm()  # the sentence model for talking points, if installed (about 5 s once)
    return engine


def load_models_to_serve(settings: Settings):
    """`load_models` in a process that goes on serving answers (the app, a cohort's worker), then
    what is loaded set aside from Python's garbage collector (`gc.freeze`): each full collection
    went through the models' 280,000 objects again, 0.16-0.49 s each (measured with them loaded),
    every session of the app held up meanwhile; after it, a few milliseconds."""
    import gc

    engine = load_models(settings)
    gc.collect()  # what loading left behind goes first: nothing frozen is ever collected
    gc.freeze()
    return engine


def analyze_answer(
    transcript: Transcript,
    settings: Settings,
    question=None,
    problems: Sequence[str] = (),
    *,
    interview: bool = False,
    off_topic_check: bool | None = None,
    posting: Posting | None = None,
) -> AnswerAnalysis:
    """The analysis of one answer; `problems` found before it (the audio distorted, the voices
    not separated) leave it unscored (coach.analysis.quality). `posting`: the job description of
    the interview the answer prepares for (its key terms are checked) and its company."""
    from coach.analysis import analyze

    return analyze(
        transcript,
        question=question,
        settings=settings,
        problems=problems,
        interview=interview,
        off_topic_check=off_topic_check,
        job_description=posting.description if posting else None,
        company=posting.company if posting else None,
    )


def job_description(
    settings: Settings, interview_id: int | None, store: Store | None = None
) -> Posting | None:
    """The pasted job description of the interview an answer prepares for, if it has one, with the
    company it is for."""
    if interview_id is None:
        return None
    from coach.job_description import description_of
    from coach.store import open_store

    if store is not None:
        return description_of(store, interview_id)
    store = open_store(settings)
    try:
        return description_of(store, interview_id)
    finally:
        store.close()


def analysis_dict(analysis: AnswerAnalysis) -> dict:
    """The DESIGN.md `coach analyze` object, with the engine and model that heard the answer."""
    result = analysis.to_dict()
    result.setdefault("engine", analysis.transcript.engine)
    result.setdefault("model", analysis.transcript.model)
    return result


def analyze_transcript(
    transcript: Transcript,
    settings: Settings,
    question=None,
    problems: Sequence[str] = (),
    *,
    interview: bool = False,
    posting: Posting | None = None,
) -> dict:
    """`analyze_answer` as the DESIGN.md `coach analyze` object (for callers that store or show it)."""
    answer = analyze_answer(transcript, settings, question, problems, interview=interview, posting=posting)
    return analysis_dict(answer)


# A typed answer's box left empty: the page's sentence (`coach analyze --text` names its file).
NO_TYPED_ANSWER = "The box is empty; type or paste your answer to the question, then analyse it."


def typed_answer(
    text: str,
    settings: Settings,
    *,
    question=None,
    interview_id: int | None = None,
    store: Store | None = None,
) -> PracticeResult:
    """A typed (or pasted) answer analysed as `coach analyze --text` analyses one: the text as given
    is the transcript, so it has fillers, hedges, structure and talking points but no pace, pauses
    or sound. Typed answers are not stored yet: `attempt_id` is None. `interview_id`: the interview
    the answer prepares for, whose job description's terms are checked."""
    if not text.strip():  # analysed, it reads as "Only 0 words"
        from coach.errors import InputError

        raise InputError(NO_TYPED_ANSWER)
    posting = job_description(settings, interview_id, store)
    transcript = Transcript.from_text(text)
    return PracticeResult(transcript, analyze_answer(transcript, settings, question, posting=posting))


def hear_answer(
    audio: DecodedAudio, settings: Settings, progress: Callable[[float, float], None] | None = None
) -> tuple[Transcript, list[str]]:
    """What is heard in one spoken answer, and what is wrong with its sound, the same for a
    practice take and an answer cut from a reviewed interview (coach.interview.takes): the
    verbatim prompt (settings), speech the decoder skipped decoded again, the fillers Whisper
    dropped recovered from the sound. Raises NoSpeechError when no word is heard."""
    from coach.analysis import quality
    from coach.transcribe import transcribe_audio

    return transcribe_audio(audio, settings, progress), quality.audio_problems(audio.samples)


def kept_take(path: Path) -> SavedRecording:
    """A take kept earlier (`coach.store.recordings.interrupted_take`), as `practice_answer` takes it
    to analyse it where it is, without copying it again."""
    from coach.files import file_sha256

    return SavedRecording(path, file_sha256(path), path.stat().st_size)


def practice_answer(
    source: bytes | Path | SavedRecording,
    settings: Settings,
    *,
    original_name: str = "",
    question=None,
    save: bool = True,
    progress: StageProgress | None = None,
    channel: str | None = None,
    interview_id: int | None = None,
    interview: bool = False,
    off_topic_check: bool | None = None,
    store: Store | None = None,
) -> PracticeResult:
    """Keep (if `save`), transcribe and analyse one spoken answer; store it as an attempt if `save`.

    `source` may be a recording already kept (a SavedRecording: an answer waiting in the cohort
    queue, coach.queue), which is then not copied again. `store`: the open store (scoped to its
    owner) to read the interview from and save the attempt in; by default one is opened here.

    `interview_id`: the interview in the log this answer prepares for; its job description's
    terms are checked and the attempt is linked to it. `interview`: the answer was given in a
    (mock) interview that has moved on, so a reply too short to measure is not a take to record
    again. `off_topic_check`: whether an answer about something else goes unscored
    (coach.analysis.answer.analyze; by default unless `interview`)."""
    posting = job_description(settings, interview_id, store)  # an unknown id fails before any work
    report = progress or (lambda _message, _fraction: None)
    take = _Take()  # how far it got, for what Ctrl+C says (_kept_when_stopped)
    with _kept_when_stopped(take):
        recording = None
        if isinstance(source, SavedRecording):
            kept, source = source, source.path
            recording = take.recording = kept if save else None
            original_name = original_name or kept.original_name
        elif save:
            report("Saving your recording", 0.0)
            recording = take.recording = save_recording(
                source, settings, original_name=original_name, kind="practice"
            )
            if question is not None:
                from coach.store.recordings import note_question

                note_question(
                    recording.path, getattr(question, "id", None), getattr(question, "text", "") or ""
                )
        path = recording.path if recording else Path(source)

        def on_transcribe(done_s: float, total_s: float) -> None:
            share = min(done_s / total_s, 1.0) if total_s else 1.0
            if share >= 1.0:  # the words are in: the sound is gone over again, seconds with no report
                report(LISTENING_AGAIN, TRANSCRIBE_FROM + TRANSCRIBE_SHARE)
            else:
                said = f"Transcribing: {done_s:.0f} of {total_s:.0f} s"
                report(said, TRANSCRIBE_FROM + TRANSCRIBE_SHARE * share)

        # held while it is analysed: the Practice page in another tab does not offer it as left midway
        from coach.store.recordings import being_analysed

        held = being_analysed(recording.path) if recording is not None else contextlib.nullcontext()
        with held:
            report("Reading the audio", 0.02)
            try:
                audio = load_audio(path, settings, channel=channel, name=original_name or Path(path).name)
                # said from the start: Whisper's first words come only once its first 30 s are decoded,
                # and "Reading the audio" stood meanwhile (7-9 s of a one-minute answer)
                on_transcribe(0.0, audio.duration_s)
                transcript, problems = hear_answer(audio, settings, on_transcribe)
            except NotAudioError:
                if recording is not None:
                    from coach.store.recordings import discard_copy

                    discard_copy(recording.path)
                raise
            except AudioError as e:  # kept, but its sound cannot be measured (silent, no speech, too short)
                _said_of_a_file(e, original_name)
                if recording is not None:
                    from coach.store.recordings import note_not_analysable

                    note_not_analysable(recording.path, str(e), original_name or recording.original_name)
                raise
            report(ANALYSING, ANALYSING_FROM)
            answer = analyze_answer(
                transcript,
                settings,
                question,
                problems,
                interview=interview,
                off_topic_check=off_topic_check,
                posting=posting,
            )
            attempt_id = None
            if save:
                attempt_id = take.attempt_id = _store_attempt(
                    settings, question, recording, transcript, analysis_dict(answer), interview_id, store
                )
        report("Done", 1.0)
        return PracticeResult(transcript, answer, recording, attempt_id)


def _said_of_a_file(error: AudioError, name: str) -> None:
    """A page's words for a file given to it that holds no speech: it was uploaded, not recorded
    in the page (that one is BROWSER_TAKE), so advice on the microphone does not fit it; the
    terminal's words (`str(error)`) stay as they are."""
    if isinstance(error, NoSpeechError) and name and name != BROWSER_TAKE:
        # what was found is said as the terminal and `coach history` say it ("silence.wav is
        # silent", "No speech was found in noise.wav"): one recording, one sentence; only the
        # advice after it differs. From the right: a file's name may hold a semicolon.
        found = str(error).rsplit(";", 1)[0]
        error.in_app = (
            f"{found}; upload a recording of your answer spoken out loud, or record it on this page."
        )


def _store_attempt(
    settings: Settings,
    question,
    recording,
    transcript: Transcript,
    analysis: dict,
    interview_id: int | None = None,
    store: Store | None = None,
) -> int:
    from coach.store import open_store, save_attempt
    from coach.store.recordings import forget_question

    opened = None
    try:
        opened = open_store(settings) if store is None else None
        attempt_id = save_attempt(
            store or opened,
            question_id=getattr(question, "id", None),
            question_text=getattr(question, "text", "") or "",
            recording=recording,
            transcript=transcript.to_dict(),
            analysis=analysis,
            engine=transcript.engine,
            model=transcript.model,
            interview_id=interview_id,
        )
    except StorageError as e:  # the take was kept before the database was asked for anything
        from coach.store.recordings import note_stopped

        note_stopped(recording.path)  # listed at once, to analyse again, not after a minute
        raise recording_kept(e) from e
    finally:
        if opened is not None:
            opened.close()
    forget_question(recording.path)
    return attempt_id


# Said in place of the database's "Nothing was saved." when a practice take's recording was kept
# before the answer could be saved: the terminal's, and the pages' (which add where it is listed,
# coach.ui.shared.KEPT_NOT_ANALYSED), and a cohort person's.
KEPT_IN_THE_TERMINAL = (
    "Your answer was not saved, but its recording is kept: once the database can be written again, "
    "`coach reanalyze` analyses it."
)
NOT_SAVED_IN_THE_APP = "Your answer was not saved."


def recording_kept(error: StorageError) -> StorageError:
    """A database failure after a take was kept, in words that are true of it: the sentence ended
    "Nothing was saved." while the recording was on disk, kept, and later listed as not analysed."""
    from coach.store.db import saved_but_kept

    return saved_but_kept(error, KEPT_IN_THE_TERMINAL, NOT_SAVED_IN_THE_APP, "your answer was not saved")


def recording_on_disk(store: Store, answer: dict) -> bool:
    """Whether a practice answer's recording file is there to delete with it (it can be gone: moved
    out of the data directory by hand, a disk restored without it), so "deleted, with its
    recording" is said only when it was."""
    path = answer.get("recording_path")
    return bool(path) and store.absolute(path).exists()


@dataclass(frozen=True)
class RecordingOnDelete:
    """What deleting a practice answer does to its recording, for the question asked first and the
    sentence after, on the pages and in `coach delete-answer` alike. `fate` is "deleted" (it goes with
    the answer), "stays" (the user's `other_answers`, or `interviews`, still use it), "missing" (its
    file had gone already) or "none" (a typed answer, no recording)."""

    fate: str
    other_answers: tuple[dict, ...] = ()  # each its "id" (#N in `coach history`) and "created_at"
    interviews: int = 0

    @property
    def stays_said(self) -> str:
        """Why the recording stays, by the answers' numbers in `coach history`: 'answer #3 still uses
        it', 'answers #3 and #4 still use it', 'an interview still uses it'."""
        if not self.other_answers:
            return "an interview still uses it" if self.interviews == 1 else "interviews still use it"
        numbers = listed([f"#{answer['id']}" for answer in self.other_answers])
        many = len(self.other_answers) > 1
        return f"answer{'s' if many else ''} {numbers} still {'use' if many else 'uses'} it"


def recording_on_delete(store: Store, answer: dict) -> RecordingOnDelete:
    """What deleting `answer` will do to its recording. One the user's other answers (or an
    interview) still use stays: two answers to one recording come from an import stopped midway
    whose files were analysed here, then the backup imported again; the delete said "with its
    recording" while the file stayed."""
    from coach.store.recordings import other_uses

    if not answer.get("recording_path"):
        return RecordingOnDelete("none")
    if not recording_on_disk(store, answer):
        return RecordingOnDelete("missing")
    uses = other_uses(store, answer.get("recording_id"), besides_answer=answer["id"])
    if uses:
        return RecordingOnDelete("stays", uses.answers, uses.interviews)
    return RecordingOnDelete("deleted")


def delete_answer(store: Store, attempt_id: int) -> dict:
    """Delete one practice answer with its recording, for the page and `coach delete-answer`; the
    voice profile made from practice recordings goes too (a review makes it again from the ones
    left), so nothing of a deleted take stays. Returns the answer as it was (an unknown id or
    someone else's raises NotFoundError before anything is deleted)."""
    from coach.interview.profile import forget_profile
    from coach.store import delete_attempt, get_attempt

    answer = get_attempt(store, attempt_id)
    delete_attempt(store, attempt_id, keep_audio=False)
    if answer.get("recording_path"):
        forget_profile(store.settings)
    return answer
