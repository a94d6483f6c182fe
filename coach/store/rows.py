"""Small helpers shared by the repository modules: ids, times, plain dicts, measures."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from coach.errors import InputError
from coach.store.changes import note_changed, note_fields_changed
from coach.store.db import Store
from coach.store.deletions import remember_deleted
from coach.store.schema import LONG_TEXT_CHARS, NEVER_REUSED, ids_issued
from coach.types import OFF_QUESTION_WORDS


def off_the_question(table: sa.Table) -> sa.Label:
    """`off_the_question` in a list of answers (`table` has `analysis` and `score_overall`): true for
    one left unscored because it does not answer its question (its warning says so), which was
    measured and is said apart from one that could not be (coach.analysis.wording.off_the_question
    asks the same of one analysis)."""
    unscored = table.c.score_overall.is_(None)
    said = sa.cast(table.c.analysis, sa.Text).contains(OFF_QUESTION_WORDS)
    return sa.func.coalesce(sa.and_(unscored, said), sa.false()).label("off_the_question")


def insert_row(conn: sa.Connection, table: sa.Table, values: dict) -> int:
    """Insert one row and return its id: on SQLite, for the tables whose ids people use
    (`schema.NEVER_REUSED`), an id above every one handed out before, even if since deleted."""
    if (
        conn.dialect.name == "sqlite"
        and table.name in NEVER_REUSED
        and sa.inspect(conn).has_table(ids_issued.name)  # not before migration 0012 (tests write there)
    ):
        mark = ids_issued.c.table_name == table.name
        last = conn.execute(sa.select(ids_issued.c.last_id).where(mark)).scalar()
        top = conn.execute(sa.select(sa.func.max(table.c.id))).scalar()
        values = {**values, "id": max(last or 0, top or 0) + 1}
        if last is None:
            conn.execute(ids_issued.insert().values(table_name=table.name, last_id=values["id"]))
        else:
            conn.execute(ids_issued.update().where(mark).values(last_id=values["id"]))
    return conn.execute(table.insert().values(**values)).inserted_primary_key[0]


def new_uid() -> str:
    return str(uuid.uuid4())


def owners_uid(owner: str, uid: str) -> str:
    """A row's uid for a second owner importing it into the same database (uids are unique in
    the whole database): derived, so importing the same export again still adds nothing."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"coach-owner:{owner}:{uid}"))


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every time in the store is UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_date(value: date | str | None, what: str = "date") -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as e:
        raise InputError(f"The {what} {value!r} is not a date; write it as YYYY-MM-DD.") from e


