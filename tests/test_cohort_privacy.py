"""The staff's Cohort page shows numbers that are never one person's: a week's average needs at
least three people whose answers were measured, not three people who answered."""

from __future__ import annotations

from app_support import page
from store_support import analysis_dict, save_answer

from coach import store
from coach.config import load_settings

STAFF = "careers@example.edu"


def _staff_page():
    """The Cohort page as the staff open it (Streamlit's own login, as tests/test_app_cohort.py)."""
    at = page("cohort")
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test"}
    at.user = {"is_logged_in": True, "email": STAFF}
    return at


def _this_weeks_row(at) -> dict:
    table = at.table[0].value
    return table.iloc[0].to_dict()  # newest week first


def test_a_weeks_averages_are_not_one_persons_when_the_others_answers_could_not_be_measured(
    tmp_path, monkeypatch
):
    """Ana, Ben and Cara answered this week, but only Ben's answers could be measured (Ana's and
    Cara's were off the question): the page showed "64 · 4.6 · 160" under Average score, Fillers
    and Pace, Ben's own numbers, as the cohort's (seen on a cohort served by `make serve-cohort`)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    unmeasured = {**analysis_dict(), "scores": None}  # the quality gate said no: kept, not scored
    db = store.open_store(load_settings(tmp_path))
    try:
        save_answer(db.for_owner("ben@example.edu"), "swe-beh-01", "Tell me about a conflict.",
                    analysis=analysis_dict(overall=33, wpm=119, fillers_per_100=18.5))  # fmt: skip
        for who in ("ana@example.edu", "cara@example.edu"):
            save_answer(db.for_owner(who), "swe-beh-01", "Tell me about a conflict.", analysis=unmeasured)
    finally:
        db.close()
    at = _staff_page().run()
    assert not at.exception and not at.error
    week = _this_weeks_row(at)
    assert (week["Answers"], week["People"]) == (3, 3)  # everyone who answered is counted
    assert (week["Average score"], week["Fillers per 100 words"], week["Pace (words a minute)"]) == (
        "—",
        "—",
        "—",
    ), week
    assert any("the answers of at least 3 people were measured" in str(c.value) for c in at.caption)


def test_a_weeks_averages_show_once_three_people_were_measured(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    db = store.open_store(load_settings(tmp_path))
    try:
        for who, overall in (("ana@example.edu", 60), ("ben@example.edu", 70), ("cara@example.edu", 80)):
            save_answer(
                db.for_owner(who),
                "swe-beh-01",
                "Tell me about a conflict.",
                analysis=analysis_dict(overall=overall),
            )
    finally:
        db.close()
    week = _this_weeks_row(_staff_page().run())
    assert (week["People"], week["Average score"], week["Pace (words a minute)"]) == (3, "70", "150"), week


def test_the_staffs_own_answers_are_not_the_cohorts_on_the_page_nor_in_coach_cohort(tmp_path, monkeypatch):
    """A careers adviser tried the coach out (two answers, scored 20): the page read "People who have
    answered 4" for three students, "Practice answers this week 5", and the week's average score 47
    instead of the students' 65; `coach cohort` said the same. Only students are counted."""
    import json
    import os
    import subprocess
    import sys

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    db = store.open_store(load_settings(tmp_path))
    try:
        for who, overall in (("ana@example.edu", 60), ("ben@example.edu", 70), ("cara@example.edu", 65)):
            save_answer(
                db.for_owner(who),
                "swe-beh-01",
                "Tell me about a conflict.",
                analysis=analysis_dict(overall=overall),
            )
        for _ in range(2):
            save_answer(
                db.for_owner(STAFF),
                "swe-beh-01",
                "Tell me about a conflict.",
                analysis=analysis_dict(overall=20),
            )
    finally:
        db.close()
    at = _staff_page().run()
    assert not at.exception and not at.error
    shown = {m.label: m.value for m in at.metric}
    assert (shown["People who have answered"], shown["Practice answers this week"]) == ("3", "3"), shown
    week = _this_weeks_row(at)
    assert (week["Answers"], week["People"], week["Average score"]) == (3, 3, "65"), week

    env = {k: v for k, v in os.environ.items() if k not in ("COACH_DATABASE_URL", "COACH_USER")}
    run = subprocess.run(
        [sys.executable, "-m", "coach.cli", "--user", STAFF, "cohort", "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert (report["people"], report["answers_this_week"], report["weeks"][-1]["score_overall"]) == (
        3,
        3,
        65.0,
    )


def test_a_review_with_no_question_found_is_not_counted_as_an_answer_on_the_page_nor_in_coach_cohort(
    tmp_path, monkeypatch
):
    """Dee's interview was reviewed but no question was found in it: the whole recording (the
    interviewer's words too) was counted as one real interview answer, its pace and fillers
    averaged with the answers of Ana, Ben and Cara. Now it is said apart, in the same words on the
    page and from `coach cohort`, and not counted as an answer."""
    import os
    import subprocess
    import sys

    from store_support import logged_interview, save_real_answers

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    (tmp_path / "settings.toml").write_text(f'multi_user = true\nstaff = ["{STAFF}"]\n')
    db = store.open_store(load_settings(tmp_path))
    try:
        for who in ("ana@example.edu", "ben@example.edu", "cara@example.edu"):
            interview = logged_interview(db.for_owner(who))
            answer = {"question_id": "swe-beh-01", "question_text": "Tell me about a conflict."}
            save_real_answers(db.for_owner(who), interview, [{**answer, "analysis": analysis_dict(wpm=150)}])
        dee = db.for_owner("dee@example.edu")
        whole = {"question_id": None, "question_text": "", "analysis": analysis_dict(wpm=230)}
        save_real_answers(dee, logged_interview(dee), [whole])
    finally:
        db.close()
    said = (
        "1 real interview reviewed this week had no question found in it, so it is not counted as an answer."
    )
    at = _staff_page().run()
    assert not at.exception and not at.error
    shown = {m.label: m.value for m in at.metric}
    assert (shown["People who have answered"], shown["Real interview answers this week"]) == ("3", "3"), shown
    assert said in [c.value for c in at.caption]
    week = _this_weeks_row(at)
    assert (week["Answers"], week["People"], week["Pace (words a minute)"]) == (3, 3, "150"), week

    env = {k: v for k, v in os.environ.items() if k not in ("COACH_DATABASE_URL", "COACH_USER")}
    run = subprocess.run(
        [sys.executable, "-m", "coach.cli", "--user", STAFF, "cohort"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert (
        lines[0]
        == "People who have answered: 3. This week: 3 answers (0 practice, 3 in real interviews) by 3 people."
    )
    assert lines[1] == said
