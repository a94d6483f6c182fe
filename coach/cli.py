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


@app.command("questions")
@friendly_errors
def questions_command(
    category: Annotated[str | None, typer.Option(help="behavioural, motivation, situational, closing, "
                                                      "technical, system-design or role-specific")] = None,
    role: Annotated[str | None, typer.Option(help="e.g. software-engineer (swe), data, product (pm), "
                                                  "design, engineering-manager (em), sales")] = None,
    competency: Annotated[str | None, typer.Option(help="e.g. leadership, conflict, system-design")] = None,
    difficulty: Annotated[str | None, typer.Option(help="easy, medium or hard")] = None,
    search: Annotated[str | None, typer.Option(help="words that must appear in the question")] = None,
    pick_random: Annotated[bool, typer.Option("--random", help="show one matching question")] = False,
    to_ask: Annotated[bool, typer.Option("--to-ask", help="questions to ask the interviewer")] = False,
    topic: Annotated[str | None, typer.Option(help="with --to-ask: process, why-reached-out, "
                                                   "role-and-team, expectations, growth, ...")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """List practice questions from the shipped banks and your own, or questions to ask them."""
    from coach import banks
    from coach.config import load_settings

    data_dir = load_settings().data_dir
    if to_ask:
        asks = banks.load_questions_to_ask(data_dir, topic=topic)
        if as_json:
            print_json([a.to_dict() for a in asks])
        for ask in [] if as_json else asks:
            typer.echo(f"{ask.id:<14} [{ask.topic}] {ask.text}\n{'':<15}{ask.why}")
        return
    filters = dict(category=category, role=role, competency=competency, difficulty=difficulty, text=search)
    questions = banks.load_questions(data_dir)
    if pick_random:
        question = banks.random_question(questions, **filters)
        print_json(question.to_dict()) if as_json else typer.echo(_describe_question(question))
        return
    matching = banks.filter_questions(questions, **filters)
    if as_json:
        print_json([q.to_dict() for q in matching])
        return
    for q in matching:
        typer.echo(f"{q.id:<14} [{q.category} · {q.difficulty} · {q.target_s} s] {q.text}")
    typer.echo(f"{len(matching)} question{'s' if len(matching) != 1 else ''}.", err=True)


def _describe_question(question) -> str:
    shape = "STAR" if question.format == "star" else "free"
    lines = [question.text, "", f"{question.id} · {question.category} · {question.difficulty} · {shape}"
             f" · aim for {question.target_s} s", "", "A strong answer covers:"]
    lines += [f"  - {point}" for point in question.talking_points]
    lines += ["", "Follow-ups:"] + [f"  - {f}" for f in question.follow_ups]
    return "\n".join(lines)


@app.command("playbook")
@friendly_errors
def playbook_command(
    section: Annotated[str | None, typer.Argument(help="before, after, cadence or options; all if omitted")]
    = None,
    interviews: Annotated[int | None, typer.Option(help="with cadence: interviews in the goal")] = None,
    every_days: Annotated[int | None, typer.Option(help="with cadence: the goal's period in days")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """The "always be interviewing" playbook: checklist, debrief template, cadence, options."""
    from coach import playbook as pb
    from coach.config import load_settings
    from coach.errors import InputError

    settings = load_settings()
    if interviews is not None or every_days is not None:
        if section != "cadence":
            raise InputError("--interviews and --every-days change the cadence;"
                             " run `coach playbook cadence --interviews N --every-days D`.")
        pb.set_cadence(settings, pb.load_playbook().cadence, interviews=interviews, period_days=every_days)
    book = pb.load_playbook_for(settings)
    sections = [section] if section else list(pb.SECTIONS)
    if as_json:
        print_json({name: pb.section_data(book, name) for name in sections})
    else:
        typer.echo("\n".join(pb.render(book, name) for name in sections))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
