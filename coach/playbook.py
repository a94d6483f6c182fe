"""The "always be interviewing" playbook: checklist, debrief template, cadence and options.

The words live in `question_banks/playbook.toml` so they can be edited without touching code;
this module loads them, renders them as plain text for a terminal or as Markdown to keep as a
file, checks a filled-in debrief, and turns its skill gaps into practice questions.
The playbook holds only the default cadence; a goal the user sets is a `real_interviews` goal
in the store, so progress and the playbook read the same number.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from coach import banks
from coach.analysis.wording import count
from coach.errors import InputError

PLAYBOOK_FILE = banks.SHIPPED_BANKS_DIR / "playbook.toml"
SECTIONS: tuple[str, ...] = ("before", "after", "cadence", "options")
# yes-no: True, False or None (undecided), as the store keeps a debrief's `proceed`.
FIELD_KINDS: tuple[str, ...] = ("text", "list", "scale", "yes-no")
CADENCE_GOAL_KIND = "real_interviews"
# What a cadence goal may be, the same for `coach playbook cadence` and the Interviews page: 1 to 20
# real interviews, every week to every ten years (100 a day was taken, and the page then failed).
CADENCE_INTERVIEWS = (1, 20)
CADENCE_PERIOD_DAYS = (7, 3660)
# What the pages and `coach progress` say to someone who has logged no real interview yet: an
# invitation to the first, not "due now" (the goal counts from the first one).
FIRST_TO_BOOK = "book your first"
# When in a process a checklist step fits (Step.at): its first stage, or a stage after one held.
# The onsite of a process two rounds in was asked to "Ask for the job description" and "Ask what the
# process and time commitment are", with no word of what the rounds before it had shown.
STEP_AT_FIRST, STEP_AT_LATER = "first", "later"
STEP_AT = {"": "", STEP_AT_FIRST: "For a process's first stage only", STEP_AT_LATER: "For a later stage only"}
# Whether a step fits once you accepted the company's offer (Step.accepted): a stage after it (an
# onboarding chat, a team match) was still asked to "Decide what would make you move" and "Do not go
# to the offer stage without intent", as if nothing were decided.
STEP_ACCEPTED_NOT, STEP_ACCEPTED_ONLY = "not", "only"
STEP_ACCEPTED = {
    "": "",
    STEP_ACCEPTED_NOT: "Not for a stage after you accepted the company's offer",
    STEP_ACCEPTED_ONLY: "For a stage after you accepted the company's offer only",
}


@dataclass(frozen=True)
class Step:
    """One item of the pre-interview checklist; `not_when`: how an interview started (its origin,
    as stored) for which the step makes no sense ("Ask why they reached out" when you applied);
    `at`: STEP_AT_FIRST for a process's first stage only ("Ask for the job description"),
    STEP_AT_LATER for a stage after one held ("Go over what the earlier stages showed"), "" for
    every stage; `accepted`: STEP_ACCEPTED_NOT for a stage whose company's offer you have not
    accepted ("Decide what would make you move"), STEP_ACCEPTED_ONLY for one after you did ("Have
    what was agreed in writing"), "" for either."""

    id: str
    text: str
    detail: str
    not_when: tuple[str, ...] = ()
    at: str = ""
    accepted: str = ""

    def fits(self, later: bool, accepted: bool = False) -> bool:
        """Whether the step belongs on the checklist of a first stage, or of a later one (`later`),
        and of a stage after you accepted its company's offer (`accepted`) or not."""
        fits_accepted = self.accepted != (STEP_ACCEPTED_NOT if accepted else STEP_ACCEPTED_ONLY)
        return fits_accepted and self.at != (STEP_AT_FIRST if later else STEP_AT_LATER)


@dataclass(frozen=True)
class DebriefField:
    """One question of the debrief template; `kind` says which widget or check fits it."""

    id: str
    label: str
    kind: str
    prompt: str
    min: int | None = None
    max: int | None = None
    more: bool = False  # asked besides, optional: the form keeps it under "More" to stay short


@dataclass(frozen=True)
class Cadence:
    """A goal of `interviews` real interviews (every stage held counts) every `period_days` days."""

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
    booked: bool = False  # a real interview is already in the calendar after today
    none_held: bool = False  # no real interview held yet, ever

    @property
    def first_to_book(self) -> bool:
        """No real interview logged yet, held or booked: the pages invite a first one ("due now" to
        someone who has never had one read as a deadline missed)."""
        return self.none_held and not self.booked

    @property
    def due_now(self) -> bool:
        """The goal needs an interview now and none is booked (both pages say "due now")."""
        return not self.on_track and not self.booked and not self.none_held

    @property
    def state(self) -> str:
        """The words both pages show beside the date."""
        if self.first_to_book:
            return FIRST_TO_BOOK
        return "due now" if self.due_now else "on track" if self.on_track else "booked"


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
    # said in its place for a stage after you accepted its company's offer: nothing to practise for,
    # nor to decide (the intro said "know before you start what would make you move")
    before_intro_accepted: str
    steps: tuple[Step, ...]
    after_title: str
    after_intro: str
    debrief_fields: tuple[DebriefField, ...]
    cadence: Cadence
    options: Options


# ---------------------------------------------------------------- loading


def load_playbook(path: Path = PLAYBOOK_FILE) -> Playbook:
    """The playbook as shipped; `current_cadence` gives the goal the user actually set."""
    data = _read_toml(path)
    try:
        before, after, options = data["before"], data["after"], data["options"]
        return Playbook(
            before_title=before["title"],
            before_intro=before["intro"],
            before_intro_accepted=before["intro_accepted"],
            steps=tuple(
                Step(
                    s["id"],
                    s["text"],
                    s["detail"],
                    tuple(s.get("not_when", ())),
                    _step_choice(s, "at", STEP_AT, "every stage"),
                    _step_choice(s, "accepted", STEP_ACCEPTED, "either"),
                )
                for s in before["step"]
            ),
            after_title=after["title"],
            after_intro=after["intro"],
            debrief_fields=tuple(_debrief_field(f) for f in after["field"]),
            cadence=_cadence(data["cadence"]),
            options=Options(
                options["title"], options["intro"], tuple(options["guidance"]), tuple(options["fields"])
            ),
        )
    except (KeyError, TypeError) as e:
        raise InputError(
            f"The playbook {path} is missing or misspells {e}; restore it from the repository."
        ) from e


def load_playbook_for(settings, db=None) -> Playbook:
    """The playbook with the cadence goal this user set (from the store), for the CLI and the app;
    `db`: the user's store when the caller has it open (a page, on every run)."""
    playbook = load_playbook()
    return replace(playbook, cadence=current_cadence(settings, playbook.cadence, db))


def _step_choice(raw: dict, key: str, choices: tuple[str, ...], otherwise: str) -> str:
    """A checklist step's `key` (at, accepted): one of `choices`, "" (left out) meaning `otherwise`."""
    value = raw.get(key, "")
    if value not in choices:
        raise InputError(
            f"Checklist step '{raw['id']}' has unknown {key} = {value!r}; use one of "
            f"{', '.join(repr(c) for c in choices if c)}, or leave it out for {otherwise}."
        )
    return value


def _debrief_field(raw: dict) -> DebriefField:
    if raw["kind"] not in FIELD_KINDS:
        raise InputError(
            f"Debrief field '{raw['id']}' has unknown kind {raw['kind']!r}; use one of "
            f"{', '.join(FIELD_KINDS)}."
        )
    return DebriefField(
        id=raw["id"],
        label=raw["label"],
        kind=raw["kind"],
        prompt=raw["prompt"],
        min=raw.get("min"),
        max=raw.get("max"),
        more=bool(raw.get("more", False)),
    )


def _cadence(raw: dict) -> Cadence:
    _check_cadence(raw["interviews"], raw["period_days"])
    return Cadence(
        interviews=raw["interviews"],
        period_days=raw["period_days"],
        period_label=raw.get("period_label", count(raw["period_days"], "day")),
        intro=raw.get("intro", ""),
    )


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError(f"The playbook file {path} is missing; restore it from the repository.") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"The playbook file {path} is not valid TOML ({e}); restore it.") from e


