"""Preparing from the job description: keep it with the interview, pick its key terms, and say
which interviews an answer can prepare for. The Practice page and `coach job-description` both
come here; the terms themselves are `coach.analysis.word_use`'s."""

from __future__ import annotations

from datetime import date, timedelta

from coach.errors import InputError
from coach.store import Store, get_interview, list_interviews, update_interview

# A description past this many characters is kept whole, but only its start is read for terms.
MAX_CHARS = 200_000
# Interviews this many days past can still be prepared for (a second round often follows).
RECENT_DAYS = 30


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
    get_interview(store, interview_id)  # a clear sentence for an id that does not exist
    update_interview(store, interview_id, job_description=text)
    return description_terms(text)


def interviews_to_prepare(interviews: list[dict], today: date) -> list[dict]:
    """Interviews an answer can prepare for: the coming ones first (soonest first), then the last
    month's (latest first)."""
    since = today - timedelta(days=RECENT_DAYS)

    def order(interview: dict) -> tuple[bool, int]:
        day = _day(interview["interview_date"])
        return day < today, abs((day - today).days)

    return sorted((i for i in interviews if _day(i["interview_date"]) >= since), key=order)


def description_of(store: Store, interview_id: int | None) -> str | None:
    """The pasted job description of the interview an answer prepares for, if it has one (its own,
    else its opportunity's: see `opportunity_description`)."""
    if interview_id is None:
        return None
    get_interview(store, interview_id)  # a clear sentence for an id that does not exist
    return opportunity_description(list_interviews(store), interview_id) or None


def opportunity_description(interviews: list[dict], interview_id: int) -> str:
    """The interview's own job description, else the latest one pasted with another stage of the
    same opportunity (company and role, as the pipeline groups them): the description pasted at
    the recruiter screen is the job the onsite is for, and is not pasted again at every stage."""
    from coach.pipeline import group_interviews

    for group in group_interviews(interviews):
        ids = [i["id"] for i in group]
        if interview_id not in ids:
            continue
        own = next(i for i in group if i["id"] == interview_id).get("job_description") or ""
        if own.strip():
            return own
        pasted = [i["job_description"] for i in group if (i.get("job_description") or "").strip()]
        return pasted[-1] if pasted else ""
    return ""


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
