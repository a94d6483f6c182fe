"""How the Interviews page names an option and a person in its lists (plain text; the page escapes it)."""

from __future__ import annotations

from datetime import date

from coach.analysis.wording import count, listed
from coach.interview_log import deadline_or_answer, owes_debrief, own_stage_name, person_line
from coach.lines import shortened
from coach.local_time import local_moment, short_date
from coach.pipeline import UNCONFIRMED_ROW


def option_label(option: dict, kinds: dict[str, str]) -> str:
    """'offer · Initech · Staff engineer (open)' — enough to tell two options apart in a list."""
    parts = [kinds.get(option["kind"], option["kind"]).split(" (")[0], option["company"] or "—"]
    if option["title"]:
        parts.append(option["title"])
    return " · ".join(parts) + f" ({option['status']})"


def person_card_line(person: dict, names: dict[int, str]) -> str:
    """person_line for the pipeline's card: the start of their notes, as the debrief's notes are
    cut there (notes_excerpt), with where the rest is: 20,000 characters of notes about someone met
    filled the card. That is the stages that noted them (`person["noted_at"]`, coach.pipeline), else
    the stage they were met at, each named as its row below (`names`, by id: stages_listed)."""
    stages = [names.get(noted["interview_id"]) or "stage" for noted in person.get("noted_at") or []]
    stages = list(dict.fromkeys(stages)) or [
        names.get(person.get("interview_id")) or "stage they were met at"
    ]
    return person_line(person, rest_in=f"the {listed(stages)} below")


def moment_words(stamp: str, today: date, with_time: bool = False) -> str:
    """A stored moment ('2026-12-01T13:40:00+00:00') as short_date reads it, on this machine's clock:
    'Tue 1 Dec', or 'Tue 1 Dec 13:40' where several can fall on one day (a plain day stays a day)."""
    moment = local_moment(stamp)
    day = short_date(moment.date().isoformat(), today)
    return f"{day} {moment:%H:%M}" if with_time and len(stamp) > 10 else day


def table_moment(stamp: str, today: date, with_time: bool = False) -> str:
    """A moment in a table's narrow first column: '1 Dec' this year, '1 Dec 2025' another, with its
    time where two of a day are listed ('1 Dec 13:40', '1 Dec 2025 13:40'; a plain day stays a day).
    Without the weekday that moment_words gives, so a table of figures beside it fits a phone's
    width. Another year's time was dropped: two mock interviews of 28 Dec read '28 Dec 2026' twice
    in January."""
    moment = local_moment(stamp)
    day = f"{moment.day} {moment:%b}" + ("" if moment.year == today.year else f" {moment.year}")
    return f"{day} {moment:%H:%M}" if with_time and len(stamp) > 10 else day


# A past day of the last year is told apart by its day and month alone: no other day of the year
# up to today has them ('28 Dec' on 5 Jan is last week's, '7 Dec' on 6 Dec last year's); before
# that, its month and year.
DAYS_NAMED_WITHOUT_YEAR = 364


def answer_day(stamp: str, today: date) -> str:
    """A day in a table of answers' first column, beside four figures on a phone: '28 Dec' this year
    or in the last year, 'Dec 2025' before (the rows' order tells its days apart). After a year of
    use '28 Dec 2025 practice' was too wide: the table's last column was out of a phone's view (14 px
    at 390 px) in most of the questions Progress lists. Past ten months it read 'Dec 2025' too, and
    three answers of last December read alike; any day with its year ("7 Dec ’25 practice") is a
    few pixels wider than a phone's column holds."""
    day = local_moment(stamp).date()
    if day.year == today.year or abs((today - day).days) <= DAYS_NAMED_WITHOUT_YEAR:
        return f"{day.day} {day:%b}"
    return f"{day:%b} {day.year}"


def answer_moment(stamp: str, today: date) -> str:
    """An answer's day and time, for a list where answer_day names two alike: '28 Dec 09:12' beside
    a table's '28 Dec', '3 Dec 2025 18:40' beside its 'Dec 2025' (the day put back)."""
    moment = local_moment(stamp)
    day = f"{moment.day} {moment:%b}"
    if answer_day(stamp, today) != day:  # the table gives its month and year
        day = f"{day} {moment.year}"
    return f"{day} {moment:%H:%M}" if len(stamp) > 10 else day


def date_words(iso_date: str, today: date) -> str:
    """'Fri 4 Dec (in 4 days)', '(today)', '(tomorrow)', 'Fri 6 Dec 2030 (in 4 years)'."""
    day = date.fromisoformat(iso_date)
    days = (day - today).days
    relative = {0: "today", 1: "tomorrow"}.get(days, f"in {time_ahead(day, today)}" if days > 1 else "")
    return short_date(iso_date, today) + (f" ({relative})" if relative else "")


DAYS_SAID_AS_DAYS = 60  # up to two months ahead, a day's count is what a person plans by


