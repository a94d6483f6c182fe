"""The "always be interviewing" playbook: checklist, debrief template, cadence and options.

The words live in `question_banks/playbook.toml` so they can be edited without touching code;
this module loads them, renders them as Markdown (read the same in a terminal and in
Streamlit), checks a filled-in debrief, and turns its skill gaps into practice questions.
The cadence goal is the one part a user changes, so it is kept in `<data_dir>/playbook.toml`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from coach import banks
from coach.errors import InputError

PLAYBOOK_FILE = banks.SHIPPED_BANKS_DIR / "playbook.toml"
USER_PLAYBOOK_FILE_NAME = "playbook.toml"
SECTIONS: tuple[str, ...] = ("before", "after", "cadence", "options")
FIELD_KINDS: tuple[str, ...] = ("text", "list", "scale", "choice")


@dataclass(frozen=True)
class Step:
    """One item of the pre-interview checklist."""

    id: str
    text: str
    detail: str


@dataclass(frozen=True)
class DebriefField:
    """One question of the debrief template; `kind` says which widget or check fits it."""

    id: str
    label: str
    kind: str
    prompt: str
    min: int | None = None
    max: int | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cadence:
    """A goal of `interviews` real first-round interviews every `period_days` days."""

    interviews: int = 1
    period_days: int = 91
    period_label: str = "quarter"
    intro: str = ""


@dataclass(frozen=True)
class CadenceStatus:
    """Where the user stands against the goal on a given day."""

    interviews_in_period: int
    goal: int
    period_days: int
    next_due: date
    on_track: bool


@dataclass(frozen=True)
class Options:
    title: str
    intro: str
    guidance: tuple[str, ...]
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Playbook:
    before_title: str
    before_intro: str
    steps: tuple[Step, ...]
    after_title: str
    after_intro: str
    debrief_fields: tuple[DebriefField, ...]
    cadence: Cadence
    options: Options


# ---------------------------------------------------------------- loading


def load_playbook(data_dir: Path | None = None, path: Path = PLAYBOOK_FILE) -> Playbook:
    """The shipped playbook with the user's own cadence goal, if they set one."""
    data = _read_toml(path, "The playbook")
    try:
        before, after, options = data["before"], data["after"], data["options"]
        steps = tuple(Step(s["id"], s["text"], s["detail"]) for s in before["step"])
        debrief_fields = tuple(_debrief_field(f) for f in after["field"])
        cadence = _cadence(data["cadence"])
        playbook = Playbook(
            before_title=before["title"], before_intro=before["intro"], steps=steps,
            after_title=after["title"], after_intro=after["intro"], debrief_fields=debrief_fields,
            cadence=cadence, options=Options(options["title"], options["intro"],
                                             tuple(options["guidance"]), tuple(options["fields"])))
    except (KeyError, TypeError) as e:
        raise InputError(f"The playbook {path} is missing or misspells {e};"
                         " restore it from the repository.") from e
    return replace(playbook, cadence=_load_user_cadence(data_dir, playbook.cadence))


def _debrief_field(raw: dict) -> DebriefField:
    if raw["kind"] not in FIELD_KINDS:
        raise InputError(f"Debrief field '{raw['id']}' has unknown kind {raw['kind']!r}; use one of "
                         f"{', '.join(FIELD_KINDS)}.")
    return DebriefField(id=raw["id"], label=raw["label"], kind=raw["kind"], prompt=raw["prompt"],
                        min=raw.get("min"), max=raw.get("max"), choices=tuple(raw.get("choices", ())))


def _cadence(raw: dict) -> Cadence:
    return Cadence(interviews=raw["interviews"], period_days=raw["period_days"],
                   period_label=raw.get("period_label", f"{raw['period_days']} days"),
                   intro=raw.get("intro", ""))


def _read_toml(path: Path, what: str) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError(f"{what} file {path} is missing; restore it from the repository.") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{what} file {path} is not valid TOML ({e}); fix or delete it.") from e


# ---------------------------------------------------------------- cadence


