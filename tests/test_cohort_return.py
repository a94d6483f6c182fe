"""Cohort mode: a student who comes back to an answer that could not be analysed while they were
away, or to an interview still waiting for its review, is told so; the staff are told how to start
an analyser. A real PostgreSQL queue; the worker's job run in this process (a take too short to
analyse needs no model)."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from app_support import page, pages_on_a_fresh_queue
from pg_server import skip_reason

from coach.config import load_settings
from coach.store import open_store

DATA = Path(__file__).resolve().parent / "data"
STUDENT = "cara@example.edu"


@pytest.fixture
def cohort(tmp_path, monkeypatch) -> Path:
    """The app's pages (data in tmp_path) sending answers to a queue in a new database, no worker."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    pages_on_a_fresh_queue(tmp_path, monkeypatch)
    return tmp_path


def _practice_with_a_question():
    at = page("practice").run()
    first_recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
    return at.button(key=first_recommended).click().run()


def _a_worker_takes_it_up(monkeypatch, job_id: int) -> None:
    """What `coach worker` does with the job: the page's orchestrator run on the kept take (its
    sentence written beside it when it cannot be analysed), then the job marked done by the queue."""
    from coach import queue

    settings = load_settings()
    with contextlib.closing(open_store(settings)) as store:
        with store.read() as conn:
            query = sa.text("SELECT args FROM procrastinate_jobs WHERE id = :id")
            args = conn.execute(query, dict(id=job_id)).scalar_one()
        monkeypatch.setattr(queue, "_worker", queue._Worker(settings=settings, store=store))
        done = queue.analyse_queued_answer(
            args["owner"],
            args["recording"],
            args["sha256"],
            original_name=args.get("original_name", ""),
            question=args.get("question"),
        )
        assert done == "not analysed", done
        with store.write() as conn:
            done = sa.text("UPDATE procrastinate_jobs SET status = 'succeeded' WHERE id = :id")
            conn.execute(done, dict(id=job_id))


def _in_order(block) -> list:
    """The page's elements as they are drawn, top to bottom (a block and then what it holds)."""
    found = [block]
    for child in getattr(block, "children", {}).values():
        found += _in_order(child)
    return found


def test_an_answer_that_failed_while_its_student_was_away_is_said_on_return_once(cohort, monkeypatch):
    """short.wav (0.3 s) sent from Practice with no analyser running, the page closed, an analyser
    started: the page had promised "the result will be here when you come back", and reopened it
    showed nothing (only answers analysed were offered), while Progress listed "1 recording not
    analysed". Now the page says in one sentence that the answer could not be analysed, why and
    what to do, once; the recording stays kept."""
    at = _practice_with_a_question()
    question = at.session_state["practice_question_id"]
    at.file_uploader[0].upload("short.wav", (DATA / "short.wav").read_bytes(), "audio/wav").run()
    assert not at.exception, at.exception
    assert "the result will be here when you come back" in " ".join(c.value for c in at.caption)
    job_id = at.session_state["practice_job"]["job_id"]
    _a_worker_takes_it_up(monkeypatch, job_id)  # the page is closed meanwhile

    back = page("practice").run()
    assert not back.exception, back.exception
    said = [e.value for e in back.error]
    assert len(said) == 1, said
    assert said[0].startswith("While you were away, your answer to “"), said
    assert said[0].endswith(
        "could not be analysed: short.wav is only 0.3 s long; an answer needs at least 0.5 s, "
        "so record it again."
    ), said
    assert back.session_state["practice_question_id"] == question  # the question to record it again
    # said at the top of the page, over the question: under the recorder, a phone showed it only to
    # one who scrolled past the question and the recorder, and it is said this once
    shown = [(node.type, getattr(node, "label", getattr(node, "value", ""))) for node in _in_order(back.main)]
    assert shown.index(("error", said[0])) < shown.index(("expander", "Change the question")), shown
    # said once: the next visit does not say it again
    again = page("practice").run()
    assert not again.exception, again.exception
    assert not again.error, [e.value for e in again.error]
    # the recording is kept as before, listed on Progress
    progress = page("progress").run()
    assert "1 recording not analysed" in [e.label for e in progress.expander]