def time_ahead(day: date, today: date) -> str:
    """How far ahead `day` is, as a person says it: '9 days', then months or years ('3 months',
    '4 years'; 'about 5 months' when not to the day): an interview booked four years ahead read
    "in 1461 days"."""
    days = (day - today).days
    if days <= DAYS_SAID_AS_DAYS:
        return count(days, "day")
    if days < 365:
        n, unit, whole = round(days / 30.44), "month", day.day == today.day
    else:
        n, unit, whole = round(days / 365.25), "year", (day.month, day.day) == (today.month, today.day)
    return ("" if whole else "about ") + count(n, unit)


def deadline_words(iso_date: str, today: date) -> str:
    """An open option's deadline: 'Thu 10 Dec (in 9 days)', or 'Wed 1 Jan 2020 (passed)' once gone
    by (it read as if still to come)."""
    passed = date.fromisoformat(iso_date) < today
    return date_words(iso_date, today) + (" (passed)" if passed else "")


def stage_label(stage: dict, today: date, next_step: bool, named: str) -> str:
    """'recruiter screen · Thu 1 Oct · interest 4/5' — one stage's expander, `named` as the card's
    chain names it (Opportunity.stages_listed: "interview", not "other"); the soonest stage still
    to come is the "next step", a later one is "booked"."""
    parts = [named or "stage not set", short_date(stage["interview_date"], today)]
    if next_step:
        parts.append("next step")
    elif stage.get("booked"):
        parts.append("booked")
    elif stage["interest"]:
        parts.append(f"interest {stage['interest']}/5")
    elif stage.get("unconfirmed_after_accepting"):  # not counted as held: nothing shows it was
        parts.append(UNCONFIRMED_ROW)
    elif owes_debrief(stage["stage"], stage["interview_date"], stage["debriefed"], today):
        parts.append("no debrief yet")  # an offer logged as a stage owes none
    return " · ".join(parts)


def interest_label(stage_named: str | None) -> str:
    """'Your interest after the final round': what the card's interest figure measures, the interest
    written in the debrief of the stage rated last (`stage_named` as the card's chain names it). It
    said "Interest" alone, beside the offer's own "your interest 5/5", neither saying in what."""
    return f"Your interest after the {stage_named or 'last stage'}"


def interest_change(change: int, stage_before: str) -> str:
    """'down 1 since the first round', 'up 2 since the recruiter screen': the interest's change since
    the stage rated before, in words."""
    since = own_stage_name(stage_before) or "stage before"
    return f"{'down' if change < 0 else 'up'} {abs(change)} since the {since}"


def interest_trend(stages: list[dict], names: dict[int, str]) -> str:
    """'4 → 3 → 2' with the stage each was written after, for the card's caption, each named as its
    row (`names`, by id: Opportunity.stages_listed)."""
    rated = [s for s in stages if s["interest"]]
    return " → ".join(f"{s['interest']} ({names.get(s['interview_id']) or 'stage not set'})" for s in rated)


# How much of an option's details its one line shows (the rest is in its entry).
DETAILS_SHOWN_CHARS = 40


def details_on_one_line(details: str) -> str:
    """An option's details typed one a line, on one line: "Lead a team of 4; Hybrid 2 days" (joined
    by a space they read "Lead a team of 4 Hybrid 2 days", one sentence). A line that ends in
    punctuation ("Series B, 40 people," then "fully remote") goes on after a space, as written."""
    said = ""
    for line in filter(None, (line.strip() for line in details.splitlines())):
        said += ("" if not said else " " if said[-1] in ",;:.!?-–—" else "; ") + line
    return said


def option_facts(option: dict, today: date) -> str:
    """'Staff engineer · 150k + 10% bonus · fully remote · answer by Thu 10 Dec (in 9 days)' — an
    option in one line, its details begun (one with only details read "no details yet")."""
    facts = [option[k] for k in ("title", "compensation") if option.get(k)]
    if details := details_on_one_line(option.get("details") or ""):
        facts.append(shortened(details, DETAILS_SHOWN_CHARS))
    if option.get("interest"):  # the one given to it (store.list_options), 1 to 5
        facts.append(f"your interest in it {option['interest']}/5")  # the option's, not a stage's
    if said := answer_fact(option, today):  # answered: its deadline is no longer a call to act
        label, day = said
        facts.append(f"{label} {day}" if label == "answer by" else f"{label} on {day}" if day else label)
    return " · ".join(facts) or "no details yet"


def answer_fact(option: dict, today: date) -> tuple[str, str] | None:
    """An option's deadline as its card and its line say it ("answer by", "Thu 10 Dec (in 9 days)"),
    or once answered, its status and the day it was said ("accepted", "Mon 7 Dec (today)"; the day
    "" when not known): interview_log.deadline_or_answer."""
    fact = deadline_or_answer(option)
    if fact is None:
        return None
    said, day = fact
    if said == "answer by":
        return said, deadline_words(day, today)
    return said, date_words(day, today) if day else ""
