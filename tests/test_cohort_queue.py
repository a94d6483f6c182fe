"""The Cohort page's "Recordings being analysed", on a real PostgreSQL queue: what it says agrees
with what the students waiting are told."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from app_support import pages_on_a_fresh_queue
from pg_server import skip_reason

from coach.config import load_settings

STAFF = "careers@example.edu"


def _cohort_on_a_fresh_queue(tmp_path, monkeypatch) -> str:
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    return pages_on_a_fresh_queue(tmp_path, monkeypatch)


def _interview_whose_worker_stopped(url: str) -> None:
    """An interview taken up by a worker that then went silent a minute ago (its machine lost
    power): its student is told the analyser stopped and no other runs."""
    from coach import queue

    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            worker = conn.execute(
                sa.text(
                    "INSERT INTO procrastinate_workers (last_heartbeat) "
                    "VALUES (now() - interval '60 seconds') RETURNING id"
                )
            ).scalar_one()
            conn.execute(
                sa.text(
                    "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status, worker_id) "
                    "VALUES (:queue, :task, CAST(:args AS jsonb), 'doing', :worker)"
                ),
                dict(
                    queue=queue.QUEUE,
                    task=queue.REVIEW_TASK,
                    args='{"owner": "cara@example.edu"}',
                    worker=worker,
                ),
            )
    finally:
        engine.dispose()


def test_an_interview_whose_only_analyser_stopped_is_waiting_not_being_analysed(tmp_path, monkeypatch):
    """The one worker stopped mid-review (SIGSTOP on a `make serve-cohort` stack): the student read
    "The analyser working on your interview stopped, and no other analyser is running", while the
    staff read "Analysers running 0", "Interviews waiting 0", "Being analysed now 1" and "No analyser
    is running, so recordings sent now wait until one starts", as if nothing waited. "Whoever runs
    the coach's server can start one" did not say how: it says the README's commands."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)

    url = _cohort_on_a_fresh_queue(tmp_path, monkeypatch)
    _interview_whose_worker_stopped(url)
    at = _staff_cohort_page()
    assert not at.exception and not at.error
    shown = {m.label: m.value for m in at.metric}
    assert (shown["Analysers running"], shown["Interviews waiting"], shown["Being analysed now"]) == (
        "0",
        "1",
        "0",
    )
    assert [w.value for w in at.warning] == [
        "No analyser is running, so 1 interview waits until one starts; students waiting are told so. "
        "Whoever runs the coach's server starts one with `coach worker` on a machine that reaches the "
        "cohort's database and recordings folder, or the app and its analysers together with "
        "`make serve-cohort`."
    ]


