"""Every chart of the app is named by what it shows for a screen reader. Vega names a chart by its
spec's description; with none, each chart on Practice and Progress was read out as "Vega
visualization" (Chromium's accessibility tree), whatever it showed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from app_support import page
from store_support import analysis_dict, save_answer, save_real_answers

from coach import store
from coach.analysis import analyze
from coach.audio import load_audio
from coach.config import load_settings
from coach.store.mock_sessions import save_mock_session
from coach.transcribe.sound import listen
from coach.types import SAMPLE_RATE, Transcript, Word

DATA = Path(__file__).parent / "data"
QUESTION = ("beh-lead-01", "Tell me about a time you led a project or team without formal authority.")


def _spoken_story(settings) -> dict:
    """A real analysis of a told story with its words' times (a pause after each sentence) over a
    real lecturer's voice, so the answer has pace, pauses, pitch and structure to chart."""
    text = (DATA / "mock" / "03-story.txt").read_text(encoding="utf-8").strip()
    words, t = [], 0.3
    for w in text.split():
        words.append(Word(w, t, t + 0.3, 0.9))
        t += 0.4 + (1.0 if w.endswith(".") else 0.0)
    samples = load_audio(DATA / "real_speech" / "lecture.wav", settings).samples[
        : int((t + 0.5) * SAMPLE_RATE)
    ]
    heard = Transcript(text, tuple(words), len(samples) / SAMPLE_RATE, sound=listen(samples))
    return analyze(heard, settings=settings).to_dict()


@pytest.fixture
def months_of_answers(tmp_path, monkeypatch) -> tuple[int, dict]:
    """Practice answers to one question over a month, two mock interviews among them, the newest a
    spoken story; its id and analysis."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    story = _spoken_story(settings)
    db = store.open_store(settings)
    now = datetime.now(UTC)
    try:
        for i in range(4):
            earlier = save_answer(
                db,
                *QUESTION,
                analysis=analysis_dict(overall=60.0 + i),
                created_at=now - timedelta(days=30 - 7 * i),
            )
            if i % 2:
                save_mock_session(
                    db,
                    format="behavioural",
                    planned_s=1800,
                    used_s=600.0,
                    score_overall=60.0 + i,
                    summary={"format_label": "Behavioural round", "answers": 1, "pattern": None},
                    turns=[{"kind": "question", "question_text": QUESTION[1], "attempt_id": earlier}],
                )
        newest = save_answer(db, *QUESTION, analysis=story, created_at=now - timedelta(hours=1))
    finally:
        db.close()
    return newest, story


def _chart_names(at) -> list[str | None]:
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")  # its name by Streamlit's version
    return [json.loads(c.proto.spec).get("description") for c in charts]


def _practice_showing(attempt_id: int, analysis: dict):
    """The Practice page drawn with the saved answer `attempt_id` as its result."""
    at = page("practice")
    at.session_state["practice_question_id"] = QUESTION[0]
    at.session_state["practice_result"] = {
        "digest": "d",
        "attempt_id": attempt_id,
        "analysis": analysis,
        "question_id": QUESTION[0],
        "recording": None,
        "demonstration": False,
    }
    return at.run()


def test_an_answer_s_charts_are_named_by_what_they_show(months_of_answers):
    newest, story = months_of_answers
    at = _practice_showing(newest, story)
    assert not at.exception
    assert _chart_names(at) == [
        "Your pitch over the answer, in semitones above and below your usual pitch.",
        "The answer from start to end, in its situation, task, action and result parts.",
        "Your pace over the answer, in words per minute, against the comfortable range of 130–175.",
        "Each pause in the answer: where it came, how long it lasted, and whether it came after a "
        "sentence or mid-clause.",
        "The overall score of each of your answers to this question, oldest first.",
    ]


def test_an_answer_s_chart_beside_real_answers_says_it_holds_practice_s(months_of_answers, tmp_path):
    """The question was answered in a real interview too: the table under the chart lists that answer,
    the chart does not, and its name said "each of your answers"."""
    newest, story = months_of_answers
    db = store.open_store(load_settings(tmp_path))
    try:
        interview_id = store.add_interview(
            db, company="Acme", stage="first round", interview_date="2026-03-02"
        )
        answer = {"question_id": QUESTION[0], "question_text": QUESTION[1], "analysis": analysis_dict()}
        save_real_answers(db, interview_id, [answer])
    finally:
        db.close()
    at = _practice_showing(newest, story)
    assert not at.exception
    assert (
        _chart_names(at)[-1]
        == "The overall score of each of your practice answers to this question, oldest first."
    )
    [table] = [t for t in at.dataframe if list(t.value.columns)[:2] == ["When", "Overall"]]
    assert any(r["When"].endswith(" real") for r in table.value.to_dict("records"))


def test_progress_charts_are_named_by_what_they_show(months_of_answers):
    at = page("progress").run()
    assert not at.exception
    assert _chart_names(at) == [
        "Pace (words per minute) of each of your answers, oldest first.",
        "The overall score of each mock interview, oldest first.",
    ]
