"""Preparing from the job description: keep it with the interview, pick its key terms, say
which interviews an answer can prepare for, and what the coming one asks for (the Practice page's
recommendations). The Practice page and `coach job-description` both come here; the terms
themselves are `coach.analysis.word_use`'s."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from datetime import date, timedelta
from typing import NamedTuple

from coach import banks
from coach.errors import InputError
from coach.pipeline import as_written_most
from coach.playbook import is_ahead, is_interview
from coach.recommend import INTERVIEW_COMPETENCIES, INTERVIEW_WORDS, InterviewAsks
from coach.store import Store, get_interview, list_interviews, update_interview
from coach.store.schema import LONG_TEXT_CHARS

# A description up to this many characters is kept whole (as any text the store keeps), but only its
# start is read for terms.
MAX_CHARS = LONG_TEXT_CHARS
# Interviews this many days past can still be prepared for (a second round often follows).
RECENT_DAYS = 30
# An interview this many days ahead or fewer is what practice prepares for until the user picks
# another (or none): the week or two before it is when its answers are rehearsed.
PREPARE_AHEAD_DAYS = 14
# A description asks for a competency when it mentions it at least this often ("stakeholders" four
# times, "conflict" twice); one "deliver" in a posting is not a request.
ASKS_MIN_MENTIONS = 2
# Words the competency keywords match that mean something else in a posting: a teacher's
# "lessons" are not lessons learned, "qualified" is a credential, "Mid-Market" is not a market
# strategy, a "portfolio" of programmes is not a designer's, data "pipelines" are not a sales pipeline.
POSTING_SENSES = (
    "lesson", "lessons", "qualified", "qualification", "qualifications", "market", "portfolio", "pipelines",
)  # fmt: skip
# A first line of at most this many words is the job's title ("HR Business Partner - Tessel"): it
# names the job, it does not ask for a skill.
TITLE_WORDS = 8


def save_job_description(store: Store, interview_id: int, text: str) -> dict | None:
    """Keep the pasted description with the interview (empty text clears it); return its key terms
    as `coach.analysis.word_use.description_terms` gives them (None once cleared)."""
    from coach.analysis.word_use import description_terms

    text = (text or "").strip()
    if len(text) > MAX_CHARS:
        raise InputError(
            f"That job description is {len(text):,} characters long; paste the description itself "
            f"(under {MAX_CHARS:,} characters), not the whole page."
        )
    if "\x00" in text:
        raise InputError("That is not text; paste the job description as plain text.")
    company = get_interview(store, interview_id)["company"]  # a clear sentence for an unknown id
    update_interview(store, interview_id, job_description=text)
    return description_terms(text, company=company)


def interviews_to_prepare(interviews: list[dict], today: date) -> list[dict]:
    """Interviews an answer can prepare for: the coming ones first (soonest first), then the last
    month's (latest first). An offer or a rejection logged as a stage is none (playbook.is_interview)."""
    since = today - timedelta(days=RECENT_DAYS)

    def order(interview: dict) -> tuple[bool, int]:
        day = _day(interview["interview_date"])
        return day < today, abs((day - today).days)

    return sorted(
        (
            i
            for i in as_written_most(interviews)
            if _day(i["interview_date"]) >= since and is_interview(i.get("stage"))
        ),
        key=order,
    )


def interview_to_prepare_for(
    interviews: list[dict], today: date, leave_out: Collection[int] = ()
) -> dict | None:
    """The interview a practice answer prepares for until the user picks: the soonest one still to
    come within PREPARE_AHEAD_DAYS, else none. Today's counts until it has happened (playbook.is_ahead:
    its recording reviewed or its debrief written): practice after a review is not for that interview.
    Those in `leave_out` are not chosen (the stages after an offer you accepted, at its company:
    pipeline.joining_stages), though they can be picked."""
    for interview in interviews_to_prepare(interviews, today):
        if (
            interview["id"] not in leave_out
            and is_ahead(interview, today)
            and (_day(interview["interview_date"]) - today).days <= PREPARE_AHEAD_DAYS
        ):
            return interview
    return None


class Posting(NamedTuple):
    """The job description an answer prepares for, and the company it is for as the log names it
    (its name is never one of the description's key terms)."""

    description: str
    company: str


def description_of(store: Store, interview_id: int | None) -> Posting | None:
    """The pasted job description of the interview an answer prepares for, if it has one (its own,
    else its opportunity's: see `opportunity_description`)."""
    if interview_id is None:
        return None
    interview = get_interview(store, interview_id)  # a clear sentence for an id that does not exist
    description = opportunity_description(list_interviews(store), interview_id)
    return Posting(description, interview["company"]) if description else None


def opportunity_description(interviews: list[dict], interview_id: int) -> str:
    """The interview's own job description, else the latest one pasted with another stage of the
    same opportunity (company and role, as the pipeline groups them): the description pasted at
    the recruiter screen is the job the onsite is for, and is not pasted again at every stage."""
    from coach.pipeline import opportunity_of

    group = opportunity_of(interview_id, interviews)
    if not group:
        return ""
    own = next(i for i in group if i["id"] == interview_id).get("job_description") or ""
    if own.strip():
        return own
    pasted = [i["job_description"] for i in group if (i.get("job_description") or "").strip()]
    return pasted[-1] if pasted else ""


