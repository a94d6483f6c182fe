"""The mock interview orchestrator in process: what happens to an answer that cannot be measured,
and to a file that is not audio (the real model, the real store)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import soundfile

from coach.errors import NotAudioError
from coach.mock.session import MockSession, plan_for
from coach.reanalysis import reanalyze
from coach.store import get_attempt, list_attempts, open_store

DATA = Path(__file__).parent / "data"


@pytest.fixture
def session(settings):
    db = open_store(settings)
    try:
        yield MockSession(settings, plan_for(db, settings, n=2)), db
    finally:
        db.close()


def test_an_answer_too_short_to_measure_gets_no_follow_up_and_the_interview_moves_on(session, tmp_path):
    mock, db = session
    first = mock.current
    samples, rate = soundfile.read(DATA / "mock" / "01-opener.wav")
    soundfile.write(tmp_path / "short.wav", samples[: 5 * rate], rate)  # its first 5 s: a dozen words
    mock.answer(tmp_path / "short.wav")
    assert first.answer["scores"] is None
    assert first.answer["warnings"] and "Record" not in " ".join(first.answer["warnings"])
    assert mock.current.kind == "question" and mock.current is not first  # no follow-up: the next question
    summary = mock.finish(db)
    assert summary["unmeasured_answers"] == 1 and summary["questions"][0]["measured"] is False
    assert summary["ended_early"] and len(list_attempts(db)) == 1  # the take is kept all the same


def test_a_file_that_is_not_audio_leaves_the_question_open(session):
    mock, _ = session
    first = mock.current
    with pytest.raises(NotAudioError):
        mock.answer(DATA / "not_audio.wav")
    assert mock.current is first and first.answer is None


def test_ending_before_any_answer_stores_no_session(session):
    """A mock ended with no answer at all was kept as a mock interview of "0 questions": counted on
    Progress and taken as the last mock interview to compare the next one with."""
    from coach.store.mock_sessions import list_mock_sessions

    mock, db = session
    with pytest.raises(NotAudioError):
        mock.answer(DATA / "not_audio.wav")
    summary = mock.finish(db)
    assert summary["answers"] == 0 and summary["session_id"] is None
    assert list_mock_sessions(db) == [] and list_attempts(db) == []


def test_the_next_report_compares_with_the_last_session_that_measured_an_answer(settings, tmp_path):
    """After a session whose only answer could not be measured, the next report said "Your last mock
    interview had no measured answers to compare with", though the one before had a score."""
    samples, rate = soundfile.read(DATA / "mock" / "01-opener.wav")
    soundfile.write(tmp_path / "short.wav", samples[: 5 * rate], rate)
    db = open_store(settings)
    try:
        scores = []
        for take in (
            DATA / "mock" / "01-opener.wav",
            tmp_path / "short.wav",
            DATA / "mock" / "01-opener.wav",
        ):
            mock = MockSession(settings, plan_for(db, settings, n=2))
            mock.answer(take)
            scores.append(mock.finish(db))
    finally:
        db.close()
    first, unmeasured, third = scores
    assert first["score_overall"] is not None and first["change"] is None
    assert unmeasured["score_overall"] is None and unmeasured["change"] is None  # nothing to compare
    was = round(first["score_overall"])
    assert (
        third["change"].startswith("Since your last mock interview (")
        and f"overall score {was} → " in third["change"]
    )


def test_an_answer_about_something_else_is_not_scored_in_a_mock_either(settings, tmp_path):
    """A mock interview analyses its answers as interview answers, which skipped the off-topic
    check: a lecture given for a story question was scored. Its question is known, as in practice."""
    from dataclasses import replace

    from coach import banks

    story = next(q for q in banks.load_questions(settings.data_dir) if q.id == "beh-lead-01")
    db = open_store(settings)
    try:
        mock = MockSession(settings, replace(plan_for(db, settings, n=1), questions=(story,)))
        asked = mock.current
        assert asked.question_id == "beh-lead-01"
        mock.answer(DATA / "real_speech" / "lecture.wav")  # a real lecture, not an interview answer
        assert asked.answer["scores"] is None and asked.answer["feedback"] == []
        assert asked.answer["warnings"][0] == (
            "This does not sound like an answer to “Tell me about a time you led a project or team "
            "without formal authority”, so it is not scored. Next time, answer it with a time it "
            "happened to you."
        )
        assert mock.finished  # no follow-up on it: the interview moved on
        summary = mock.finish(db)
        assert summary["unmeasured_answers"] == 1 and len(list_attempts(db)) == 1  # kept all the same
        reanalyze(db, force=True)  # analysed again as a mock interview's answer, which it is
        again = get_attempt(db, asked.attempt_id)
        assert again["analysis"]["warnings"] == asked.answer["warnings"] and again["score_overall"] is None
    finally:
        db.close()


