"""Situation, task, action and result (the structure score, its feedback, its length advice) only
for a question that asks for a story. "Why do you want to work here?" answered in 16 s scored
"Structure (STAR) 0/100" and overall 68, and was told "No result stated", "No sentence says what you
did" and that 30 s "leaves room for situation, actions and result"; "Design a URL shortener." was told
"The situation takes 45%"; the mock interview's "Tell me about yourself." scored structure 50.
Typed questions were filed behavioural ("How would you design a URL shortener?") and so coached as
stories. Real spaCy, real Whisper on espeak-ng clips, the real CLI, store and page."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from statistics import fmean

import pytest
from app_support import DATA, markdown_text, page
from cli_support import run_coach

from coach.banks import get_question, guess_category, load_questions

WHY = (
    "I like the product and the people. Your team builds tools that developers use every day, and I "
    "want to work closer to users. The role fits what I have done for five years in developer tooling, "
    "and it adds the ownership I am looking for next."
)
DESIGN = (
    "First I would clarify the requirements: how many new links a day, how long they live, and whether "
    "custom aliases are needed. Say a hundred million new links a month and ten times as many reads. "
    "The main components are a write service that creates a short key, a key-value store that maps the "
    "key to the long URL, and a read path that redirects. I would generate keys from a counter encoded "
    "in base 62, which avoids collisions, or hash the URL when the same link should get the same key. "
    "Reads dominate, so a cache in front of the store serves most redirects. The trade-off is between a "
    "counter, which needs coordination, and random keys, which need a collision check. To scale, I "
    "would shard the store by key and run the read service in several regions. If the cache fails, the "
    "store still answers, only slower."
)
# What a story is coached on, which an answer to a question asking for no story must not be told.
STAR_ADVICE = (
    "No result stated",
    "No sentence says what you did",
    "situation, actions and result",
    "The situation takes",
    "The result has no number",
    "The result (",
    "a behavioural answer usually takes",
    "too short to tell the situation",
)


@pytest.fixture(scope="module")
def why_wav(tmp_path_factory) -> Path:
    wav = tmp_path_factory.mktemp("why") / "why.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), WHY], check=True, capture_output=True)
    return wav


def _scored_without_structure(analysis: dict) -> None:
    scores = analysis["scores"]
    assert scores["structure"]["score"] is None and scores["structure"]["applies"] is False, scores
    others = [s["score"] for k, s in scores.items() if k != "overall" and s["score"] is not None]
    assert others and scores["overall"] == round(fmean(others)), scores
    said = " ".join(analysis["feedback"])
    assert not [a for a in STAR_ADVICE if a in said], analysis["feedback"]


def test_a_motivation_answer_gets_no_star_score_and_no_star_advice(why_wav, tmp_path):
    result = run_coach("analyze", why_wav, "--question", "mot-03", "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    analysis = json.loads(result.stdout)
    _scored_without_structure(analysis)
    # the answer's length is still judged, in the question's own terms
    assert any("leaves room for your point and why" in line for line in analysis["feedback"]), analysis
    shown = run_coach("analyze", why_wav, "--question", "mot-03", data_dir=tmp_path)
    assert "structure:" not in shown.stdout and "STAR" not in shown.stdout, shown.stdout


def test_a_system_design_answer_gets_no_star_score_but_a_story_question_still_does(tmp_path):
    answer = tmp_path / "design.txt"
    answer.write_text(DESIGN)
    design = run_coach("analyze", "--text", answer, "--question", "swe-sd-01", "--json", data_dir=tmp_path)
    assert design.returncode == 0, design.stderr
    _scored_without_structure(json.loads(design.stdout))
    story = tmp_path / "story.txt"
    story.write_text((DATA / "clean.txt").read_text())
    told = json.loads(
        run_coach("analyze", "--text", story, "--question", "swe-beh-01", "--json", data_dir=tmp_path).stdout
    )
    assert told["scores"]["structure"]["score"] >= 65 and "applies" not in told["scores"]["structure"]
    # with no question chosen the answer is taken as a story, as before
    bare = json.loads(run_coach("analyze", "--text", answer, "--json", data_dir=tmp_path).stdout)
    assert isinstance(bare["scores"]["structure"]["score"], int), bare["scores"]


def test_progress_leaves_a_structure_that_does_not_apply_out_of_its_averages(why_wav, settings):
    """A motivation answer's structure had counted as 0 in Progress's mean and trend."""
    from coach.practice import practice_answer

    story = practice_answer(DATA / "clean.wav", settings, question=get_question("swe-beh-01"))
    practice_answer(why_wav, settings, question=get_question("mot-03"))
    told = story.analysis["scores"]["structure"]["score"]
    report = json.loads(run_coach("progress", "--json", data_dir=settings.data_dir).stdout)
    structure = report["practice_vs_real"]["score_structure"]
    assert (structure["practice_n"], structure["practice_mean"]) == (1, told), structure
    assert [p["value"] for p in report["trends"]["score_structure"]["practice"]] == [told]
    assert report["practice_vs_real"]["score_overall"]["practice_n"] == 2


def test_the_practice_page_says_a_typed_motivation_questions_structure_does_not_apply(
    why_wav, tmp_path, monkeypatch
):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.segmented_control(key="practice_mode").set_value("Your own").run()
    at.text_area(key="practice_own_text").input("Why this team?").run()
    at.button(key="practice_own_use").click().run()
    at.audio_input[0].set_value(("answer.wav", why_wav.read_bytes(), "audio/wav")).run()
    assert not at.exception and not at.error
    text = markdown_text(at)
    assert "**Structure (STAR) · does not apply**" in text, text
    assert "Structure over the answer" not in [s.value for s in at.header]
    assert not [a for a in STAR_ADVICE if a in text]
    overall = {m.label: m.value for m in at.metric}["Overall"]
    # the mean of delivery, fillers and content; a structure counted as 0 would take it under 45 (a
    # 13 s answer to a question of about a minute keeps under half its content points)
    assert overall != "—" and int(overall.split("/")[0]) > 50, overall


def test_the_mock_interviews_opener_is_not_scored_as_a_story(settings):
    """ "Tell me about yourself." (or "Walk me through your CV."), answered in the mock interview."""
    from coach.mock.session import MockSession, plan_for
    from coach.store import open_store

    db = open_store(settings)
    try:
        mock = MockSession(settings, plan_for(db, settings, n=2))
        opener = mock.current
        assert opener.question.id in ("mot-05", "mot-06")
        mock.answer(DATA / "mock" / "01-opener.wav")
        _scored_without_structure(opener.answer)
        # its follow-up ("Which move would you undo?") is no story either: its answer is coached so
        follow = mock.current
        assert follow.kind == "follow_up" and follow.question.format == "free", follow
        summary = mock.finish(db)
        assert summary["questions"][0]["scores"]["structure"] is None
        assert summary["stories_measured"] == 0 and summary["patterns"] == []
    finally:
        db.close()


def test_an_answer_asking_for_no_story_is_scored_on_its_specifics_not_a_storys_evidence(settings):
    """ "Design a URL shortener." answered with "we would shard the store" scored content 65, and
    with "I would" 80: 'I' in the actions and an outcome's number are a story's evidence. Its
    numbers ("a hundred million new links a month") counted for nothing; now they do."""
    import re

    from coach.practice import analyze_transcript
    from coach.types import Transcript

    design = get_question("swe-sd-01")

    def content(text: str) -> dict:
        return analyze_transcript(Transcript.from_text(text), settings, design)

    told = content(DESIGN)
    as_we = content(DESIGN.replace("I would", "we would").replace("First I", "First we"))
    vague = content(
        re.sub(r"Say a hundred million .*? reads\. ", "", DESIGN).replace(" encoded in base 62", "")
    )
    scored = told["scores"]["content"]
    assert "specifics named" in scored["because"], scored
    assert "quantified result" not in scored["because"] and "'I' in" not in scored["because"], scored
    assert as_we["scores"]["content"]["score"] == scored["score"], (as_we["scores"], scored)
    assert vague["metrics"]["specifics"] == [] and told["metrics"]["specifics"], told["metrics"]["specifics"]
    assert vague["scores"]["content"]["score"] < scored["score"], (vague["scores"], scored)
    assert any(line.startswith("No number, name or example") for line in vague["feedback"]), vague["feedback"]
    assert not any(line.startswith("No number, name or example") for line in told["feedback"])
    # a story's content is still its quantified result and its own part
    story = analyze_transcript(
        Transcript.from_text((DATA / "clean.txt").read_text()), settings, get_question("swe-beh-01")
    )
    assert "1 quantified result" in story["scores"]["content"]["because"], story["scores"]["content"]


def test_the_content_scores_parts_add_up_to_it(settings):
    """ "1 of 4 talking points heard (12 of 50 points)" beside parts without their points: the 62 a
    free answer scored, and a story's, could not be added up from what was said of them."""
    import re

    from coach.practice import analyze_transcript
    from coach.types import Transcript

    for text, question in ((DESIGN, "swe-sd-01"), ((DATA / "clean.txt").read_text(), "swe-beh-01")):
        content = analyze_transcript(Transcript.from_text(text), settings, get_question(question))["scores"][
            "content"
        ]
        parts = [(int(a), int(b)) for a, b in re.findall(r"\((\d+) of (\d+) points", content["because"])]
        assert len(parts) >= 3 and sum(most for _, most in parts) == 100, content
        assert "of these points count" not in content["because"], content  # a full answer: nothing cut
        assert abs(sum(given for given, _ in parts) - content["score"]) <= 2, content


