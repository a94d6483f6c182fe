"""The mock interview's report on real analyses of answer texts (spaCy, no mocks): the gap that
repeats, the time against the format, and the change since the last mock interview."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_mock_follow_up import COMPLETE, FREE, NO_RESULT, STORY

from coach import banks
from coach.config import load_settings
from coach.job_description import Posting
from coach.mock import report
from coach.mock.plan import make_plan
from coach.mock.session import Turn
from coach.practice import analyze_transcript
from coach.types import Transcript


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return load_settings(data_dir=tmp_path_factory.mktemp("data"))


def _turns(texts: list[str], settings, question=STORY) -> list[Turn]:
    turns = []
    for text in texts:
        answer = analyze_transcript(Transcript.from_text(text), settings, question)
        answer["metrics"]["duration_s"] = 80.0  # typed text has no length; give each answer 80 s
        turn = Turn("question", question.text, question, question.id, Path("q.wav"), 4.0, answer=answer)
        turns.append(turn)
    return turns


def test_the_gap_in_three_of_four_stories_is_the_pattern(settings):
    turns = _turns([NO_RESULT, NO_RESULT, COMPLETE, NO_RESULT], settings)
    plan = make_plan(banks.load_questions(), [], format="behavioural", n=4)
    summary = report.summarise(turns, plan, None, question_seconds=16.0)
    assert summary["pattern"] == "3 of 4 answers had no result."
    assert (
        summary["time"]
        == "5:36 used of the 20 minutes 4 questions take in a behavioural round (5:20 of it your answers)."
    )
    assert summary["change"] is None


def test_one_story_is_not_a_pattern(settings):
    plan = make_plan(banks.load_questions(), [], format="behavioural", n=4)
    summary = report.summarise(_turns([NO_RESULT], settings), plan, None, question_seconds=4.0)
    assert summary["pattern"] is None and summary["stories_measured"] == 1


def test_no_story_gap_is_spoken_of_when_no_question_asked_for_a_story(settings):
    """A round of role questions, each answered and measured, none asking for a story: its report
    (the page's and `coach mock`'s) opened with "No story answers were measured, so there is no
    pattern to show.", as if the answers had failed to be measured."""
    plan = make_plan(banks.load_questions(), [], format="role", n=2, role="software-engineer")
    summary = report.summarise(_turns([COMPLETE, COMPLETE], settings, FREE), plan, None, 8.0)
    assert summary["score_overall"] is not None and summary["stories_measured"] == 0
    assert report.pattern_sentence(summary) == (
        "No question you answered asked for a story, so there is no pattern of story gaps to show."
    )
    # a story asked for and not measured still says so
    unmeasured = report.summarise(_turns(["Yes."], settings), plan, None, 8.0)
    said = report.pattern_sentence(unmeasured)
    assert said == "No story answers were measured, so there is no pattern to show.", said


def test_the_change_since_the_last_mock_interview_names_the_score_and_the_gap(settings):
    plan = make_plan(banks.load_questions(), [], format="behavioural", n=4)
    before = report.summarise(_turns([NO_RESULT, NO_RESULT, NO_RESULT], settings), plan, None, 12.0)
    previous = {"id": 1, "created_at": "2026-11-20T10:00:00+00:00", "score_overall": before["score_overall"],
                "summary": before}  # fmt: skip
    after = report.summarise(_turns([COMPLETE, COMPLETE, NO_RESULT], settings), plan, previous, 12.0)
    assert after["score_overall"] > before["score_overall"]
    assert after["change"].startswith(
        f"Since your last mock interview (Fri 20 Nov 2026): overall score {round(before['score_overall'])} → "
        f"{round(after['score_overall'])} (up); answers with no result 3 of 3 → 1 of 3"
    )


