"""How the conversation went, on the Review page as `coach review` prints it: each voice's share of
the talk beside the share usual for a candidate, the response time, the questions you asked and how
often you cut in. The page showed none of it but inside the debrief draft's text, so "you spoke 76%
of the time" was never a measure there. Nothing is said when it was not measured (one voice, no
question heard). The conversation's facts are made by the review's own measures from timed words,
no recording heard."""

from __future__ import annotations

import pytest
from app_support import page
from cli_support import unwrapped

from coach import store
from coach.cli import _describe_review
from coach.config import load_settings
from coach.interview.how_it_went import how_it_went
from coach.interview.metrics import summary
from coach.interview.turns import candidate_questions, exchanges, make_turns
from coach.types import Word

SAID = [  # (who, words, pause before them in seconds)
    ("interviewer", "Tell me about a time you changed a plan.", 0.6),
    ("candidate", "Last spring we moved the billing service to a new cluster in a week; it went well.", 1.2),
    ("interviewer", "Why did you move it so fast?", 0.8),
    ("candidate", "The old cluster was being shut down at the end of the month so we had no choice.", 2.0),
    ("candidate", "Could I ask how the team plans its releases?", 0.5),
]
TALK = (
    "You spoke 74% of the time (0:14), the interviewer 26% (0:05); about 60–70% is usual for the candidate."
)


def _conversation() -> tuple[list, dict]:
    """The turns and the conversation's facts, as a review measures them."""
    words, speakers, start = [], [], 0.0
    for speaker, text, pause in SAID:
        start += pause
        for word in text.split():
            words.append(Word(word, start, start + 0.25))
            speakers.append(speaker)
            start += 0.3
    turns = make_turns(words, speakers)
    asked = candidate_questions(turns)
    facts = summary(turns, exchanges(turns), duration_s=start, overlaps=None, candidate_questions=asked)
    return turns, facts


