"""Cohort mode: each practice answer, and each real interview's review, is a job on a queue, done
by `coach worker` processes.

A personal coach never imports this module: it analyses answers in the app process. In cohort
mode (`queue = true` with PostgreSQL) the Practice page keeps the recording, enqueues one job
and shows where it stands; a worker, on this machine or another, runs the same orchestrator the
page would (coach.practice.practice_answer) and stores the attempt under the person who answered.
The Review page does the same with an interview recording: it keeps the upload with what was asked
(coach.interview.orchestrator.keep_for_review), and a worker reviews it with the orchestrator's
`resume_review`, minutes of work that no longer run in the app's process.

The queue is procrastinate's, in the same PostgreSQL database as the results: no broker to run,
and a job's "is this answer stored already?" reads the very database the answer is saved in.

Never lost, never done twice:
- a job is keyed by (owner, recording hash): the same take enqueued twice is one job (queueing
  lock), and two jobs for it never run at once (lock);
- a worker that dies mid-job stops sending heartbeats; another worker puts its job back on the
  queue (`retry_stalled_jobs`), and the take waits in the recordings folder meanwhile; an answer
  that took down WORKERS_LOST_MAX workers (out of memory) ends failed with one sentence instead;
- the job itself holds a PostgreSQL advisory lock on its key while it runs and starts by asking
  whether the take already has its attempt, so a retried or repeated job saves nothing twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import procrastinate
import sqlalchemy as sa
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException
from procrastinate.jobs import Status
from procrastinate.manager import JobManager
from procrastinate.schema import SchemaManager

from coach import __version__
from coach.analysis.wording import count
from coach.audio import SavedRecording, save_recording
from coach.config import Settings
from coach.errors import CoachError, InputError, StorageError, said_on_server
from coach.files import write_private
from coach.store import Store, get_attempt, list_attempts
from coach.store.recordings import note_not_analysable
from coach.store.schema import recordings

logger = logging.getLogger(__name__)

TASK = "coach.analyse_answer"
REVIEW_TASK = "coach.review_interview"
QUEUE = "answers"  # answers and reviews alike, answers first (PRIORITY)
# A free worker takes a practice answer before any interview waiting: an answer's feedback is what
# a person sits watching for, and takes seconds, where a review takes minutes and is read later. A
# review waited for answers sent before it, then held a worker for an hour's call while the
# answers sent after it waited (procrastinate takes the highest priority, then the oldest).
PRIORITY = {TASK: 1, REVIEW_TASK: 0}
# A worker beats every HEARTBEAT_S; one silent for STALLED_AFTER_S is taken for dead and its job
# goes back on the queue. A transcription never blocks the beat: jobs run in a thread while the
# beat runs on the worker's event loop. Whisper on a busy 2-core machine still left the loop free.
HEARTBEAT_S = 5.0
STALLED_AFTER_S = 30.0
# An unexpected failure (the database gone for a moment) is retried; a problem the user can fix
# (not audio, too short) is an outcome, told on the page, never retried.
RETRY = procrastinate.RetryStrategy(max_attempts=3, wait=5)
# An answer whose analysis took down this many workers (each died mid-job: out of memory on a huge
# or odd recording) is not tried again; it would take every worker down in turn. It ends failed,
# with a sentence for its person, and its recording is kept.
WORKERS_LOST_MAX = 2
STOPPED_THE_ANALYSER = (
    "This answer stopped the analyser each time it was tried, so it was not analysed; your recording "
    "is kept. Try a shorter recording, or record the answer again."
)
STOPPED_THE_REVIEWER = (
    "This interview stopped the analyser each time it was reviewed, so it was not reviewed; your "
    "recording is kept. Try a shorter part of it, or tell the people who run this coach for you."
)
# A finished job is kept an hour (the page reads how it ended), then forgotten.
KEEP_FINISHED_JOBS_H = 1
CLEANUP_EVERY_S = 600.0

NOT_POSTGRESQL = (
    "Cohort mode needs PostgreSQL: set COACH_DATABASE_URL to a postgresql:// database that every "
    "worker can reach (the queue lives there), or turn the queue off for a personal coach."
)
# `coach worker` on a personal coach, whose queue is off already: NOT_POSTGRESQL told its one user
# to "turn the queue off", as if that would make the worker start.
PERSONAL_COACH_NEEDS_NO_WORKER = (
    "This coach is personal, so it needs no worker: it analyses each answer itself as it is given; "
    "`coach worker` serves a coach hosted for a cohort (queue = true in settings.toml, or "
    "COACH_QUEUE=1, with PostgreSQL in COACH_DATABASE_URL)."
)


# ---------------------------------------------------------------- the database the queue lives in
def conninfo(settings: Settings) -> str:
    """The libpq address of the queue's database; one sentence when it is not PostgreSQL."""
    url = settings.database_url or ""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if not url.startswith("postgresql"):
        raise InputError(NOT_POSTGRESQL)
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as e:
        raise InputError(f"COACH_DATABASE_URL is not a usable database URL ({e}).") from e
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def worker_conninfo(settings: Settings) -> str:
    """`conninfo` for a worker about to start; on a personal coach (no queue and no PostgreSQL) the
    sentence says it needs no worker. A queue left off where PostgreSQL is named still starts one:
    a worker on another machine without the cohort's settings.toml reads the queue from the
    database it is given."""
    url = settings.database_url or ""
    if not settings.queue and not url.startswith(("postgresql", "postgres://")):
        raise InputError(PERSONAL_COACH_NEEDS_NO_WORKER)
    return conninfo(settings)


def make_app(address: str, **pool) -> procrastinate.App:
    """A procrastinate App on the coach's database (`conninfo`) with the one task (not opened);
    `pool`: the connection pool's settings (psycopg_pool's)."""
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=address, **pool))
    app.task(name=TASK, queue=QUEUE, retry=RETRY, pass_context=False)(analyse_queued_answer)
    app.task(name=REVIEW_TASK, queue=QUEUE, retry=RETRY, pass_context=False)(review_queued_interview)
    return app


@functools.lru_cache(maxsize=4)
def _opened_app(address: str) -> procrastinate.App:
    return make_app(address).open()


def _page_app(settings: Settings) -> procrastinate.App:
    """The App the page defers with: opened once per process (a small connection pool)."""
    return _opened_app(conninfo(settings))


def ensure_schema(settings: Settings) -> bool:
    """Create the queue's tables unless they exist; True when they were created now. Two
    processes starting together take turns (an advisory lock), so the schema is applied once.
    Any database error on the way (cannot connect, a role that may not create tables, the server
    gone mid-query) is one sentence naming the database (password hidden)."""
    import psycopg

    address = conninfo(settings)
    where = sa.engine.make_url(settings.database_url).render_as_string(hide_password=True)
    try:
        conn = psycopg.connect(address, autocommit=True, connect_timeout=10)
    except psycopg.Error as e:
        raise StorageError(
            f"Cannot reach the queue's database {where} ({_first_line(e)}); check COACH_DATABASE_URL and "
            "that the PostgreSQL server is running and accepts this machine."
        ) from e
    try:
        with conn:
            conn.execute("SELECT pg_advisory_lock(hashtextextended('coach queue schema', 23))")
            try:
                created = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()[0] is None
                if created:
                    conn.execute(SchemaManager.get_schema())
                if conn.execute(f"SELECT to_regclass('{WORKERS_TABLE}')").fetchone()[0] is None:
                    conn.execute(WORKERS_SCHEMA)  # a queue made by an older coach has none yet
                if conn.execute(f"SELECT to_regclass('{TYPED_RESULTS_TABLE}')").fetchone()[0] is None:
                    conn.execute(TYPED_RESULTS_SCHEMA)
                return created
            finally:
                if not conn.closed:
                    conn.execute("SELECT pg_advisory_unlock(hashtextextended('coach queue schema', 23))")
    except psycopg.Error as e:
        raise StorageError(
            f"Cannot make the queue's tables in {where} ({_first_line(e)}); the database user needs the "
            "right to create tables there, or someone who has it runs `coach worker` once."
        ) from e


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or ["no answer"])[0]


