"""Editing the interview log: what changed in an interview or an option, checked before the store
writes it. The labels the Interviews page shows live in coach.ui.log_labels; an interview as the
Review page lists it to pick (`interview_choice`) is here, as a refusal names it that way too."""

from __future__ import annotations

import shlex
from datetime import date

from coach import local_time, store
from coach.analysis.wording import count, off_the_question
from coach.debrief import name_on_a_line, parse_person, remember_person, same_person
from coach.errors import InputError
from coach.interview.turns import question_title
from coach.lines import CUT_TRIMMED, shortened
from coach.local_time import local_day, short_date
from coach.playbook import ending, is_ahead, is_application, is_interview, is_offer
from coach.store import Store
from coach.store.options import KIND_LABELS as OPTION_KIND_LABELS
from coach.store.options import KINDS as OPTION_KIND_NAMES
from coach.store.options import STATUSES as OPTION_STATUS_NAMES
from coach.store.options import check_interest

# The stages an interview goes through, in order (a stage typed elsewhere is kept as it is).
STAGES = ("recruiter screen", "first round", "technical", "onsite / loop", "final", "offer", "other")
# Stages of the log that are no interview: the application, and the outcomes that end a process
# without an offer (playbook.is_application, playbook.ending), as `coach add-interview --help`
# names them. The Review page's Stage choices (a recording is of an interview) do not offer them.
NOT_INTERVIEW_STAGES = ("applied", "rejected", "withdrew")
# The Interviews page's Stage choices: the log holds the application and how a process ended too.
LOG_STAGES = ("applied", *STAGES[:-1], "rejected", "withdrew", STAGES[-1])


# How much of a stage's notes the pipeline's overview shows (its card, `coach interviews`): about two
# lines; the whole notes stay in the stage's own view (its entry on the page, `coach interview ID`).
NOTES_EXCERPT_CHARS = 200
NOTES_EXCERPT_LINES = 3


def notes_excerpt(notes: str) -> tuple[str, bool]:
    """The start of a stage's notes for the pipeline's overview, and whether any is left out:
    20,000 characters of notes filled the card and the listing. Notes within NOTES_EXCERPT_CHARS
    and NOTES_EXCERPT_LINES are given whole; longer ones end at a word, with "…"."""
    lines = [line.strip() for line in notes.splitlines() if line.strip()]
    whole = "\n".join(lines)
    if len(whole) <= NOTES_EXCERPT_CHARS and len(lines) <= NOTES_EXCERPT_LINES:
        return whole, False
    cut = "\n".join(lines[:NOTES_EXCERPT_LINES])[:NOTES_EXCERPT_CHARS]
    if len(cut.split()) > 1 and not whole[len(cut) : len(cut) + 1].isspace():  # a word cut in two
        cut = cut[: max(cut.rfind(" "), cut.rfind("\n"))]
    return cut.rstrip(CUT_TRIMMED + "\n") + "…", True


def pay_mentioned_said(mentioned: dict) -> str:
    """'Pay mentioned after the recruiter screen: range 150-170k base': what a debrief noted,
    beside an offer's compensation on its card and in `coach interviews` (its start, on one line:
    the whole is in the stage's debrief)."""
    excerpt, _ = notes_excerpt(mentioned["pay_mentioned"])
    stage = own_stage_name(mentioned["stage"]) or "stage"
    return f"Pay mentioned after the {stage}: " + "; ".join(excerpt.splitlines())


def person_line(person: dict, rest_in: str = "") -> str:
    """'Dana Ortiz — hiring manager (ex-Stripe)': someone met as the Interviews page names them, in
    every list of people (`coach interviews` wrote "Dana Ortiz (hiring manager)" where the page and
    `coach interview N` wrote this). With `rest_in`, their notes are cut to their start
    (notes_excerpt), as the pipeline's card cuts them, saying where the rest is when any is left out."""
    notes = (person.get("notes") or "").strip()
    if rest_in and notes:
        excerpt, cut = notes_excerpt(notes)
        notes = " ".join(excerpt.splitlines()) + (f"; the rest is in {rest_in}" if cut else "")
    said = name_on_a_line(person["name"]) + (f" — {person['title']}" if person.get("title") else "")
    return said + (f" ({notes})" if notes else "")


def interview_label(interview: dict) -> str:
    """'Acme Pay — Backend engineer, 10 Dec 2026' (company, role if any, the day)."""
    day = interview["interview_date"]
    day = day if isinstance(day, date) else date.fromisoformat(str(day)[:10])
    role = f" — {interview['role']}" if interview.get("role") else ""
    return f"{interview['company']}{role}, {day.day} {day:%b %Y}"


