"""What `coach` prints to someone who has used it for months, read as they read it: each sentence
true of the figures beside it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from store_support import analysis_dict, transcript_dict

from coach.config import load_settings
from coach.store import open_store, save_attempt
from tests.cli_support import coach_printed, unwrapped


def _practised(data_dir, answers: list[tuple[float, float]]) -> None:
    """Practice answers to one question, a day apart, oldest first: (overall score, fillers per 100
    words) each."""
    db = open_store(load_settings(data_dir))
    try:
        for day, (overall, fillers) in enumerate(answers):
            save_attempt(
                db,
                question_id="beh-fail-01",
                question_text="Tell me about a time you failed.",
                recording=None,
                transcript=transcript_dict(),
                analysis=analysis_dict(overall=overall, fillers_per_100=fillers),
                engine="faster-whisper",
                model="tiny.en",
                created_at=datetime(2026, 1, 5, 9, tzinfo=UTC) + timedelta(days=day),
            )
    finally:
        db.close()


def _line(printed: str, start: str) -> str:
    [line] = [line for line in printed.splitlines() if line.strip().startswith(start)]
    return line.strip()


def test_a_score_that_rose_past_its_goal_reads_up_and_fewer_fillers_below_it_read_closer(tmp_path):
    """With a goal of an overall score of 80, the last 5 answers' 85 after 81 read "down"; with a
    goal of 3.0 fillers per 100 words, 3.3 after 2.3 read "closer to where it should be": a score
    goal is a bar to clear and a filler goal a ceiling, not a point to come back to from either
    side (pace's goal is one: 160 after 150 with a goal of 150 is further)."""
    data = tmp_path / "data"
    _practised(data, [(81, 2.2), (81, 2.4), (81, 2.3), (81, 2.2), (81, 2.4)] + [(85, 3.3)] * 5)
    coach_printed(data, "goals", "--overall-score", "80", "--fillers-per-100-words", "3")
    printed = coach_printed(data, "progress")
    score = printed.split("Overall score:")[1]
    fillers = printed.split("Fillers per 100 words:")[1].split("Overall score:")[0]
    assert _line(score, "the last 5") == "the last 5 answers: 85 on average, 81 over the 5 before; up."
    assert (  # wrapped at words in 80 columns
        "the last 5 answers: 3.3 on average, 2.3 over the 5 before; further from where it should be."
        in unwrapped(fillers)
    ), fillers


def test_the_playbook_says_how_to_write_a_debrief_and_an_option_from_the_terminal(tmp_path):
    """`coach playbook` listed the debrief's fields ("People met (one a line)") and the option's
    ("kind (offer, current job, alternative); base; bonus; ...") as a form to fill, with no command
    to fill them in from the terminal, where `coach add-option` takes no kind "current job"."""
    data = tmp_path / "data"
    # each paragraph wrapped at words in 80 columns: read whole
    printed = "\n".join(unwrapped(p) for p in coach_printed(data, "playbook").split("\n\n"))
    debrief = _line(printed, "Write it with `coach debrief")
    option = _line(printed, "Write each down with `coach add-option")
    assert "`coach debrief --help` names an option for each field, `coach interviews` the ID." in debrief
    assert "(your current job is your batna)" in option
    # what they name works as written
    coach_printed(data, "add-interview", "Acme", "--stage", "first round", "--date", "2026-11-02")
    coach_printed(data, "debrief", "1", "--went-well", "The outage story.", "--could-be-better", "Too long.")
    coach_printed(
        data,
        *("add-option", "batna", "--company", "current job", "--compensation", "135k base"),
        *("--details", "Lead the migration", "--deadline", "2027-01-15", "--interest", "3"),
    )
    assert "BATNA · current job" in coach_printed(data, "interviews")


def test_one_measured_answer_among_others_reads_as_the_page_reads_it(tmp_path):
    """A first week: one answer measured, then two answers off the question, kept and not measured.
    Progress said "119 on your first measured answer"; `coach progress` said "119 on your first
    answer; answer again to see the change", to someone who had answered twice more."""
    _practised(tmp_path, [(43.0, 18.5)])
    db = open_store(load_settings(tmp_path))
    try:
        for day in (1, 2):
            save_attempt(
                db,
                question_id="close-12",
                question_text="Give me your thirty-second pitch for why you fit this team.",
                recording=None,
                transcript=transcript_dict(),
                analysis={**analysis_dict(), "scores": None, "feedback": []},
                engine="faster-whisper",
                model="tiny.en",
                created_at=datetime(2026, 1, 5, 9, tzinfo=UTC) + timedelta(days=day),
            )
    finally:
        db.close()
    printed = unwrapped(coach_printed(tmp_path, "progress"))
    assert "2 practice answers could not be measured" in printed, printed
    assert "Pace (words per minute): 150 on your first measured answer (comfortable band" in printed, printed
    assert "on your first answer" not in printed, printed
