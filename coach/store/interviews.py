"""Real interviews: the interview itself, people met, its recordings and their Q→A turns."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from coach.errors import InputError
from coach.store.changes import note_changed
from coach.store.db import Store
from coach.store.deletions import remember_deleted
from coach.store.questions import add_question
from coach.store.recordings import add_recording, finish_deletions, mark_deleted, mark_detached
from coach.store.rows import (
    TypedFields,
    delete_row,
    get_row,
    insert_row,
    measures,
    mine,
    new_uid,
    off_the_question,
    parse_date,
    plain,
    update_row,
    utc_now,
)
from coach.store.schema import (
    attempts,
    debriefs,
    interview_people,
    interview_recordings,
    interviews,
    prepared_steps,
    questions,
    recordings,
    turns,
)

ORIGINS = ("they_reached_out", "i_applied", "referral", "other", "")
# A step of an interview's checklist the user unticked while practice ticks it is kept beside the
# ticks as this mark + the step's id (coach.prepare): a row of prepared_steps that is not a tick.
UNTICKED_MARK = "unticked:"
EDITABLE = ("company", "role", "stage", "interview_date", "format", "origin", "notes", "job_description")
PERSON_EDITABLE = ("title", "notes")
INTERVIEW_TYPED = TypedFields(
    interviews, "interview", ("company", "role", "stage", "format", "notes", "job_description")
)
PERSON_TYPED = TypedFields(interview_people, "person", ("name", "title", "notes"))
TYPED_FIELDS = (INTERVIEW_TYPED, PERSON_TYPED)


def _check_origin(origin: str) -> str:
    if origin not in ORIGINS:
        raise InputError(
            f"How the interview started is one of {', '.join(o for o in ORIGINS if o)}, not {origin!r}."
        )
    return origin


def add_interview(
    store: Store,
    *,
    company: str,
    interview_date: date | str,
    role: str = "",
    stage: str = "",
    format: str = "",
    origin: str = "",
    notes: str = "",
    people: list[dict] | tuple = (),
    job_description: str = "",
) -> int:
    """Record a real interview; `people` are dicts with name, title and notes."""
    typed = dict(
        company=company or "", role=role, stage=stage, notes=notes, job_description=job_description or ""
    )
    typed = INTERVIEW_TYPED.cleaned(typed)  # a name of escape codes only is no name
    if not typed["company"].strip():
        raise InputError("An interview needs the company's name.")
    values = dict(
        uid=new_uid(),
        owner=store.owner,
        **typed | {"company": typed["company"].strip()},
        interview_date=parse_date(interview_date, "interview date"),
        format=format,
        origin=_check_origin(origin),
        created_at=utc_now(),
    )
    INTERVIEW_TYPED.check(values)
    people = [PERSON_TYPED.cleaned(person) for person in people]
    for person in people:
        check_person(**person)
    with store.write() as conn:
        interview_id = insert_row(conn, interviews, values)
        for person in people:
            _insert_person(conn, store.owner, interview_id, **person)
    return interview_id


def _insert_person(
    conn: sa.Connection, owner: str, interview_id: int, name: str, title: str = "", notes: str = ""
) -> int:
    """Write someone met; the caller has checked them (check_person) before writing anything."""
    return insert_row(
        conn,
        interview_people,
        dict(
            uid=new_uid(), owner=owner, interview_id=interview_id, name=name.strip(), title=title, notes=notes
        ),
    )


def check_interview(**typed: str) -> None:
    """What the user wrote about an interview (company, role, stage, notes, ...) as it may be kept:
    nothing longer than its column keeps. A caller with long work before saving (a review) asks
    first, so the work is not done for nothing."""
    INTERVIEW_TYPED.check(typed)


def check_person(name: str, title: str = "", notes: str = "") -> None:
    """Someone met as they may be kept: a name, and no field longer than its column keeps."""
    if not (name or "").strip():
        raise InputError("A person met needs a name (or a description such as 'hiring manager').")
    PERSON_TYPED.check({"name": name, "title": title, "notes": notes})


def add_person(store: Store, interview_id: int, *, name: str, title: str = "", notes: str = "") -> int:
    """Add someone met to a logged interview. Its time is noted as the person's last change: an
    import applying a backup's deletion of that interview sees it was changed here since and keeps
    it (coach.store.carried_deletions), where it deleted it with the person just added."""
    typed = PERSON_TYPED.cleaned({"name": name, "title": title, "notes": notes})
    check_person(**typed)
    get_row(store, interviews, interview_id, "interview")
    with store.write() as conn:
        person_id = _insert_person(conn, store.owner, interview_id, **typed)
        note_changed(conn, store.owner, interview_people, interview_people.c.id == person_id, utc_now())
        return person_id


def update_person(store: Store, person_id: int, **values) -> dict:
    """Change what is kept about someone met (their title, the notes); returns the person."""
    return update_row(store, PERSON_TYPED, person_id, values, PERSON_EDITABLE)


def delete_person(store: Store, person_id: int) -> None:
    delete_row(store, interview_people, person_id, "person")


def update_interview(store: Store, interview_id: int, **values) -> dict:
    if "interview_date" in values:
        values["interview_date"] = parse_date(values["interview_date"], "interview date")
    if "origin" in values:
        _check_origin(values["origin"])
    return update_row(store, INTERVIEW_TYPED, interview_id, values, EDITABLE)


def list_interviews(store: Store) -> list[dict]:
    """Interviews newest first, each with its people, how many answers were reviewed (`answers`)
    and could be measured (`answers_measured`), how many recordings were uploaded for it
    (`recordings`) and still have their audio (`recordings_kept`), and how many debriefs were
    written."""
    with store.read() as conn:
        rows = [
            plain(r)
            for r in conn.execute(
                sa.select(interviews)
                .where(mine(store, interviews))
                .order_by(interviews.c.interview_date.desc(), interviews.c.id.desc())
            )
        ]
        people = conn.execute(
            sa.select(interview_people).where(mine(store, interview_people)).order_by(interview_people.c.id)
        ).all()
        # every answer a review kept, and those it could measure (count() skips a null score)
        answer_counts = {
            interview_id: (answers, measured)
            for interview_id, answers, measured in conn.execute(
                sa.select(
                    interview_recordings.c.interview_id,
                    sa.func.count(turns.c.id),
                    sa.func.count(turns.c.score_overall),
                )
                .select_from(interview_recordings.join(turns))
                .where(mine(store, interview_recordings), mine(store, turns))
                .group_by(interview_recordings.c.interview_id)
            ).all()
        }

        def per_interview(table: sa.Table, counted: str = "id") -> dict[int, int]:
            return dict(
                conn.execute(
                    sa.select(table.c.interview_id, sa.func.count(table.c[counted]))
                    .where(mine(store, table))
                    .group_by(table.c.interview_id)
                ).all()
            )

        debrief_counts = per_interview(debriefs)
        # recordings uploaded for it, reviewed or kept unanalysed: it has happened (playbook.is_ahead)
        recording_counts = per_interview(interview_recordings)
        # of those, the ones whose audio is still kept (count() skips one deleted: recording_id null)
        kept_counts = per_interview(interview_recordings, "recording_id")
    for row in rows:
        row["people"] = [plain(p) for p in people if p.interview_id == row["id"]]
        row["answers"], row["answers_measured"] = answer_counts.get(row["id"], (0, 0))
        row["debriefs"] = debrief_counts.get(row["id"], 0)
        row["recordings"] = recording_counts.get(row["id"], 0)
        row["recordings_kept"] = kept_counts.get(row["id"], 0)
    return rows


def prepared_steps_of(store: Store, interview_id: int) -> set[str]:
    """The ids of the checklist's steps ticked while preparing for this interview."""
    get_row(store, interviews, interview_id, "interview")
    with store.read() as conn:
        return set(
            conn.execute(
                sa.select(prepared_steps.c.step_id).where(
                    prepared_steps.c.interview_id == interview_id, mine(store, prepared_steps)
                )
            ).scalars()
        )


