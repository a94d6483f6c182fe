"""The Cohort page's "Recordings being analysed", on a real PostgreSQL queue: what it says agrees
with what the students waiting are told."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa
from pg_server import get_server, skip_reason

from coach.config import load_settings

STAFF = "careers@example.edu"


def _cohort_on_a_fresh_queue(tmp_path, monkeypatch) -> str:
    from coach import queue

    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    url = get_server().new_database_url()
    queue.ensure_schema(replace(load_settings(data_dir=tmp_path), database_url=url, queue=True))
    for name, value in dict(COACH_DATA_DIR=str(tmp_path), COACH_DATABASE_URL=url, COACH_QUEUE="1").items():
        monkeypatch.setenv(name, value)
    return url


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
    is running, so recordings sent now wait until one starts", as if nothing waited."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from app_support import page

    url = _cohort_on_a_fresh_queue(tmp_path, monkeypatch)
    _interview_whose_worker_stopped(url)
    at = page("cohort")
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test"}
    at.user = {"is_logged_in": True, "email": STAFF}
    at.run()
    assert not at.exception and not at.error
    shown = {m.label: m.value for m in at.metric}
    assert (shown["Analysers running"], shown["Interviews waiting"], shown["Being analysed now"]) == (
        "0",
        "1",
        "0",
    )
    assert [w.value for w in at.warning] == [
        "No analyser is running, so 1 interview waits until one starts; students waiting are told so. "
        "Whoever runs the coach's server can start the analysers again."
    ]
