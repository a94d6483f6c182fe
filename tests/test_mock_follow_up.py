"""The mock interviewer's follow-up rules, one behaviour a test, each driven by the real analysis
(spaCy STAR labels, 'I' against 'we', numbers found) of an answer's text."""

from __future__ import annotations

import numpy as np
import pytest

from coach import banks
from coach.analysis import quality
from coach.config import load_settings
from coach.mock import follow_up
from coach.practice import analyze_transcript
from coach.types import SAMPLE_RATE, Transcript

STORY = banks.get_question("beh-own-07")  # a STAR question with a follow-up of its own
FREE = banks.get_question("mot-05")  # "Tell me about yourself.": a free answer

NO_RESULT = (
    "Last year our billing service kept failing at night. I was asked to make it reliable. "
    "I wrote tests for the riskiest paths. I moved the nightly jobs to a queue."
)
WE_ONLY = (
    "Last year our billing service kept failing at night. We were asked to make it reliable. "
    "We wrote tests for the riskiest paths, and we moved the nightly jobs to a queue. "
    "As a result, failed payments dropped by sixty percent."
)
NO_NUMBER = (
    "Last year our billing service kept failing at night. I was asked to make it reliable. "
    "I wrote tests for the riskiest paths and I moved the nightly jobs to a queue. "
    "As a result, the failures stopped and the team slept again."
)
COMPLETE = (
    "Last year our billing service kept failing at night. I was asked to make it reliable. "
    "I wrote tests for the riskiest paths and I moved the nightly jobs to a queue. "
    "As a result, failed payments dropped by sixty percent within two months."
)


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return load_settings(data_dir=tmp_path_factory.mktemp("data"))


def analysed(text: str, question, settings) -> dict:
    return analyze_transcript(Transcript.from_text(text), settings, question)


def test_a_story_with_no_result_is_asked_for_the_outcome(settings):
    answer = analysed(NO_RESULT, STORY, settings)
    asked = follow_up.decide(answer, STORY)
    assert answer["metrics"]["star"]["result"]["words"] == 0
    assert asked.text == "What was the outcome? How did you measure it?"
    assert "how it turned out" in asked.why


def test_actions_told_only_as_we_are_asked_for_your_own_part(settings):
    answer = analysed(WE_ONLY, STORY, settings)
    asked = follow_up.decide(answer, STORY)
    assert asked.text == "What was your own part?"
    assert "'we'" in asked.why and "never 'I'" in asked.why


def test_a_result_without_a_number_is_asked_for_one(settings):
    answer = analysed(NO_NUMBER, STORY, settings)
    asked = follow_up.decide(answer, STORY)
    assert answer["metrics"]["quantified_results"] == 0
    assert asked.rule == "no_number" and "number" in asked.text
    assert "no number" in asked.why


def test_a_complete_story_gets_the_questions_own_follow_up(settings):
    answer = analysed(COMPLETE, STORY, settings)
    asked = follow_up.decide(answer, STORY)
    assert asked.text == STORY.follow_ups[0] and asked.rule == "bank"


def test_a_complete_story_to_a_question_without_follow_ups_gets_none(settings):
    bare = banks.Question(
        **{**STORY.to_dict(), "follow_ups": (), "talking_points": tuple(STORY.talking_points)}
    )
    assert follow_up.decide(analysed(COMPLETE, bare, settings), bare) is None


def test_a_free_answer_is_not_asked_for_a_result(settings):
    answer = analysed(  # 20 words or more: a shorter typed answer is not scored (coach.analysis.quality)
        "I lead a payments team of five in Berlin. Before that I worked in support, and before that I "
        "studied economics in Vienna.",
        FREE,
        settings,
    )
    asked = follow_up.decide(answer, FREE)
    assert answer["metrics"]["star"]["result"]["words"] == 0  # no result, yet not asked for one
    assert asked.text == FREE.follow_ups[0]


def test_an_answer_that_could_not_be_measured_gets_no_follow_up(settings):
    too_loud = np.clip(5 * np.sin(np.linspace(0, 2000, SAMPLE_RATE * 3)), -1, 1).astype(np.float32)
    problems = quality.audio_problems(too_loud)
    answer = analyze_transcript(Transcript.from_text(NO_RESULT), settings, STORY, problems)
    assert answer["scores"] is None  # the quality gate stopped it: the recording was distorted
    assert follow_up.decide(answer, STORY) is None