def mark_prepared_step(store: Store, interview_id: int, step_id: str, done: bool) -> None:
    """Tick (done) or untick one step of the checklist for this interview; ticking twice is one tick."""
    get_row(store, interviews, interview_id, "interview")
    this_step = sa.and_(
        prepared_steps.c.interview_id == interview_id,
        prepared_steps.c.step_id == step_id,
        mine(store, prepared_steps),
    )
    with store.write() as conn:
        ticked = conn.execute(sa.select(prepared_steps.c.id).where(this_step)).first() is not None
        if done and not ticked:
            conn.execute(
                prepared_steps.insert().values(
                    uid=new_uid(),
                    owner=store.owner,
                    interview_id=interview_id,
                    step_id=step_id,
                    created_at=utc_now(),
                )
            )
        elif not done and ticked:
            conn.execute(prepared_steps.delete().where(this_step))


def get_interview(store: Store, interview_id: int) -> dict:
    """One interview with people, recordings (with their turns) and debriefs."""
    interview = get_row(store, interviews, interview_id, "interview")
    with store.read() as conn:
        interview["people"] = [
            plain(r)
            for r in conn.execute(
                sa.select(interview_people)
                .where(interview_people.c.interview_id == interview_id, mine(store, interview_people))
                .order_by(interview_people.c.id)
            )
        ]
        recs = [
            plain(r)
            for r in conn.execute(
                sa.select(interview_recordings, recordings.c.path.label("recording_path"))
                .select_from(interview_recordings.outerjoin(recordings))
                .where(interview_recordings.c.interview_id == interview_id, mine(store, interview_recordings))
                .order_by(interview_recordings.c.id)
            )
        ]
        for rec in recs:
            rec["turns"] = [
                plain(r)
                for r in conn.execute(
                    sa.select(turns)
                    .where(turns.c.interview_recording_id == rec["id"], mine(store, turns))
                    .order_by(turns.c.position)
                )
            ]
        interview["recordings"] = recs
        interview["debriefs"] = [
            plain(r)
            for r in conn.execute(
                sa.select(debriefs)
                .where(debriefs.c.interview_id == interview_id, mine(store, debriefs))
                .order_by(debriefs.c.created_at)
            )
        ]
    return interview