def interview_with_stage(interview: dict, most: int | None = None) -> str:
    """'Initech — Backend engineer, 10 Dec 2026 · final': two stages on one day read apart. With
    `most`, the company and the role are each cut at a word to `most` characters (a card's line),
    the day and the stage kept whole, as they tell two interviews at one company apart."""
    if most:
        cut = {k: shortened(interview[k], most) for k in ("company", "role") if interview.get(k)}
        interview = interview | cut
    listed = stage_listed(interview.get("stage"))  # "other" as an "interview", as lists name it
    return interview_label(interview) + (f" · {listed}" if listed else "")


FORMATS = ("", "video", "phone", "in person", "take-home")  # "" is "not set"
OPTION_STATUSES = OPTION_STATUS_NAMES  # open, accepted, declined, expired
OPTION_KINDS = OPTION_KIND_NAMES  # offer, alternative, batna
# How far from today an interview may be dated: the page's date picker allows ten years either side
# (Streamlit's default), and `coach add-interview / edit-interview` the same (9999-12-31 was kept).
DATE_RANGE_YEARS = 10
# What an option with neither a company nor a title is told, added or edited.
OPTION_NEEDS_A_NAME = "Name the option: its company (or 'current job') or its title."
# What the Add an option form's "(or 'current job')" invites for staying where you are.
CURRENT_JOB_NAMES = frozenset(("current job", "my current job", "current role", "current employer"))


def option_kind_said(kind: str) -> str:
    """An option's kind in the page's words, as its lists name it: "BATNA", not the stored "batna"
    (`coach interviews` printed "#2 batna · current job"); a kind not known is said as kept."""
    return OPTION_KIND_LABELS.get(kind, kind).split(" (")[0]


def deadline_or_answer(option: dict) -> tuple[str, str | None] | None:
    """What an option says where its deadline is: ("answer by", the deadline) while it is open
    with one; once answered, its status and the day it was said (("accepted", "2026-12-07"), from
    `answered_on`; an expired one with no such day, its deadline; None when not known). An accepted
    offer's card still read "Answer by Fri 11 Dec (in 4 days)", as if still to be met. None: open
    with no deadline, so nothing is said."""
    status = option.get("status") or "open"
    if status == "open":
        return ("answer by", option["deadline"]) if option.get("deadline") else None
    day = option.get("answered_on") or (option.get("deadline") if status == "expired" else None)
    return status, day or None


def debrief_prompt(stage: str | None, interview_date: date | str, today: date) -> str | None:
    """What a stage with no debrief asks for: one held asks for it now (today's while it is fresh,
    an older one with how long ago it was held), one booked after it, and an offer or a rejection
    logged as a stage (not an interview: playbook.is_interview) asks for none."""
    if not is_interview(stage):
        return None
    days_since = (today - date.fromisoformat(str(interview_date)[:10])).days
    if days_since < 0:
        return "Booked. Write the debrief on the day, after it, while you remember the questions."
    if days_since == 0:
        return "No debrief yet. Write it today, while you remember the questions."
    # "Write it the same day" of one held four days ago asked for what could no longer be done
    after = "the day after it" if days_since == 1 else f"{count(days_since, 'day')} after it"
    return f"No debrief yet, {after}. Write it now, with what you still remember of the questions."


def owes_debrief(stage: str | None, interview_date: date | str, debriefed: bool, today: date) -> bool:
    """Whether a stage is an interview held by `today` with no debrief written: "no debrief yet" on
    its row of the pipeline, the Interviews page's card and `coach interviews` alike (the terminal
    said nothing, so the interview to debrief next could not be told from one debriefed without
    an interest given). An offer or an ending logged as a stage owes none, nor one still to come."""
    held = date.fromisoformat(str(interview_date)[:10]) <= today
    return not debriefed and held and is_interview(stage)


def debrief_refused(interview: dict) -> str | None:
    """Why `coach debrief` writes no debrief for a stage, where the Interviews page offers it no form:
    the application, an offer or an ending logged as a stage (playbook.is_interview) is no interview
    to debrief. None when it may have one; a debrief already written stays editable whatever the
    stage says now, and one still to come is refused on saving (debrief.check_held)."""
    stage = interview.get("stage")
    if interview["debriefs"] or is_interview(stage):
        return None
    company = interview["company"]
    if is_application(stage):
        follows = f"coach add-interview {shlex.quote(company)} --stage {shlex.quote(stage_after(stage))}"
        return (
            f"Interview #{interview['id']} is your application to {company}, not an interview: debrief "
            f"the interview that follows it once it is held (`{follows}` logs it)."
        )
    return (
        f"Interview #{interview['id']} at {company} is logged as '{stage}', not an interview: write "
        "the debrief of the interview before it (`coach interviews` lists them)."
    )