def test_an_answer_that_failed_on_the_open_page_is_not_said_again_on_the_next_visit(cohort, monkeypatch):
    """A student who watched the page say that truncated.mp3 could not be analysed is not told it
    again as news "while you were away" on their next visit."""
    at = _practice_with_a_question()
    at.file_uploader[0].upload("truncated.mp3", (DATA / "truncated.mp3").read_bytes(), "audio/mpeg").run()
    job_id = at.session_state["practice_job"]["job_id"]
    _a_worker_takes_it_up(monkeypatch, job_id)
    at.run()
    assert not at.exception, at.exception
    assert any("only 0.3 s long" in e.value for e in at.error), [e.value for e in at.error]

    back = page("practice").run()
    assert not back.exception, back.exception
    assert not back.error, [e.value for e in back.error]


REVIEW_CLIP = DATA / "interviews" / "interview_short.flac"  # 24 s, two voices


def _card(at) -> str:
    return " ".join(m.value for m in at.markdown)


def test_an_interview_waiting_for_its_review_is_named_on_the_review_page(cohort):
    """An interview sent for review while no analyser runs: the form above was emptied and the card
    said only "No analyser is running at the moment" and "Your interview is analysed as soon as one
    starts", on the page and after a reload, nothing naming which interview waited. It is named as
    it was typed, and so is one picked from the log."""
    from coach.interview_log import add_interview

    at = page("review").run()
    at.file_uploader[0].upload(REVIEW_CLIP.name, REVIEW_CLIP.read_bytes(), "audio/flac")
    at.text_input(key="review_company").input("Hooli")
    at.text_input(key="review_role").input("Platform engineer")
    at.selectbox(key="review_stage").set_value("first round")
    next(b for b in at.button if b.label == "Analyse the interview").click().run()
    assert not at.exception, at.exception
    day = date.today()
    named = f"Your interview with Hooli — Platform engineer, {day.day} {day:%b %Y} · first round"
    assert "**No analyser is running at the moment**" in _card(at)
    assert f"{named} is analysed as soon as one starts." in _card(at), _card(at)
    back = page("review").run()  # the page closed and opened again: found again, still named
    assert not back.exception, back.exception
    assert f"{named} is analysed as soon as one starts." in _card(back), _card(back)

    # an interview already in the log, picked above the form
    with contextlib.closing(open_store(load_settings())) as store:
        logged = add_interview(store, company="Initech", stage="final", interview_date=day)
    other = page("review").run()
    other.selectbox(key="review_interview").set_value(logged)
    other.file_uploader[0].upload("call.flac", REVIEW_CLIP.read_bytes() + b"\0" * 64, "audio/flac")
    next(b for b in other.button if b.label == "Analyse the interview").click().run()
    assert not other.exception, other.exception
    assert f"Your interview with Initech, {day.day} {day:%b %Y} · final is" in _card(other), _card(other)


def test_an_interview_with_a_long_name_waiting_for_its_review_is_named_in_short(cohort):
    """A company and a role of 200 characters each: the waiting card named the interview whole, twice
    (400 characters in its label, again in the sentence under it), where every other card cuts a long
    line. Each is cut at a word with "…"; the day and the stage, which tell two interviews apart, stay."""
    company = ("Globex Corporation International Holdings " * 5)[:200]
    role = ("Senior staff platform reliability engineer " * 5)[:200]
    at = page("review").run()
    at.file_uploader[0].upload(REVIEW_CLIP.name, REVIEW_CLIP.read_bytes(), "audio/flac")
    at.text_input(key="review_company").input(company)
    at.text_input(key="review_role").input(role)
    at.selectbox(key="review_stage").set_value("first round")
    next(b for b in at.button if b.label == "Analyse the interview").click().run()
    assert not at.exception, at.exception
    day = date.today()
    [said] = [m.value for m in at.markdown if m.value.startswith("Your interview with ")]
    assert company not in said and role not in said, said
    cut = re.fullmatch(
        rf"Your interview with (Globex [^—]+…) — (Senior staff [^,]+…), {day.day} {day:%b %Y} · first round "
        r"is analysed as soon as one starts\. .*",
        said,
    )
    assert cut and all(len(part) <= 80 for part in cut.groups()), said
