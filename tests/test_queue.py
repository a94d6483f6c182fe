"""Cohort mode: answers as jobs on the queue in PostgreSQL, analysed by real `coach worker`
processes (real Whisper tiny.en on a real clip), one killed mid-job. A personal coach has no queue."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from app_support import pages_on_a_fresh_queue
from pg_server import allow_connections, get_server, skip_reason

from coach.banks import get_question
from coach.config import load_settings
from coach.store import list_attempts, open_store, unanalysed_recordings

ROOT = Path(__file__).resolve().parent.parent
CLIP = ROOT / "tests" / "data" / "fillers.wav"  # 14 s of speech with fillers, tiny.en: about 3 s
HEARTBEAT_S, STALLED_AFTER_S = "1", "3"

pytestmark = pytest.mark.slow


class Worker:
    """`coach worker` in its own process, its log in a file the test reads."""

    def __init__(self, env: dict, log: Path, name: str):
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coach.cli", "worker", "--name", name]
            + ["--heartbeat", HEARTBEAT_S, "--stalled-after", STALLED_AFTER_S],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )
        self.asked_to_stop = False

    def said(self, text: str) -> bool:
        return text in self.log.read_text(errors="replace")

    def wait_ready(self, what: str = "a worker") -> None:
        """Until it has loaded its models and waits for answers (its log says so); it must not stop."""
        wait_for(lambda: self.said("waiting for answers") or self.process.poll() is not None, 180, what)
        assert self.process.poll() is None, self.log.read_text()[-3000:]

    def ask_to_stop(self) -> None:
        """SIGTERM once (a second one is a hard stop): it finishes its job in hand, then stops."""
        if self.process.poll() is None and not self.asked_to_stop:
            self.process.terminate()
            self.asked_to_stop = True

    def stop(self) -> None:
        self.ask_to_stop()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def wait_for(condition, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")


def fresh_cohort(data_dir: Path) -> tuple:
    """A new cohort database with the queue's schema: the app's settings on it, and the environment
    a `coach worker` started for that app needs."""
    from coach import queue

    url = get_server().new_database_url()
    settings = replace(load_settings(data_dir=data_dir), database_url=url, queue=True)
    queue.ensure_schema(settings)
    env = dict(
        os.environ,
        COACH_DATA_DIR=str(data_dir),
        COACH_DATABASE_URL=url,
        COACH_QUEUE="1",
        PYTHONPATH=str(ROOT),
    )
    return settings, env


@contextlib.contextmanager
def running_workers(
    env: dict, folder: Path, names: list[str], what: str = "a worker", ready: bool = True
) -> Iterator[list[Worker]]:
    """`coach worker` processes (each logging to folder/<name>.log), started and, with `ready`, each
    waiting for answers (else still loading their models); every worker in the list at the end,
    those the test put in too, is stopped, all asked at once (each takes seconds to finish)."""
    workers = [Worker(env, folder / f"{name}.log", name) for name in names]
    try:
        for worker in workers if ready else []:
            worker.wait_ready(what)
        yield workers
    finally:
        for worker in workers:
            worker.ask_to_stop()
        for worker in workers:
            worker.stop()


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """A cohort database with the queue's schema and two workers sharing one recordings folder."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from coach import queue

    folder = tmp_path_factory.mktemp("cohort")
    url = get_server().new_database_url()
    settings = replace(
        load_settings(data_dir=folder / "app"),
        database_url=url,
        queue=True,
        recordings_folder=str(folder / "shared-recordings"),
    )
    assert queue.ensure_schema(settings) is True
    assert queue.ensure_schema(settings) is False  # applied once, whoever starts first
    env = dict(
        os.environ,
        COACH_DATA_DIR=str(folder / "worker"),  # a worker's own data dir: only the recordings are shared
        COACH_DATABASE_URL=url,
        COACH_RECORDINGS_DIR=str(folder / "shared-recordings"),
        COACH_QUEUE="1",
        PYTHONPATH=str(ROOT),
    )
    with running_workers(env, folder, ["w1", "w2"]) as workers:
        store = open_store(settings)
        try:
            yield store, workers
        finally:
            store.close()


def attempts_of(store, sha256: str) -> list[dict]:
    return [a for a in list_attempts(store) if a["recording_sha256"] == sha256]


def test_the_same_take_enqueued_twice_is_one_job_and_one_attempt(cohort):
    from coach import queue

    store, _ = cohort
    ann = store.for_owner("ann@example.org")
    question = get_question("swe-beh-01", store.data_dir)
    take = CLIP.read_bytes()
    first = queue.submit_answer(ann, take, original_name="answer.wav", question=question)
    again = queue.submit_answer(ann, take, original_name="answer.wav", question=question)
    assert again == first  # one job while it waits
    assert queue.job_state(store.for_owner("bob@example.org"), first) is None  # not Bob's to see

    state = wait_for(lambda: _finished(ann, first), 120, "the answer")
    assert state.state == "done", state
    assert state.attempt["question_id"] == "swe-beh-01"
    assert state.attempt["analysis"]["metrics"]["words"] >= 20
    kept = store.absolute(state.attempt["recording_path"])
    assert state.attempt["recording_path"].startswith("recordings/") and "/practice/" in str(kept)
    assert kept.is_file() and kept.is_relative_to(store.settings.recordings_root)  # the shared folder

    # enqueued once more after it landed: the job runs and stores nothing twice
    late = queue.submit_answer(ann, take, original_name="answer.wav", question=question)
    assert late != first
    assert wait_for(lambda: _finished(ann, late), 120, "the repeated job").state == "done"
    sha = state.attempt["recording_sha256"]
    assert len(attempts_of(ann, sha)) == 1


def test_the_same_take_sent_for_another_question_is_that_questions_answer(cohort):
    """Ben sent the recording he had answered "Describe a time a miscommunication caused a
    problem" with as his answer to "Give me your thirty-second pitch" (seen on `make serve-cohort`):
    the page showed the first question's feedback (its talking points, its length) under the
    pitch's heading, stored no answer to the pitch, and listed the copy as "saved but not
    analysed: its analysis was interrupted". (The module's workers answer him: the test started a
    worker of its own on a cohort of its own, the models loaded again, in a file of its own.)"""
    from coach import queue

    store, _ = cohort
    ben = store.for_owner("ben@example.org")
    take = CLIP.read_bytes()
    answers = {}
    for question_id in ("swe-beh-01", "close-12"):
        question = get_question(question_id, store.data_dir)
        job = queue.submit_answer(ben, take, original_name="answer.wav", question=question)
        state = wait_for(lambda job=job: _finished(ben, job), 120, f"the answer to {question_id}")
        assert state.state == "done", state
        answers[question_id] = state.attempt
    assert [a["question_id"] for a in answers.values()] == ["swe-beh-01", "close-12"]
    assert answers["close-12"]["question_text"] == get_question("close-12", store.data_dir).text
    assert len(attempts_of(ben, answers["close-12"]["recording_sha256"])) == 2
    # the same take for the same question again is still one answer to it
    again = queue.submit_answer(
        ben, take, original_name="answer.wav", question=get_question("close-12", store.data_dir)
    )
    assert (
        wait_for(lambda: _finished(ben, again), 120, "the repeated answer").attempt["id"]
        == (answers["close-12"]["id"])
    )
    assert len(attempts_of(ben, answers["close-12"]["recording_sha256"])) == 2