QUEUE_NOT_READY = (
    "Answers cannot be taken right now: this coach sends them to a queue whose database is not "
    "ready. Tell the people who run it; the reason is in the app's log."
)
# A queue found not ready is not asked again for this long: every rerun of the Practice page
# would otherwise wait the whole connect timeout while the database is down.
NOT_READY_REMEMBERED_S = 15.0
_ready: set[str] = set()
_not_ready: dict[str, tuple[float, CoachError]] = {}  # address -> (when found, why)


def ready(settings: Settings) -> None:
    """Before the page takes an answer in cohort mode: the queue's database is PostgreSQL and
    reachable, with the queue's tables (made now if no worker has started yet). Success is
    remembered for the process, a failure for NOT_READY_REMEMBERED_S; otherwise one sentence for
    the person, the reason in the log for whoever runs it."""
    try:
        address = conninfo(settings)
        if address in _ready:
            return
        found = _not_ready.get(address)
        if found and time.monotonic() - found[0] < NOT_READY_REMEMBERED_S:
            raise found[1]
        try:
            ensure_schema(settings)
        except CoachError as e:
            _not_ready[address] = (time.monotonic(), e)
            raise
        _not_ready.pop(address, None)
        _ready.add(address)
    except CoachError as e:
        logger.error("the queue is not ready: %s", e)
        raise StorageError(QUEUE_NOT_READY) from e


def job_key(owner: str, sha256: str, question_id: str | None = None) -> str:
    """One answer of one person to one question: the queueing lock, the run lock and the advisory
    lock. The same take sent for another question is another answer, as in a personal coach (it
    was given the first question's feedback, under the second question, and stored nothing)."""
    return f"answer:{owner}:{sha256}" + (f":{question_id}" if question_id else "")


def typed_key(owner: str, text: str, question_id: str | None = None) -> str:
    """One typed answer of one person to one question, as `job_key` is for a take: the same words
    sent twice for the same question are one job and one answer."""
    return f"typed:{owner}:{typed_digest(text)}" + (f":{question_id}" if question_id else "")


def typed_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def review_key(owner: str, sha256: str) -> str:
    """One interview recording of one person, as `job_key` is for an answer."""
    return f"review:{owner}:{sha256}"


# ---------------------------------------------------------------- the page's side
def submit_answer(
    store: Store,
    data: bytes | Path,
    *,
    original_name: str = "",
    question=None,
    interview_id: int | None = None,
) -> int:
    """Keep the take (before anything else), then enqueue it for `store.owner`; returns the job id.
    The same take enqueued again while its job waits gives that job, not a second one."""
    from coach.store.recordings import note_question

    settings = store.settings
    conninfo(settings)  # refuse before keeping anything when this is not a cohort database
    saved = save_recording(data, settings, original_name=original_name, kind="practice")
    if question is not None:
        note_question(saved.path, getattr(question, "id", None), getattr(question, "text", "") or "")
    return enqueue(store, saved, question=question, interview_id=interview_id)


def enqueue(store: Store, saved: SavedRecording, *, question=None, interview_id: int | None = None) -> int:
    """Put a kept take on the queue for `store.owner` (one job per take and person: a take already
    waiting or being analysed gives that job)."""
    key = job_key(store.owner, saved.sha256, getattr(question, "id", None))
    args = dict(
        owner=store.owner,
        recording=store.relative(saved.path),
        sha256=saved.sha256,
        size_bytes=saved.size_bytes,
        original_name=saved.original_name,
        question=question.to_dict() if hasattr(question, "to_dict") else None,
        interview_id=interview_id,
    )
    return _defer(store, TASK, key, args)


def submit_typed_answer(store: Store, text: str, *, question=None, interview_id: int | None = None) -> int:
    """Put a typed answer on the queue for `store.owner`; returns the job id. Its words travel in
    the job's arguments, in the cohort's own database (no file: a recording is the only thing kept
    in the recordings folder), and its analysis waits with the job (TYPED_RESULTS_TABLE): both are
    gone once the page has shown it, or an hour after (KEEP_FINISHED_JOBS_H). Nothing is saved as an
    answer, as on a personal coach. The same words sent again for the same question give the job in
    hand, or the one done whose result is not shown yet."""
    from coach.practice import NO_TYPED_ANSWER

    conninfo(store.settings)  # refuse before anything when this is not a cohort database
    if not text.strip():
        raise InputError(NO_TYPED_ANSWER)
    key = typed_key(store.owner, text, getattr(question, "id", None))
    done = _jobs(
        store,
        "status = 'succeeded' AND lock = :key AND args->>'owner' = :owner AND EXISTS (SELECT 1 FROM "
        f"{TYPED_RESULTS_TABLE} r WHERE r.job_id = procrastinate_jobs.id)",
        key=key,
        owner=store.owner,
    )
    if done:  # analysed a moment ago, its result not shown yet: that job is this one
        return done[-1]
    args = dict(
        owner=store.owner,
        sha256=typed_digest(text),
        text=text,
        question=question.to_dict() if hasattr(question, "to_dict") else None,
        interview_id=interview_id,
    )
    return _defer(store, TASK, key, args)


def _in_hand(store: Store, task: str, key: str) -> int | None:
    """The job waiting or running under `key`, if any."""
    in_hand = _jobs(store, "status IN ('todo', 'doing') AND lock = :key", task=task, key=key)
    return in_hand[0] if in_hand else None


def _defer(store: Store, task: str, key: str, args: dict) -> int:
    """One job under `key`: the one waiting or being done already, else a new one."""
    in_hand = _in_hand(store, task, key)
    if in_hand is not None:  # waiting or being done: that job is this one
        return in_hand
    app = _page_app(store.settings)
    try:
        return app.configure_task(task, lock=key, queueing_lock=key, priority=PRIORITY[task]).defer(**args)
    except AlreadyEnqueued:
        waiting = _jobs(store, "status = 'todo' AND queueing_lock = :key", task=task, key=key)
        if waiting:
            return waiting[0]
        # it just started
        return app.configure_task(task, lock=key, queueing_lock=key, priority=PRIORITY[task]).defer(**args)


def submit_review(
    store: Store,
    data: bytes | Path,
    options=None,
    *,
    original_name: str = "",
    interview_id: int | None = None,
    company: str | None = None,
    role: str | None = None,
    stage: str | None = None,
    interview_date=None,
) -> int:
    """The Review page's side: check what was asked, keep the upload with it noted beside it
    (coach.interview.orchestrator.keep_for_review), then enqueue its review for `store.owner`;
    returns the job id. The same recording sent again while its review waits or runs gives that job."""
    from coach.files import file_sha256
    from coach.interview.orchestrator import keep_for_review

    conninfo(store.settings)  # refuse before keeping anything when this is not a cohort database
    sha256 = hashlib.sha256(data).hexdigest() if isinstance(data, bytes) else file_sha256(Path(data))
    in_hand = _in_hand(store, REVIEW_TASK, review_key(store.owner, sha256))
    if in_hand is not None:
        return in_hand
    saved = keep_for_review(
        store,
        store.settings,
        data,
        options,
        original_name=original_name,
        interview_id=interview_id,
        company=company,
        role=role,
        stage=stage,
        interview_date=interview_date,
    )
    try:
        return enqueue_review(store, saved)
    except StorageError as e:  # kept, what was asked noted beside it: the page offers to finish it
        from coach.interview.orchestrator import review_kept
        from coach.store.recordings import note_review_stopped

        note_review_stopped(saved.path)
        raise review_kept(e) from e


