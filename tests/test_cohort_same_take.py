"""Cohort mode, a real worker: the same recording sent as the answer to two questions is two
answers, as in a personal coach. Helpers are tests/test_queue.py's own."""

from __future__ import annotations

import contextlib

import pytest
from pg_server import skip_reason
from test_queue import CLIP, _finished, attempts_of, fresh_cohort, running_workers, wait_for

from coach.banks import get_question
from coach.store import open_store

pytestmark = pytest.mark.slow


def test_the_same_take_sent_for_another_question_is_that_questions_answer(tmp_path):
    """Ben sent the recording he had answered "Describe a time a miscommunication caused a
    problem" with as his answer to "Give me your thirty-second pitch" (seen on `make serve-cohort`):
    the page showed the first question's feedback (its talking points, its length) under the
    pitch's heading, stored no answer to the pitch, and listed the copy as "saved but not
    analysed: its analysis was interrupted"."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from coach import queue

    settings, env = fresh_cohort(tmp_path / "app")
    with running_workers(env, tmp_path, ["w1"]), contextlib.closing(open_store(settings)) as store:
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