def _user_playbook_path(data_dir: Path | None) -> Path:
    if data_dir is None:
        from coach.config import load_settings

        data_dir = load_settings().data_dir
    return Path(data_dir) / USER_PLAYBOOK_FILE_NAME


def _load_user_cadence(data_dir: Path | None, default: Cadence) -> Cadence:
    path = _user_playbook_path(data_dir)
    if not path.exists():
        return default
    raw = _read_toml(path, "Your playbook settings").get("cadence", {})
    interviews = raw.get("interviews", default.interviews)
    period_days = raw.get("period_days", default.period_days)
    _check_cadence(interviews, period_days, where=f" in {path}")
    label = raw.get("period_label", default.period_label if period_days == default.period_days
                    else f"{period_days} days")
    return Cadence(interviews=interviews, period_days=period_days, period_label=label, intro=default.intro)


def _check_cadence(interviews: object, period_days: object, where: str = "") -> None:
    for name, value in (("interviews", interviews), ("period_days", period_days)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InputError(f"The cadence {name}{where} must be a whole number of at least 1,"
                             f" not {value!r}.")
    if period_days > 3660:
        raise InputError(f"The cadence period{where} is over ten years; use at most 3660 days.")


def save_cadence(data_dir: Path, interviews: int, period_days: int,
                 period_label: str | None = None) -> Cadence:
    """Change the goal (e.g. two interviews every 60 days); written through a temporary file."""
    _check_cadence(interviews, period_days)
    label = period_label or ("quarter" if period_days == 91 else f"{period_days} days")
    path = _user_playbook_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (f"[cadence]\ninterviews = {interviews}\nperiod_days = {period_days}\n"
            f"period_label = {banks._toml_value(label)}\n")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return load_playbook(data_dir).cadence


def change_cadence(data_dir: Path, section: str | None, interviews: int | None = None,
                   period_days: int | None = None) -> Cadence:
    """Change one or both numbers of the goal, keeping the other; only the cadence can change."""
    if section != "cadence":
        raise InputError("--interviews and --every-days change the cadence;"
                         " run `coach playbook cadence --interviews N --every-days D`.")
    current = load_playbook(data_dir).cadence
    return save_cadence(data_dir, interviews if interviews is not None else current.interviews,
                        period_days if period_days is not None else current.period_days)


def cadence_status(cadence: Cadence, interview_dates: Sequence[date], today: date) -> CadenceStatus:
    """How many real interviews fall in the last period, and when the next one is due.

    The next one is due a period after the oldest interview still counting toward the goal, so
    someone who met the goal is not nagged, and someone with none in the period is due today.
    """
    window_start = today - timedelta(days=cadence.period_days)
    recent = sorted(d for d in interview_dates if window_start < d <= today)
    on_track = len(recent) >= cadence.interviews
    if on_track:
        next_due = recent[-cadence.interviews] + timedelta(days=cadence.period_days)
    else:
        next_due = today
    return CadenceStatus(interviews_in_period=len(recent), goal=cadence.interviews,
                         period_days=cadence.period_days, next_due=next_due, on_track=on_track)


# ---------------------------------------------------------------- debrief


def empty_debrief(playbook: Playbook) -> dict:
    """A blank debrief with one key per template field, ready for a form to fill."""
    blank = {"text": "", "list": [], "scale": None, "choice": None}
    return {f.id: blank[f.kind] for f in playbook.debrief_fields}


def check_debrief(playbook: Playbook, answers: dict) -> dict:
    """The debrief with lists and text tidied; a value out of range is an InputError naming the field."""
    unknown = sorted(set(answers) - {f.id for f in playbook.debrief_fields})
    if unknown:
        raise InputError(f"The debrief has unknown fields {unknown}; use the template's fields.")
    tidy = empty_debrief(playbook)
    for f in playbook.debrief_fields:
        value = answers.get(f.id, tidy[f.id])
        tidy[f.id] = _check_debrief_value(f, value)
    return tidy


def _check_debrief_value(f: DebriefField, value: object) -> object:
    if value is None or value == "" or value == []:
        return [] if f.kind == "list" else (None if f.kind in ("scale", "choice") else "")
    if f.kind == "text":
        return str(value).strip()
    if f.kind == "list":
        items = value.splitlines() if isinstance(value, str) else list(value)
        return [str(item).strip() for item in items if str(item).strip()]
    if f.kind == "scale":
        if not isinstance(value, int) or isinstance(value, bool) or not f.min <= value <= f.max:
            raise InputError(f"{f.label} must be a whole number from {f.min} to {f.max}, not {value!r}.")
        return value
    if value not in f.choices:
        raise InputError(f"{f.label} must be one of {', '.join(f.choices)}, not {value!r}.")
    return value


def practice_for_debrief(debrief: dict, questions: Sequence[banks.Question], n: int = 5,
                         exclude_ids: Sequence[str] = ()) -> tuple[list[str], list[banks.Question]]:
    """The competencies behind the debrief's skill gaps and questions that practise them."""
    gaps = debrief.get("skill_gaps") or []
    text = gaps if isinstance(gaps, str) else "\n".join(gaps)
    competencies = banks.skill_gap_to_competencies(text)
    return competencies, banks.recommend(questions, competencies, n=n, exclude_ids=exclude_ids)


# ---------------------------------------------------------------- rendering


def section_data(playbook: Playbook, section: str) -> object:
    """One section as plain JSON-ready data, for `coach playbook SECTION --json` and the app."""
    _check_section(section)
    if section == "before":
        return {"title": playbook.before_title, "intro": playbook.before_intro,
                "steps": [asdict(step) for step in playbook.steps]}
    if section == "after":
        return {"title": playbook.after_title, "intro": playbook.after_intro,
                "fields": [asdict(f) for f in playbook.debrief_fields], "blank": empty_debrief(playbook)}
    return asdict(playbook.cadence) if section == "cadence" else asdict(playbook.options)


def _check_section(section: str) -> None:
    if section not in SECTIONS:
        raise InputError(f"Unknown playbook section {section!r}; use one of: {', '.join(SECTIONS)}.")


def render(playbook: Playbook, section: str) -> str:
    """One section as Markdown, for `coach playbook SECTION` and the Interviews page."""
    renderers = {"before": _render_before, "after": _render_after, "cadence": _render_cadence,
                 "options": _render_options}
    _check_section(section)
    return renderers[section](playbook)


def _render_before(playbook: Playbook) -> str:
    lines = [f"## {playbook.before_title}", "", playbook.before_intro, ""]
    lines += [f"- [ ] **{step.text}** {step.detail}" for step in playbook.steps]
    return "\n".join(lines) + "\n"


def _render_after(playbook: Playbook) -> str:
    lines = [f"## {playbook.after_title}", "", playbook.after_intro, ""]
    for f in playbook.debrief_fields:
        hint = {"scale": f" ({f.min}–{f.max})", "choice": f" ({' / '.join(f.choices)})"}.get(f.kind, "")
        lines += [f"### {f.label}{hint}", f"_{f.prompt}_", ""]
    return "\n".join(lines)


def _render_cadence(playbook: Playbook) -> str:
    c = playbook.cadence
    plural = "interview" if c.interviews == 1 else "interviews"
    days = "" if c.period_label == f"{c.period_days} days" else f" ({c.period_days} days)"
    lines = ["## Cadence", "", f"Goal: **{c.interviews} real first-round {plural} every {c.period_label}**"
             f"{days}.", "", c.intro, "",
             "Change it with `coach playbook cadence --interviews N --every-days D`."]
    return "\n".join(lines) + "\n"


def _render_options(playbook: Playbook) -> str:
    o = playbook.options
    lines = [f"## {o.title}", "", o.intro, ""] + [f"- {g}" for g in o.guidance]
    lines += ["", "For each option, write down: " + "; ".join(o.fields) + "."]
    return "\n".join(lines) + "\n"