def submit_kept_review(store: Store, path: Path) -> int:
    """Enqueue the review of an interview recording kept already, what was asked noted beside it (a
    review stopped midway before this coach had a queue, offered again on the Review page)."""
    from coach.files import file_sha256
    from coach.store.recordings import noted_original_name

    if not path.is_file():
        raise InputError("That recording is no longer kept; upload it again to review it.")
    name = noted_original_name(path) or path.name
    return enqueue_review(store, SavedRecording(path, file_sha256(path), path.stat().st_size, name))


def enqueue_review(store: Store, saved: SavedRecording) -> int:
    """Put a kept interview recording, what was asked noted beside it, on the queue for its review
    (one job per recording and person)."""
    _outcome_path(saved.path).unlink(missing_ok=True)  # an earlier try's, not this one's
    args = dict(
        owner=store.owner,
        recording=store.relative(saved.path),
        sha256=saved.sha256,
        original_name=saved.original_name,
    )
    return _defer(store, REVIEW_TASK, review_key(store.owner, saved.sha256), args)


@dataclass(frozen=True)
class JobState:
    """Where one answer stands, in the page's terms."""

    job_id: int
    state: str  # waiting | working | done | failed
    ahead: int = 0  # recordings (answers and interviews) waiting in front of this one
    question_id: str | None = None  # the question it answers
    attempt: dict | None = None  # the stored attempt, once done
    problem: str = ""  # the sentence saying why it could not be analysed
    workers: int = 1  # workers alive (beating in the last STALLED_AFTER_S), counted while it waits or stalls
    stalled: bool = False  # working, but its worker stopped beating: it goes back on the queue
    review: dict | None = None  # a review's ids once stored (`stored_interview`), or its kept interview
    typed: bool = False  # a typed answer (its words in the job), not a recording
    analysis: dict | None = None  # a typed answer's analysis once done: kept with its job, not saved
    question_text: str = ""  # the question it answers, as the job was given it


# said of an answer that failed with no sentence of its own, and what to do then
NOT_ANALYSED = "This answer could not be analysed; "
NOT_ANALYSED_WHAT_TO_DO = "your recording is kept. Try again, or record it again."
TYPED_NOT_ANALYSED = "This typed answer could not be analysed; press “Analyse what you typed” to try again."


def job_state(store: Store, job_id: int, stalled_after_s: float | None = None) -> JobState | None:
    """The state of `store.owner`'s job; None for a job that is not theirs or not there. A worker
    silent for `stalled_after_s` (default STALLED_AFTER_S) is taken for dead."""
    found = _where_it_stands(store, job_id, TASK, stalled_after_s)
    if found is None or found[0].state != "finished":
        return None if found is None else found[0]
    state, args = found
    if args.get("text") is not None:  # a typed answer: not saved, its analysis kept with its job
        analysis = typed_analysis(store, job_id)
        if analysis is not None:
            return replace(state, state="done", analysis=analysis)
        return replace(state, state="failed", problem=TYPED_NOT_ANALYSED)
    attempt = stored_attempt(store, args["sha256"], _question_id(args.get("question")))
    if attempt is not None:
        return replace(state, state="done", attempt=attempt)
    problem = read_outcome(store.absolute(args["recording"])) or NOT_ANALYSED + NOT_ANALYSED_WHAT_TO_DO
    return replace(state, state="failed", problem=problem)


def interview_waiting(store: Store, job_id: int, most: int | None = None) -> str:
    """Which interview `store.owner`'s review job is for, as the log names it ("Hooli — Platform
    engineer, 6 Dec 2026 · first round"): the one picked from the log, or the new one as typed for
    it (logged only once reviewed). The page's form is emptied when it is sent, so nothing else
    says which interview waits. "" when it cannot be told (the note beside the recording is gone).
    `most`: how much of its company and role a card shows (interview_with_stage)."""
    from coach.interview_log import interview_with_stage
    from coach.lines import shortened
    from coach.store import get_interview
    from coach.store.recordings import noted_review

    with store.read() as conn:
        recording = conn.execute(
            sa.text(
                "SELECT args->>'recording' FROM procrastinate_jobs "
                "WHERE id = :id AND task_name = :task AND args->>'owner' = :owner"
            ),
            dict(id=job_id, task=REVIEW_TASK, owner=store.owner),
        ).scalar()
    asked = noted_review(store.absolute(recording)) if recording else None
    if not asked:
        return ""
    if asked.get("interview_id"):
        try:
            return interview_with_stage(get_interview(store, asked["interview_id"]), most)
        except CoachError:  # deleted from the log meanwhile
            return ""
    if not asked.get("company") or not asked.get("interview_date"):
        company = str(asked.get("company") or "")
        return shortened(company, most) if most else company
    return interview_with_stage(
        {k: asked.get(k) for k in ("company", "role", "stage", "interview_date")}, most
    )


REVIEW_NOT_DONE = "This interview could not be reviewed; upload its recording again to try again."


def review_state(store: Store, job_id: int, stalled_after_s: float | None = None) -> JobState | None:
    """Where `store.owner`'s review job stands, as `job_state` says it of an answer; once done,
    `review` holds the stored review's ids, and a review that failed says why in `problem`, its
    `review` what became of the recording: `interview_id` when it was kept with its interview all
    the same (else None), `recording_kept` whether the file is still kept."""
    found = _where_it_stands(store, job_id, REVIEW_TASK, stalled_after_s)
    if found is None or found[0].state != "finished":
        return None if found is None else found[0]
    state, args = found
    recording = store.absolute(args["recording"])
    told = _outcome(recording)
    if not told.get("problem"):
        stored = stored_interview(store, args["sha256"])
        if stored is not None:
            return replace(state, state="done", review=stored)
    # what became of it: kept with its interview (logged), kept alone, or removed (not audio)
    kept = {"interview_id": told.get("interview_id"), "recording_kept": recording.is_file()}
    return replace(state, state="failed", problem=str(told.get("problem") or REVIEW_NOT_DONE), review=kept)


