"""The `coach` command's entry (the console script and `python -m coach`): a module read in no time,
so Ctrl+C in the second Python takes to read the coach's own modules says one sentence. The console
script imported coach.cli itself, and Ctrl+C then ended in the traceback of an import."""

import signal
import sys

STOPPED_BY_THE_USER = "Stopped by the user; nothing was lost."


def stopped_while_starting(signum, frame) -> None:
    """Ctrl+C before a command has begun (Python reading the coach's modules, typer reading the
    commands' options, whose data it is): nothing has been written yet."""
    sys.stderr.write(STOPPED_BY_THE_USER + "\n")
    raise SystemExit(130)


def main() -> None:
    """Ctrl+C is one sentence and exit 130 from here until the command begins (coach.cli's
    `friendly_errors` then makes it the command's own)."""
    signal.signal(signal.SIGINT, stopped_while_starting)
    from coach.cli import main as run_command

    run_command()
