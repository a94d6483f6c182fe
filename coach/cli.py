"""The `coach` command: every page of the app has its terminal twin here.

Each command turns a CoachError into one line on stderr and a non-zero exit; a traceback means
a bug in the coach, never a user mistake.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from coach.errors import CoachError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="A private, offline interview coach.")


def friendly_errors(command: Callable) -> Callable:
    """Print a CoachError as one line on stderr and exit 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except CoachError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            typer.echo("Stopped by the user; nothing was lost.", err=True)
            raise typer.Exit(130) from None

    return wrapper


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
