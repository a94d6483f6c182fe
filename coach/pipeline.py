"""The pipeline: the interview log grouped into opportunities (one company and role), each with its
stages in order, the interest written after each, the next step, people met, what the process has
cost so far, and a prompt to decide when interest falls. The Interviews page and `coach interviews`
both show what `pipeline()` returns.

Opportunities are found from what is stored, with no link of their own: interviews with the same
company and role (ignoring case, spacing and a legal suffix such as "Inc.") are one opportunity,
and an interview with no role joins its company's only opportunity that has one. A rejection or a
withdrawal logged as its last stage ends an opportunity (playbook.ending). How long each
stage took is not stored, so the time an opportunity costs is counted in interview stages (an offer
or a rejection logged as a stage is none) and in days from the first to the last, with the
debrief's own words on what the rest will take.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta

from coach import store
from coach.analysis.wording import count, listed
from coach.debrief import from_review, latest_debrief, own_notes
from coach.interview_log import coming_up, option_kind_said, own_stage_name, stage_listed, unnamed_stage
from coach.local_time import local_day
from coach.playbook import ending, is_interview, is_offer
from coach.store import Store

# Trailing words that name a company's legal form, not the company ("Acme Inc." is Acme, and so
# are "Acme S.A.", "Acme Pty Ltd" and "Acme Corporation"). A word that could name a part of the
# company ("Group", "Holdings", "Industries") is not one: "Acme Health" is another company.
LEGAL_SUFFIXES = (
    *("inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "llp"),
    *("lp", "plc", "pty", "pte", "pvt", "gmbh", "kg", "ag", "sa", "sas", "sarl", "srl", "spa", "bv"),
    *("nv", "ab", "oy", "kk"),
)
# What joins a legal form to the name ("Acme & Co."), dropped with it.
JOINING_WORDS = ("&", "and", "+")
# An opportunity with no stage for this long and none booked has gone quiet: it reads "quiet since"
# its last stage, not "in progress" (a returning user saw one idle for 112 days "in progress").
# Four weeks is longer than the usual wait between rounds and for a decision after a final.
QUIET_AFTER = timedelta(weeks=4)


@dataclass(frozen=True)
class Stage:
    """One interview of an opportunity, with what its latest debrief said."""

    interview_id: int
    stage: str
    interview_date: str
    format: str
    interest: int | None
    proceed: bool | None
    debriefed: bool
    answers_analysed: int  # the answers the review could measure: "2 of 3 answers analysed"
    time_commitment: str
    notes: str
    booked: bool = False  # still to come (playbook.is_ahead): in the calendar, not held yet
    answers_reviewed: int = 0  # every answer the review kept, those it could not measure too
    red_flags: str = ""  # what its debrief noted about the team, the role or the process
    review_draft: bool = False  # its debrief is still the draft its review wrote (debrief.from_review)
    pay_mentioned: str = ""  # what its debrief noted of pay or benefits ("range 150-170k base")
    # the company whose offer you accepted before this stage's day, when nothing shows it was held
    # (unconfirmed_after_accepting): not counted as an interview held; "" for any other stage
    unconfirmed_after_accepting: str = ""


@dataclass(frozen=True)
class TimeSpent:
    """What the process has cost so far, from what is stored: stages and the span in days."""

    stages_done: int
    stages_booked: int
    first_date: str | None  # the first and last stage held (None before one is held)
    last_date: str | None
    span_days: int
    still_to_come: str  # the latest debrief's "time commitment", in the user's words
    # the stage whose debrief said it, when stages were held after it ("" when it is the latest)
    said_after: str = ""
    ended: bool = False  # the process stopped: its stages are all there will be, not "so far"

    @property
    def still_to_come_words(self) -> str:
        """'two more rounds', or with when it was said when stages have been held since."""
        if not self.still_to_come or not self.said_after:
            return self.still_to_come
        return f"{self.still_to_come} (as you wrote after the {self.said_after})"

    @property
    def said(self) -> bool:
        """Whether the card and `coach interviews` say the time spent: once a stage has been held.
        Before, "Time: nothing yet, 1 stage booked" said nothing the next step did not."""
        return bool(self.stages_done)

    @property
    def summary(self) -> str | None:
        """'3 stages so far over 19 days, 1 more booked' ('4 stages over 36 days' once stopped): what
        the card's "Time spent" and `coach interviews`' "Time spent" both say; None while they say
        nothing (not `said`: no stage held yet). `coach interviews --json` held "nothing yet, 1 stage
        booked" and "no interview yet" there, words shown nowhere, where its numbers say it."""
        if not self.stages_done:  # a stage booked, or an application or an outcome logged alone
            return None
        # a process that stopped said "4 stages so far over 36 days"
        done = count(self.stages_done, "stage") + ("" if self.ended else " so far")
        if self.stages_done > 1:  # two stages on one day are "on one day", not "over 0 days"
            done += f" over {count(self.span_days, 'day')}" if self.span_days else " on one day"
        if self.stages_booked:
            done += f", {self.stages_booked} more booked"
        return done


# A status as the card's badge and `coach interviews` say it, where the word alone would not do.
STATUS_SAID = {"accepted": "offer accepted"}
# The statuses of a process still open: one you may withdraw from once an offer is accepted.
STILL_OPEN = ("in progress", "quiet", "offer")