def test_the_change_since_the_last_mock_interview_gives_scores_whole():
    """Two mock interviews in a row: the page's headline said 82/100 and the sentence under it
    "overall score 78.5 → 81.5 (up)"."""
    previous = {"id": 1, "created_at": "2026-12-01T12:29:00+00:00", "score_overall": 78.5, "summary": {}}
    said = report.change_since(81.5, [], previous)
    assert said == "Since your last mock interview (Tue 1 Dec 2026): overall score 78 → 82 (up).", said


def test_the_trend_since_the_last_mock_interview_reads_from_the_whole_scores():
    """80.4 then 79.6 was "overall score 80 → 80 (down)", and 78.4 then 78.6 "78 → 79 (about the same)"."""
    previous = {"id": 1, "created_at": "2026-12-01T12:29:00+00:00", "score_overall": 80.4, "summary": {}}
    assert "overall score 80 → 80 (about the same)" in report.change_since(79.6, [], previous)
    previous["score_overall"] = 78.4
    assert "overall score 78 → 79 (up)" in report.change_since(78.6, [], previous)


def test_the_last_mock_interview_is_dated_by_the_users_day(zone):
    """A mock at 08:30 on 2 Dec in Tokyo (23:30 UTC on the 1st) was "(2026-12-01)"."""

    zone("Asia/Tokyo")
    previous = {"id": 1, "created_at": "2026-12-01T23:30:00+00:00", "score_overall": 70.0, "summary": {}}
    assert report.change_since(72.0, [], previous).startswith(
        "Since your last mock interview (Wed 2 Dec 2026)"
    )


def test_a_session_that_measured_no_story_compares_no_gap(settings):
    """A recruiter screen measures no story: "answers with no result 1 of 1 → none" read as a gap
    closed. Only the score is compared, and a session that measured nothing says nothing."""
    plan = make_plan(banks.load_questions(), [], format="behavioural", n=4)
    before = report.summarise(_turns([NO_RESULT], settings), plan, None, 4.0)
    assert before["patterns"] and before["stories_measured"] == 1
    previous = {"id": 1, "created_at": "2026-11-20T10:00:00+00:00", "score_overall": 60.0, "summary": before}
    said = report.change_since(70.0, [], previous, stories_measured=0)
    assert said == "Since your last mock interview (Fri 20 Nov 2026): overall score 60 → 70 (up).", said
    assert report.change_since(None, [], previous, stories_measured=0) is None


@pytest.mark.parametrize(
    ("format", "said"),
    [
        # two of a recruiter screen's four questions (15 minutes), of a role round's six (45 minutes)
        ("recruiter", "of the 8 minutes 2 questions take in a recruiter screen"),
        (
            "role",
            "of the 15 minutes 2 questions take in a round of role questions",
        ),  # was "a role questions takes"
    ],
)
def test_the_time_used_names_the_format_in_words(settings, format, said):
    plan = make_plan(banks.load_questions(), [], format=format, n=2, role="software-engineer")
    summary = report.summarise(_turns([COMPLETE], settings), plan, None, question_seconds=4.0)
    assert said in summary["time"], summary["time"]


PAYMENTS = (
    "Backend Engineer, Payments\nYou will build reliable payment services in Python and PostgreSQL, "
    "run them on Kubernetes, and own incident response for the billing platform. Experience with "
    "Kafka queues and observability dashboards is a plus."
)