def choices_with(choices: list[str] | tuple[str, ...], current: str) -> list[str]:
    """The choices of a select box, with the stored value kept even when it is not one of them
    (a stage typed elsewhere, say), so editing never silently changes it."""
    return list(choices) if current in choices else [*choices, current]


def date_range(today: date) -> tuple[date, date]:
    """The first and last day an interview may be dated on `today`: DATE_RANGE_YEARS either side."""

    def years_from_today(years: int) -> date:
        try:
            return today.replace(year=today.year + years)
        except ValueError:  # 29 February in a year with none
            return today.replace(year=today.year + years, day=28)

    return years_from_today(-DATE_RANGE_YEARS), years_from_today(DATE_RANGE_YEARS)


def checked_interview_date(day: date | str, today: date | None = None) -> date:
    """An interview's date as stored, refused in one sentence when it is not a date or lies further
    from today than the page's date picker reaches."""
    from coach.store.rows import parse_date

    day = parse_date(day, "interview date")
    lowest, highest = date_range(today or local_time.today())
    if not lowest <= day <= highest:
        raise InputError(
            f"The interview date must be from {lowest.isoformat()} to {highest.isoformat()} "
            f"(ten years either side of today), not {day.isoformat()}."
        )
    return day


def _changed(row: dict, values: dict) -> dict:
    return {k: v for k, v in values.items() if (row.get(k) if row.get(k) is not None else "") != v}


def interview_edits(
    interview: dict,
    *,
    company: str,
    role: str,
    stage: str,
    interview_date: date,
    format: str,
    origin: str,
    notes: str,
    job_description: str | None = None,
    today: date | None = None,
) -> dict:
    """The fields the user changed, tidied; an interview keeps a company name, and a date changed
    stays within DATE_RANGE_YEARS of today (one kept from before is not refused unchanged)."""
    company = one_line(company)
    if not company:
        raise InputError("An interview needs the company's name; type it back in and save again.")
    if interview_date.isoformat() != str(interview.get("interview_date") or "")[:10]:
        checked_interview_date(interview_date, today)
    if format != interview.get("format"):  # one kept from before the check is not refused unchanged
        format = checked_format(format)
    values = {
        "company": company,
        "role": one_line(role),
        "stage": stage,
        "interview_date": interview_date.isoformat(),
        "format": format,
        "origin": origin,
        "notes": notes.strip(),
    }
    if job_description is not None:
        values["job_description"] = job_description.strip()
    return _changed(interview, values)


def person_edits(person: dict, *, title: str, notes: str) -> dict:
    """What the user changed of someone met (their title, the notes kept about them), tidied; the
    notes a debrief grew can be shortened here."""
    return _changed(person, {"title": title.strip(), "notes": notes.strip()})


def option_edits(
    option: dict,
    *,
    kind: str,
    company: str,
    title: str,
    compensation: str,
    details: str,
    deadline: date | None,
    status: str,
    interest: int | None,
) -> dict:
    """The fields of an offer or alternative the user changed, tidied; it keeps a name, its company
    or its title, as add_option asks (an edit to nothing left an option listed as "—"). `interest`:
    1 to 5, or None for none given."""
    if not (company.strip() or title.strip()):
        raise InputError(OPTION_NEEDS_A_NAME)
    values = {
        "kind": kind,
        "company": company.strip(),
        "title": title.strip(),
        "compensation": compensation.strip(),
        "details": details.strip(),
        "deadline": deadline.isoformat() if deadline else None,
        "status": status,
    }
    changed = _changed(option, values)
    if "deadline" in changed and changed["deadline"] is None and not option.get("deadline"):
        del changed["deadline"]
    if check_interest(interest) != option.get("interest"):
        changed["interest"] = interest
    return changed


def interest_from_words(typed: str | None) -> int | None:
    """An option's interest as typed in a terminal ("4"), None for none ("" or not given); "high"
    is refused in the sentence 0 or 6 is (store.options.check_interest)."""
    words = (typed or "").strip()
    if not words:
        return None
    return check_interest(int(words) if words.isdecimal() else words)


def answers_analysed(interview: dict) -> str:
    """'3', or '2 of 3' when the review could not measure some answers (a short reply, one voice
    heard): the count said 3 where 2 had scores (list_interviews' `answers_measured`)."""
    reviewed = interview.get("answers") or 0
    measured = interview.get("answers_measured", reviewed)
    return str(reviewed) if measured == reviewed else f"{measured} of {reviewed}"