# ---------------------------------------------------------------- a typed question's kind


def test_typed_questions_take_the_kind_their_words_say(tmp_path):
    shortener = run_coach(
        "add-question", "How would you design a URL shortener for a social network?", data_dir=tmp_path
    )
    assert shortener.returncode == 0, shortener.stderr
    assert " · system-design · " in shortener.stdout and "a specific example" not in shortener.stdout
    for typed in (
        "What would your last manager say is your biggest weakness?",
        "How do you handle a customer who threatens to churn?",
    ):
        assert run_coach("add-question", typed, data_dir=tmp_path).returncode == 0
    mine = {q.text: (q.category, q.format) for q in load_questions(tmp_path) if q.source != "bank"}
    assert mine == {
        "How would you design a URL shortener for a social network?": ("system-design", "free"),
        # as the bank files "What is your biggest weakness, and what are you doing about it?"
        "What would your last manager say is your biggest weakness?": ("behavioural", "free"),
        "How do you handle a customer who threatens to churn?": ("situational", "free"),
    }


def test_a_typed_question_worded_as_a_bank_question_gets_its_talking_points_and_follow_up(settings):
    """ "What is your greatest weakness?" (behavioural by its words, no story) was given a story's
    "a specific example", "actions you took", "the result" and "What would you do differently next
    time?"; "What are your salary expectations for this role?" was to give "an honest reason". Now
    they get the bank's weakness and salary questions' own, which its answers are checked against."""
    from coach.banks import GENERIC_TALKING_POINTS, add_user_question, as_added
    from coach.practice import analyze_transcript
    from coach.store.own_questions import add_own_question
    from coach.types import Transcript

    data = settings.data_dir
    weakness, bank_weakness = (
        add_user_question(data, "What is your greatest weakness?"),
        get_question("beh-fail-07"),
    )
    assert (weakness.talking_points, weakness.follow_ups[:1]) == (
        bank_weakness.talking_points,
        bank_weakness.follow_ups[:1],
    )
    assert as_added(weakness)  # as the coach gave it: a debrief that added it may take it back
    salary = add_user_question(data, "What are your salary expectations for this role?")
    assert salary.talking_points == get_question("mot-13").talking_points, salary
    # a story keeps a story's points, and a kind's question in no bank question's words its kind's
    assert (
        add_user_question(data, "Tell me about a time you shipped late.").talking_points
        == GENERIC_TALKING_POINTS
    )
    assert "an honest reason" in add_user_question(data, "Why this team?").talking_points
    # each bank question named is there, and a typed copy of its words would get its points
    from coach.banks import _POINTS_FROM_BANK, given_points

    for _, question_id in _POINTS_FROM_BANK:
        named = get_question(question_id)
        assert given_points(named.text, guess_category(named.text))[0] == named.talking_points, question_id
    # the answer is checked against the points it fits
    answer = analyze_transcript(Transcript.from_text(WEAKNESS), settings, weakness)
    assert answer["metrics"]["relevance"]["total"] == len(bank_weakness.talking_points), answer["metrics"]
    # one saved before, with a story's points and follow-up, is read with the bank question's
    from coach.store import open_store

    store = open_store(settings)
    add_own_question(
        store,
        {
            **weakness.to_dict(),
            "id": "user-weakness-saved-before",
            "text": "What are your weaknesses?",
            "talking_points": list(GENERIC_TALKING_POINTS),
            "follow_ups": ["What would you do differently next time?"],
        },
    )
    store.close()
    earlier = get_question("user-weakness-saved-before", data)
    assert (
        earlier.talking_points == bank_weakness.talking_points
        and earlier.follow_ups == bank_weakness.follow_ups[:1]
    )


