"""Escape codes typed or pasted into text were kept: `coach add-question $'Tell me \\e[31mRED\\e[0m
about a time you failed?'` kept them in the question, whose id became "user-tell-me-31mred-0m-1",
and `coach add-interview $'\\e[31mRED\\e[0m Corp'` in the company's name, which then coloured the
terminal wherever it was printed. Now control characters and escape codes are left out of what is
kept (a multi-line field keeps its line breaks and tabs), and the id is made of the clean words."""

from __future__ import annotations

import json

from cli_support import run_coach

RED = "\x1b[31mRED\x1b[0m"


def test_a_question_typed_with_escape_codes_is_kept_and_named_by_its_clean_words(tmp_path):
    added = run_coach("add-question", f"Tell me {RED} about a time you\x07 failed?", data_dir=tmp_path)
    assert added.returncode == 0, added.stderr
    own_id = added.stdout.split()[0]
    assert own_id == "user-tell-me-red-about-a-1", added.stdout
    shown = run_coach("questions", "--json", data_dir=tmp_path)
    [kept] = [q for q in json.loads(shown.stdout) if q["id"] == own_id]
    assert kept["text"] == "Tell me RED about a time you failed?", kept


def test_an_interview_typed_with_escape_codes_keeps_its_words_and_line_breaks(tmp_path):
    added = run_coach(
        "add-interview", f"{RED} Corp", "--date", "2026-01-10", "--role", "Staff\x1b[2J engineer",
        "--notes", f"First line\n\tthen {RED}\x00 done", data_dir=tmp_path,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "\x1b" not in added.stdout, added.stdout
    [kept] = _opportunities(tmp_path)
    assert kept["company"] == "RED Corp" and kept["role"] == "Staff engineer", kept
    shown = json.loads(run_coach("interview", "1", "--json", data_dir=tmp_path).stdout)
    assert shown["notes"] == "First line\n\tthen RED done", shown

    edited = run_coach("edit-interview", "1", "--company", f"Blue{RED}", data_dir=tmp_path)
    assert edited.returncode == 0, edited.stderr
    [kept] = _opportunities(tmp_path)
    assert kept["company"] == "BlueRED", kept

    written = run_coach("debrief", "1", "--went-well", f"Told the {RED} story\nwell", data_dir=tmp_path)
    assert written.returncode == 0, written.stderr
    [debrief] = json.loads(run_coach("interview", "1", "--json", data_dir=tmp_path).stdout)["debriefs"]
    assert debrief["went_well"] == "Told the RED story\nwell", debrief


def _opportunities(data_dir) -> list[dict]:
    return json.loads(run_coach("interviews", "--json", data_dir=data_dir).stdout)["opportunities"]