def test_a_worker_killed_mid_job_loses_nothing_and_the_answer_lands_once(cohort):
    from coach import queue

    store, workers = cohort
    cam = store.for_owner("cam@example.org")
    take = CLIP.read_bytes() + b"\0" * 3200  # the same speech with 0.1 s more silence: a new take
    job = queue.submit_answer(cam, take, original_name="answer.wav")
    sha = _sha(cam, job)
    started = f"analysing take {sha[:10]}"
    taker = wait_for(lambda: next((w for w in workers if w.said(started)), None), 60, "a worker to start")
    taker.process.send_signal(signal.SIGKILL)  # mid-job: transcription takes seconds
    taker.process.wait()
    assert queue.job_state(cam, job).state == "working"  # the dead worker's job, not yet retried

    state = wait_for(lambda: _finished(cam, job), 120, "the answer after the worker died")
    assert state.state == "done", state
    survivor = next(w for w in workers if w is not taker)
    assert survivor.said(started)
    assert survivor.said("back on the queue")
    assert len(attempts_of(cam, sha)) == 1
    assert store.absolute(state.attempt["recording_path"]).is_file()
    assert unanalysed_recordings(cam) == []  # no take left behind
    with store.read() as conn:
        tries = conn.execute(sa.text("SELECT attempts FROM procrastinate_jobs WHERE id = :id"), dict(id=job))
        assert tries.scalar_one() >= 1  # it went back on the queue once


def test_the_cohort_script_replaces_a_worker_that_dies_and_keeps_the_app(tmp_path, monkeypatch):
    """`make serve-cohort`: a worker killed (out of memory, an answer that takes it down) is started
    again, after a back-off when it dies soon after starting, even a replacement dying within its
    first minute; the stack never stops for it. Only a worker of the very first start that never
    got ready (wrong settings) stops the rest, with one sentence. A worker that loses the database
    waits for it and goes on; in a multi-user cohort (a career office) it needs no --user and
    saves each answer under the person who gave it, in their own folder."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    sys.path.insert(0, str(ROOT / "scripts"))
    import serve_cohort
    from serve_cohort import CohortFailed, CohortStack

    from coach import queue

    monkeypatch.delenv("COACH_USER", raising=False)  # a multi-user worker serves the whole cohort
    # the workers count a database gone after 3 s, not 10: the office's worker below took 10-22 s to
    # notice, the same path, waited out
    monkeypatch.setenv("COACH_DATABASE_LOST_AFTER_S", "3")
    stack = CohortStack(tmp_path / "data", 0, app_port=None, pg_port=0)
    stack.url = get_server().new_database_url()
    queue.ensure_schema(stack.settings())
    # A career office's stack on a database of its own, multi-user: its worker loses its database
    # (seconds before it notices) while the first stack's workers die and are replaced.
    office = CohortStack(tmp_path / "office", 0, app_port=None, pg_port=0)
    (tmp_path / "office").mkdir(mode=0o700, exist_ok=True)
    (tmp_path / "office" / "settings.toml").write_text("multi_user = true\n")
    office.url = get_server().new_database_url()
    queue.ensure_schema(office.settings())
    logs, office_logs = tmp_path / "logs", tmp_path / "office-logs"
    logs.mkdir(mode=0o700)
    office_logs.mkdir(mode=0o700)
    office_log = office_logs / "worker1.log"
    said: list[str] = []
    try:
        stack.start_workers(1, log_dir=logs)
        office.start_workers(1, log_dir=office_logs)
        wait_for(lambda: "waiting for answers" in (logs / "worker1.log").read_text(), 180, "the worker")
        assert stack.replace_dead_workers(say=said.append) == 0 and said == []

        # A worker that loses the database waits for it (one line in its log) and goes on once it is
        # back, models still loaded: one on another machine has no one to start it again, and
        # stopped for good when the database restarted.
        wait_for(lambda: "waiting for answers" in office_log.read_text(), 180, "the office's worker")
        allow_connections(office.url, False, drop=True)
        # A first start with wrong settings stops the rest (checked at the end): its worker is
        # started now, to fail while the office's waits out its pool's timeout (COACH_DATABASE_LOST_AFTER_S)
        fresh = CohortStack(tmp_path / "data2", 0, app_port=None, pg_port=0)
        fresh.url = "postgresql+psycopg://coach:wrong@127.0.0.1:1/coach"  # nothing there: it stops at once
        fresh.start_workers(1)
        try:
            for n, backoff in ((1, serve_cohort.RESTART_AFTER_S), (2, 2 * serve_cohort.RESTART_AFTER_S)):
                dying = stack.workers[0]
                assert time.monotonic() - dying.started_at < serve_cohort.WORKER_SETTLED_S  # its first minute
                dying.send_signal(signal.SIGKILL)
                dying.wait()
                assert stack.replace_dead_workers(say=said.append) == 0  # not at once: a back-off
                assert said[-1] == (
                    f"worker{n} was killed (SIGKILL: out of memory, or stopped by hand); another starts in "
                    f"{backoff:.0f} s (an answer it had goes back on the queue; the app keeps serving)."
                )
                assert stack.replace_dead_workers(now=time.monotonic() + backoff + 0.1, say=said.append) == 1
                assert len(stack.workers) == 1 and stack.workers[0] is not dying
            # the first replacement is killed while still loading its models (within its first minute
            # all the same); the last one, started by the same code, is waited for until it is ready
            last = logs / "worker3.log"
            wait_for(lambda: "waiting for answers" in last.read_text(), 180, "replacement 2")
            assert stack.workers[0].poll() is None and len(said) == 2

            wait_for(
                lambda: "waiting for the database to answer again" in office_log.read_text(), 60, "the wait"
            )
            assert office.workers[0].poll() is None  # still running
        finally:
            allow_connections(office.url, True)
        wait_for(lambda: "the database answers again" in office_log.read_text(), 60, "the worker going on")
        assert office.workers[0].poll() is None
        store = open_store(office.settings())
        try:
            dee = store.for_owner("dee@example.edu")
            job = queue.submit_answer(dee, CLIP.read_bytes(), original_name="answer.wav")

            # The database away (stopped, restarted): each worker stops, and a replacement cannot
            # start. The back-off grew while it was away (5, 10, 20… up to 300 s), so the queue stayed
            # without a worker for minutes after the database was back; now the replacement waits for
            # the database and starts as soon as it answers.
            allow_connections(stack.url, False)
            try:
                dying = stack.workers[0]
                dying.send_signal(signal.SIGKILL)
                dying.wait()
                assert stack.replace_dead_workers(say=said.append) == 0
                assert said[-1] == (
                    "worker3 was killed (SIGKILL: out of memory, or stopped by hand); another starts as "
                    "soon as the database answers again (an answer it had goes back on the queue; the app "
                    "keeps serving)."
                )
                later = time.monotonic() + serve_cohort.RESTART_AFTER_MAX_S + 1
                assert stack.replace_dead_workers(now=later, say=said.append) == 0  # not while it is away
            finally:
                allow_connections(stack.url, True)
            assert stack.replace_dead_workers(say=said.append) == 1  # at once
            assert said[-1] == "The database answers again: another worker starts now."
            assert len(stack.workers) == 1 and stack.quick_deaths == 0
            stack.stop_workers()  # needed no further: stopped before its models take the office's CPU

            # the office's worker, its database back, analyses an answer and keeps it as its person's
            state = wait_for(lambda: _finished(dee, job), 120, "the answer")
            assert state.state == "done", state
            assert len(list_attempts(dee)) == 1
            assert list_attempts(store.for_owner("eve@example.edu")) == []
            kept = store.absolute(state.attempt["recording_path"])
            assert kept.is_file() and "/users/" in str(kept)
        finally:
            store.close()
    finally:
        stack.stop_workers()
        office.stop_workers()

    wait_for(lambda: fresh.workers[0].poll() is not None, 120, "the misconfigured worker to stop")
    with pytest.raises(CohortFailed, match=r"^The coach's worker could not start \(worker1 stopped"):
        fresh.replace_dead_workers()


def test_the_practice_page_shows_the_queue_then_draws_the_result(cohort, monkeypatch):
    """Cohort mode on the page: the take is kept and enqueued, its place shown; on a later run the
    result a worker stored is drawn, with the buttons of a personal coach's result."""
    from app_support import page

    store, _ = cohort
    settings = store.settings
    for name, value in dict(
        COACH_DATA_DIR=str(settings.data_dir),
        COACH_DATABASE_URL=settings.database_url,
        COACH_QUEUE="1",
        COACH_RECORDINGS_DIR=str(settings.recordings_root),
    ).items():
        monkeypatch.setenv(name, value)
    at = page("practice").run()
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    at.button(key=first_recommended).click().run()
    take = CLIP.read_bytes() + b"\0" * 6400  # a take of its own
    at.file_uploader[0].upload("answer.wav", take, "audio/wav").run()
    assert not at.exception, at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "Your answer is" in shown or "Analysing your answer now" in shown, shown
    assert "the result will be here when you come back, and on the Progress page" in " ".join(
        c.value for c in at.caption
    )
    job_id = at.session_state["practice_job"]["job_id"]

    def landed():
        at.run()
        return at.session_state["practice_result"]

    # the worker's analysis is waited for in the database, and only then is the page run again: run
    # four times a second meanwhile, the page took the CPU the worker analysed the answer with
    wait_for(lambda: _finished(store, job_id), 120, "the answer")
    result = wait_for(landed, 60, "the result on the page")
    assert not at.exception, at.exception
    assert at.session_state["practice_job"] is None
    assert [b for b in at.button if b.key == "practice_try_again"]
    assert result["analysis"]["metrics"]["words"] >= 20
    from coach import queue

    assert result["attempt_id"] == queue.stored_attempt(store, hashlib.sha256(take).hexdigest())["id"]
    # its feedback is on the page: the finished job is forgotten, not offered on the next visit
    assert queue.job_state(store, job_id) is None