def test_the_wording_gives_most_bank_questions_the_banks_kind_and_format(tmp_path):
    """Measured over every shipped question's words: 158 of 287 got the bank's kind and 184 its
    story-or-not before these rules; 233 and 265 with them (rules written beside the bank)."""
    from coach.banks import guess_format

    shipped = [q for q in load_questions(tmp_path) if q.source == "bank"]
    kinds = sum(guess_category(q.text) == q.category for q in shipped)
    formats = sum(guess_format(q.text) == q.format for q in shipped)
    assert len(shipped) == 287
    assert kinds >= 233 and formats >= 265, (kinds, formats)


WEAKNESS = (
    "My biggest weakness is that I take on too much myself instead of asking for help early. "
    "It cost my team a late release last spring. Now I name the risk in our weekly planning and "
    "hand work over sooner, and the last two releases shipped on time."
)


def _reviewed(asked: str, settings, said: str = WEAKNESS) -> dict:
    """One answer of a real interview's review (review.answers_of) to the question `asked`, its words
    timed as Whisper would give them."""
    import numpy as np

    from coach.interview.listen import Heard
    from coach.interview.review import answers_of
    from coach.interview.turns import Exchange
    from coach.types import Word

    offset, words, t = 30.0, [], 31.0
    for w in said.split():
        words.append(Word(w, t, t + 0.3, 0.9))
        t += 0.4
    heard = Heard(t + 5, 1, tuple(words), None, np.zeros(1), 1, 0, None, "test", "test", ((offset, t),))
    exchange = Exchange(asked, "interviewer", 25.0, offset, tuple(words), offset, t + 1.0)
    [answer] = answers_of([exchange], [], [None], load_questions(), settings, heard)
    return answer


