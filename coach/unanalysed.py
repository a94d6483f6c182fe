"""Recordings kept but never analysed, for `coach history`, `coach delete-recording` and the
Progress page alike: which they are, what each is in the user's words, and deleting one.

Such a recording has no answer number (it never became an attempt), so `coach delete-answer` and
the pages' answer lists cannot reach it; only "Delete all data" could. Two kinds are told apart,
because deleting means something different for each:

- could not be measured (silent, no speech heard, too short): analysing it again meets the same
  sound, so deleting it loses nothing the coach could use;
- interrupted (the app closed while it was analysed): analysing it again finishes it, so deleting
  it is said to drop an answer that can still be analysed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.errors import InputError, said_name
from coach.store import Store, interview_keeping
from coach.store.recordings import (
    adopt_orphans,
    finish_deletions,
    forget_question,
    mark_deleted,
    unanalysed_recordings,
)

INTERRUPTED = "whose analysis was interrupted, so it can still be analysed"
REVIEW_STOPPED = "whose review was stopped before it finished, so it can still be reviewed"
REVIEW_STOPPED_UNNAMED = "whose review was stopped before it finished; upload it again to review it"
AUDIO_NOT_HERE_STATE = "whose audio is not on this machine"
# Why a recording kept without an answer whose file is not in the data folder is not analysed: a
# backup restored without its audio listed it as "its analysis was interrupted; run `coach
# reanalyze` to finish it", and the reanalysis then failed on it every run.
AUDIO_NOT_HERE = (
    "Its audio is not on this machine (a backup restored without it, or the file moved out of the "
    "data folder), so it cannot be analysed; put the file back where it was to analyse it."
)


@dataclass(frozen=True)
class NotAnalysed:
    """One kept recording with no answer: `path` as stored ("recordings/practice/…", how `coach
    history` names it), `why` the sentence saying why it could not be measured, or None when its
    analysis was only interrupted (`pending`)."""

    id: int
    path: str
    original_name: str
    kind: str
    created_at: object
    why: str | None
    sha256: str = ""
    review: dict | None = None  # an interview recording's: what was typed for its review
    audio_missing: bool = False  # its file is not in the data folder (`why` is AUDIO_NOT_HERE)

    @property
    def pending(self) -> bool:
        return self.why is None

    @property
    def interview(self) -> bool:
        return self.kind == "interview"

    @property
    def resumable(self) -> bool:
        """An interview recording whose review was stopped midway, with what it was asked noted:
        reviewing it finishes that review (coach.interview.orchestrator.resume_review)."""
        return self.interview and self.pending and self.review is not None

    @property
    def company(self) -> str:
        """The company typed for its review ("" for an interview picked from the log, or none)."""
        return str((self.review or {}).get("company") or "")

    @property
    def state(self) -> str:
        """What it is, after its name ("quiet.wav, which could not be measured"): what deleting it
        would give up."""
        if self.audio_missing:
            return AUDIO_NOT_HERE_STATE
        if not self.pending:
            return "which could not be measured"
        if self.interview:
            return REVIEW_STOPPED if self.resumable else REVIEW_STOPPED_UNNAMED
        return INTERRUPTED

    @property
    def named(self) -> str:
        """'interview_three.flac, an interview recording for Hooli' / 'a practice take' (plain
        text: escape it for markdown)."""
        if not self.interview:
            return said_name(self.original_name) if self.original_name else "a practice take"
        what = "an interview recording" + (f" for {self.company}" if self.company else "")
        return f"{self.original_name}, {what}" if self.original_name else what


def recordings_not_analysed(store: Store) -> list[NotAnalysed]:
    """Every recording of the store's owner kept without an answer, oldest first. A take whose
    analysis failed a moment ago is listed at once (the store adopted it only when it opened). In a
    cohort, one waiting in the queue (or being analysed by a worker) is not one of them."""
    adopt_orphans(store)
    waiting = set()
    if store.settings.queue:
        from coach import queue  # only in cohort mode: a personal coach never loads the queue

        waiting = queue.waiting_recordings(store)
    return [
        NotAnalysed(
            id=row["id"],
            path=row["path"],
            original_name=row.get("original_name") or "",
            kind=row.get("kind") or "practice",
            created_at=row.get("created_at"),
            why=why_not_analysed(row),
            sha256=row.get("sha256") or "",
            review=row.get("review"),
            audio_missing=row["audio_missing"],
        )
        for row in unanalysed_recordings(store)
        if row["path"] not in waiting
    ]


def why_not_analysed(row: dict) -> str | None:
    """The sentence why a recording kept without an answer (a row of `unanalysed_recordings`) is not
    analysed by analysing again: its audio not here, or its sound found unmeasurable; None when
    analysing it again may work."""
    return AUDIO_NOT_HERE if row.get("audio_missing") else row.get("not_analysable")


def stopped_reviews(store: Store) -> list[NotAnalysed]:
    """Interview recordings whose review was stopped midway (the page left, the app closed) and can
    be finished as asked, newest first; not one being reviewed right now in another tab."""
    from coach.interview.orchestrator import REVIEWING

    found = [r for r in recordings_not_analysed(store) if r.resumable]
    return [r for r in reversed(found) if str(store.absolute(r.path)) not in REVIEWING]


def failed_take(store: Store, sha256: str) -> NotAnalysed | None:
    """The kept recording of a take whose analysis just failed (by the hash of its bytes), for the
    Practice page to offer deleting it where the failure is said; None once it is gone or if it
    was never kept. Only one that could not be measured: an interrupted one is not a failure."""
    found = [
        r
        for r in recordings_not_analysed(store)
        if r.sha256 == sha256 and not r.pending and not r.audio_missing
    ]
    return found[-1] if found else None


def find_not_analysed(store: Store, named: str) -> NotAnalysed:
    """The recording `named` as `coach history` shows it (its stored path, or the file itself);
    one with an answer, or none, is an error saying where to look."""
    wanted = {named.strip()}
    if Path(named).exists():
        wanted.add(store.relative(Path(named)))
    for recording in recordings_not_analysed(store):
        if recording.path in wanted:
            return recording
    raise InputError(
        f"There is no recording not analysed at {named}; `coach history` lists them after "
        "“saved but not analysed:”, and an analysed answer is deleted with `coach delete-answer`.",
        in_app="That recording is no longer waiting here; reload the page.",
    )


def delete_not_analysed(store: Store, recording: NotAnalysed) -> None:
    """Delete the recording file and the note kept beside it (its question, why it failed). A
    recording that became an answer since is left alone: it is that answer's now."""
    with store.write() as conn:
        marked = mark_deleted(conn, recording.id)
    if not marked:
        raise InputError(
            "That recording has been analysed since, so it is an answer now; delete that answer instead."
        )
    finish_deletions(store)
    forget_question(store.absolute(recording.path))
    if recording.interview and recording.sha256 and interview_keeping(store, recording.sha256) is None:
        from coach.interview.resume import forget_recording

        forget_recording(store.settings, recording.sha256)  # the words and voices its review kept