def parse_datetime(value: datetime | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return as_utc(value)
    return as_utc(datetime.fromisoformat(str(value)))


def plain(row: sa.Row | dict) -> dict:
    """A row as a JSON-ready dict: times as ISO-8601 UTC strings, dates as YYYY-MM-DD."""
    data = dict(row._mapping) if isinstance(row, sa.Row) else dict(row)
    for key, value in data.items():
        if isinstance(value, datetime):
            data[key] = as_utc(value).isoformat()
        elif isinstance(value, date):
            data[key] = value.isoformat()
    return data


def _number(value: Any) -> float | None:
    if isinstance(value, dict):
        value = value.get("score")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def measures(analysis: dict | None, transcript: dict | None = None) -> dict:
    """The key measures of an analysis (the `coach analyze` JSON) as column values."""
    analysis = analysis or {}
    metrics = analysis.get("metrics") or {}
    scores = analysis.get("scores") or {}
    # the quality gate failed: the answer is kept, but its numbers stay out of every average
    unmeasured = "scores" in analysis and analysis["scores"] is None
    if unmeasured:
        metrics, scores = {}, {}
    duration = None if unmeasured else metrics.get("duration_s", analysis.get("duration_s"))
    if duration is None and transcript and not unmeasured:
        duration = transcript.get("duration_s")
    words = metrics.get("words")
    long_pauses = metrics.get("long_pauses")
    text = analysis.get("transcript")
    if text is None and transcript:
        text = transcript.get("transcript", transcript.get("text", ""))
    return {
        "transcript_text": text or "",
        "analysis_version": None if not analysis else str(analysis.get("analysis_version", "")) or None,
        "duration_s": _number(duration),
        "words": int(words) if _number(words) is not None else None,
        "wpm": _number(metrics.get("wpm")),
        "fillers_per_100_words": _number(metrics.get("fillers_per_100_words")),
        "fillers_per_min": _number(metrics.get("fillers_per_min")),
        "long_pauses": int(long_pauses) if _number(long_pauses) is not None else None,
        "score_overall": _number(scores.get("overall")),
        "score_delivery": _number(scores.get("delivery")),
        "score_fillers": _number(scores.get("fillers")),
        "score_structure": _number(scores.get("structure")),
        "score_content": _number(scores.get("content")),
        "pitch_variation_st": _number((metrics.get("prosody") or {}).get("pitch_variation_st")),
    }


def mine(store: Store, table: sa.Table) -> sa.ColumnElement[bool]:
    """The rows of `table` that belong to the store's owner: every query adds it, so another
    person's row is, for this store, a row that does not exist."""
    return table.c.owner == store.owner


# The command that lists each kind of row with its id, for the sentence a wrong id gets.
LISTED_BY = {
    "interview": "coach interviews",
    "debrief": "coach interviews",
    "person": "coach interviews",
    "option": "coach interviews",
    "practice answer": "coach history",
}


def not_found(what: str, row_id: int) -> InputError:
    """What a wrong id is told: in the terminal which command lists the ids; in the app (whose
    pages never ask for an id) that the row is gone, e.g. deleted in another window."""
    command = LISTED_BY.get(what)
    return InputError(
        f"There is no {what} with id {row_id}; "
        + (f"`{command}` lists them with their ids." if command else "check the id and try again."),
        in_app=f"There is no {what} with id {row_id} any more; reload the page to see what is there now.",
    )


def get_row(store: Store, table: sa.Table, row_id: int, what: str) -> dict:
    with store.read() as conn:
        row = conn.execute(sa.select(table).where(table.c.id == row_id, mine(store, table))).first()
    if row is None:
        raise not_found(what, row_id)
    return plain(row)


# A field as its form or command names it, where the column's name is not the user's word.
FIELD_WORDS = {
    "job_description": "job description",
    "went_well": "'what went well'",
    "could_be_better": "'what could be better'",
    "skill_gaps": "skill gaps",
    "time_commitment": "time commitment",
    "red_flags": "red flags",
    "pay_mentioned": "pay or benefits mentioned",
    "compared_with_others": "'how it compares with the others'",
    "question_text": "question",
    "question_id": "id",
    "original_name": "file name",
}


def check_lengths(table: sa.Table, what: str, values: dict, *, what_to_do: str | None = None) -> None:
    """Text the user typed, no longer than its column keeps: PostgreSQL refuses a longer value with
    its own words and address (SQLite keeps it whole), so both say the same sentence before
    anything is written, and nothing is saved. A text column (notes, a job description) keeps up
    to LONG_TEXT_CHARS, as a pasted job description does. `what_to_do` ends the sentence when
    shortening the text here is not the remedy (a backup being imported)."""
    for field, value in values.items():
        if field not in table.c or not isinstance(value, str):
            continue
        column_type = table.c[field].type
        limit = getattr(column_type, "length", None)
        if limit is None and isinstance(column_type, sa.Text):
            limit = LONG_TEXT_CHARS
        if limit and len(value) > limit:
            if what_to_do is None:
                longer = "" if limit == LONG_TEXT_CHARS else _where_longer_fits(table)
                what_to_do = f"shorten the text{longer}"
            raise InputError(
                f"The coach keeps the {what}'s {FIELD_WORDS.get(field, field)} up to {limit:,} "
                f"characters, not {len(value):,}; {what_to_do}."
            )


# What typing or pasting leaves in text that is no part of its words: a terminal's escape codes
# (colour "\x1b[31m", a cleared screen "\x1b[2J", a title "\x1b]0;…\x07") whole, then any other
# control character. Kept, they coloured or moved the terminal's text wherever the words were shown,
# and an own question's id was made of them ("user-tell-me-31mred-0m-1").
_ESCAPE_CODE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # a tab and a line break kept
_LINE_BREAK = re.compile(r"\r\n?")


def typed_text(text: str, *, multi_line: bool = False) -> str:
    """Text the user typed as it is kept, without escape codes or control characters: a field of
    several lines (notes, a job description) keeps its line breaks and tabs, a one-line field (a
    company's name, a question) has them as spaces. The one cleaning for the pages and the terminal
    alike (TypedFields.cleaned, banks for an own question's words)."""
    text = _CONTROL.sub("", _LINE_BREAK.sub("\n", _ESCAPE_CODE.sub("", text)))
    return text if multi_line else re.sub(r"[\t\n]", " ", text)


@dataclass(frozen=True)
class TypedFields:
    """What the user types into one table: the table, what a row is called in a sentence
    ("person"), and its typed fields. Each store module keeps one list of these (its TYPED_FIELDS),
    which its add and update functions check and an import checks too, so the two cannot drift.
    Transcripts and analyses are not typed."""

    table: sa.Table
    what: str
    fields: tuple[str, ...]

    def cleaned(self, values: dict) -> dict:
        """`values` with the typed fields' text as it is kept (`typed_text`): a text column may hold
        several lines, a sized one is one line; a list of texts (an own question's talking points)
        is cleaned text by text."""

        def kept(name: str, value: Any) -> Any:
            multi_line = isinstance(self.table.c[name].type, sa.Text)
            if isinstance(value, str):
                return typed_text(value, multi_line=multi_line)
            if isinstance(value, list | tuple):
                return type(value)(
                    typed_text(v, multi_line=multi_line) if isinstance(v, str) else v for v in value
                )
            return value

        return {k: kept(k, v) if k in self.fields and k in self.table.c else v for k, v in values.items()}

    def check(self, values: dict, *, what_to_do: str | None = None) -> None:
        """The typed fields among `values` no longer than their columns keep (check_lengths); a
        field not given, or not text, is not checked."""
        check_lengths(self.table, self.what, {f: values.get(f) for f in self.fields}, what_to_do=what_to_do)


def _where_longer_fits(table: sa.Table) -> str:
    for name in ("notes", "details"):
        if name in table.c:
            return f" (a longer text fits in the {name})"
    return ""


def update_row(
    store: Store, typed: TypedFields, row_id: int, values: dict, editable: tuple[str, ...]
) -> dict:
    """Change the `editable` fields given of one row of `typed.table`, its typed text checked first."""
    table, what = typed.table, typed.what
    refuse_unknown_fields(what, values, editable)
    values = typed.cleaned(values)
    typed.check(values)
    write_changes(
        store, table, sa.and_(table.c.id == row_id, mine(store, table)), values, not_found(what, row_id)
    )
    return get_row(store, table, row_id, what)


def refuse_unknown_fields(what: str, values: dict, editable: tuple[str, ...]) -> None:
    """A change naming a field that cannot be edited is refused, naming those that can."""
    unknown = set(values) - set(editable)
    if unknown:
        raise InputError(f"A {what} has no field {sorted(unknown)[0]!r}; editable: {', '.join(editable)}.")


def write_changes(
    store: Store, table: sa.Table, this: sa.ColumnElement[bool], values: dict, missing: InputError
) -> None:
    """Write `values` to the row `this` picks, noting the time it changed when it does (for an
    import to take the newer version); `missing` is raised when no row of the owner's is picked."""
    with store.write() as conn:
        changing = fields_changing(conn, table, this, values)
        if changing:  # each field's time first: the row's time before them is kept for the others
            now = utc_now()
            note_fields_changed(conn, store.owner, table, this, changing, now)
            note_changed(conn, store.owner, table, this, now)
        result = conn.execute(table.update().where(this).values(**values))
        if result.rowcount == 0:
            raise missing


def fields_changing(
    conn: sa.Connection, table: sa.Table, this: sa.ColumnElement[bool], values: dict
) -> list[str]:
    """The fields among `values` whose writing changes the row `this` (a field saved as it was is
    no change)."""
    if not values:
        return []
    here = conn.execute(sa.select(*(table.c[name] for name in values)).where(this)).first()
    if here is None:
        return []
    return [
        name
        for (name, value), current in zip(values.items(), here, strict=True)
        if _comparable(table.c[name], value) != _comparable(table.c[name], current)
    ]


def _comparable(column: sa.Column, value: Any) -> Any:
    """A value as the store keeps it: a date typed as text is that date; a time is in UTC."""
    if value is None:
        return None
    if isinstance(column.type, sa.DateTime):
        return as_utc(parse_datetime(value))
    if isinstance(column.type, sa.Date):
        return parse_date(value)
    return value


def delete_row(store: Store, table: sa.Table, row_id: int, what: str) -> None:
    with store.write() as conn:
        remember_deleted(conn, store.owner, table, table.c.id == row_id)  # a debrief: not back from a backup
        if conn.execute(table.delete().where(table.c.id == row_id, mine(store, table))).rowcount == 0:
            raise not_found(what, row_id)
