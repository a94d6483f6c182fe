"""The `coach` command: every page of the app has its terminal twin here.

Each command turns a CoachError into one line on stderr and a non-zero exit; a traceback means
a bug in the coach, never a user mistake.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import re
import shlex
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand, TyperGroup

from coach._entry import STOPPED_BY_THE_USER, stopped_while_starting
from coach.analysis.wording import clock, count, counted_apart, length_clock, listed
from coach.errors import CoachError, InputError, empty_name_said, names_this_folder, printable, said_name
from coach.lines import shortened
from coach.mock import QUESTION_ORDER

# click's UsageError, which Typer raises for a mistyped command line (newer Typer ships its own
# copy of click, so it is found through the one Typer names).
_ClickUsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class _UsageError(_ClickUsageError):
    """A mistyped command line, said on one line like every other error: 'error: Invalid value for
    '--limit': …; `coach history --help` lists what it takes.' (click's own is four lines, with
    a usage line and "Error:" last)."""

    def show(self, file=None) -> None:
        names, ctx = [], self.ctx  # the command as the user names it, however coach was started
        while ctx is not None and ctx.parent is not None:
            names.insert(0, ctx.info_name)
            ctx = ctx.parent
        command = " ".join(["coach", *names])
        said = _in_words(one_line(self.format_message()))
        typer.echo(said_error(f"{said}; `{command} --help` lists what it takes."), err=True)


# The roles --role takes, as `coach settings` and `coach mock` list them (coach.banks.ROLES, and
# normalise_role's reading of the Settings page's names): written out, as banks is not loaded here.
ROLE_NAMES = (
    "any, software-engineer, data, product, design, engineering-manager or sales-customer "
    "(or as the Settings page names it, in quotes)"
)


# Typer's words for a value that is not a number, which name its parser, not the person's mistake.
_NOT_A_NUMBER = {
    "Input should be a valid integer, unable to parse string as an integer": "a whole number",
    "Input should be a valid number, unable to parse string as a number": "a number",
}


# ... and for a number out of its range ("Input should be greater than or equal to 1").
_OUT_OF_RANGE = re.compile(r"Input should be (greater|less) than or equal to (\S+)")


def _in_words(message: str) -> str:
    """'Invalid value for 'interview_id': Input should be a valid integer, unable to parse string as
    an integer' as 'The interview id should be a whole number' (an option keeps its name:
    '--limit should be a whole number', and '--limit should be at least 1' for 'Input should be
    greater than or equal to 1'); any other message as it is."""
    found = re.fullmatch(r"Invalid value for '([^']+)': (.+)", message)
    out_of_range = found and _OUT_OF_RANGE.fullmatch(found[2])
    if not found or (found[2] not in _NOT_A_NUMBER and not out_of_range):
        return message
    name = found[1] if found[1].startswith("-") else f"The {found[1].replace('_', ' ')}"
    if out_of_range:
        return f"{name} should be at {'least' if out_of_range[1] == 'greater' else 'most'} {out_of_range[2]}"
    return f"{name} should be {_NOT_A_NUMBER[found[2]]}"


# What a new user types for a page of the app whose terminal twin has another name (a command a
# letter or two away, "goal" for goals, click names itself: "Did you mean 'goals'?").
_PRACTICE_TWIN = "the Practice page's twin is `coach record take.wav`, then `coach analyze take.wav --save`"
_PAGE_TWINS = {"practice": _PRACTICE_TWIN, "practise": _PRACTICE_TWIN}


def _missing_argument(error: Exception) -> str | None:
    """A missing argument as its help names it: "Missing the interview's id (see `coach
    interviews`)", not the code's name for it ("Missing argument 'interview_id'", 'out' for the
    .wav file `coach record` writes); None for any other mistake."""
    param = getattr(error, "param", None)
    missing = any(c.__name__ == "MissingParameter" for c in type(error).__mro__)
    if not missing or getattr(param, "param_type_name", None) != "argument" or not getattr(param, "help", ""):
        return None
    return f"Missing {param.help}"


def _whole_number(param) -> bool:
    """Whether a command's parameter takes a whole number (Typer's own click keeps its type in
    `type_descriptor`, click's in `type`)."""
    described = getattr(param, "type_descriptor", None)
    if described is not None:
        return getattr(described, "annotation", None) is int
    return getattr(getattr(param, "type", None), "name", "") == "integer"


def _negative_id(error: Exception) -> str | None:
    """A negative number typed for an id ("coach interview -1") as the id it was meant to be: "The
    interview id should be at least 1, not -1", not "No such option: -1", which click reads it
    as; None for any other mistake."""
    option = getattr(error, "option_name", None) or ""
    ctx = getattr(error, "ctx", None)
    if not re.fullmatch(r"-\d+", option) or ctx is None:
        return None
    numbers = [
        param for param in ctx.command.params if param.param_type_name == "argument" and _whole_number(param)
    ]
    if len(numbers) != 1:
        return None
    return f"The {numbers[0].name.replace('_', ' ')} should be at least 1, not {option}"


class _OneLineUsage(TyperGroup):
    @staticmethod
    @contextlib.contextmanager
    def _one_line() -> Iterator[None]:
        try:
            yield
        except _UsageError:
            raise
        except _ClickUsageError as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # `coach` alone: its help, not "error: Usage: …"
                raise
            said = _missing_argument(e) or _negative_id(e) or e.format_message().rstrip(".")
            raise _UsageError(said, e.ctx) from e

    def make_context(self, *args, **kwargs):  # the command's name and the options before it
        with self._one_line():
            return super().make_context(*args, **kwargs)

    def resolve_command(self, ctx, args):  # "No such command 'nosuch'."
        with self._one_line():
            try:
                return super().resolve_command(ctx, args)
            except _ClickUsageError as e:
                hint = _PAGE_TWINS.get(str(args[0]).lower()) if args else None
                if hint is None:
                    raise
                raise _ClickUsageError(f"{e.format_message().rstrip('.')}: {hint}", ctx) from e

    def invoke(self, ctx):  # a command's own options and arguments
        with self._one_line():
            return super().invoke(ctx)


def _range_in_words(low: float | None, high: float | None) -> str:
    """A number's range as a person says it: "at least 1", "at most 5", "2 to 10"."""
    if low is not None and high is not None:
        return f"{low} to {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


# Typer's range in a help line: "x>=1", "x<=5", "2<=x<=10".
_RANGE_IN_CODE = re.compile(r"(?:-?[\d.]+<=)?x(?:<=|>=)-?[\d.]+")


class _HelpInWords(TyperCommand):
    """A command's help as a person reads it: an argument by its name in capitals ("AUDIO",
    "INTERVIEW_ID"), not "{audio}" in the usage and "audio <path>" below it, and a range in words
    ("at least 1", "2 to 10"), not "x>=1" and "2<=x<=10". The argument keeps its own name, which
    the errors say ("The interview id should be a whole number")."""

    @staticmethod
    def _argument_name(param) -> str:
        return param.name.upper()

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                pieces.extend(param.get_usage_pieces(ctx))
                continue
            name = self._argument_name(param) + ("..." if param.nargs != 1 else "")
            pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx, formatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            name, help_ = record
            low, high = getattr(param, "min", None), getattr(param, "max", None)
            if low is not None or high is not None:
                help_ = _RANGE_IN_CODE.sub(_range_in_words(low, high), help_)
            if param.param_type_name == "argument":
                arguments.append((self._argument_name(param), help_))
            else:
                options.append((name, help_))
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class _Coach(typer.Typer):
    """Typer whose commands all show their help in words (_HelpInWords)."""

    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or _HelpInWords, **kwargs)


app = _Coach(
    cls=_OneLineUsage,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Typer's boxed (rich) help shows a flag as taking a value ("--json <bool>", "--help <bool>");
    # the plain help shows flags as flags, and each value by the word its option gives (metavar);
    # it fills a wide terminal up to 200 columns (click stops at 80 otherwise).
    rich_markup_mode=None,
    context_settings={"max_content_width": 200},
    help="A private, offline interview coach.",
)


# Options the commands that hear a recording share (transcribe, analyze, review), declared once.
EngineOption = Annotated[
    str | None, typer.Option("--engine", metavar="ENGINE", help="faster-whisper (default) or openai-whisper")
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="MODEL",
        help="Quick (tiny.en, comes with the app), 'More accurate' (base, after make models), "
        "another model's name or a model folder",
    ),
]
AcousticFillersOption = Annotated[
    bool | None,
    typer.Option(
        "--acoustic-fillers/--no-acoustic-fillers",
        help="hear the 'um's Whisper drops from the sound (default: as in Settings, on)",
    ),
]


# Commands that serve the whole cohort rather than one person: no --user needed in multi-user mode.
# The models installed, and a file transcribed and printed, hold no one's data either.
EVERYONES_COMMANDS = frozenset({"worker", "models", "transcribe"})


@app.callback()
def whose_data(
    ctx: typer.Context,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            envvar="COACH_USER",
            metavar="LOGIN",
            help="multi-user (cohort) mode only: whose data to use, as their login identity",
        ),
    ] = None,
) -> None:
    """In multi-user mode every command works on one person's data, named by --user or
    COACH_USER; without it the command refuses in one sentence. Single-user mode ignores it."""
    import os

    from coach.config import load_settings
    from coach.identity import cli_owner

    if ctx.invoked_subcommand in EVERYONES_COMMANDS:
        return  # a worker analyses everyone's answers, each saved under the person who answered
    if {"--help", "-h"} & set(sys.argv[1:]):
        return  # a command's help holds no one's data: the host reads it without being a student
    try:
        settings = load_settings()
    except CoachError:
        return  # the command itself says what is wrong with the settings
    try:
        owner = cli_owner(settings, user)
    except CoachError as e:
        typer.echo(said_error(str(e)), err=True)
        raise typer.Exit(2) from None
    if owner:
        os.environ["COACH_USER"] = owner  # load_settings gives every command this owner
    elif user and getattr(ctx.get_parameter_source("user"), "name", "") == "COMMANDLINE":
        # typed on a personal coach, where it changes nothing: said, not silently ignored
        typer.echo(
            "warning: --user picks a person in a coach hosted for a cohort; this coach is personal, "
            "so the command works on its one user's data.",
            err=True,
        )


def _command_begins() -> None:
    """From here Ctrl+C is the command's own (`coach record` ends its take, `coach mock` its
    interview), as `main` had made it one sentence and an exit while the command started."""
    import signal

    if signal.getsignal(signal.SIGINT) is stopped_while_starting:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def friendly_errors(command: Callable) -> Callable:
    """Print a CoachError as one sentence on stderr (`said_error`) and exit 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            _command_begins()
            return command(*args, **kwargs)
        except CoachError as e:
            typer.echo(said_error(str(e)), err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            typer.echo(STOPPED_BY_THE_USER, err=True)
            raise typer.Exit(130) from None
        except OSError as e:  # a name given where a file goes, too long to be one: a traceback
            if e.errno != errno.ENAMETOOLONG:
                raise
            typer.echo(said_error(too_long_for_a_name(str(e.filename or ""))), err=True)
            raise typer.Exit(1) from None

    return wrapper


def too_long_for_a_name(name: str) -> str:
    """What a name too long for a file's is told (the system refuses over 255 bytes a part)."""
    shown = name if len(name) <= 60 else name[:57].rstrip() + "…"
    return f"“{shown}” is too long to be a file's name ({len(name)} characters); give the path of the file."


def one_line(message: str) -> str:
    """A message safe for one terminal line: a newline or escape code in a file name shows as \\n, \\x1b."""
    return printable(message.strip())


# How wide a line the listing commands print: an 80-column terminal wraps anything longer mid-word
# and mid-column.
TERMINAL_WIDTH = 80


def flowed(head: str, text: str, indent: int, *, whole: tuple[str, ...] = ()) -> str:
    """`head` then `text` in TERMINAL_WIDTH columns, wrapped at words onto lines indented by `indent`
    (under a column), never a word cut in two: a long word, an id, stays whole on its line. The
    words of `head` wrap as the text's do ("Red flags after the final round with …: " can be long).
    Each of `whole` in the text (a file's name with spaces) stays on one line as a command does."""
    import textwrap

    def held_whole(part: str) -> str:
        return part.replace(" ", "\0") if len(part) <= TERMINAL_WIDTH - indent else part

    words = head.lstrip(" ")
    # a command in backquotes stays whole on its line, to copy, when a line can hold it: its spaces
    # are not places to wrap
    held = re.sub(r"`[^`\n]*`", lambda m: held_whole(m.group()), words + text.strip())
    for part in whole:
        held = held.replace(part, held_whole(part))
    return textwrap.fill(
        held,  # a newline in it as a space; two spaces between parts kept
        TERMINAL_WIDTH,
        initial_indent=head[: len(head) - len(words)],
        subsequent_indent=" " * indent,
        break_long_words=False,
        break_on_hyphens=False,
    ).replace("\0", " ")


def flowed_after(line: str, text: str, indent: int, gap: str = "  ") -> str:
    """`text` ending `line` when it fits there after `gap`, else flowed on lines of its own under
    the column at `indent` (after a row already wrapped too: read apart from the row's words)."""
    if "\n" not in line and len(line) + len(gap) + len(text) <= TERMINAL_WIDTH:
        return f"{line}{gap}{text}"
    return f"{line}\n{flowed(' ' * indent, text, indent)}"


def said_error(message: str) -> str:
    """A mistake the user can fix, as stderr shows it: "error: " and its sentence on one line, for
    a script reading stderr line by line; on a terminal wrapped at words within TERMINAL_WIDTH under
    a two-space indent, a command in backquotes whole on its line (printed as one line of 104
    columns, "… give one: `coach job-description 1 FILE` (or - to paste it).", an 80-column
    terminal cut it mid-word)."""
    line = one_line(message)
    return flowed("error: ", line, 2) if sys.stderr.isatty() else f"error: {line}"


def said_out(message: str, *, whole: tuple[str, ...] = ()) -> str:
    """A command's summary as stdout shows it, as `said_error` shows an error: on a terminal wrapped
    at words within TERMINAL_WIDTH, a command in backquotes and each of `whole` (a path) whole on its
    line; for a script reading it through a pipe, the one line it was (`coach import`'s summary of a
    backup printed 142 columns and more on one line, cut mid-word by an 80-column terminal)."""
    return flowed("", message, 0, whole=whole) if sys.stdout.isatty() else message


def print_json(data: object) -> None:
    """`data` as JSON, each record of plain values on one line (a trend's answer, a word with its
    times): a year's `coach progress --json` took 1.6 MB with each of its 5,700 points spread over
    eight indented lines, 1.1 MB so; a script reads the same JSON."""
    sys.stdout.write(json_text(data) + "\n")


def json_text(data: object, indent: str = "") -> str:
    """`data` as JSON indented two spaces a level, down to the objects and lists that hold no object
    or list, each written on one line."""
    inner = indent + "  "
    if isinstance(data, dict) and any(_holds_more(value) for value in data.values()):
        members = (f"{inner}{_json_key(key)}: {json_text(value, inner)}" for key, value in data.items())
        return "{\n" + ",\n".join(members) + f"\n{indent}}}"
    if isinstance(data, list | tuple) and any(_holds_more(item) for item in data):
        return "[\n" + ",\n".join(inner + json_text(item, inner) for item in data) + f"\n{indent}]"
    return json.dumps(data, ensure_ascii=False)


def _holds_more(value: object) -> bool:
    return isinstance(value, dict | list | tuple) and len(value) > 0


def _json_key(key: object) -> str:
    """A key as json.dumps writes it: a string, or a number, true, false or null in quotes."""
    return json.dumps(key if isinstance(key, str) else json.dumps(key), ensure_ascii=False)


# ---------------------------------------------------------------- transcribe, analyze, record, models


def _settings(
    engine: str | None = None,
    model: str | None = None,
    acoustic_fillers: bool | None = None,
    *,
    transcribes: bool = True,
):
    """The settings of a command; of one that transcribes, with its engine and model checked first
    (a typed answer needs neither, so a bad engine in settings.toml does not stop it)."""
    from coach.config import load_settings
    from coach.transcribe.models import (
        check_engine,
        check_model_name,
        check_settings_engine,
        check_settings_model,
        command_model,
    )

    if transcribes and engine is not None:  # the command's own --engine, said as typed
        check_engine(engine)
    if transcribes and model is not None:  # the command's own --model, said as typed ("quick" too)
        _check_model_given(model)
        engine, model = command_model(model, engine)
        check_model_name(model)
    settings = load_settings(engine=engine, model=model, recover_fillers=acoustic_fillers)
    if transcribes:
        check_settings_engine(settings)
        check_settings_model(settings)
    return settings


def _check_model_given(model: str) -> None:
    """An empty --model, said as such: a command read it as this folder ("The model folder . could
    not be loaded"), `coach settings` as " is a model's folder or file"."""
    if not model.strip():
        raise InputError(
            "--model is empty; name a model as the Settings page does (“Quick”, “More accurate”) "
            "or as `coach models` lists it."
        )


def _progress_bar(enabled: bool):
    """A progress bar on stderr driven by the engines' progress(seconds_done, seconds_total), drawn
    from the first progress on: a file that fails before (not audio, silent) gets its one-line error
    alone, not a moment of empty bar before it. `update(done, total, step, transcribed_at)`: `step`
    says what is done when it is not transcribing; `transcribed_at` where on the bar transcribing
    ends (the time left is said of transcribing only, `coach.pace.TimeLeft`)."""
    if not enabled:
        return None, lambda: None
    from tqdm import tqdm

    from coach.analysis.wording import clock
    from coach.pace import TimeLeft

    bar = None
    left = TimeLeft()

    def update(done_s: float, total_s: float, step: str = "Transcribing", transcribed_at=None) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(
                total=1.0,
                file=sys.stderr,
                unit="s",
                leave=False,
                bar_format="{desc} {percentage:3.0f}%|{bar}| {elapsed}{postfix}",
            )
        bar.total = round(total_s, 1)
        bar.n = round(done_s, 1)
        bar.set_description(step, refresh=False)
        seconds = left.seconds(done_s, total_s if transcribed_at is None else transcribed_at)
        said = step == "Transcribing" and seconds is not None
        bar.set_postfix_str(f"about {clock(seconds)} left to transcribe" if said else "", refresh=False)
        bar.refresh()

    def close() -> None:
        if bar is not None:
            bar.close()

    return update, close


