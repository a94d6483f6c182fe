"""Recommendations follow the user's role, chosen in Settings: a software engineer whose debriefs
name "negotiation" was offered "Tell me about the biggest deal you closed." (a sales question)
because the app never passed a role. Preparing for an interview whose job title names another
role follows that role; questions for any role stay eligible. Real banks, a real store (SQLite and
PostgreSQL), Settings, Practice, Progress and the mock interview in AppTest."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from app_support import page
from store_support import (  # noqa: F401
    analysis_dict,
    backend_fixture,
    save_answer,
    settings_fixture,
    store_fixture,
    transcript_dict,
)

from coach import banks
from coach.config import load_settings, save_settings
from coach.errors import InputError
from coach.mock.session import plan_for
from coach.progress import progress_report
from coach.recommend import recommended
from coach.store import add_debrief, add_interview, open_store

SALES_DEAL = "sales-02"  # "Tell me about the biggest deal you closed."
TODAY = date(2026, 12, 2)


def _negotiation_gap(db, today: date) -> None:
    past = add_interview(
        db, company="Acme", role="Backend engineer", interview_date=today - timedelta(days=10)
    )
    add_debrief(db, past, interest=3, skill_gaps="negotiation")


def _fits(question, role: str) -> bool:
    return role in question.roles or "any" in question.roles


def test_a_software_engineers_negotiation_gap_brings_no_sales_question(store, settings):
    from coach.recommend import role_to_practise  # new: imported here so the page tests run without it

    _negotiation_gap(store, TODAY)
    anyone = progress_report(store, settings, today=TODAY)["skill_gaps"]["recommended"]
    assert SALES_DEAL in [q["id"] for q in anyone]  # what the walkthrough saw, with no role chosen

    engineer = replace(settings, role="software-engineer")
    listed = progress_report(store, engineer, today=TODAY)["skill_gaps"]["recommended"]
    questions = {q.id: q for q in banks.load_questions(settings.data_dir)}
    assert listed and SALES_DEAL not in [q["id"] for q in listed], listed
    assert all(_fits(questions[q["id"]], "software-engineer") for q in listed), listed
    # Practice's picks for the gap are the ones Progress lists
    practice = recommended(
        list(questions.values()), [], ["negotiation"], today=TODAY, role=role_to_practise(engineer.role)
    )
    assert [q.id for q in practice.questions] == [q["id"] for q in listed]


def test_the_interview_prepared_for_names_the_role_when_its_title_does():
    from coach.recommend import role_to_practise  # new: imported here so the page tests run without it

    assert role_to_practise("software-engineer", "Account Executive, EMEA") == "sales-customer"
    assert role_to_practise("software-engineer", "Chef de partie") == "software-engineer"
    assert role_to_practise("any", "") is None
    assert role_to_practise("any", "Senior Product Manager") == "product"


def test_the_role_is_kept_with_the_settings_and_an_unknown_one_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    save_settings(replace(load_settings(tmp_path), role="data"))
    assert load_settings(tmp_path).role == "data"
    assert load_settings(tmp_path).engine == "faster-whisper"  # the rest kept as it was
    (tmp_path / "settings.toml").write_text('role = "pm"\n', encoding="utf-8")
    assert load_settings(tmp_path).role == "product"  # the names people use, as `coach mock --role`
    (tmp_path / "settings.toml").write_text('role = "chef"\n', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_settings(tmp_path)
    said = str(raised.value)
    assert (
        said.count(". ") == 0 and said.endswith(".") and "'chef'" in said and "software-engineer" in said
    ), said


def test_the_mock_interview_asks_for_the_users_role_unless_the_interview_names_another(store, settings):
    _negotiation_gap(store, date.today())
    engineer = replace(settings, role="software-engineer")
    plan = plan_for(store, engineer, format="behavioural", n=6)
    assert plan.role == "software-engineer"
    assert all(_fits(q, "software-engineer") for q in plan.questions), [q.id for q in plan.questions]
    coming = add_interview(
        store, company="Globex", role="Account Executive", interview_date=date.today() + timedelta(days=4)
    )
    assert plan_for(store, engineer, format="role", n=6, interview_id=coming).role == "sales-customer"
    # a role asked for by name (`coach mock --role`, the page's choice) wins over both
    assert plan_for(store, engineer, format="role", role="data", n=6, interview_id=coming).role == "data"


# ---------------------------------------------------------------- the pages


def _engineer_with_a_negotiation_gap(data_dir, monkeypatch) -> None:
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    settings = load_settings(data_dir)
    db = open_store(settings)
    try:
        _negotiation_gap(db, date.today())
        # a month ago: Progress has an answer to show and the picks are not starters
        save_answer(
            db, "mot-05", "Tell me about yourself.", created_at=datetime.now(UTC) - timedelta(days=30)
        )
    finally:
        db.close()
    at = page("settings").run()
    at.selectbox(key="settings_role").set_value("software-engineer")
    [b for b in at.button if b.label == "Save your role" and "role" in str(b.form_id)][0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "Saved: questions for software engineering roles and for any role."
    ]


def _picks(at, prefix: str) -> list[str]:
    return [b.key.removeprefix(prefix) for b in at.button if b.key and b.key.startswith(prefix)]


def test_practice_and_progress_follow_the_role_chosen_in_settings(tmp_path, monkeypatch):
    _engineer_with_a_negotiation_gap(tmp_path, monkeypatch)
    assert load_settings(tmp_path).role == "software-engineer"

    practice = page("practice").run()
    assert not practice.exception
    on_practice = _picks(practice, "practice_rec_")
    questions = {q.id: q for q in banks.load_questions(tmp_path)}
    assert on_practice and SALES_DEAL not in on_practice, on_practice
    assert all(_fits(questions[i], "software-engineer") for i in on_practice), on_practice
    captions = [c.value for c in practice.caption]
    assert (
        "Questions for software engineering roles and for any role: your role, set in Settings." in captions
    )

    progress = page("progress").run()
    assert not progress.exception
    assert _picks(progress, "progress_rec_") == on_practice


def test_with_no_role_chosen_practice_says_where_to_choose_one(tmp_path, monkeypatch):
    """A new user's Practice said nothing of roles until one was chosen in Settings (then "Questions
    for software engineering roles and for any role: your role, set in Settings."): the first hour's
    "pick a role" had no way in from the questions offered."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    practice = page("practice").run()
    assert not practice.exception
    captions = [c.value for c in practice.caption]
    assert (
        "Questions for every role: choose the jobs you interview for under “Your role” in Settings "
        "to see those written for them." in captions
    ), captions


