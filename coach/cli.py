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


# ---------------------------------------------------------------- history, progress, export, import
# (coach.store / coach.progress; each command opens the store, does one thing, closes it)


def _open_store():
    from coach.config import load_settings
    from coach.store import open_store

    return open_store(load_settings())


@app.command("history")
@friendly_errors
def history_command(
    question: Annotated[str | None, typer.Option(help="only attempts and real answers to this question id")]
    = None,
    limit: Annotated[int | None, typer.Option(help="at most this many practice attempts")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Stored practice attempts and real interviews, newest first."""
    from coach import store as st

    store = _open_store()
    try:
        history = {"attempts": st.list_attempts(store, question_id=question, limit=limit),
                   "real_answers": st.list_turns(store, question_id=question),
                   "interviews": [] if question else st.list_interviews(store),
                   "unanalysed_recordings": [] if question else st.unanalysed_recordings(store)}
    finally:
        store.close()
    if as_json:
        print_json(history)
        return
    for a in history["attempts"]:
        typer.echo(f"#{a['id']:<5} {a['created_at'][:16].replace('T', ' ')}  {a['question_id'] or '-':<16} "
                   f"{_measure(a, 'wpm', ' wpm')}  {_measure(a, 'fillers_per_100_words', ' fillers/100')}"
                   f"  score {_measure(a, 'score_overall')}")
    for i in history["interviews"]:
        typer.echo(f"{i['interview_date']}  {i['company']} · {i['stage'] or 'stage not set'} · "
                   f"{i['answers']} answers analysed")
    for r in history["real_answers"] if question else []:
        typer.echo(f"{r['interview_date']}  {r['company']}  {_measure(r, 'wpm', ' wpm')}")
    for r in history["unanalysed_recordings"]:
        typer.echo(f"saved but not analysed: {r['path']} (run `coach reanalyze`)")
    typer.echo(f"{len(history['attempts'])} practice attempts.", err=True)


def _measure(row: dict, key: str, unit: str = "") -> str:
    value = row.get(key)
    return "-" if value is None else f"{value:g}{unit}"


@app.command("progress")
@friendly_errors
def progress_command(
    last: Annotated[int, typer.Option(help="compare the last N attempts with the N before")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Trends, practice against real interviews, skill gaps to practise, and cadence."""
    from coach.progress import progress_report, summary_lines

    store = _open_store()
    try:
        report = progress_report(store, store.settings, last_n=last)
    finally:
        store.close()
    if as_json:
        print_json(report)
    else:
        typer.echo("\n".join(summary_lines(report)))


@app.command("export")
@friendly_errors
def export_command(
    out: Annotated[Path, typer.Argument(help="the .zip to write (database content as JSON and recordings)")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Everything in one zip, recordings included, to back up or move to another machine."""
    from coach.store.transfer import export_data

    store = _open_store()
    try:
        result = export_data(store, out)
    finally:
        store.close()
    if as_json:
        print_json(result)
        return
    counts = result["counts"]
    typer.echo(f"Exported {counts['attempts']} attempts, {counts['interviews']} interviews and "
               f"{counts['recordings']} recordings to {result['path']}.")
    for path in result["missing_recordings"]:
        typer.echo(f"warning: {path} is listed but missing from the data directory", err=True)


@app.command("import")
@friendly_errors
def import_command(
    source: Annotated[Path, typer.Argument(help="a zip written by `coach export`")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Add an export to this data directory; what is already here is not added twice."""
    from coach.store.transfer import import_data

    store = _open_store()
    try:
        result = import_data(store, source)
    finally:
        store.close()
    if as_json:
        print_json(result)
        return
    added, present = result["added"], result["already_present"]
    typer.echo(f"Imported {added['attempts']} attempts, {added['interviews']} interviews and "
               f"{added['recordings']} recordings; {sum(present.values())} items were already here.")


@app.command("reanalyze")
@friendly_errors
def reanalyze_command(
    retranscribe: Annotated[bool, typer.Option(help="transcribe the recordings again first (slow)")] = False,
    force: Annotated[bool, typer.Option(help="also answers already at the current analysis version")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Re-run the current analysis over stored answers; earlier results are kept."""
    from coach.store.reanalysis import reanalyze

    store = _open_store()
    try:
        report = reanalyze(store, retranscribe=retranscribe, force=force,
                           progress=lambda line: typer.echo(line, err=True))
    finally:
        store.close()
    if as_json:
        print_json(report)
        return
    typer.echo(f"{len(report['reanalysed'])} answers analysed again, {report['unchanged']} already current, "
               f"{len(report['new_attempts'])} recordings analysed for the first time, "
               f"{len(report['failed'])} failed (analysis version {report['analysis_version']}).")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