@dataclass
class Opportunity:
    """A company and role, with its stages oldest first."""

    company: str
    role: str
    stages: list[Stage]
    people_met: list[dict]
    next_step: dict | None
    time: TimeSpent
    decision: str | None
    status: str  # "in progress", "quiet", "offer", "accepted" (its offer accepted), "stopped"
    options: list[dict] = field(default_factory=list)
    people_to_meet: list[dict] = field(default_factory=list)  # named for a booked stage, not met yet
    quiet_since: str | None = None  # the last stage's day, when the status is "quiet"
    # how a "stopped" one ended when its last stage says so: "rejected", "withdrew" (playbook.ending),
    # or its offer: "offer declined", "offer expired"
    ended: str = ""
    # an offer waiting for your answer: its next step when nothing is booked (offer_to_answer)
    offer_to_answer: dict | None = None
    # the company whose offer you had accepted when this process began (begun_after_accepting): one
    # you are interviewing again in, not one to withdraw from; "" for any other
    begun_after_accepting: str = ""

    @property
    def interest_trend(self) -> list[int]:
        return [s.interest for s in self.stages if s.interest]

    @property
    def red_flags(self) -> list[Stage]:
        """The stages whose debrief noted red flags, oldest first: kept in sight on the card and in
        `coach interviews` while the offers are weighed, not only inside each stage."""
        return [s for s in self.stages if s.red_flags.strip()]

    @property
    def label(self) -> str:
        return f"{self.company} · {self.role}" if self.role else self.company

    @property
    def status_words(self) -> str:
        """The status as the card and `coach interviews` say it: how it ended ("rejected",
        "withdrew") when a stage says so, "offer accepted", else the status ("quiet" is dated by
        each: quiet_since)."""
        return self.ended or STATUS_SAID.get(self.status, self.status)

    @property
    def pay_mentioned(self) -> list[Stage]:
        """The stages whose debrief noted pay or benefits mentioned, oldest first: beside an offer's
        compensation, what the recruiter screen said the range was."""
        return [s for s in self.stages if s.pay_mentioned.strip()]

    def stages_listed(self) -> dict[int, str]:
        """Each stage's kind by its id, as the card's chain and rows and `coach interviews`' rows name
        it (interview_log.stage_listed): one logged as "other" is the "meeting" its next step says
        once it comes after the offer you accepted here, else an "interview"; "" for none set."""
        joining = _after_the_offer(self.stages, self.options, self.status)
        return {s.interview_id: stage_listed(s.stage, s.interview_id in joining) for s in self.stages}

    def as_json(self) -> dict:
        data = asdict(self)
        data["interest_trend"] = self.interest_trend
        data["red_flags"] = [
            {
                "interview_id": s.interview_id,
                "stage": s.stage,
                "interview_date": s.interview_date,
                "red_flags": s.red_flags,
            }
            for s in self.red_flags
        ]
        data["time"]["summary"] = self.time.summary
        return data


def normalised(name: str) -> str:
    """'  Acme  Robotics, Inc. ' → 'acme robotics': how two spellings of one company compare.
    Punctuation is a space and initials in a row are one word ("S.A." is "sa", "J. P. Morgan" is
    "jp morgan"); legal forms at the end go, with an "&" before them ("Acme & Co."). A name of
    punctuation only ("#") stays itself, so it is no other company's and no nameless option's."""
    folded = " ".join((name or "").casefold().split())
    words = re.sub(r"[^\w\s&+-]", " ", folded).split()
    words = _initials_joined(words)
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
        while len(words) > 1 and words[-1] in JOINING_WORDS:
            words.pop()
    return " ".join(words) or folded


def _initials_joined(words: list[str]) -> list[str]:
    """'j p morgan' → 'jp morgan', 'acme s a' → 'acme sa': single letters in a row are one word."""
    joined: list[str] = []
    in_initials = False
    for word in words:
        initial = len(word) == 1 and word.isalpha()
        if initial and in_initials:
            joined[-1] += word
        else:
            joined.append(word)
        in_initials = initial
    return joined


def group_interviews(interviews: list[dict]) -> list[list[dict]]:
    """The interviews of each opportunity, oldest first; opportunities in the order first seen
    when the log is read oldest first."""
    ordered = sorted(interviews, key=_date_order)
    named_roles: dict[str, list[str]] = {}
    for item in ordered:
        role = normalised(item.get("role") or "")
        company = normalised(item["company"])
        if role and role not in named_roles.setdefault(company, []):
            named_roles[company].append(role)
    groups: dict[tuple[str, str], list[dict]] = {}
    for item in ordered:
        company = normalised(item["company"])
        role = normalised(item.get("role") or "")
        if not role and len(named_roles.get(company, [])) == 1:
            role = named_roles[company][0]
        groups.setdefault((company, role), []).append(item)
    return list(groups.values())


def opportunity_of(interview_id: int, interviews: list[dict]) -> list[dict]:
    """The interviews of the opportunity `interview_id` is a stage of (`group_interviews`), oldest
    first; none when it is not among `interviews`."""
    return next((g for g in group_interviews(interviews) if interview_id in {i["id"] for i in g}), [])


def interest_fall(trend: list[int]) -> int | None:
    """Where a fall in interest starts (an index into `trend`), or None when it has not fallen
    enough to ask for a decision: two drops in a row, or a drop of two points or more at the
    latest stage."""
    if len(trend) >= 3 and trend[-3] > trend[-2] > trend[-1]:
        start = len(trend) - 3
        while start > 0 and trend[start - 1] > trend[start]:
            start -= 1
        return start
    if len(trend) >= 2 and trend[-2] - trend[-1] >= 2:
        return len(trend) - 2
    return None