def test_a_skipped_question_and_follow_up_are_asked_not_answered_and_never_scored(session):
    """The interview had no way to move on without a recording ("record it again", or end it): a
    skipped question is counted as asked and not answered, said "skipped" in the report and on
    Progress, and scored as nothing."""
    from coach.progress import _mock_interview_lines, mock_series
    from coach.store.mock_sessions import list_mock_sessions
    from coach.ui.summary import mock_rows

    mock, db = session
    opener = mock.current
    assert mock.skip() is opener and opener.answer is None
    story = mock.current
    assert story.kind == "question" and story is not opener  # on to the next question, no follow-up
    mock.answer(DATA / "mock" / "01-opener.wav")
    assert mock.current.kind == "follow_up"
    mock.skip()  # "Skip this follow-up": the last question's, so the interview has run to its end
    assert mock.finished
    summary = mock.finish(db)
    assert summary["questions_asked"] == 2 and summary["answers"] == 1 and summary["questions_skipped"] == 1
    assert not summary["ended_early"]  # skipping is not ending
    [skipped, answered] = summary["questions"]
    assert skipped["skipped"] and skipped["scores"] is None and skipped["follow_up"] is None
    assert summary["score_overall"] == answered["scores"]["overall"]  # the one answered, alone
    assert answered["follow_up"]["skipped"] and not answered["follow_up"]["answered"]
    assert (summary["follow_ups_skipped"], summary["follow_ups_not_answered"]) == (1, 0)
    series = mock_series(list_mock_sessions(db))
    [row], _ = mock_rows(series, date.today())
    assert row["Overall"] == f"{round(summary['score_overall'])} (1 question and 1 follow-up skipped)"
    assert ", 1 question and 1 follow-up skipped." in _mock_interview_lines(series)[0]


def test_a_question_asked_as_the_interview_ended_is_listed_as_asked_and_not_answered(session):
    """Ended at "Question 2 of 2": the report counted one question and did not list the second,
    though it was spoken, while a follow-up left waiting is listed and counted. It is listed now,
    not answered, with no score, and counted as asked."""
    mock, db = session
    mock.answer(DATA / "mock" / "01-opener.wav")
    if mock.current.kind == "follow_up":
        mock.answer(DATA / "mock" / "02-follow-up.wav")
    waiting = mock.current
    assert waiting.kind == "question" and waiting.answer is None
    summary = mock.finish(db)
    assert summary["ended_early"] and summary["answers"] >= 1
    assert summary["questions_asked"] == 2 and summary["questions_asked_not_answered"] == 1
    [_opener, ended_on] = summary["questions"]
    assert ended_on["text"] == waiting.text and not ended_on["answered"] and not ended_on["skipped"]
    assert ended_on["scores"] is None and ended_on["follow_up"] is None
    assert summary["questions_skipped"] == 0 and summary["questions_not_answered"] == 1


def test_every_question_skipped_saves_no_session_and_says_so(session):
    from coach.mock.report import EVERY_QUESTION_SKIPPED, nothing_answered_sentence
    from coach.store.mock_sessions import list_mock_sessions

    mock, db = session
    mock.skip()
    mock.skip()
    summary = mock.finish(db)
    assert summary["answers"] == 0 and list_mock_sessions(db) == []
    assert nothing_answered_sentence(summary) == EVERY_QUESTION_SKIPPED


def test_a_named_question_asked_as_the_interview_ended_is_named_in_the_reason(settings):
    """A debrief named "walk me through your CV" and "greatest weakness": the mock opened with the
    first and asked the second next. Ended as the second was asked, the report listed it ("Not
    answered: the interview ended here.") under a reason naming only the CV question, as if it had
    been asked for no reason. Both were asked for the debrief, and the reason says so; the question
    for "conflict" never asked is not named."""
    from coach.store import add_debrief, add_interview

    db = open_store(settings)
    try:
        held = date.fromordinal(date.today().toordinal() - 10).isoformat()
        interview = add_interview(db, company="Acme", stage="first round", interview_date=held)
        add_debrief(
            db, interview, skill_gaps="rambled on greatest weakness; walk me through your CV; conflict"
        )
        mock = MockSession(settings, plan_for(db, settings, n=4))
        assert [q.id for q in mock.plan.questions][:2] == ["mot-06", "beh-fail-07"], mock.plan.questions
        mock.answer(DATA / "mock" / "01-opener.wav")
        if mock.current.kind == "follow_up":
            mock.skip()
        assert mock.current.question_id == "beh-fail-07"  # asked, and the interview ends here
        summary = mock.finish(db)
    finally:
        db.close()
    assert not summary["questions"][1]["answered"]  # listed as not answered
    why = summary["why_these_questions"]
    assert why == "From your debriefs: “walk me through your CV” and “greatest weakness”.", why
