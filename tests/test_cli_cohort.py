"""The command line in multi-user (cohort) mode: one person's data, named by --user or COACH_USER."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from cli_support import unwrapped

from coach import store
from coach.config import load_settings
from coach.identity import CLI_NEEDS_USER

COACH = [sys.executable, "-m", "coach.cli"]


def coach(*args: str, data_dir, user: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir)}
    for name in ("COACH_DATABASE_URL", "COACH_USER", "COACH_MULTI_USER"):
        env.pop(name, None)
    if user is not None:
        env["COACH_USER"] = user
    return subprocess.run([*COACH, *map(str, args)], capture_output=True, text=True, env=env, timeout=120)


def _seed(data_dir) -> None:
    db = store.open_store(load_settings(data_dir))
    try:
        for who, company in (
            ("", "Solo Ltd"),
            ("ana@example.edu", "Ana Corp"),
            ("ben@example.edu", "Ben Corp"),
        ):
            store.add_interview(db.for_owner(who), company=company, interview_date="2026-11-20")
    finally:
        db.close()


def _companies(result: subprocess.CompletedProcess) -> list[str]:
    assert result.returncode == 0, result.stderr
    return [i["company"] for i in json.loads(result.stdout)["interviews"]]


def test_multi_user_mode_needs_a_user_and_shows_only_theirs(tmp_path):
    _seed(tmp_path)
    assert _companies(coach("history", "--json", data_dir=tmp_path)) == ["Solo Ltd"]  # single user
    (tmp_path / "settings.toml").write_text("multi_user = true\n")

    refused = coach("history", "--json", data_dir=tmp_path)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.strip() == f"error: {CLI_NEEDS_USER}"

    assert _companies(coach("--user", "Ana@Example.edu", "history", "--json", data_dir=tmp_path)) == [
        "Ana Corp"
    ]
    assert _companies(coach("history", "--json", data_dir=tmp_path, user="ben@example.edu")) == ["Ben Corp"]


def test_one_persons_history_and_export_count_in_words(tmp_path):
    """A student with one answer: "1 practice answer.", "Exported 1 practice answer to ..."."""
    from store_support import analysis_dict, transcript_dict

    (tmp_path / "settings.toml").write_text("multi_user = true\n")
    db = store.open_store(load_settings(tmp_path))
    try:
        store.save_attempt(
            db.for_owner("ana@example.edu"),
            question_id="swe-beh-01",
            question_text="Tell me about a conflict.",
            recording=None,
            transcript=transcript_dict("Ana answered."),
            analysis=analysis_dict(text="Ana answered."),
            engine="faster-whisper",
            model="tiny.en",
        )
    finally:
        db.close()
    history = coach("history", data_dir=tmp_path, user="ana@example.edu")
    assert history.returncode == 0, history.stderr
    assert history.stdout.strip().splitlines()[-1] == "1 practice answer."
    exported = coach("export", tmp_path / "ana.zip", data_dir=tmp_path, user="ana@example.edu")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("Exported 1 practice answer to ")


def test_coach_settings_gives_a_person_who_chose_no_role_the_hosts_and_says_so(tmp_path):
    """The host's role in the cohort's settings.toml is each person's until they choose their own
    (`coach settings` and the Settings page read the same rule: coach.roles)."""
    (tmp_path / "settings.toml").write_text('multi_user = true\nrole = "data"\n')
    shown = coach("settings", data_dir=tmp_path, user="ana@example.edu")
    assert shown.returncode == 0, shown.stderr
    assert unwrapped(shown.stdout).startswith(  # wrapped at words in 80 columns
        "Your role: Data (its questions and those for any role are recommended). "
        "It is the role your organisation set for everyone until you choose yours with --role. Speech"
    ), shown.stdout
    chose = coach("settings", "--role", "any", data_dir=tmp_path, user="ana@example.edu")
    assert unwrapped(chose.stdout).startswith(
        "Your role: Any role (questions for every role are recommended). "
        "Speech model: Quick — faster-whisper tiny.en (`coach models` lists the others; --model on a command "
        "uses another)."
    ), chose.stdout
    shown_json = json.loads(coach("settings", "--json", data_dir=tmp_path, user="ben@example.edu").stdout)
    assert shown_json["role"] == "data" and shown_json["speech_model"]["model"] == "tiny.en"


def test_the_host_reads_help_and_the_models_without_being_a_student(tmp_path):
    """A cohort's host could not read `coach history --help` nor `coach models` without --user:
    they hold no one's data. Every command that does still asks whose."""
    (tmp_path / "settings.toml").write_text("multi_user = true\n")
    for args in (("history", "--help"), ("--help",), ("models",)):
        done = coach(*args, data_dir=tmp_path)
        assert done.returncode == 0 and CLI_NEEDS_USER not in done.stderr, (args, done.stderr)
    assert "Usage" in coach("delete-answer", "--help", data_dir=tmp_path).stdout
    assert coach("history", data_dir=tmp_path).returncode == 2