def decision_prompt(company: str, stages: list[Stage], next_step: dict | None) -> str | None:
    """A plain sentence asking the user to decide whether to go on, when their interest fell."""
    rated = [s for s in stages if s.interest]
    start = interest_fall([s.interest for s in rated])
    if start is None:
        return None
    since = own_stage_name(rated[start].stage) or f"interview on {_day(rated[start].interview_date)}"
    trend = " → ".join(str(s.interest) for s in rated[start:])
    next_named = (own_stage_name(next_step["stage"]) or "next stage") if next_step else ""
    before = (
        f" before the {next_named} on {_day(next_step['interview_date'])}"
        if next_step
        else " before you book another stage"
    )
    return (
        f"Your interest in {company} has fallen since the {since} ({trend} out of 5). "
        f"Decide whether to continue{before}: stopping politely now costs them and you less than later."
    )


def offer_to_answer(status: str, linked: list[dict]) -> dict | None:
    """What a process holding an offer not yet answered asks of you next: answering it, by the
    soonest deadline of its open offers ({"option_id", "deadline"}; deadline None when none was
    written, option_id None for an offer logged as a stage and not written down). Its card read
    "Next step: none booked" with Northwind's answer due on Friday. None when no offer waits."""
    if status != "offer":
        return None
    offers = [o for o in linked if o["kind"] == "offer"]
    waiting = sorted(
        (o for o in offers if o["status"] == "open"), key=lambda o: (o.get("deadline") or "9999", o["id"])
    )
    if waiting:
        return {"option_id": waiting[0]["id"], "deadline": waiting[0].get("deadline") or None}
    return None if offers else {"option_id": None, "deadline": None}


def answer_words(answer: dict, day_words: Callable[[str], str]) -> str:
    """'answer the offer by Fri 11 Dec 2026' (`day_words` says the day as the page or the terminal
    does), or 'answer the offer' with no deadline written."""
    return "answer the offer" + (f" by {day_words(answer['deadline'])}" if answer["deadline"] else "")


# The next step of a process with none to take, by its status (the card showed "none booked" for
# the offer you said yes to, as if something were missing, and for one that ended).
NO_NEXT_STEP = {"accepted": "none (you accepted its offer)", "stopped": "none (it has ended)"}


def next_step_said(opportunity: Opportunity, day_words: Callable[[str], str]) -> tuple[str, bool]:
    """What the card's "Next step" and `coach interviews`' say, and whether it is one to take (one
    that is not is shown quieter): the stage booked ("onsite / loop on Thu 10 Dec 2026"), answering
    an offer waiting (by its deadline), else none, and why when it is done with (NO_NEXT_STEP).
    `day_words` says a day as the page or the terminal does. The terminal said nothing of the
    offer you accepted where the page said "none: you accepted its offer"."""
    if opportunity.next_step:
        step = opportunity.next_step
        named = _stage_in_a_sentence(opportunity, step["stage"], step["interview_id"])
        return f"{named} on {day_words(step['interview_date'])}", True
    if opportunity.offer_to_answer:
        return answer_words(opportunity.offer_to_answer, day_words), True
    return NO_NEXT_STEP.get(opportunity.status, "none booked"), False


def _stage_in_a_sentence(opportunity: Opportunity, stage: str, interview_id: int) -> str:
    """A stage of the opportunity as a sentence names it: its own name (own_stage_name), else "an
    interview", or "a meeting" once it comes after the offer you accepted there (no interview:
    after_the_offer_accepted; unnamed_stage); "other on Wed 9 Dec" was Northwind's onboarding chat."""
    named = own_stage_name(stage)
    if named:
        return named
    joining = _after_the_offer(opportunity.stages, opportunity.options, opportunity.status)
    return unnamed_stage(interview_id in joining, in_a_sentence=True)


def still_open_after_accepting(opportunities: list[Opportunity], options: list[dict]) -> tuple[list, list]:
    """The opportunities whose offer you accepted, and those still open beside them (in progress,
    quiet, an offer not answered), each in the pipeline's order, once an offer is accepted (one
    written down with no interview logged too): the processes you may now withdraw from. Nothing
    said so after `coach edit-option 1 --status accepted`, Umbrella's onsite still booked for the
    week after. Not one begun since you accepted (begun_after_accepting): Hooli, first met three
    days after, was listed to withdraw from, though you had begun it to keep interviewing."""
    accepted = [o for o in opportunities if o.status == "accepted"]
    if not accepted_offers(opportunities, options):
        return accepted, []
    return accepted, [o for o in opportunities if o.status in STILL_OPEN and not o.begun_after_accepting]


def options_open_after_accepting(opportunities: list[Opportunity], options: list[dict]) -> list[dict]:
    """The offers and alternatives still open once an offer is accepted (`options` as
    `comparison` orders them), leaving out those said with a process still open ("an offer not
    answered") or with the one accepted: Hooli's offer due next week and the freelance alternative
    were not named where the processes to withdraw from were. The BATNA is none of them: it is
    where you are."""
    if not accepted_offers(opportunities, options):
        return []
    accepted, still_open = still_open_after_accepting(opportunities, options)
    begun = [o for o in opportunities if o.begun_after_accepting]  # not "still" open: begun since
    said_with = {o["id"] for opportunity in accepted + still_open + begun for o in opportunity.options}
    return [
        o for o in options if o["status"] == "open" and o["kind"] in LINKED_KINDS and o["id"] not in said_with
    ]