def what_was_measured(interview: dict) -> str:
    """What the recordings uploaded for an interview gave (`store.list_interviews`' counts), as a
    list that names the interview says it: '1 answer measured', '2 of 3 answers measured', or
    'recording kept, nothing measured' (no speech heard, one voice, a review stopped midway);
    'nothing measured' once its audio was deleted; '' when no recording was uploaded for it. A
    recording kept without speech said nothing, and one answer with no score read "1 answer
    reviewed"."""
    answers = interview.get("answers") or 0
    if interview.get("answers_measured", answers):
        return f"{answers_analysed(interview)} {'answer' if answers == 1 else 'answers'} measured"
    if not (answers or interview.get("recordings")):
        return ""
    return "recording kept, nothing measured" if interview.get("recordings_kept") else "nothing measured"


def interview_choice(interview: dict, today: date) -> str:
    """'Thu 3 Dec · first round · Globex — Platform engineer · 1 answer measured': an interview of
    the log in a list to pick from, what tells two of one company apart first. On a phone (390 px) a
    pick list shows some 45 characters: "Globex Corporation International Holdings — Senior platfo…"
    hid the day and the stage, and two stages of one company read alike."""
    role = f" — {interview['role']}" if interview.get("role") else ""
    parts = [
        short_date(str(interview["interview_date"])[:10], today),
        stage_listed(interview.get("stage")),
        f"{interview['company']}{role}",
        what_was_measured(interview),
    ]
    return " · ".join(filter(None, parts))


def recordings_not_analysed(interview: dict, absolute) -> list[str]:
    """Why each recording kept with the interview (`store.get_interview`) has no answers: a review
    that could not use it (no speech heard, too long) says why; one stopped midway says so.
    `absolute` turns a stored path into the file (`Store.absolute`)."""
    from coach.store.recordings import not_analysable_because

    return [
        not_analysable_because(absolute(rec["recording_path"]))
        or "Its review was stopped before the end; upload it again on the Review page."
        for rec in interview["recordings"]
        if rec.get("recording_path") and not rec["turns"] and not rec.get("transcript")
    ]


def coming_up(interviews: list[dict], today: date) -> list[dict]:
    """Interviews still ahead (is_ahead), soonest first."""
    return sorted((i for i in interviews if is_ahead(i, today)), key=lambda i: str(i["interview_date"]))


def held(interview: dict, today: date) -> bool:
    """Whether a logged stage is an interview held by today: one whose analysed answers are worth
    counting (with none, the page says no recording was reviewed) and which a debrief follows. Not one
    still booked, nor an offer or a rejection logged as a stage (playbook.is_interview), unless
    answers were analysed for it all the same."""
    if interview.get("answers"):
        return True
    return is_interview(interview.get("stage")) and not is_ahead(interview, today)


# An ending logged as a stage (playbook.ending), named as a thing: "Delete the Acme rejected?" read
# as a typo. One not here ("ghosted", "turned down", "declined": whose?) is "outcome".
def live_then_ended(opportunities: list) -> tuple[list, list]:
    """The pipeline's opportunities split in two, each in the pipeline's order: those still going
    (in progress, quiet, an offer) and those that ended (rejected, withdrew, said no after a stage,
    an offer declined: pipeline status "stopped"), which a year of applications makes the longer."""
    live = [o for o in opportunities if o.status != "stopped"]
    return live, [o for o in opportunities if o.status == "stopped"]


def ended_companies(ended: list, named: int = 6) -> str:
    """The companies of the opportunities that ended, named in the fold's label so that a search of
    the page finds them ("Wayne, Stark, …"); past `named` companies, how many more (a few years'
    applications made one line of dozens of names)."""
    companies = list(dict.fromkeys(o.company for o in ended))
    shown = companies if len(companies) <= named else companies[: named - 1]
    more = len(companies) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


ENDING_NOUNS = {"rejected": "rejection", "withdrew": "withdrawal", "rescinded": "rescinded offer"}


def stage_noun(stage: str | None) -> str:
    """What a logged stage is called when it is deleted or named alone: "interview" for one sat,
    "application" for the application, "offer" for an offer, "rejection" or "withdrawal" for how a
    process ended (else "outcome"). Deleting the application said "Delete the Acme interview?" and
    "Deleted the Acme interview."; a rejection, "Delete this rejected"."""
    if is_interview(stage):
        return "interview"
    if is_application(stage):
        return "application"
    if is_offer(stage):
        return "offer"
    said = ending(stage)
    if said:
        return ENDING_NOUNS.get(said, "outcome")
    return " ".join((stage or "").split()) or "interview"