def delete_interview(store: Store, interview_id: int, *, keep_audio: bool) -> None:
    """Delete an interview with its people, turns and debriefs; its audio too unless `keep_audio`."""
    get_row(store, interviews, interview_id, "interview")
    with store.write() as conn:
        recording_ids = list(
            conn.execute(
                sa.select(interview_recordings.c.recording_id).where(
                    interview_recordings.c.interview_id == interview_id, mine(store, interview_recordings)
                )
            ).scalars()
        )
        # practice for it stays practice (SQLite cannot add ON DELETE SET NULL to a column later)
        prepared = attempts.c.interview_id == interview_id
        conn.execute(attempts.update().where(prepared, mine(store, attempts)).values(interview_id=None))
        asked = _asked_in(conn, store, interview_recordings.c.interview_id == interview_id)
        this = interviews.c.id == interview_id
        remember_deleted(conn, store.owner, interviews, this)  # with it, its debriefs and answers
        conn.execute(interviews.delete().where(this, mine(store, interviews)))
        _forget_asked(conn, store, asked)
        for recording_id in recording_ids:
            (mark_detached if keep_audio else mark_deleted)(conn, recording_id)
    if not keep_audio:
        finish_deletions(store)


def delete_interview_audio(store: Store, interview_id: int) -> int:
    """Remove an interview's recordings but keep its transcripts, answers and debriefs (privacy).

    Returns how many recordings were removed.
    """
    get_row(store, interviews, interview_id, "interview")
    with store.write() as conn:
        links = sa.and_(
            interview_recordings.c.interview_id == interview_id, mine(store, interview_recordings)
        )
        recording_ids = [
            r
            for r in conn.execute(sa.select(interview_recordings.c.recording_id).where(links)).scalars()
            if r is not None
        ]
        conn.execute(interview_recordings.update().where(links).values(recording_id=None))
        marked = sum(mark_deleted(conn, recording_id) for recording_id in recording_ids)
    finish_deletions(store)
    return marked


def save_interview_recording(
    store: Store,
    interview_id: int,
    *,
    recording,
    transcript: dict | None,
    answers: list[dict],
    engine: str,
    model: str,
    candidate_channel: str | None = None,
    conversation: dict | None = None,
    shown: dict | None = None,
) -> int:
    """Store a reviewed interview recording and its analysed Q→A turns in one transaction.

    Each turn is a dict with question_text, question_id (bank match or None), question_start_s,
    answer_start_s, answer_end_s, transcript (dict) and analysis (the `coach analyze` JSON).
    A question with no bank match is saved as a question "asked in a real interview".
    `conversation`: the review's conversation facts (`coach review --json`'s metrics); `shown`:
    what the Review page shows beside the answers (the conversation, its voices, the warnings).
    """
    get_row(store, interviews, interview_id, "interview")
    with store.write() as conn:
        recording_id = add_recording(conn, store, recording, "interview") if recording is not None else None
        rec_id = conn.execute(
            interview_recordings.insert().values(
                uid=new_uid(),
                owner=store.owner,
                interview_id=interview_id,
                recording_id=recording_id,
                candidate_channel=candidate_channel,
                transcript=transcript,
                conversation=conversation,
                shown=shown,
                engine=engine or "",
                model=model or "",
                created_at=utc_now(),
            )
        ).inserted_primary_key[0]
        for position, turn in enumerate(answers):
            _insert_turn(conn, store, rec_id, position, turn, engine, model)
    return rec_id