class _Serving:
    """A worker's run on the queue (coach.queue.serve_queue, as `coach worker` runs it once its
    models are loaded) in a process of its own, without the models: it beats and takes jobs."""

    def __init__(self, url: str, log):
        import os
        import subprocess
        import sys

        code = (
            "import asyncio, logging; from coach import queue; from coach.config import load_settings; "
            "logging.basicConfig(level=logging.INFO); "
            "asyncio.run(queue.serve_queue(load_settings(), heartbeat_s=1)())"
        )
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-c", code],
            env=dict(os.environ, COACH_DATABASE_URL=url),
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )

    def wait_ready(self, engine, workers: int) -> None:
        """Until the queue has `workers` registered, this one the last, and it has beaten once."""
        import time

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-2000:]
            with engine.connect() as conn:
                registered = conn.execute(sa.text("SELECT count(*) FROM procrastinate_workers")).scalar_one()
            if registered == workers:
                time.sleep(1.5)  # a heartbeat (every second here)
                return
            time.sleep(0.2)
        raise AssertionError(self.log.read_text()[-2000:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def test_a_killed_analyser_replaced_is_not_counted_twice(tmp_path, monkeypatch):
    """A worker SIGKILLed (out of memory) and started again: the Cohort page read "Analysers running
    2" for up to 30 s, the dead one's last heartbeat still counted. Its connection closed with it, so
    it is not counted at once."""
    import signal

    reason = skip_reason()
    if reason:
        pytest.skip(reason)

    url = _cohort_on_a_fresh_queue(tmp_path, monkeypatch)
    engine = sa.create_engine(url)
    first = _Serving(url, tmp_path / "first.log")
    second = None
    try:
        first.wait_ready(engine, 1)
        first.process.send_signal(signal.SIGKILL)
        first.process.wait()
        second = _Serving(url, tmp_path / "second.log")
        second.wait_ready(engine, 2)
        with engine.connect() as conn:  # the dead one's row is still there, beating a moment ago
            assert conn.execute(sa.text("SELECT count(*) FROM procrastinate_workers")).scalar_one() == 2
        at = _staff_cohort_page()
        assert not at.exception and not at.error
        shown = {m.label: m.value for m in at.metric}
        assert shown["Analysers running"] == "1"
    finally:
        for serving in (first, second):
            if serving is not None:
                serving.stop()
        engine.dispose()


def _a_job_being_done_by(engine, worker_id: int) -> int:
    """An answer taken up by worker `worker_id` (as the queue marks one it fetched); its job id."""
    from coach import queue

    with engine.begin() as conn:
        return conn.execute(
            sa.text(
                "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status, worker_id) "
                "VALUES (:queue, :task, CAST(:args AS jsonb), 'doing', :worker) RETURNING id"
            ),
            dict(queue=queue.QUEUE, task=queue.TASK, args='{"owner": "cara@example.edu"}', worker=worker_id),
        ).scalar_one()


def _job_state(engine, job: int) -> tuple[str, int]:
    """A queue job's status and how many of its runs were lost or done."""
    with engine.connect() as conn:
        return tuple(
            conn.execute(
                sa.text("SELECT status::text, attempts FROM procrastinate_jobs WHERE id = :id"), dict(id=job)
            ).one()
        )


def _newest_worker(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT max(id) FROM procrastinate_workers")).scalar_one()


def test_a_killed_analysers_answer_is_taken_back_at_once_not_after_half_a_minute(tmp_path, monkeypatch):
    """A worker SIGKILLed mid-answer (out of memory): its answer stayed with it until its heartbeat
    was STALLED_AFTER_S (30 s) old, its person told meanwhile that the analyser had stopped (30.9 s
    measured here). Its lock went with its process, so the other worker takes the answer back at
    its next look at the queue (every heartbeat: a second here)."""
    import signal
    import time

    reason = skip_reason()
    if reason:
        pytest.skip(reason)

    url = _cohort_on_a_fresh_queue(tmp_path, monkeypatch)
    engine = sa.create_engine(url)
    first = _Serving(url, tmp_path / "first.log")
    second = None
    try:
        first.wait_ready(engine, 1)
        job = _a_job_being_done_by(engine, _newest_worker(engine))
        second = _Serving(url, tmp_path / "second.log")
        second.wait_ready(engine, 2)
        first.process.send_signal(signal.SIGKILL)
        first.process.wait()
        killed = time.monotonic()

        def still_with_the_dead_one() -> bool:
            return _job_state(engine, job) == ("doing", 0)

        while still_with_the_dead_one() and time.monotonic() - killed < 12:
            time.sleep(0.1)
        taken_back_after_s = time.monotonic() - killed
        assert taken_back_after_s < 10, f"taken back {taken_back_after_s:.1f} s after its worker was killed"
        assert "back on the queue" in second.log.read_text()
    finally:
        for serving in (first, second):
            if serving is not None:
                serving.stop()
        engine.dispose()


def test_an_analyser_of_an_older_coach_is_counted_and_the_staff_told_to_update_it(tmp_path, monkeypatch):
    """A worker on a machine not yet updated beats but holds no lock (a coach from before it), or
    is noted with an older version: the page read "Analysers running 0" and "No analyser is
    running" while it took answers. It is counted, the staff told in words to update it, and its
    answer in hand is not taken from it while it beats."""
    import asyncio

    import psycopg

    from coach import queue

    reason = skip_reason()
    if reason:
        pytest.skip(reason)

    url = _cohort_on_a_fresh_queue(tmp_path, monkeypatch)
    engine = sa.create_engine(url)
    address = queue.conninfo(load_settings())
    try:
        with engine.begin() as conn:
            register = sa.text("INSERT INTO procrastinate_workers DEFAULT VALUES RETURNING id")
            before_the_lock, noted_older = (conn.execute(register).scalar_one() for _ in range(2))
            conn.execute(
                sa.text(f"INSERT INTO {queue.WORKERS_TABLE} (worker_id, version) VALUES (:id, '0.0.9')"),
                dict(id=noted_older),
            )
        job = _a_job_being_done_by(engine, before_the_lock)
        with psycopg.connect(address, autocommit=True) as holding:  # the noted one's lock, as it holds it
            holding.execute("SELECT pg_advisory_lock(%s, %s)", (queue.RUNS_LOCK, noted_older))
            at = _staff_cohort_page()
            assert not at.exception and not at.error

            async def look_after() -> int:
                app = queue.make_app(address)
                async with app.open_async():
                    return await queue.retry_stalled_jobs(app)

            assert asyncio.run(look_after()) == 0
        shown = {m.label: m.value for m in at.metric}
        assert shown["Analysers running"] == "2"
        assert [w.value for w in at.warning] == [
            "2 analysers run an older version of the coach than this one. They are counted above, but "
            "when one stops, the answer it had waits half a minute before another analyser takes it up. "
            "Whoever runs the coach's server should update the coach on their machines and start them again."
        ]
        assert _job_state(engine, job)[0] == "doing"
    finally:
        engine.dispose()


def _staff_cohort_page():
    """The Cohort page as the staff member signed in sees it (run)."""
    from app_support import page

    at = page("cohort")
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test"}
    at.user = {"is_logged_in": True, "email": STAFF}
    return at.run()


def test_two_analysers_finding_a_lost_answer_at_once_put_it_back_once(tmp_path, monkeypatch):
    """Every running analyser looks after the queue. Two that found the same answer of a killed
    worker at once: one put it back on the queue (one lost run counted), the other, reading the job
    a moment later, counted that as a second loss and ended the answer failed ("it stopped the
    analyser") after one worker was lost, not two (seen with three workers running). Here the second
    reads the job just after the first has put it back, as it did then."""
    import asyncio

    from coach import queue

    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    url = _cohort_on_a_fresh_queue(tmp_path, monkeypatch)
    engine = sa.create_engine(url)
    address = queue.conninfo(load_settings())
    try:
        with engine.begin() as conn:
            dead = conn.execute(
                sa.text("INSERT INTO procrastinate_workers DEFAULT VALUES RETURNING id")
            ).scalar_one()
        job = _a_job_being_done_by(engine, dead)

        async def look_after_together() -> tuple[int, int]:
            first, second = queue.make_app(address), queue.make_app(address)
            async with first.open_async(), second.open_async():
                read = second.job_manager.list_jobs_async
                done_first: list[int] = []

                async def read_after_the_first_looked(**kwargs):
                    done_first.append(await queue.retry_stalled_jobs(first, 0.0))
                    return await read(**kwargs)

                second.job_manager.list_jobs_async = read_after_the_first_looked
                by_second = await queue.retry_stalled_jobs(second, 0.0)
                return done_first[0], by_second

        assert asyncio.run(look_after_together()) == (1, 0)  # put back by the first, left by the second
        assert _job_state(engine, job) == ("todo", 1)  # waiting for another analyser, one run lost
    finally:
        engine.dispose()