def own_stage_name(stage: str | None) -> str:
    """A stage's name where a sentence says it ("first round on Wed 9 Dec", "red flags after the team
    match"): as typed, single-spaced; "" for one that names no kind of its own, "other" (the page's
    last choice, which takes no name) or none set, which each sentence says its own way ("an
    interview on Wed 9 Dec", "after the stage"): "Next step: other on Wed 9 Dec" read as a typo."""
    said = " ".join((stage or "").split())
    return "" if said.casefold() == "other" else said


def unnamed_stage(joining: bool = False, in_a_sentence: bool = False) -> str:
    """What a stage that names no kind of its own ("other": own_stage_name) is called: a "meeting"
    once it comes after the offer you accepted in its process (an onboarding chat, `joining`:
    pipeline.after_the_offer_accepted), else an "interview"; with its article `in_a_sentence`
    ("Next step: a meeting on Wed 9 Dec")."""
    noun = "meeting" if joining else "interview"
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}" if in_a_sentence else noun


def stage_listed(stage: str | None, joining: bool = False) -> str:
    """A stage's kind where a list or a label names it (a card's chain of stages, a stage's row,
    Prepare's "Coming up"): as typed, single-spaced; "other" as unnamed_stage calls it ("interview
    Wed 9 Dec", "meeting" after the offer you accepted there), as the sentences say it: the chain read
    "**other** Wed 9 Dec" beside "Next step: an interview on Wed 9 Dec". "" for none set, which each
    list says its own way ("stage not set")."""
    said = " ".join((stage or "").split())
    return own_stage_name(said) or (unnamed_stage(joining) if said else "")


def stage_said_when_saved(stage: str | None, joining: bool = False) -> str:
    """A stage's kind as the line after adding or editing it says it: as the lists now name it
    (stage_listed: "interview" for one logged as "other", "meeting" once it comes after the offer you
    accepted there, `joining`: pipeline.joining_stages); "stage not set" for none. "Added Hooli
    (other, …)" stood above the row that read "interview"."""
    return stage_listed(stage, joining) or "stage not set"


def stage_named(stage: str | None) -> str:
    """What one stage is called when it alone is deleted: the stage as its card shows it
    ("recruiter screen", "offer"), the application as "application", an ending, one with no stage
    (or "other") as stage_noun calls it. Deleting one stage of several said "Deleted the Acme
    interview.", not which of them went."""
    said = " ".join((stage or "").split())
    if not said or said.casefold() == "other" or is_application(stage) or ending(stage):
        return stage_noun(stage)
    return said


def stage_after(stage: str | None) -> str:
    """The stage that usually follows `stage` in a process (a technical round after the first
    round, an offer after the final), offered for the next one; the first round after a stage
    outside that order."""
    order = ("applied", *STAGES[:-1])  # STAGES' order, up to the offer; not "other"
    if stage in order[:-1]:
        return order[order.index(stage) + 1]
    return "first round"


def recordable(interviews: list[dict]) -> list[dict]:
    """The logged interviews a recording of a real interview can belong to, newest first: not an
    offer, a rejection or a withdrawal logged as a stage (playbook.is_interview), which has no
    interview to review, unless a recording is kept with it already (its answers reviewed, or not
    analysed: its stage changed since, say), so nothing stored becomes unreachable. One not analysed
    is said to be reviewed by uploading it again on the Review page (recordings_not_analysed), and
    the same file given for a new interview is refused, naming this one to pick (AlreadyKept): both
    lead here."""
    kept = [i for i in interviews if i.get("answers") or i.get("recordings") or is_interview(i.get("stage"))]
    return sorted(kept, key=lambda i: str(i["interview_date"]), reverse=True)


# ---------------------------------------------------------------- adding to the log
# The Interviews page and `coach add-interview / add-person / add-option` both add through these.


def add_interview(
    db: Store,
    *,
    company: str,
    interview_date: date | str,
    role: str = "",
    stage: str = "",
    format: str = "",
    origin: str = "",
    notes: str = "",
    people: list[str] | tuple = (),
    job_description: str = "",
) -> int:
    """Log a real interview; `people` are lines as typed ('Sam Lee — engineering manager — ex-Stripe');
    `job_description` is the posting's text as pasted (answers prepared for it use its terms). Its
    date is within DATE_RANGE_YEARS of today, as the page's date picker allows. The application and
    an ending (rejected, withdrew) are kept with no format."""
    origin = origin_from_words(origin)
    format = checked_format(format)
    if is_application(stage) or ending(stage):  # no conversation to have a format: the page's
        format = ""  # default, video, was kept with the application ("applied, video")
    return store.add_interview(
        db,
        company=one_line(company),
        role=one_line(role),
        stage=stage.strip(),
        interview_date=checked_interview_date(interview_date),
        format=format,
        origin=origin,
        notes=notes.strip(),
        people=[parse_person(line) for line in people if line.strip()],
        job_description=(job_description or "").strip(),
    )