def test_the_report_says_which_key_terms_of_the_job_description_the_answers_used(settings):
    """The report had no word on the job description's key terms, though each answer was checked
    for them as on Practice: one answer said Python, another led the incident response."""
    said = [
        "I built the payment reconciliation tool at a bank. I wrote it in Python over two months, and I "
        "ran it myself every night. It matched four million transactions a day, and I am proud of it "
        "because the finance team stopped checking by hand.",
        "Last year I led the incident response when our checkout failed for two hours. I gathered the "
        "team, I rolled back the release, and I wrote the review after it. As a result we added a canary "
        "stage, and failed checkouts dropped by half.",
    ]
    turns = []
    for text in said:
        posting = Posting(PAYMENTS, "Acme")
        answer = analyze_transcript(Transcript.from_text(text), settings, STORY, posting=posting)
        turns.append(Turn("question", STORY.text, STORY, STORY.id, Path("q.wav"), 4.0, answer=answer))
    # a follow-up prepares for no interview: its answer is not checked for the terms
    follow = analyze_transcript(Transcript.from_text("We used Kafka queues."), settings, None)
    turns.append(Turn("follow_up", "And then?", None, STORY.id, Path("f.wav"), 2.0, answer=follow))
    plan = make_plan(banks.load_questions(), [], format="behavioural", n=3)
    summary = report.summarise(turns, plan, None, question_seconds=10.0)
    assert summary["job_term_lines"] == [
        "You used 2 of the job description's 8 key terms: Python, incident response.",
        "Not heard yet: PostgreSQL, Kubernetes, Kafka queues, observability dashboards, "
        "reliable payment services, billing platform.",
    ], summary["job_term_lines"]
    assert summary["job_terms"]["used"] == 2 and summary["job_terms"]["answers"] == 2


def test_key_terms_are_counted_only_in_answers_that_were_measured(settings):
    """Two answers about something else (not scored, as Practice shows no key terms for such an
    answer) made the report say "You used 0 of the job description's 12 key terms" and list every
    term as not heard yet: advice on answers the coach could not measure."""
    posting = Posting(PAYMENTS, "Acme")
    said = [
        "My grandmother makes the best lasagne: she layers the pasta with ricotta, spinach and a slow "
        "tomato sauce, and bakes it for an hour until the cheese on top turns golden. We eat it every "
        "Sunday with bread and salad, and my Python is a pet snake that sleeps through it all.",
        "I have written Python for eight years.",  # too short to measure
    ]
    turns = []
    for text in said:
        answer = analyze_transcript(Transcript.from_text(text), settings, STORY, posting=posting)
        assert answer["scores"] is None, answer["warnings"]
        turns.append(Turn("question", STORY.text, STORY, STORY.id, Path("q.wav"), 4.0, answer=answer))
    plan = make_plan(banks.load_questions(), [], format="behavioural", n=3)
    summary = report.summarise(turns, plan, None, question_seconds=8.0)
    assert summary["job_terms"] is None and summary["job_term_lines"] == [], summary["job_term_lines"]

    measured = analyze_transcript(Transcript.from_text(COMPLETE), settings, STORY, posting=posting)
    turns.append(Turn("question", STORY.text, STORY, STORY.id, Path("q.wav"), 4.0, answer=measured))
    summary = report.summarise(turns, plan, None, question_seconds=12.0)
    assert summary["job_terms"]["answers"] == 1, summary["job_terms"]  # the measured one only
    assert summary["job_terms"]["used"] == 0  # "Python" was said only in the answers not measured


def test_a_mock_for_no_particular_interview_says_nothing_of_key_terms(settings):
    plan = make_plan(banks.load_questions(), [], format="behavioural", n=4)
    summary = report.summarise(_turns([COMPLETE], settings), plan, None, question_seconds=4.0)
    assert summary["job_terms"] is None and summary["job_term_lines"] == []


def test_the_last_mock_interview_is_named_by_its_format_and_today_in_words():
    """A role round after a behavioural round the same morning read "Since your last mock interview
    (Sat 5 Dec 2026): overall score 81 → 83 (up)": today's date in full, and two formats compared
    as if alike."""
    from datetime import UTC, datetime

    earlier = datetime.now(UTC).isoformat()
    previous = {"id": 1, "created_at": earlier, "format": "behavioural", "score_overall": 81.0, "summary": {}}
    said = report.change_since(83.0, [], previous, format_key="role")
    assert said == (
        "Since your last mock interview (a behavioural round, earlier today): overall score 81 → 83 (up)."
    ), said
    # the same format is not named again
    said = report.change_since(83.0, [], previous, format_key="behavioural")
    assert said == "Since your last mock interview (earlier today): overall score 81 → 83 (up).", said


