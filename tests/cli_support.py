"""`coach` commands run in the test process, as a user runs them but without a new interpreter:
the models other tests loaded are reused. One place for how (exit code, stdout, stderr)."""

from __future__ import annotations

import functools
import subprocess
import traceback
from datetime import date, timedelta
from pathlib import Path


@functools.cache
def coach_command():
    """`coach` as the click command typer makes of it, made once per test process: typer's own
    CliRunner made it again for every command a test ran (0.04 s on an idle machine, 0.1 s on a
    busy one, for each of hundreds of runs), as `coach` itself does once when it starts."""
    import typer.main

    from coach.cli import app

    return typer.main.get_command(app)


def run_coach(*args, data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`coach ARGS` on its own data folder (no PostgreSQL URL from the environment), `stdin` typed
    or piped in: its exit code, stdout and stderr; an error the command did not catch lands in
    stderr as the traceback a user would see."""
    from click.testing import CliRunner

    env = {"COACH_DATA_DIR": str(data_dir), "COACH_DATABASE_URL": None}
    result = CliRunner().invoke(coach_command(), [str(a) for a in args], input=stdin, env=env)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, stderr)


def coach_printed(data_dir: Path, *args) -> str:
    """`coach ARGS`, which must succeed: what it printed."""
    result = run_coach(*args, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return result.stdout


def coach_refused(data_dir: Path, *args) -> str:
    """`coach ARGS`, which must be refused with one line: that line."""
    result = run_coach(*args, data_dir=data_dir)
    assert result.returncode == 1, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr.strip()


def day(days_from_today: int) -> str:
    """A day around the machine's today, as `coach` dates against it (asked each time: a run
    crossing midnight must not compare with the day the file was imported)."""
    return (date.today() + timedelta(days=days_from_today)).isoformat()


def help_pages(data_dir: Path) -> dict[str, str]:
    """`coach --help` and every command's `--help` (hidden ones included) on a terminal 100 columns
    wide, drawn in this process (36 interpreters started for them took about 10 s)."""
    from click.testing import CliRunner

    from coach.cli import app

    env = {"COACH_DATA_DIR": str(data_dir), "COACH_DATABASE_URL": None, "COLUMNS": "100"}
    names = ["", *(command.name for command in app.registered_commands)]
    pages = {}
    for name in names:
        args = [*([name] if name else []), "--help"]
        shown = CliRunner().invoke(coach_command(), args, env=env, prog_name="coach", terminal_width=100)
        assert shown.exit_code == 0, (name, shown.output)
        pages[name or "coach"] = shown.stdout
    return pages


def unwrapped(printed: str) -> str:
    """What a command printed, the lines it wrapped at words in 80 columns joined again, one space
    between words: a sentence or a row found whole whatever the width."""
    return " ".join(printed.split())


def not_analysed(printed: str) -> list[str]:
    """Each recording `coach history` printed as "saved but not analysed: …", the lines it wrapped
    at words (indented under it) joined again, one space between words."""
    listed: list[str] = []
    reading = False
    for line in printed.splitlines():
        if line.startswith("saved but not analysed"):
            listed.append(line)
            reading = True
        elif reading and line.startswith("  "):
            listed[-1] += "\n" + line
        else:
            reading = False
    return [unwrapped(recording) for recording in listed]


def report_items(printed: str) -> list[str]:
    """`coach mock`'s text report's lines as it means them: a line it wrapped under a row's
    four-space indent joined back onto the line it goes on (its words, one space between)."""
    items: list[str] = []
    for line in printed.splitlines():
        if line.startswith("    ") and items:
            items[-1] += " " + line.strip()
        else:
            items.append(line)
    return items


def skipped_as_the_page_skips(data: dict, data_dir: Path, capsys) -> dict:
    """`coach mock --json`'s interview of 2 questions whose question 1 and question 2's follow-up
    were skipped (at the microphone or by skip files), checked as tests/test_mock_session.py checks
    the page's: the turns, the summary, what is stored, the text report. Returns the stored session."""
    from coach.cli import _mock_report
    from coach.config import load_settings
    from coach.mock.report import SKIPPED_FOLLOW_UP, SKIPPED_QUESTION
    from coach.store import list_attempts, open_store
    from coach.store.mock_sessions import list_mock_sessions

    assert [(t["kind"], t["skipped"], t["answer"] is None) for t in data["turns"]] == [
        ("question", True, True),
        ("question", False, False),
        ("follow_up", True, True),
    ]
    summary = data["summary"]
    assert summary["questions_asked"] == 2 and summary["answers"] == 1 and summary["questions_skipped"] == 1
    assert not summary["ended_early"]  # skipping is not ending
    [skipped, answered] = summary["questions"]
    assert skipped["skipped"] and skipped["scores"] is None and skipped["follow_up"] is None
    assert summary["score_overall"] == answered["scores"]["overall"]
    assert answered["follow_up"]["skipped"] and not answered["follow_up"]["answered"]
    assert (summary["follow_ups_skipped"], summary["follow_ups_not_answered"]) == (1, 0)
    db = open_store(load_settings(data_dir=data_dir))
    try:
        [stored] = list_mock_sessions(db, with_turns=True)
        assert len(list_attempts(db)) == 1  # the one answer; a skipped turn keeps no take
    finally:
        db.close()
    assert stored["summary"]["questions"] == summary["questions"]
    assert [t["question_text"] for t in stored["turns"]] == [answered["text"]]  # the answered turn alone
    # the text report (without --json) says each skipped, as the page's report does: it gave the
    # skipped question "score -" and the skipped follow-up "Not answered: the interview ended here."
    capsys.readouterr()
    _mock_report(summary)
    items = report_items(capsys.readouterr().out)
    assert items[items.index(skipped["text"]) + 1] == f"  {SKIPPED_QUESTION}", items
    follow_up = next(i for i, line in enumerate(items) if line.startswith("  follow-up: "))
    assert items[follow_up + 1] == f"  {SKIPPED_FOLLOW_UP}", items
    return stored