# 60 words, a story told in order: typed on a cohort's Practice page
TYPED_STORY = (
    "Last spring our search service went down during the product launch. I was the engineer on call "
    "and my task was to bring it back before the demo. I read the logs, found a full disk on one "
    "node, moved the indexes and added an alert. As a result search was back in twenty minutes and "
    "the demo went ahead."
)


def test_a_typed_answer_on_the_cohort_practice_page_is_analysed_by_a_worker_and_not_saved(
    cohort, monkeypatch
):
    """In a cohort the Practice page offered only "Record" and "Upload a file": a student who wanted to
    write an answer, or could not speak aloud in a shared lab, had no way. "Type it" sends the words
    to the queue; a worker analyses them as a personal coach's page does, and the page shows the
    result with its feedback. As on a personal coach it is not saved: a text has no pace, pauses or
    sound, and counted on Progress and in the recommendations beside recordings. The result waits
    with its job, the student's only, and goes once shown; sent again meanwhile, it is one job."""
    from app_support import markdown_text, page

    from coach import queue

    store, workers = cohort
    _on_the_cohort(monkeypatch, store.settings)
    answers_before = [a["id"] for a in list_attempts(store)]
    at = page("practice").run()
    at.session_state["practice_question_id"] = "swe-beh-01"
    at.run()
    at.text_area(key="practice_typed_text").input(TYPED_STORY)
    at.button(key="practice_typed_analyse").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    job_id = at.session_state["practice_job"]["job_id"]
    # the waiting card of a recording, without the recording, and not promised on Progress
    waiting = [c.value for c in at.caption if "You can leave this page" in c.value]
    assert waiting and waiting[0].startswith("What you typed is kept with it."), waiting
    assert "Progress" not in waiting[0], waiting
    wait_for(lambda: _finished(store, job_id), 120, "the typed answer")
    assert queue.job_state(store.for_owner("bob@example.org"), job_id) is None  # not Bob's to see
    # the same words to the same question, done but not shown yet: the same job, not a second one
    question = get_question("swe-beh-01", store.data_dir)
    assert queue.submit_typed_answer(store, TYPED_STORY, question=question) == job_id

    def landed():
        at.run()
        return at.session_state["practice_result"]

    result = wait_for(landed, 60, "the typed answer on the page")
    assert not at.exception, at.exception
    assert result["analysis"]["transcript"] == TYPED_STORY
    assert {m.label: m.value for m in at.metric}["Words"] == "60"
    assert "Structure over the answer" in [h.value for h in at.header]
    assert result["analysis"]["feedback"] and result["analysis"]["feedback"][0][:40] in markdown_text(at)
    captions = " ".join(c.value for c in at.caption)
    assert (
        "A typed answer is not saved. Record it out loud to have it count on the Progress page." in captions
    )
    assert "Delete this answer" not in [b.label for b in at.button]  # no answer to delete
    # shown: its job and its result are gone, and the student's answers (history, Progress) are as before
    assert queue.job_state(store, job_id) is None and queue.typed_analysis(store, job_id) is None
    assert [a["id"] for a in list_attempts(store)] == answers_before

    # typed, then the page left: offered on the next visit, as a recording's result is
    later = queue.submit_typed_answer(store, TYPED_STORY + " Nobody was paged twice.", question=question)
    wait_for(lambda: _finished(store, later), 120, "the typed answer sent before leaving")
    back = page("practice").run()
    assert "Your typed answer to “Tell me about an incident" in markdown_text(back)
    back.button(key="practice_show_landed").click().run()
    assert not back.exception, back.exception
    assert back.session_state["practice_result"]["analysis"]["transcript"].endswith("Nobody was paged twice.")
    assert "A typed answer is not saved." in " ".join(c.value for c in back.caption)
    assert queue.job_state(store, later) is None
    assert [a["id"] for a in list_attempts(store)] == answers_before
    for worker in workers:  # the shared log holds neither the words nor whose they are
        assert "search service" not in worker.log.read_text(errors="replace")


REVIEW_CLIP = ROOT / "tests" / "data" / "interviews" / "interview_short.flac"  # 24 s, two voices


def _on_the_cohort(monkeypatch, settings) -> None:
    """The app's pages on the cohort fixture's database and shared recordings folder."""
    for name, value in dict(
        COACH_DATA_DIR=str(settings.data_dir),
        COACH_DATABASE_URL=settings.database_url,
        COACH_QUEUE="1",
        COACH_RECORDINGS_DIR=str(settings.recordings_root),
    ).items():
        monkeypatch.setenv(name, value)


def _sent_for_review(at, clip: Path, company: str, **form) -> None:
    """The Review page `at` with `clip` uploaded for a new interview at `company`, Analyse pressed."""
    at.file_uploader[0].upload(
        clip.name, clip.read_bytes(), "audio/flac" if clip.suffix == ".flac" else "audio/wav"
    )
    at.text_input(key="review_company").input(company)
    for key, value in form.items():
        at.selectbox(key=key).set_value(value)
    next(b for b in at.button if b.label == "Analyse the interview").click().run()
    assert not at.exception, at.exception


def _review_finished(store, job_id):
    from coach import queue

    state = queue.review_state(store, job_id)
    return state if state is not None and state.state in ("done", "failed") else None


def _until_the_page_says_how_it_went(at, store, what: str) -> None:
    """The Review page `at`, its interview just sent to the queue, run until the review has left
    the queue and the page says how it went. While it waits the page shows no error. A file a worker
    refuses in a moment (not audio, silent) can be done before the page first asks the queue, right
    after Analyse is pressed: the page says so at once (under load it did, and the test expected
    the page still waiting)."""
    job = at.session_state["review_job"]
    if job is None:  # said already, once: the page run again would not say it again
        return
    assert not at.error, [e.value for e in at.error]  # still in the queue when the page looked
    wait_for(lambda: _review_finished(store, job["job_id"]), 180, what)
    said = f"the page to say how {what} went"
    wait_for(lambda: at.run() and at.session_state["review_job"] is None, 60, said)
    assert not at.exception, at.exception


def _logged_at(store, company: str) -> list[dict]:
    from coach.store import list_interviews

    return [i for i in list_interviews(store) if i["company"] == company]