def test_gaps_are_not_compared_when_either_mock_told_too_few_stories_to_show_one(settings):
    """Two mocks of 2 questions, one story each: the report said "Only one answer told a story: too
    few to tell whether a gap repeats" and then "answers with no result 1 of 1 → 1 of 1; 'we'-only
    answers 1 of 1 → 1 of 1; …" as if it could. A gap is compared only when both told two or more."""
    plan = make_plan(banks.load_questions(), [], format="behavioural", n=2)
    one_story = report.summarise(_turns([NO_RESULT], settings), plan, None, 4.0)
    assert report.pattern_sentence(one_story).startswith("Only one answer told a story: too few")
    previous = {
        "id": 1,
        "created_at": "2026-11-20T10:00:00+00:00",
        "score_overall": 60.0,
        "summary": one_story,
    }
    again = report.summarise(_turns([NO_RESULT], settings), plan, previous, 4.0)
    overall = round(again["score_overall"])
    assert again["change"].startswith(
        f"Since your last mock interview (Fri 20 Nov 2026): overall score 60 → {overall} ("
    )
    assert again["change"].endswith(").") and "1 of 1" not in again["change"], again["change"]
    # nor when only the last one told one story: "1 of 1 → 2 of 3" compares a gap that could not repeat
    three = report.summarise(_turns([NO_RESULT, NO_RESULT, COMPLETE], settings), plan, previous, 12.0)
    assert "of 1 →" not in three["change"] and "no result" not in three["change"], three["change"]
    # two stories each time can show a repeated gap, so it is compared
    previous["summary"] = report.summarise(_turns([NO_RESULT, NO_RESULT], settings), plan, None, 8.0)
    two = report.summarise(_turns([NO_RESULT, COMPLETE], settings), plan, previous, 8.0)
    assert "answers with no result 2 of 2 → 1 of 2" in two["change"], two["change"]


def test_a_round_ended_after_its_opener_gives_no_reason_for_questions_never_asked(settings):
    """Ended after "Tell me about yourself", the report said "From your debriefs: conflict." above
    that one question: the reason was the plan's, for the conflict question never asked."""
    plan = make_plan(banks.load_questions(), [], format="behavioural", n=2, debrief_gaps=["conflict"])
    assert plan.reason.startswith("From your debriefs"), plan.reason
    opener, story = plan.questions
    turns = _turns([COMPLETE], settings, opener)
    assert report.summarise(turns, plan, None, question_seconds=4.0)["why_these_questions"] is None
    both = [*turns, *_turns([COMPLETE], settings, story)]
    assert report.summarise(both, plan, None, question_seconds=8.0)["why_these_questions"] == plan.reason


def test_a_round_ended_after_a_named_opener_says_why_it_was_asked(settings):
    """A debrief saying "walk me through your CV" makes it the opener; ended after it, the report
    gave no reason at all, as for "Tell me about yourself" asked because every round opens so,
    though the debrief was why. It says so of that question alone, not of the ones never asked."""
    named = [("mot-06", "walk me through your CV"), ("beh-fail-07", "greatest weakness")]
    questions = banks.load_questions()
    plan = make_plan(questions, [], format="behavioural", n=4, debrief_gaps=["conflict"], named=named)
    opener = plan.questions[0]
    assert opener.id == "mot-06", plan.questions
    turns = _turns([COMPLETE], settings, opener)
    why = report.summarise(turns, plan, None, question_seconds=4.0)["why_these_questions"]
    assert why == "From your debriefs: “walk me through your CV”.", why


def test_a_one_question_mock_says_why_its_question_was_picked(settings):
    """One question is no opener: picked for a debrief's gap, the report hid why, as it hides the
    reason of a round ended after "Tell me about yourself"."""
    plan = make_plan(banks.load_questions(), [], format="behavioural", n=1, debrief_gaps=["conflict"])
    assert plan.reason == "From your debriefs: conflict.", plan.reason
    turns = _turns([COMPLETE], settings, plan.questions[0])
    assert report.summarise(turns, plan, None, question_seconds=4.0)["why_these_questions"] == plan.reason