def test_a_worker_says_where_it_reads_the_staffs_model_and_thresholds(tmp_path):
    """A worker on another machine started, as the README had it, without the app's data directory
    analysed every answer with the defaults, whatever the staff saved on Settings, and said nothing.
    Its start now names the settings file it follows, or says it has none and what to set. (Said as
    the models start loading, once the cohort's database answers: each worker is stopped then.)"""
    from pg_server import get_server, skip_reason

    if reason := skip_reason():
        pytest.skip(reason)
    env = {**os.environ, "COACH_DATABASE_URL": get_server().new_database_url(), "COACH_QUEUE": "1"}

    def started(data_dir) -> str:
        said = data_dir.parent / f"{data_dir.name}-worker.log"
        with said.open("w") as log:
            worker = subprocess.Popen(
                [*COACH, "worker"],
                stdout=subprocess.DEVNULL,
                stderr=log,
                env={**env, "COACH_DATA_DIR": str(data_dir)},
            )
        try:
            deadline = time.monotonic() + 120
            while "before each answer" not in said.read_text() and "thresholds until" not in said.read_text():
                assert worker.poll() is None and time.monotonic() < deadline, said.read_text()[-2000:]
                time.sleep(0.2)
        finally:
            worker.terminate()
            worker.wait(timeout=60)
        assert "Traceback" not in said.read_text(), said.read_text()[-2000:]
        return said.read_text()

    elsewhere = started(tmp_path / "checkout-data")
    assert (
        "No settings.toml in" in elsewhere and "set COACH_DATA_DIR to the app's data directory" in elsewhere
    )
    (tmp_path / "settings.toml").write_text("multi_user = true\nqueue = true\n")
    assert f"read from {tmp_path / 'settings.toml'} before each answer" in started(tmp_path)


def test_a_worker_on_a_personal_coach_says_it_needs_none(tmp_path):
    """`coach worker`, the README's last command but one, on a personal coach's fresh data folder
    answered "Cohort mode needs PostgreSQL: … or turn the queue off for a personal coach.", a queue
    that was off already; now it says a personal coach needs no worker, and what one serves."""
    env = {k: v for k, v in os.environ.items() if k not in ("COACH_DATABASE_URL", "COACH_QUEUE")}
    run = subprocess.run(
        [*COACH, "worker"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "COACH_DATA_DIR": str(tmp_path)},
    )
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "error: This coach is personal, so it needs no worker: it analyses each answer itself as it "
        "is given; `coach worker` serves a coach hosted for a cohort (queue = true in settings.toml, "
        "or COACH_QUEUE=1, with PostgreSQL in COACH_DATABASE_URL)."
    ]


def test_coach_settings_says_a_cohorts_thresholds_are_changed_by_its_staff(tmp_path):
    """A student's Settings page has no thresholds (the staff's, for everyone): `coach settings` for
    a student said they were "changed on the Settings page", where the student finds none."""
    (tmp_path / "settings.toml").write_text('multi_user = true\nstaff = ["careers@example.edu"]\n')
    student = coach("settings", data_dir=tmp_path, user="ana@example.edu")
    assert student.returncode == 0, student.stderr
    assert unwrapped(student.stdout).endswith(
        "Thresholds: the cohort's, changed by its staff on their Settings page (a student's has none): "
        "the defaults. `coach settings --json` lists them all."
    )
    personal = coach("settings", data_dir=tmp_path / "personal")
    assert unwrapped(personal.stdout).endswith(
        "Thresholds: the defaults. Change them on the Settings page or with --threshold NAME=VALUE; "
        "`coach settings --json` lists them all."
    )
    # the speech model and thresholds are the staff's to change, from the terminal as on the page
    refused = coach("settings", "--threshold", "pace_low_wpm=120", data_dir=tmp_path, user="ana@example.edu")
    assert refused.returncode == 1
    assert "only its staff change them" in refused.stderr
    assert "pace_low_wpm" not in (tmp_path / "settings.toml").read_text()
    staff = coach(
        "settings", "--threshold", "pace_low_wpm=120", data_dir=tmp_path, user="careers@example.edu"
    )
    assert staff.returncode == 0, staff.stderr
    assert "It applies to everyone in the cohort." in staff.stderr
    assert "the pace band's low end at 120 wpm (default 130 wpm)" in unwrapped(staff.stdout)