def accepted_offers(opportunities: list[Opportunity], options: list[dict]) -> list[str]:
    """The companies whose offer you accepted: those of the opportunities holding one, then those
    of offers accepted from no interview logged (an offer written down alone and accepted said
    nothing of the processes still open)."""
    companies = [o.company for o in opportunities if o.status == "accepted"]
    companies += [
        o["company"] or o["title"] for o in options if o["kind"] == "offer" and o["status"] == "accepted"
    ]
    seen: dict[str, str] = {}
    for company in companies:
        seen.setdefault(normalised(company), company)
    return list(seen.values())


def _still_open_words(opportunity: Opportunity, day_words: Callable[[str], str]) -> str:
    """'Umbrella · Backend lead (onsite / loop booked for Thu 10 Dec 2026)': a process still open,
    with what is under way there, and a stage whose day came after you accepted the offer with no
    debrief, in its row's words (_unconfirmed_in_the_note): "Still open: Umbrella" said nothing of
    the onsite that, once passed, was no longer booked."""
    doing = []
    if unconfirmed := [s for s in opportunity.stages if s.unconfirmed_after_accepting]:
        doing.append(_unconfirmed_in_the_note(opportunity, unconfirmed, day_words))
    if opportunity.next_step:
        step = opportunity.next_step
        named = _stage_in_a_sentence(opportunity, step["stage"], step["interview_id"])
        doing.append(f"{named} booked for {day_words(step['interview_date'])}")
    if opportunity.offer_to_answer:
        doing.append("an offer not answered")
    if opportunity.quiet_since:
        doing.append(f"quiet since {day_words(opportunity.quiet_since)}")
    return opportunity.label + (f" ({'; '.join(doing)})" if doing else "")


def _unconfirmed_in_the_note(
    opportunity: Opportunity, unconfirmed: list[Stage], day_words: Callable[[str], str]
) -> str:
    """'onsite / loop on Tue 8 Dec after accepting, no debrief: write its debrief if it took place,
    else delete it': the stages of a process still open whose day came after you accepted the offer,
    with nothing to show they were held, as their rows say it (UNCONFIRMED_ROW) and what to do, as the
    line under each row says it."""
    stages = listed(
        [
            _stage_in_a_sentence(opportunity, s.stage, s.interview_id)
            + f" on {day_words(s.interview_date[:10])}"
            for s in unconfirmed
        ]
    )
    to_do = (
        "write its debrief if it took place, else delete it"
        if len(unconfirmed) == 1
        else "write their debriefs if they took place, else delete them"
    )
    return f"{stages} {UNCONFIRMED_ROW}: {to_do}"


def _open_option_words(option: dict, day_words: Callable[[str], str]) -> str:
    """'Hooli · Senior engineer (offer, answer by Tue 15 Dec 2026)': an option still open."""
    name = " · ".join(filter(None, (option.get("company"), option.get("title"))))
    deadline = f", answer by {day_words(option['deadline'])}" if option.get("deadline") else ""
    return f"{name} ({option_kind_said(option['kind'])}{deadline})"


# What to do with each kind still open once an offer is accepted, that you will not take up.
WITHDRAW = 'withdraw from those you will not go on with: tell them, and log "withdrew" as their last stage'
DECLINE = "decline those you will not take: tell them, and mark them declined"


@dataclass(frozen=True)
class OpenAfterAccepting:
    """Those still open once an offer is accepted, of one kind (the processes, or the offers and
    alternatives): `heading` ("Still open"), `to_do` (what to do with those you will not take up),
    and `items`, one each ("Umbrella · Backend lead (onsite / loop booked for …)")."""

    heading: str
    to_do: str
    items: tuple[str, ...]

    @property
    def to_do_said(self) -> str:
        """`to_do` as its own sentence ("Withdraw from those …"), as the page and the terminal say it."""
        return f"{self.to_do[:1].upper()}{self.to_do[1:]}."


@dataclass(frozen=True)
class AcceptedNote:
    """What is said once an offer is accepted while others are still open: `accepted` ("You
    accepted the offer from Northwind Labs."), then each kind still open (`still_open`). The page
    lists each one on its own line (a paragraph of eleven lines on a phone); the terminal says them
    as sentences (`sentences`)."""

    accepted: str
    still_open: tuple[OpenAfterAccepting, ...]

    @property
    def sentences(self) -> str:
        said = [self.accepted]
        for group in self.still_open:
            said.append(f"{group.heading}: {'; '.join(group.items)}. {group.to_do_said}")
        return " ".join(said)

    def as_json(self) -> dict:
        """As `coach interviews --json` holds it: the words said first (`said`) and their parts, each
        kind still open with its heading, its items and what to do, as the text says them."""
        return {
            "said": self.sentences,
            "accepted": self.accepted,
            "still_open": [
                {"heading": g.heading, "items": list(g.items), "to_do": g.to_do_said} for g in self.still_open
            ],
        }


def accepted_note_parts(
    opportunities: list[Opportunity], options: list[dict], day_words: Callable[[str], str]
) -> AcceptedNote | None:
    """What the page and `coach interviews` say once an offer is accepted while other processes,
    offers or alternatives are still open: which they are, and that you may withdraw from them or
    decline them. None when no offer is accepted or nothing else is open. `options` as
    `comparison` gives them; `day_words` says a day as the page or the terminal does."""
    companies = accepted_offers(opportunities, options)
    if not companies:
        return None
    _, still_open = still_open_after_accepting(opportunities, options)
    open_options = options_open_after_accepting(opportunities, options)
    if not (still_open or open_options):
        return None
    groups = []
    if still_open:
        groups.append(
            OpenAfterAccepting(
                "Still open",
                WITHDRAW,
                tuple(_still_open_words(o, day_words) for o in still_open),
            )
        )
    if open_options:
        groups.append(
            OpenAfterAccepting(
                "Offers and alternatives still open" if still_open else "Still open",
                DECLINE,
                tuple(_open_option_words(o, day_words) for o in open_options),
            )
        )
    return AcceptedNote(f"You accepted the offer from {listed(companies)}.", tuple(groups))