# ---------------------------------------------------------------- cadence


def _check_cadence(interviews: object, period_days: object) -> None:
    for name, value in (("number of interviews", interviews), ("period in days", period_days)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InputError(f"The cadence {name} must be a whole number of at least 1, not {value!r}.")
    most = CADENCE_INTERVIEWS[1]
    if interviews > most:
        raise InputError(f"The cadence goal is at most {most} real interviews a period, not {interviews}.")
    shortest, longest = CADENCE_PERIOD_DAYS
    if period_days < shortest:
        raise InputError(
            f"The cadence period is at least {shortest} days (a week), not {period_days}: "
            f"set a number of interviews every {shortest} days or more."
        )
    if period_days > longest:
        raise InputError(f"The cadence period is over ten years; use at most {longest} days.")


def cadence_within_bounds(cadence: Cadence) -> Cadence:
    """The goal with its number of interviews and its days each brought within what can be set
    (`CADENCE_INTERVIEWS`, `CADENCE_PERIOD_DAYS`): a goal stored before those bounds, or restored
    from a backup, may lie outside them (a billion days is past the calendar's end)."""

    def within(value: int, bounds: tuple[int, int]) -> int:
        return min(max(value, bounds[0]), bounds[1])

    interviews = within(cadence.interviews, CADENCE_INTERVIEWS)
    days = within(cadence.period_days, CADENCE_PERIOD_DAYS)
    if (interviews, days) == (cadence.interviews, cadence.period_days):
        return cadence
    return replace(cadence, interviews=interviews, period_days=days, period_label=count(days, "day"))


def whole_count(target: float) -> int:
    """A stored goal's count as the whole number of interviews the cadence rule counts (at least 1)."""
    return max(1, round(target))


def newest_goal(goals: Sequence[dict], kind: str) -> dict | None:
    """The goal of this kind the user set last and has not retired (goals come oldest first)."""
    chosen = [g for g in goals if g.get("kind") == kind and g.get("active", True)]
    return chosen[-1] if chosen else None


def cadence_from_goals(goals: Sequence[dict], default: Cadence) -> Cadence:
    """The newest active `real_interviews` goal from the store, or the playbook's default."""
    goal = newest_goal(goals, CADENCE_GOAL_KIND)
    if goal is None:
        return default
    interviews, days = whole_count(goal["target"]), int(goal["period_days"])
    label = default.period_label if days == default.period_days else count(days, "day")
    if (interviews, days) == (default.interviews, default.period_days):
        return Cadence(interviews=interviews, period_days=days, period_label=label, intro=default.intro)
    # the playbook's words argue for its own goal ("every quarter"): beside yours they are a suggestion
    suggested = f"{default.interviews} every {default.period_label}"
    intro = f"Your own goal; the playbook suggests {suggested}. Whatever the number, the point is regularity."
    return Cadence(interviews=interviews, period_days=days, period_label=label, intro=intro)


def current_cadence(settings, default: Cadence, db=None) -> Cadence:
    """The user's goal, read from `db` when it is open, else without creating a database that does
    not exist yet (the Interviews page opened a second store, migration check and recovery
    included, on every run)."""
    from coach import store

    if db is not None:
        return cadence_from_goals(store.list_goals(db, active_only=True), default)
    if not settings.has_database:
        return default
    opened = store.open_store(settings)
    try:
        return cadence_from_goals(store.list_goals(opened, active_only=True), default)
    finally:
        opened.close()


def set_cadence(
    settings, default: Cadence, interviews: int | None = None, period_days: int | None = None
) -> Cadence:
    """Change one or both numbers of the goal (keeping the other) as the store's active goal."""
    from coach import store

    opened = store.open_store(settings)
    try:
        goals = store.list_goals(opened, active_only=True)
        current = cadence_from_goals(goals, default)
        interviews = current.interviews if interviews is None else interviews
        period_days = current.period_days if period_days is None else period_days
        _check_cadence(interviews, period_days)
        existing = [g for g in goals if g["kind"] == CADENCE_GOAL_KIND]
        if existing:
            store.update_goal(opened, existing[-1]["id"], target=float(interviews), period_days=period_days)
        else:
            store.add_goal(
                opened,
                kind=CADENCE_GOAL_KIND,
                target=interviews,
                period_days=period_days,
                note="Set from the playbook",
            )
        return cadence_from_goals(store.list_goals(opened, active_only=True), default)
    finally:
        opened.close()


# Stages of the log that are an outcome of the process, not an interview held: an offer (its call
# or its negotiation too), a rejection, a withdrawal. Stages are free text ("offer call", "Rejected
# by email"), so they are matched by these word beginnings; "other" is an interview of another kind.
# One asked, not said ("Offer? no — second round"), is no outcome.
NOT_INTERVIEWS = ("offer", "reject", "declin", "withdr", "accept", "turned down", "no offer", "ghost")
_OUTCOME = re.compile(rf"\b(?:{'|'.join(map(re.escape, NOT_INTERVIEWS))})\w*(?!\w|\s*\?)")
# An offer said not to have come: "no offer", "Offer: no, second round", "offer - no", "offer? none".
# What else the stage says is what it was ("second round": an interview); said alone, it is an
# outcome (no offer), but never an offer.
_NO_OFFER = re.compile(
    r"\bno\s+offers?(?:\s+yet)?\b|\boffers?(?:[\s:?!.,;()\[\]/|-]|–|—)+(?:no|none|not)(?:\s+yet)?\b"
)
# The outcomes that end a process without an offer to answer, even beside the word "offer"
# ("offer declined", "turned down the offer").
_NOT_AN_OFFER = re.compile(r"\b(?:reject|declin|withdr|turned down|ghost|rescind)\w*")


# An application logged as a stage ("applied", "application sent"): the process has begun, but no
# interview was held. A stage that also names a round ("Applied ML interview") is that round.
_APPLICATION = re.compile(r"\bappl(?:y|ied|ying|ication)\b(?!\s*\?)")
_A_ROUND = re.compile(
    r"\b(?:interview|round|screen|technical|onsite|loop|panel|final|call|chat|take-home|assessment)"
)
# How an outcome logged as the last stage ended the opportunity, in the words the card and
# `coach interviews` say it (NOT_INTERVIEWS' outcomes other than an offer), most telling first:
# "No offer, rejected" was a rejection; "offer declined", an offer turned down.
ENDINGS = (
    ("withdr", "withdrew"),
    ("declin", "declined"),
    ("rescind", "rescinded"),
    ("reject", "rejected"),
    ("turned down", "turned down"),
    ("ghost", "ghosted"),
)


def is_application(stage: str | None) -> bool:
    """Whether a logged stage is the application itself ("applied", "Application sent"), not an
    interview: it counts in no cadence and no count of real interviews."""
    text = (stage or "").casefold()
    return _APPLICATION.search(text) is not None and _A_ROUND.search(text) is None


def ending(stage: str | None) -> str:
    """How a stage says the process ended ("rejected", "withdrew", "declined", ...), or "" for one
    that does not: an interview, an offer, an application, or an outcome only asked about
    ("rejected?"). "No offer" said alone is a rejection."""
    if is_interview(stage) or is_offer(stage) or is_application(stage):
        return ""
    rest, no_offer = _without_no_offer((stage or "").casefold())
    for beginning, said in ENDINGS:
        if re.search(rf"\b{re.escape(beginning)}\w*(?!\w|\s*\?)", rest):
            return said
    return "rejected" if no_offer else ""


def _without_no_offer(text: str) -> tuple[str, bool]:
    """The stage with a negated offer taken out, and whether there was one."""
    rest, n = _NO_OFFER.subn(" ", text)
    return rest, n > 0


def is_interview(stage: str | None) -> bool:
    """Whether a logged stage is an interview the person sat (a stage not set counts: it was logged
    as an interview); an outcome (NOT_INTERVIEWS) or an application (is_application) is none."""
    if is_application(stage):
        return False
    rest, no_offer = _without_no_offer((stage or "").casefold())
    if no_offer and not re.search(r"\w", rest):
        return False  # "no offer", "offer - no": the outcome, said alone
    return _OUTCOME.search(rest) is None


def is_offer(stage: str | None) -> bool:
    """Whether a logged stage says an offer came ("offer", "offer call", "Offer accepted"), not
    one asked about ("final round (offer?)"), said not to have come ("Offer: no, second round",
    "no offer") or turned down ("offer declined"): what makes an opportunity read "offer"."""
    rest, _ = _without_no_offer((stage or "").casefold())
    return re.search(r"\boffers?\b(?!\s*\?)", rest) is not None and not _NOT_AN_OFFER.search(rest)


def held_interview_dates(interviews: Sequence[dict], today: date) -> list[date]:
    """The days of the log's real interviews, for the cadence and every count of interviews held:
    an offer or a rejection logged as a stage is not one (the Interviews and Progress pages and
    `coach progress` all count through here), nor is today's still ahead (`is_ahead`: booked for
    today, not reviewed or debriefed), which had been counted held beside "next: today". Days after
    today stay, as the interviews booked."""
    return [
        date.fromisoformat(str(i["interview_date"])[:10])
        for i in interviews
        if is_interview(i.get("stage")) and (dated_after(i, today) or not is_ahead(i, today))
    ]


def dated_after(interview: dict, today: date) -> bool:
    """Whether an interview's day is after `today`: booked, not held, with no debrief to write yet."""
    return str(interview["interview_date"])[:10] > today.isoformat()


def is_ahead(interview: dict, today: date) -> bool:
    """Whether an interview is still to come: after today, or today and not yet reviewed or
    debriefed (one with answers or a debrief has happened). Every page and command that says
    "booked" or "next" asks here, so today's interview is not "next step" on its card and "held"
    in the header above it. One whose recording was uploaded has happened whatever its date says
    (a recording of silence, kept unanalysed, read "booked" for today; one uploaded into a stage
    dated next week, "booked" beside its answers). An outcome or an application logged today is
    logged once it happened (a rejection added with today's date was the card's "next step")."""
    if interview.get("recordings"):  # a count (store.list_interviews) or the list (get_interview)
        return False
    return dated_after(interview, today) or (
        str(interview["interview_date"])[:10] == today.isoformat()
        and is_interview(interview.get("stage"))
        and not interview.get("answers")
        and not interview.get("debriefs")
    )


def next_booked(interviews: Sequence[dict], today: date) -> dict | None:
    """The soonest real interview still to come ({"date", "company", "stage"}; is_ahead), or None:
    what the Interviews and Progress pages and `coach progress` name instead of a due date while
    one is in the calendar (an offer call booked is no interview: is_interview). The company is
    named as its card names it (pipeline.as_written_most)."""
    from coach.pipeline import as_written_most  # the pipeline reads this module

    ahead = [
        i for i in as_written_most(list(interviews)) if is_interview(i.get("stage")) and is_ahead(i, today)
    ]
    if not ahead:
        return None
    soonest = min(ahead, key=lambda i: (str(i["interview_date"])[:10], i.get("id") or 0))
    return {
        "date": str(soonest["interview_date"])[:10],
        "company": soonest.get("company") or "",
        "stage": soonest.get("stage") or "",
    }


def cadence_status(cadence: Cadence, interview_dates: Sequence[date], today: date) -> CadenceStatus:
    """How many real interviews fall in the last period, and when the next one is due.

    The goal is `interviews` in any rolling window of `period_days` days, so the next one is due
    when the oldest of the last `interviews` interviews falls out of the window: the N-th most
    recent interview + `period_days` (a date already past says since when it has been due). With
    fewer than N interviews ever, the goal is not met yet and the next is due today; with none
    ever, the first is to book (`first_to_book`), not overdue. The Interviews and Progress pages
    and `coach progress` all take the date from here.
    """
    past = sorted(d for d in interview_dates if d <= today)
    window_start = today - timedelta(days=cadence.period_days)
    if len(past) >= cadence.interviews:
        next_due = past[-cadence.interviews] + timedelta(days=cadence.period_days)
    else:
        next_due = today
    return CadenceStatus(
        interviews_in_period=sum(1 for d in past if d > window_start),
        goal=cadence.interviews,
        period_days=cadence.period_days,
        next_due=next_due,
        on_track=next_due > today,
        booked=any(d > today for d in interview_dates),
        none_held=not past,
    )


# ---------------------------------------------------------------- debrief


def empty_debrief(playbook: Playbook) -> dict:
    """A blank debrief with one key per template field, ready for a form to fill."""
    blank = {"text": "", "list": [], "scale": None, "yes-no": None}
    return {f.id: blank[f.kind] for f in playbook.debrief_fields}


def check_debrief(playbook: Playbook, answers: dict) -> dict:
    """The debrief tidied, with an out-of-range value reported as an InputError naming the field.

    Keys shared with `coach.store.add_debrief` (went_well, could_be_better, skill_gaps, interest,
    proceed, time_commitment, notes, red_flags, pay_mentioned, compared_with_others) come back in
    the types the store keeps; people_met and questions_asked are lists, for the interview's people
    and for `save_questions_asked`.
    """
    unknown = sorted(set(answers) - {f.id for f in playbook.debrief_fields})
    if unknown:
        raise InputError(f"The debrief has unknown fields {unknown}; use the template's fields.")
    return {f.id: _check_debrief_value(f, answers.get(f.id)) for f in playbook.debrief_fields}


# the answers a yes/no part of the debrief takes ("Go on to the next stage": `coach debrief --proceed`)
YES_NO_ANSWERS = {
    "yes": True,
    "y": True,
    "true": True,
    "no": False,
    "n": False,
    "false": False,
    "undecided": None,
}


def _check_debrief_value(f: DebriefField, value: object) -> object:
    if value is None or value == "" or value == []:
        return {"text": "", "list": []}.get(f.kind)
    if f.kind == "text":
        return str(value).strip()
    if f.kind == "list":
        items = value.splitlines() if isinstance(value, str) else list(value)
        return [str(item).strip() for item in items if str(item).strip()]
    if f.kind == "scale":
        if not isinstance(value, int) or isinstance(value, bool) or not f.min <= value <= f.max:
            raise InputError(f"{f.label} must be a whole number from {f.min} to {f.max}, not {value!r}.")
        return value
    if isinstance(value, bool):
        return value
    if str(value).strip().lower() not in YES_NO_ANSWERS:
        # typed only in the terminal (the page offers the three answers), where the field is the
        # option of its name ("Proceed? must be" was the page's label, question mark and all)
        said = f"must be yes, no or undecided, not {str(value).strip() or value!r}"
        raise InputError(
            f"--{f.id.replace('_', '-')} {said}. Nothing was saved.", in_app=f"{f.label} {said}."
        )
    return YES_NO_ANSWERS[str(value).strip().lower()]


def save_questions_asked(data_dir: Path, debrief: dict, *, owner: str = "") -> list[banks.Question]:
    """Put the questions an interviewer asked into the user's bank, so they can be practised.

    A question already in the bank (same words, ignoring case and spacing) is not added twice.
    """
    saved = []
    for text in debrief.get("questions_asked") or []:
        # what it practises told from its words (banks.guess_competencies), as for one typed
        question, added = banks.keep_question(data_dir, text, source="real interview", owner=owner)
        if added:
            saved.append(question)
    return saved


def practice_for_debrief(
    debrief: dict, questions: Sequence[banks.Question], n: int = 5, exclude_ids: Sequence[str] = ()
) -> tuple[list[str], list[banks.Question]]:
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
        return {
            "title": playbook.before_title,
            "intro": playbook.before_intro,
            "intro_accepted": playbook.before_intro_accepted,
            "steps": [asdict(step) for step in playbook.steps],
        }
    if section == "after":
        return {
            "title": playbook.after_title,
            "intro": playbook.after_intro,
            "fields": [asdict(f) for f in playbook.debrief_fields],
            "blank": empty_debrief(playbook),
        }
    return asdict(playbook.cadence) if section == "cadence" else asdict(playbook.options)


def _check_section(section: str) -> None:
    if section not in SECTIONS:
        raise InputError(f"Unknown playbook section {section!r}; use one of: {', '.join(SECTIONS)}.")


@dataclass(frozen=True)
class _Marks:
    """How a rendered section marks its parts: Markdown, or plain text for a terminal, where `##`,
    `**` and `- [ ]` would show as they are."""

    heading: str  # before a section's title
    rule: str  # drawn under a section's title, as long as it
    field: str  # before a debrief question
    prompt: tuple[str, str]  # around a debrief question's prompt
    step: str  # before a checklist step
    strong: str  # around the words that stand out
    item: str  # before a point of guidance


MARKDOWN = _Marks(
    heading="## ", rule="", field="### ", prompt=("_", "_"), step="- [ ] ", strong="**", item="- "
)
PLAIN = _Marks(heading="", rule="=", field="", prompt=("  ", ""), step="• ", strong="", item="• ")


def render(playbook: Playbook, section: str, *, plain: bool = False) -> str:
    """One section for `coach playbook SECTION`: plain text for the terminal, Markdown (`--markdown`)
    to keep as a file."""
    renderers = {
        "before": _render_before,
        "after": _render_after,
        "cadence": _render_cadence,
        "options": _render_options,
    }
    _check_section(section)
    return renderers[section](playbook, PLAIN if plain else MARKDOWN)


def _title(text: str, marks: _Marks) -> list[str]:
    return [f"{marks.heading}{text}"] + ([marks.rule * len(text)] if marks.rule else []) + [""]


def _render_before(playbook: Playbook, marks: _Marks) -> str:
    lines = _title(playbook.before_title, marks) + [playbook.before_intro, ""]
    lines += [
        f"{marks.step}{marks.strong}{step.text}{marks.strong} {step.detail}"
        + (f" ({STEP_AT[step.at]}.)" if step.at else "")
        + (f" ({STEP_ACCEPTED[step.accepted]}.)" if step.accepted else "")
        for step in playbook.steps
    ]
    return "\n".join(lines) + "\n"


def _render_after(playbook: Playbook, marks: _Marks) -> str:
    lines = _title(playbook.after_title, marks) + [playbook.after_intro, ""]
    before_prompt, after_prompt = marks.prompt
    for f in playbook.debrief_fields:
        hint = {
            "scale": f" ({f.min}–{f.max})",
            "yes-no": " (yes / no / undecided)",
            "list": " (one a line)",
        }.get(f.kind, "")
        lines += [f"{marks.field}{f.label}{hint}", f"{before_prompt}{f.prompt}{after_prompt}", ""]
    # the template named a form's fields and no way to fill them in from a terminal
    lines += [
        "Write it with `coach debrief ID --went-well TEXT --could-be-better TEXT ...`: "
        "`coach debrief --help` names an option for each field, `coach interviews` the ID.",
        "",
    ]
    return "\n".join(lines)


def _render_cadence(playbook: Playbook, marks: _Marks) -> str:
    c = playbook.cadence
    plural = "interview" if c.interviews == 1 else "interviews"
    days = "" if c.period_label == count(c.period_days, "day") else f" ({count(c.period_days, 'day')})"
    goal = f"{c.interviews} real {plural} every {c.period_label}"
    lines = _title("Cadence", marks) + [
        f"Goal: {marks.strong}{goal}{marks.strong}{days}; every stage held counts.",
        "",
        c.intro,
        "",
        "Change it with `coach playbook cadence --interviews N --every-days D`.",
    ]
    return "\n".join(lines) + "\n"


def _render_options(playbook: Playbook, marks: _Marks) -> str:
    o = playbook.options
    lines = _title(o.title, marks) + [o.intro, ""] + [f"{marks.item}{g}" for g in o.guidance]
    lines += ["", "For each option, write down: " + "; ".join(o.fields) + "."]
    # as the cadence says how to change it: the kinds as `coach add-option` takes them (the fields
    # above say "current job", which is the BATNA's kind there)
    lines += [
        "",
        "Write each down with `coach add-option offer|alternative|batna --company NAME "
        "--compensation TEXT --details TEXT --deadline YYYY-MM-DD --interest 1-5` (your current "
        "job is your batna); `coach interviews` shows them side by side.",
    ]
    return "\n".join(lines) + "\n"