def test_an_early_end_is_said_with_how_many_questions_it_went_past():
    """The page said "You ended the interview before the last question" and `coach mock` "Ended early,
    after 1 question." of the same interview; one sentence now, with the facts of both."""
    ended = {"ended_early": True, "questions_asked": 2, "questions_asked_not_answered": 1}
    said = report.ended_early_sentence({**ended, "questions_not_answered": 3})
    assert said == "You ended the interview after 1 of 4 questions; the answers you gave are saved.", said
    # only the last follow-up waiting, every question answered
    last = {"ended_early": True, "questions_asked": 2, "questions_not_answered": 0}
    assert report.ended_early_sentence(last) == report.ENDED_BEFORE_THE_LAST_FOLLOW_UP
    assert report.ended_early_sentence({"ended_early": False, "questions_asked": 2}) is None


def test_a_question_asked_as_the_interview_ended_is_among_those_the_reason_is_for(settings):
    """The report lists a question asked as the interview ended ("Not answered: the interview ended
    here."): picked for a debrief's gap, it was asked for it, though not answered."""
    plan = make_plan(banks.load_questions(), [], format="behavioural", n=2, debrief_gaps=["conflict"])
    opener, story = plan.questions
    answered = _turns([COMPLETE], settings, opener)
    left = Turn("question", story.text, story, story.id, Path("q.wav"), 4.0)  # asked, no answer
    summary = report.summarise(answered, plan, None, question_seconds=8.0, said=[*answered, left])
    assert summary["why_these_questions"] == plan.reason == "From your debriefs: conflict.", plan.reason


def test_the_text_report_says_an_answer_too_short_to_measure_as_the_page_does(settings, capsys):
    """`coach mock --interview 6 --questions 3 --answers DIR` with a 5 s first recording printed
    "Tell me about yourself.  score -", a dash where the page's report gives no score line, only
    why the answer was not measured. The text report says why under the question, with no score."""
    from cli_support import report_items

    from coach.cli import _mock_report

    plan = make_plan(banks.load_questions(), [], format="behavioural", n=2)
    opener, story = plan.questions
    turns = [*_turns(["Yes."], settings, opener), *_turns([COMPLETE], settings, story)]
    turns[0].answer["metrics"]["duration_s"] = 5.0
    summary = report.summarise(turns, plan, None, question_seconds=8.0)
    summary["questions"] = report.per_question(turns)  # as the session adds them
    summary.update(report.follow_up_counts(summary["questions"]))
    unmeasured = summary["questions"][0]
    assert not unmeasured["measured"] and unmeasured["warnings"], unmeasured
    _mock_report(summary)
    printed = capsys.readouterr().out
    assert "score -" not in printed, printed
    lines = report_items(printed)
    at = lines.index(opener.text)  # the question alone on its line, as the page's heading
    assert lines[at + 1 : at + 1 + len(unmeasured["warnings"])] == [
        f"  {why}" for why in unmeasured["warnings"]
    ], printed
    # with no warning kept (a stored report), the page's words for it, of a follow-up's reply too
    # (it said nothing under the follow-up)
    unmeasured["warnings"] = []
    reply = {"text": "Can you put a number on that?", "why": "No number.", "scores": None, "warnings": []}
    summary["questions"][1]["follow_up"] = {**reply, "answered": True}
    _mock_report(summary)
    lines = report_items(capsys.readouterr().out)
    assert lines[lines.index(opener.text) + 1] == f"  {report.NOT_MEASURED}", lines
    asked = next(i for i, line in enumerate(lines) if line.startswith("  follow-up: "))
    assert lines[asked + 1] == f"  {report.NOT_MEASURED}", lines