# What a stage's row says of one whose day came after the offer you accepted elsewhere, with nothing
# since to show it was held (Stage.unconfirmed_after_accepting), where a held one says "no debrief yet".
UNCONFIRMED_ROW = "after accepting, no debrief"


def unconfirmed_words(stage: Stage) -> str:
    """Why a stage after the offer you accepted elsewhere is not counted as held (its own line on the
    card and in the terminal; what to do follows in each one's words): Umbrella's onsite, booked
    before Northwind's offer was accepted and dated after it, read "no debrief yet" and was counted
    as the last real interview once its day passed, though you had most likely withdrawn."""
    return (
        f"Its day came after you accepted the offer from {stage.unconfirmed_after_accepting}, and it has "
        "no debrief, so it is not counted as an interview held."
    )


def _accepted_with_a_day(options: list[dict]) -> list[tuple[str, dict]]:
    """The offers accepted with the day each was accepted (`answered_on`), earliest first. One
    accepted on a day not known (its status written with it, a backup from before the day was kept)
    is left out: which stages came after it cannot be told, and they are counted as before."""
    accepted = [
        (str(o["answered_on"])[:10], o)
        for o in options
        if o["kind"] == "offer" and o["status"] == "accepted" and o.get("answered_on")
    ]
    return sorted(accepted, key=lambda pair: (pair[0], pair[1]["id"]))


def unconfirmed_after_accepting(
    items: list[dict], stages: list[Stage], linked: list[dict], status: str, accepted: list[tuple[str, dict]]
) -> dict[int, str]:
    """The stages of one process, by id, whose day came after you accepted an offer from another
    process (or one written down alone), with nothing since to show they were held: past, an interview
    with no debrief, no answers and no recording. They are not counted as held (no count of real
    interviews, no cadence, no "last real interview", no time spent) until a debrief says so; each
    with the company whose offer it was. Only in a process begun by the day the offer was accepted
    (one begun since is interviewing again, the new job's cadence), and not the process you accepted
    (its stages after the offer are after_the_offer_accepted's). `items` and `stages` oldest first,
    `linked` its options, `accepted` as _accepted_with_a_day gives them."""
    linked_ids = {o["id"] for o in linked}
    for day, offer in accepted:
        if status == "accepted" or offer["id"] in linked_ids or began_after(stages, day):
            continue
        company = offer.get("company") or offer.get("title") or "another company"
        return {
            s.interview_id: company
            for s, item in zip(stages, items, strict=True)
            if s.interview_date[:10] > day
            and is_interview(s.stage)
            and not (s.booked or s.debriefed or item.get("answers") or item.get("recordings"))
        }
    return {}


def began_after(stages: list[Stage], day: str) -> bool:
    """Whether a process (its `stages`, oldest first) began after `day` (ISO), the day an offer was
    accepted: one begun since is interviewing again, a real interview now and then in the new job,
    not a process to withdraw from, and its stages are held or not as any other's. The one rule the
    note after accepting, the stages not known held and the new job's cadence all ask."""
    return bool(stages) and stages[0].interview_date[:10] > day


def begun_after_accepting(stages: list[Stage], status: str, accepted: list[tuple[str, dict]]) -> str:
    """The company whose offer you had accepted when this process began (began_after: after the last
    day an offer was accepted), else "": not the process you accepted, nor any when no offer was
    accepted on a day known. `accepted` as _accepted_with_a_day gives them, earliest first."""
    if status == "accepted" or not accepted or not began_after(stages, accepted[-1][0]):
        return ""
    offer = accepted[-1][1]
    return offer.get("company") or offer.get("title") or "another company"


def unconfirmed_stages(opportunities: list[Opportunity]) -> set[int]:
    """The ids of every stage not counted as held for coming after an offer accepted elsewhere with
    no debrief (unconfirmed_after_accepting): the counts of real interviews and the cadence leave
    them out, on the pages and in the terminal alike."""
    return {s.interview_id for o in opportunities for s in o.stages if s.unconfirmed_after_accepting}


def _day(iso_date: str) -> str:
    """'5 December': a date as a sentence says it."""
    day = date.fromisoformat(iso_date)
    return f"{day.day} {day:%B}"


def _stage(item: dict, written: list[dict], booked: bool = False) -> Stage:
    debrief = latest_debrief(written)
    return Stage(
        interview_id=item["id"],
        stage=item.get("stage") or "",
        interview_date=str(item["interview_date"]),
        format=item.get("format") or "",
        interest=debrief["interest"] if debrief else None,
        proceed=debrief["proceed"] if debrief else None,
        debriefed=debrief is not None,
        # measured, as `coach interview`, `coach history` and the card count them: this said 3 where
        # they said "2 of 3 answers analysed"
        answers_analysed=item.get("answers_measured", item.get("answers")) or 0,
        answers_reviewed=item.get("answers") or 0,
        time_commitment=(debrief or {}).get("time_commitment") or "",
        notes=own_notes((debrief or {}).get("notes") or ""),
        booked=booked,
        red_flags=(debrief or {}).get("red_flags") or "",
        review_draft=from_review(debrief),
        pay_mentioned=(debrief or {}).get("pay_mentioned") or "",
    )