def next_after_adding(interview: dict, today: date, joining: bool = False) -> str:
    """What to do next with an interview just logged, said after "Added …" (a new user adding one
    booked next week was not sent to practise for it, nor one held last week to its debrief): an
    interview still ahead is practised for, one held is debriefed; an application or an outcome
    asks nothing (""). A meeting ahead after the offer you accepted there (`joining`:
    pipeline.joining_stages) is no interview to practise for: "Added Northwind Labs (meeting, …).
    Next: practise for it on the Practice page." sent to a page that does not choose it."""
    if not is_interview(interview.get("stage")):
        return ""
    if is_ahead(interview, today):
        if joining:  # as its checklist's step says it (the playbook's joining steps)
            return (
                "Next: no interview to practise for: write down what you want to know before you start "
                "(its checklist is on the Prepare tab)."
            )
        return "Next: practise for it on the Practice page."
    return "Next: write its debrief while you remember it: open its stage on the Pipeline tab."


def one_line(name: str) -> str:
    """A company's or role's name on one line, single-spaced: a line break typed into it broke the
    log's layout in the terminal and on the cards."""
    return " ".join((name or "").split())


def checked_format(format: str) -> str:
    """An interview's format as stored ("In Person" is "in person"); one that is none of them is refused."""
    format = " ".join((format or "").casefold().split())
    if format not in FORMATS:
        raise InputError(f"The format is video, phone, in person or take-home, not {format!r}.")
    return format


# How an interview started, as the page and `coach interview` say it ("I applied", not "i applied").
ORIGIN_SAID = {
    "they_reached_out": "they reached out",
    "i_applied": "I applied",
    "referral": "referral",
    "other": "other",
}
# ... and as a person may type it, case aside ("i applied") → as stored
ORIGIN_WORDS = {said.casefold(): origin for origin, said in ORIGIN_SAID.items()}


def origin_from_words(origin: str) -> str:
    """'they reached out' (as a person says it, or as stored) → 'they_reached_out'."""
    words = " ".join(origin.replace("_", " ").casefold().split())
    if words and words not in ORIGIN_WORDS:
        raise InputError(
            f"How it started is one of: they reached out, I applied, referral, other; not {origin!r}."
        )
    return ORIGIN_WORDS.get(words, "")


def add_person(db: Store, interview_id: int, line: str) -> tuple[dict, str]:
    """Add someone met at an interview from one typed line (a line with no name is refused:
    parse_person); a name the interview has already adds to that person what the line says
    (`remember_person`: a job title other than theirs becomes their title, the one it replaces
    kept in their notes). Returns the person as stored and what happened: "added", "retitled",
    "noted" or "known" (nothing new)."""
    person = parse_person(line)
    people = store.get_interview(db, interview_id)["people"]
    outcome = remember_person(db, interview_id, person, people)
    stored = same_person(people, person["name"])
    return {k: stored[k] for k in ("name", "title", "notes")}, outcome


def remove_person(db: Store, interview_id: int, name: str) -> dict:
    """Remove someone recorded as met at this interview, found by name (case and spacing aside),
    as the page's Remove does; returns them as they were."""
    people = store.get_interview(db, interview_id)["people"]
    person = same_person(people, name)
    if person is None:
        recorded = ", ".join(p["name"] for p in people)
        raise InputError(
            f"Interview #{interview_id} has nobody called {name.strip()!r}"
            + (f"; it has {recorded}." if recorded else "; nobody is recorded for it.")
        )
    store.delete_person(db, person["id"])
    return person


def person_said(name: str, outcome: str, title: str = "") -> str:
    """What adding someone met is told, by what happened (`add_person`); `name` and their new
    `title` as shown (the page escapes them)."""
    return {
        "added": f"Added {name}.",
        "retitled": f"Changed {name}'s title" + (f" to {title}." if title else "."),
        "noted": f"Added what you typed to {name}, already recorded.",
        "known": f"{name} is already recorded with that.",
    }[outcome]