def _where_it_stands(
    store: Store, job_id: int, task: str, stalled_after_s: float | None
) -> tuple[JobState, dict] | None:
    """`store.owner`'s job of `task` as it stands in the queue (state "finished" once the queue is
    done with it), with its arguments; None when it is not theirs or not there."""
    stalled_after_s = stalled_after_s or STALLED_AFTER_S
    with store.read() as conn:
        row = conn.execute(
            sa.text(
                f"SELECT j.status, j.args, j.priority, NOT COALESCE({RUNNING_WORKER}, false) AS stalled "
                "FROM procrastinate_jobs j LEFT JOIN procrastinate_workers w ON w.id = j.worker_id "
                "WHERE j.id = :id AND j.task_name = :task AND j.args->>'owner' = :owner"
            ),
            dict(id=job_id, task=task, owner=store.owner, after=stalled_after_s),
        ).first()
        if row is None:
            return None
        status, args = row.status, row.args
        ahead = 0
        if status == "todo":  # taken before it: those of a higher priority, then the older ones
            ahead = conn.execute(
                sa.text(
                    "SELECT count(*) FROM procrastinate_jobs WHERE queue_name = :queue AND status = 'todo' "
                    "AND (priority > :priority OR (priority = :priority AND id < :id))"
                ),
                dict(queue=QUEUE, id=job_id, priority=row.priority),
            ).scalar_one()
        alive = 0
        if status == "todo" or (status in ("doing", "aborting") and row.stalled):
            # who could take it up: a stalled job goes back on the queue only by a live worker
            alive = _live_workers(conn, stalled_after_s)
    question_id = (args.get("question") or {}).get("id")
    typed = args.get("text") is not None
    if status == "todo":
        return JobState(
            job_id, "waiting", ahead=ahead, question_id=question_id, workers=alive, typed=typed
        ), args
    question_text = str((args.get("question") or {}).get("text") or "")
    if status in ("doing", "aborting"):
        stalled = bool(row.stalled)
        workers = alive if stalled else 1
        working = JobState(
            job_id, "working", question_id=question_id, stalled=stalled, workers=workers, typed=typed
        )
        return working, args
    return JobState(
        job_id, "finished", question_id=question_id, typed=typed, question_text=question_text
    ), args


def _live_workers(conn, after_s: float) -> int:
    """How many workers run: each beat its heart in the last `after_s` seconds and holds its lock
    (RUNNING_WORKER: a worker killed a moment ago is not one)."""
    return conn.execute(
        sa.text(f"SELECT count(*) FROM procrastinate_workers w WHERE {RUNNING_WORKER}"),
        dict(after=after_s),
    ).scalar_one()


@dataclass(frozen=True)
class QueueOverview:
    """The whole queue in numbers, for the staff: what the students waiting are told, seen from
    their side. No person, no take."""

    analysers: int  # workers alive (beating in the last STALLED_AFTER_S)
    waiting: int  # practice answers not taken up yet
    analysing: int  # recordings being analysed now, answers and interviews
    interviews_waiting: int = 0  # interview recordings not taken up yet
    older: int = 0  # of the analysers, those running an older coach than this one (not updated yet)

    def waiting_words(self) -> str:
        """'2 practice answers and 1 interview': what waits, in words."""
        parts = [count(self.waiting, "practice answer")] if self.waiting else []
        parts += [count(self.interviews_waiting, "interview")] if self.interviews_waiting else []
        return " and ".join(parts)


def queue_overview(store: Store, settings: Settings) -> QueueOverview:
    """Everyone's recordings on the queue, counted (practice answers and interviews to review); for
    the coaching staff only (the one queue read across owners)."""
    from coach.identity import STAFF_ONLY, is_staff

    if not is_staff(store.owner, settings):
        raise InputError(STAFF_ONLY)
    with store.read() as conn:
        analysers = _live_workers(conn, STALLED_AFTER_S)
        older = _older_workers(conn, STALLED_AFTER_S)
        # a job whose worker went silent is not being analysed: it waits to go back on the queue,
        # as its student is told ("Being analysed now 1" beside "Analysers running 0" before)
        jobs: dict[tuple[str, str], int] = {}
        for task, status, stalled, n in conn.execute(
            sa.text(
                "SELECT j.task_name, j.status::text, "
                f"j.status = 'doing' AND NOT COALESCE({RUNNING_WORKER}, false) AS stalled, count(*) "
                "FROM procrastinate_jobs j LEFT JOIN procrastinate_workers w ON w.id = j.worker_id "
                "WHERE j.task_name IN (:task, :review) AND j.status IN ('todo', 'doing') "
                "GROUP BY 1, 2, 3"
            ),
            dict(task=TASK, review=REVIEW_TASK, after=STALLED_AFTER_S),
        ).all():
            key = (task, "todo" if stalled else status)
            jobs[key] = jobs.get(key, 0) + n
    return QueueOverview(
        analysers,
        waiting=jobs.get((TASK, "todo"), 0),
        analysing=jobs.get((TASK, "doing"), 0) + jobs.get((REVIEW_TASK, "doing"), 0),
        interviews_waiting=jobs.get((REVIEW_TASK, "todo"), 0),
        older=older,
    )


# How the staff are told an analyser is started when none runs, in the README's words ("Hosted for
# a cohort"): the staff are the host's, so the command is theirs to pass on ("can start one" did not
# say how). A worker needs only the database and the recordings folder, so it runs on any machine.
START_AN_ANALYSER = (
    "Whoever runs the coach's server starts one with `coach worker` on a machine that reaches the "
    "cohort's database and recordings folder, or the app and its analysers together with "
    "`make serve-cohort`."
)


def older_analysers_words(older: int) -> str:
    """What the staff are told of analysers running an older coach (a machine not yet updated)."""
    one = older == 1
    return (
        f"{count(older, 'analyser')} {'runs' if one else 'run'} an older version of the coach than this "
        f"one. {'It is' if one else 'They are'} counted above, but when "
        f"{'it stops' if one else 'one stops'}, "
        "the answer it had waits half a minute before another analyser takes it up. Whoever runs the "
        f"coach's server should update the coach on {'its machine' if one else 'their machines'} and "
        f"start {'it' if one else 'them'} again."
    )


def _older_workers(conn, after_s: float) -> int:
    """How many running workers are of an older coach than this one: not noted in WORKERS_TABLE (a
    coach from before it), or noted with a lower version."""
    versions = conn.execute(
        sa.text(
            f"SELECT c.version FROM procrastinate_workers w LEFT JOIN {WORKERS_TABLE} c "
            f"ON c.worker_id = w.id WHERE {RUNNING_WORKER}"
        ),
        dict(after=after_s),
    ).scalars()

    def numbers(version: str) -> tuple[int, ...]:  # "0.10.1" after "0.9.3", as a release reads
        return tuple(int(part) for part in re.findall(r"\d+", version))

    return sum(1 for version in versions if version is None or numbers(version) < numbers(__version__))


def pending_jobs(store: Store, task: str = TASK) -> list[int]:
    """`store.owner`'s answers (`task`: or reviews) still waiting or being analysed, oldest first
    (found again after a reload, so a page closed mid-wait loses nothing)."""
    where = "status IN ('todo', 'doing') AND args->>'owner' = :owner"
    return _jobs(store, where, task=task, owner=store.owner)


def waiting_recordings(store: Store) -> set[str]:
    """The recordings of `store.owner`'s answers and reviews waiting in the queue or being analysed:
    not ones whose analysis stopped midway (a recording kept a minute without its answer was listed
    as "not analysed" while it waited). None before the queue has its tables, nor on a database
    that cannot hold them (SQLite: the pages say the queue needs PostgreSQL)."""
    if store.engine.dialect.name != "postgresql":
        return set()
    with store.read() as conn:
        if conn.execute(sa.text("SELECT to_regclass('procrastinate_jobs')")).scalar() is None:
            return set()
    return pending_recordings(store, TASK) | pending_recordings(store, REVIEW_TASK)


def pending_recordings(store: Store, task: str = REVIEW_TASK) -> set[str]:
    """The recordings (as the store names them) of `store.owner`'s jobs waiting or being done: a
    review waiting in the queue is not one stopped midway."""
    query = sa.text(
        "SELECT args->>'recording' FROM procrastinate_jobs WHERE task_name = :task "
        "AND status IN ('todo', 'doing') AND args->>'owner' = :owner AND args->>'recording' IS NOT NULL"
    )
    with store.read() as conn:
        return set(conn.execute(query, dict(task=task, owner=store.owner)).scalars())


