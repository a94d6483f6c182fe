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


LECTURE = (
    "Today we look at the case for a tax on wealth rather than on income. Most economists agree that "
    "wealth is far more unequal than income, because returns on capital compound over generations. "
    "A wealth tax is hard to collect: assets like art or private companies have no market price, and "
    "the rich can move abroad. Several European countries tried it and most dropped it again in the "
    "nineties, raising less than they hoped. Next week we compare it with a tax on inheritance."
)


def test_a_lecture_for_a_question_that_asks_for_no_story_gets_no_score(tmp_path):
    """A lecture on a wealth tax uploaded for "Why should we hire you?" scored 77 with all its points
    "heard": questions that ask for no story were not checked. Now they are, with their talking
    points, and the sentence does not ask for a story."""
    question = get_question("close-03", tmp_path)
    assert question.format == "free" and question.talking_points
    result = analyze(Transcript.from_text(LECTURE), question=question).to_dict()
    assert result["scores"] is None and result["feedback"] == []
    assert result["warnings"] == [
        "This does not sound like an answer to “Why should we hire you?”, so it is not scored. "
        "Answer the question asked, and try again."
    ]
    mock = analyze(Transcript.from_text(LECTURE), question=question, interview=True, off_topic_check=True)
    assert mock.warnings[0].endswith("so it is not scored. Next time, answer the question asked.")


def test_answers_far_from_interview_stories_are_still_scored(tmp_path):
    """A salary answer or a critique of a weather app is far from interview stories and still on its
    question (tests/data/labels/on_topic_free.toml, tuning answers): scored."""
    answers = tomllib.loads((LABELS / "on_topic_free.toml").read_text(encoding="utf-8"))["answer"]
    for a in answers:
        if a["question"] in {"mot-13", "des-03"}:
            result = analyze(Transcript.from_text(a["text"]), question=get_question(a["question"], tmp_path))
            assert result.scores is not None, a["text"]


def test_a_short_plain_answer_to_your_own_question_is_scored(tmp_path):
    """A plain answer to a question of another kind reads as far from interview stories: "I like the
    product and the people" for your own "Why this team?" is still scored (it is like the question's
    talking points, given by its kind); the recipe for it is not."""
    from coach import banks

    why = banks.add_user_question(tmp_path, "Why this team?")
    assert why.format == "free" and why.talking_points
    plain = analyze(
        Transcript.from_text(
            "I like the product and the people. I've used the product for years, and everyone I met "
            "today seemed to really enjoy working together."
        ),
        question=why,
    )
    assert plain.scores is not None
    assert analyze(Transcript.from_text(SOUP), question=why).scores is None


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
    """README, "Off-topic answers": on the held-out parts no on-topic answer is stopped, 99% of the
    off-topic texts read against every story question are, and 91% against every question that asks
    for no story. The limits were set on other data."""
    questions = {q.id: q for q in load_questions(tmp_path)}
    answers = [
        (a.question, a.text)
        for part in ("heldout", "fresh")
        for a in read_relevance_file(LABELS / f"relevance_{part}.toml")
    ]
    free = tomllib.loads((LABELS / "on_topic_free.toml").read_text(encoding="utf-8"))["answer"]
    answers += [(a["question"], a["text"]) for a in free if a["part"] == "heldout"]

    def stopped(q, text: str) -> bool:
        return bool(relevance.off_topic(q.text, q.talking_points, text, story=q.format == "star"))

    assert [text[:60] for qid, text in answers if stopped(questions[qid], text)] == []
    texts = tomllib.loads((LABELS / "off_topic_heldout.toml").read_text(encoding="utf-8"))["text"]
    for story, least in ((True, 0.95), (False, 0.80)):
        sample = [q for q in questions.values() if (q.format == "star") == story][::20]  # keeps it quick
        caught = sum(stopped(q, t["text"]) for t in texts for q in sample)
        assert caught / (len(texts) * len(sample)) >= least, story


FOLLOW_UP_REPLIES = tomllib.loads((LABELS / "follow_up_replies.toml").read_text(encoding="utf-8"))["reply"]


def _reply(question_id: str, follow_up_text: str, text: str, tmp_path) -> dict:
    """A reply analysed as the mock interview analyses it (coach.mock.session.MockSession.answer)."""
    from coach.mock.follow_up import FollowUpQuestion

    asked = FollowUpQuestion.ask(follow_up_text, get_question(question_id, tmp_path))
    return analyze(Transcript.from_text(text), question=asked, interview=True, off_topic_check=True).to_dict()


def test_a_reply_about_something_else_to_a_mock_follow_up_is_not_scored(tmp_path):
    """A mock interview's follow-up had no id and no talking points, so no reply to it was checked: a
    reply about last night's match to "What was the outcome?" scored Content 100. It is read with the
    question it follows now, and says so in one sentence, as an off-topic practice answer does."""
    from coach.mock import follow_up

    result = _reply(
        "beh-lead-01",
        follow_up.OUTCOME,
        "Oh, did you see the match last night? United scored twice in the first half and then the "
        "keeper saved a penalty right at the end, so they're top of the league now.",
        tmp_path,
    )
    assert result["scores"] is None and result["feedback"] == []
    assert result["warnings"] == [
        "This reply does not sound like an answer to the follow-up “What was the outcome? How did you "
        "measure it?”, so it is not scored. Next time, answer it about the story you just told."
    ]


