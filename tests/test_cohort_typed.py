"""Cohort mode: an answer typed on the Practice page, whose words travel in the queue's job and
whose analysis waits beside it (coach_typed_results), meets what a student does meanwhile. A real
PostgreSQL queue; the worker's job run in this process (spaCy, no Whisper: the answer is typed)."""

from __future__ import annotations

import contextlib

import pytest
import sqlalchemy as sa
from app_support import page, pages_on_a_fresh_queue
from pg_server import skip_reason

from coach.config import load_settings
from coach.store import open_store

# a story told in order, with a phrase of its own to look for in the database
TYPED = (
    "Last spring our marmalade indexer went down during the product launch. I was the engineer on "
    "call and my task was to bring it back before the demo. I read the logs, found a full disk on one "
    "node, moved the indexes and added an alert. As a result search was back in twenty minutes."
)
ITS_OWN_WORDS = "marmalade indexer"


@pytest.fixture
def cohort(tmp_path, monkeypatch):
    """The app's pages (data in tmp_path) sending answers to a queue in a new database, no worker."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from coach import queue

    pages_on_a_fresh_queue(tmp_path, monkeypatch)
    with contextlib.closing(open_store(load_settings())) as store:
        monkeypatch.setattr(queue, "_worker", queue._Worker(settings=load_settings(), store=store))
        yield store


def _typed_on_the_practice_page():
    at = page("practice").run()
    at.session_state["practice_question_id"] = "swe-beh-01"
    at.run()
    at.text_area(key="practice_typed_text").input(TYPED)
    at.button(key="practice_typed_analyse").click().run()
    assert not at.exception, at.exception
    return at, at.session_state["practice_job"]["job_id"]


def _args(store, job_id: int) -> dict:
    with store.read() as conn:
        return conn.execute(
            sa.text("SELECT args FROM procrastinate_jobs WHERE id = :id"), dict(id=job_id)
        ).scalar()


def _taken_by_a_worker(store, job_id: int) -> dict:
    """What procrastinate does when a worker takes the job: it is 'doing', and the worker holds its
    arguments (the words) from here on."""
    with store.write() as conn:
        conn.execute(
            sa.text("UPDATE procrastinate_jobs SET status = 'doing' WHERE id = :id"), dict(id=job_id)
        )
    return _args(store, job_id)


def _done(store, job_id: int) -> None:
    with store.write() as conn:
        done = sa.text(
            "UPDATE procrastinate_jobs SET status = 'succeeded' WHERE id = :id AND status = 'doing'"
        )
        conn.execute(done, dict(id=job_id))


def _tables_holding(store, words: str) -> list[str]:
    """Every table of the database with a row whose text holds `words`."""
    with store.read() as conn:
        tables = conn.execute(
            sa.text("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        ).scalars()
        return [
            table
            for table in tables
            if conn.execute(
                sa.text(f'SELECT count(*) FROM "{table}" t WHERE t::text LIKE :words'),
                dict(words=f"%{words}%"),
            ).scalar()
        ]


def _typed_results(store) -> int:
    with store.read() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM coach_typed_results")).scalar()


@pytest.mark.parametrize("analysed_before_the_delete", [False, True])
def test_deleting_all_data_while_a_typed_answer_is_analysed_leaves_none_of_it(
    cohort, analysed_before_the_delete
):
    """A student typed an answer, then pressed "Delete all my data" while a worker analysed it: the
    job a worker held was left as it was, its arguments holding the words they typed, and the worker
    then wrote their analysis (their words again) into coach_typed_results, both kept for up to an
    hour. Now nothing of the words is in the database once the delete is done, and the worker
    finishing after it writes nothing back (nor does one retrying the job)."""
    from coach import queue
    from coach.data_admin import CONFIRM_WORD, delete_all_data

    store = cohort
    _, job_id = _typed_on_the_practice_page()
    assert _tables_holding(store, ITS_OWN_WORDS) == ["procrastinate_jobs"]
    args = _taken_by_a_worker(store, job_id)
    if analysed_before_the_delete:  # analysed, not yet marked done, when the student deletes
        assert queue.analyse_queued_answer(**args) == "typed answer analysed"
        assert _typed_results(store) == 1

    delete_all_data(store, store.settings, CONFIRM_WORD)
    assert _tables_holding(store, ITS_OWN_WORDS) == []
    assert _typed_results(store) == 0

    # the worker, holding the words it read before the delete, finishes after it
    assert queue.analyse_queued_answer(**args) == "data deleted"
    _done(store, job_id)
    assert _tables_holding(store, ITS_OWN_WORDS) == []
    assert _typed_results(store) == 0
    # a retry of the job (its worker taken for dead) reads what is left of it: nothing to analyse
    assert queue.analyse_queued_answer(**_args(store, job_id)) == "data deleted"
    assert _typed_results(store) == 0


def test_a_typed_answer_shown_in_another_tab_is_said_where_it_went_in_the_first(cohort):
    """A student typed an answer on Practice, then opened Practice in a second tab, which offered the
    result ("Your typed answer to … was analysed while you were away" → Show its feedback). A typed
    answer is not saved, so its result went with its job once shown there, and the first tab, still
    waiting on it, was left with an empty card for good. It now says where the result went, and how
    to see it here: what they typed is still in its box."""
    from app_support import markdown_text

    from coach import queue
    from coach.ui.waiting import TYPED_SHOWN_ELSEWHERE, TYPED_SHOWN_ELSEWHERE_AGAIN

    store = cohort
    first, job_id = _typed_on_the_practice_page()
    assert "What you typed is kept with it." in " ".join(c.value for c in first.caption)
    args = _taken_by_a_worker(store, job_id)
    assert queue.analyse_queued_answer(**args) == "typed answer analysed"
    _done(store, job_id)

    second = page("practice").run()  # the second tab
    assert "Your typed answer to “" in markdown_text(second)
    second.button(key="practice_show_landed").click().run()
    assert second.session_state["practice_result"]["analysis"]["transcript"] == TYPED

    first.run()  # the first tab's next look at its answer
    assert not first.exception, first.exception
    said = [i.value for i in first.info]
    assert said == [TYPED_SHOWN_ELSEWHERE + TYPED_SHOWN_ELSEWHERE_AGAIN], said
    assert "You can leave this page" not in " ".join(c.value for c in first.caption)
    # what they typed is still in its box: one press sends it again, for its feedback here
    assert first.text_area(key="practice_typed_text").value == TYPED
    first.button(key="practice_typed_analyse").click().run()
    assert not first.exception, first.exception
    assert queue.job_state(store, first.session_state["practice_job"]["job_id"]).state == "waiting"


def test_a_typed_answer_shown_in_the_tab_it_was_typed_in_is_said_in_another_waiting_on_it(cohort):
    """Practice opened in a second tab while a typed answer waits finds it and waits on it too (the
    box there is empty: it was typed in the first). The first tab showed the result, and the second
    was left with an empty card. It says where the result went, without sending them to a box that
    holds nothing."""
    from coach import queue
    from coach.ui.waiting import TYPED_SHOWN_ELSEWHERE

    store = cohort
    first, job_id = _typed_on_the_practice_page()
    second = page("practice").run()  # opened while it waits: it waits on the same answer
    assert "What you typed is kept with it." in " ".join(c.value for c in second.caption)
    args = _taken_by_a_worker(store, job_id)
    assert queue.analyse_queued_answer(**args) == "typed answer analysed"
    _done(store, job_id)
    first.run()
    assert first.session_state["practice_result"]["analysis"]["transcript"] == TYPED

    second.run()
    assert not second.exception, second.exception
    assert [i.value for i in second.info] == [TYPED_SHOWN_ELSEWHERE]
    assert "You can leave this page" not in " ".join(c.value for c in second.caption)
