"""`coach review`'s debrief draft in the terminal: the measured lines under the debrief's own
headings. It printed them as one list, "Answers at a conversational pace (130–175 wpm): 1 of 2
measured." beside "Answers faster than a conversational pace (over 175 wpm): 1 of 2 measured.",
neither said to be what went well or what could be better. Text path: the draft is built from
answers' measures, no recording heard."""

from __future__ import annotations

from coach.cli import _describe_review
from coach.config import load_settings
from coach.interview.draft import debrief_draft


def _answer(wpm: float) -> dict:
    metrics = {"wpm": wpm, "words": 120, "star": {"result": {"words": 10}}}
    analysis = {"scores": {"overall": 70}, "metrics": metrics, "fillers": []}
    return {"analysis": analysis, "end_s": 60.0, "offset_s": 0.0, "bank_id": None, "question": "Q"}


def test_the_terminal_draft_says_which_lines_went_well_and_which_could_be_better(tmp_path):
    facts = {"candidate_talk_share": None, "questions": 0, "response_time_s": {"each": []}}
    draft = debrief_draft([_answer(150), _answer(200)], facts, load_settings(data_dir=tmp_path))
    result = {
        "duration_s": 120.0,
        "identification": {"method": "voice profile", "note": "speaker 1 sounds most like you"},
        "speakers": [],
        "turns": [],
        "answers": [],
        "metrics": {"candidate_talk_share": None, "questions": 0},
        "debrief_draft": draft,
    }
    text = _describe_review(result)
    tail = text[text.index("Debrief draft:") :].splitlines()
    well, better = tail.index("Went well:"), tail.index("Could be better:")
    in_band = "  Answers at a conversational pace (130–175 wpm): 1 of 2 measured."
    fast = "  Answers faster than a conversational pace (over 175 wpm): 1 of 2 measured."
    assert well < tail.index(in_band) < better < tail.index(fast), text