def test_preparing_for_an_interview_follows_its_role(tmp_path, monkeypatch):
    _engineer_with_a_negotiation_gap(tmp_path, monkeypatch)
    db = open_store(load_settings(tmp_path))
    try:
        coming = add_interview(
            db,
            company="Globex <b>",
            role="Account Executive",
            interview_date=date.today() + timedelta(days=4),
        )
    finally:
        db.close()
    at = page("practice")
    at.session_state["practice_question_id"] = "mot-05"  # "Preparing for" is offered with a question
    at.session_state["practice_interview_id"] = coming
    at.run()
    assert not at.exception
    assert SALES_DEAL in _picks(at, "practice_rec_")
    captions = [c.value for c in at.caption]
    said = (  # the company as typed, shown as text
        "Questions for sales and customer roles and for any role: "
        "the role of your interview at Globex &lt;b&gt;."
    )
    assert said in captions, captions


def test_the_mock_interviews_role_set_starts_from_the_role_in_settings(tmp_path, monkeypatch):
    _engineer_with_a_negotiation_gap(tmp_path, monkeypatch)
    at = page("mock").run()
    at.radio(key="mock_format").set_value("role").run()
    assert not at.exception
    role = at.selectbox(key="mock_role")
    assert role.value == "software-engineer" and role.options[0] == "Software engineering", role.options