def test_replies_to_follow_ups_are_scored_when_on_topic_and_stopped_when_not(tmp_path):
    """tests/data/labels/follow_up_replies.toml: no on-topic reply is stopped (15), and of the
    off-topic ones 7 of 10 tuning and 5 of 5 held-out replies are (the kitchen, a first school day
    and the traffic pass: close to interview stories)."""
    stopped = {(r["part"], r["on_topic"]): [] for r in FOLLOW_UP_REPLIES}
    for r in FOLLOW_UP_REPLIES:
        result = _reply(r["question"], r["follow_up"], r["text"], tmp_path)
        stopped[r["part"], r["on_topic"]].append(result["scores"] is None)
    assert not any(stopped["tune", True]) and not any(stopped["heldout", True])
    assert sum(stopped["tune", False]) >= 7 and all(stopped["heldout", False])


def test_a_follow_up_reply_analysed_again_is_read_with_its_question_too(tmp_path):
    """`coach reanalyze` knows a stored follow-up by its words and the question it followed: an
    off-topic reply stays unscored when analysed again."""
    from types import SimpleNamespace

    from coach.config import load_settings
    from coach.mock import follow_up
    from coach.reanalysis import _as_first_analysed, _question_of

    settings = load_settings(data_dir=tmp_path)
    row = SimpleNamespace(
        question_id=None,
        question_text=follow_up.OUTCOME,
        mock_follow_up_of="beh-lead-01",
        mock_session_id=1,
        analysis={"warnings": []},
    )
    question = _question_of("practice answer", row, settings)
    result = analyze(
        Transcript.from_text(SOUP), question=question, **_as_first_analysed("practice answer", row)
    )
    assert result.scores is None and "the follow-up" in result.warnings[0]


FREE_PAIRS = tomllib.loads((LABELS / "off_topic_free_pairs.toml").read_text(encoding="utf-8"))["answer"]


def test_a_story_about_a_band_for_do_you_have_questions_for_us_gets_no_score(tmp_path):
    """A question that asks for no story stopped only answers far from interview answers in general
    (under 0.10): a first-person story about a band, told for "Do you have any questions for us?",
    scored 88 (Content 75). It is far from the question too, and is not scored now."""
    band = next(a for a in FREE_PAIRS if a["question"] == "close-01")
    result = analyze(
        Transcript.from_text(band["text"]), question=get_question("close-01", tmp_path)
    ).to_dict()
    assert result["scores"] is None and result["feedback"] == []
    assert result["warnings"] == [
        "This does not sound like an answer to “Do you have any questions for us?”, so it is not "
        "scored. Answer the question asked, and try again."
    ]


def test_written_answers_to_questions_that_ask_for_no_story_are_told_apart(tmp_path):
    """tests/data/labels/off_topic_free_pairs.toml (36 answers, a third held out): no on-topic answer
    is stopped (16), and 9 of 12 tuning and 7 of 8 held-out answers about something else are (5 and
    4 with the limit before)."""
    stopped = {(a["part"], a["on_topic"]): [] for a in FREE_PAIRS}
    for a in FREE_PAIRS:
        result = analyze(Transcript.from_text(a["text"]), question=get_question(a["question"], tmp_path))
        stopped[a["part"], a["on_topic"]].append(result.scores is None)
    assert not any(stopped["tune", True]) and not any(stopped["heldout", True])
    assert sum(stopped["tune", False]) >= 9 and sum(stopped["heldout", False]) >= 7


def test_a_lecture_far_from_interview_answers_is_still_stopped_for_tell_me_about_yourself(tmp_path):
    """The lecture of tests/data/real_speech/lecture.wav as Whisper heard it: far from interview
    answers (-0.05) though a little like "Tell me about yourself" (0.14). The limit set for answers
    far from their question (under 0.10) alone let it through; answers far from interview answers
    are still stopped as before."""
    heard = (
        "And says, how do I get to Dublin? And the answer that comes back is, well, I wouldn't start "
        "from here, Sonny. That is to say, much of political philosophy develops theories, uh, that "
        "take no account of, um, where we actually are and how the theories that people argue about "
        "in the journals and in the literature actually could be implemented in the world, if at all. "
        "And this spells over into normative of arguments made by uh uh other scholars, Thomas "
        "Piketty, in his uh book, capital in the 21st century, argues for um a 4% global uh wealth "
        "tax. Well, good luck with that. Who's going to implement a 4% global uh wealth tax?"
    )
    result = analyze(Transcript.from_text(heard), question=get_question("mot-05", tmp_path))
    assert result.scores is None
    assert result.warnings[0].startswith("This does not sound like an answer to “Tell me about yourself”")
