"""The terminal says what the app says, in words: the app's names for speech models, stars and
roles, help that reads without knowing Python, and questions of your own told apart from the
banks' as the Questions page tells them."""

from __future__ import annotations

import re


def _help_pages(data_dir) -> dict[str, str]:
    """`coach --help` and every command's `--help` (hidden ones included), drawn in this process."""
    from typer.testing import CliRunner

    from coach.cli import app

    env = {"COACH_DATA_DIR": str(data_dir), "COACH_DATABASE_URL": None, "COLUMNS": "100"}
    names = ["", *(command.name for command in app.registered_commands)]
    pages = {}
    for name in names:
        args = [*([name] if name else []), "--help"]
        shown = CliRunner().invoke(app, args, env=env, prog_name="coach", terminal_width=100)
        assert shown.exit_code == 0, (name, shown.output)
        pages[name or "coach"] = shown.stdout
    return pages


def test_no_help_page_shows_code_for_an_argument_or_a_range(tmp_path):
    """`coach transcribe --help` read "{audio}" and "audio <path>", `coach favourite --help`
    "question_id <str>", and ranges "[x>=1]" and "[2<=x<=10]": Python's names and a maths
    notation, where a person reads "AUDIO" and "at least 1", "2 to 10"."""
    pages = _help_pages(tmp_path)
    assert len(pages) > 30
    code = re.compile(r"<=|>=|[{}]|<(str|path|int|float|bool)>")
    shown = {name: [line for line in page.splitlines() if code.search(line)] for name, page in pages.items()}
    assert {name: lines for name, lines in shown.items() if lines} == {}
    said = {name: " ".join(page.split()) for name, page in pages.items()}
    assert "Usage: coach transcribe [OPTIONS] AUDIO " in said["transcribe"], pages["transcribe"]
    assert "Usage: coach job-description [OPTIONS] INTERVIEW_ID [SOURCE]" in said["job-description"]
    assert "AUDIO a recording: wav, flac" in said["transcribe"], pages["transcribe"]
    assert (
        "--limit N at most this many practice answers [default: the newest 20] [at least 1]"
        in said["history"]
    ), pages["history"]
    assert "Follow-up questions are extra. [2 to 10]" in said["mock"], pages["mock"]
    assert "[default: 5; at least 1]" in said["progress"], pages["progress"]