@app.command("transcribe")
@friendly_errors
def transcribe_command(
    audio: Annotated[Path, typer.Argument(help="a recording: wav, flac, mp3, m4a, ogg/opus or webm")],
    engine: EngineOption = None,
    model: ModelOption = None,
    channel: Annotated[
        str | None, typer.Option(metavar="SIDE", help="left or right: one side of a stereo file")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print words with times as JSON")] = False,
    progress: Annotated[bool, typer.Option(help="show a progress bar on stderr")] = True,
    acoustic_fillers: AcousticFillersOption = None,
) -> None:
    """Words with times, no analysis."""
    from coach.transcribe import transcribe_file

    settings = _settings(engine, model, acoustic_fillers)
    _check_channel(channel)
    update, close = _progress_bar(progress)
    try:
        transcript = transcribe_file(audio, settings, update, channel=channel)
    finally:
        close()
    if as_json:
        print_json(transcript.to_dict(with_sound=False))
    else:
        typer.echo(transcript.text)


@app.command("analyze")
@friendly_errors
def analyze_command(
    audio: Annotated[Path | None, typer.Argument(help="a recording of one answer")] = None,
    text: Annotated[
        str | None,  # not a Path: the words typed in quotes keep their "//" ("https://…")
        typer.Option(
            "--text",
            metavar="FILE",
            help="analyse a typed answer instead of audio: a text file, - for stdin, or the words in quotes",
        ),
    ] = None,
    engine: EngineOption = None,
    model: ModelOption = None,
    question: Annotated[
        str | None,
        typer.Option(metavar="ID", help="the id of the question this answers, a bank's or your own (user-…)"),
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help="keep the recording and store it as a practice answer")
    ] = False,
    interview: Annotated[
        int | None,
        typer.Option(
            metavar="ID", help="the interview this prepares for: its job description's terms are checked"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the full analysis as JSON")] = False,
    progress: Annotated[bool, typer.Option(help="show a progress bar on stderr")] = True,
    acoustic_fillers: AcousticFillersOption = None,
) -> None:
    """Fillers, pace, pauses and STAR structure of one answer (audio or --text)."""
    from coach.errors import InputError

    if (audio is None) == (text is None):
        raise InputError("Give either an audio file or --text FILE (not both); see `coach analyze --help`.")
    settings = _settings(engine, model, acoustic_fillers, transcribes=text is None)
    bank_question = _bank_question(question, settings)
    if text is not None:
        if save:
            raise InputError("--save stores recordings; typed answers are not stored yet. Drop --save.")
        result = _analyze_text(text, settings, bank_question, interview)
    else:
        from coach.practice import StoppedWithTakeKept

        try:
            result = _analyze_audio(audio, settings, bank_question, save, progress, interview)
        except StoppedWithTakeKept as e:  # "nothing was lost": neither where it is nor what finishes it
            path = str(e.recording.path)
            said = f"Stopped by the user before the analysis finished. The recording is kept at {path}; "
            said += "`coach reanalyze` analyses it."
            if e.attempt_id is not None:  # the moment after it was stored: nothing waits
                said = "Stopped by the user once the answer was analysed and saved; `coach history` lists it."
            typer.echo(flowed("", said, 0, whole=(path,)), err=True)
            raise typer.Exit(130) from None
    result = _in_the_terminal_words(result, bank_question.id if bank_question is not None else None)
    if as_json:
        print_json(result)
    else:
        typer.echo(_describe_analysis(result))


def _in_the_terminal_words(analysis: dict, question_id: str | None) -> dict:
    """An answer's analysis as a command prints it, in its text and its --json: a question of your
    own without talking points is told the command that adds them (it said "add what a strong
    answer covers on the Questions page" in the terminal, where no page is)."""
    from coach.analysis.scoring import points_added_where

    command = f"`coach edit-question {question_id or 'ID'} --talking-point POINT`"
    return points_added_where(analysis, f"with {command}")


def _check_given_file(path: Path, kind: str = "recording") -> None:
    """A file named to be read, `kind` "recording" or "text file": an empty name (which typer makes
    this folder, "."), a folder and a path with nothing there are each said in one sentence (an
    empty name read "No file at .", a folder "No file at takes/"); a recording as the coach checks
    any it reads (coach.audio.check_recording_file)."""
    if kind == "recording":
        from coach.audio import check_recording_file

        check_recording_file(path, path.name)
        return
    asked = "give the path of a text file"
    if names_this_folder(path):
        raise InputError(empty_name_said("a text file", asked))
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a text file; {asked} in it.")
    if not path.is_file():
        raise InputError(f"No text file at {path}; check the path and try again.")


def _bank_question(question_id: str | None, settings):
    if question_id is None:
        return None
    from coach.banks import get_question

    return get_question(question_id, settings.data_dir, owner=settings.owner)


def _analyze_text(source: str, settings, question, interview_id: int | None = None) -> dict:
    from coach.practice import typed_answer

    text = _read_text(source)
    if not text.strip():  # analysed as "0 words" with exit code 0, and advice to paste the text
        from coach.errors import InputError

        name = "The text given" if source == "-" else Path(source).name
        raise InputError(f"{name} has no words; write your answer in it and run the analysis again.")
    return typed_answer(text, settings, question=question, interview_id=interview_id).analysis


# A file with one of these endings is an answer written down, given where a recording goes.
TEXT_SUFFIXES = (".txt", ".md", ".text")


def _analyze_audio(
    path: Path, settings, question, save: bool, progress: bool, interview_id: int | None = None
) -> dict:
    from coach.errors import AudioError, NotAudioError, NotSavedError
    from coach.practice import practice_answer

    _check_given_file(path)
    if path.suffix.lower() in TEXT_SUFFIXES:  # "export it again as WAV…" of an answer written down
        raise NotAudioError(
            f"{path.name} is text, not a recording; `coach analyze --text {path}` analyses a typed answer."
        )
    if save:  # a model not here fails before a copy is kept: the file given stays where it is anyway
        from coach.transcribe import get_engine

        get_engine(settings)  # loaded once per process: practice_answer takes it from there
    update, close = _progress_bar(progress)
    try:
        result = practice_answer(
            path,
            settings,
            original_name=path.name,
            question=question,
            save=save,
            progress=_stage_to_seconds(update),
            interview_id=interview_id,
        )
    except AudioError as e:
        if not save or isinstance(e, (NotAudioError, NotSavedError)):  # nothing of it was kept
            raise
        # kept, as every recording is: said, with where it shows and how it goes
        raise AudioError(f"{e} {_kept_not_analysed(path, settings)}") from e
    finally:
        close()
    if result.attempt_id is None:
        return result.analysis
    typer.echo(
        f"Saved as practice answer #{result.attempt_id}; recording kept at {result.recording.path}.",
        err=True,
    )
    saved = {"attempt_id": result.attempt_id, "recording": str(result.recording.path)}
    return {**result.analysis, "saved": saved}


def _kept_not_analysed(source: Path, settings) -> str:
    """What `coach analyze --save` adds when the take it kept could not be analysed: where it is
    listed, and the command that deletes it, named by its stored path as `coach history` names it
    (found by the hash of the file given, as the Practice page finds its failed take)."""
    from coach.files import file_sha256
    from coach.unanalysed import failed_take

    said = "The recording is kept; `coach history` lists it as not analysed"
    try:
        with open_store(settings) as store:
            kept = failed_take(store, file_sha256(source))
    except (CoachError, OSError):  # the failure is the news, not a second one while looking
        kept = None
    if kept is None:
        return f"{said}, and `coach delete-recording` with its path deletes it."
    return f"{said}, and `coach delete-recording {kept.path}` deletes it."


def _stage_to_seconds(update):
    """The practice stages as the bar's progress, from transcribing on (`_progress_bar`): after it,
    the bar says what is being done ("Analysing fillers, pace and structure") and no time left."""
    from coach.practice import TRANSCRIBE_FROM, TRANSCRIBE_SHARE

    if update is None:
        return None
    transcribed_at = 100 * (TRANSCRIBE_FROM + TRANSCRIBE_SHARE)

    def stage(message: str, fraction: float) -> None:
        if fraction < TRANSCRIBE_FROM:
            return
        step = "Transcribing" if message.startswith("Transcribing") else message
        update(fraction * 100, 100, step, transcribed_at)

    return stage


def _held(interview: dict, none_picked_out: int = 0) -> str:
    """' · 3 answers analysed' for an interview held, ' · no recording reviewed yet' for one held
    with none uploaded (as the Interviews page says; '0 answers analysed' read as if a review had
    found none), ' · booked' for one still to come, nothing for an offer or a rejection logged as a
    stage (no interview to analyse). `none_picked_out`: of its answers, the whole recordings its
    reviews kept for want of a question (interview_log.picked_out_none), counted as no answer: ' · no
    answers picked out' when they are all it has, as the Interviews card's "none picked out"."""
    from datetime import date

    from coach.interview_log import answers_analysed
    from coach.playbook import is_ahead, is_interview

    if is_ahead(interview, date.today()):
        return " · booked"
    if none_picked_out and interview["answers"] <= none_picked_out:  # it read "0 of 1 answer analysed"
        return " · no answers picked out"
    interview = {**interview, "answers": interview["answers"] - none_picked_out}
    if not interview["answers"] and not interview.get("recordings") and is_interview(interview["stage"]):
        return " · no recording reviewed yet"
    if interview["answers"] or is_interview(interview["stage"]):
        noun = "answer" if interview["answers"] == 1 else "answers"
        return f" · {answers_analysed(interview)} {noun} analysed"
    return ""


def _describe_analysis(result: dict) -> str:
    """The analysis as the terminal prints it, every line in 80 columns: the transcript wrapped at
    words (its own line breaks kept), a score's reasons and a point of feedback on lines under
    their words. They were one line each: the content score's reasons 246 columns, a 20 s news
    clip's transcript 2,433, cut mid-word by the terminal."""
    from coach.analysis.word_use import word_lines

    # a typed file's last newline is the file's, not the answer's: it made two blank lines here
    transcript = [flowed("", line, 0) for line in result["transcript"].rstrip().splitlines()]
    if result.get("scores", {}) is None:  # the quality gate stopped it: why, and no numbers
        return "\n".join([*transcript, "", *(flowed("", w, 2) for w in result.get("warnings", []))])
    m = result["metrics"]
    pace = [] if m.get("wpm") is None else [f"{m['wpm']:.0f} wpm"]  # typed text has no pace
    # fillers as the page's headline counts them, repeated and broken-off words named apart: "1 filler"
    # was said of a news clip's one repeated word where the page read "Fillers 0"
    facts = [count(m["words"], "word"), *pace, counted_apart(m.get("filler_counts") or {})]
    lines = [
        *transcript,
        "",
        flowed("", " · ".join(facts) + f" ({m['fillers_per_100_words']:.1f} per 100 words)", 2),
    ]
    scores = result.get("scores", {})
    if scores.get("overall") is not None:  # the app's headline figure comes first here too
        lines.append(f"overall: {scores['overall']}/100")
    lines += [
        flowed(f"{name}: ", f"{s['score']}/100 — {s['because']}", 2)
        for name, s in scores.items()
        if isinstance(s, dict) and s.get("score") is not None
    ]
    lines += [""] + [flowed("• ", point, 2) for point in result.get("feedback", [])]
    lines += [flowed("", line, 2) for line in word_lines(m)]
    lines += [flowed("Note: ", w, 2) for w in result.get("warnings", [])]
    return "\n".join(lines)


def _check_channel(channel: str | None) -> None:
    from coach.errors import InputError

    if channel not in (None, "left", "right"):
        raise InputError(f"Unknown channel '{channel}'; use left or right.")


@app.command("record")
@friendly_errors
def record_command(
    out: Annotated[Path, typer.Argument(help="the .wav file to write")],
    seconds: Annotated[float, typer.Option(metavar="SECONDS", help="how long to record")] = 60.0,
    replace: Annotated[bool, typer.Option("--replace", help="write over a file already there")] = False,
) -> None:
    """Record an answer from the microphone into a WAV file."""
    from coach.audio import TakeNotKept, record, write_wav
    from coach.errors import InputError, NotSavedError
    from coach.types import SAMPLE_RATE

    if not 0.5 <= seconds <= 3 * 3600:
        raise InputError(f"--seconds is how long to record, from 0.5 to 10,800 (3 hours), not {seconds:g}.")
    _check_take_path(out, replace)
    typer.echo(f"Recording up to {seconds:g} s… speak now (Ctrl+C when you have finished).", err=True)
    there_before = _file_at(out)  # with --replace, the file the take goes over
    try:
        samples = record(seconds)
    except TakeNotKept:  # a second Ctrl+C as the take ended: "nothing was lost" was untrue
        said = f"Stopped by the user as the take ended, before it was written to {out}, so it was not kept"
        typer.echo(flowed("", f"{said}; record it again.", 0, whole=(str(out),)), err=True)
        raise typer.Exit(130) from None
    try:
        if len(samples) < SAMPLE_RATE // 2:
            raise InputError("Stopped before anything was recorded; nothing was saved.")
        write_wav(out, samples)
    except OSError as e:  # a full disk: said, not a traceback (the place was checked before the take)
        reason = (e.strerror or str(e)).lower()
        raise NotSavedError(
            f"The take could not be written to {out} ({reason}), so it is lost; free some space or "
            "choose another folder, and record it again."
        ) from e
    except KeyboardInterrupt:  # a second Ctrl+C as the take is written: "nothing was lost" was untrue
        said = _stopped_as_the_take_is_written(out, written=_file_at(out) != there_before)
        typer.echo(flowed("", said, 0, whole=(str(out),)), err=True)
        raise typer.Exit(130) from None
    typer.echo(f"Saved {out}. Analyse it with `coach analyze {out}`.", err=True)


def _file_at(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device and inode), None when none is: a take written there is a new
    file (coach.audio.write_wav moves it in whole), so a change says the take was written."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _stopped_as_the_take_is_written(out: Path, *, written: bool) -> str:
    """Ctrl+C after the take ended, as it was written to `out`: whether it was (a moment after the
    file was put in place) or is lost, as it is when stopped midway (no half file is left)."""
    if written:
        return f"Stopped by the user once the take was saved in {out}; analyse it with `coach analyze {out}`."
    return f"Stopped by the user while the take was written to {out}, so it was not kept; record it again."


def _check_take_path(out: Path, replace: bool) -> None:
    """Where `coach record` writes, checked before the take: found after it, a folder ended in a
    traceback and a file already there (the take before) was written over, unsaid."""
    import os

    asked = "give the name of the .wav file to write in it"
    if names_this_folder(out):
        raise InputError(empty_name_said("a recording", asked))
    if out.is_dir():
        raise InputError(f"{out} is a folder; {asked}.")
    if out.exists() and not replace:
        raise InputError(f"{out} already exists; give another name, or add --replace to write over it.")
    there = next(p for p in (out.absolute().parent, *out.absolute().parents) if p.exists())
    if not there.is_dir() or not os.access(there, os.W_OK | os.X_OK):
        raise InputError(
            f"A take cannot be written in {out.parent} (not a folder you may write in); choose another."
        )


@app.command("models")
@friendly_errors
def models_command(
    download: Annotated[
        str | None, typer.Option(metavar="MODEL", help="fetch this model once (needs the internet)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Which engines and models are available offline."""
    from coach.config import load_settings
    from coach.transcribe import available_models
    from coach.transcribe.models import INSTALLABLE, model_name

    settings = load_settings()
    if download:
        _download_model(download, settings)
    infos = available_models(settings)
    if as_json:
        print_json([i.to_dict() for i in infos])
        return
    for info in infos:
        mark = "available" if info.available else "not here"
        default = " (default)" if (info.engine, info.name) == (settings.engine, settings.model) else ""
        installable = info.engine == "faster-whisper" and info.name in INSTALLABLE
        how = "; `make models` installs it" if installable and not info.available else ""
        named = model_name(info.engine, info.name)  # as the Settings page names it
        note = f"{named}: {info.note}" if named else info.note
        # what it is wrapped at words under its own column, in 80 columns
        head = f"{info.engine:<15} {info.name:<15} {mark:<10} "
        typer.echo(flowed(head, f"{note}{how}{default}", len(head)).rstrip())
    _echo_in_80_columns(
        "The others marked not here are fetched from the internet only when you ask: "
        "coach models --download NAME.",
        err=True,
    )


def _download_model(name: str, settings) -> None:
    from dataclasses import replace

    from coach.transcribe import get_engine
    from coach.transcribe.models import check_downloadable

    check_downloadable(name)
    get_engine(replace(settings, model=name))  # loading by name fetches it, or explains why not
    typer.echo(f"{name} is ready.", err=True)


# The id column of `coach questions`: the banks' ids fit it. An own question's id is longer
# ("user-why-are-you-leaving-your-1" made every row start its words at column 36, and a row ran to 268
# columns): it takes a line of its own, its words on the next under the column.
ID_COLUMN = 14


@app.command("questions")
@friendly_errors
def questions_command(
    category: Annotated[
        str | None,
        typer.Option(
            metavar="CATEGORY",
            help="behavioural, motivation, situational, closing, technical, system-design or role-specific",
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            metavar="ROLE",
            # the names `coach settings --role` and `coach mock --role` take and list: it listed
            # "e.g. software-engineer (swe), …" without any (the short names are still taken)
            help=f"the jobs whose questions are listed, with those for any role: {ROLE_NAMES}; any "
            "lists every question",
        ),
    ] = None,
    competency: Annotated[
        str | None, typer.Option(metavar="COMPETENCY", help="e.g. leadership, conflict, system-design")
    ] = None,
    difficulty: Annotated[str | None, typer.Option(metavar="LEVEL", help="easy, medium or hard")] = None,
    search: Annotated[
        str | None,
        typer.Option(
            metavar="WORDS",
            help="words to find in the question, its talking points or competencies "
            '("outage" finds reliability questions)',
        ),
    ] = None,
    pick_random: Annotated[bool, typer.Option("--random", help="show one matching question")] = False,
    to_ask: Annotated[bool, typer.Option("--to-ask", help="questions to ask the interviewer")] = False,
    topic: Annotated[
        str | None,
        typer.Option(
            metavar="TOPIC",
            help="with --to-ask: process, why-reached-out, role-and-team, expectations, growth, ...",
        ),
    ] = None,
    starred_only: Annotated[
        bool, typer.Option("--starred", help="only the questions you starred (`coach star ID`)")
    ] = False,
    favourites: Annotated[bool, typer.Option("--favourites", hidden=True)] = False,  # --starred's old name
    yours_only: Annotated[
        bool,
        typer.Option("--yours", help="only your own questions (added by you, or asked in a real interview)"),
    ] = False,
    answered_only: Annotated[
        bool,
        typer.Option(
            "--answered", help="only the questions you have answered (practice, mock or real interviews)"
        ),
    ] = False,
    not_answered: Annotated[
        bool, typer.Option("--not-answered", help="only the questions you have not answered yet")
    ] = False,
    not_answered_in: Annotated[
        int | None,
        typer.Option(
            metavar="DAYS",
            min=1,
            help="only the questions you have not answered in the last DAYS days (never answered included)",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """List practice questions from the shipped banks and your own, or questions to ask them. Each
    you have answered (practice, mock or real interviews) says how often, when last and its score."""
    from coach import banks
    from coach.config import load_settings

    settings = load_settings()
    data_dir = settings.data_dir
    starred_only = starred_only or favourites
    if to_ask:
        ignored = [
            flag
            for flag, value in (
                ("--category", category), ("--role", role), ("--competency", competency),
                ("--difficulty", difficulty), ("--search", search), ("--random", pick_random or None),
                ("--starred", starred_only or None), ("--yours", yours_only or None),
                ("--answered", answered_only or None),
                ("--not-answered", not_answered or None),
                ("--not-answered-in", not_answered_in),
            )
            if value is not None
        ]  # fmt: skip
        if ignored:
            raise InputError(
                f"{listed(ignored)} {'chooses' if len(ignored) == 1 else 'choose'} practice questions; "
                "questions to ask them are chosen with --topic."
            )
        asks = banks.load_questions_to_ask(data_dir, topic=topic)
        if as_json:
            print_json([a.to_dict() for a in asks])
        for ask in [] if as_json else asks:
            # the question and why to ask it each wrapped under the column, in 80 columns
            asked = _id_and_text(ask.id, f"[{ask.topic}] {ask.text}")
            typer.echo(f"{asked}\n{flowed(' ' * (ID_COLUMN + 1), ask.why, ID_COLUMN + 1)}")
        return
    if topic is not None:
        raise InputError("--topic chooses questions to ask them; add --to-ask.")
    if not_answered and not_answered_in is not None:
        raise InputError(
            "--not-answered lists the questions never answered and --not-answered-in DAYS those not "
            "answered lately (never answered included); choose one."
        )
    if answered_only and (not_answered or not_answered_in is not None):
        flag = "--not-answered" if not_answered else "--not-answered-in"
        raise InputError(f"--answered lists the questions you have answered and {flag} others; choose one.")
    if role is not None and banks.normalise_role(role) == "any":
        # "Any role (all questions)", as Settings, the Questions page's Role filter and `coach mock
        # --role any` mean it: it listed only the questions written for no role in particular
        role = None
    filters = dict(category=category, role=role, competency=competency, difficulty=difficulty, text=search)
    questions = banks.load_questions(data_dir, owner=settings.owner)
    starred, answered = _stars_and_answers(settings)
    if starred_only:  # as the Questions page's "Starred only"
        questions = [q for q in questions if q.id in starred]
        if not questions:
            raise InputError("You have starred no question yet; star one with `coach star ID`.")
    if yours_only:  # as the Questions page's "Yours only": at the end of the banks' ~300 otherwise
        questions = [q for q in questions if q.source != "bank"]
        if not questions:
            raise InputError("You have added no question of your own yet; add one with `coach add-question`.")
    from coach.local_time import long_date, today
    from coach.progress import answered_words, by_answers

    matching = banks.filter_questions(questions, **filters)
    if not_answered or not_answered_in is not None:
        which = "not yet" if not_answered else "not lately"
        answered_or_not = by_answers(matching, answered, which, today(), days=not_answered_in or 0)
        if pick_random and matching and not answered_or_not:
            flag, lately = ("--not-answered", "") if not_answered else ("--not-answered-in", " lately")
            raise InputError(
                f"You have answered every question that matches{lately}; drop {flag} to pick among them."
            )
        matching = answered_or_not
    elif answered_only:  # the Questions page's "Answered before"
        answered_ones = by_answers(matching, answered, "answered", today())
        if pick_random and matching and not answered_ones:
            raise InputError(
                "You have answered no question that matches yet; drop --answered to pick among them."
            )
        matching = answered_ones
    if pick_random:  # among those the list shows: it ignored --not-answered and picked an answered one
        question = banks.random_question(matching, **filters)
        if as_json:
            print_json(_question_json(question, starred, answered))
        else:
            typer.echo(_describe_question(question))
        return
    if as_json:
        print_json([_question_json(q, starred, answered) for q in matching])
        return
    for q in matching:
        star = " ★" if q.id in starred else ""
        # its length as the pages give it ("about 2:00"), not "120 s"
        row = _id_and_text(q.id, f"[{q.category} · {q.difficulty} · {clock(q.target_s)}] {q.text}{star}")
        before = answered.get(q.id)
        if before:  # as the Questions page says it, its day as `coach progress` says a day in a
            # sentence: "last on 2026-09-13" stood beside the page's "last on Sun 13 Sep"
            said = answered_words(before, f"on {long_date(before.last_day)}")
            row = flowed_after(row, f"— {said}", ID_COLUMN + 1)
        typer.echo(row)
    shown_answered = sum(1 for q in matching if q.id in answered)
    typer.echo(
        f"{len(matching)} question{'s' if len(matching) != 1 else ''}"
        f"{f', {shown_answered} of them answered' if shown_answered else ''}.",
        err=True,
    )


def _stars_and_answers(settings) -> tuple[set[str], dict]:
    """The questions the user starred, and coach.progress.answered_by_question for their answers,
    read from one opening of the store and without making a database that is not there yet."""
    if not settings.has_database:
        return set(), {}
    from coach import store as repository
    from coach.progress import answered_by_question

    with open_store(settings) as store:
        starred = set(repository.list_favourites(store))
        return starred, answered_by_question(repository.list_attempts(store), repository.list_turns(store))


def _question_json(question, starred: set[str], answered: dict) -> dict:
    """One question as `coach questions --json` gives it, --random or not: whether starred and how
    often answered beside the bank's fields."""
    # "starred" as the Questions page and `coach star` say it; "favourite", its old name, kept for
    # the scripts that read it (a key is added, none renamed: DESIGN.md's contract)
    return {
        **question.to_dict(),
        "starred": question.id in starred,
        "favourite": question.id in starred,
        **_answered_json(answered.get(question.id)),
    }


def _answered_json(before) -> dict:
    """How often a question was answered, for `coach questions --json`."""
    return {
        "times_answered": before.times if before else 0,
        "last_answered": before.last_day.isoformat() if before else None,
        "last_score": before.last_score if before else None,
    }


@app.command("star")
@app.command("favourite", hidden=True)  # its old name, still taken
@friendly_errors
def star_command(
    question_id: Annotated[str, typer.Argument(help="the question's id (see `coach questions`)")],
    remove: Annotated[bool, typer.Option("--remove", help="take the star off")] = False,
) -> None:
    """Star a question, as the Questions page does (--remove takes the star off); `coach questions
    --starred` lists the starred ones."""
    from coach import banks
    from coach import store as repository
    from coach.config import load_settings

    settings = load_settings()
    question = banks.get_question(question_id, settings.data_dir, owner=settings.owner)
    with open_store(settings) as store:
        was = question.id in repository.list_favourites(store)
        repository.set_favourite(store, question.id, not remove)
    said = one_line(question.text).rstrip(".")  # the sentence's own full stop follows the quote
    if remove:
        typer.echo(f"Took the star off “{said}”." if was else f"“{said}” had no star; nothing changed.")
    else:
        typer.echo(f"“{said}” was already starred." if was else f"Starred “{said}”.")


def _id_and_text(question_id: str, text: str) -> str:
    """A question's id in the id column and its words wrapped under the column to fit 80 columns
    (`coach questions`); an id wider than the column (an own question's user-… id) whole on a line of
    its own, to copy, its words on the next under the column as the other rows have them."""
    indent = ID_COLUMN + 1
    if len(question_id) <= ID_COLUMN:
        return flowed(f"{question_id:<{ID_COLUMN}} ", text, indent)
    return f"{question_id}\n{flowed(' ' * indent, text, indent)}"


def _describe_question(question) -> str:
    # "free" told nothing: the shape the answer takes, as the Practice page's STAR timeline means it
    shape = "a story (STAR)" if question.format == "star" else "no story needed"
    lines = [
        flowed("", question.text, 0),
        "",
        flowed("", f"{question.id} · {question.category} · {question.difficulty} · {shape}"
                   f" · about {clock(question.target_s)}", 0),
        "",
        "A strong answer covers:",
    ]  # fmt: skip
    # each wrapped in 80 columns under its own first word
    lines += [flowed("  - ", point, 4) for point in question.talking_points]
    lines += ["", "Follow-ups:"] + [flowed("  - ", f, 4) for f in question.follow_ups]
    return "\n".join(lines)


@app.command("edit-question")
@friendly_errors
def edit_question_command(
    question_id: Annotated[str, typer.Argument(help="one of your own questions (ids start with user-)")],
    text: Annotated[str | None, typer.Option(metavar="TEXT", help="the question's new words")] = None,
    category: Annotated[
        str | None, typer.Option(metavar="CATEGORY", help="behavioural, motivation, situational, ...")
    ] = None,
    competency: Annotated[
        list[str] | None,
        typer.Option(metavar="COMPETENCY", help="what it practises, e.g. leadership; repeat for more"),
    ] = None,
    difficulty: Annotated[str | None, typer.Option(metavar="LEVEL", help="easy, medium or hard")] = None,
    talking_point: Annotated[
        list[str] | None,
        typer.Option(metavar="POINT", help="what a good answer covers; repeat for more (replaces them all)"),
    ] = None,
) -> None:
    """Change one of your own questions: its words, category, competencies, difficulty or talking
    points (as the Questions page edits them)."""
    from coach import banks
    from coach.config import load_settings

    _check_none_empty(competency, talking_point)
    changes = {
        k: v
        for k, v in (
            ("text", text),
            ("category", category),
            ("competencies", list(competency or ()) or None),
            ("difficulty", difficulty),
            ("talking_points", list(talking_point or ()) or None),
        )
        if v is not None
    }
    if not changes:
        raise InputError(
            "Say what to change: --text, --category, --competency, --difficulty or --talking-point."
        )
    settings = load_settings()
    before = next(
        (q for q in banks.load_questions(settings.data_dir, owner=settings.owner) if q.id == question_id),
        None,
    )
    question = banks.edit_user_question(
        settings.data_dir, question_id, owner=settings.owner, typed=True, **changes
    )
    typer.echo(_own_question_lines(question))
    # told again from its new words, as the Questions page's "Saved: …" says: "execution,
    # customer-focus" became "customer-focus" without a word
    chosen = competency or banks.competencies_chosen(before.competencies, before)
    if was := banks.competencies_retold(before, question, chosen):
        keep = " ".join(f"--competency {c}" for c in was)
        # the command on a line of its own, to copy whole
        typer.echo(
            flowed("", f"{banks.told_words(question.competencies, before=was)}. To keep the ones it had:", 0)
        )
        typer.echo(f"  coach edit-question {question.id} {keep}")


def _check_none_empty(competencies: list[str] | None, talking_points: list[str] | None) -> None:
    """An empty --competency or --talking-point, said in the person's words: it read "The
    talking_points of the new question must be a non-empty list of strings"."""
    for flag, given, what in (
        ("--competency", competencies, "what the question practises, e.g. leadership"),
        ("--talking-point", talking_points, "what a good answer covers"),
    ):
        if any(not value.strip() for value in given or ()):
            raise InputError(f"A {flag} is empty; type {what}, or leave it out.")


@app.command("add-question")
@friendly_errors
def add_question_command(
    text: Annotated[str, typer.Argument(help="the question, in your words")],
    category: Annotated[
        str | None,
        typer.Option(
            metavar="CATEGORY",
            help="behavioural, motivation, situational, ... (default: told from the question's words)",
        ),
    ] = None,
    competency: Annotated[
        list[str] | None,
        typer.Option(
            metavar="COMPETENCY",
            help="what it practises, e.g. leadership; repeat for more (default: told from its words)",
        ),
    ] = None,
    difficulty: Annotated[str, typer.Option(metavar="LEVEL", help="easy, medium or hard")] = "medium",
    talking_point: Annotated[
        list[str] | None, typer.Option(metavar="POINT", help="what a good answer covers; repeat for more")
    ] = None,
) -> None:
    """Add a question of your own to practise (as the Questions page's "Add your own")."""
    from coach import banks
    from coach.config import load_settings

    _check_none_empty(competency, talking_point)
    settings = load_settings()
    banks.check_not_there(settings.data_dir, text, owner=settings.owner)
    question = banks.add_user_question(
        settings.data_dir,
        text,
        category=category,
        competencies=competency,  # none: told from the question's words (banks.guess_competencies)
        difficulty=difficulty,
        talking_points=talking_point or [],
        owner=settings.owner,
    )
    typer.echo(_own_question_lines(question))


def _own_question_lines(question) -> str:
    """`user-… · behavioural · the words`, then what it practises, its talking points and the
    follow-up you may get (as the Questions page's edit form says it: reworded, it changes)."""
    # each wrapped at words in 80 columns, the id whole at the start to copy
    lines = [
        flowed("", f"{question.id} · {question.category} · {question.text}", 2),
        flowed("  ", f"practises: {', '.join(question.competencies)}; difficulty {question.difficulty}", 4),
    ]
    lines += [flowed("  - ", point, 4) for point in question.talking_points]
    lines += [flowed("  follow-up: ", follow_up, 4) for follow_up in question.follow_ups[:1]]
    return "\n".join(lines)


@app.command("delete-question")
@friendly_errors
def delete_question_command(
    question_id: Annotated[str, typer.Argument(help="one of your own questions (ids start with user-)")],
    answers_to: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help="file its answers under this question instead (e.g. the bank question it copies)",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="do it without asking (it cannot be undone)")] = False,
) -> None:
    """Delete one of your own questions; its answers keep its words, or move with --answers-to."""
    from coach import banks
    from coach.config import load_settings

    settings = load_settings()
    if answers_to is not None:  # it read only "There is no other question with id 'nope' to file …"
        _check_answers_to(
            banks.load_questions(settings.data_dir, owner=settings.owner), question_id, answers_to
        )
    kept = 0  # its answers left under its words, said before and after (as the Questions page does)

    def agreed(question) -> None:
        nonlocal kept
        from coach.store import count_answers_to

        with open_store(settings) as store:
            answers = count_answers_to(store, question.id)
        kept = 0 if answers_to else answers
        if answers_to:
            its = "whose answer" if answers == 1 else f"whose {count(answers, 'answer')}"
            where = f"{its} will be filed under {answers_to}"
        else:
            where = f"{banks.answers_stay(answers, 'whose')} in your history under its words"
        whose = f", {where}" if answers else ""
        _agreed_to_delete(
            f"your question {question.id} (“{one_line(question.text).rstrip('.?!')}”){whose}", yes
        )

    moved = banks.delete_user_question(
        settings.data_dir, question_id, answers_to=answers_to, owner=settings.owner, agreed=agreed
    )
    where = f"; {count(moved, 'answer')} now filed under {answers_to}" if answers_to else ""
    if kept:
        them = "it" if kept == 1 else "them"
        where = f"; {banks.answers_stay(kept)} in your history under its words (`coach history` lists {them})"
    typer.echo(f"Deleted {question_id}{where}.")


def _check_answers_to(questions, question_id: str, answers_to: str) -> None:
    """The --answers-to of `coach delete-question`, another question there is, or one sentence saying
    where to find its id."""
    if answers_to == question_id:
        raise InputError(
            f"--answers-to names {question_id}, the question being deleted; give another question's id "
            "(`coach questions` lists them)."
        )
    if not any(q.id == answers_to for q in questions):
        raise InputError(
            f"There is no question with id '{answers_to}' to file the answers under; `coach questions` "
            "lists the ids (--search WORDS finds one by its words)."
        )


@app.command("playbook")
@friendly_errors
def playbook_command(
    section: Annotated[
        str | None, typer.Argument(help="before, after, cadence or options; all if omitted")
    ] = None,
    interviews: Annotated[
        int | None, typer.Option(metavar="N", help="with cadence: interviews in the goal")
    ] = None,
    every_days: Annotated[
        int | None, typer.Option(metavar="DAYS", help="with cadence: the goal's period in days")
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="print it as Markdown, to keep as a file (> playbook.md)")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """The "always be interviewing" playbook: checklist, debrief template, cadence, options."""
    from coach import playbook as pb
    from coach.config import load_settings
    from coach.errors import InputError

    settings = load_settings()
    if interviews is not None or every_days is not None:
        if section != "cadence":
            raise InputError(
                "--interviews and --every-days change the cadence;"
                " run `coach playbook cadence --interviews N --every-days D`."
            )
        pb.set_cadence(settings, pb.load_playbook().cadence, interviews=interviews, period_days=every_days)
    book = pb.load_playbook_for(settings)
    sections = [section] if section else list(pb.SECTIONS)
    if as_json:
        print_json({name: pb.section_data(book, name) for name in sections})
    else:
        shown = "\n".join(pb.render(book, name, plain=not markdown) for name in sections)
        # in the terminal, each paragraph wrapped at words in 80 columns (a bullet's next lines under
        # its words); the Markdown kept as a file as written
        typer.echo(
            shown if markdown else "\n".join(_paragraph_in_80_columns(line) for line in shown.split("\n"))
        )


@app.command("goals")
@friendly_errors
def goals_command(
    practice_days: Annotated[
        int | None, typer.Option(metavar="N", help="practise on N days every --every-days days")
    ] = None,
    every_days: Annotated[
        int | None, typer.Option(metavar="DAYS", help="the practice goal's period in days (a week at first)")
    ] = None,
    pace: Annotated[float | None, typer.Option(metavar="WPM", help="a pace target, words per minute")] = None,
    fillers_per_100_words: Annotated[
        float | None, typer.Option(metavar="N", help="a target for fillers per 100 words")
    ] = None,
    fillers_per_minute: Annotated[
        float | None, typer.Option(metavar="N", help="a target for fillers per minute")
    ] = None,
    overall_score: Annotated[
        float | None, typer.Option(metavar="N", help="a target for the overall score (1-100)")
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(metavar="GOAL", help="remove a goal: practice, pace, fillers-per-100-words, … or all"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Your goals and where you stand on each: how often to practise, how often to interview for real
    (set with `coach playbook cadence`), as the Progress page says them, and a target per measure;
    with options, set or clear them first."""
    from coach import goals as g
    from coach import playbook as pb
    from coach.local_time import long_date
    from coach.progress import (
        practice_goal_standing,
        practice_goal_words,
        real_interview_goal_standing,
        real_interview_next_words,
    )

    changes = _goal_changes(
        practice=(practice_days, every_days),
        targets={
            "wpm": pace,
            "fillers_per_100_words": fillers_per_100_words,
            "fillers_per_min": fillers_per_minute,
            "score_overall": overall_score,
        },
        clear=clear or [],
    )
    with open_store() as store:
        yours = g.change_goals(store, changes) if changes else g.your_goals(store)
        cadence = pb.current_cadence(store.settings, pb.load_playbook().cadence, store)
        standing = practice_goal_standing(store)
        real = real_interview_goal_standing(store)
    yours["real_interviews"] = {"interviews": cadence.interviews, "every_days": cadence.period_days}
    # where the real-interview goal stands, as `coach progress --json` counts it (its cadence's
    # "real_interviews") and the Progress page's "Next real interview" shows it
    yours["real_interviews_standing"] = {
        k: real[k] for k in ("state", "in_current_period", "next_due", "next_booked")
    }
    # where the practice goal stands, as `coach progress --json` counts it (its cadence's
    # "practice_attempts"); "practice" stays the goal as set, as the options set it
    yours["practice_standing"] = (
        {k: standing[k] for k in ("state", "in_current_period", "next_due")} if standing["goal"] else None
    )
    if as_json:
        print_json(yours)
        return
    # the goal and where it stands, in `coach progress`'s words: "on 3 days every week — behind, 2
    # of 3 days in the last week; practise today" (the same goal: both read the newest set)
    due = standing["next_due"]
    stands = practice_goal_words(standing, long_date(due) if due else "")
    lines = [
        f"Practice: {f'{stands[0]} — {stands[1]}, {stands[2]}' if stands else 'no goal set'}.",
        # where it stands as `coach interviews` says it, the day and state the Progress page shows
        f"Real interviews: {count(cadence.interviews, 'interview')} every {cadence.period_label}; "
        f"{real['in_current_period']} held in the last {count(real['goal']['period_days'], 'day')}; "
        f"{real_interview_next_words(real)}. `coach playbook cadence` changes it.",
    ]
    for kind, target in g.TARGETS.items():
        value = yours["targets"].get(kind)
        said = "no goal set" if value is None else target.value_words(value)
        lines.append(f"{target.name.capitalize()}: {said}.")
    if not changes:
        lines.append(
            "Set one with --practice-days N --every-days DAYS, --pace WPM, --fillers-per-100-words N, "
            "--fillers-per-minute N or --overall-score N; remove one with --clear (e.g. --clear pace)."
        )
    _echo_in_80_columns("\n".join(lines))


def _goal_changes(practice: tuple[int | None, int | None], targets: dict, clear: list[str]) -> dict:
    """What `coach goals` was asked to change, as coach.goals.change_goals takes it."""
    from coach import goals as g

    names = {"practice": g.PRACTICE_KIND} | {t.option: kind for kind, t in g.TARGETS.items()}
    changes: dict[str, object] = {kind: value for kind, value in targets.items() if value is not None}
    if practice != (None, None):
        changes[g.PRACTICE_KIND] = practice
    cleared: set[str] = set()
    for name in clear:
        if name == "all":
            cleared |= set(names.values())
        elif name in names:
            cleared.add(names[name])
        else:
            raise InputError(f"--clear takes {', '.join(names)} or all, not {name!r}.")
    both = [name for name, kind in names.items() if kind in cleared and kind in changes]
    if both:
        raise InputError(f"Both set and cleared: {', '.join(both)}; give one or the other.")
    return changes | dict.fromkeys(cleared)


# ---------------------------------------------------------------- history, progress, export, import
# (coach.store / coach.progress; each command opens the store, does one thing, closes it)


@contextlib.contextmanager
def open_store(settings=None) -> Iterator:
    """The store for these settings (the user's by default), closed when the command is done."""
    from coach.config import load_settings
    from coach.store import open_store as open_database

    store = open_database(settings or load_settings())
    try:
        yield store
    finally:
        store.close()


# How many practice answers `coach history` lists without --limit: a screenful, newest first.
HISTORY_SHOWN = 20
# How wide `coach history`'s question-id column grows: 80 columns less the answer's number and time
# (25), a space and its figures (36 at most). An own question's id is longer
# ("user-what-kind-of-manager-brings-1" made every row 95 columns, wrapped by an 80-column
# terminal): it takes a line of its own, its figures on the next in the same columns.
HISTORY_ID_COLUMN = 18
# After the time of an answer given in a mock interview, as the Progress page's tables name it ("5 Dec
# mock"); while one is listed, the id column gives up its room. "  mock interview" at the end of the
# line made those rows 88-95 columns wide.
HISTORY_MOCK = " mock"
# A `coach history` line is TERMINAL_WIDTH at most: what ends a row (a mock interview follow-up's
# words, a real answer's company and stage) goes on the next line when the row has no room for it,
# cut at a word there when it is longer than the line.


@app.command("history")
@friendly_errors
def history_command(
    question: Annotated[
        str | None, typer.Option(metavar="ID", help="only practice and real answers to this question id")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(metavar="N", min=1, help="at most this many practice answers [default: the newest 20]"),
    ] = None,
    not_measured: Annotated[
        bool,
        typer.Option(
            "--not-measured",
            help="only the practice answers that could not be measured (too short, ...), each with why",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Stored practice answers (the newest 20 unless --limit; --json lists them all) and real
    interviews, newest first."""
    from collections import Counter

    from coach import store as repository
    from coach.interview_log import picked_out_none, stage_listed
    from coach.local_time import local_moment  # stored in UTC, listed on the user's clock
    from coach.local_time import today as local_today
    from coach.pipeline import joining_stages
    from coach.progress import in_mock_interview
    from coach.unanalysed import why_not_analysed

    with open_store() as store:
        settings = store.settings
        history = {
            # all of them: the count under the list says how many there are (with --limit 5 it
            # said "5 practice answers." of 40)
            "attempts": repository.list_attempts(store, question_id=question),
            "real_answers": repository.list_turns(store, question_id=question),
            "interviews": [] if question else repository.list_interviews(store),
            "unanalysed_recordings": [] if question else repository.unanalysed_recordings(store),
        }
        if question and not history["attempts"] and not history["real_answers"]:
            _check_question_known(store, question)
        if not_measured:
            # the Progress page's fold, for `coach progress`'s "could not be measured" line: a
            # year's 13 were nowhere in the newest 20 that `coach history` lists
            every_practice = len(history["attempts"])
            history = {
                "attempts": [
                    {**a, "why": _why_not_measured(repository.get_attempt(store, a["id"]))}
                    for a in history["attempts"]
                    if a["score_overall"] is None
                ],
                "real_answers": [],
                "interviews": [],
                "unanalysed_recordings": [],
            }
        # "other" after the offer you accepted there is a "meeting", as `coach interviews` lists it:
        # the pipeline read only when the terminal lists an interview
        named_stages = not as_json and (history["interviews"] or (question and history["real_answers"]))
        joining = joining_stages(store, local_today()) if named_stages else set()
        # by interview, the whole recordings kept by reviews that picked out no answer: no answer each
        none_picked = Counter(picked_out_none(store).values()) if history["interviews"] else Counter()
    if as_json:  # every answer, for a script (the newest --limit, when given)
        history["attempts"] = history["attempts"][:limit]
        print_json(history)
        return
    # the terminal lists the newest few unless asked for more (300 answers scrolled past unread)
    every = history["attempts"]
    in_mock = sum(1 for a in every if in_mock_interview(a))
    history["attempts"] = every[: HISTORY_SHOWN if limit is None else limit]
    from coach.banks import load_questions

    # an answer to a question deleted since (one of your own) is listed by its words, not an id
    # that `coach questions` no longer knows
    known = {q.id for q in load_questions(settings.data_dir, owner=settings.owner)}
    for a in history["attempts"]:
        a["shown_id"] = a["question_id"] if a["question_id"] in known else None
    from coach.local_time import in_lived_order

    real = history["real_answers"] if question else []
    # the id column as wide as the longest id shown, up to what keeps a row in 80 columns
    id_width = max(
        [1] + [len(a["shown_id"] or "-") for a in history["attempts"]] + [len(question or "")] * bool(real)
    )
    mock_shown = any(in_mock_interview(a) for a in history["attempts"])
    when_width = len("YYYY-MM-DD HH:MM") + len(HISTORY_MOCK) * mock_shown
    id_width = min(id_width, HISTORY_ID_COLUMN - len(HISTORY_MOCK) * mock_shown)
    rows = []  # (when it was said, as lived; the line)
    for a in history["attempts"]:
        # the columns line up whatever is missing; an answer with no bank id (a mock interview's
        # follow-up) says its question after its figures
        asked = (
            "" if a["shown_id"] or not a["question_text"] else one_line(" ".join(a["question_text"].split()))
        )
        when = f"{local_moment(a['created_at']):%Y-%m-%d %H:%M}" + HISTORY_MOCK * in_mock_interview(a)
        said = _figures(a)
        if not_measured:  # its sentence follows, saying why: "not scored:" is enough before it
            said = "not scored:" if a.get("off_the_question") else f"{said.rstrip()}:"
        head = f"#{a['id']:<5} {when:<{when_width}}  "
        line = _history_row(head, a["shown_id"] or "-", id_width, said, asked, quoted=True)
        if not_measured:  # why, whole: after the figures when it fits, else wrapped under the id column
            line = flowed_after(line, a["why"], len(head), gap=" ")
        rows.append((in_lived_order(str(a["created_at"])), line))
    # one question's real answers among its practice, newest first in the same columns (they came
    # after every practice answer, oldest first, in columns of their own)
    for r in real:
        # named as the interviews under the answers name it: the row starts "real" already
        head = f"{'real':<6} {r['interview_date']:<{when_width}}  "
        listed = stage_listed(r["stage"], r["interview_id"] in joining)
        interview = _company_and_stage(r["company"], listed, TERMINAL_WIDTH - len(head))
        line = _history_row(head, question, id_width, _figures(r), interview)
        rows.append((in_lived_order(str(r["interview_date"])), line))
    real_shown = len(real)
    if real:
        rows.sort(key=lambda row: row[0], reverse=True)
    if real and len(history["attempts"]) < len(every):
        # cut to the newest practice answers, the real ones go no further back: one from months
        # before them read as coming next, the practice answers between them left out unsaid
        oldest = in_lived_order(str(history["attempts"][-1]["created_at"]))
        rows = [row for row in rows if row[0] >= oldest]
        real_shown = len(rows) - len(history["attempts"])
    for _, line in rows:
        typer.echo(line)
    # how many, right under the rows it counts (on stderr it printed after the interviews, as if
    # about them, and `coach history | less` left it out)
    if not_measured:
        off = sum(1 for a in every if a.get("off_the_question"))
        _say_not_measured(len(history["attempts"]), len(every), every_practice, question, off)
        return
    _say_practice_shown(len(history["attempts"]), every, in_mock, real, real_shown, question)
    from coach.pipeline import as_written_most  # each company named as `coach interviews` names it

    if history["interviews"]:
        typer.echo("Real interviews:")
    for i in as_written_most(history["interviews"]):
        # its company and stage cut at a word to keep the line in TERMINAL_WIDTH, what was held whole
        day, held = f"{i['interview_date']}  ", _held(i, none_picked[i["id"]])
        named = _company_and_stage(
            # as lists name it: "interview", not "other" (stage_listed)
            i["company"],
            stage_listed(i["stage"], i["id"] in joining) or "stage not set",
            TERMINAL_WIDTH - len(day) - len(held),
        )
        typer.echo(f"{day}{named}{held}")
    for r in history["unanalysed_recordings"]:
        # a take whose sound could not be measured meets the same sound again: its sentence says
        # what will help; only one whose analysis was interrupted is worth analysing again
        why = why_not_analysed(r) or _why_waiting(r, store.absolute(r["path"]))
        name = said_name(r["original_name"]) if r.get("original_name") else ""
        named = f"{name} ({r['path']})" if name else r["path"]
        if r["kind"] == "interview":
            company = (r.get("review") or {}).get("company")
            named += f", an interview recording{f' for {company}' if company else ''}"
        # wrapped at words, the name and the path each whole on a line: what finds the file
        typer.echo(
            flowed("saved but not analysed: ", f"{named}: {one_line(why)}", 2, whole=(name,) if name else ())
        )
    if history["unanalysed_recordings"]:  # on stdout with them: `coach history | less` left it out
        typer.echo("Delete a recording not analysed with `coach delete-recording` and its path.")


def _say_practice_shown(
    shown: int, every: list[dict], in_mock: int, real: list[dict], real_shown: int, question: str | None
) -> None:
    """The line under `coach history`'s practice rows: how many there are, and when only the newest
    are listed, how many real answers to the question came since and what lists them all."""
    from coach.progress import mock_words

    answers = f"{count(len(every), 'practice answer')}{mock_words(in_mock)}"
    if shown >= len(every):
        typer.echo(f"{answers}.")
        return
    since = ""
    if real:
        given = "the real answer" if real_shown == 1 else f"the {real_shown} real answers"
        since = f" and {'no real answer' if not real_shown else given} given since ({len(real)} in all)"
    asked = f"--question {question} " if question else ""  # all of them: this question's, not any
    newest = f"The newest {shown} of {answers}{since}; "
    typer.echo(flowed("", f"{newest}`coach history {asked}--limit {len(every)}` lists them all.", 2))


def _history_row(
    head: str, question_id: str, id_width: int, said: str, tail: str = "", *, quoted: bool = False
) -> str:
    """One answer in `coach history`: its number and time, its question's id in the id column and
    what was measured; an id wider than the column on a line of its own, what was measured on the
    next in the same columns as the other rows (whole, the id can still be copied). `tail` (the
    words of a question with no id, `quoted`; a real answer's interview) ends the row when there is
    room for it in TERMINAL_WIDTH, else has a line of its own under the id column, cut at a word:
    a mock interview's row is 80 columns before any of it."""
    if len(question_id) <= id_width:
        row = f"{head}{question_id:<{id_width}} {said}"
    else:
        row = f"{head}{question_id}\n{' ' * (len(head) + id_width + 1)}{said}"
    shown = f"“{tail}”" if quoted else tail
    if tail and len(row.rsplit("\n", 1)[-1]) + 2 + len(shown) <= TERMINAL_WIDTH:
        return f"{row}  {shown}"
    if not tail:
        return row.rstrip()
    room = TERMINAL_WIDTH - len(head) - 2 * quoted
    shown = f"“{shortened(tail, room)}”" if quoted else shortened(tail, room)
    return f"{row.rstrip()}\n{' ' * len(head)}{shown}"


def _company_and_stage(company: str, stage: str, most: int) -> str:
    """'Acme · first round', cut to `most` characters in `coach history`: each part at a word, the
    company keeping at least half the room, so two stages at one long-named company still differ."""
    company, stage = one_line(company), one_line(stage)
    whole = f"{company} · {stage}" if stage else company
    if len(whole) <= most or not stage:
        return shortened(whole, most)
    room = most - len(" · ")
    company = shortened(company, max(room - len(stage), room // 2))
    return f"{company} · {shortened(stage, room - len(company))}"


def _why_not_measured(attempt: dict) -> str:
    """Why an answer has no score, as it was said when it was taken (the Progress page's words)."""
    warnings = (attempt.get("analysis") or {}).get("warnings") or []
    return " ".join(one_line(w) for w in warnings) or "Its measures could not be trusted, so it has no score."


def _say_not_measured(shown: int, unmeasured: int, practice: int, question: str | None, off: int = 0) -> None:
    """The last line of `coach history --not-measured`, on stdout under the rows it counts: how many
    of all, and what to do with one. `off`: how many of them were measured but not scored, not
    answering their question (not "could not be measured": nothing went wrong with the sound)."""
    answers = count(practice, "practice answer") + (f" to {question}" if question else "")
    if not unmeasured:  # none yet: as `coach history` says it ("Every one of your 0 ..." read oddly)
        said = f"Every one of your {answers} could be measured." if practice else f"{answers}."
        typer.echo(said)
        return
    asked = f" --question {question}" if question else ""
    newest = (
        f"; the newest {shown} are listed (`coach history --not-measured{asked} --limit {unmeasured}` "
        "lists them all)"
        if shown < unmeasured
        else ""
    )
    from coach.progress import unscored_said

    said = f"{unmeasured} of {answers} {unscored_said(unmeasured - off, off)}{newest}; "
    typer.echo(flowed("", f"{said}`coach delete-answer N` deletes one with its recording.", 2))


def _why_waiting(recording: dict, path: Path) -> str:
    """Why a kept recording that can still be analysed has no answer, and what finishes it: a
    practice take, or an interview's review with its interview noted, by `coach reanalyze`; an
    interview recording with nothing noted (which interview is it?), by `coach review`."""
    if recording["kind"] != "interview":
        return "its analysis was interrupted; run `coach reanalyze` to finish it."
    if recording.get("review") is not None:
        return "its review was stopped before it finished; run `coach reanalyze` to finish it."
    return (
        "its review was stopped before it finished; review it with "
        f"`coach review {path} --save --company NAME`."
    )


def _agreed_to_delete(what: str, yes: bool) -> None:
    """Go on only when the user agreed to delete `what`: with --yes, or by answering yes at a
    terminal (a script without --yes is refused, never left waiting for an answer)."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise InputError(f"Deleting cannot be undone; add --yes to delete {what}.")
    if not typer.confirm(f"Delete {what}? This cannot be undone."):
        raise InputError("Nothing was deleted.")


def _check_question_known(store, question_id: str) -> None:
    """A question with no answers yet is fine (its history is empty); an id that is no bank
    question, none of yours and none asked in an interview is a typo, told as one sentence."""
    from coach import store as repository

    if repository.get_question(store, question_id) is None:
        _bank_question(question_id, store.settings)  # raises "There is no question with id …"


def _measure(row: dict, key: str, unit: str = "") -> str:
    """A stored figure as the pages round it: pace and scores whole (120, not 119.5), rates to one
    decimal in every row (17.9, not 17.857; "1.0" under "0.9", not "1")."""
    value = row.get(key)
    if value is None:
        return "-"
    return (f"{value:.0f}" if key in ("wpm", "score_overall") else f"{value:.1f}") + unit


def _figures(row: dict) -> str:
    """An answer's pace, fillers and score in `coach history`'s columns; a take the quality gate
    left unscored ("-  -  score -" read as a blank row) said as such in their place."""
    from coach.analysis.wording import NOT_SCORED_OFF_QUESTION

    if row.get("off_the_question"):  # measured, but not an answer: not a microphone's fault
        return NOT_SCORED_OFF_QUESTION
    if row["score_overall"] is None and row["wpm"] is None and row["fillers_per_100_words"] is None:
        return f"{'could not be measured':<31}"
    return (
        f"{_measure(row, 'wpm', ' wpm'):>7}  {_measure(row, 'fillers_per_100_words', ' fillers/100'):>16}"
        f"  score {_measure(row, 'score_overall')}"
    )


@app.command("delete-answer")
@friendly_errors
def delete_answer_command(
    # named as the user knows it, not "Missing argument 'attempt_id'" or "The attempt id should be …"
    answer_number: Annotated[
        int, typer.Argument(help="the practice answer's number (#N in `coach history`)")
    ],
    yes: Annotated[bool, typer.Option("--yes", help="do it without asking (it cannot be undone)")] = False,
) -> None:
    """Delete one practice answer with its recording, transcript and feedback."""
    from coach import store as repository
    from coach.local_time import local_moment
    from coach.practice import delete_answer, recording_on_delete

    with open_store() as store:
        answer = repository.get_attempt(store, answer_number)  # "no practice answer with id" first
        asked = one_line(answer["question_text"] or answer["question_id"] or "no question")
        when = local_moment(answer["created_at"])
        named = f"practice answer #{answer_number} ({when:%Y-%m-%d %H:%M}, “{asked}”)"
        # an answer whose recording file is gone, or another answer still uses, was said deleted
        # "with its recording"
        recording = recording_on_delete(store, answer)
        agreed = {
            "deleted": f"{named} with its recording",
            "stays": f"{named} but not its recording ({recording.stays_said})",
        }
        _agreed_to_delete(agreed.get(recording.fate, named), yes)
        delete_answer(store, answer_number)
    said = {
        "deleted": f"Deleted {named} with its recording.",
        "stays": f"Deleted {named}; its recording stays: {recording.stays_said}.",
        "missing": f"Deleted {named}; its recording was already missing from the data directory.",
    }
    typer.echo(said.get(recording.fate, f"Deleted {named}."))


@app.command("delete-recording")
@friendly_errors
def delete_recording_command(
    recording: Annotated[
        str, typer.Argument(help="the recording as `coach history` lists it after “saved but not analysed:”")
    ],
    yes: Annotated[bool, typer.Option("--yes", help="do it without asking (it cannot be undone)")] = False,
) -> None:
    """Delete a recording that was kept but never analysed (it has no answer number)."""
    from coach.errors import StorageError
    from coach.unanalysed import delete_not_analysed, find_not_analysed

    listed = "`coach history` lists those kept but not analysed after “saved but not analysed:”"
    if not recording.strip():
        raise InputError(f"Give the recording's path; {listed}.")
    with open_store() as store:
        try:
            found = find_not_analysed(store, recording)
        except StorageError as e:  # a file of the user's own: it said "save it with coach.audio.…"
            if not Path(recording).exists():
                raise
            kept_in = store.settings.recordings_dir
            raise InputError(
                f"{recording} is not a recording the coach kept (it keeps them in {kept_in}); {listed}."
            ) from e
        named = f"{said_name(found.original_name)} ({found.path})" if found.original_name else found.path
        # an interrupted take is one `coach reanalyze` would still finish: said before it goes
        _agreed_to_delete(f"the recording {named}, {found.state}", yes)
        delete_not_analysed(store, found)
    typer.echo(f"Deleted the recording {named}.")


@app.command("progress")
@friendly_errors
def progress_command(
    last: Annotated[
        int, typer.Option(min=1, metavar="N", help="compare the last N answers with the N before")
    ] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Trends, practice against real interviews, skill gaps to practise, and cadence."""
    from coach.progress import progress_report, summary_lines

    with open_store() as store:
        report = progress_report(store, store.settings, last_n=last)
    if as_json:
        print_json(report)
    else:
        typer.echo("\n".join(_in_80_columns(line) for line in summary_lines(report, last_n=last)))


def _paragraph_in_80_columns(line: str) -> str:
    """A paragraph of prose wrapped at words in 80 columns, its next lines at its own indent; a
    bullet's ("• Know why …") under its words."""
    indent = len(line) - len(line.lstrip(" "))
    return flowed(" " * indent, line.lstrip(" "), indent + 2 * line.lstrip(" ").startswith("• "))


def _echo_in_80_columns(text: str, *, err: bool = False) -> None:
    """Lines of prose, each wrapped at words in 80 columns (_in_80_columns)."""
    typer.echo("\n".join(_in_80_columns(line) for line in text.split("\n")), err=err)


def _in_80_columns(line: str) -> str:
    """A line of prose wrapped at words in 80 columns, its next lines two further in than its own
    indent (under "Pace (words per minute):", under "  practise: [id] …"); an id or a command to
    type stays whole."""
    indent = len(line) - len(line.lstrip(" "))
    return flowed(" " * indent, line.lstrip(" "), indent + 2)


@app.command("cohort")
@friendly_errors
def cohort_command(
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Cohort mode, for its staff (`coach --user STAFF cohort`), as the Cohort page: how the cohort
    practises, in numbers only; never a name, transcript or recording."""
    from coach.config import cohort_database_missing, load_settings
    from coach.identity import is_staff
    from coach.progress import cohort_no_question_words, cohort_report

    settings = load_settings()
    if not settings.multi_user:
        raise InputError(
            "This coach is personal, so it has no cohort to show: `coach progress` shows how your "
            "own practice is going."
        )
    if not is_staff(settings.owner, settings):
        raise InputError(
            f"The cohort view is for the coaching staff, and {settings.owner} is not among them: run it "
            "with --user and a login listed under staff in the coach's settings.toml."
        )
    missing = cohort_database_missing(settings)
    if missing:
        raise InputError(missing)
    with open_store(settings) as store:
        report = cohort_report(store, settings)
    if as_json:
        print_json(report)
        return

    def shown(value, decimals: int = 0) -> str:
        return "—" if value is None else f"{value:.{decimals}f}"

    people = report["people_this_week"]
    people_said = f"{people} {'person' if people == 1 else 'people'}"
    lines = [
        f"People who have answered: {report['people']}. This week: "
        f"{count(report['answers_this_week'], 'answer')} ({report['practice_this_week']} practice, "
        f"{report['real_this_week']} in real interviews) by {people_said}.",
        *[said for said in [cohort_no_question_words(report["no_question_this_week"])] if said],
        "",
        f"{'Week of':<12}{'Answers':>8}{'People':>8}{'Average score':>15}{'Fillers per 100 words':>23}"
        f"{'Pace (wpm)':>12}",
    ]
    for week in reversed(report["weeks"]):
        lines.append(
            f"{week['week']:<12}{week['answers']:>8}{week['people']:>8}{shown(week['score_overall']):>15}"
            f"{shown(week['fillers_per_100_words'], 1):>23}{shown(week['wpm']):>12}"
        )
    lines.append(
        "Answers are practice answers and the answers of real interviews reviewed; the staff's own are "
        "not counted. Averages show only for weeks when the answers of at least "
        f"{report['min_people']} people were "
        "measured, so no "
        "number is one person's; answers that could not be measured are counted but not averaged."
    )
    typer.echo("\n".join(lines))


@app.command("job-description")
@friendly_errors
def job_description_command(
    interview_id: Annotated[int, typer.Argument(help="the interview's id (see `coach interviews`)")],
    source: Annotated[
        str | None,
        typer.Argument(
            help="the description: a text file, - for stdin, or the text in quotes (none: show the one kept)"
        ),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="remove the interview's job description")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Keep the job's description with an interview and list its key terms; answers practised
    with `coach analyze --interview ID` show which of them they used."""
    from coach.errors import InputError
    from coach.job_description import save_job_description

    if clear and source is not None:
        raise InputError("Give the description (a text file, or - for stdin) or --clear, not both.")
    from coach.store import get_interview

    if source is None and not clear:  # the description kept, with its key terms
        from coach.analysis.word_use import description_terms

        with open_store() as store:
            interview = get_interview(store, interview_id)
        kept = interview.get("job_description") or ""
        if not kept:
            raise InputError(
                f"Interview #{interview_id} keeps no job description; give one: "
                f"`coach job-description {interview_id} FILE` (or - to paste it)."
            )
        described = description_terms(kept, company=interview["company"])
        if as_json:
            print_json({"interview_id": interview_id, "text": kept, **described})
            return
        typer.echo(kept)
        typer.echo("\n" + _key_terms_said(described))
        return
    text = "" if clear else _read_text(source)
    if not clear and not text.strip():
        raise InputError("The job description is empty; paste its text into the file and try again.")
    with open_store() as store:
        if clear and not (get_interview(store, interview_id).get("job_description") or ""):
            typer.echo(f"Interview #{interview_id} keeps no job description; nothing was removed.")
            return
        described = save_job_description(store, interview_id, text)
    if as_json:
        print_json({"interview_id": interview_id, **(described or {"terms": [], "note": None})})
    elif described is None:
        typer.echo(f"Removed the job description of interview #{interview_id}.")
    else:
        lines = [f"Kept the job description with interview #{interview_id}."]
        lines.append(_key_terms_said(described))
        typer.echo("\n".join(lines))


def _key_terms_said(described: dict, before: str = "") -> str:
    """A job description's key terms as `description_terms` found them, or why none were picked,
    after `before`, wrapped at words in 80 columns (on one line, a description's twelve terms made
    it 150-200 columns, cut mid-word by the terminal)."""
    said = described["note"] or "Key terms: " + ", ".join(described["terms"]) + "."
    return flowed("", before + said, 2)


@app.command("prepare")
@friendly_errors
def prepare_command(
    interview_id: Annotated[int, typer.Argument(help="the interview's id (see `coach interviews`)")],
    tick: Annotated[
        list[int] | None, typer.Option(metavar="STEP", help="tick this step (its number); repeat for more")
    ] = None,
    untick: Annotated[
        list[int] | None, typer.Option(metavar="STEP", help="untick this step (its number); repeat for more")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """The playbook's checklist for one interview, numbered, with the steps you ticked; --tick and
    --untick change it (the Interviews page's Prepare tab shows the same ticks)."""
    from dataclasses import asdict

    from coach import banks, practised_for, prepare
    from coach import store as repository
    from coach.config import load_settings
    from coach.interview_log import stage_listed
    from coach.local_time import long_date
    from coach.local_time import today as local_today
    from coach.playbook import is_ahead, is_interview, load_playbook_for

    settings = load_settings()
    book = load_playbook_for(settings)
    both = sorted(set(tick or []) & set(untick or []))
    if both:
        raise InputError(f"Step {both[0]} is both ticked and unticked; say one of them.")
    with open_store(settings) as store:
        interview = repository.get_interview(store, interview_id)
        if not is_interview(interview["stage"]):
            raise InputError(
                f"#{interview_id} ({interview['company']}, {interview['stage']}) is an outcome, not an "
                "interview: there is no checklist to prepare for it."
            )
        steps = prepare.steps_for(store, interview_id, book)  # numbered as listed for this interview
        changes = [(prepare.step_numbered(steps, n), True) for n in tick or []]
        changes += [(prepare.step_numbered(steps, n), False) for n in untick or []]
        for step, done in changes:
            prepare.mark(store, interview_id, book, step.id, done)
        practice = practised_for.practice_for(store, interview_id)
        ticks = prepare.checklist(store, interview_id, book, steps=steps, practice=practice)
        by_practice = prepare.done_by_practice(store, interview_id, practice)
        accepted = prepare.offer_accepted(store, interview_id)
        earlier = prepare.earlier_stages(store, interview_id)  # none for a process's first stage
        # what they asked there, to practise first (Practice lists them first when preparing for it)
        asked = prepare.asked_before(
            store,
            interview_id,
            banks.load_questions(settings.data_dir, owner=settings.owner),
            repository.list_attempts(store, newest_first=False),
        )
    today = local_today()
    missing = prepare.not_debriefed_words(earlier, long_date)
    if as_json:
        steps = [
            {
                **asdict(step),
                "number": n,
                "done": done,
                "done_by_practice": (by_practice or None) if step.id == prepare.REHEARSAL_STEP else None,
            }
            for n, (step, done) in enumerate(ticks, 1)
        ]
        print_json(
            {
                "interview_id": interview_id,
                "steps": steps,
                "summary": prepare.done_words(ticks),
                # the line said first once an offer is accepted, as printed below and on the page
                "offer_accepted": prepare.offer_accepted_json(accepted, interview["company"], long_date),
                "practised_for": practised_for.as_json(practice, today),
                "earlier_stages": [asdict(e) for e in earlier],
                "asked_before": [
                    {
                        "text": a.text,
                        "asked": a.asked,
                        "question_id": a.question.id if a.question is not None else None,
                        "stage": a.stage,
                        "interview_date": a.interview_date,
                        "practised": a.practised,
                    }
                    for a in asked
                ],
            }
        )
        return
    # as `coach interviews` names it: "other" is an "interview", a "meeting" after the offer accepted there
    listed = stage_listed(interview["stage"], accepted is not None and accepted.here)
    stage = f", {listed}" if listed else ""
    day = long_date(interview["interview_date"])  # as `coach interviews` says it, not 2026-12-10
    lines = [
        _in_80_columns(
            f"{book.before_title} — {interview['company']}{stage} on {day}: {prepare.done_words(ticks)}"
        ),
        # as the Prepare tab: not of a stage whose checklist has nothing to rehearse (after the offer)
        *(
            [_in_80_columns(f"Practised for it: {practised_for.practised_words(practice, today)}.")]
            if prepare.practice_counts([step for step, _ in ticks])
            else []
        ),
        "",
    ]
    if accepted:  # an offer accepted: nothing left to decide at a stage after it; elsewhere, withdraw
        lines += [flowed("", prepare.offer_accepted_words(accepted, interview["company"], long_date), 0), ""]
    for n, (step, done) in enumerate(ticks, 1):  # a step's next lines under its words, in 80 columns
        box = f"{n}. [{'x' if done else ' '}] "
        by = f" (done: {by_practice})" if step.id == prepare.REHEARSAL_STEP and by_practice else ""
        by += f" (not yet: {missing})" if step.id == prepare.DEBRIEF_STEP and missing else ""
        lines.append(flowed(box, f"{step.text}{by}", len(box)))
    if earlier:  # a later stage: what the stages before it showed
        lines += ["", "From the earlier stages:"]
        said = prepare.earlier_words(
            earlier, interview["people"], long_date, lambda stage: f"coach interview {stage.interview_id}"
        )
        lines += [flowed("  ", line, 4) for line in said]
    if asked:
        lines += ["", "Asked at the earlier stages, to practise first:"]
        lines += [flowed("  ", _asked_before_line(a), 4) for a in asked]
    if not any(done for _, done in ticks) and is_ahead(interview, today):
        first = next(
            n for n, (step, _) in enumerate(ticks, 1) if step.id != prepare.DEBRIEF_STEP
        )  # not by itself
        lines += ["", f"Tick a step when it is done: coach prepare {interview_id} --tick {first}"]
    typer.echo("\n".join(lines))


def _asked_before_line(asked) -> str:
    """One question an earlier stage asked, as `coach prepare` lists it: "[beh-fail-01] Tell me about
    a time you failed. (asked at the first round, Wed 2 Dec 2026)", or one of none of your questions
    quoted, with how to add it."""
    from coach.local_time import long_date

    why = asked.why(long_date)
    why = why[:1].lower() + why[1:]
    if asked.question is not None:
        return f"[{asked.question.id}] {asked.text} ({why})"
    # in backquotes, kept whole on its line to copy: wrapped at its spaces, a copied command held a
    # line break inside its quotes
    return f"“{asked.text}” ({why}; to practise it, add it: `coach add-question {shlex.quote(asked.asked)}`)"


def _typed_words(source: str) -> bool:
    """The words themselves typed where a text file goes (`coach analyze --text 'I led a migration
    at my last job…'`, a job description pasted in quotes): three words or more, no text file's
    ending, and no file of that name. They read "No text file at I led a migration",
    and a whole answer was a traceback (a name too long for a file's)."""
    if len(source.split()) < 3 or source.strip().lower().endswith(TEXT_SUFFIXES):
        return False
    try:
        return not Path(source).exists()
    except OSError:  # too long to be a file's name
        return True


def _read_text(source: str) -> str:
    import sys

    from coach.errors import InputError

    if source == "-":
        return sys.stdin.read()
    if _typed_words(source):
        return source
    path = Path(source)
    _check_given_file(path, "text file")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"{path.name} is not UTF-8 text; save it as plain UTF-8 text and try again.") from e


# ---------------------------------------------------------------- interviews: the pipeline and adding to it
# (the Interviews page's twin: coach.pipeline groups the log, coach.interview_log and coach.debrief add)


@app.command("interviews")
@friendly_errors
def interviews_command(
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Your real interviews grouped by opportunity (company and role), with offers and options."""
    from datetime import date

    from coach.local_time import long_date
    from coach.pipeline import accepted_note_parts, pipeline_report

    with open_store() as store:
        opportunities, options = pipeline_report(store, date.today())
        cadence = (
            _cadence_line(store, opportunities, options, date.today())
            if opportunities and not as_json
            else ""
        )
    # an offer accepted: the processes still open, which you may now withdraw from, said first
    note = accepted_note_parts(opportunities, options, long_date)
    if as_json:
        print_json(
            {
                "accepted_note": note.as_json() if note else None,
                "opportunities": [o.as_json() for o in opportunities],
                "options": options,
            }
        )
        return
    if note:
        typer.echo(flowed("", note.sentences, 2))
    for opportunity in opportunities:
        typer.echo(_describe_opportunity(opportunity))
    if options:
        typer.echo("Offers and options:")
        typer.echo("\n".join(_describe_option(o) for o in options))
    if cadence:
        typer.echo(flowed("", cadence, 2))
    if not opportunities and not options:
        typer.echo("No interviews logged yet; add one with `coach add-interview COMPANY --date YYYY-MM-DD`.")


def _cadence_line(store, opportunities, options, today) -> str:
    """The Interviews page's cadence panel in one line: the goal, the real interviews held in its
    last period, and the next one booked or when it is due (its state as the page says it), the new
    job's once an offer is accepted. `opportunities` and `options` as pipeline_report gives them."""
    from coach import playbook
    from coach import store as repository
    from coach.progress import real_interview_cadence, real_interview_next_words

    interviews = repository.list_interviews(store)
    # counted as the page counts it: a goal beyond the bounds as the nearest one that can be set
    goal = playbook.cadence_within_bounds(playbook.load_playbook_for(store.settings, store).cadence)
    said = real_interview_cadence(interviews, opportunities, options, goal, today)
    # once an offer is accepted, in the new job ("next booked: Umbrella" named a process to leave)
    then = real_interview_next_words(said)
    every = f"{goal.interviews} real interview{'s' if goal.interviews != 1 else ''} every {goal.period_label}"
    return (
        f"Cadence goal: {every}; {said['in_current_period']} held in the last "
        f"{count(goal.period_days, 'day')}; {then}."
    )


def _describe_opportunity(opportunity) -> str:
    from coach.interview_log import notes_excerpt, own_stage_name
    from coach.local_time import long_date
    from coach.pipeline import next_step_said

    # nothing since its last stage and nothing booked (pipeline.QUIET_AFTER): quiet since that day;
    # one a rejection or a withdrawal ended says which
    # a day in a sentence as `coach progress` says it ("Thu 10 Dec 2026"); the rows' column stays
    # ISO, as `coach history`'s
    quiet = opportunity.quiet_since
    status = f"quiet since {long_date(quiet)}" if quiet else opportunity.status_words
    # every line in 80 columns: what is longer wraps at words under its heading's indent, whole
    lines = [flowed("", f"{opportunity.label}  ({status})", 2)]
    names = opportunity.stages_listed()  # as the card names each: "interview", not "other"
    for s in opportunity.stages:  # every stage still to come is "booked", as `coach history` says
        lines.append(_stage_row(s, names[s.interview_id]))
        if s.unconfirmed_after_accepting:  # not counted as held, and what to do, as its card says
            lines.append(flowed("        ", _unconfirmed_said(s, opportunity), 8))
        if s.notes:  # their start: `coach interview ID` prints them whole
            excerpt, cut = notes_excerpt(s.notes)
            if cut:
                excerpt += f" (the rest: coach interview {s.interview_id})"
            first, *more = excerpt.splitlines()
            lines += [flowed("        notes: ", first, 15), *(flowed(" " * 15, line, 15) for line in more)]
    if len(opportunity.interest_trend) > 1:
        lines.append(
            flowed("  Interest: ", " → ".join(map(str, opportunity.interest_trend)) + " out of 5", 4)
        )
    # as the page's card says it: the stage booked, an offer to answer, or none and why
    lines.append(flowed("  Next step: ", next_step_said(opportunity, long_date)[0], 4))
    if opportunity.people_met:
        lines.append(flowed("  People met: ", ", ".join(_person(p) for p in opportunity.people_met), 4))
    if opportunity.people_to_meet:
        lines.append(flowed("  To meet: ", ", ".join(_person(p) for p in opportunity.people_to_meet), 4))
    if opportunity.time.said:  # as the card says it: once a stage is held, named for what it is
        time = opportunity.time.summary
        if opportunity.time.still_to_come:
            time += f"; still to come: {opportunity.time.still_to_come_words}"
        lines.append(flowed("  Time spent: ", time, 4))
    for stage in opportunity.red_flags:  # noticed at any stage, in sight while the offers are weighed
        excerpt, cut = notes_excerpt(stage.red_flags)
        said = "; ".join(excerpt.splitlines()) + (
            f" (the rest: coach interview {stage.interview_id})" if cut else ""
        )
        lines.append(flowed(f"  Red flags after the {own_stage_name(stage.stage) or 'stage'}: ", said, 4))
    if opportunity.decision:
        lines.append(flowed("  Decide: ", opportunity.decision, 4))
    return "\n".join(lines)


def _unconfirmed_said(stage, opportunity) -> str:
    """Why a stage dated after the offer you accepted elsewhere, with no debrief, is not counted as
    held (pipeline.unconfirmed_words), and the commands that say what happened, as the page's card
    says it: its debrief if it took place, else deleting it and, while its process is still open,
    logging how it ended."""
    import shlex

    from coach.pipeline import unconfirmed_words

    n = stage.interview_id
    to_do = (
        f"If it took place, `coach debrief {n} --went-well ...` writes its debrief; if not, "
        f"`coach delete-interview {n}` deletes it"
    )
    if opportunity.status != "stopped":
        role = f" --role {shlex.quote(opportunity.role)}" if opportunity.role else ""
        ended = f"coach add-interview {shlex.quote(opportunity.company)}{role} --stage withdrew"
        to_do += f", and `{ended}` logs how the process ended"
    return f"{unconfirmed_words(stage)} {to_do}."


# The stage column of `coach interviews`' rows: the stages offered ("onsite / loop") fit it.
STAGE_COLUMN = 18


def _stage_row(stage, named: str) -> str:
    """'  #12   2026-05-24  technical          interest 3/5' ('no debrief yet' for one held that has
    none, as the page's card says): a stage in its columns, `named` as the card's rows name it
    (Opportunity.stages_listed: "interview" where it was logged as "other"); a stage named
    longer than its column ("final round with the leadership team" ran into "interest 4/5") is
    followed by two spaces, cut at a word to keep the row in 80 columns (`coach interview ID`
    names it whole)."""
    from coach.interview_log import owes_debrief
    from coach.local_time import today
    from coach.pipeline import UNCONFIRMED_ROW

    said = "booked" if stage.booked else f"interest {stage.interest}/5" if stage.interest else ""
    if not said and stage.unconfirmed_after_accepting:  # not counted as held (the line under it says why)
        said = UNCONFIRMED_ROW
    elif not said and owes_debrief(stage.stage, stage.interview_date, stage.debriefed, today()):
        said = "no debrief yet"  # as the page's card says it: the one to debrief next
    head = f"  #{stage.interview_id:<4} {stage.interview_date}  "
    named = named or "stage not set"
    if len(named) <= STAGE_COLUMN:
        return f"{head}{named:<{STAGE_COLUMN}} {said}".rstrip()
    room = TERMINAL_WIDTH - len(head) - (len(said) + 2 if said else 0)
    return f"{head}{shortened(named, room)}  {said}".rstrip()


def _person(person: dict) -> str:
    """As the pipeline's card on the Interviews page names them, the rest of long notes in the
    stages that noted them (coach.pipeline's `noted_at`), else the stage they were met at."""
    from coach.interview_log import person_line

    ids = [noted["interview_id"] for noted in person.get("noted_at") or []] or [person["interview_id"]]
    return person_line(person, rest_in=listed([f"coach interview {i}" for i in dict.fromkeys(ids)]))


def _describe_option(option: dict) -> str:
    from datetime import date

    from coach.interview_log import (
        deadline_or_answer,
        notes_excerpt,
        option_kind_said,
        own_stage_name,
        pay_mentioned_said,
    )
    from coach.local_time import long_date

    facts = [f"#{option['id']} {option_kind_said(option['kind'])} · {option['company'] or '—'}"]
    facts += [option[k] for k in ("title", "compensation") if option[k]]
    said, day = deadline_or_answer(option) or ("", None)
    if said == "answer by":  # once answered, the day it was, with its status, not a deadline to meet
        gone = day < date.today().isoformat()
        facts.append(f"deadline {long_date(day)}" + (", passed" if gone else ""))
    if option["interest_given"]:  # given to the option itself, else the last debrief's
        facts.append(f"your interest {option['interest']}/5")
    elif option["interest"]:
        at = own_stage_name(option["interest_stage"]) or "last stage"
        facts.append(f"your interest {option['interest']}/5 at the {at}")
    # in 80 columns, each part wrapped at words under its first line's indent
    answered_on = said != "answer by" and day  # "(accepted on Mon 7 Dec 2026)"
    status = f"{option['status']} on {long_date(day)}" if answered_on else option["status"]
    lines = [flowed("  ", " · ".join(facts) + f" ({status})", 4)]
    # pay noted in its opportunity's debriefs, beside its compensation, as its card on the page says
    lines += [flowed("      ", pay_mentioned_said(said), 8) for said in option.get("pay_mentioned") or []]
    # its details as the page's option card shows them, whole, under the facts
    details = [line.strip() for line in (option.get("details") or "").splitlines() if line.strip()]
    if details:
        lines.append(flowed("      Scope, team, growth: ", details[0], 8))
        lines += [flowed(" " * 8, line, 8) for line in details[1:]]
    for flagged in option.get("red_flags") or []:  # its opportunity's, as the page's option card shows them
        excerpt, _ = notes_excerpt(flagged["red_flags"])
        head = f"      Red flags after the {own_stage_name(flagged['stage']) or 'stage'}: "
        lines.append(flowed(head, "; ".join(excerpt.splitlines()), 8))
    return "\n".join(lines)


@app.command("interview")
@friendly_errors
def interview_command(
    interview_id: Annotated[int, typer.Argument(help="the interview's id (see `coach interviews`)")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Everything the log keeps about one interview: its notes, people, debrief and answers."""
    from coach import interview_log, pipeline, practised_for
    from coach import store as repository
    from coach.banks import load_questions
    from coach.local_time import today

    with open_store() as store:
        full = repository.get_interview(store, interview_id)
        practice = practised_for.practice_for(store, interview_id)
        not_analysed = interview_log.recordings_not_analysed(full, store.absolute)
        # each answer under its question's words in the bank when it matched one, as the page lists it
        bank = load_questions(store.settings.data_dir, owner=store.owner)
        answers = interview_log.reviewed_answers(
            full, repository.list_attempts(store, newest_first=False), {q.id: q.text for q in bank}
        )
        # heard in its recordings and listed in its debrief, as the page lists them
        asked = interview_log.questions_they_asked(full, store.settings, bank)
        unconfirmed = "" if as_json else _unconfirmed_of(store, interview_id)
        joining = interview_id in pipeline.joining_stages(store, today())  # "meeting", not "interview"
    if as_json:
        recordings = [{k: v for k, v in r.items() if k != "transcript"} for r in full["recordings"]]
        practised = practised_for.as_json(practice, today())
        shown = {**full, "recordings": recordings, "recordings_not_analysed": not_analysed}
        # each reviewed answer with the practice for its question before that day (practice_score)
        print_json(
            {**shown, "practised_for": practised, "reviewed_answers": answers, "questions_they_asked": asked}
        )
        return
    from coach.playbook import is_ahead

    # said as its card on the Interviews page says it: "nothing yet" only of one still to come (of
    # one held months ago it read as a to-do)
    ahead = is_ahead(full, today())
    practised = practised_for.practised_words(practice, today()) if practice.any or ahead else ""
    typer.echo(_describe_interview(full, answers, not_analysed, practised, asked, unconfirmed, joining))


def _unconfirmed_of(store, interview_id: int) -> str:
    """What `coach interviews` says under a stage dated after the offer you accepted elsewhere, with
    no debrief (_unconfirmed_said), or "" for any other stage."""
    from coach.local_time import today
    from coach.pipeline import pipeline_report

    for opportunity in pipeline_report(store, today())[0]:
        for stage in opportunity.stages:
            if stage.interview_id == interview_id and stage.unconfirmed_after_accepting:
                return _unconfirmed_said(stage, opportunity)
    return ""


def _describe_interview(
    full: dict,
    answers: list[dict],
    not_analysed: list[str],
    practised: str,
    asked: list[str],
    unconfirmed: str = "",
    joining: bool = False,
) -> str:
    from coach.analysis.word_use import description_terms
    from coach.analysis.wording import unscored_as
    from coach.debrief import DEBRIEF_HEADINGS, from_review, latest_debrief, own_notes
    from coach.interview_log import (
        ORIGIN_SAID,
        debrief_prompt,
        none_picked_out_words,
        person_line,
        stage_listed,
    )
    from coach.interview_log import held as was_held
    from coach.local_time import local_day, long_date, today
    from coach.playbook import dated_after, is_ahead

    # the stage as lists name it ("interview", not "other", a "meeting" after the offer accepted
    # there, `joining`; stage_listed)
    facts = [
        stage_listed(full["stage"], joining) or "stage not set",
        full["format"],
        ORIGIN_SAID.get(full["origin"], ""),
    ]
    title = " · ".join(part for part in (full["company"], full["role"]) if part)
    # the interview whole, each part wrapped at words in 80 columns under its own indent; its day as
    # every sentence gives one ("Fri 20 Nov 2026", local_time.long_date), --json keeping 2026-11-20
    day = long_date(full["interview_date"])
    held_on = f"#{full['id']} {title}: {', '.join(f for f in facts if f)}, {day}"
    lines = [flowed("", held_on, 4)]
    lines += [flowed("  ", line, 2) for line in (full["notes"] or "").splitlines() if line.strip()]
    if full.get("job_description"):
        described = description_terms(full["job_description"], company=full["company"])
        terms = described["note"] or "key terms: " + ", ".join(described["terms"])
        lines.append(
            flowed("", f"Job description kept ({terms}); `coach job-description {full['id']}` shows it.", 2)
        )
    if full["people"]:  # under the page's heading: "To meet" for one still to come
        lines.append("To meet:" if is_ahead(full, today()) else "People met:")
        lines += [flowed("  - ", person_line(person), 4) for person in full["people"]]
    if practised:  # on Practice and in mock interviews, for this one
        lines.append(flowed("", f"Practised for it: {practised}.", 2))
    if was_held(full, today()) and not full["recordings"]:  # as the page's "Recording: none reviewed yet"
        review = f"coach review RECORDING --save --interview {full['id']}"
        lines.append(flowed("", f"Recording: none reviewed yet; `{review}` reviews it.", 2))
    latest = latest_debrief(full["debriefs"])
    for debrief in full["debriefs"]:  # each, as the page lists them (older data can hold more than one)
        go_on = {True: "yes", False: "no", None: "undecided"}[debrief["proceed"]]
        interest = f"interest {debrief['interest']}/5" if debrief["interest"] else "interest not set"
        # the day it was written as the stage's day above says a day ("Sun 6 Dec 2026"): it was
        # written 2026-12-06 to match the stage's ISO date, when `coach interviews` and `coach history`
        # wrote every day so; the sentences of `coach interviews`, `coach progress` and `coach
        # questions` now say days in words (ISO kept in table columns and --json)
        written = long_date(local_day(debrief["created_at"]))
        lines.append(flowed("", f"Debrief {written} — {interest}, go on to the next stage: {go_on}", 2))
        if (
            debrief is latest
            and from_review(debrief)
            and (debrief.get("went_well") or debrief.get("could_be_better"))
        ):
            # as the page's form says: the lines below are the review's, not yet the user's view
            lines.append(
                flowed(
                    "  ",
                    "Started from what the review measured: write your own view with "
                    f"`coach debrief {full['id']} --went-well ...` (a field you give replaces its lines).",
                    2,
                )
            )
        shown = {**debrief, "notes": own_notes(debrief["notes"])}  # as the page shows them
        for field, heading in DEBRIEF_HEADINGS:
            said = [line for line in (shown.get(field) or "").splitlines() if line.strip()]
            lines += [f"  {heading}:", *(flowed("    ", line, 4) for line in said)] if said else []
    # asked for as the page asks (interview_log.debrief_prompt): not for an application, an offer or
    # an ending logged as a stage; for one still to come, when to write it
    if latest is None and unconfirmed:  # after an offer accepted elsewhere: not known held
        lines.append(flowed("", unconfirmed, 2))
    elif latest is None and (prompt := debrief_prompt(full["stage"], full["interview_date"], today())):
        held = not dated_after(full, today())
        lines.append(
            flowed("", f"No debrief yet: `coach debrief {full['id']} --went-well ...` writes one.", 2)
            if held
            else flowed("", prompt, 2)
        )
    # heard in its recordings too, not only those its debrief lists (the page lists both)
    lines += ["Questions they asked:", *(flowed("  - ", q, 4) for q in asked)] if asked else []
    if answers:
        measured = sum(1 for a in answers if a.get("score_overall") is not None)
        lines.append(f"Answers the review measured: {measured} of {len(answers)}.")
        for n, answer in enumerate(answers, 1):
            facts = (
                f"score {answer['score_overall']:.0f}, {_measure(answer, 'wpm', ' wpm')}, "
                f"{_measure(answer, 'fillers_per_100_words', ' fillers/100')}"
                if answer.get("score_overall") is not None
                else f"{unscored_as(answer['off_the_question'])}: {answer['not_measured']}"
            )
            scored = answer.get("score_overall") is not None
            if scored and answer.get("duration_s") is not None:
                facts += f", {length_clock(answer['duration_s'])} long"  # as the page gives it
            before = answer["practised_before"] if answer["question_id"] else 0
            if before:  # beside the practice for the same question
                facts += f"; practised {'once' if before == 1 else f'{before} times'} before"
                if answer["practice_score"] is not None:
                    facts += f", mean score {answer['practice_score']:.0f}"
            elif scored and answer["question_id"]:  # a question of the bank, as the page says
                facts += "; not practised before"
            # its figures after its question when they fit there, else on the next lines under it
            question = flowed(f"  {n}. ", f"“{answer['question']}”", 5)
            lines.append(flowed_after(question, facts, 5, gap=" "))
    if none_picked := none_picked_out_words(full):  # it listed the whole recording as an answer
        lines.append(flowed("", f"{none_picked}.", 0))
    lines += [flowed("", f"A recording not analysed: {why}", 2) for why in not_analysed]
    return "\n".join(lines)


@app.command("edit-interview")
@friendly_errors
def edit_interview_command(
    interview_id: Annotated[int, typer.Argument(help="the interview's id (see `coach interviews`)")],
    company: Annotated[str | None, typer.Option(metavar="COMPANY", help="the company's name")] = None,
    role: Annotated[str | None, typer.Option(metavar="ROLE", help="the role")] = None,
    stage: Annotated[str | None, typer.Option(metavar="STAGE", help="the stage, as add-interview")] = None,
    date_: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="the date")] = None,
    format_: Annotated[
        str | None, typer.Option("--format", metavar="FORMAT", help="video, phone, in person or take-home")
    ] = None,
    origin: Annotated[
        str | None,
        typer.Option(metavar="ORIGIN", help="how it started: they reached out, I applied, referral or other"),
    ] = None,
    notes: Annotated[str | None, typer.Option(metavar="TEXT", help="its notes (replaces them)")] = None,
) -> None:
    """Change a logged interview's company, role, stage, date, format, how it started or notes."""
    from coach import interview_log
    from coach import store as repository
    from coach.store.rows import parse_date

    given = {"company": company, "role": role, "stage": stage, "format": format_, "origin": origin}
    given |= {"notes": notes, "interview_date": date_}
    if all(v is None for v in given.values()):
        raise InputError(
            "Say what to change: --company, --role, --stage, --date, --format, --origin or --notes."
        )
    with open_store() as store:
        item = repository.get_interview(store, interview_id)
        values = {k: (item[k] if v is None else v) for k, v in given.items()}
        changes = interview_log.interview_edits(
            item,
            company=values["company"],
            role=values["role"],
            stage=values["stage"].strip(),
            interview_date=parse_date(values["interview_date"], "interview date"),
            format=values["format"],
            origin=interview_log.origin_from_words(values["origin"]),
            notes=values["notes"],
        )
        if changes:
            repository.update_interview(store, interview_id, **changes)
    changed = ", ".join(sorted(k.replace("interview_date", "date") for k in changes))
    typer.echo(f"Changed interview #{interview_id}: {changed}." if changes else "Nothing had changed.")


@app.command("add-interview")
@friendly_errors
def add_interview_command(
    company: Annotated[str, typer.Argument(help="the company's name")],
    date_: Annotated[
        str,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="the interview's date, YYYY-MM-DD (today if omitted)"
        ),
    ] = "",
    role: Annotated[str, typer.Option(metavar="ROLE", help="the role, e.g. 'Staff engineer'")] = "",
    stage: Annotated[
        str,
        typer.Option(
            metavar="STAGE",
            help="recruiter screen, first round, technical, onsite / loop, final, offer, other; "
            "applied, rejected or withdrew for the application and for how it ended",
        ),
    ] = "first round",
    format_: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="video, phone, in person or take-home")
    ] = "",
    origin: Annotated[
        str,
        typer.Option(metavar="ORIGIN", help="how it started: they reached out, I applied, referral or other"),
    ] = "",
    notes: Annotated[str, typer.Option(metavar="TEXT", help="anything to remember")] = "",
    job_description: Annotated[
        str | None,
        typer.Option(
            metavar="FILE", help="the job's description: a text file, - for stdin, or the text in quotes"
        ),
    ] = None,
    person: Annotated[
        list[str] | None,
        typer.Option(metavar="PERSON", help="someone you meet: 'name — title — note'; repeat for more"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Log a real interview (one stage of an opportunity)."""
    from datetime import date

    from coach import interview_log
    from coach import store as repository
    from coach.local_time import today as local_today
    from coach.pipeline import joining_stages

    description = _read_text(job_description) if job_description is not None else ""
    if job_description is not None and not description.strip():  # logged without it, without a word
        raise InputError(
            "The job description is empty; paste its text into the file and try again "
            "(nothing was logged), or leave out --job-description."
        )
    with open_store() as store:
        interview_id = interview_log.add_interview(
            store,
            company=company,
            interview_date=date_ or date.today(),
            role=role,
            stage=stage,
            format=format_,
            origin=origin,
            notes=notes,
            people=person or [],
            job_description=description,
        )
        saved = repository.get_interview(store, interview_id)
        # its kind as `coach interviews` lists it: "(other, …)" above its row's "interview"
        joining = interview_id in joining_stages(store, local_today())  # after the offer accepted there
        kind = interview_log.stage_said_when_saved(saved["stage"], joining)
    if as_json:
        print_json({k: v for k, v in saved.items() if k not in ("recordings",)})
    else:
        typer.echo(
            f"Added interview #{interview_id}: {saved['company']} ({kind}, {saved['interview_date']})."
        )
        if saved.get("job_description"):  # as `coach job-description` says it: what was kept
            from coach.analysis.word_use import description_terms

            described = description_terms(saved["job_description"], company=saved["company"])
            typer.echo(_key_terms_said(described, before="Kept its job description. "))


# The parts `coach debrief` writes that a debrief does not head (coach.debrief.DEBRIEF_HEADINGS
# heads the rest): `coach interview` and the Interviews page say them on its first line or apart.
DEBRIEF_OTHER_PARTS = {
    "interest": "Interest",
    "proceed": "Go on to the next stage",
    "people_met": "People met",
    "questions_asked": "Questions they asked",
}


@app.command("debrief")
@friendly_errors
def debrief_command(
    interview_id: Annotated[int, typer.Argument(help="the interview's id (see `coach interviews`)")],
    went_well: Annotated[str, typer.Option(metavar="TEXT", help="which answers landed")] = "",
    could_be_better: Annotated[
        str, typer.Option(metavar="TEXT", help="where you rambled, froze or gave a weak example")
    ] = "",
    skill_gaps: Annotated[
        str,
        typer.Option(
            metavar="SKILLS", help="skills missing or rusty, e.g. 'system design, handling conflict'"
        ),
    ] = "",
    interest: Annotated[
        int | None,
        typer.Option(metavar="1-5", help="how interested you are now, 1 (not at all) to 5 (would move)"),
    ] = None,
    proceed: Annotated[
        str, typer.Option(metavar="ANSWER", help="will you go to the next stage: yes, no or undecided")
    ] = "",
    time_commitment: Annotated[
        str, typer.Option(metavar="TEXT", help="what the rest of the process will take from you")
    ] = "",
    notes: Annotated[str, typer.Option(metavar="TEXT", help="anything else")] = "",
    red_flags: Annotated[
        str, typer.Option(metavar="TEXT", help="what worried you about the team, the role or the process")
    ] = "",
    pay_mentioned: Annotated[
        str, typer.Option(metavar="TEXT", help="what they said about salary, bonus, equity or benefits")
    ] = "",
    compared_with_others: Annotated[
        str, typer.Option(metavar="TEXT", help="how it compares with the others you have going")
    ] = "",
    person: Annotated[
        list[str] | None,
        typer.Option(metavar="PERSON", help="someone you met: 'name — title — note'; repeat for more"),
    ] = None,
    question: Annotated[
        list[str] | None, typer.Option(metavar="TEXT", help="a question they asked; repeat for more")
    ] = None,
    to_bank: Annotated[
        bool,
        typer.Option(
            "--to-bank/--not-to-bank", help="add the questions they asked to your practice questions"
        ),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Write the debrief of a real interview, or add to it: fields given replace what it said."""
    from coach import store as repository
    from coach.debrief import (
        DEBRIEF_HEADINGS,
        gaps_judged_by,
        latest_debrief,
        no_question_note,
        no_skill_gap_note,
        saved_gaps_without_questions,
        write_debrief,
    )
    from coach.interview_log import debrief_refused

    given = {
        "went_well": went_well,
        "could_be_better": could_be_better,
        "skill_gaps": skill_gaps,
        "interest": interest,
        "proceed": proceed,
        "time_commitment": time_commitment,
        "notes": notes,
        "red_flags": red_flags,
        "pay_mentioned": pay_mentioned,
        "compared_with_others": compared_with_others,
        "people_met": person or [],
        "questions_asked": question or [],
    }
    if any(not asked.strip() for asked in question or []):  # it read "Saved “Questions they asked”"
        raise InputError("A --question is empty; type the question as they asked it. Nothing was saved.")
    if not any(v not in (None, "", []) for v in given.values()):
        raise InputError("Say something for the debrief, e.g. --went-well '…' --interest 4 (see --help).")
    with open_store() as store:
        # only where the page offers a debrief: an application was "Saved the debrief of interview #1"
        refused = debrief_refused(repository.get_interview(store, interview_id))
        if refused:
            raise InputError(refused)
        _, added, _ = write_debrief(store, store.settings, interview_id, given, add_to_bank=to_bank)
        interview = repository.get_interview(store, interview_id)
        debrief = latest_debrief(interview["debriefs"])
        left = saved_gaps_without_questions(store, store.settings, debrief, interview_id)
        _, for_role = gaps_judged_by(store, store.settings, interview_id)
    if as_json:
        print_json(
            {
                "debrief": debrief,
                "people": interview["people"],
                "questions_added": [q.text for q in added],
                # the skill gaps named that no practice question practises (Practice picks none)
                "skill_gaps_without_questions": left,
            }
        )
        return
    said = f"interest {debrief['interest']}/5" if debrief["interest"] else "interest not set"
    # which parts were written, as `coach interview` heads them: "Saved the debrief" alone did not
    # say the red flags given were kept
    written = [name for name, value in given.items() if value not in (None, "", [])]
    parts = {**dict(DEBRIEF_HEADINGS), **DEBRIEF_OTHER_PARTS}
    saved = listed([f"“{parts[name]}”" for name in written])
    typer.echo(f"Saved {saved} in the debrief of interview #{interview_id} ({interview['company']}, {said}).")
    if added:
        typer.echo(f"{count(len(added), 'question')} added to your practice questions.")
    # only the skill gaps choose practice questions, and only those a question practises
    note = no_skill_gap_note(debrief) or no_question_note(left, "with `coach add-question`", for_role)
    if note:
        typer.echo(note)


@app.command("add-person")
@friendly_errors
def add_person_command(
    interview_id: Annotated[int, typer.Argument(help="the interview's id (see `coach interviews`)")],
    who: Annotated[
        str, typer.Argument(help="'name — title — note', e.g. 'Sam Lee — engineering manager — ex-Stripe'")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Add someone you met at a real interview."""
    from coach import interview_log

    with open_store() as store:
        person, outcome = interview_log.add_person(store, interview_id, who)
    if as_json:
        print_json({"interview_id": interview_id, **person, "outcome": outcome})
    else:
        typer.echo(
            interview_log.person_said(person["name"], outcome, person["title"]).removesuffix(".")
            + f" (interview #{interview_id})."
        )


@app.command("remove-person")
@friendly_errors
def remove_person_command(
    interview_id: Annotated[int, typer.Argument(help="the interview's id (see `coach interviews`)")],
    name: Annotated[str, typer.Argument(help="their name as `coach interview N` lists it")],
) -> None:
    """Remove someone recorded as met at a real interview."""
    from coach import interview_log

    with open_store() as store:
        person = interview_log.remove_person(store, interview_id, name)
    typer.echo(f"Removed {person['name']} from interview #{interview_id}.")


# How interested you are in an option, in the debrief's words (`coach debrief --interest`).
OPTION_INTEREST_HELP = "how interested you are in it, 1 (not at all) to 5 (would move)"


@app.command("add-option")
@friendly_errors
def add_option_command(
    kind: Annotated[
        str, typer.Argument(help="offer, alternative or batna (what you do if nothing else works out)")
    ],
    company: Annotated[str, typer.Option(metavar="COMPANY", help="the company, or 'current job'")] = "",
    title: Annotated[str, typer.Option(metavar="TITLE", help="the role's title")] = "",
    compensation: Annotated[str, typer.Option(metavar="TEXT", help="base, bonus, equity, benefits")] = "",
    details: Annotated[
        str, typer.Option(metavar="TEXT", help="scope, team, growth, flexibility, notes")
    ] = "",
    deadline: Annotated[
        str, typer.Option(metavar="YYYY-MM-DD", help="when you must answer, YYYY-MM-DD")
    ] = "",
    interview: Annotated[
        int | None, typer.Option(metavar="ID", help="the interview it came from (its id)")
    ] = None,
    interest: Annotated[str, typer.Option(metavar="1-5", help=OPTION_INTEREST_HELP)] = "",
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Write down an offer, an alternative or your BATNA, to weigh them side by side."""
    from coach import interview_log
    from coach import store as repository

    with open_store() as store:
        option_id = interview_log.add_option(
            store,
            kind=kind,
            company=company,
            title=title,
            compensation=compensation,
            details=details,
            deadline=deadline or None,
            interview_id=interview,
            interest=interview_log.interest_from_words(interest),
        )
        [option] = [o for o in repository.list_options(store) if o["id"] == option_id]
    if as_json:
        print_json(option)
    else:
        from datetime import date

        kind = interview_log.option_kind_said(option["kind"])
        said = f"Added option #{option_id}: {kind} · {option['company'] or option['title']}."
        if option["deadline"] and str(option["deadline"]) < date.today().isoformat():
            # kept without a word, then shown "(passed)" in the log: a typo of the year looks the same
            said += (
                f" Its deadline, {option['deadline']}, has passed already; "
                f"`coach edit-option {option_id} --deadline DATE` changes it."
            )
        typer.echo(said)


@app.command("edit-option")
@friendly_errors
def edit_option_command(
    option_id: Annotated[int, typer.Argument(help="the option's id (see `coach interviews`)")],
    status: Annotated[
        str | None, typer.Option(metavar="STATUS", help="open, accepted, declined or expired")
    ] = None,
    company: Annotated[str | None, typer.Option(metavar="COMPANY", help="the company")] = None,
    title: Annotated[str | None, typer.Option(metavar="TITLE", help="the role's title")] = None,
    compensation: Annotated[str | None, typer.Option(metavar="TEXT", help="base, bonus, equity")] = None,
    details: Annotated[str | None, typer.Option(metavar="TEXT", help="scope, team, growth, notes")] = None,
    deadline: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="when you must answer ('' removes it)")
    ] = None,
    interest: Annotated[
        str | None, typer.Option(metavar="1-5", help=OPTION_INTEREST_HELP + " ('' removes it)")
    ] = None,
) -> None:
    """Change an offer, an alternative or your BATNA: its status (accepted, declined...) or its facts."""
    from coach import interview_log
    from coach import store as repository
    from coach.store.rows import parse_date

    given = dict(status=status, company=company, title=title, compensation=compensation, details=details)
    if all(v is None for v in (*given.values(), deadline, interest)):
        raise InputError(
            "Say what to change: --status, --company, --title, --compensation, --details, --deadline "
            "or --interest."
        )
    if status is not None and status not in interview_log.OPTION_STATUSES:
        raise InputError(f"The status is open, accepted, declined or expired, not {status!r}.")
    with open_store() as store:
        option = _option(store, option_id)
        values = {k: (option[k] if v is None else v) for k, v in given.items()}
        when = option.get("deadline") if deadline is None else (deadline.strip() or None)
        changes = interview_log.option_edits(
            option,
            kind=option["kind"],
            deadline=parse_date(when, "deadline"),
            interest=option["interest"] if interest is None else interview_log.interest_from_words(interest),
            **values,
        )
        if changes:
            repository.update_option(store, option_id, **changes)
    said = ", ".join(sorted(changes))
    typer.echo(f"Changed option #{option_id}: {said}." if changes else "Nothing had changed.")


def _option(store, option_id: int) -> dict:
    from coach import store as repository

    found = [o for o in repository.list_options(store) if o["id"] == option_id]
    if not found:
        raise InputError(f"There is no option with id {option_id}; `coach interviews` lists them.")
    return found[0]


@app.command("delete-option")
@friendly_errors
def delete_option_command(
    option_id: Annotated[int, typer.Argument(help="the option's id (see `coach interviews`)")],
    yes: Annotated[bool, typer.Option("--yes", help="do it without asking (it cannot be undone)")] = False,
) -> None:
    """Remove an offer, an alternative or your BATNA from the comparison."""
    from coach import store as repository
    from coach.interview_log import option_kind_said

    with open_store() as store:
        option = _option(store, option_id)
        kind = option_kind_said(option["kind"])
        named = f"option #{option_id} ({kind} · {option['company'] or option['title']})"
        _agreed_to_delete(named, yes)
        repository.delete_option(store, option_id)
    typer.echo(f"Deleted {named}.")


@app.command("delete-interview")
@friendly_errors
def delete_interview_command(
    interview_id: Annotated[int, typer.Argument(help="the interview's id (see `coach interviews`)")],
    audio_only: Annotated[
        bool,
        typer.Option(
            "--audio-only", help="remove the recordings, keep the transcripts, answers and debriefs"
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="do it without asking (it cannot be undone)")] = False,
) -> None:
    """Delete a real interview's audio, or the interview with everything about it and the questions
    its debriefs added to your practice questions (not those you starred, changed or answered)."""
    from coach import store as repository
    from coach.debrief import delete_interview, options_a_deletion_keeps, questions_a_deletion_takes_back
    from coach.interview.saving import forget_review_work
    from coach.interview_log import option_kind_said

    with open_store() as store:
        interview = repository.get_interview(store, interview_id)  # "no interview with id" first
        named = f"interview #{interview_id} ({interview['company']})"
        # the offers and options written down from it stay, untied from it, as the page says (they
        # went unsaid here, as if deleted with it)
        kept = [] if audio_only else options_a_deletion_keeps(store, interview_id)
        one = len(kept) == 1
        names = "; ".join(" · ".join(p for p in (f"#{o['id']}", o["company"], o["title"]) if p) for o in kept)
        kind = option_kind_said(kept[0]["kind"]) if one else f"{len(kept)} options"
        options = f"{kind} you wrote down from it ({names})"
        if audio_only:
            what = f"the recordings of {named}"
        else:
            debriefs = [d["id"] for d in interview["debriefs"]]
            going = questions_a_deletion_takes_back(store, store.settings, debriefs)
            what = f"{named} with its recordings, answers and debriefs" + _questions_said(len(going))
            if kept:
                stays = "stays" if one else "stay"
                what += f", but not the {options}, which {stays} under Offers and options"
        _agreed_to_delete(what, yes)
        forget_review_work(store, interview_id)
        if audio_only:
            removed = repository.delete_interview_audio(store, interview_id)
            message = (
                f"Removed {count(removed, 'recording')} of interview #{interview_id}; its transcripts stay."
                if removed
                else f"Interview #{interview_id} keeps no recording; nothing was removed."
            )
        else:
            taken_back = delete_interview(store, store.settings, interview_id)
            message = (
                f"Deleted interview #{interview_id} with its recordings, answers and debriefs"
                f"{_questions_said(len(taken_back))}."
            )
            if kept:
                them, which = ("it", kept[0]["id"]) if one else ("one", "ID")
                message += (
                    f" The {options} {'is' if one else 'are'} kept under Offers and "
                    f"options; `coach delete-option {which}` removes {them} if it should go too."
                )
    typer.echo(message)


def _questions_said(questions: int) -> str:
    """' and the 2 questions its debriefs added to your practice questions', or nothing."""
    if not questions:
        return ""
    return f" and the {count(questions, 'question')} its debriefs added to your practice questions"


@app.command("delete-debrief")
@friendly_errors
def delete_debrief_command(
    interview_id: Annotated[int, typer.Argument(help="the interview's id (see `coach interviews`)")],
    yes: Annotated[bool, typer.Option("--yes", help="do it without asking (it cannot be undone)")] = False,
) -> None:
    """Delete the debrief of a real interview (one written on the wrong stage) with the questions
    it added to your practice questions (not those you starred, changed or answered); the interview
    stays."""
    from coach import store as repository
    from coach.debrief import delete_debriefs, questions_a_deletion_takes_back

    with open_store() as store:
        interview = repository.get_interview(store, interview_id)  # "no interview with id" first
        named = f"interview #{interview_id} ({interview['company']})"
        written = [d["id"] for d in interview["debriefs"]]
        if not written:
            raise InputError(
                f"Interview #{interview_id} ({interview['company']}) has no debrief; nothing was deleted."
            )
        going = questions_a_deletion_takes_back(store, store.settings, written)
        _agreed_to_delete(_debriefs_said(named, len(written), len(going)), yes)
        taken_back = delete_debriefs(store, store.settings, written)
    typer.echo(f"Deleted {_debriefs_said(named, len(written), len(taken_back))}; the interview stays.")


def _debriefs_said(named: str, debriefs: int, questions: int) -> str:
    """'the debrief of interview #3 (Initech) and the 2 questions it added to your practice
    questions': what `coach delete-debrief` deletes (the questions go with it, as taking them out of
    its list does)."""
    said = f"the debrief of {named}" if debriefs == 1 else f"the {debriefs} debriefs of {named}"
    if questions:
        said += f" and the {count(questions, 'question')} {'it' if debriefs == 1 else 'they'} added"
        said += " to your practice questions"
    return said


@app.command("export")
@friendly_errors
def export_command(
    # "Missing argument 'out'" named no backup; the argument is named as the user knows it
    backup: Annotated[
        Path, typer.Argument(help="the .zip to write (database content as JSON and recordings)")
    ],
    replace: Annotated[bool, typer.Option("--replace", help="write over a file already there")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Everything in one zip, recordings included, to back up or move to another machine."""
    from coach.interview_log import whole_recording_kept
    from coach.store.transfer import export_data

    with open_store() as store:
        result = export_data(store, backup, replace=replace, whole_recording=whole_recording_kept)
    if as_json:
        print_json(result)
        return
    from coach.data_admin import audio_missing_said, exported_words

    typer.echo(
        said_out(f"Exported {exported_words(result)} to {result['path']}.", whole=(str(result["path"]),))
    )
    missing = audio_missing_said(result, "run `coach export` again")
    if missing:  # one sentence, then the files it means, where they belong in the data folder
        typer.echo(f"warning: {missing}", err=True)
        for path in result["missing_recordings"]:
            typer.echo(f"  {path}", err=True)


@app.command("import")
@friendly_errors
def import_command(
    backup: Annotated[Path, typer.Argument(help="a zip written by `coach export`")],  # not 'source'
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Add an export to this data directory; what is already here is not added twice."""
    from coach.data_admin import import_backup

    with open_store() as store:
        result = import_backup(store, backup)
    if as_json:
        print_json(result)
        return
    from coach.data_admin import import_sentence

    typer.echo(said_out(import_sentence(result)))


@app.command("reanalyze")
@friendly_errors
def reanalyze_command(
    # plain flags: "--retranscribe / --no-retranscribe" took a third of an 80-column help to say
    retranscribe: Annotated[
        bool, typer.Option("--retranscribe", help="transcribe the recordings again first (slow)")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="also the answers this version of the coach has analysed already"),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Re-run the current analysis over stored answers; earlier results are kept. Exits 1 when any
    answer or recording failed, so a script sees what the summary line says."""
    from coach.reanalysis import reanalyze

    with open_store() as store:
        report = reanalyze(
            store, retranscribe=retranscribe, force=force, progress=lambda line: typer.echo(line, err=True)
        )
    nothing = not any(
        report[k] for k in ("reanalysed", "unchanged", "new_attempts", "new_interviews", "failed")
    )
    if as_json:
        print_json(report)
    elif nothing and not report["not_analysable"]:  # it read "0 answers analysed again, 0 already …"
        said = "no practice answer or recording is saved yet (`coach analyze AUDIO --save` keeps one)."
        typer.echo(flowed("Nothing to analyse again: ", said, 0))
    else:
        summary = (  # one line of 155 columns: wrapped at words, as every line after it
            f"{count(len(report['reanalysed']), 'answer')} analysed again, "
            f"{report['unchanged']} already current, "
            f"{count(len(report['new_attempts']), 'recording')} analysed for the first time, "
            f"{count(len(report['new_interviews']), 'interview recording')} reviewed, "
            f"{len(report['failed'])} failed (analysis version {report['analysis_version']})."
        )
        typer.echo(flowed("", summary, 0))
        untranscribed = len(report["not_transcribed_again"])
        if untranscribed:  # "No file at …" failed each of them, exit 1
            one = untranscribed == 1
            said = (
                f"{count(untranscribed, 'answer')} {'was' if one else 'were'} not transcribed again: "
                f"{'its recording is' if one else 'their recordings are'} not on this machine (a backup "
                f"restored without {'it' if one else 'them'}, or moved out of the data folder), so "
                f"{'its stored transcript stands' if one else 'their stored transcripts stand'}."
            )
            typer.echo(flowed("", said, 0))
        for kept in report["not_analysable"]:  # tried again on every run, "1 failed" each time
            said = f"{kept['why']} `coach delete-recording {kept['path']}` deletes it."
            typer.echo(flowed("Kept, not tried again: ", f"{kept['path']}. {said}", 2, whole=(kept["path"],)))
    if report["failed"]:
        raise typer.Exit(1)


# ---------------------------------------------------------------- review (coach.interview)


@app.command("review")
@friendly_errors
def review_command(
    recording: Annotated[Path, typer.Argument(help="a real interview: a call's audio or a phone recording")],
    candidate_channel: Annotated[
        str | None, typer.Option(metavar="SIDE", help="left or right: your side of a stereo call")
    ] = None,
    speakers: Annotated[
        int | None,
        typer.Option(metavar="N", help="how many people speak, you included (default: the coach finds out)"),
    ] = None,
    candidate_speaker: Annotated[
        int | None, typer.Option(metavar="N", help="which speaker is you (see the snippets)")
    ] = None,
    save: Annotated[bool, typer.Option("--save", help="keep the recording and store the answers")] = False,
    interview: Annotated[
        int | None, typer.Option(metavar="ID", help="with --save: the stored interview it belongs to")
    ] = None,
    company: Annotated[
        str | None,
        typer.Option(metavar="COMPANY", help="with --save: create a new interview at this company"),
    ] = None,
    interview_date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="with --company: the interview's date (today if omitted)"
        ),
    ] = None,
    role: Annotated[
        str | None, typer.Option(metavar="ROLE", help="with --company: the role, e.g. 'Staff engineer'")
    ] = None,
    stage: Annotated[
        str | None,
        typer.Option(
            metavar="STAGE",
            help="with --company: the stage, one of recruiter screen, first round, technical, "
            "onsite / loop, final, offer, other (first round if omitted, as on the Review page)",
        ),
    ] = None,
    add_questions: Annotated[
        bool, typer.Option("--add-questions", help="add unmatched questions to your own bank")
    ] = False,
    profile: Annotated[bool, typer.Option(help="tell your voice by your saved practice recordings")] = True,
    engine: EngineOption = None,
    model: ModelOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the full review as JSON")] = False,
    progress: Annotated[bool, typer.Option(help="show progress and time left on stderr")] = True,
    acoustic_fillers: AcousticFillersOption = None,
) -> None:
    """A real interview: who spoke when, question → answer turns, each answer analysed like practice.

    Long recordings are processed in chunks; if a run is stopped, running it again resumes."""
    from coach.errors import InputError
    from coach.interview.orchestrator import KeptUnanalysed, logged_as, review_recording
    from coach.interview.review import ReviewOptions
    from coach.interview.saving import add_asked_questions
    from coach.store import get_interview

    if not save and (interview is not None or company):
        raise InputError("--interview and --company say where to save; add --save.")
    if interview is not None and company:
        raise InputError(
            "Say where to save once: --interview ID for one already stored, or --company for a new one."
        )
    if interview_date and not company:
        raise InputError("--date is the date of a new interview: give it with --company (and --save).")
    for flag, given in (("--role", role), ("--stage", stage)):
        if given is not None and not company:
            raise InputError(f"{flag} is for a new interview: give it with --company (and --save).")
    if company:
        stage = _review_stage(stage)
    _check_given_file(recording)  # one sentence, before anything is kept
    settings = _settings(engine, model, acoustic_fillers)
    options = ReviewOptions(
        candidate_channel=candidate_channel, n_speakers=speakers, candidate_speaker=candidate_speaker
    )
    # With --candidate-channel the channel decides, unless the file turns out mono or its channels
    # the same: the profile is then said only once the review has used it ("Telling your voice by 4
    # saved practice recordings" was printed though the channel decided)
    profile_takes: list[int] = []

    def on_profile(used: int) -> None:
        if candidate_channel:
            profile_takes.append(used)
        else:
            typer.echo(f"Telling your voice by {count(used, 'saved practice recording')}.", err=True)

    import time

    started = time.monotonic()
    with open_store(settings) as store:
        try:
            result = review_recording(
                store,
                settings,
                recording,
                options,
                save=save,
                interview_id=interview,
                company=company,
                role=role,
                stage=stage,
                interview_date=interview_date,
                use_profile=profile,
                progress=_review_progress(progress),
                on_profile=on_profile,
            ).result
        except KeptUnanalysed as e:  # the recording could be audio: kept with its interview, logged
            kept_under = e.saved["interview_id"]
            raise CoachError(
                f"{e} The recording is kept with interview #{kept_under}; write its debrief with "
                f"`coach debrief {kept_under}`, or review it again with --save --interview {kept_under}."
            ) from e
        kept_under = (result.get("saved") or {}).get("interview_id")
        # which interview, its stage with it, as the Review page lists it: a --stage typed was not said
        kept_as = logged_as(get_interview(store, kept_under)) if kept_under else ""
    if profile_takes and result["identification"]["method"] == "voice profile":
        typer.echo(f"Told your voice by {count(profile_takes[0], 'saved practice recording')}.", err=True)
    if add_questions:
        result["added_to_bank"] = add_asked_questions(settings, result)
    for warning in result["warnings"]:
        typer.echo(f"warning: {_said_in_the_terminal(warning)}", err=True)
    if result["identification"]["unscorable"]:  # one voice heard: how to say two people speak here
        typer.echo(_two_voices_hint(settings, recording, kept_under, time.monotonic() - started), err=True)
    # each answer in the terminal's words, as `coach analyze` and `coach mock --json` say them (an
    # answer to a question of your own without talking points named the Questions page); those
    # stored with --save keep the page's words
    answers = [
        {**a, "analysis": _in_the_terminal_words(a["analysis"], a["bank_id"])} for a in result["answers"]
    ]
    result = {**result, "answers": answers}
    if as_json:
        print_json(result)
    else:
        typer.echo(_describe_review(result, _added_questions(settings, result.get("added_to_bank"))))
        if kept_under:  # said, with where to find it (nothing said it was kept)
            drafted = " with its debrief draft" if result["saved"].get("drafted") else ""
            typer.echo(
                f"\nSaved under interview #{kept_under} ({kept_as}){drafted}; `coach interviews` lists it."
            )


# The one-voice notice (coach.analysis.quality.ONE_VOICE) names the Review page's box, "saying 2
# people speak"; the terminal names its option, and the command to run follows (`_two_voices_hint`).
ONE_VOICE_IN_THE_TERMINAL = (
    "Only one voice was found, so your words could not be told apart from the interviewer's and "
    "nothing is scored. If the interviewer speaks in it too, review it again with --speakers 2."
)


def _said_in_the_terminal(warning: str) -> str:
    """A review's warning as `coach review` prints it (--json keeps the review's own words)."""
    from coach.analysis.quality import ONE_VOICE

    return ONE_VOICE_IN_THE_TERMINAL if warning == ONE_VOICE else warning


def _review_stage(typed: str | None) -> str:
    """The stage of a reviewed interview, one of the Review page's choices (its first round when
    none is given); there was no way to say it from the terminal."""
    from coach.interview_log import STAGES  # the Review page's choices

    if typed is None:
        return STAGES[1]
    wanted = " ".join(typed.casefold().split())
    if wanted not in STAGES:
        raise InputError(f"No stage called '{typed.strip()}'; say one of: {', '.join(STAGES)}.")
    return wanted


def _two_voices_hint(settings, recording: Path, kept_under: int | None, took_s: float) -> str:
    """How to review again as two voices. A review not saved keeps no transcript (nothing would list
    or delete it), so its rerun transcribes the whole call again: said, with about how long that
    takes (as long as this run, roughly); a saved one reuses its kept transcription."""
    import shlex

    from coach.files import file_sha256
    from coach.interview.resume import kept_work

    again = f"--save --interview {kept_under} " if kept_under else ""
    command = f"coach review --speakers 2 {again}{shlex.quote(str(recording))}"
    if kept_under or kept_work(settings, file_sha256(recording)):
        return f"To review it again as two voices (its transcription is reused): {command}"
    minutes = round(took_s / 60)
    took = "under a minute" if minutes < 1 else f"about {count(minutes, 'minute')}"
    return (
        f"To review it again as two voices, which transcribes the whole call again ({took}, as this "
        f"review took; with --save its transcription is kept for reviewing again): {command}"
    )


def _review_progress(enabled: bool):
    if not enabled:
        return None
    import time

    from coach.interview.listen import DONE

    last: list = [0.0, ""]  # when the last line was shown, and its words
    said: set[str] = set()

    def show(p) -> None:
        if p.step == DONE:  # what was found is printed next
            return
        now, line = time.monotonic(), p.line()
        # the end of the audio is said as transcribed, then again once its sound was gone over
        if line == last[1] or line in said:
            return
        # a step (the speech model loading, a stretch being transcribed) is said however soon it comes
        if p.step or now - last[0] >= 2.0 or (p.total_s and p.done_s >= p.total_s):
            last[:] = [now, line]
            said.add(line)
            typer.echo(line, err=True)

    return show


def _added_questions(settings, ids: list[str] | None) -> dict[str, str] | None:
    """The questions a review added to your own, by id with their words (None: none were to be added)."""
    if ids is None:
        return None
    from coach.banks import load_questions

    words = {q.id: q.text for q in load_questions(settings.data_dir, owner=settings.owner)}
    return {i: words.get(i, "") for i in ids}


def _describe_review(result: dict, added: dict[str, str] | None = None) -> str:
    """The review as the terminal prints it, every line in 80 columns (a speaker's line with what
    they said, the share of talk and the draft's lines ran to 140 columns, cut mid-word by the
    terminal): each wraps at words under its own indent. `added`: the questions --add-questions
    put in your own (id → words, as `coach questions` lists them), None without that option."""
    from coach.analysis.wording import off_the_question, unscored_as
    from coach.interview.how_it_went import how_it_went
    from coach.interview.review import shown_as_an_answer, who_is_you
    from coach.interview.turns import question_title

    went = how_it_went(result["metrics"])  # the Review page says the same (app_pages/review.py)
    # a guess at which voice is yours is left to its warning, printed before this (it was said twice:
    # "(a guess: you are speaker 1, who talks the most)" here, then "… was taken to be you.")
    whose = who_is_you(result["identification"], result["speakers"])
    # the answers listed below, as the Review page lists them: the whole recording left unscored for
    # the reason a warning gives (one voice, no question heard) was counted, "1 turn, 1 answer",
    # above a list of none and a warning saying no answer was picked out
    shown = [a for a in result["answers"] if shown_as_an_answer(a, result["warnings"])]
    lines = [
        flowed(
            "",
            f"{count(len(result['turns']), 'turn')}, {count(len(shown), 'answer')}, "
            # as long as each answer's length below says it ("0:55", not "0.9 min" beside "0:14")
            f"{length_clock(result['duration_s'])} long" + (f" ({whose})" if whose else ""),
            0,  # its next line at its own column, not at the speakers' under it
        )
    ]
    for s in result["speakers"]:
        snippet = f' — "{s["snippet"]["text"]}" at {s["snippet"]["start_s"]:.0f} s' if s["snippet"] else ""
        # one voice heard: its "100%" was no share of a conversation (--json has the share as null);
        # with no question heard, which voice is whose is in doubt (the warning says how to pick)
        share = f", {went.percent.get(s['label'], 0)}%" if went else ""
        lines.append(flowed("  ", f"{s['label']} ({s['source']}): {s['talk_s']:.0f} s{share}{snippet}", 4))
    for a in shown:  # one left out has its reason in the review's warning, printed before this
        am = a["analysis"]["metrics"]
        # no question heard: the whole recording is the answer, in no bank to be in or not
        bank = f"[{a['bank_id']}] " if a["bank_id"] else "[not in bank] " if a["question"] else ""
        title = flowed("", bank + question_title(a["question"], a["bank_question"]), 2)
        if a["bank_question"] and a["question"] and a["question"] != a["bank_question"]:
            title += "\n" + flowed("  heard as ", f"“{a['question']}”", 4)
        if a["analysis"].get("scores") is None:
            said = (_said_in_the_terminal(w) for w in a["analysis"]["warnings"])
            why = unscored_as(off_the_question(a["analysis"]))  # as the page says
            lines.append(f"\n{title}\n" + flowed(f"  {why}: ", " ".join(said), 4))
            continue
        lines.append(
            f"\n{title}\n  {length_clock(am.get('duration_s') or a['analysis'].get('duration_s'))} · "
            f"{am.get('wpm') or 0:.0f} wpm · {counted_apart(am.get('filler_counts') or {})} · "
            f"score {a['analysis']['scores'].get('overall', '-')}"
        )
    if went:  # two voices told apart, a question heard
        # the draft's count of cut-ins in its words: "2 interruptions" counted both voices beside a
        # draft saying "You started talking before the interviewer finished 1 time"
        lines += ["", flowed("", went.talk, 2), flowed("", f"{went.exchanges} {went.interruptions}", 2)]
    draft = result["debrief_draft"]
    # each field under its own heading, as the debrief shows them: one list without them put "pace in
    # the band: 1 of 2" and "faster than the band: 1 of 2" side by side, neither said to be good or not
    fields = (("Went well:", draft["went_well"]), ("Could be better:", draft["could_be_better"]))
    measured = [
        heading + "".join(f"\n{flowed('  ', line, 4)}" for line in text.splitlines())
        for heading, text in fields
        if text
    ]
    lines += (
        ["", "Debrief draft:", *measured] if measured else ["", "No debrief draft: nothing was measured."]
    )
    if added is not None:  # --add-questions said nothing of what it did
        lines.append(
            "\nAdded to your practice questions:\n"
            + "\n".join(flowed(f"  {i}  ", text, 4) for i, text in added.items())
            if added
            else "\nNo question added to your practice questions: each one asked is there already."
        )
    return "\n".join(lines)


# ---------------------------------------------------------------- mock (coach.mock)


@app.command("mock")
@friendly_errors
def mock_command(
    questions: Annotated[
        int | None,
        typer.Option(
            min=2,
            max=10,
            metavar="N",
            # the Mock page's rules, as its Questions box says them ("an opener included" said neither
            # that a closing question comes with three or more nor that follow-ups are extra)
            # the range is said once, by the "[2 to 10]" after it (it was said twice)
            help=f"how many questions. {QUESTION_ORDER}",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            metavar="FORMAT",
            help="recruiter, behavioural (default) or role (the default with a --role other than any)",
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            metavar="ROLE",
            # the names `coach settings --role` takes and lists: it listed four short names and "..."
            help=f"the jobs whose questions are asked, by default your role in Settings: {ROLE_NAMES}; "
            "any asks every role's questions",
        ),
    ] = None,
    interview: Annotated[
        int | None, typer.Option(metavar="ID", help="an interview from the log steers the questions")
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            metavar="FOLDER",
            help="a folder of recordings, one per turn (questions and follow-ups), taken in name order; "
            "a file named like 03-skip or 03-skip.txt in its place skips that turn",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the session as JSON")] = False,
) -> None:
    """A mock interview: the coach speaks each question (a WAV in the session's folder), takes the
    answer, follows up where the answer left something out, and reports."""
    from coach.audio import TakeNotKept
    from coach.mock import answers_folder
    from coach.mock.session import MockSession, plan_for

    files: list[Path] | None = None
    if answers is not None:
        if not answers.is_dir():
            raise InputError(f"{answers} is not a folder; give a folder of answer recordings.")
        files = answers_folder.turns_in(answers)  # its recordings and skips, in name order
        if not files:
            raise InputError(f"{answers} has no audio files; put one recording per answer in it.")
        skipped = sum(1 for p in files if answers_folder.skips(p))
    settings = _settings()
    ran_out = None  # why the interview ended before its end, when the folder's recordings ran out
    with open_store(settings) as store:
        plan = plan_for(store, settings, format=format, n=questions, role=role, interview_id=interview)
        if files is not None:  # a folder too short to finish is said before a question is spoken
            if refused := answers_folder.too_few(str(answers), len(files), len(plan.questions), skipped):
                raise InputError(refused)
            if short := answers_folder.may_run_short(str(answers), len(files), len(plan.questions), skipped):
                _mock_said("warning: ", one_line(short), whole=(str(answers),))
        session = MockSession(settings, plan)
        try:
            if not _mock_turns(session, files):
                ran_out = answers_folder.ran_out(str(answers), session)
        except TakeNotKept:  # Ctrl+C as the answer just taken was written: "what you answered is kept"
            typer.echo(flowed("", _mock_take_not_kept(session), 0), err=True)
        except KeyboardInterrupt:  # Ctrl+C while an answer is analysed: what was answered is kept
            typer.echo("Stopped: the interview ends here, and what you answered is kept.", err=True)
        summary = session.finish(store)
    if as_json:
        said = session.to_dict()
        for turn in said["turns"]:
            if turn["answer"]:
                turn["answer"] = _in_the_terminal_words(turn["answer"], turn["question_id"])
        print_json(said)
    else:
        _mock_report(summary, by_you=ran_out is None)
    if ran_out:  # the command did not do what was asked: its report is printed, and it fails
        raise InputError(ran_out)


def _mock_take_not_kept(session) -> str:
    """Ctrl+C after an answer's take ended and before it was kept: that answer is lost, the answers
    before it are kept (said as they were: "what you answered is kept" covered the lost one too)."""
    before = sum(1 for t in session.turns if t.answer is not None)
    are = "is" if before == 1 else "are"
    kept = f"; the {count(before, 'answer')} before it {are} kept" if before else ""
    turn = session.current  # the turn whose answer was lost, left waiting
    question = turn is not None and turn.kind == "question"
    again = " Practise that question again to record your answer." if question else ""
    ends = "Stopped while your answer was being saved, so it was not kept: the interview ends here"
    return f"{ends}{kept}.{again}"


def _mock_report(summary: dict, by_you: bool = True) -> None:
    """The session's report as text, as the page's report says it, in TERMINAL_WIDTH columns: a
    question's row and what is said under it wrap at words under a four-space indent, the
    session's sentences under none (they were printed one a line, up to 165 columns). `by_you`
    False: the folder of answers ran out, so the interview is not said to be ended by the user."""
    from coach.mock.report import (
        FOLLOW_UP_NOT_ANSWERED,
        NOT_MEASURED,
        QUESTION_NOT_ANSWERED,
        SKIPPED_FOLLOW_UP,
        SKIPPED_QUESTION,
        ended_early_sentence,
        nothing_answered_sentence,
        pattern_sentence,
    )

    if not summary["answers"]:  # as the page says it: no score, time or "after 0 questions" to give
        typer.echo(nothing_answered_sentence(summary, by_you=by_you))
        return
    if summary.get("why_these_questions"):  # above the questions, as the page's "Question by question"
        _mock_line("", summary["why_these_questions"], 0)
    for row in summary["questions"]:
        if not row.get("answered", True):  # skipped, or asked as the interview ended: as the page says
            _mock_line("", row["text"])
            _mock_line("  ", SKIPPED_QUESTION if row.get("skipped") else QUESTION_NOT_ANSWERED)
            continue
        score = (row["scores"] or {}).get("overall")
        if score is None:  # as the page's report: why it was not measured, where a score would be
            _mock_line("", row["text"])  # it read "score -", a dash
            for why in row.get("warnings") or [NOT_MEASURED]:
                _mock_line("  ", why)
        else:
            said = f"score {score:.0f}"  # kept whole: not "score" then "66" below
            _mock_line("", f"{row['text']}  {said}", whole=(said,))
        if row.get("length"):  # an answer that ran short or long, as the page's report says under its scores
            _mock_line("  ", row["length"])
        if row["follow_up"]:
            _mock_line("  follow-up: ", f"{row['follow_up']['text']} ({row['follow_up']['why']})")
            if row["follow_up"].get("skipped"):  # moved on from, as the page's report says
                _mock_line("  ", SKIPPED_FOLLOW_UP)
            elif not row["follow_up"].get("answered", True):  # asked as the interview ended
                _mock_line("  ", FOLLOW_UP_NOT_ANSWERED)
            elif (row["follow_up"]["scores"] or {}).get("overall") is not None:  # as the page's report
                _mock_line("  ", f"follow-up score {row['follow_up']['scores']['overall']:.0f}")
            else:  # a reply too short to measure says why, as a question's answer does
                for why in row["follow_up"].get("warnings") or [NOT_MEASURED]:
                    _mock_line("  ", why)
    overall = summary["score_overall"]  # the session's, as the app's report leads with it
    scored = sum(1 for row in summary["questions"] if (row["scores"] or {}).get("overall") is not None)
    unmeasured = summary["unmeasured_answers"]
    _mock_line(  # the questions' scores averaged, as the page's report does; follow-ups are not scored
        "",
        f"Overall {overall:.0f}/100 over {count(scored, 'question')}"
        + (f" ({count(unmeasured, 'answer')} not measured)." if unmeasured else ".")
        if overall is not None
        else "No answer could be measured, so the session has no score.",
        0,
    )
    if ended := ended_early_sentence(summary, by_you=by_you):  # as the page's report says it
        _mock_line("", ended, 0)
    for line in (pattern_sentence(summary), summary["time"], summary["change"]):
        if line:
            _mock_line("", line, 0)
    for line in summary.get("job_term_lines") or []:  # the description's key terms, as Practice says them
        _mock_line("", line, 0)


# Where the lines of `coach mock`'s report that wrap go on: under a question's row, four spaces in
# (what is said under it starts two in); a sentence of the session's own, at the margin.
MOCK_ROW_INDENT = 4


def _mock_line(head: str, text: str, indent: int = MOCK_ROW_INDENT, *, whole: tuple[str, ...] = ()) -> None:
    """One line of the mock report, wrapped at words in TERMINAL_WIDTH columns under `indent`."""
    typer.echo(flowed(head, text, indent, whole=whole))


def _mock_turns(session, files: list[Path] | None) -> bool:
    """Ask each turn and take its answer: the next recording of `files`, or the microphone. A
    recording that cannot be used is said and the next one tried for the same turn; a skip of
    `files` (`03-skip`), or Enter at the microphone, skips the turn (as the page's "Skip this
    question"); Ctrl+C before answering ends the interview. False when `files` ran out before the end."""
    from coach.audio import EnterSkips, TakeNotKept, record, write_wav
    from coach.errors import AudioError  # a model that cannot load stops the interview, as it should
    from coach.mock import answers_folder
    from coach.mock.report import SKIPPED_FOLLOW_UP, SKIPPED_QUESTION
    from coach.practice import StoppedWithTakeKept
    from coach.types import SAMPLE_RATE

    while (turn := session.current) is not None:
        spoken = f"[{turn.audio}]"  # the interviewer's words as a WAV: its path whole on its line
        said = "Follow-up: " if turn.kind == "follow_up" else "Question: "
        _mock_said(said, f"{turn.text}  {spoken}", whole=(spoken,))
        if files is None:
            seconds = float(getattr(turn.question, "target_s", 60))
            what = "this follow-up" if turn.kind == "follow_up" else "this question"
            _mock_said("", f"Recording up to {seconds:g} s… answer now. Ctrl+C when you have finished.")
            _mock_said("", f"Enter skips {what}; Ctrl+C before you start ends the interview.")
            enter = EnterSkips()
            otherwise = "`coach mock --answers FOLDER` (one recording a turn)"
            samples = record(seconds, otherwise=otherwise, enter=enter)
            if enter.pressed:  # moved on without an answer: asked, not answered, never scored
                session.skip()
                _mock_said("", SKIPPED_FOLLOW_UP if turn.kind == "follow_up" else SKIPPED_QUESTION)
                continue
            if len(samples) < SAMPLE_RATE:
                typer.echo("Stopped: the interview ends here.", err=True)
                return True
            try:
                answered = session.answer(
                    write_wav(session.folder / f"answer-{len(session.turns):02d}.wav", samples)
                )
            except KeyboardInterrupt as e:  # a second Ctrl+C: before the take was kept, it is lost
                if turn.answer is None and not isinstance(e, StoppedWithTakeKept):
                    raise TakeNotKept from e
                raise
            _said_if_not_measured(session, answered)
            continue
        while files:
            source = files.pop(0)
            if answers_folder.skips(source):  # as Enter does at the microphone, the page's Skip button
                session.skip()
                _mock_said("", SKIPPED_FOLLOW_UP if turn.kind == "follow_up" else SKIPPED_QUESTION)
                break
            try:
                answered = session.answer(source, original_name=source.name)
                _said_if_not_measured(session, answered, from_folder=True)
                break
            except AudioError as e:  # a file that is not audio, silence: the turn waits for the next
                _mock_said(
                    "warning: ",
                    f"{one_line(str(e))} The next recording answers this turn.",
                    whole=(source.name, str(source)),
                )
        else:
            return False
    return True


def _said_if_not_measured(session, answered, *, from_folder: bool = False) -> None:
    """As the page says it over the next question: the answer just given could not be measured."""
    from coach.mock.report import not_measured_now

    if said := not_measured_now(session.turns, answered, from_folder=from_folder):
        _mock_said("", said)


# Where a line `coach mock` says as the interview goes (on stderr) goes on when it wraps: two spaces
# in, under its "Question: " or "warning: ", as an error's does.
MOCK_SAID_INDENT = 2


def _mock_said(head: str, text: str, *, whole: tuple[str, ...] = ()) -> None:
    """A line said on stderr as the interview goes (a question asked, a warning), wrapped at words in
    TERMINAL_WIDTH columns, each of `whole` (a path) whole on its line: a question's line with the
    path of its WAV ran 103 to 164 columns, cut mid-word and mid-path by an 80-column terminal."""
    typer.echo(flowed(head, text, MOCK_SAID_INDENT, whole=whole), err=True)


@app.command("settings")
@friendly_errors
def settings_command(
    role: Annotated[
        str | None,
        typer.Option(
            metavar="ROLE",
            help=f"the jobs you interview for: {ROLE_NAMES}",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            metavar="MODEL",
            help="the speech model answers are transcribed with, one installed here: Quick, "
            "'More accurate' or a model's name (`coach models`)",
        ),
    ] = None,
    engine: Annotated[
        str | None, typer.Option(metavar="ENGINE", help="with --model: faster-whisper or openai-whisper")
    ] = None,
    verbatim: Annotated[
        bool | None, typer.Option("--verbatim/--no-verbatim", help="keep the 'um's Whisper writes")
    ] = None,
    hear_ums: Annotated[
        bool | None,
        typer.Option(
            "--hear-ums/--no-hear-ums", help="hear the 'um's the transcript leaves out, from the sound"
        ),
    ] = None,
    threshold: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME=VALUE", help="change a threshold (`--json` lists their names); repeatable"
        ),
    ] = None,
    default_thresholds: Annotated[
        bool, typer.Option("--default-thresholds", help="every threshold back to its default")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print the settings as JSON")] = False,
) -> None:
    """Your settings, as on the Settings page: your role (recommendations, `coach progress` and
    `coach mock` pick questions for it and for any role; an interview whose job title names another
    role follows that role), the speech model, the 'um's kept and the thresholds. An option given
    saves it first; in a cohort the role is the --user's own, the rest everyone's."""
    from coach.banks import ROLE_LABELS
    from coach.config import load_settings
    from coach.roles import role_is_the_cohorts_default, save_your_role, your_role
    from coach.transcribe.models import model_name, settings_model_problem

    settings = load_settings()
    if engine is not None and model is None:
        raise CoachError(
            "--engine goes with --model: say which model, e.g. --model tiny.en --engine openai-whisper."
        )
    changes = _settings_changes(
        settings, model, engine, verbatim, hear_ums, threshold or [], default_thresholds
    )
    if changes and settings.multi_user:
        from coach.identity import is_staff

        if not is_staff(settings.owner, settings):  # as on the page: a cohort's settings are its staff's
            raise CoachError(
                "In a cohort the speech model and thresholds are everyone's, so only its staff change "
                "them; ask your coaching staff."
            )
    if changes:
        from dataclasses import replace

        from coach.config import save_settings

        save_settings(replace(settings, **changes))
        typer.echo(
            "Saved." + (" It applies to everyone in the cohort." if settings.multi_user else ""), err=True
        )
        settings = load_settings()
    with open_store(settings) if settings.multi_user else contextlib.nullcontext() as store:
        if role is not None:
            save_your_role(settings, store, role)
        chosen = your_role(load_settings(), store)
        hosts = role_is_the_cohorts_default(settings, store)
    from dataclasses import asdict

    current = load_settings()
    shown = {  # what the Settings page shows; the thresholds are changed there or in settings.toml
        "speech_model": {"engine": current.engine, "model": current.model},
        "keep_ums": current.verbatim,
        "acoustic_fillers": current.recover_fillers,
        "data_dir": str(current.data_dir),
        "thresholds": asdict(current.thresholds),
    }
    if as_json:
        print_json({"role": chosen, **shown})
        return
    # each line wrapped at words in 80 columns, its next lines two in
    if chosen == "any":
        _echo_in_80_columns("Your role: Any role (questions for every role are recommended).")
    else:  # as the Settings page names it
        _echo_in_80_columns(
            f"Your role: {ROLE_LABELS[chosen]} (its questions and those for any role are recommended)."
        )
    if hosts:
        _echo_in_80_columns(
            "It is the role your organisation set for everyone until you choose yours with --role."
        )
    on_off = {True: "on", False: "off"}
    problem = settings_model_problem(current)
    _echo_in_80_columns(
        "Speech model: "
        + (f"{named} — " if (named := model_name(current.engine, current.model)) else "")
        + f"{current.engine} {current.model}"
        + (
            " (`coach models` lists the others; --model on a command uses another).\n"
            if problem is None
            else f", which cannot transcribe. {problem}\n"
        )
        + f"Keeping the 'um's Whisper writes: {on_off[current.verbatim]}; "
        f"hearing those it drops, from the sound: {on_off[current.recover_fillers]}.\n"
        f"Data: {current.data_dir}.\nThresholds: "
        + (
            "the cohort's, changed by its staff on their Settings page (a student's has none): "
            f"{_thresholds_said(current.thresholds)}."
            if current.multi_user
            else f"{_thresholds_said(current.thresholds)}. Change them on the Settings page or with "
            "--threshold NAME=VALUE;"
        )
        + " `coach settings --json` lists them all."
    )


def _settings_changes(
    settings, model, engine, verbatim, hear_ums, thresholds: list[str], defaults: bool
) -> dict:
    """What `coach settings` was asked to change, checked as the Settings page checks it: a model
    installed here, thresholds by their names within their bounds; one sentence for anything else."""
    from dataclasses import fields

    from coach.config import THRESHOLD_BOUNDS, Thresholds, check_thresholds

    changes: dict = {}
    if model is not None:
        from coach.transcribe import available_models
        from coach.transcribe.models import check_engine, command_model, not_available

        _check_model_given(model)
        if engine is not None:
            check_engine(engine)
        # the names a command's --model takes, read as it reads them: "More accurate" with --engine
        # openai-whisper is that engine's base, as `coach analyze` runs it (here it was refused)
        engine, model = command_model(model, engine)
        here = [(m.engine, m.name) for m in available_models(settings) if m.available]
        if Path(model).expanduser().exists():  # not a name: saved, nothing would check it loads
            raise CoachError(
                f"{model} is a model's folder or file: `coach settings --model` saves one installed here "
                "by its name (`coach models` lists them); give the path to --model on a command instead."
            )
        named = [c for c in here if c[1] == model and engine in (None, c[0])]
        if not named:  # the sentence a command ends with when the model cannot load here
            raise not_available(engine or settings.engine, model, "not installed")
        picked = next((c for c in named if c[0] == settings.engine), named[0])
        changes |= {"engine": picked[0], "model": picked[1]}
    if verbatim is not None:
        changes["verbatim"] = verbatim
    if hear_ums is not None:
        changes["recover_fillers"] = hear_ums
    if defaults or thresholds:
        values = (
            {} if defaults else {f.name: getattr(settings.thresholds, f.name) for f in fields(Thresholds)}
        )
        for given in thresholds:
            name, _, value = given.partition("=")
            name = name.strip().replace("-", "_")
            if name not in THRESHOLD_BOUNDS:
                raise CoachError(
                    f"No threshold called {name!r}; `coach settings --json` lists their names "
                    "(e.g. --threshold pace_low_wpm=120)."
                )
            try:
                values[name] = float(value)
            except ValueError:
                raise CoachError(
                    f"{given!r} gives no number: write it as NAME=VALUE, e.g. {name}=120."
                ) from None
        changes["thresholds"] = check_thresholds(Thresholds(**values))
    return changes


def _thresholds_said(thresholds) -> str:
    """'the defaults', or those changed in the Settings page's words with the default beside each:
    a threshold restored from a backup or changed on the page was shown only in `--json`, by the
    code's names (pace_low_wpm = 120.0)."""
    from dataclasses import fields

    from coach.config import THRESHOLD_BOUNDS, Thresholds

    default = Thresholds()
    changed = []
    for f in fields(Thresholds):
        value, usual, bound = getattr(thresholds, f.name), getattr(default, f.name), THRESHOLD_BOUNDS[f.name]
        if value != usual:
            what = bound.what[0].lower() + bound.what[1:]
            changed.append(f"{what} at {bound.shown(value)} (default {bound.shown(usual)})")
    return "the defaults" if not changed else "the defaults, except " + "; ".join(changed)


@app.command("worker")
@friendly_errors
def worker_command(
    concurrency: Annotated[
        int, typer.Option(min=1, metavar="N", help="Answers analysed at once by this worker.")
    ] = 1,
    threads: Annotated[
        int,
        typer.Option(
            min=1, metavar="N", help="CPU threads a worker uses (1: several workers share a machine)."
        ),
    ] = 1,
    name: Annotated[str | None, typer.Option(metavar="NAME", help="The worker's name in its log.")] = None,
    heartbeat: Annotated[
        float, typer.Option(hidden=True, metavar="SECONDS", help="Seconds between heartbeats.")
    ] = 0.0,
    stalled_after: Annotated[
        float,
        typer.Option(
            hidden=True, metavar="SECONDS", help="Seconds of silence after which a worker is taken for dead."
        ),
    ] = 0.0,
) -> None:
    """Cohort mode: analyse the answers and interviews waiting in the queue (PostgreSQL,
    COACH_DATABASE_URL) until stopped. Loads the speech model and spaCy once; run one a core, here
    or on other machines.

    On another machine than the app, set COACH_RECORDINGS_DIR to the folder the app keeps the
    recordings in (shared with this machine) and COACH_DATA_DIR to the app's data directory, whose
    settings.toml holds the speech model and thresholds the staff choose. A worker that finds none of
    the coach's latest recordings in its folder does not start, and says so."""
    import logging
    import os

    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
        os.environ.setdefault(variable, str(threads))  # before numpy loads, or its pools are made
    from coach import queue
    from coach.config import load_settings

    settings = load_settings()
    queue.worker_conninfo(settings)  # one sentence, before anything loads, when this is not PostgreSQL
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # procrastinate logs each job's arguments (the person's identity, the question) at INFO
    logging.getLogger("procrastinate").setLevel(logging.WARNING)

    def loading() -> None:  # said once the database and the recordings folder are found right
        typer.echo(f"Worker starting: loading the models ({settings.engine} {settings.model}).", err=True)
        typer.echo(_whose_settings_a_worker_follows(settings), err=True)

    queue.run_worker(
        settings,
        concurrency=concurrency,
        threads=threads,
        name=name,
        heartbeat_s=heartbeat or queue.HEARTBEAT_S,
        stalled_after_s=stalled_after or queue.STALLED_AFTER_S,
        loading=loading,
    )


def _whose_settings_a_worker_follows(settings) -> str:
    """Where a worker reads the cohort's model and thresholds before each answer: a worker on another
    machine started without the app's data directory took the defaults, whatever the staff saved
    on Settings, and nothing said so."""
    from coach.config import SETTINGS_FILE_NAME

    path = settings.data_dir / SETTINGS_FILE_NAME
    if path.exists():
        return f"The speech model and thresholds are read from {path} before each answer."
    return (
        f"No {SETTINGS_FILE_NAME} in {settings.data_dir} yet: answers get the default speech model and "
        "thresholds until the staff save theirs there; on another machine than the app, set "
        "COACH_DATA_DIR to the app's data directory (shared with this machine)."
    )


def _summaries_on_one_line() -> None:
    """A docstring's line breaks would split a command's summary ("…list its key terms; answers
    practised" then "with `coach analyze --interview ID` show…" on a short line of its own), and
    the plain help's command list cuts a summary at about 45 characters ("Fillers, pace, pauses
    and STAR structure of one..."): each command's first paragraph is one line, given as its
    summary whole, which the list wraps to the terminal's width."""
    import inspect

    for command in app.registered_commands:
        doc = inspect.cleandoc(command.help or (command.callback.__doc__ if command.callback else "") or "")
        first, blank, rest = doc.partition("\n\n")
        command.help = first.replace("\n", " ") + blank + rest
        command.short_help = command.short_help or first.replace("\n", " ")


_summaries_on_one_line()


def main() -> None:
    import signal

    signal.signal(signal.SIGINT, stopped_while_starting)  # until the command begins (friendly_errors)
    app()


if __name__ == "__main__":
    main()