def _review_page(tmp_path, monkeypatch, facts: dict, turns: list, stage: str = ""):
    """The Review page showing a review of an interview in the log (as it keeps one between runs),
    logged with `stage`."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        interview_id = store.add_interview(db, company="Hooli", stage=stage, interview_date="2026-11-20")
    finally:
        db.close()
    at = page("review")
    at.session_state["review_result"] = {
        "interview_id": interview_id,
        "answers": [],
        "recording": None,
        "turns": [t.to_dict() for t in turns],
        "speakers": [],
        "metrics": facts,
        "warnings": [],
        "identification": "",
    }
    at.run()
    assert not at.exception
    return at


def _headings(at) -> list[str]:
    return [str(m.value) for m in at.markdown if str(m.value).startswith("### ")]


def _said(at) -> list[str]:
    """The lines under "How the conversation went"."""
    drawn = [str(m.value) for m in at.markdown]
    return drawn[drawn.index("### How the conversation went") + 1].removeprefix("- ").split("\n- ")


def test_the_review_page_says_how_the_conversation_went_as_the_terminal_does(tmp_path, monkeypatch):
    turns, facts = _conversation()
    at = _review_page(tmp_path, monkeypatch, facts, turns)
    # before the conversation as said (which runs long) and the answers below it
    assert _headings(at)[:2] == ["### How the conversation went", "### The conversation"], _headings(at)
    said = _said(at)
    assert said == [
        TALK,
        # in words, as a person says it: "Response time median 1.6 s" was a report's heading
        "You usually began answering 1.6 s after a question; you asked 1 question of your own.",
        "You did not start talking before the interviewer finished.",
    ]
    # the terminal prints the same sentences for the same review, and each voice's share as said
    result = {
        "duration_s": 30.0,
        "identification": {"method": "channel", "note": ""},
        "speakers": [
            {"label": "interviewer", "source": "right", "talk_s": 5.0, "share": 0.26, "snippet": None},
            {"label": "candidate", "source": "left", "talk_s": 14.0, "share": 0.74, "snippet": None},
        ],
        "turns": [t.to_dict() for t in turns],
        "answers": [],
        "warnings": [],
        "metrics": facts,
        "debrief_draft": {"went_well": "", "could_be_better": ""},
    }
    printed = _describe_review(result).splitlines()
    joined = unwrapped("\n".join(printed))  # each sentence wrapped at words in 80 columns
    assert f"{said[0]} {said[1]} {said[2]}" in joined, printed
    assert {"  candidate (left): 14 s, 74%", "  interviewer (right): 5 s, 26%"} <= set(printed), printed
    assert said == list(how_it_went(facts).lines)


@pytest.mark.parametrize(
    "unmeasured",
    [
        {"candidate_talk_share": None},  # one voice found: its 100% is no share of a conversation
        {"questions": 0},  # no question heard: no answer to time, the voices in doubt
    ],
)
def test_nothing_is_said_of_a_conversation_not_measured(tmp_path, monkeypatch, unmeasured):
    turns, facts = _conversation()
    facts |= unmeasured
    at = _review_page(tmp_path, monkeypatch, facts, turns)
    assert "### How the conversation went" not in _headings(at)
    result = {
        "duration_s": 30.0,
        "identification": {"method": "channel", "note": ""},
        "speakers": [{"label": "candidate", "source": "left", "talk_s": 14.0, "share": 1.0, "snippet": None}],
        "turns": [],
        "answers": [],
        "warnings": [],
        "metrics": facts,
        "debrief_draft": {"went_well": "", "could_be_better": ""},
    }
    printed = _describe_review(result)
    assert "%" not in printed and "began answering" not in printed and "You spoke" not in printed, printed


def _kept(tmp_path, facts: dict) -> tuple[int, int]:
    """An interview in the log with one reviewed recording keeping these conversation facts, as a
    review saved elsewhere (a cohort's worker) keeps it: (interview id, its recording's id)."""
    from store_support import analysis_dict, record

    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        interview_id = store.add_interview(db, company="Initech", interview_date="2026-11-20")
        recording_id = store.save_interview_recording(
            db,
            interview_id,
            recording=record(settings, kind="interview"),
            transcript={"transcript": "Tell me about a time you changed a plan."},
            answers=[{"question_text": SAID[0][1], "transcript": None, "analysis": analysis_dict()}],
            engine="faster-whisper",
            model="tiny.en",
            conversation=facts,
            shown={"turns": [], "speakers": [], "warnings": []},
        )
    finally:
        db.close()
    return interview_id, recording_id


def test_a_review_kept_by_the_queue_says_how_the_conversation_went(tmp_path, monkeypatch):
    """A cohort's review, done by a worker and shown from what the store kept (`stored_review`), said
    nothing of how the conversation went: its facts were kept, but not handed to the page."""
    from coach.interview.orchestrator import stored_review

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    _, facts = _conversation()
    _, recording_id = _kept(tmp_path, facts)
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        kept = stored_review(db, settings, recording_id)
    finally:
        db.close()
    assert how_it_went(kept.get("metrics")) is not None
    assert how_it_went(kept["metrics"]).talk == TALK


def test_the_interviews_page_says_how_the_conversation_went_with_the_stages_answers(tmp_path, monkeypatch):
    """The Interviews page shows a reviewed interview's answers again, as the review measured them;
    how the conversation went is said above them, in the Review page's words."""
    from app_support import interviews_page

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    _, facts = _conversation()
    _kept(tmp_path, facts)
    at = interviews_page().run()
    assert not at.exception
    drawn = [str(m.value) for m in at.markdown]
    went = drawn.index("**How the conversation went**")
    assert drawn[went + 1].removeprefix("- ").split("\n- ") == list(how_it_went(facts).lines)
    assert drawn[went + 1].startswith(f"- {TALK}")
    assert went < drawn.index("**Your answers, as the review measured them**")


def test_the_review_of_a_stage_logged_as_other_names_it_as_lists_do(tmp_path, monkeypatch):
    """The review of Hooli's first meeting, logged as "other", was headed "Hooli · other · Fri 20
    Nov 2026", where the Interviews page's rows and Prepare name such a stage "interview"."""
    turns, facts = _conversation()
    at = _review_page(tmp_path, monkeypatch, facts, turns, stage="other")
    headers = [str(h.value) for h in at.header]
    assert any(h.startswith("Hooli · interview · ") for h in headers), headers
    assert not [h for h in headers if "other" in h], headers


def test_a_panels_talk_shares_sum_to_a_hundred():
    """Three voices speaking alike read "You spoke 33% …, the interviewer 33% …, interviewer 2 33%":
    99% between them, each share rounded alone. Yours is said as the debrief draft says it; the
    others share what is left."""
    _, facts = _conversation()
    facts = {
        **facts,
        "candidate_talk_share": 0.333,
        "talk_share": {"candidate": 0.333, "interviewer": 0.333, "interviewer 2": 0.334},
        "talk_s": {"candidate": 20.0, "interviewer": 20.0, "interviewer 2": 20.1},
    }
    went = how_it_went(facts)
    assert went.percent == {"candidate": 33, "interviewer": 33, "interviewer 2": 34}
    said = "You spoke 33% of the time (0:20), the interviewer 33% (0:20), interviewer 2 34% (0:20);"
    assert went.talk.startswith(said)