def keep_shown(store: Store, interview_recording_id: int, shown: dict) -> None:
    """Replace what the Review page shows beside a reviewed recording's answers (a warning added
    once it was stored)."""
    with store.write() as conn:
        conn.execute(
            interview_recordings.update()
            .where(interview_recordings.c.id == interview_recording_id, mine(store, interview_recordings))
            .values(shown=shown)
        )


def interview_recording(store: Store, interview_recording_id: int) -> dict:
    """One reviewed recording of an interview: its row with the kept file's path and SHA-256
    (None when the audio was deleted)."""
    with store.read() as conn:
        row = conn.execute(
            sa.select(
                interview_recordings,
                recordings.c.path.label("recording_path"),
                recordings.c.sha256.label("recording_sha256"),
                recordings.c.original_name.label("original_name"),
            )
            .select_from(interview_recordings.outerjoin(recordings))
            .where(interview_recordings.c.id == interview_recording_id, mine(store, interview_recordings))
        ).first()
    if row is None:
        raise InputError(f"No reviewed recording {interview_recording_id}.")
    return plain(row)


def last_review(store: Store) -> dict | None:
    """The review done last: its interview recording's `id` and its `interview_id`, or None when no
    recording was reviewed (one kept when its review failed holds no answer, and is passed over).
    The Review page, opened again, offers it."""
    with store.read() as conn:
        row = conn.execute(
            sa.select(interview_recordings.c.id, interview_recordings.c.interview_id)
            .where(
                mine(store, interview_recordings),
                sa.exists().where(turns.c.interview_recording_id == interview_recordings.c.id),
            )
            .order_by(interview_recordings.c.id.desc())
            .limit(1)
        ).first()
    return None if row is None else {"id": row.id, "interview_id": row.interview_id}


def interview_keeping(store: Store, sha256: str) -> dict | None:
    """The interview in the log that keeps a recording with these bytes (its SHA-256), the first
    logged when more than one does; None when none does. A recording whose audio was deleted from
    its interview is no longer kept there."""
    with store.read() as conn:
        row = conn.execute(
            sa.select(interviews)
            .select_from(
                interviews.join(
                    interview_recordings, interview_recordings.c.interview_id == interviews.c.id
                ).join(recordings, recordings.c.id == interview_recordings.c.recording_id)
            )
            .where(
                recordings.c.sha256 == sha256,
                recordings.c.deleted_at.is_(None),
                mine(store, interviews),
                mine(store, interview_recordings),
                mine(store, recordings),
            )
            .order_by(interviews.c.id)
            .limit(1)
        ).first()
    return None if row is None else plain(row)


def replace_interview_answers(
    store: Store,
    interview_recording_id: int,
    *,
    transcript: dict | None,
    answers: list[dict],
    engine: str,
    model: str,
    conversation: dict | None = None,
    shown: dict | None = None,
) -> int:
    """A reviewed recording reviewed again (other speakers, your voice picked): its answers,
    transcript, conversation facts and what its page shows beside them (`shown`) replaced in one
    transaction; the recording, interview and debriefs stay."""
    interview_recording(store, interview_recording_id)
    with store.write() as conn:
        earlier = turns.c.interview_recording_id == interview_recording_id
        asked = _asked_in(conn, store, interview_recordings.c.id == interview_recording_id)
        remember_deleted(conn, store.owner, turns, earlier)  # an older backup's copies stay out
        conn.execute(turns.delete().where(earlier, mine(store, turns)))
        conn.execute(
            interview_recordings.update()
            .where(interview_recordings.c.id == interview_recording_id, mine(store, interview_recordings))
            .values(
                transcript=transcript,
                conversation=conversation,
                shown=shown,
                engine=engine or "",
                model=model or "",
            )
        )
        for position, turn in enumerate(answers):
            _insert_turn(conn, store, interview_recording_id, position, turn, engine, model)
        _forget_asked(conn, store, asked)  # the first review's questions, heard again as new ones
    return interview_recording_id