def test_a_real_interview_is_reviewed_by_a_worker_and_lands_on_the_review_page(cohort, monkeypatch):
    """Cohort mode: the Review page keeps the upload and puts its review on the queue, saying where
    it stands, instead of reviewing a 30-60 minute call in the app's process; a worker reviews it
    with the page's own orchestrator. A person who left finds it offered when they come back, one
    click from its answers and debrief; a page left open draws it too. Sent again, nothing is
    stored twice."""
    from app_support import markdown_text, page

    from coach import queue
    from coach.audio import SavedRecording
    from coach.interview.orchestrator import review_again
    from coach.interview.review import ReviewOptions

    store, _ = cohort
    _on_the_cohort(monkeypatch, store.settings)
    at = page("review").run()
    assert not at.exception, at.exception
    _sent_for_review(at, REVIEW_CLIP, "Hooli", review_speakers="2")
    assert not at.error, [e.value for e in at.error]
    shown = markdown_text(at)
    # named, the form above being emptied: "Your interview with Hooli, 6 Dec 2026 · first round is ..."
    said = ("**Your interview with Hooli, ", "**Reviewing your interview with Hooli, ")
    assert any(line in shown for line in said), shown
    assert "the review will be here when you come back" in " ".join(c.value for c in at.caption)
    assert at.file_uploader[0].value is None  # the form is empty for the next interview
    job_id = at.session_state["review_job"]["job_id"]
    assert _logged_at(store, "Hooli") == []  # logged by the worker once reviewed, not before

    # the person has left the page: nobody runs it while the worker reviews the call
    state = wait_for(lambda: _review_finished(store, job_id), 180, "the review")
    assert state.state == "done", state
    [interview] = _logged_at(store, "Hooli")
    assert interview["answers"] >= 1

    back = page("review").run()
    assert not back.exception, back.exception
    assert any("was reviewed while you were away" in m.value for m in back.markdown), markdown_text(back)
    back.button(key="review_show_landed").click().run()
    assert not back.exception, back.exception
    answers = [e.label.replace("\\", "") for e in back.expander if e.label.startswith("Answer ")]
    assert answers[0] == "Answer 1: Tell me about a project that did not meet its goals.", answers
    [answer] = back.session_state["review_result"]["answers"]
    assert answer["analysis"]["metrics"]["words"] >= 20 and "search page" in answer["analysis"]["transcript"]
    assert "Debrief" in [h.value for h in back.subheader]
    # shown whole, as a review done in the app is (it showed the answers alone): the conversation
    # under who is you, each voice with a few seconds to play and "Who is who"
    shown = markdown_text(back)
    assert "### The conversation" in shown and "### Who is who" in shown, shown
    assert [m for m in back.markdown if m.value.startswith("**You**")], shown
    voices = back.radio(key="review_mine").options
    assert voices == ["Speaker 1", "Speaker 2"] and back.selectbox(key="review_people").value == "2"
    assert len(back.get("audio")) >= 3  # the recording and one snippet per voice
    # ... and "Who is who" reviews it again here from the words the worker kept with it in the
    # database: this app's data folder is not the worker's, and the call is not transcribed again
    assert not list((store.settings.data_dir / "review-work").glob("*/chunk-*"))
    mine = int(back.radio(key="review_mine").value.split()[1])
    again_here = review_again(
        store,
        store.settings,
        back.session_state["review_result"]["interview_recording_id"],
        ReviewOptions(n_speakers=2, candidate_speaker=mine),
    )
    processing = again_here.result["processing"]
    assert processing["chunks"] >= 1 and processing["chunks_reused"] == processing["chunks"], processing
    other = next(v for v in voices if v != back.radio(key="review_mine").value)
    back.radio(key="review_mine").set_value(other)
    next(b for b in back.button if b.label == "Review again with these").click().run()
    assert not back.exception and not back.error, (back.exception, [e.value for e in back.error])
    assert f"You: {other.lower()}, as you said." in [c.value for c in back.caption]
    # shown: not offered again on the next visit ...
    again = page("review").run()
    assert not again.exception, again.exception
    assert not any("while you were away" in m.value for m in again.markdown)
    # ... and the page left open on the waiting interview draws its review when next run
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["review_job"] is None
    assert at.session_state["review_result"]["interview_id"] == interview["id"]

    # the same recording's review enqueued once more after it landed: it runs, and stores nothing twice
    sha = hashlib.sha256(REVIEW_CLIP.read_bytes()).hexdigest()
    stored = queue.stored_interview(store, sha)
    kept = store.absolute(stored["recording"])
    late = queue.enqueue_review(store, SavedRecording(kept, sha, kept.stat().st_size))
    assert wait_for(lambda: _review_finished(store, late), 120, "the repeated job").state == "done"
    [still] = _logged_at(store, "Hooli")
    assert still["answers"] == interview["answers"] and queue.stored_interview(store, sha) == stored
    # and sent again from the page for a new interview: said at once, nothing kept
    _sent_for_review(at, REVIEW_CLIP, "Hooli again")
    [error] = [e.value for e in at.error]
    assert "is already kept with" in error and error.endswith("Nothing was saved."), error
    assert at.session_state["review_job"] is None


def test_a_review_done_by_a_worker_shows_its_own_warnings_as_one_done_here(cohort, monkeypatch):
    """The review's own warnings come from the worker with it: one voice heard in an interview is
    said over the review (once), and "How many people speak" offers the 2 it asks for (the page showed
    each answer's warnings alone, and offered 1)."""
    from app_support import markdown_text, page

    from coach.analysis.quality import ONE_VOICE

    store, _ = cohort
    _on_the_cohort(monkeypatch, store.settings)
    at = page("review").run()
    _sent_for_review(at, CLIP, "Globex")  # one person speaking
    _until_the_page_says_how_it_went(at, store, "the review")
    assert not at.error, [e.value for e in at.error]
    assert at.session_state["review_result"]
    said = [w.value.replace("\\", "") for w in at.warning]
    # said once, over the review, as a review done here says it (the whole recording, unscored for
    # that reason, is not shown again as an answer under it)
    assert said.count(ONE_VOICE) == 1, said
    assert "### Who is who" in markdown_text(at)
    assert at.selectbox(key="review_people").value == "2"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_bad_file_sent_for_review_is_told_in_one_sentence_and_logs_no_interview(cohort, monkeypatch):
    """What `review_recording` guarantees holds through the queue: a file that is not audio is told
    on the page in one sentence naming the person's file, with no interview logged and no copy
    kept; a silent recording could be audio, so it is kept with its interview (its debrief can
    be written), and said so."""
    from app_support import page

    store, _ = cohort
    _on_the_cohort(monkeypatch, store.settings)
    at = page("review").run()
    notes = ROOT / "tests" / "data" / "not_audio.wav"
    at.file_uploader[0].upload("Evil Co notes.wav", notes.read_bytes(), "audio/wav")
    at.text_input(key="review_company").input("Evil Co")
    next(b for b in at.button if b.label == "Analyse the interview").click().run()
    assert not at.exception, at.exception
    _until_the_page_says_how_it_went(at, store, "the bad file")
    [error] = [e.value for e in at.error]
    assert error.startswith("Evil Co notes.wav is not audio the coach can read"), error
    assert error.endswith("Nothing was saved.") and "\n" not in error, error
    assert _logged_at(store, "Evil Co") == []
    sha = hashlib.sha256(notes.read_bytes()).hexdigest()
    from coach.store import unanalysed_recordings

    assert not [r for r in unanalysed_recordings(store) if r["sha256"] == sha]
    kept = [
        p for p in store.settings.recordings_root.rglob("*") if p.is_file() and not p.name.startswith(".")
    ]
    assert not [p for p in kept if _sha256(p) == sha]  # no copy kept as a recording

    silence = ROOT / "tests" / "data" / "silence.wav"
    _sent_for_review(at, silence, "Initech")
    _until_the_page_says_how_it_went(at, store, "the silent file")
    [error] = [e.value for e in at.error]
    assert "silent" in error and error.endswith(
        "The recording is kept with the interview in your log; you can still write its debrief below."
    ), error
    [interview] = _logged_at(store, "Initech")
    assert "Debrief" in [h.value for h in at.subheader]
    assert at.session_state["review_result"]["interview_id"] == interview["id"]