def kind_unsaid(company: str, interview_id: int | None) -> str:
    """The kind of an option added with none chosen: the BATNA for your current job (the form asks
    for 'current job' in the company's place, and the tab says it is the BATNA to beat; it was kept
    as the form's first kind, an offer, "answer by: no deadline"), else an offer."""
    staying = " ".join(company.split()).casefold() in CURRENT_JOB_NAMES
    return "batna" if staying and interview_id is None else "offer"


def add_option(
    db: Store,
    *,
    kind: str | None,
    company: str = "",
    title: str = "",
    compensation: str = "",
    details: str = "",
    deadline: date | str | None = None,
    interview_id: int | None = None,
    interest: int | None = None,
) -> int:
    """Write down an offer, an alternative or the BATNA (what you do if nothing else works out);
    one that came from an interview (`interview_id`) takes its company and role when not given.
    `interest`: how interested you are in it, 1 to 5, as the playbook asks of each option. With no
    `kind` chosen, it is told by its name (`kind_unsaid`)."""
    kind = (kind or "").strip().casefold() or kind_unsaid(company, interview_id)
    if kind not in OPTION_KINDS:
        raise InputError(f"An option is an offer, an alternative or your BATNA, not {kind!r}.")
    if interview_id is not None:  # an option from an interview is named after it unless told otherwise
        from coach.pipeline import normalised  # the pipeline reads this module

        interview = store.get_interview(db, interview_id)
        named, theirs = company.strip(), interview["company"]
        if named and normalised(named) != normalised(theirs):
            # it would sit on that company's card, under another company's name
            raise InputError(
                f"That interview is with {theirs}, not {named}: choose an interview with {named}, "
                "or leave the company empty to name the option after the interview's."
            )
        company = company.strip() or interview["company"]
        title = title.strip() or interview["role"]
    if not (company.strip() or title.strip()):
        raise InputError(OPTION_NEEDS_A_NAME)
    return store.add_option(
        db,
        kind=kind,
        company=company.strip(),
        title=title.strip(),
        compensation=compensation.strip(),
        details=details.strip(),
        deadline=deadline or None,
        interview_id=interview_id,
        interest=interest,
    )


def _why_not_measured(turn: dict) -> str:
    """Why the quality gate left a stored answer unscored, as its analysis said it (one voice found,
    too few words), and what to do; "" for an answer it measured. The log showed only dashes."""
    if turn.get("score_overall") is not None:
        return ""
    said = " ".join((turn.get("analysis") or {}).get("warnings") or ())
    return said or "The review could not measure it."


def questions_they_asked(interview: dict, settings, questions: list | None = None) -> list[str]:
    """The questions a review heard in the interview's recordings, then those its debriefs list, each
    once, as the Interviews page lists them under "Questions they asked" (`coach interview N` gave
    only the debrief's: a question heard in a recording reviewed after the debrief was written, or
    with no debrief, was listed on the page alone). `questions`: the bank read already."""
    from coach.debrief import heard_questions, questions_in_notes

    heard = heard_questions(interview, settings, questions)
    listed = [q for d in interview.get("debriefs") or [] for q in questions_in_notes(d["notes"])]
    return list(dict.fromkeys(heard + listed))


def was_reviewed(recording: dict) -> bool:
    """Whether an interview's recording (a row of store.get_interview's `recordings`) holds a review
    to show again: its answers, or the whole recording kept as one when none could be picked out; a
    recording kept when its review failed holds none."""
    return bool(recording.get("turns"))


def heard_as_one_voice(interview: dict) -> list[int]:
    """The interview's kept recordings whose review found one voice and so scored nothing (the
    notice says to review it again saying 2 people speak), by their interview recording id: the
    Interviews card offers to do that, reusing the kept transcription."""
    from coach.analysis.quality import ONE_VOICE, recording_problems

    def one_voice(turn: dict) -> bool:  # as stored, in today's wording or an earlier one
        return ONE_VOICE in recording_problems((turn.get("analysis") or {}).get("warnings"))

    return [
        rec["id"]
        for rec in interview.get("recordings") or []
        if rec.get("recording_path") and any(one_voice(turn) for turn in rec.get("turns") or ())
    ]


def _no_question_found(turn: dict) -> bool:
    """Whether a stored answer is the whole recording kept because two voices were heard and no
    question of the interviewer's: the review picked out no answer (the Review page says "no answers
    picked out to score"), and this row holds the conversation, the interviewer's words included."""
    from coach.analysis.quality import NO_QUESTION_FOUND, recording_problems

    return NO_QUESTION_FOUND in recording_problems((turn.get("analysis") or {}).get("warnings"))


