"""Cohort mode: workers that die. The two longest queue tests (each starts its own `coach worker`
processes and kills them, about 4 min each under load), kept apart from tests/test_queue.py so the
two test processes of `make test` (--dist loadfile: a file stays in one process) share the queue's
minutes instead of one process running them all at the end. Helpers are test_queue's own."""

from __future__ import annotations

import contextlib
import os
import signal

import pytest
import sqlalchemy as sa
from pg_server import skip_reason
from test_queue import (
    CLIP,
    ROOT,
    STALLED_AFTER_S,
    Worker,
    _app_on_a_fresh_queue,
    _finished,
    _sha,
    attempts_of,
    fresh_cohort,
    running_workers,
    wait_for,
)

from coach.config import load_settings
from coach.store import open_store

pytestmark = pytest.mark.slow


def test_the_only_worker_killed_mid_job_the_page_says_so_and_a_new_worker_finishes_it(tmp_path, monkeypatch):
    """The one worker of a small cohort dies mid-answer: the page says it stopped and nothing is
    lost (not 'Analysing your answer now' for ever); a worker started again analyses the answer."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from app_support import page

    from coach import queue

    _app_on_a_fresh_queue(tmp_path, monkeypatch)
    monkeypatch.setattr(queue, "STALLED_AFTER_S", float(STALLED_AFTER_S))  # as the workers are told
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with running_workers(env, tmp_path, ["w-first"]) as workers:
        [first] = workers
        at = page("practice").run()
        first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
        at.button(key=first_recommended).click().run()
        take = CLIP.read_bytes() + b"\0" * 9600  # a take of its own
        at.file_uploader[0].upload("answer.wav", take, "audio/wav").run()
        wait_for(lambda: first.said("analysing take"), 60, "the worker to start on it")
        first.process.send_signal(signal.SIGKILL)
        first.process.wait()

        def told() -> str:
            at.run()
            shown = " ".join(m.value for m in at.markdown)
            return shown if "The analyser working on your answer stopped" in shown else ""

        shown = wait_for(told, 30, "the page to say the worker stopped")
        # none is running, and only a live worker puts the answer back: not "another takes it up"
        assert "no other analyser is running" in shown and "nothing is lost" in shown
        assert "another analyser takes it up" not in shown
        second = Worker(env, tmp_path / "second.log", "w-second")
        workers.append(second)

        def landed():
            at.run()
            return at.session_state["practice_result"]

        # the new worker's models and analysis are waited for in the database, and only then is the
        # page run again: run four times a second meanwhile, it took the CPU they needed
        with contextlib.closing(open_store(load_settings())) as store:
            job_id = at.session_state["practice_job"]["job_id"]
            wait_for(lambda: _finished(store, job_id), 180, "the answer from the new worker")
        result = wait_for(landed, 60, "the result on the page")
        assert not at.exception, at.exception
        assert result["analysis"]["metrics"]["words"] >= 20
        assert second.said("back on the queue")


def test_an_answer_that_takes_down_its_worker_twice_ends_failed_with_one_sentence(tmp_path):
    """A poisoned answer (each worker that takes it dies, as out of memory): it is tried again once,
    then ends failed for its person with one sentence, the recording kept; workers keep serving."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from coach import queue

    settings, env = fresh_cohort(tmp_path / "app")
    with (
        running_workers(env, tmp_path, ["w1", "w2"]) as workers,
        contextlib.closing(open_store(settings)) as store,
    ):
        dee = store.for_owner("dee@example.org")
        job = queue.submit_answer(dee, CLIP.read_bytes() + b"\0" * 6400, original_name="answer.wav")
        started = f"analysing take {_sha(dee, job)[:10]}"
        for lost in (1, 2):  # the answer kills whichever worker takes it
            taker = wait_for(
                lambda: next((w for w in workers if w.process.poll() is None and w.said(started)), None),
                90,
                f"a worker to take the answer (time {lost})",
            )
            taker.process.send_signal(signal.SIGKILL)
            taker.process.wait()
            workers.remove(taker)
            if lost == 1:  # replaced, as serve-cohort does: the answer's second taker is either of two
                workers.append(Worker(env, tmp_path / "w-new1.log", "w-new1"))
            # the second taker is not replaced: the worker left ends the answer failed; a replacement
            # started now loaded its models (about 5 s of CPU) after the answer's last run, took no
            # part, and its load held up the one that does
        state = wait_for(lambda: _finished(dee, job), 120, "the answer to end")
        assert state.state == "failed", state
        assert state.problem == queue.STOPPED_THE_ANALYSER
        assert attempts_of(dee, _sha(dee, job)) == []
        with store.read() as conn:
            kept = conn.execute(
                sa.text("SELECT args->>'recording' FROM procrastinate_jobs WHERE id = :id"), dict(id=job)
            ).scalar_one()
        assert dee.absolute(kept).is_file()  # the recording is kept
        assert any(w.said("it is not tried again") for w in workers)
        assert all(w.process.poll() is None for w in workers)  # the cohort's workers keep serving