def test_with_no_worker_running_the_review_page_says_so(tmp_path, monkeypatch):
    """An interview sent for review while no analyser runs: the person is told so, and whom to tell."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from app_support import page

    _app_on_a_fresh_queue(tmp_path, monkeypatch)
    at = page("review").run()
    _sent_for_review(at, REVIEW_CLIP, "Hooli")
    shown = " ".join(m.value for m in at.markdown)
    assert "**No analyser is running at the moment**" in shown, shown
    assert "Your interview with Hooli, " in shown, shown
    assert "· first round is analysed as soon as one starts. If this lasts more than a few minutes" in shown
    # a reload finds it again, still waiting
    back = page("review").run()
    assert not back.exception, back.exception
    assert "**No analyser is running at the moment**" in " ".join(m.value for m in back.markdown)


def _app_on_a_fresh_queue(tmp_path, monkeypatch) -> None:
    """The app's pages (data in tmp_path/app) sending answers to a queue in a new database."""
    pages_on_a_fresh_queue(tmp_path / "app", monkeypatch)


def test_with_no_worker_running_the_page_says_so_and_the_answer_lands_when_one_starts(tmp_path, monkeypatch):
    """A cohort whose workers are all down (not started yet, crashed): the person is told no
    analyser is running, not that their answer is next forever; one started later analyses it."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from app_support import page

    _app_on_a_fresh_queue(tmp_path, monkeypatch)
    at = page("practice").run()
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    at.button(key=first_recommended).click().run()
    at.file_uploader[0].upload("answer.wav", CLIP.read_bytes(), "audio/wav").run()
    assert not at.exception, at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "No analyser is running at the moment" in shown, shown
    assert "next in the queue" not in shown

    job_id = at.session_state["practice_job"]["job_id"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with running_workers(env, tmp_path, ["w-late"], ready=False) as [worker]:
        with contextlib.closing(open_store(load_settings())) as store:
            # the person has left the page ("the result will be here when you come back"): nobody
            # runs it while the answer is analysed
            state = wait_for(lambda: _finished(store, job_id), 180, "the answer once a worker started")
            assert state.state == "done", state
        worker.ask_to_stop()  # it stops while the pages below run
        # a new visit offers the answer analysed meanwhile, one click from its feedback
        back = page("practice").run()
        assert not back.exception, back.exception
        assert any("was analysed while you were away" in m.value for m in back.markdown)
        back.button(key="practice_show_landed").click().run()
        assert not back.exception, back.exception
        result = back.session_state["practice_result"]
        assert result["analysis"]["metrics"]["words"] >= 20
        assert result["attempt_id"] == state.attempt["id"]
        assert "What to work on" in [h.value for h in back.header]
        # the visit after does not offer it again (every visit for two hours did, to someone who had
        # read its feedback) ...
        again = page("practice").run()
        assert not again.exception, again.exception
        assert not any("while you were away" in m.value for m in again.markdown)
        assert again.session_state["practice_result"] is None
        # ... and the page left open on the waiting answer still draws it when next run
        at.run()
        assert not at.exception, at.exception
        assert at.session_state["practice_result"]["attempt_id"] == result["attempt_id"]
        assert "What to work on" in [h.value for h in at.header]


def test_a_queue_set_on_sqlite_gives_the_practice_page_one_sentence(tmp_path, monkeypatch):
    """The app started with the queue on but no PostgreSQL (COACH_DATABASE_URL forgotten): the
    Practice page says in one sentence that answers cannot be taken, not a traceback."""
    from app_support import page

    from coach.queue import QUEUE_NOT_READY

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COACH_QUEUE", "1")
    at = page("practice").run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [QUEUE_NOT_READY]
    # Progress's recordings not analysed: none waits in a queue SQLite cannot hold (it said it could
    # not reach the database)
    progress = page("progress").run()
    assert not progress.exception and not progress.error, [e.value for e in progress.error]


def test_the_app_started_before_any_worker_makes_the_queue_tables(tmp_path, monkeypatch):
    """PostgreSQL with no queue tables yet (the app started before the first worker): the
    Practice page makes them and takes the answer, which waits for a worker."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from app_support import page

    for name, value in dict(
        COACH_DATA_DIR=str(tmp_path), COACH_DATABASE_URL=get_server().new_database_url(), COACH_QUEUE="1"
    ).items():
        monkeypatch.setenv(name, value)
    at = page("practice").run()
    assert not at.exception, at.exception
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    at.button(key=first_recommended).click().run()
    at.file_uploader[0].upload("answer.wav", CLIP.read_bytes(), "audio/wav").run()
    assert not at.exception, at.exception
    assert "No analyser is running at the moment" in " ".join(m.value for m in at.markdown)


def _finished(store, job_id):
    from coach import queue

    state = queue.job_state(store, job_id)
    return state if state is not None and state.state in ("done", "failed") else None


def _sha(store, job_id) -> str:
    with store.read() as conn:
        return conn.execute(
            sa.text("SELECT args->>'sha256' FROM procrastinate_jobs WHERE id = :id"), dict(id=job_id)
        ).scalar_one()


PERSONAL_PAGE = f"""
import sys
from streamlit.testing.v1 import AppTest
from coach.config import load_settings
assert load_settings().queue is False
at = AppTest.from_file({str(ROOT / "app.py")!r}, default_timeout=120).run()
at.button(key="practice_first_question").click().run()
assert not at.exception, at.exception
review = AppTest.from_file({str(ROOT / "app.py")!r}, default_timeout=120)
review.switch_page("app_pages/review.py").run()
assert not review.exception, review.exception
assert "Analyse the interview" in [b.label for b in review.button]
print("loaded:" + ",".join(m for m in ("procrastinate", "coach.queue") if m in sys.modules))
"""


