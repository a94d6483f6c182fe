"""An answer about something else altogether gets no score (the real sentence model, no mocks).

A soup recipe read out for "delivered bad news" scored 78, with talking points "heard" in its
sentences about onions; a lecture got Content 90. Now such an answer is kept but not scored, and
says why in one sentence; an on-topic answer, however weak, is scored as before.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from coach.analysis import analyze, relevance
from coach.analysis.evaluation import read_relevance_file
from coach.banks import get_question, load_questions
from coach.types import Transcript

LABELS = Path(__file__).parent / "data" / "labels"
SOUP = (
    "So to make a good tomato soup you first chop two onions and a clove of garlic and soften them in "
    "olive oil for about ten minutes. Then you add a tin of tomatoes, some vegetable stock and a pinch "
    "of sugar, and let it simmer for twenty minutes. After that you blend it until smooth, season it "
    "with salt and pepper, and serve it with some crusty bread and a swirl of cream."
)


def test_a_recipe_for_a_bank_question_gets_no_score_and_one_sentence(tmp_path):
    question = get_question("beh-comm-04", tmp_path)
    result = analyze(Transcript.from_text(SOUP), question=question).to_dict()
    assert result["scores"] is None and result["feedback"] == []
    [warning] = result["warnings"]
    assert warning == (
        "This does not sound like an answer to “Describe a time you delivered bad news to a "
        "stakeholder”, so it is not scored. Answer the question with a time it happened to you, "
        "and try again."
    )


def test_weak_answers_that_talk_around_the_question_are_still_scored(tmp_path):
    """The held-out answers that make few of their points ("feedback is a gift") are about
    the question all the same: they are scored, and their missing points are said."""
    answers = [
        a for part in ("heldout", "fresh") for a in read_relevance_file(LABELS / f"relevance_{part}.toml")
    ]
    weakest = [a for a in answers if a.labels.count("N") >= 3]  # 3 of 5 points or more not made
    assert len(weakest) >= 6 and any(get_question(a.question, tmp_path).format == "star" for a in weakest)
    for a in weakest:
        result = analyze(Transcript.from_text(a.text), question=get_question(a.question, tmp_path))
        assert result.scores is not None, a.text


def test_only_story_questions_are_checked(tmp_path):
    """A short, plain answer to a question of another kind reads as far from interview stories:
    "I like the product and the people" for "Why this team?" would be stopped wrongly, so it is not
    checked (nor is the recipe, for a question of that kind)."""
    from coach import banks

    why = banks.add_user_question(tmp_path, "Why this team?")
    assert why.format == "free"
    plain = analyze(Transcript.from_text("I like the product and the people. " * 12), question=why)
    assert plain.scores is not None
    assert analyze(Transcript.from_text(SOUP), question=why).scores is not None


def test_no_question_means_no_off_topic_check():
    result = analyze(Transcript.from_text(SOUP)).to_dict()
    assert result["scores"] is not None and not result["warnings"]


def test_an_interview_answer_is_not_judged_off_topic(tmp_path):
    """A real interview's question is matched to the bank and the match may be wrong: its answer
    is measured, never stopped for being about another question."""
    question = get_question("beh-comm-04", tmp_path)
    result = analyze(Transcript.from_text(SOUP), question=question, interview=True).to_dict()
    assert result["scores"] is not None


def test_held_out_figures_stay_as_the_readme_says(tmp_path):
    """README, "Off-topic answers": on the held-out parts no on-topic answer to a story question is
    stopped and 99% of the off-topic texts read against every story question are. The limits were
    set on other data."""
    questions = {q.id: q for q in load_questions(tmp_path) if q.format == "star"}
    answers = [
        a
        for part in ("heldout", "fresh")
        for a in read_relevance_file(LABELS / f"relevance_{part}.toml")
        if a.question in questions
    ]
    stopped = [
        a.text[:60]
        for a in answers
        if relevance.off_topic(questions[a.question].text, questions[a.question].talking_points, a.text)
    ]
    assert stopped == []
    texts = tomllib.loads((LABELS / "off_topic_heldout.toml").read_text(encoding="utf-8"))["text"]
    sample = list(questions.values())[::10]  # every tenth question keeps the test quick
    caught = sum(relevance.off_topic(q.text, q.talking_points, t["text"]) for t in texts for q in sample)
    assert caught / (len(texts) * len(sample)) >= 0.95
