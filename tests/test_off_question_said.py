"""An answer left unscored for not answering its question was measured: it is said so, not
"could not be measured", which read like a microphone problem (a new user's first week: a soup
recipe recorded for a question read "could not be measured" on Practice, Progress, Questions and
in `coach history`). "could not be measured" stays for the real failures (too little said).

The off-question answer's analysis is the real one (coach.analysis.analyze with the sentence
model) of a recipe read for "Describe a time you delivered bad news to a stakeholder"."""

from __future__ import annotations

from app_support import markdown_text, page
from cli_support import coach_printed
from store_support import analysis_dict, save_answer, sqlite_db_fixture  # noqa: F401
from test_off_topic import SOUP

from coach.analysis import analyze
from coach.banks import get_question
from coach.local_time import long_date, today
from coach.types import Transcript
from coach.ui.highlight import escape
from coach.ui.summary import outcome_label

ASKED = "Describe a time you delivered bad news to a stakeholder"
NOT_SCORED = "not scored: it did not answer the question"


def recipe_analysis(data_dir) -> dict:
    result = analyze(Transcript.from_text(SOUP), question=get_question("beh-comm-04", data_dir)).to_dict()
    assert result["scores"] is None and "so it is not scored" in result["warnings"][0]
    return result


def too_short() -> dict:
    return analysis_dict(duration_s=2.0, words=3) | {
        "scores": None,
        "warnings": ["Only 3 words in 2 s: too little to measure. Record the whole answer again."],
    }


def test_practice_says_the_answer_was_not_scored_for_not_answering(tmp_path):
    assert outcome_label(recipe_analysis(tmp_path), 1) == (
        f"Kept as your 1st answer to this question, but {NOT_SCORED}"
    )
    assert (
        outcome_label(too_short(), 1)
        == "Kept as your 1st answer to this question, but it could not be measured"
    )


def test_history_and_progress_say_not_scored_apart_from_not_measured(db, tmp_path):
    save_answer(db, "beh-comm-04", ASKED, analysis=recipe_analysis(tmp_path))
    save_answer(db, "mot-05", "Tell me about yourself.", analysis=too_short())
    rows = coach_printed(tmp_path, "history").splitlines()
    assert rows[0].startswith("#2 ") and rows[0].endswith("mot-05      could not be measured"), rows
    assert rows[1].startswith("#1 ") and rows[1].endswith(f"beh-comm-04 {NOT_SCORED}"), rows
    listed = " ".join(coach_printed(tmp_path, "history", "--not-measured").split())
    assert f"beh-comm-04 not scored: This does not sound like an answer to “{ASKED}”" in listed, listed
    assert (
        "2 of 2 practice answers were not scored (1 could not be measured, 1 did not answer the question)"
        in listed
    )
    progress = " ".join(coach_printed(tmp_path, "progress").split())
    assert progress.startswith(
        "2 practice answers, 0 real interviews. 2 practice answers were not scored (1 could not be "
        "measured, 1 did not answer the question): kept, but left out of the figures below;"
    ), progress
    asked = " ".join(coach_printed(tmp_path, "questions", "--answered").split())
    assert f"— Answered once, on {long_date(today())} ({NOT_SCORED})" in asked, asked


def test_progress_and_questions_pages_say_it_was_not_scored(db, tmp_path):
    save_answer(db, "beh-comm-04", ASKED, analysis=recipe_analysis(tmp_path))
    at = page("progress").run()
    assert not at.exception
    titles = [e.label.replace("\\.", ".") for e in at.expander]
    assert "1 answer not scored" in titles and not [t for t in titles if "could not be measured" in t], titles
    [picked] = at.selectbox(key="progress_unmeasured_pick").options
    assert picked.endswith(f" · {ASKED} · did not answer the question"), picked
    [answers] = [m for m in at.metric if m.label == "Practice answers"]
    assert "1 answer was not scored because it did not answer the question and is left out" in answers.help
    at = page("questions").run()
    at.selectbox(key="questions_answered").set_value("answered").run()
    shown = markdown_text(at)
    assert escape(f"({NOT_SCORED})") in shown and "could not be measured" not in shown, shown