def test_an_interview_reviews_answer_to_a_question_asking_for_no_story_gets_no_star_score(settings):
    """A real interview's answer is analysed with the bank question it was matched to, by the same
    rule: the bank's "What is your biggest weakness...?" asks for no story, its leadership one does."""
    analyses = {}
    for asked in (
        "What is your biggest weakness, and what are you doing about it?",
        "Tell me about a time you led a project or team without formal authority.",
    ):
        reviewed = _reviewed(asked, settings)
        analyses[reviewed["bank_id"]] = reviewed["analysis"]
    _scored_without_structure(analyses["beh-fail-07"])
    assert isinstance(analyses["beh-lead-01"]["scores"]["structure"]["score"], int), analyses["beh-lead-01"]


def test_an_interview_question_matched_to_no_bank_question_is_coached_as_its_words_say(settings):
    """Matched to none, "Why did you pick Rust for the ingestion service?" was scored as a story
    (Structure (STAR), "No result stated"); a question whose words say nothing still is one."""
    why = _reviewed(
        "Okay, so why did you pick Rust for the ingestion service?",
        settings,
        "We needed steady latency under load and no garbage collector pauses. The team already knew "
        "it from a smaller tool, the libraries for our queue were mature, and the compiler catches "
        "the memory bugs that had cost us two outages in the old service written in another language.",
    )
    assert why["bank_id"] is None, why["match"]
    _scored_without_structure(why["analysis"])
    unsaid = _reviewed("So the billing outage you mentioned, what happened there?", settings)
    assert unsaid["bank_id"] is None, unsaid["match"]
    assert isinstance(unsaid["analysis"]["scores"]["structure"]["score"], int), unsaid["analysis"]["scores"]