def _asked_in(conn: sa.Connection, store: Store, which: sa.ColumnElement[bool]) -> set[str]:
    """The ids of the questions kept for the answers of the reviewed recordings `which` selects
    that match none of the banks' ("asked-…", add_question with source "interview")."""
    return set(
        conn.execute(
            sa.select(turns.c.question_id)
            .select_from(
                turns.join(interview_recordings, interview_recordings.c.id == turns.c.interview_recording_id)
            )
            .where(which, turns.c.question_id.like("asked-%"), mine(store, turns))
        ).scalars()
    )


def _forget_asked(conn: sa.Connection, store: Store, asked: set[str]) -> None:
    """The interviewer's questions `asked` held only by answers deleted (the interview deleted, or its
    recording reviewed again), deleted with them: they stayed in the history and every backup ("3
    questions in your history" after the interview that asked one was deleted). One an answer, a
    practice answer still holds stays."""
    if not asked:
        return
    held = set()
    for table in (turns, attempts):
        held |= set(
            conn.execute(
                sa.select(table.c.question_id).where(table.c.question_id.in_(asked), mine(store, table))
            ).scalars()
        )
    gone = sa.and_(
        questions.c.question_id.in_(asked - held), questions.c.source == "interview", mine(store, questions)
    )
    remember_deleted(conn, store.owner, questions, gone)  # an older backup's copy stays out
    conn.execute(questions.delete().where(gone))


def _insert_turn(
    conn: sa.Connection, store: Store, rec_id: int, position: int, turn: dict, engine: str, model: str
) -> int:
    question_text = turn.get("question_text") or ""
    question_id = turn.get("question_id")
    if not question_id and question_text.strip():
        question_id = add_question(store, question_text, source="interview", conn=conn)
    analysis = turn.get("analysis")
    return conn.execute(
        turns.insert().values(
            uid=new_uid(),
            owner=store.owner,
            interview_recording_id=rec_id,
            position=position,
            question_id=question_id,
            question_text=question_text,
            question_start_s=turn.get("question_start_s"),
            answer_start_s=turn.get("answer_start_s"),
            answer_end_s=turn.get("answer_end_s"),
            transcript=turn.get("transcript"),
            analysis=analysis,
            engine=engine or "",
            model=model or "",
            **measures(analysis, turn.get("transcript")),
        )
    ).inserted_primary_key[0]


def list_turns(store: Store, *, question_id: str | None = None) -> list[dict]:
    """Real interview answers with their interview's company, stage and date, oldest first."""
    query = (
        sa.select(
            *[c for c in turns.c if c.name not in ("transcript", "analysis")],
            off_the_question(turns),
            interviews.c.id.label("interview_id"),
            interviews.c.company,
            interviews.c.stage,
            interviews.c.interview_date,
        )
        .select_from(turns.join(interview_recordings).join(interviews))
        .where(mine(store, turns), mine(store, interviews))
        .order_by(interviews.c.interview_date, turns.c.interview_recording_id, turns.c.position)
    )
    if question_id:
        query = query.where(turns.c.question_id == question_id)
    with store.read() as conn:
        return [plain(row) for row in conn.execute(query)]


def unmeasured_answer_warnings(store: Store) -> list[dict]:
    """Each real answer kept without scores: its `id`, its `interview_id` and its analysis's
    `warnings` (list_turns leaves the analysis out). They say whether a review kept its whole
    recording because it picked out no answer (coach.interview_log.picked_out_none), which Progress
    and `coach history` do not count as an answer."""
    with store.read() as conn:
        rows = conn.execute(
            sa.select(turns.c.id, interview_recordings.c.interview_id, turns.c.analysis)
            .select_from(turns.join(interview_recordings))
            .where(mine(store, turns), turns.c.score_overall.is_(None))
        ).all()
    return [
        {
            "id": turn_id,
            "interview_id": interview_id,
            "warnings": list((analysis or {}).get("warnings") or ()),
        }
        for turn_id, interview_id, analysis in rows
    ]