def last_finished_job(store: Store, task: str = TASK) -> int | None:
    """`store.owner`'s newest answer (`task`: or review) the queue is done with (analysed or not):
    the one a person who left the page while it waited comes back for."""
    done = _jobs(
        store, "status IN ('succeeded', 'failed') AND args->>'owner' = :owner", task=task, owner=store.owner
    )
    return done[-1] if done else None


def _jobs(store: Store, where: str, task: str = TASK, **params) -> list[int]:
    query = sa.text(f"SELECT id FROM procrastinate_jobs WHERE task_name = :task AND {where} ORDER BY id")
    with store.read() as conn:
        return list(conn.execute(query, dict(task=task, **params)).scalars())


def stored_interview(store: Store, sha256: str) -> dict | None:
    """`store.owner`'s reviewed recording with this hash, if one is stored: its interview_id,
    interview_recording_id and recording (as the store names it)."""
    from coach.store import get_interview, interview_keeping, interview_recording

    interview = interview_keeping(store, sha256)
    if interview is None:
        return None
    for listed in reversed(get_interview(store, interview["id"])["recordings"]):
        kept = interview_recording(store, listed["id"])
        if kept.get("recording_sha256") == sha256:
            return {
                "interview_id": kept["interview_id"],
                "interview_recording_id": kept["id"],
                "recording": kept["recording_path"],
            }
    return None


ANY_QUESTION = object()


def stored_attempt(store: Store, sha256: str, question_id=ANY_QUESTION) -> dict | None:
    """`store.owner`'s attempt for the take with this hash, if it is stored (full analysis): the
    one answering `question_id` (None: no question) when it is given, else the newest."""
    for attempt in list_attempts(store, newest_first=True):
        if attempt.get("recording_sha256") == sha256 and question_id in (
            ANY_QUESTION,
            attempt.get("question_id"),
        ):
            return get_attempt(store, attempt["id"])
    return None


def typed_analysis(store: Store, job_id: int) -> dict | None:
    """The analysis of `store.owner`'s typed answer `job_id`, once a worker made it (None before,
    when it could not be analysed, or once the page has shown it)."""
    with store.read() as conn:
        return conn.execute(
            sa.text(f"SELECT analysis FROM {TYPED_RESULTS_TABLE} WHERE job_id = :id AND owner = :owner"),
            dict(id=job_id, owner=store.owner),
        ).scalar()


def _question_id(question: dict | None) -> str | None:
    """The id of a job's question (its `question` argument), None for an answer to none."""
    return (question or {}).get("id")


# ---------------------------------------------------------------- outcomes a user can act on
def _outcome_path(recording: Path) -> Path:
    """Hidden beside the recording (like its question note), so it is never taken for one."""
    return recording.with_name(f".{recording.name}.outcome.json")


def write_outcome(recording: Path, problem: str, **more) -> None:
    write_private(_outcome_path(recording), json.dumps({"problem": problem, **more}))


def read_outcome(recording: Path) -> str:
    return str(_outcome(recording).get("problem") or "")