def test_the_staff_read_the_cohort_pages_numbers_from_the_terminal(tmp_path):
    """The README says every page has a terminal twin; the staff's Cohort page had none. `coach
    --user STAFF cohort` gives its numbers (never a name); a student and a personal coach are told
    in one sentence why not."""
    from store_support import analysis_dict, transcript_dict

    (tmp_path / "settings.toml").write_text('multi_user = true\nstaff = ["careers@example.edu"]\n')
    db = store.open_store(load_settings(tmp_path))
    try:
        for who, overall in (("ana@example.edu", 60), ("ben@example.edu", 70), ("cy@example.edu", 80)):
            store.save_attempt(
                db.for_owner(who),
                question_id="swe-beh-01",
                question_text="Tell me about a conflict.",
                recording=None,
                transcript=transcript_dict("I answered."),
                analysis=analysis_dict(overall=overall, text="I answered."),
                engine="faster-whisper",
                model="tiny.en",
            )
    finally:
        db.close()

    shown = coach("cohort", data_dir=tmp_path, user="careers@example.edu")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    # the real interviews' answers are counted too, and said apart
    assert (
        lines[0]
        == "People who have answered: 3. This week: 3 answers (3 practice, 0 in real interviews) by 3 people."
    )
    assert lines[3].split()[1:] == ["3", "3", "70", "4.0", "150"]  # this week, newest first
    assert not any(name in shown.stdout for name in ("ana", "ben", "cy@"))
    # as the page says it: three people answering is not enough when two answers were not measured
    assert "when the answers of at least 3 people were measured, so no number is one person's" in shown.stdout
    report = json.loads(coach("cohort", "--json", data_dir=tmp_path, user="careers@example.edu").stdout)
    assert (report["people"], report["weeks"][-1]["score_overall"]) == (3, 70.0)

    student = coach("cohort", data_dir=tmp_path, user="ana@example.edu")
    assert student.returncode == 1 and student.stdout == ""
    assert student.stderr.startswith("error: The cohort view is for the coaching staff, and ana@example.edu")
    personal = coach("cohort", data_dir=tmp_path / "personal")
    assert personal.returncode == 1
    assert "This coach is personal, so it has no cohort to show" in personal.stderr
    assert not (tmp_path / "personal" / "coach.db").exists()


def test_the_staff_are_told_to_name_the_cohorts_database_rather_than_shown_an_empty_one(tmp_path):
    """A cohort set up as the README's "Cohort mode" says (`queue = true` in settings.toml, the
    answers in PostgreSQL named by COACH_DATABASE_URL): `coach --user STAFF cohort` run without that
    variable opened a new empty SQLite in the data directory and printed "People who have answered:
    0" while two students had answered. One sentence says what to set, and no database is made."""
    cohort = 'multi_user = true\nqueue = true\nstaff = ["careers@example.edu"]\n'
    (tmp_path / "settings.toml").write_text(cohort)
    for asked in (("cohort",), ("cohort", "--json")):
        shown = coach(*asked, data_dir=tmp_path, user="careers@example.edu")
        assert shown.returncode == 1 and shown.stdout == "", shown.stdout
        said = unwrapped(shown.stderr)
        assert said.startswith("error: This cohort's answers are in its PostgreSQL database"), said
        assert "set COACH_DATABASE_URL as the cohort's workers have it" in said, said
        assert "Traceback" not in shown.stderr
    assert not (tmp_path / "coach.db").exists()
