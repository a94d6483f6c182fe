"""`coach analyze --text -` of a long paste said "• 2862 fillers" and "'um' ×1203" while another line
said "20,000 words": each count now has its thousands separated the same way, wherever it is
printed (coach.analysis.wording.count and the "×N" of the most used words, fillers and phrases)."""

from __future__ import annotations

import re

from cli_support import run_coach

# a rambling answer: a third of its words fillers, so thousands of them
RAMBLE = "So um I led the team and like we basically shipped it, um, and the results improved. " * 400


def test_a_long_paste_counts_thousands_the_same_way_everywhere(tmp_path):
    done = run_coach("analyze", "--text", "-", data_dir=tmp_path, stdin=RAMBLE)
    assert done.returncode == 0, done.stderr
    said = done.stdout[len(RAMBLE.rstrip()) :]  # the transcript has no numbers: what follows it
    assert re.search(r"\b\d,\d{3}\b", said), said  # thousands are counted here
    unseparated = re.findall(r"\b\d{4,}\b", said)
    assert not unseparated, (unseparated, said)
    assert "6,800 words" in said, said


def test_a_long_interviews_draft_counts_thousands_and_knows_its_own_line(tmp_path):
    """An hour's interview: the debrief draft said "1200 fillers in 6000 words"; it says "1,200
    fillers in 6,000 words", and the line is still known as the review's own when the review is
    done again (`is_measured`), not kept as one the user wrote."""
    from coach.config import load_settings
    from coach.interview.draft import debrief_draft, is_measured

    metrics = {"wpm": 150.0, "words": 1000, "star": {"result": {"words": 10}}}
    analysis = {"scores": {"overall": 60}, "metrics": metrics, "fillers": [{}] * 200}
    answer = {"analysis": analysis, "end_s": 60.0, "offset_s": 0.0, "bank_id": None, "question": "Q"}
    facts = {"candidate_talk_share": None, "questions": 0, "response_time_s": {"each": []}}
    draft = debrief_draft([answer] * 6, facts, load_settings(data_dir=tmp_path))
    [line] = [x for x in draft["could_be_better"].splitlines() if "fillers in" in x]
    assert line.startswith("1,200 fillers in 6,000 words (20.0 per 100;"), line
    assert is_measured(line), line
    assert is_measured(line.replace("1,200", "1200").replace("6,000", "6000"))  # as drafts said before