def _outcome(recording: Path) -> dict:
    try:
        told = json.loads(_outcome_path(recording).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return told if isinstance(told, dict) else {}


# ---------------------------------------------------------------- the worker's side
@dataclass
class _Worker:
    settings: Settings
    store: Store


_worker: _Worker | None = None


# What a person's Practice page says when their kept take is gone before a worker reached it: no
# file name or folder (the server's), only what to do.
RECORDING_MISSING = "The recording of this answer is missing, so it was not analysed; record it again."


def analyse_queued_answer(
    owner: str,
    recording: str | None = None,
    sha256: str = "",
    size_bytes: int = 0,
    original_name: str = "",
    question: dict | None = None,
    interview_id: int | None = None,
    text: str | None = None,
) -> str:
    """The job: analyse one kept take for `owner` with the page's own orchestrator and store it,
    unless its attempt is stored already; or one typed answer (`text`), whose analysis waits with its
    job and is not saved (`_analyse_typed`). Returns what happened (kept in the worker's log)."""
    from coach.practice import practice_answer

    if _worker is None:
        raise RuntimeError("analyse_queued_answer runs inside `coach worker` (coach.queue.run_worker)")
    settings, store = current_settings(_worker.settings), _worker.store.for_owner(owner)
    if text is not None:
        return _analyse_typed(store, settings, text, question, interview_id)
    logger.info("analysing take %s", sha256[:10])  # never the person or the words: the log is shared
    with _held(store, job_key(owner, sha256, _question_id(question))):
        if stored_attempt(store, sha256, _question_id(question)) is not None:
            return "already stored"
        path = store.absolute(recording)
        if not path.parent.is_dir():  # its person deleted all their data meanwhile: nothing to tell
            logger.info("take %s: its folder is gone (its person's data was deleted)", sha256[:10])
            return "data deleted"
        if not path.is_file():
            # the folder is the server's, which means nothing to its person: the log keeps it
            logger.warning("recording %s is missing from %s", path.name, path.parent)
            write_outcome(path, RECORDING_MISSING)
            return "recording missing"
        saved = SavedRecording(path=path, sha256=sha256, size_bytes=size_bytes, original_name=original_name)
        try:
            result = practice_answer(
                saved,
                settings,
                original_name=original_name,
                question=_question(question),
                interview_id=interview_id,
                store=store,
            )
        except CoachError as e:
            # its person reads this on a page of the cohort's app: the server's own words stay in the log
            said = str(e).replace(original_name, path.name) if original_name else str(e)
            logger.warning("answer %s not analysed: %s", path.name, said)  # not the person's file name
            write_outcome(path, said_on_server(e))
            return "not analysed"
    return f"practice answer {result.attempt_id}"


def _analyse_typed(
    store: Store, settings: Settings, text: str, question: dict | None, interview_id: int | None
) -> str:
    """A typed answer's job: analysed by the orchestrator a personal coach's Practice page analyses
    one with (coach.practice.typed_answer), and, as there, not saved as an answer: a text has no
    pace, pauses or sound, and would count on Progress and in the recommendations beside
    recordings. Its analysis is kept with the job (TYPED_RESULTS_TABLE) for its person's page,
    unless this job has one already (retried after its worker died)."""
    from coach.practice import typed_answer

    if not text:  # its person deleted all their data while it waited to be retried (`forget_jobs`)
        return "data deleted"
    digest = typed_digest(text)
    key = typed_key(store.owner, text, _question_id(question))
    logger.info("analysing typed answer %s", digest[:10])  # never the person or the words: the log is shared
    with _held(store, key):
        # this job: the one being done under its lock (a lock has one job being done at a time)
        doing = _jobs(
            store, "status = 'doing' AND lock = :key AND args->>'owner' = :owner", key=key, owner=store.owner
        )
        if not doing:  # not one this worker is doing (called outside the queue): nowhere to keep it
            return "no job"
        if typed_analysis(store, doing[0]) is not None:
            return "already analysed"
        try:
            result = typed_answer(
                text, settings, question=_question(question), interview_id=interview_id, store=store
            )
        except CoachError as e:  # its person is told TYPED_NOT_ANALYSED; the reason stays here
            logger.warning("typed answer %s not analysed: %s", digest[:10], type(e).__name__)
            return "not analysed"
        with store.write() as conn:
            # the job's row held while its result is written: a "Delete all my data" meanwhile takes
            # the words out of it (`forget_jobs`) either before, and nothing is written, or after,
            # and deletes the result written here with them
            still_there = conn.execute(
                sa.text("SELECT args->>'text' <> '' FROM procrastinate_jobs WHERE id = :id FOR SHARE"),
                dict(id=doing[0]),
            ).scalar()
            if not still_there:
                logger.info("typed answer %s: its person's data was deleted meanwhile", digest[:10])
                return "data deleted"
            conn.execute(
                sa.text(
                    f"INSERT INTO {TYPED_RESULTS_TABLE} (job_id, owner, analysis) "
                    "VALUES (:id, :owner, CAST(:analysis AS jsonb))"
                ),
                dict(id=doing[0], owner=store.owner, analysis=json.dumps(result.analysis)),
            )
    return "typed answer analysed"


class WithoutArguments(logging.Filter):
    """procrastinate names a job with its arguments in its log lines ("Job coach.analyse_answer[7]
    (owner='ann@…', text='…') ended with status: Error"): the person, their question and the words
    they typed, in a log every worker's runner reads. Here a job is named by its task and id only."""

    def filter(self, record: logging.LogRecord) -> bool:
        job = getattr(record, "job", None)
        if isinstance(job, dict) and job.get("call_string"):
            named = f"{job.get('task_name')}[{job.get('id')}]"
            record.msg = str(record.msg).replace(job["call_string"], named)
            record.job = {k: v for k, v in job.items() if k not in ("task_kwargs", "call_string")}
        return True


# What a person's Review page says when their kept interview recording is gone before a worker
# reached it (as RECORDING_MISSING for an answer).
INTERVIEW_MISSING = "The recording of this interview is missing, so it was not reviewed; upload it again."


def review_queued_interview(owner: str, recording: str, sha256: str, original_name: str = "") -> str:
    """The job: review one kept interview recording for `owner` with the Review page's own
    orchestrator (`resume_review`, which reads what was asked from the note beside it) and store it,
    unless it is stored already. Returns what happened (kept in the worker's log).

    What `review_recording` guarantees holds here too: a file that is not audio is removed and no
    interview logged; one that could be audio (silent) is kept with its interview, logged. Either
    way its person's sentence is written beside the recording for their page."""
    from coach.interview.orchestrator import KeptUnanalysed, keep_work_in_store, resume_review
    from coach.store.recordings import noted_review

    if _worker is None:
        raise RuntimeError("review_queued_interview runs inside `coach worker` (coach.queue.run_worker)")
    store = _worker.store.for_owner(owner)
    settings = replace(current_settings(_worker.settings), owner=store.settings.owner)
    logger.info("reviewing interview %s", sha256[:10])  # never the person or the words: the log is shared
    with _held(store, review_key(owner, sha256)):
        path = store.absolute(recording)
        if not path.parent.is_dir():  # its person deleted all their data meanwhile: nothing to tell
            logger.info("interview %s: its folder is gone (its person's data was deleted)", sha256[:10])
            return "data deleted"
        if read_outcome(path):
            return "already told"
        asked = noted_review(path) if path.is_file() else None
        # stored, and not asked again for its own interview (the same file uploaded to review it
        # again there, which replaces its answers): a new interview is never logged twice
        if stored_interview(store, sha256) is not None and (asked or {}).get("interview_id") is None:
            return "already stored"
        if not path.is_file():
            logger.warning("recording %s is missing from %s", path.name, path.parent)
            write_outcome(path, INTERVIEW_MISSING)
            return "recording missing"
        try:
            reviewed = resume_review(store, settings, path)
        except CoachError as e:
            said = str(e).replace(original_name, path.name) if original_name else str(e)
            logger.warning("interview %s not reviewed: %s", path.name, said)  # not the person's file name
            kept = e.saved["interview_id"] if isinstance(e, KeptUnanalysed) else None
            write_outcome(path, said_on_server(e), **({"interview_id": kept} if kept else {}))
            return "not reviewed"
        # its words, voices and answers heard again go to the database beside it, and out of this
        # worker's folder: the app that shows "Who is who" reviews it again from them, wherever
        # this worker ran, without transcribing the call again
        saved = reviewed.result["saved"]
        keep_work_in_store(store, settings, saved["interview_recording_id"], sha256, forget_here=True)
    return f"interview {saved['interview_id']}"


def current_settings(worker: Settings) -> Settings:
    """The worker's settings with the cohort's thresholds and speech settings as settings.toml has
    them now: the staff's change applies to everyone's next answer, as their Settings page says,
    not after the workers restart. A file that cannot be read leaves `worker` as it is (logged): the
    settings the worker started with."""
    from coach.config import load_settings

    try:
        now = load_settings(worker.data_dir)
    except CoachError as e:
        logger.warning("settings not read again, those the worker started with kept: %s", e)
        return worker
    return replace(
        worker,
        thresholds=now.thresholds,
        engine=now.engine,
        model=now.model,
        beam_size=now.beam_size,
        verbatim=now.verbatim,
        recover_fillers=now.recover_fillers,
    )


def feedback_seen(store: Store, job_id: int, task: str = TASK) -> None:
    """The person saw this answer's feedback (`task`: or this review): its finished job is forgotten
    now, not an hour later, so a later visit does not offer it as "analysed while you were away"
    (it did, on every visit for two hours, to someone who had watched it land)."""
    with store.write() as conn:
        conn.execute(
            sa.text(
                "DELETE FROM procrastinate_jobs WHERE id = :id AND task_name = :task "
                "AND args->>'owner' = :owner AND status IN ('succeeded', 'failed')"
            ),
            dict(id=job_id, task=task, owner=store.owner),
        )


def forget_jobs(store: Store) -> int:
    """Remove `store.owner`'s jobs from the queue (their file names, questions and folders), all
    but one a worker is doing now, which finds their folder gone: when they delete all their data.
    A typed answer a worker is analysing now loses its words and its question here (its row stays
    for the worker to mark done, and a retry finds nothing to analyse), and its worker writes no
    result once they are gone (`_analyse_typed`); every typed result of theirs goes."""
    with store.write() as conn:
        if conn.execute(sa.text("SELECT to_regclass('procrastinate_jobs')")).scalar() is None:
            return 0
        conn.execute(
            sa.text(
                "UPDATE procrastinate_jobs SET args = args || jsonb_build_object('text', '', 'question', "
                "NULL) WHERE task_name = :task AND args->>'owner' = :owner AND args ? 'text' "
                "AND status IN ('doing', 'aborting')"
            ),
            dict(task=TASK, owner=store.owner),
        )
        forgotten = conn.execute(
            sa.text(
                "DELETE FROM procrastinate_jobs WHERE task_name IN (:task, :review) "
                "AND args->>'owner' = :owner AND status NOT IN ('doing', 'aborting')"
            ),
            dict(task=TASK, review=REVIEW_TASK, owner=store.owner),
        ).rowcount
        if conn.execute(sa.text(f"SELECT to_regclass('{TYPED_RESULTS_TABLE}')")).scalar() is not None:
            conn.execute(
                sa.text(f"DELETE FROM {TYPED_RESULTS_TABLE} WHERE owner = :owner"), dict(owner=store.owner)
            )
        return forgotten


def _question(data: dict | None):
    if not data:
        return None
    from coach.banks import Question

    return Question(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


@contextlib.contextmanager
def _held(store: Store, key: str) -> Iterator[None]:
    """A PostgreSQL advisory lock on `key` for as long as the job runs: a second job for the same
    take (a retry of a worker wrongly taken for dead) waits, then finds the attempt stored. The
    lock goes with the connection, so a worker that dies releases it."""
    with store.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(sa.text("SELECT pg_advisory_lock(hashtextextended(:key, 23))"), dict(key=key))
        try:
            yield
        finally:
            conn.execute(sa.text("SELECT pg_advisory_unlock(hashtextextended(:key, 23))"), dict(key=key))


async def retry_stalled_jobs(
    app: procrastinate.App, stalled_after_s: float = STALLED_AFTER_S, store: Store | None = None
) -> int:
    """Put the jobs of workers silent for `stalled_after_s` back on the queue; returns how many. A
    job that has now lost WORKERS_LOST_MAX workers ends failed instead, its person told why (the
    outcome is written beside the recording; `store` defaults to this worker's)."""
    store = store or (_worker.store if _worker else None)
    retried = 0
    for job in await _stalled_jobs(app, stalled_after_s):
        if job.status != Status.DOING.value:
            # put back (or ended) by another worker looking after the queue at the same moment: its
            # lost run counted once (counted again here, one lost worker ended the answer failed)
            continue
        if job.attempts + 1 >= WORKERS_LOST_MAX:  # every earlier run of it was lost too
            # why, beside the recording, before the job reads failed: a page that looked in between
            # found it failed with no reason and said only that it "could not be analysed"
            recording = (job.task_kwargs or {}).get("recording")
            if store is not None and recording:
                said = STOPPED_THE_REVIEWER if job.task_name == REVIEW_TASK else STOPPED_THE_ANALYSER
                write_outcome(store.absolute(recording), said)
                # kept as one that cannot be analysed, with why: it was offered again as a review
                # "stopped before it finished", and "Review it now" put it back on the queue
                note_not_analysable(store.absolute(recording), said)
            await app.job_manager.finish_job_by_id_async(job.id, Status.FAILED, False)
            logger.warning("job %s stopped %d workers; it is not tried again", job.id, job.attempts + 1)
            continue
        try:
            await app.job_manager.retry_job(job)
            retried += 1
            logger.warning("job %s of a worker that stopped answering is back on the queue", job.id)
        except AlreadyEnqueued:
            # the same take is waiting in another job already: that one will do it
            await app.job_manager.finish_job_by_id_async(job.id, Status.FAILED, False)
    return retried


async def _stalled_jobs(app: procrastinate.App, stalled_after_s: float) -> list:
    """The queue's jobs being done by a worker that no longer runs: silent for `stalled_after_s`, or
    its lock gone with its process (killed a moment ago: its job waited out the whole
    `stalled_after_s` before, its person told meanwhile that it stopped), or no worker at all."""
    found = await app.connector.execute_query_all_async(
        "SELECT j.id FROM procrastinate_jobs j LEFT JOIN procrastinate_workers w ON w.id = j.worker_id "
        f"WHERE j.status = 'doing' AND j.queue_name = %(queue)s "
        f"AND NOT COALESCE({_running_worker('%(after)s')}, false) ORDER BY j.id",
        queue=QUEUE,
        after=stalled_after_s,
    )
    jobs = []
    for row in found:
        jobs += await app.job_manager.list_jobs_async(id=row["id"])
    return jobs


async def _look_after_queue(app: procrastinate.App, stalled_after_s: float, every_s: float) -> None:
    """Every `every_s`: put dead workers' jobs back on the queue. Every ten minutes: forget jobs
    finished over an hour ago (the attempt is stored; the job only named who and which take)."""
    last_cleanup = 0.0
    failing = False
    while True:
        try:
            await retry_stalled_jobs(app, stalled_after_s)
            if time.monotonic() - last_cleanup > CLEANUP_EVERY_S:
                await app.job_manager.delete_old_jobs(
                    nb_hours=KEEP_FINISHED_JOBS_H,
                    queue=QUEUE,
                    include_failed=True,
                    include_cancelled=True,
                    include_aborted=True,
                )
                last_cleanup = time.monotonic()
            if failing:
                logger.info("looking after the queue again")
                failing = False
        except Exception as e:  # the database away for a moment: try again next round
            # one line when it starts, not a traceback every round (the log filled with the same
            # forty lines every 5 s while the database was away)
            if not failing:
                logger.warning(
                    "could not look after the queue (%s); trying again", _first_line(e.__cause__ or e)
                )
                failing = True
        await asyncio.sleep(every_s)


def worker_settings(settings: Settings, threads: int) -> Settings:
    """One CPU thread a job by default, so several workers share a machine without fighting."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
        os.environ.setdefault(name, str(threads))
    return replace(settings, cpu_threads=threads)


def check_recordings_folder(store: Store) -> None:
    """A worker told a recordings folder that is not the app's started, took every answer and failed
    each for good, its people told only that their answer "could not be analysed". When the coach
    has stored recordings and none of the latest few is in this worker's folder, it does not start,
    in one sentence. The recordings waiting in the queue count too: a new cohort's first answers
    have no row yet, and a worker in the wrong folder took each for one whose person had deleted
    their data, dropping it. (A new cohort with none yet starts: its folder may not exist before
    the first.)"""
    with store.read() as conn:
        waiting = (
            conn.execute(
                sa.text(
                    "SELECT args->>'recording' FROM procrastinate_jobs WHERE task_name IN (:task, :review) "
                    "AND status = 'todo' AND args->>'recording' LIKE :kept ORDER BY id DESC LIMIT 5"
                ),
                dict(task=TASK, review=REVIEW_TASK, kept="recordings/%"),
            )
            .scalars()
            .all()
        )
        latest = waiting + (
            conn.execute(
                sa.select(recordings.c.path)
                .where(
                    recordings.c.deleted_at.is_(None),
                    recordings.c.detached_at.is_(None),
                    recordings.c.path.like("recordings/%"),
                )
                .order_by(recordings.c.id.desc())
                .limit(5)
            )
            .scalars()
            .all()
        )
    if latest and not any(store.absolute(path).is_file() for path in latest):
        raise InputError(
            f"None of the latest recordings the coach keeps is in {store.settings.recordings_root}; "
            "point COACH_RECORDINGS_DIR at the folder the app keeps the recordings in (shared with "
            "this machine), then start the worker again."
        )


def run_worker(
    settings: Settings,
    *,
    concurrency: int = 1,
    threads: int = 1,
    name: str | None = None,
    heartbeat_s: float = HEARTBEAT_S,
    stalled_after_s: float = STALLED_AFTER_S,
    loading: Callable[[], None] | None = None,
) -> None:
    """Load the models once, then run jobs until stopped (Ctrl-C or SIGTERM finish the job in hand).
    `loading` is called once the database and the recordings folder are found right, as the models
    start loading: `coach worker` says there what it loads (it said so before refusing a wrong folder)."""
    global _worker
    from coach.practice import load_models_to_serve
    from coach.store import open_store

    conninfo(settings)  # one sentence, before any model loads, when this is not PostgreSQL
    named = logging.getLogger("procrastinate.worker")
    if not any(isinstance(f, WithoutArguments) for f in named.filters):
        named.addFilter(WithoutArguments())
    settings = worker_settings(settings, threads)
    ensure_schema(settings)
    # recover=False: a take waiting in the shared folder is the queue's, not an orphan to adopt
    store = open_store(settings, recover=False)
    try:
        check_recordings_folder(store)  # before torch and the models load: said at once
    except CoachError:
        store.close()
        raise
    if loading is not None:
        loading()
    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:
        pass
    load_models_to_serve(settings)
    _worker = _Worker(settings, store)
    serving = serve_queue(
        settings, concurrency=concurrency, name=name, heartbeat_s=heartbeat_s, stalled_after_s=stalled_after_s
    )
    try:
        while True:
            try:
                asyncio.run(serving())
                return  # stopped (Ctrl-C, SIGTERM)
            except ConnectorException as e:
                # a worker on another machine has no one to start it again: it waits, and its
                # answer in hand goes back on the queue (another worker's, or its own, look-after)
                logger.warning(
                    "lost the queue's database (%s); waiting for the database to answer again",
                    _first_line(e.__cause__ or e),
                )
                _wait_for_database(settings)
                logger.info("the database answers again")
    finally:
        _worker.store.close()
        _worker = None


def serve_queue(
    settings: Settings,
    *,
    concurrency: int = 1,
    name: str | None = None,
    heartbeat_s: float = HEARTBEAT_S,
    stalled_after_s: float = STALLED_AFTER_S,
):
    """The worker's run on the queue (the models loaded already), as a coroutine function: a
    database gone for `database_lost_after_s()` stops it (a ConnectorException), and `run_worker`
    waits for the database and runs it again, the models still loaded."""

    async def serve() -> None:
        app = make_app(conninfo(settings), timeout=database_lost_after_s())
        app.job_manager = _ShowingItRuns(app.connector, conninfo(settings))
        async with app.open_async():
            watcher = asyncio.create_task(_look_after_queue(app, stalled_after_s, heartbeat_s))
            logger.info("models loaded; waiting for answers")
            try:
                await app.run_worker_async(
                    queues=[QUEUE],
                    concurrency=concurrency,
                    name=name,
                    update_heartbeat_interval=heartbeat_s,
                    stalled_worker_timeout=stalled_after_s,
                    fetch_job_polling_interval=2.0,
                )
            finally:
                watcher.cancel()
                await app.job_manager.let_go()

    return serve


# A running worker holds a PostgreSQL advisory lock (RUNS_LOCK, its procrastinate worker id) on a
# connection of its own for as long as it runs. procrastinate's worker table holds only an id and a
# heartbeat, so a worker SIGKILLed or out of memory was still counted among the "Analysers running"
# for up to STALLED_AFTER_S, beside the one started in its place ("2" for one); its connection
# closes with the process, and the lock with it. A worker on a machine that lost power keeps its
# lock until PostgreSQL notices the dropped connection (TCP keepalives); its heartbeat's age still
# counts it out after STALLED_AFTER_S.
RUNS_LOCK = 0x636F6163  # "coac": the advisory locks' first key, the worker's id the second


def _lock_key(worker_id: int) -> int:
    return worker_id % 2**31  # the second key is a 32-bit integer


# Each worker that has held its lock is noted here with the coach's version it runs. A worker of an
# older coach (another machine not yet updated) holds no lock: it was not counted among the
# "Analysers running" at all, though it beat and took answers. A worker noted here and not holding
# its lock is gone (killed a moment ago); one not noted here is of an older coach, and only its
# heartbeat says whether it runs.
WORKERS_TABLE = "coach_queue_workers"
WORKERS_SCHEMA = (
    f"CREATE TABLE IF NOT EXISTS {WORKERS_TABLE} (worker_id bigint PRIMARY KEY "
    "REFERENCES procrastinate_workers(id) ON DELETE CASCADE, version text NOT NULL)"
)

# A typed answer's analysis waits here for its person's page, one row a job, never as an answer (a
# typed answer is not saved, on a personal coach or in a cohort). It goes with its job: deleted when
# the page has shown it (`feedback_seen`), an hour after (KEEP_FINISHED_JOBS_H, `_look_after_queue`)
# or with all its person's data (`forget_jobs`). Kept beside the job rather than in its row, whose
# arguments procrastinate passes to the task again when a job is retried. Read by its owner only.
TYPED_RESULTS_TABLE = "coach_typed_results"
TYPED_RESULTS_SCHEMA = (
    f"CREATE TABLE IF NOT EXISTS {TYPED_RESULTS_TABLE} (job_id bigint PRIMARY KEY "
    "REFERENCES procrastinate_jobs(id) ON DELETE CASCADE, owner text NOT NULL, analysis jsonb NOT NULL)"
)


def _running_worker(after: str) -> str:
    """SQL true while worker `w` (a procrastinate_workers row) runs: it beat within `after` (the
    parameter's placeholder) seconds, and holds its lock unless it is of an older coach."""
    return (
        f"(w.last_heartbeat > now() - make_interval(secs => {after}) AND ("
        f"NOT EXISTS (SELECT 1 FROM {WORKERS_TABLE} c WHERE c.worker_id = w.id) "
        "OR EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted "
        f"AND l.classid = {RUNS_LOCK} AND l.objid = mod(w.id, 2147483648) AND l.objsubid = 2)))"
    )


RUNNING_WORKER = _running_worker(":after")


class _ShowingItRuns(JobManager):
    """procrastinate's JobManager, holding RUNS_LOCK on the worker's id from its registration to its
    end, taken again at a heartbeat when its connection was lost (the database away a moment)."""

    def __init__(self, connector, address: str):
        super().__init__(connector)
        self._address = address
        self._holding = None  # the connection holding the lock
        self._said_lost = False

    async def register_worker(self) -> int:
        worker_id = await super().register_worker()
        await self._hold(worker_id)
        return worker_id

    async def update_heartbeat(self, worker_id: int) -> None:
        await super().update_heartbeat(worker_id)
        await self._hold(worker_id)

    async def unregister_worker(self, worker_id: int) -> None:
        await super().unregister_worker(worker_id)
        await self.let_go()

    async def _hold(self, worker_id: int) -> None:
        import psycopg

        try:
            if self._holding is not None and not self._holding.closed:
                await self._holding.execute("SELECT 1")  # still there
                return
        except psycopg.Error:
            await self.let_go()
        try:
            self._holding = await psycopg.AsyncConnection.connect(
                self._address, autocommit=True, connect_timeout=10
            )
            # try: its old connection may still hold it, PostgreSQL not yet aware that it was lost
            taken = await self._holding.execute(
                "SELECT pg_try_advisory_lock(%s, %s)", (RUNS_LOCK, _lock_key(worker_id))
            )
            if not (await taken.fetchone())[0]:
                # held still by the connection lost (counted as running meanwhile): tried again at
                # the next beat, not taken for held by this one for ever
                await self.let_go()
                return
            await self._holding.execute(
                f"INSERT INTO {WORKERS_TABLE} (worker_id, version) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                (worker_id, __version__),
            )
            self._said_lost = False
        except psycopg.Error as e:
            await self.let_go()
            if not self._said_lost:  # procrastinate says the rest; the staff's count waits for the lock
                logger.warning("could not show this worker as running (%s); trying again", _first_line(e))
                self._said_lost = True

    async def let_go(self) -> None:
        holding, self._holding = self._holding, None
        if holding is not None:
            with contextlib.suppress(Exception):
                await holding.close()


# How long a worker's query waits for a connection before the database counts as gone, and how
# often a worker that lost it asks again. COACH_DATABASE_LOST_AFTER_S sets the first for a worker
# (the tests, which waited it out: about 20 s of a test that loses its database).
DATABASE_LOST_AFTER_S = 10.0
DATABASE_ASKED_EVERY_S = 2.0


def database_lost_after_s() -> float:
    """DATABASE_LOST_AFTER_S, or the seconds COACH_DATABASE_LOST_AFTER_S says (a positive number)."""
    try:
        told = float(os.environ.get("COACH_DATABASE_LOST_AFTER_S", ""))
    except ValueError:
        return DATABASE_LOST_AFTER_S
    return told if told > 0 else DATABASE_LOST_AFTER_S


def _wait_for_database(settings: Settings) -> None:
    import psycopg

    while True:
        try:
            psycopg.connect(conninfo(settings), connect_timeout=5).close()
            return
        except psycopg.Error:
            time.sleep(DATABASE_ASKED_EVERY_S)
