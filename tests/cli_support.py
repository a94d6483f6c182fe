"""`coach` commands run in the test process, as a user runs them but without a new interpreter:
the models other tests loaded are reused. One place for how (exit code, stdout, stderr)."""

from __future__ import annotations

import subprocess
import traceback
from pathlib import Path


def run_coach(*args, data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`coach ARGS` on its own data folder (no PostgreSQL URL from the environment), `stdin` typed
    or piped in: its exit code, stdout and stderr; an error the command did not catch lands in
    stderr as the traceback a user would see."""
    from typer.testing import CliRunner

    from coach.cli import app

    env = {"COACH_DATA_DIR": str(data_dir), "COACH_DATABASE_URL": None}
    result = CliRunner().invoke(app, [str(a) for a in args], input=stdin, env=env)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, stderr)