def test_a_mock_interviews_follow_up_is_a_story_or_not_as_its_words_and_question_say(settings):
    """A follow-up was always taken as a story: "What would you do differently if it happened
    again tomorrow?" was scored on situation, task, action and result."""
    from coach.mock import follow_up
    from coach.mock.follow_up import FollowUpQuestion
    from coach.practice import analyze_transcript
    from coach.types import Transcript

    failed = get_question("beh-fail-01")  # "Tell me about a time you failed."
    differently = FollowUpQuestion.ask(failed.follow_ups[0], failed)
    plan = (
        "I would write the rollback plan before the release, not after it. I would ask the on-call "
        "engineer to review the change with me, and I would ship it to one region first to watch the "
        "error rate for an hour before going further."
    )
    _scored_without_structure(analyze_transcript(Transcript.from_text(plan), settings, differently))
    # the outcome of a story belongs to the story
    outcome = FollowUpQuestion.ask(follow_up.OUTCOME, failed)
    # 20 words or more: a shorter typed answer is not scored (coach.analysis.quality)
    result = (
        "In the end the refund took two days and we lost no customer; complaints dropped by half "
        "within the next month."
    )
    told = analyze_transcript(Transcript.from_text(result), settings, outcome)
    assert isinstance(told["scores"]["structure"]["score"], int), told["scores"]
    # words that name no kind follow the question followed: a salary question's is no story
    salary = get_question("mot-13")
    pay = FollowUpQuestion.ask(salary.follow_ups[0], salary)  # "What is your current compensation?"
    said = (  # 20 words or more, as above
        "My base salary is one hundred and twenty thousand a year, with a bonus of about ten percent "
        "and stock options."
    )
    _scored_without_structure(analyze_transcript(Transcript.from_text(said), settings, pay))


def test_reanalysis_keeps_an_answer_to_a_deleted_or_follow_up_question_as_its_words_say(settings):
    """`coach reanalyze` took an answer whose question was deleted, a real interview's question
    matched to none and a mock follow-up as stories (no question to read)."""
    from coach.banks import add_user_question, delete_user_question
    from coach.practice import analyze_transcript
    from coach.reanalysis import reanalyze
    from coach.store import get_attempt, open_store, save_attempt
    from coach.store.analysis_runs import stored_answers
    from coach.store.interviews import add_interview, save_interview_recording
    from coach.store.mock_sessions import save_mock_session
    from coach.types import Transcript

    mine = add_user_question(settings.data_dir, "Why this team?")
    store = open_store(settings)
    try:

        def saved(question_id, question_text: str, text: str) -> int:
            transcript = Transcript.from_text(text)
            return save_attempt(
                store,
                question_id=question_id,
                question_text=question_text,
                recording=None,
                transcript=transcript.to_dict(),
                analysis=analyze_transcript(transcript, settings),
                engine="text",
                model="text",
            )

        deleted = saved(mine.id, mine.text, WHY)
        delete_user_question(settings.data_dir, mine.id)
        pay = "My base salary is one hundred and twenty thousand a year, with a bonus of about ten percent."
        followed = saved(None, "What is your current compensation?", pay)
        save_mock_session(
            store,
            format="recruiter",
            planned_s=600,
            used_s=30.0,
            score_overall=None,
            summary={},
            turns=[
                {
                    "kind": "follow_up",
                    "question_id": "mot-13",
                    "question_text": "What is your current compensation?",
                    "why": "The usual follow-up to this question.",
                    "attempt_id": followed,
                    "score_overall": None,
                    "duration_s": None,
                }
            ],
        )
        rust = "We needed steady latency under load, and the team already knew it from a smaller tool."
        interview = add_interview(store, company="Globex", interview_date="2026-11-30")
        save_interview_recording(
            store,
            interview,
            recording=None,
            transcript=None,
            answers=[
                {
                    "question_text": "Okay, so why did you pick Rust for the ingestion service?",
                    "question_id": None,
                    "answer_start_s": 30.0,
                    "answer_end_s": 40.0,
                    "transcript": Transcript.from_text(rust).to_dict(),
                    "analysis": analyze_transcript(Transcript.from_text(rust), settings),
                }
            ],
            engine="text",
            model="text",
        )
        report = reanalyze(store, force=True, include_unanalysed=False)
        assert not report["failed"] and len(report["reanalysed"]) == 3, report
        for attempt_id in (deleted, followed):
            _scored_without_structure(get_attempt(store, attempt_id)["analysis"])
        (real,) = [row for what, row in stored_answers(store) if what == "real answer"]
        _scored_without_structure(real.analysis)
    finally:
        store.close()
