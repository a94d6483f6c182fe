"""The goals a person sets: how often to practise, and a target for a measure.

The Progress page's "Your goals" form and `coach goals` both change them through `change_goals`,
so the page and the terminal cannot disagree. The real-interview cadence is the playbook's
(`playbook.set_cadence`, the Interviews page and `coach playbook cadence`); it is read here only
to be listed beside the others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coach import store
from coach.analysis.wording import count
from coach.errors import InputError
from coach.playbook import newest_goal, whole_count
from coach.store import Store

PRACTICE_KIND = "practice_attempts"
# A practice goal is a number of days with practice in a rolling period ("3 days every week"):
# ten answers in one evening are one evening's practice, not a week's. At most a year's period,
# and no more days than the period has.
PRACTICE_PERIOD_DAYS = (1, 365)
PRACTICE_EVERY_DAYS = 7  # the period the form offers first: a week


@dataclass(frozen=True)
class Target:
    """A measure a target can be set for: its words, its unit and what can be set (`low`-`high`,
    to `decimals` places, as Progress shows the measure)."""

    kind: str
    name: str  # as a sentence names it, and (with dashes) as `coach goals` takes it
    unit: str
    low: float
    high: float
    decimals: int

    @property
    def option(self) -> str:
        return self.name.replace(" ", "-")

    def words(self, value: float) -> str:
        """'pace of 150 words per minute', '2.5 fillers per 100 words', 'overall score of 80'."""
        if self.unit:
            return f"{self.name} of {self.figure(value)} {self.unit}"
        if self.name.startswith("fillers"):
            return f"{self.figure(value)} {self.name}"
        return f"{self.name} of {self.figure(value)}"

    def value_words(self, value: float) -> str:
        """'150 words per minute', '2.5', '80': the figure under a label that names the measure."""
        return f"{self.figure(value)}{f' {self.unit}' if self.unit else ''}"

    def figure(self, value: float) -> str:
        return f"{value:.{self.decimals}f}"


# The measures a target makes sense for (the store's goal kinds), with bounds a person would set:
# pace inside what listeners follow (comprehension drops past roughly 190 wpm; DESIGN.md), a filler
# rate from none to several times ordinary conversation's (about 6 per 100 words), a score as scored.
# Pace is one number, as the chart's dashed rule and `progress._closer` read it (the comfortable
# band stays the band, shaded around it).
TARGETS: dict[str, Target] = {
    t.kind: t
    for t in (
        Target("wpm", "pace", "words per minute", 100, 200, 0),
        Target("fillers_per_100_words", "fillers per 100 words", "", 0, 20, 1),
        Target("fillers_per_min", "fillers per minute", "", 0, 30, 1),
        Target("score_overall", "overall score", "", 1, 100, 0),
    )
}


@dataclass(frozen=True)
class PracticeGoal:
    days: int
    every_days: int

    def words(self) -> str:
        """'on 3 days every week', 'every day', 'on 4 days every 10 days'."""
        if self.days == self.every_days == 1:
            return "every day"
        return f"on {self.days} {'day' if self.days == 1 else 'days'} every {period_words(self.every_days)}"


def period_words(days: int) -> str:
    """'day', 'week', '2 weeks', '10 days', '30 days': a practice goal's period exactly as it counts,
    in the days or weeks it was set in ("every 30 days" counts 30 days, where "every month" would
    read as calendar months). nearest_period_words names a span loosely."""
    if days == 1:
        return "day"
    if days % 7 == 0:
        return "week" if days == 7 else f"{days // 7} weeks"
    return count(days, "day")


# Periods a person names in months or years; a number of days near one reads as it (a quarter is
# 90–92 days, so the playbook's 91 is "3 months").
_NEAREST_PERIODS = (
    (365, 366, "year"),
    (182, 183, "6 months"),
    (90, 92, "3 months"),
    (60, 61, "2 months"),
    (30, 31, "month"),
)


def nearest_period_words(days: int) -> str:
    """'3 months' for 91 days, 'year' for 365, else as period_words ('2 weeks', '45 days'): a span
    as a person says it in passing (the Interviews page's "In the last 3 months" of the cadence),
    where period_words says a practice goal's period exactly ("every 91 days" would be "13 weeks")."""
    for low, high, words in _NEAREST_PERIODS:
        if low <= days <= high:
            return words
    return period_words(days)


def practice_goal(goals: Sequence[dict]) -> PracticeGoal | None:
    """The practice goal the user set last and has not retired, or None."""
    goal = newest_goal(goals, PRACTICE_KIND)
    if goal is None:
        return None
    return PracticeGoal(max(1, round(goal["target"])), int(goal["period_days"] or 1))


def targets(goals: Sequence[dict]) -> dict[str, float]:
    """Each measure's target, the newest where there are two (`progress.target_goals` reads the same)."""
    return {g["kind"]: g["target"] for g in goals if g.get("active", True) and g["kind"] in TARGETS}


def your_goals(db: Store) -> dict:
    """The goals as set, for `coach goals` and the Progress form (JSON-ready)."""
    goals = store.list_goals(db, active_only=True)
    practice = practice_goal(goals)
    return {
        "practice": None if practice is None else {"days": practice.days, "every_days": practice.every_days},
        "targets": targets(goals),
    }


def goal_named(kind: str, target: float, period_days: int | None) -> tuple[str, str]:
    """A stored goal as a sentence names it and its value: ('pace goal', '150 words per minute'),
    ('practice goal', 'on 3 days every week'), ('real-interview goal', '1 interview every 3 months'),
    ('goal for fillers per 100 words', '2.5')."""
    if kind == PRACTICE_KIND:
        return "practice goal", PracticeGoal(max(1, round(target)), int(period_days or 1)).words()
    if kind in TARGETS:
        measure = TARGETS[kind]
        name = f"goal for {measure.name}" if measure.name.startswith("fillers") else f"{measure.name} goal"
        return name, measure.value_words(target)
    interviews = count(whole_count(target), "interview")
    return "real-interview goal", f"{interviews} every {nearest_period_words(int(period_days or 1))}"


def within_bounds(yours: dict) -> dict:
    """`your_goals` brought within what can be set, as a form offers them: a goal stored beyond
    the bounds (restored from a backup, written by an older version) made the Progress page fail."""
    practice = yours["practice"]
    if practice:
        every = min(max(practice["every_days"], PRACTICE_PERIOD_DAYS[0]), PRACTICE_PERIOD_DAYS[1])
        practice = {"days": min(max(practice["days"], 1), every), "every_days": every}
    return {
        "practice": practice,
        "targets": {
            kind: min(max(value, TARGETS[kind].low), TARGETS[kind].high)
            for kind, value in yours["targets"].items()
        },
    }


def change_goals(db: Store, changes: Mapping[str, object]) -> dict:
    """Set or clear goals, all checked before any is stored (a bad value stores nothing).

    `changes` maps a goal to its new value: `PRACTICE_KIND` to (days, every_days), either of them
    None to keep the one set (a week for a first goal), a measure of TARGETS to a number; None
    clears that goal; a goal not named is left as it is."""
    goals = store.list_goals(db, active_only=True)
    current = practice_goal(goals)
    checked = {kind: _checked(kind, value, current) for kind, value in changes.items()}
    for kind, value in checked.items():
        existing = [g for g in goals if g["kind"] == kind]
        if value is None:
            for goal in existing:
                store.delete_goal(db, goal["id"])
            continue
        target, period_days = value
        if existing:  # the newest is the one counted; it takes the new value
            store.update_goal(db, existing[-1]["id"], target=target, period_days=period_days)
        else:
            store.add_goal(db, kind=kind, target=target, period_days=period_days, note="Set by you")
    return your_goals(db)


def _checked(kind: str, value: object, current: PracticeGoal | None) -> tuple[float, int | None] | None:
    """The value as stored (target, period_days), or one sentence saying what can be set."""
    if value is None:
        return None
    if kind == PRACTICE_KIND:
        days, every = value if isinstance(value, tuple | list) and len(value) == 2 else (value, None)
        if every is None:
            every = current.every_days if current else PRACTICE_EVERY_DAYS
        if days is None:
            if current is None:
                raise InputError("Say on how many days to practise in that period, e.g. 3 days every 7.")
            days = current.days
        return float(_practice_days(days, every)), every
    target = TARGETS.get(kind)
    if target is None:
        named = ", ".join(t.name for t in TARGETS.values())
        raise InputError(f"A target can be set for {named}; not for {kind!r}.")
    number = _number(value, target.name)
    if not target.low <= number <= target.high:
        raise InputError(
            # bounds as whole numbers: "between 0.0 and 20.0" read as a machine's figures
            f"{_a(target.name)} {target.name} goal is between {target.low:g} and {target.high:g}"
            f"{f' {target.unit}' if target.unit else ''}, not {_said(number)}."
        )
    return round(number, target.decimals), None


def _practice_days(days: object, every: object) -> int:
    shortest, longest = PRACTICE_PERIOD_DAYS
    if not _whole(every) or not shortest <= every <= longest:
        raise InputError(
            f"A practice goal's period is a whole number of days from {shortest} to {longest}, not {every!r}."
        )
    if not _whole(days) or not 1 <= days <= every:
        raise InputError(
            f"A practice goal is a whole number of days from 1 to {every} (the days in its period), "
            f"not {days!r}."
        )
    return days


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:  # NaN
        raise InputError(f"{_a(name)} {name} goal is a number, not {value!r}.")
    return float(value)


def _a(name: str) -> str:
    """'A pace goal', 'An overall score goal'."""
    return "An" if name[:1] in "aeiou" else "A"


def _said(number: float) -> str:
    return f"{number:g}"