def _spelling(names: list[str]) -> str:
    """How the user writes a company most often; of two ways as common, the fuller one, then the
    one with more capitals, then the first: a screen logged as "Initrode" and a technical round as
    "Initrode Inc." were both listed as Initrode's by `coach history` and `coach interviews`, while
    the technical round's own pages (Review, `coach interview 2`) said "Initrode Inc." as typed."""
    return max(
        names,
        key=lambda n: (
            names.count(n),
            len(" ".join(n.split())),
            sum(c.isupper() for c in n),
            -names.index(n),
        ),
    )


def as_written_most(interviews: list[dict]) -> list[dict]:
    """The interviews, each company named the way the user writes it most often, as its card
    names it: a stage typed "acme" is listed as Acme's everywhere one is chosen (for display only:
    what is stored stays as typed)."""
    ordered = sorted(interviews, key=_date_order)
    ways: dict[str, list[str]] = {}
    for item in ordered:
        ways.setdefault(normalised(item["company"]), []).append(item["company"])
    return [{**i, "company": _spelling(ways[normalised(i["company"])])} for i in interviews]


def _people(stages: list[dict], leave_out: list[dict] = ()) -> list[dict]:
    """Everyone named at these stages (in date order), once each, with the stage they were first
    met at and the title the latest stage gives them: Ana met as Engineering Manager at the screen
    and written as VP Engineering in the onsite's debrief is a VP now. Their notes are those of
    every meeting, oldest first ("quiet; asked about on-call"), with the stages that noted them
    (`noted_at`, where a note cut short is read whole): the card kept the first meeting's only, and
    what the onsite noted of someone met at the first round was left out."""
    seen: dict[str, dict] = {}
    for item in sorted((i for i in stages if i not in leave_out), key=_date_order):
        for person in item.get("people") or []:
            key = person["name"].casefold()
            stage = {"stage": item.get("stage") or "", "interview_id": item["id"]}
            first = seen.setdefault(key, {**person, "stage": stage["stage"], "notes": "", "noted_at": []})
            if person.get("title"):
                first["title"] = person["title"]
            notes = (person.get("notes") or "").strip()
            if notes and notes not in first["notes"]:  # the same words at two meetings said once
                first["notes"] = f"{first['notes']}; {notes}" if first["notes"] else notes
                first["noted_at"].append(stage)
    return list(seen.values())


def _date_order(interview: dict) -> tuple[str, int]:
    return str(interview["interview_date"]), interview["id"]


def _names(people: list[dict]) -> set[str]:
    return {p["name"].casefold() for p in people}


def _is_interview_stage(stage: Stage) -> bool:
    """Whether a stage is an interview the process takes time for: not an offer, a rejection, a
    withdrawal or an application logged as a stage (playbook.is_interview), unless answers were
    analysed for it all the same (interview_log.held)."""
    return bool(stage.answers_reviewed) or is_interview(stage.stage)


def _time(stages: list[Stage], booked: list[dict], status: str, left_out: set[int]) -> TimeSpent:
    """Interview stages and their days so far (an offer or a rejection logged as a stage is none:
    "3 stages so far" counted the offer); what is still to come only while the process is going on
    (an offer or a stop ends it), with the stage it was written after when later stages have been
    held. The process whose offer you accepted is decided: what it took ends at the offer, the
    stages after it (`left_out`, _after_the_offer) left out ("4 stages so far over 40 days, 1 more
    booked" counted Northwind's team lunch and onboarding chat after its offer); so are those not
    known held after an offer accepted elsewhere (`left_out` too, unconfirmed_after_accepting)."""
    booked_ids = {b["id"] for b in booked}
    interviews = [s for s in stages if _is_interview_stage(s) and s.interview_id not in left_out]
    done = [s for s in interviews if s.interview_id not in booked_ids]
    # none held: no day of it yet ("first_date" was the stage booked for next week, or the application)
    dates = [date.fromisoformat(s.interview_date) for s in done]
    said = [s for s in stages if s.time_commitment] if status == "in progress" else []
    held_after = [s for s in done if s.interview_date > said[-1].interview_date] if said else []
    return TimeSpent(
        stages_done=len(done),
        stages_booked=len(interviews) - len(done),
        first_date=min(dates).isoformat() if dates else None,
        last_date=max(dates).isoformat() if dates else None,
        span_days=(max(dates) - min(dates)).days if dates else 0,
        still_to_come=said[-1].time_commitment if said else "",
        said_after=(own_stage_name(said[-1].stage) or "stage on " + _day(said[-1].interview_date))
        if held_after
        else "",
        ended=status in ("stopped", "accepted"),
    )


# Options that belong to an opportunity in the log by its company (and role) when no interview is
# named: an offer from it, or an alternative still in process there; a BATNA is never one of them.
LINKED_KINDS = ("offer", "alternative")


def _options_for(options: list[dict], items: list[dict], only_role_at_company: bool) -> list[dict]:
    ids = {i["id"] for i in items}
    company = normalised(items[0]["company"])
    roles = {normalised(i.get("role") or "") for i in items} - {""}
    return [
        o
        for o in options
        if o.get("interview_id") in ids
        or (
            o.get("interview_id") is None
            and o["kind"] in LINKED_KINDS
            and company  # nothing nameless matches ("" was the option with no company and card "#")
            and normalised(o.get("company") or "") == company
            and (only_role_at_company or normalised(o.get("title") or "") in roles)
        )
    ]