def interview_asks(
    interviews: list[dict], today: date, chosen: int | None = None, leave_out: Collection[int] = ()
) -> InterviewAsks | None:
    """What the coming interview's job description asks for, for the recommendations: the one the
    user is preparing for (`chosen`) and only that one (without a description of its own or its
    opportunity's it steers nothing: another company's posting is not what they prepare for), else
    the soonest one still ahead whose opportunity has a description (an offer or a rejection logged
    as a stage is not an interview to prepare for, nor today's once it has happened: is_ahead). None
    when there is none or it asks for nothing the banks practise: the recommendations are then what
    they were without one. Those in `leave_out` are not the soonest one (the stages after an offer
    you accepted, at its company: pipeline.joining_stages)."""
    interviews = as_written_most(interviews)  # the company named as its card on Interviews names it
    if chosen is not None:
        candidates = [i for i in interviews if i["id"] == chosen]
    else:
        candidates = sorted(
            (
                i
                for i in interviews
                if is_ahead(i, today) and is_interview(i.get("stage")) and i["id"] not in leave_out
            ),
            key=lambda i: _day(i["interview_date"]),
        )
    for interview in candidates:
        description = opportunity_description(interviews, interview["id"])
        if description.strip():
            asks = description_asks(description)
            if not asks:
                return None
            # a word said only as what the job does ("to own our platform") counts toward its
            # competency, but is no term to quote: "asks for “observability”, “own” and “reliability”"
            terms = [[w for w in said if not _said_as_a_verb(w, description)] for _c, said in asks]
            return InterviewAsks(
                company=interview["company"],
                day=_day(interview["interview_date"]),
                competencies=tuple(c for c, _said in asks),
                words=_most_said([w for said in terms for w in said]),
                interview_id=interview["id"],
                said=tuple(_most_said(said, limit=None) for said in terms),
            )
    return None


def steering(interviews: list[dict], asks: InterviewAsks | None) -> dict | None:
    """The interview in the log whose job description `asks` comes from: the recommendations follow
    its role too (recommend.role_to_practise), not only its description."""
    if asks is None:
        return None
    return next((i for i in interviews if i["id"] == asks.interview_id), None)


def without_description(interviews: list[dict], chosen: int | None) -> dict | None:
    """The interview the user is preparing for when neither it nor another stage of its
    opportunity has a job description (the page says so, and how to add one); else None."""
    if chosen is None:
        return None
    interview = next((i for i in interviews if i["id"] == chosen), None)
    if interview is None or opportunity_description(interviews, chosen).strip():
        return None
    return interview


def description_asks(description: str) -> list[tuple[str, list[str]]]:
    """The competencies a job description mentions often enough to ask for, most first, each with
    the description's words for it (the title line left out). Only its start is read, as for its
    key terms: the Practice page asks this at every rerun, and a 20,000-word paste took seconds.
    The one reading of a description for choosing questions: Practice's recommendations and the
    mock interview's plan both come here, so one posting steers both alike."""
    from coach.analysis.word_use import JOB_MAX_CHARS, without_markup

    title, _, rest = without_markup(description).strip()[:JOB_MAX_CHARS].partition("\n")
    if rest and len(title.split()) <= TITLE_WORDS:
        description = rest
    mentions = banks.competency_mentions(description, skip=POSTING_SENSES)
    return [(c, said) for c, said in mentions if len(said) >= ASKS_MIN_MENTIONS][:INTERVIEW_COMPETENCIES]


# Words before which a posting's word is what the job does, a verb: "to own", "you will own", "we
# build" (coach.analysis.word_use.SUBJECT_PRONOUNS are the subjects; the modals are Penn's MD) ...
BEFORE_A_VERB = ("to", "will", "would", "can", "could", "shall", "should", "must", "may", "might")
# ... and before which it is one when the posting says it so elsewhere: "you will own the roadmap
# and own the outcome" (but "incident response and on-call ownership" names a skill)
BEFORE_ANOTHER_VERB = ("and", "or")


def _said_as_a_verb(word: str, description: str) -> bool:
    """Whether the description says `word` (a competency keyword as it matched) only as what the
    job does: right after "to", a modal or a subject ("to own our Kubernetes platform", "you own
    the roadmap"), or after "and" once it said it so ("... and own the outcome"). Such a word is no
    term to quote; one also said otherwise ("ownership", "an owner", "your own") is."""
    from coach.analysis.word_use import SUBJECT_PRONOUNS

    text, word = description.casefold(), re.escape(word.casefold())

    def said_after(words: tuple[str, ...] | None) -> int:
        before = rf"(?:{'|'.join(re.escape(w) for w in words)})\s+" if words else ""
        return len(re.findall(rf"(?<![a-z]){before}{word}(?![a-z])", text))

    as_verb = said_after((*BEFORE_A_VERB, *sorted(SUBJECT_PRONOUNS)))
    return as_verb > 0 and as_verb + said_after(BEFORE_ANOTHER_VERB) == said_after(None)


def _most_said(words: list[str], limit: int | None = INTERVIEW_WORDS) -> tuple[str, ...]:
    """The description's words, most said first, each once in any form ("stakeholders" and
    "stakeholder" are one word, written as said most)."""
    from coach.analysis.word_use import stem

    forms: dict[str, Counter] = {}
    for word in words:
        forms.setdefault(stem(word.casefold()), Counter())[word.casefold()] += 1
    ranked = sorted(forms.values(), key=lambda said: -sum(said.values()))  # stable: first said first
    return tuple(said.most_common(1)[0][0] for said in ranked[:limit])


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