def test_a_personal_coach_runs_without_a_queue(tmp_path):
    """Queue mode is off by default, and the Practice page, question and recorder on screen, and
    the Review page import nothing of the queue."""
    env = {k: v for k, v in os.environ.items() if k not in ("COACH_DATABASE_URL", "COACH_QUEUE")}
    env.update(COACH_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    run = subprocess.run(
        [sys.executable, "-c", PERSONAL_PAGE], env=env, capture_output=True, text=True, timeout=180
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == "loaded:", run.stdout


def test_a_worker_refuses_sqlite_in_one_sentence(tmp_path):
    """With the queue on (a personal coach's worker: test_cli_cohort)."""
    env = {k: v for k, v in os.environ.items() if k != "COACH_DATABASE_URL"}
    env.update(COACH_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT), COACH_QUEUE="1")
    run = subprocess.run(
        [sys.executable, "-m", "coach.cli", "worker"], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 1
    assert run.stderr.strip().startswith("error: Cohort mode needs PostgreSQL")
    assert len(run.stderr.strip().splitlines()) == 1


def test_a_worker_that_cannot_reach_the_database_says_so_in_one_sentence(tmp_path):
    """A wrong address or a server that is down: one sentence naming the database (password hidden)."""
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, COACH_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    env["COACH_DATABASE_URL"] = f"postgresql+psycopg://coach:sekrit@127.0.0.1:{port}/coach"
    run = subprocess.run(
        [sys.executable, "-m", "coach.cli", "worker"], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 1
    errors = [line for line in run.stderr.strip().splitlines() if line.startswith("error:")]
    # the refusal alone: "Worker starting: loading the models" came first, though none loaded
    assert errors == run.stderr.strip().splitlines(), run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "sekrit" not in run.stderr
    assert errors[0].startswith("error: Cannot reach the queue's database postgresql+psycopg://coach:***@")


def test_a_worker_whose_recordings_folder_is_not_the_apps_does_not_start(tmp_path, monkeypatch):
    """A worker pointed at a folder that is not the app's started, took every answer and failed each
    for good ("could not be analysed"), the cause one line in its log. Now it does not start."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from store_support import record, save_answer

    _app_on_a_fresh_queue(tmp_path, monkeypatch)
    settings = load_settings()
    db = open_store(settings)
    try:
        save_answer(
            db, "beh-lead-01", "A question?", recording=record(settings, 220.0)
        )  # in the app's folder
    finally:
        db.close()
    wrong, run, imported, said = _worker_in_a_wrong_folder(tmp_path, timeout_s=120)
    assert run.returncode == 1
    assert "coach.queue" in imported  # the listing is there: what follows is not vacuous
    assert "torch" not in imported  # said before torch (seconds) loads, not after
    # the refusal alone: "Worker starting: loading the models" came first, though none loaded
    assert said == [_wrong_folder_said(wrong)], "\n".join(said)[-2000:]
    assert "Traceback" not in run.stderr


def _worker_in_a_wrong_folder(tmp_path, timeout_s: float):
    """`coach worker` told a recordings folder that is not the app's (the environment's other
    settings as the test set them): the folder, the run, the modules it imported (`-X importtime`)
    and what it said on stderr, line by line."""
    wrong = tmp_path / "wrong-recordings"
    wrong.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT), COACH_RECORDINGS_DIR=str(wrong))
    try:
        run = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "coach.cli", "worker"],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
    except subprocess.TimeoutExpired as e:
        said = (e.stderr or b"").decode(errors="replace")
        raise AssertionError("the worker started: " + "\n".join(said.splitlines()[-5:])) from None
    imported = {
        line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")
    }
    said = [line for line in run.stderr.strip().splitlines() if not line.startswith("import time:")]
    return wrong, run, imported, said


def _wrong_folder_said(wrong) -> str:
    return (
        f"error: None of the latest recordings the coach keeps is in {wrong}; point COACH_RECORDINGS_DIR "
        "at the folder the app keeps the recordings in (shared with this machine), then start the worker "
        "again."
    )


def test_a_worker_whose_folder_holds_none_of_the_answers_waiting_does_not_start(tmp_path, monkeypatch):
    """A new cohort whose first answers wait in the queue (none analysed yet, so none stored): a
    worker pointed at a wrong recordings folder loaded its models (about 20 s), took the first
    answer, found no folder for it and took its person's data for deleted: the answer was dropped.
    It says the folder is wrong before any model loads, and the answer waits for a right one."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from coach import queue

    _app_on_a_fresh_queue(tmp_path, monkeypatch)
    settings = load_settings()
    db = open_store(settings)
    try:
        job = queue.submit_answer(db.for_owner("ann@example.org"), CLIP.read_bytes(), original_name="a.wav")
    finally:
        db.close()
    wrong, run, imported, said = _worker_in_a_wrong_folder(tmp_path, timeout_s=60)
    assert "coach.queue" in imported and "torch" not in imported  # said before torch and the models load
    assert run.returncode == 1 and said == [_wrong_folder_said(wrong)], "\n".join(said)[-2000:]
    db = open_store(settings)
    try:
        assert queue.job_state(db.for_owner("ann@example.org"), job).state == "waiting"  # not dropped
    finally:
        db.close()


def test_a_shared_recordings_folder_is_stored_as_recordings(tmp_path, monkeypatch):
    """Recordings kept in a folder every worker reads (outside the data directory) are stored as
    "recordings/..." and found again there: a row means the same file on every machine."""
    from coach.audio import save_recording
    from coach.config import save_settings

    for variable in ("COACH_DATABASE_URL", "COACH_QUEUE", "COACH_RECORDINGS_DIR"):
        monkeypatch.delenv(variable, raising=False)
    (tmp_path / "data").mkdir()
    shared = f'recordings_folder = "{tmp_path / "shared"}"'
    (tmp_path / "data" / "settings.toml").write_text(f"queue = true\n{shared}\n")
    settings = load_settings(data_dir=tmp_path / "data")
    saved = save_recording(CLIP.read_bytes(), settings, original_name="answer.wav")
    assert saved.path.is_relative_to(tmp_path / "shared")
    store = open_store(replace(settings, database_url=None))
    try:
        stored = store.relative(saved.path)
        assert stored.startswith("recordings/practice/")
        assert store.absolute(stored) == saved.path
        assert store.absolute("models/x.bin") == tmp_path / "data" / "models" / "x.bin"
    finally:
        store.close()
    save_settings(settings)  # the Settings page saving keeps the cohort's settings its file has
    again = load_settings(data_dir=tmp_path / "data")
    assert again.queue is True and again.recordings_dir == (tmp_path / "shared").resolve()
    assert load_settings(data_dir=tmp_path / "other").queue is False  # off by default


def test_the_cohort_script_keeps_its_database_port_after_a_restart():
    """Stopping the cluster leaves its port in TIME_WAIT for a minute; the next `make serve-cohort`
    must still get that port, or the address the staff's terminal commands use changes."""
    import socket

    sys.path.insert(0, str(ROOT / "scripts"))
    from serve_cohort import free_port

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.listen()
    client = socket.create_connection(("127.0.0.1", port))
    served, _ = listener.accept()
    served.close()  # the server closes first, as PostgreSQL does on shutdown: its side waits
    client.close()
    listener.close()
    assert free_port(port) == port
    with socket.socket() as busy:  # a port another server listens on is still not free
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        busy.bind(("127.0.0.1", port))
        busy.listen()
        assert free_port(port) != port


def test_a_second_cohort_script_on_the_same_data_says_so_and_leaves_the_first_ones_database_up(tmp_path):
    """`make serve-cohort` started again on the data directory a running one serves (a second
    terminal, a forgotten tmux): pg_ctl failed with its log, and the clean-up after the failure
    stopped the running cohort's database, so every student's page lost it. Now one sentence says
    another run serves it, and its database keeps answering."""
    import shutil

    if skip_reason():
        pytest.skip(skip_reason())
    sys.path.insert(0, str(ROOT / "scripts"))
    from serve_cohort import CohortFailed, CohortStack

    running = CohortStack(tmp_path / "data", 0, app_port=None, pg_port=0)
    try:
        running.start_database()
        assert running.database_answers()
        again = CohortStack(tmp_path / "data", 0, app_port=None, pg_port=0)
        try:
            again.start()
        except (CohortFailed, SystemExit) as e:  # what main() prints, then stops its stack
            said = str(e)
        finally:
            again.stop()
        assert running.database_answers()
        assert "already running" in said and "Ctrl-C" in said and "\n" not in said, said
    finally:
        running.stop()
        shutil.rmtree(running.cluster.base, ignore_errors=True)  # as root it is under /var/lib/postgresql
    assert not running.database_answers()  # the run that started it stops it


def test_the_cohort_script_on_a_taken_port_says_so_before_starting_anything(tmp_path):
    """The app's port held by another program: the script announced the coach at that address,
    started the database and the workers, and only then stopped, on Streamlit's "Port 8501 is not
    available", with nothing saying what to do. Now one sentence, and nothing started."""
    import shutil
    import socket

    sys.path.insert(0, str(ROOT / "scripts"))
    from serve_cohort import CohortFailed, CohortStack

    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        stack = CohortStack(tmp_path / "data", 0, app_port=port, pg_port=0)
        said = ""
        try:
            stack.start()
        except (CohortFailed, SystemExit) as e:
            said = str(e)
        finally:
            stack.stop()
            shutil.rmtree(stack.cluster.base, ignore_errors=True)  # as root it is under /var/lib/postgresql
    assert said == (
        f"Port {port} on 127.0.0.1 is taken by another program: stop it, or start the coach on another "
        f"port with `make serve-cohort PORT={port + 1}`."
    )
    assert not stack.cluster.pgdata.exists() and stack.processes == []
    # and as `make serve-cohort` runs it: the same sentence, and a failure's exit status (it exited 0)
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        ran = subprocess.run(
            [sys.executable, str(ROOT / "scripts/serve_cohort.py"), "--workers", "0", "--port", str(port)],
            env={**os.environ, "COACH_DATA_DIR": str(tmp_path / "data")},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert ran.returncode == 1 and f"Port {port} on 127.0.0.1 is taken" in ran.stderr, ran


def _role_without_create(url: str, role: str, data_dir: Path) -> str:
    """A login role on `url`'s database that may use the coach's tables (made by the owner) but not
    create tables; its own URL."""
    import psycopg

    # the coach's tables, made by the owner
    open_store(replace(load_settings(data_dir=data_dir), database_url=url)).close()
    parsed = sa.engine.make_url(url)
    admin = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'REVOKE CREATE ON SCHEMA public FROM "{role}", PUBLIC')
        conn.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        conn.execute(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{role}"')
        conn.execute(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
    return parsed.set(username=role).render_as_string(hide_password=False)


def test_a_role_that_cannot_make_the_queue_tables_gets_one_sentence_not_a_traceback(tmp_path, monkeypatch):
    """A database user without CREATE: the Practice page says answers cannot be taken, `coach
    worker` says why in one line, and the failure is remembered a while (no wait on every rerun),
    then asked again (the right granted, it works)."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    import psycopg
    from app_support import page

    from coach import queue

    admin_url = get_server().new_database_url()
    role = f"nocreate_{os.getpid()}_{time.monotonic_ns() % 10**6}"
    url = _role_without_create(admin_url, role, tmp_path)
    for name, value in dict(COACH_DATA_DIR=str(tmp_path), COACH_DATABASE_URL=url, COACH_QUEUE="1").items():
        monkeypatch.setenv(name, value)
    at = page("practice").run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [queue.QUEUE_NOT_READY]

    run = subprocess.run(
        [sys.executable, "-m", "coach.cli", "worker"],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.stderr.strip().splitlines()[-1].startswith("error: Cannot make the queue's tables in ")

    settings = replace(load_settings(data_dir=tmp_path), database_url=url, queue=True)
    monkeypatch.setattr(queue, "NOT_READY_REMEMBERED_S", 2.0)
    queue._not_ready.clear()
    with pytest.raises(queue.StorageError):
        queue.ready(settings)
    admin = sa.engine.make_url(admin_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'GRANT CREATE ON SCHEMA public TO "{role}"')
    with pytest.raises(queue.StorageError):  # remembered: not asked again at once
        queue.ready(settings)
    time.sleep(2.2)
    queue.ready(settings)  # asked again after the while: the tables are made now
    assert queue.ensure_schema(settings) is False


def test_a_missing_recording_tells_its_person_without_the_servers_folder(tmp_path, monkeypatch, caplog):
    """The job for a take gone from the recordings folder: its person's sentence names no file or
    folder of the server; the worker's log keeps both."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from coach import queue

    shared = tmp_path / "shared-recordings"
    settings = replace(
        load_settings(data_dir=tmp_path / "worker"),
        database_url=get_server().new_database_url(),
        queue=True,
        recordings_folder=str(shared),
    )
    store = open_store(settings)
    try:
        monkeypatch.setattr(queue, "_worker", queue._Worker(settings=settings, store=store))
        recording = "recordings/ada/practice/take-1.wav"
        (store.for_owner("ada").absolute(recording)).parent.mkdir(parents=True)
        with caplog.at_level("WARNING", logger="coach.queue"):
            assert queue.analyse_queued_answer("ada", recording, "0" * 64) == "recording missing"
        told = queue.read_outcome(store.for_owner("ada").absolute(recording))
    finally:
        store.close()
    assert told == queue.RECORDING_MISSING
    assert str(shared) not in told and "take-1" not in told
    assert "take-1.wav" in caplog.text and str(shared) in caplog.text


def test_the_cohort_script_starts_the_app_with_the_persons_upload_limit(tmp_path):
    """The upload box said "Limit 1GB per file" (.streamlit/config.toml) while a person of the
    cohort may upload `user_max_upload_mb`: the app is now started with the person's limit."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    sys.path.insert(0, str(ROOT / "scripts"))
    from serve_cohort import CohortStack, free_port

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "settings.toml").write_text("multi_user = true\nuser_max_upload_mb = 150\n")
    stack = CohortStack(data, 0, app_port=free_port(0), pg_port=0)
    try:
        stack.start_app()
        app = stack.processes[-1]
        assert app.args[app.args.index("--server.maxUploadSize") + 1] == "150"
        assert app.args[app.args.index("--runner.postScriptGC") + 1] == "false"
        wait_for(lambda: _answers(stack.app_port), 120, "the app")
    finally:
        stack.stop()


def _answers(port: int) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


def test_a_workers_next_answer_uses_the_thresholds_the_staff_saved(tmp_path):
    """The staff's Settings page says what they save "applies to everyone's next answer", but a
    worker read settings.toml once: answers went on being judged by the old pace band until the
    workers restarted. Each job reads the file again (the worker's own threads are kept)."""
    from coach import queue
    from coach.config import Thresholds, save_settings

    settings = replace(load_settings(data_dir=tmp_path), cpu_threads=1)
    save_settings(replace(settings, thresholds=replace(Thresholds(), pace_high_wpm=140.0)))
    now = queue.current_settings(settings)
    assert now.thresholds.pace_high_wpm == 140.0 and now.cpu_threads == 1
    (tmp_path / "settings.toml").write_text("[thresholds]\npace_high_wpm = 0\n")  # broken: the last kept
    assert queue.current_settings(now).thresholds.pace_high_wpm == 140.0


def test_deleting_all_data_takes_a_persons_answers_off_the_queue(tmp_path, monkeypatch, caplog):
    """A student who deleted all their data while an answer waited: the queue kept their row (owner,
    file name, question), and the worker then made their folder again to note why it could not
    analyse it. Their waiting jobs go with their data, and a job a worker holds finds nothing to
    tell. The worker's shared log never names a person's own file."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from coach import queue
    from coach.data_admin import CONFIRM_WORD, delete_all_data

    _app_on_a_fresh_queue(tmp_path, monkeypatch)
    settings = load_settings(data_dir=tmp_path / "app")
    store = open_store(settings)
    try:
        cara = store.for_owner("cara@example.edu")
        job = queue.submit_answer(cara, CLIP.read_bytes(), original_name="Cara_Jones_answer.wav")
        [waiting] = queue.pending_jobs(cara)
        assert waiting == job
        with cara.read() as conn:
            args = conn.execute(sa.text("SELECT args FROM procrastinate_jobs WHERE id = :id"), dict(id=job))
            args = args.scalar_one()
        delete_all_data(cara, settings, CONFIRM_WORD)
        assert queue.pending_jobs(cara) == [] and queue.job_state(cara, job) is None
        monkeypatch.setattr(queue, "_worker", queue._Worker(settings=settings, store=store))
        assert (
            queue.analyse_queued_answer("cara@example.edu", args["recording"], args["sha256"])
            == "data deleted"
        )
        assert not cara.absolute(args["recording"]).parent.exists()  # not made again

        short = tmp_path / "short.wav"
        subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(short), "trim", "0", "0.3"], check=True)
        job = queue.submit_answer(cara, short.read_bytes(), original_name="Jane_Doe_answer1.wav")
        with cara.read() as conn:
            args = conn.execute(sa.text("SELECT args FROM procrastinate_jobs WHERE id = :id"), dict(id=job))
            args = args.scalar_one()
        with caplog.at_level("WARNING", logger="coach.queue"):
            done = queue.analyse_queued_answer(
                "cara@example.edu", args["recording"], args["sha256"], original_name="Jane_Doe_answer1.wav"
            )
        assert done == "not analysed" and "not analysed" in caplog.text
        assert "Jane_Doe" not in caplog.text, caplog.text
    finally:
        store.close()


def test_the_staffs_cohort_page_counts_analysers_and_answers_waiting(tmp_path, monkeypatch):
    """With no analyser running, a student waiting is told to tell the people who run the coach,
    but the staff's Cohort page said nothing of the queue: they could not see that no analyser
    ran, nor how many answers waited. It now counts both and says so when none runs; a student
    is not shown the queue's numbers."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from app_support import page

    from coach import queue

    _app_on_a_fresh_queue(tmp_path, monkeypatch)
    (tmp_path / "app").mkdir(exist_ok=True)
    (tmp_path / "app" / "settings.toml").write_text('multi_user = true\nstaff = ["careers@example.edu"]\n')
    with contextlib.closing(open_store(load_settings(data_dir=tmp_path / "app"))) as db:
        for who in ("ana@example.edu", "ben@example.edu"):
            queue.submit_answer(db.for_owner(who), CLIP.read_bytes(), original_name="answer.wav")
        # an interview sent for review waits on the same queue (it was not counted)
        queue.submit_review(db.for_owner("ben@example.edu"), CLIP.read_bytes(), company="Acme")

    def cohort_page(who: str):
        at = page("cohort")
        at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "t"}
        at.user = {"is_logged_in": True, "email": who}
        return at.run()

    staff = cohort_page("careers@example.edu")
    assert not staff.exception and not staff.error, (staff.exception, staff.error)
    shown = {m.label: m.value for m in staff.metric}
    assert (
        shown["Analysers running"],
        shown["Answers waiting"],
        shown["Interviews waiting"],
        shown["Being analysed now"],
    ) == ("0", "2", "1", "0")
    assert [w.value for w in staff.warning] == [
        "No analyser is running, so 2 practice answers and 1 interview wait until one starts; students "
        "waiting are told so. "
        "Whoever runs the coach's server starts one with `coach worker` on a machine that reaches the "
        "cohort's database and recordings folder, or the app and its analysers together with "
        "`make serve-cohort`."
    ]
    student = cohort_page("ana@example.edu")
    assert "Analysers running" not in [m.label for m in student.metric]
    # the database gone under the open page: one sentence, not one per part of the page
    allow_connections(os.environ["COACH_DATABASE_URL"], False, drop=True)
    staff.run()
    assert not staff.exception, staff.exception
    errors = [e.value for e in staff.error]
    assert len(errors) == 1 and "could not use its database" in errors[0], errors


def test_an_interview_whose_review_takes_down_its_worker_twice_ends_failed_with_its_own_sentence(
    tmp_path, monkeypatch
):
    """A review that took down the worker doing it (out of memory on a long call) goes back on the
    queue once; the second time it ends failed, and the Review page says so of the interview in one
    sentence, not of "this answer", its recording kept."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    import asyncio

    import psycopg
    from app_support import markdown_text, page

    from coach import queue

    _app_on_a_fresh_queue(tmp_path, monkeypatch)
    at = page("review").run()
    _sent_for_review(at, REVIEW_CLIP, "Hooli")
    job_id = at.session_state["review_job"]["job_id"]
    settings = load_settings()
    address = queue.conninfo(settings)

    def taken_by_a_worker_that_dies() -> None:
        """A worker (procrastinate's own functions) takes the job, then stops beating."""
        with psycopg.connect(address, autocommit=True) as conn:
            [worker] = conn.execute("SELECT worker_id FROM procrastinate_register_worker_v1()").fetchone()
            taken = conn.execute("SELECT id FROM procrastinate_fetch_job_v2(%s, %s)", ([queue.QUEUE], worker))
            assert taken.fetchone()[0] == job_id
            conn.execute(
                "UPDATE procrastinate_workers SET last_heartbeat = now() - interval '1 minute' WHERE id = %s",
                (worker,),
            )

    async def look_after() -> int:
        app = queue.make_app(address)
        async with app.open_async():
            return await queue.retry_stalled_jobs(app, 10.0, store)

    with contextlib.closing(open_store(settings)) as store:
        taken_by_a_worker_that_dies()
        assert asyncio.run(look_after()) == 1  # back on the queue once
        assert queue.review_state(store, job_id).state == "waiting"
        taken_by_a_worker_that_dies()
        assert asyncio.run(look_after()) == 0  # the second worker lost to it: not tried again
        state = queue.review_state(store, job_id)
        assert (state.state, state.problem) == ("failed", queue.STOPPED_THE_REVIEWER)
        kept = [p for p in settings.recordings_root.rglob("*.flac")]
        assert len(kept) == 1 and kept[0].read_bytes() == REVIEW_CLIP.read_bytes()  # the recording is kept
    at.run()
    assert not at.exception, at.exception
    # its recording is kept: not followed by "Nothing was saved." (it was, at first)
    assert [e.value for e in at.error] == [queue.STOPPED_THE_REVIEWER]
    # a minute on, it is not offered as a review "stopped before it finished", whose "Review it now"
    # put it back on the queue to stop two more workers; Progress lists it with why, to delete
    _saved_minutes_ago(kept[0])
    back = page("review").run()
    assert not back.exception, back.exception
    assert not [b for b in back.button if b.key == "review_resume_stopped"], markdown_text(back)
    progress = page("progress").run()
    assert not progress.exception, progress.exception
    assert [e for e in progress.expander if e.label == "1 recording not analysed"]
    assert queue.STOPPED_THE_REVIEWER in markdown_text(progress).replace("\\", "")
    assert not [b for b in progress.button if b.key == "progress_resume_review"]


def _saved_minutes_ago(recording: Path) -> None:
    """As if `recording` was kept five minutes ago (one kept a minute without its answer or review
    is taken for a save that stopped midway)."""
    then = time.time() - 300
    os.utime(recording, (then, then))


def test_recordings_waiting_in_the_queue_are_not_listed_as_not_analysed(tmp_path, monkeypatch):
    """An interview and a practice answer waiting their turn for minutes (no analyser free) are not
    "not analysed" on Progress, nor the interview a review "stopped before it finished": once a
    minute old, both were listed so, and "Review it now" put the interview on the queue again."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from app_support import markdown_text, page

    from coach import queue

    _app_on_a_fresh_queue(tmp_path, monkeypatch)
    at = page("review").run()
    _sent_for_review(at, REVIEW_CLIP, "Hooli")
    settings = load_settings()
    with contextlib.closing(open_store(settings)) as store:
        queue.submit_answer(store, CLIP.read_bytes(), original_name="answer.wav")
    kept = [p for p in settings.recordings_root.rglob("*") if p.suffix in (".flac", ".wav")]
    assert len(kept) == 2, kept
    for recording in kept:
        _saved_minutes_ago(recording)
    progress = page("progress").run()
    assert not progress.exception, progress.exception
    assert not [e.label for e in progress.expander if "not analysed" in e.label]
    back = page("review").run()
    assert not back.exception, back.exception
    assert "stopped before it finished" not in markdown_text(back)
    assert not [b for b in back.button if b.key == "review_resume_stopped"]


def test_a_free_analyser_takes_practice_answers_before_an_interview_waiting(tmp_path, monkeypatch):
    """An interview sent for review, then two practice answers: a free analyser takes the answers
    first (their feedback is watched for, and takes seconds; a review takes minutes and is read
    later), and the waiting pages count what goes first. Before, the oldest went first: the
    answers sent after an hour's call waited for its whole review."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from coach import queue

    _app_on_a_fresh_queue(tmp_path, monkeypatch)
    settings = load_settings()
    with contextlib.closing(open_store(settings)) as store:
        # the order is the queue's, not the recordings': each a take of its own (a few zero bytes
        # more), the review the short clip of speech (a silent one ends failed) and the answers 3 s
        # of silence, which the worker is done with in a moment (the clip of speech took it about
        # 5 s of CPU for the two); what is checked is the order it started them in
        review = queue.submit_review(
            store.for_owner("ben@example.edu"), CLIP.read_bytes() + b"\0" * 3200, company="Acme"
        )
        silence = (ROOT / "tests" / "data" / "silence.wav").read_bytes()
        answers = [
            queue.submit_answer(store.for_owner(who), data, original_name="answer.wav")
            for who, data in (("ana@example.edu", silence), ("cy@example.edu", silence + b"\0" * 6400))
        ]
        first = queue.job_state(store.for_owner("ana@example.edu"), answers[0])
        second = queue.job_state(store.for_owner("cy@example.edu"), answers[1])
        interview = queue.review_state(store.for_owner("ben@example.edu"), review)
        assert (first.ahead, second.ahead, interview.ahead) == (0, 1, 2)

        env = dict(os.environ, PYTHONPATH=str(ROOT))
        with running_workers(env, tmp_path, ["w-one"], ready=False):
            finished = lambda: _review_finished(store.for_owner("ben@example.edu"), review)  # noqa: E731
            assert wait_for(finished, 240, "the review").state == "done"
        with store.read() as conn:
            started = (
                conn.execute(
                    sa.text("SELECT job_id FROM procrastinate_events WHERE type = 'started' ORDER BY at, id")
                )
                .scalars()
                .all()
            )
    assert started == [*answers, review], (started, answers, review)