def _status(stages: list[Stage], linked: list[dict]) -> str:
    """An offer stage is an offer until the offer written down for it is accepted ("accepted": it
    read "offer" after `coach edit-option 1 --status accepted`), declined or expired: then
    the opportunity has stopped (it read "offer" months after the user turned it down). A last
    stage saying it ended (rejected, withdrew: playbook.ending) stops it whatever came before (it
    read "in progress" after a rejection, with more rounds "still to come")."""
    if ending(stages[-1].stage):
        return "stopped"
    offers = [o for o in linked if o["kind"] == "offer"]
    if any(o["status"] == "accepted" for o in offers):
        return "accepted"
    if any(o["status"] == "open" for o in offers) or (not offers and any(is_offer(s.stage) for s in stages)):
        return "offer"
    latest = [s for s in stages if s.debriefed]
    # "no" after a stage stops the opportunity unless a later stage was logged since (they went on
    # after all): "stopped" showed beside a final booked for next week
    said_no = bool(latest) and latest[-1].proceed is False and stages[-1] is latest[-1]
    turned_down = [
        o for o in linked if o["status"] == "declined" or (o in offers and o["status"] == "expired")
    ]
    # so does an offer declined or expired, unless a stage was logged after the one it came from:
    # "stopped" showed beside a first round booked for today, the process begun again
    if said_no or any(not _went_on_after(o, stages) for o in turned_down):
        return "stopped"
    return "in progress"


def _how_it_ended(stages: list[Stage], linked: list[dict]) -> str:
    """How a stopped process ended: its last stage's ending ("rejected", "withdrew"), else its
    offer not taken (_offer_not_taken), else "" (you said no after a stage)."""
    return ending(stages[-1].stage) or _offer_not_taken(linked, stages)


def _offer_not_taken(linked: list[dict], stages: list[Stage]) -> str:
    """'offer declined' or 'offer expired': how a process ended at an offer you turned down or let
    lapse, with no stage logged after it; its card and `coach interviews` read "stopped", where one
    accepted reads "offer accepted" and one a rejection ended "rejected". "" for none."""
    for option in linked:
        if option["kind"] == "offer" and option["status"] in ("declined", "expired"):
            if not _went_on_after(option, stages):
                return f"offer {option['status']}"
    return ""


def _went_on_after(option: dict, stages: list[Stage]) -> bool:
    """Whether a stage was logged after the one `option` came from (_came_from)."""
    return _came_from(option, stages) < len(stages) - 1


def _came_from(option: dict, stages: list[Stage]) -> int:
    """The index of the stage `option` came from: the interview it names, else the last offer
    stage, else the last stage on or before the day it was written down (-1: none)."""
    ids = [s.interview_id for s in stages]
    if option.get("interview_id") in ids:
        return ids.index(option["interview_id"])
    if any(is_offer(s.stage) for s in stages):
        return max(i for i, s in enumerate(stages) if is_offer(s.stage))
    written = local_day(str(option.get("created_at") or ""))[:10] if option.get("created_at") else ""
    return max((i for i, s in enumerate(stages) if s.interview_date[:10] <= written), default=-1)


def after_the_offer_accepted(opportunities: list[Opportunity]) -> set[int]:
    """The stages logged after the offer you accepted in the process of the company you are joining
    (Northwind Labs' onboarding chat, a call to sign): none is an interview that keeps the skill, so
    no count of real interviews, no cadence and no "next booked" holds them (Progress said "3 more
    booked" and the Interviews page "next booked: Northwind Labs" of the onboarding chat).
    `opportunities` as `pipeline` gives them, each with its options."""
    after: set[int] = set()
    for opportunity in opportunities:
        after |= _after_the_offer(opportunity.stages, opportunity.options, opportunity.status)
    return after


def _after_the_offer(stages: list[Stage], linked: list[dict], status: str) -> set[int]:
    """The ids of one process's `stages` after the offer you accepted from it (`linked`: its
    options); none unless it is the process you accepted (`status`)."""
    accepted = [o for o in linked if o["kind"] == "offer" and o["status"] == "accepted"]
    if status != "accepted" or not accepted:
        return set()
    offer = min(_came_from(o, stages) for o in accepted)
    return {s.interview_id for s in stages[offer + 1 :]}


def joining_stages(store: Store, today: date) -> set[int]:
    """The stages booked after an offer you accepted, at its company (a team match, an onboarding
    chat; after_the_offer_accepted): no interview to practise for, so Practice, the mock interview and
    the recommendations do not choose one to prepare for until the user picks it
    (job_description.interview_to_prepare_for, interview_asks). With Northwind's offer accepted they
    chose its team match, the soonest meeting ahead, over Umbrella's onsite."""
    return after_the_offer_accepted(pipeline_report(store, today)[0])


def quiet_since(stages: list[Stage], booked: list[dict], today: date) -> str | None:
    """The last stage's day when nothing has happened since for QUIET_AFTER and nothing is booked
    (an opportunity still "in progress" only in name), else None."""
    last = max(date.fromisoformat(s.interview_date[:10]) for s in stages)
    return last.isoformat() if not booked and today - last >= QUIET_AFTER else None