def whole_recording_kept(turn: dict) -> bool:
    """`_no_question_found` for a row as a backup holds it (its analysis a dict, or none): a backup
    counts such a row with its interview transcript, not as an answer, as `coach history` and the
    Interviews card do ("no answers picked out")."""
    return isinstance(turn.get("analysis") or {}, dict) and _no_question_found(turn)


def no_answers_picked_out(interview: dict) -> int:
    """How many of the interview's reviewed recordings picked out no answer, no question of the
    interviewer's being recognised (`_no_question_found`): the Interviews card says so, where it
    listed "The whole recording" as an answer not measured and counted "Answers analysed: 0 of 1"."""
    return sum(
        1
        for rec in interview.get("recordings") or []
        if any(_no_question_found(turn) for turn in rec.get("turns") or ())
    )


def picked_out_none(db: Store) -> dict[int, int]:
    """The real answers that are each a whole recording kept because its review picked out no answer
    (`_no_question_found`), by id, with their interview's id: Progress and `coach history` count
    none of them as an answer ("0 of 1 answer analysed" where the Interviews card says "Answers
    analysed: none picked out")."""
    from coach.store.interviews import unmeasured_answer_warnings

    return {
        row["id"]: row["interview_id"]
        for row in unmeasured_answer_warnings(db)
        if _no_question_found({"analysis": {"warnings": row["warnings"]}})
    }


def none_picked_out_words(interview: dict) -> str:
    """ "No question from the interviewer was recognised in its recording, so no answers were picked
    out to score" (the Review page's words for it), or "" when each recording picked out answers:
    the Interviews card and `coach interview N` say it where they listed the whole recording."""
    none = no_answers_picked_out(interview)
    if not none:
        return ""
    recordings = len(interview.get("recordings") or ())
    which = "its recording" if none == recordings else f"{none} of its {recordings} recordings"
    return (
        f"No question from the interviewer was recognised in {which}, so no answers were picked out to score"
    )


def answers_analysed_in(interview: dict) -> str:
    """`answers_analysed` of an interview as `store.get_interview` gives it (its recordings with their
    answers), with no whole recording counted among them (`_no_question_found`): "0 of 1" for a
    review that picked out no answer is "none picked out"."""
    turns = [t for rec in interview.get("recordings") or [] for t in rec.get("turns") or ()]
    answers = [t for t in turns if not _no_question_found(t)]
    if not answers and turns:
        return "none picked out"
    measured = sum(1 for t in answers if t.get("score_overall") is not None)
    return answers_analysed({"answers": len(answers), "answers_measured": measured})


def reviewed_answers(interview: dict, attempts: list[dict], bank_texts: dict[str, str]) -> list[dict]:
    """Each answer a review measured in `interview` (as `store.get_interview` gives it), in the
    order given, with how often its question was practised by the interview's day (its own too): the link
    from a real answer back to its practice. `attempts` as `store.list_attempts` gives them;
    `bank_texts`: the bank's words by question id (a real question's row holds it as transcribed);
    a question the bank does not hold is shown as it would go into one, without "um"s or lead-ins.
    `not_measured`: why an answer has no scores, in the analysis's words ("" when it has them);
    `off_the_question`: it has none for not answering its question (it was measured).
    `practice_score`: the mean overall score of those practice answers that were measured (None for
    none), so the real answer stands beside its practice (progress.per_question pairs them)."""
    from coach.progress import per_question  # progress reads the pipeline, which reads this module

    day = str(interview["interview_date"])
    practised = {
        entry["question_id"]: [p["score_overall"] for p in entry["practice"]]
        for entry in per_question([a for a in attempts if local_day(a["created_at"]) <= day], [])
    }
    rows = []
    for recording in interview.get("recordings") or []:
        for turn in recording.get("turns") or []:
            if _no_question_found(turn):  # no answer: the review picked out none (no_answers_picked_out)
                continue
            question_id = turn.get("question_id")
            asked = question_title(turn.get("question_text"), bank_texts.get(question_id or ""))
            before = [
                a
                for a in attempts
                if question_id and a["question_id"] == question_id and local_day(a["created_at"]) <= day
            ]
            rows.append(
                {
                    "question_id": question_id,
                    "question": asked,
                    **{key: turn.get(key) for key in ("score_overall", "wpm", "fillers_per_100_words")},
                    "duration_s": turn.get("duration_s"),
                    "practised_before": len(before),
                    "practice_score": (
                        sum(practised[question_id]) / len(practised[question_id])
                        if practised.get(question_id or "")
                        else None
                    ),
                    "not_measured": _why_not_measured(turn),
                    # measured, but not an answer to its question: "Not scored", not "Not measured"
                    "off_the_question": off_the_question(turn.get("analysis")),
                }
            )
    return rows