def test_the_command_line_sets_and_shows_the_role(tmp_path, monkeypatch):
    """`coach settings --role` is the Settings page's twin; an unknown role is one line on stderr."""
    import json

    from cli_support import run_coach

    set_it = run_coach("settings", "--role", "pm", data_dir=tmp_path)
    assert set_it.returncode == 0, set_it.stderr
    assert set_it.stdout.startswith("Your role: Product"), set_it.stdout
    shown = run_coach("settings", "--json", data_dir=tmp_path)
    assert json.loads(shown.stdout)["role"] == "product"
    wrong = run_coach("settings", "--role", "chef", data_dir=tmp_path)
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1, wrong.stderr
    assert "'chef'" in wrong.stderr and "“Software engineering”" in wrong.stderr, wrong.stderr
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    assert load_settings(tmp_path).role == "product"  # the wrong one changed nothing


def test_in_a_cohort_the_command_line_sets_and_follows_each_persons_own_role(tmp_path, monkeypatch):
    """`coach --user X settings --role` keeps X's role only (settings.toml is the cohort's), and
    `coach progress` picks for it: Ana, an engineer, gets no sales question for her negotiation
    gap; Ben, who chose none, still does."""
    import json

    from cli_support import run_coach

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    cohort_file = "multi_user = true\n"
    (tmp_path / "settings.toml").write_text(cohort_file)
    db = open_store(load_settings(tmp_path))
    try:
        for who in ("ana@example.edu", "ben@example.edu"):
            _negotiation_gap(db.for_owner(who), date.today())
    finally:
        db.close()

    set_it = run_coach("--user", "ana@example.edu", "settings", "--role", "swe", data_dir=tmp_path)
    assert set_it.returncode == 0, set_it.stderr
    assert set_it.stdout.startswith("Your role: Software engineering"), set_it.stdout
    assert (tmp_path / "settings.toml").read_text() == cohort_file
    bens = run_coach("--user", "ben@example.edu", "settings", "--json", data_dir=tmp_path)
    assert json.loads(bens.stdout)["role"] == "any"

    def picks(who: str) -> list[str]:
        shown = run_coach("--user", who, "progress", "--json", data_dir=tmp_path)
        assert shown.returncode == 0, shown.stderr
        return [q["id"] for q in json.loads(shown.stdout)["skill_gaps"]["recommended"]]

    anas = picks("ana@example.edu")
    questions = {q.id: q for q in banks.load_questions(tmp_path)}
    assert anas and SALES_DEAL not in anas and all(_fits(questions[i], "software-engineer") for i in anas)
    assert SALES_DEAL in picks("ben@example.edu")


def test_the_interview_whose_description_steers_the_picks_gives_its_role_too(tmp_path, monkeypatch):
    """With no interview chosen under "Preparing for", the picks follow the soonest interview's job
    description: they followed the role from Settings meanwhile (an engineer's role for a sales job's
    posting) until that interview was chosen by hand."""
    from coach.job_description import save_job_description

    _engineer_with_a_negotiation_gap(tmp_path, monkeypatch)
    db = open_store(load_settings(tmp_path))
    try:
        coming = add_interview(
            db, company="Globex", role="Account Executive", interview_date=date.today() + timedelta(days=4)
        )
        save_job_description(
            db,
            coming,
            "You will lead the regional team and mentor new account managers. You will resolve "
            "conflict with customers and handle disagreements between departments.",
        )
    finally:
        db.close()
    at = page("practice").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    said = "Questions for sales and customer roles and for any role: the role of your interview at Globex."
    assert said in captions, captions
    picks = _picks(at, "practice_rec_")
    questions = {q.id: q for q in banks.load_questions(tmp_path)}
    assert picks and all(_fits(questions[i], "sales-customer") for i in picks), picks
    # Progress lists the picks for the debrief's gap (negotiation), chosen for the same role
    settings = load_settings(tmp_path)
    db = open_store(settings)
    try:
        listed = progress_report(db, settings)["skill_gaps"]["recommended"]
    finally:
        db.close()
    assert listed and all(_fits(questions[q["id"]], "sales-customer") for q in listed), listed