def pipeline(
    interviews: list[dict], debriefs: list[dict], options: list[dict], today: date
) -> list[Opportunity]:
    """The opportunities, those with a next step booked first (soonest first), then those holding an
    offer (a decision to make: listed after a quiet opportunity before), then the rest with the
    latest activity first. `interviews` as `store.list_interviews` gives them, `debriefs` as
    `store.list_debriefs`, `options` as `store.list_options`."""
    by_interview: dict[int, list[dict]] = {}
    for d in debriefs:
        by_interview.setdefault(d["interview_id"], []).append(d)
    groups = group_interviews(interviews)
    companies = [normalised(g[0]["company"]) for g in groups]
    accepted = _accepted_with_a_day(options)
    found = []
    for items in groups:
        booked = coming_up(items, today)
        ahead = {b["id"] for b in booked}
        stages = [_stage(i, by_interview.get(i["id"], []), i["id"] in ahead) for i in items]
        next_step = (
            {
                "interview_id": booked[0]["id"],
                "stage": booked[0].get("stage") or "",
                "interview_date": str(booked[0]["interview_date"]),
            }
            if booked
            else None
        )
        linked = _options_for(options, items, companies.count(normalised(items[0]["company"])) == 1)
        company = _spelling([i["company"] for i in items])
        status = _status(stages, linked)
        unconfirmed = unconfirmed_after_accepting(items, stages, linked, status, accepted)
        stages = [replace(s, unconfirmed_after_accepting=unconfirmed.get(s.interview_id, "")) for s in stages]
        quiet = quiet_since(stages, booked, today) if status == "in progress" else None
        met = _people(items, leave_out=booked)  # not yet met: those named for a stage still to come
        found.append(
            Opportunity(
                company=company,
                role=_spelling([i["role"] for i in items if i.get("role")] or [""]),
                stages=stages,
                people_met=met,
                people_to_meet=[p for p in _people(booked) if p["name"].casefold() not in _names(met)],
                next_step=next_step,
                # neither a stage after the offer accepted here, nor one not known held after an
                # offer accepted elsewhere, is time this process took
                time=_time(
                    stages, booked, status, _after_the_offer(stages, linked, status) | set(unconfirmed)
                ),
                decision=decision_prompt(company, stages, next_step) if status == "in progress" else None,
                status="quiet" if quiet else status,
                options=linked,
                quiet_since=quiet,
                ended=_how_it_ended(stages, linked) if status == "stopped" else "",
                offer_to_answer=offer_to_answer(status, linked),
                begun_after_accepting=begun_after_accepting(stages, status, accepted),
            )
        )
    booked = sorted((o for o in found if o.next_step), key=lambda o: o.next_step["interview_date"])
    rest = sorted(
        (o for o in found if not o.next_step), key=lambda o: o.stages[-1].interview_date, reverse=True
    )
    decided = ("accepted", "offer")  # the one you said yes to, then the offers to answer
    return booked + [o for o in rest if o.status in decided] + [o for o in rest if o.status not in decided]


KIND_ORDER = ("offer", "alternative", "batna")
# The options compared, the offer you accepted first (it came last, after the BATNA, the offers
# still to decline before it), then those open, then those answered otherwise.
STATUS_ORDER = {"accepted": 0, "open": 1}


def comparison(options: list[dict], opportunities: list[Opportunity]) -> list[dict]:
    """The options to weigh side by side: the one accepted first, then open ones (offers, then
    alternatives, then the BATNA, each by deadline; STATUS_ORDER), each with its interest: the one
    given to the option itself (`interest_given`), else the one last written for the opportunity
    it came from, after its `interest_stage` ("" for one given to the option), and the
    `red_flags` its opportunity's debriefs noted (stage and words; none for an option from no
    interview), and the `pay_mentioned` in them (stage and words), to read beside its
    compensation."""
    interest_of, flags_of, pay_of = {}, {}, {}
    for opportunity in opportunities:
        rated = [s for s in opportunity.stages if s.interest]
        for option in opportunity.options:
            if rated:
                interest_of[option["id"]] = (rated[-1].interest, rated[-1].stage)
            flags_of[option["id"]] = [
                {"stage": s.stage, "red_flags": s.red_flags} for s in opportunity.red_flags
            ]
            pay_of[option["id"]] = [
                {"stage": s.stage, "pay_mentioned": s.pay_mentioned} for s in opportunity.pay_mentioned
            ]
    ordered = sorted(
        options,
        key=lambda o: (
            STATUS_ORDER.get(o["status"], len(STATUS_ORDER)),
            KIND_ORDER.index(o["kind"]) if o["kind"] in KIND_ORDER else len(KIND_ORDER),
            o.get("deadline") or "9999",
            o["id"],
        ),
    )
    return [
        {
            **o,
            "interest_given": o.get("interest"),
            "interest": o.get("interest") or interest_of.get(o["id"], (None, ""))[0],
            "interest_stage": "" if o.get("interest") else interest_of.get(o["id"], (None, ""))[1],
            "red_flags": flags_of.get(o["id"], []),
            "pay_mentioned": pay_of.get(o["id"], []),
        }
        for o in ordered
    ]


def pipeline_report(db: Store, today: date) -> tuple[list[Opportunity], list[dict]]:
    """The opportunities and the options side by side, read from the store: what the Interviews
    page and `coach interviews` show."""
    answered = store.option_status_changed(db)  # the day each answered option was said to be
    options = [
        {
            **o,
            "answered_on": local_day(answered[o["id"]].isoformat())
            if o["status"] != "open" and o["id"] in answered
            else None,
        }
        for o in store.list_options(db)
    ]
    opportunities = pipeline(store.list_interviews(db), store.list_debriefs(db), options, today)
    return opportunities, comparison(options, opportunities)
