"""Numbered migrations, recorded in `schema_migrations` as they are applied (simonw/llm style).

Each migration is a function of a Connection inside the transaction that records it, so a
migration is applied completely or not at all (DDL is transactional in SQLite and PostgreSQL).
A migration's tables are written out as they were at that step, never imported from
`schema.py`, because the current schema moves on and history must not.

A new database runs every migration in order; an old one runs those it lacks. A database that
lists a migration this version does not know was written by a newer coach: it is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from coach.errors import StorageError
from coach.store.schema import NAMING_CONVENTION, schema_migrations

Migration = Callable[[sa.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    def register(function: Migration) -> Migration:
        MIGRATIONS.append((name, function))
        return function

    return register


def _analysis_columns_v1() -> list[sa.Column]:
    return [
        sa.Column("transcript", sa.JSON, nullable=True),
        sa.Column("transcript_text", sa.Text, nullable=False, server_default=""),
        sa.Column("analysis", sa.JSON, nullable=True),
        sa.Column("analysis_version", sa.String(40), nullable=True),
        sa.Column("engine", sa.String(40), nullable=False, server_default=""),
        sa.Column("model", sa.String(200), nullable=False, server_default=""),
        sa.Column("duration_s", sa.Float, nullable=True),
        sa.Column("words", sa.Integer, nullable=True),
        sa.Column("wpm", sa.Float, nullable=True),
        sa.Column("fillers_per_100_words", sa.Float, nullable=True),
        sa.Column("fillers_per_min", sa.Float, nullable=True),
        sa.Column("long_pauses", sa.Integer, nullable=True),
        sa.Column("score_overall", sa.Float, nullable=True),
        sa.Column("score_delivery", sa.Float, nullable=True),
        sa.Column("score_fillers", sa.Float, nullable=True),
        sa.Column("score_structure", sa.Float, nullable=True),
        sa.Column("score_content", sa.Float, nullable=True),
    ]


def _common(name: str, md: sa.MetaData, *columns) -> sa.Table:
    return sa.Table(
        name,
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        *columns,
    )


def _now_column(name: str = "created_at", nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


@migration("0001_initial")
def m0001_initial(conn: sa.Connection) -> None:
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _common(
        "questions",
        md,
        sa.Column("question_id", sa.String(200), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("category", sa.String(100), nullable=False, server_default=""),
        sa.Column("competencies", sa.JSON, nullable=True),
        sa.Column("source", sa.String(20), nullable=False),
        _now_column(),
    )
    _common(
        "practice_sessions",
        md,
        _now_column("started_at"),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )
    _common(
        "recordings",
        md,
        sa.Column("path", sa.String(500), nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("original_name", sa.String(500), nullable=False, server_default=""),
        sa.Column("kind", sa.String(20), nullable=False),
        _now_column(),
        _now_column("deleted_at", nullable=True),
        _now_column("detached_at", nullable=True),
    )
    _common(
        "attempts",
        md,
        _now_column(),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("practice_sessions.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("question_id", sa.String(200), nullable=True),
        sa.Column("question_text", sa.Text, nullable=False, server_default=""),
        sa.Column("recording_id", sa.Integer, sa.ForeignKey("recordings.id"), nullable=True),
        *_analysis_columns_v1(),
    )
    _common(
        "interviews",
        md,
        sa.Column("company", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False, server_default=""),
        sa.Column("stage", sa.String(100), nullable=False, server_default=""),
        sa.Column("interview_date", sa.Date, nullable=False),
        sa.Column("format", sa.String(50), nullable=False, server_default=""),
        sa.Column("origin", sa.String(30), nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        _now_column(),
    )
    _common(
        "interview_people",
        md,
        sa.Column(
            "interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200), nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
    )
    _common(
        "interview_recordings",
        md,
        sa.Column(
            "interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("recording_id", sa.Integer, sa.ForeignKey("recordings.id"), nullable=True),
        sa.Column("candidate_channel", sa.String(10), nullable=True),
        sa.Column("transcript", sa.JSON, nullable=True),
        sa.Column("engine", sa.String(40), nullable=False, server_default=""),
        sa.Column("model", sa.String(200), nullable=False, server_default=""),
        _now_column(),
    )
    _common(
        "turns",
        md,
        sa.Column(
            "interview_recording_id",
            sa.Integer,
            sa.ForeignKey("interview_recordings.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("question_id", sa.String(200), nullable=True),
        sa.Column("question_text", sa.Text, nullable=False, server_default=""),
        sa.Column("question_start_s", sa.Float, nullable=True),
        sa.Column("answer_start_s", sa.Float, nullable=True),
        sa.Column("answer_end_s", sa.Float, nullable=True),
        *_analysis_columns_v1(),
        sa.Index(None, "question_id"),
    )
    _common(
        "debriefs",
        md,
        sa.Column(
            "interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False
        ),
        _now_column(),
        sa.Column("went_well", sa.Text, nullable=False, server_default=""),
        sa.Column("could_be_better", sa.Text, nullable=False, server_default=""),
        sa.Column("skill_gaps", sa.Text, nullable=False, server_default=""),
        sa.Column("interest", sa.Integer, nullable=True),
        sa.Column("proceed", sa.Boolean, nullable=True),
        sa.Column("time_commitment", sa.Text, nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.CheckConstraint("interest IS NULL OR (interest >= 1 AND interest <= 5)", name="interest_1_to_5"),
    )
    _common(
        "options",
        md,
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("company", sa.String(200), nullable=False, server_default=""),
        sa.Column("title", sa.String(200), nullable=False, server_default=""),
        sa.Column("compensation", sa.Text, nullable=False, server_default=""),
        sa.Column("details", sa.Text, nullable=False, server_default=""),
        sa.Column("deadline", sa.Date, nullable=True),
        sa.Column("status", sa.String(30), nullable=False, server_default="open"),
        sa.Column(
            "interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="SET NULL"), nullable=True
        ),
        _now_column(),
    )
    _common(
        "goals",
        md,
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("target", sa.Float, nullable=False),
        sa.Column("period_days", sa.Integer, nullable=True),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        _now_column(),
    )
    md.create_all(conn)


@migration("0002_analysis_runs")
def m0002_analysis_runs(conn: sa.Connection) -> None:
    """Keep earlier analyses when `coach reanalyze` replaces them; index attempts per question."""
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    attempts = sa.Table("attempts", md, autoload_with=conn)
    sa.Table("turns", md, autoload_with=conn)
    analysis_runs = _common(
        "analysis_runs",
        md,
        sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id", ondelete="CASCADE"), nullable=True),
        sa.Column("turn_id", sa.Integer, sa.ForeignKey("turns.id", ondelete="CASCADE"), nullable=True),
        sa.Column("analysis", sa.JSON, nullable=True),
        sa.Column("analysis_version", sa.String(40), nullable=True),
        sa.Column("transcript", sa.JSON, nullable=True),
        sa.Column("engine", sa.String(40), nullable=False, server_default=""),
        sa.Column("model", sa.String(200), nullable=False, server_default=""),
        _now_column("analysed_at", nullable=True),
        _now_column("replaced_at"),
        sa.Index(None, "attempt_id"),
        sa.Index(None, "turn_id"),
    )
    analysis_runs.create(conn)
    sa.Index("ix_attempts_question_id_created_at", attempts.c.question_id, attempts.c.created_at).create(conn)


@migration("0003_own_questions_and_favourites")
def m0003_own_questions_and_favourites(conn: sa.Connection) -> None:
    """Your own questions and your stars move into the database (from my_questions.toml and
    favourites.json, which `coach.store.old_files` empties into these tables once)."""
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _common(
        "own_questions",
        md,
        sa.Column("question_id", sa.String(200), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("competencies", sa.JSON, nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("difficulty", sa.String(20), nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("target_s", sa.Integer, nullable=False),
        sa.Column("talking_points", sa.JSON, nullable=False),
        sa.Column("follow_ups", sa.JSON, nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        _now_column(),
    )
    _common(
        "favourites",
        md,
        sa.Column("question_id", sa.String(200), nullable=False, unique=True),
        _now_column(),
    )
    md.create_all(conn)


@migration("0004_mock_sessions")
def m0004_mock_sessions(conn: sa.Connection) -> None:
    """Mock interviews: a session (format, time planned and used, its report) and its turns."""
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    sa.Table("interviews", md, autoload_with=conn)
    sa.Table("attempts", md, autoload_with=conn)
    mock_sessions = _common(
        "mock_sessions",
        md,
        _now_column(),
        sa.Column("format", sa.String(40), nullable=False),
        sa.Column("role", sa.String(200), nullable=False, server_default=""),
        sa.Column(
            "interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("planned_s", sa.Integer, nullable=False),
        sa.Column("used_s", sa.Float, nullable=True),
        sa.Column("score_overall", sa.Float, nullable=True),
        sa.Column("summary", sa.JSON, nullable=True),
    )
    mock_turns = _common(
        "mock_turns",
        md,
        sa.Column(
            "session_id", sa.Integer, sa.ForeignKey("mock_sessions.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("question_id", sa.String(200), nullable=True),
        sa.Column("question_text", sa.Text, nullable=False),
        sa.Column("why", sa.Text, nullable=True),
        sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True),
        sa.Column("score_overall", sa.Float, nullable=True),
        sa.Column("duration_s", sa.Float, nullable=True),
        sa.Index(None, "session_id"),
    )
    mock_sessions.create(conn)
    mock_turns.create(conn)


@migration("0006_pitch_variation")
def m0006_pitch_variation(conn: sa.Connection) -> None:
    """Each answer's pitch variation (issue 20) as a column, so Progress can chart its trend;
    answers analysed before are filled in from their stored analysis where it measured one."""
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    column_type = sa.Float().compile(dialect=conn.dialect)
    for name in ("attempts", "turns"):
        conn.execute(sa.text(f"ALTER TABLE {name} ADD COLUMN pitch_variation_st {column_type}"))
        table = sa.Table(name, md, autoload_with=conn)
        rows = conn.execute(sa.select(table.c.id, table.c.analysis).where(table.c.analysis.is_not(None)))
        for row_id, analysis in rows.all():
            value = _pitch_variation(analysis)
            if value is not None:
                conn.execute(table.update().where(table.c.id == row_id).values(pitch_variation_st=value))


def _pitch_variation(analysis) -> float | None:
    """As `rows.measures` reads it at this step: none when the quality gate failed."""
    if not isinstance(analysis, dict) or ("scores" in analysis and analysis["scores"] is None):
        return None
    prosody = (analysis.get("metrics") or {}).get("prosody") or {}
    value = prosody.get("pitch_variation_st") if isinstance(prosody, dict) else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


@migration("0007_job_descriptions")
def m0007_job_descriptions(conn: sa.Connection) -> None:
    """An interview can hold the job's description (pasted text), and a practice answer the
    interview it prepared for, so the answer is checked against the description's terms."""
    text_type = sa.Text().compile(dialect=conn.dialect)
    conn.execute(
        sa.text(f"ALTER TABLE interviews ADD COLUMN job_description {text_type} NOT NULL DEFAULT ''")
    )
    conn.execute(
        sa.text(
            # no ON DELETE rule: SQLite would not report it; coach.store.interviews clears it
            "ALTER TABLE attempts ADD COLUMN interview_id INTEGER REFERENCES interviews (id)"
        )
    )


# Every table of the user's data, as at migration 0008 (all of them: a cohort keeps each person's
# rows apart, and a child row carries its owner too so no query has to join to find it).
_OWNED_TABLES_0008 = (
    "questions",
    "practice_sessions",
    "recordings",
    "attempts",
    "interviews",
    "interview_people",
    "interview_recordings",
    "turns",
    "debriefs",
    "options",
    "goals",
    "analysis_runs",
    "own_questions",
    "favourites",
    "mock_sessions",
    "mock_turns",
)
# Tables whose question ids were unique in the whole database; from 0008 unique per owner.
_UNIQUE_PER_OWNER_0008 = ("questions", "own_questions", "favourites")


def _question_tables_0008(md: sa.MetaData) -> dict[str, sa.Table]:
    """questions, own_questions and favourites as they are after 0008 (owner last, question id
    unique per owner)."""

    def owned(name: str, *columns) -> sa.Table:
        return _common(
            name,
            md,
            *columns,
            sa.Column("owner", sa.String(320), nullable=False, server_default=""),
            sa.Index(None, "owner"),
            sa.UniqueConstraint("owner", "question_id"),
        )

    return {
        "questions": owned(
            "questions",
            sa.Column("question_id", sa.String(200), nullable=False),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("category", sa.String(100), nullable=False, server_default=""),
            sa.Column("competencies", sa.JSON, nullable=True),
            sa.Column("source", sa.String(20), nullable=False),
            _now_column(),
        ),
        "own_questions": owned(
            "own_questions",
            sa.Column("question_id", sa.String(200), nullable=False),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("category", sa.String(100), nullable=False),
            sa.Column("competencies", sa.JSON, nullable=False),
            sa.Column("roles", sa.JSON, nullable=False),
            sa.Column("difficulty", sa.String(20), nullable=False),
            sa.Column("format", sa.String(20), nullable=False),
            sa.Column("target_s", sa.Integer, nullable=False),
            sa.Column("talking_points", sa.JSON, nullable=False),
            sa.Column("follow_ups", sa.JSON, nullable=False),
            sa.Column("source", sa.String(20), nullable=False),
            _now_column(),
        ),
        "favourites": owned(
            "favourites",
            sa.Column("question_id", sa.String(200), nullable=False),
            _now_column(),
        ),
    }


@migration("0008_owners")
def m0008_owners(conn: sa.Connection) -> None:
    """Every row belongs to someone (issue 23): an `owner` column, "" for the rows a single user
    already has, a login identity in multi-user mode. A question id is unique per owner, so two
    people can star the same bank question or name their own questions alike."""
    text_type = sa.String(320).compile(dialect=conn.dialect)
    for name in _OWNED_TABLES_0008:
        if name in _UNIQUE_PER_OWNER_0008:
            continue
        conn.execute(sa.text(f"ALTER TABLE {name} ADD COLUMN owner {text_type} NOT NULL DEFAULT ''"))
        conn.execute(sa.text(f"CREATE INDEX ix_{name}_owner ON {name} (owner)"))
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    for name, table in _question_tables_0008(md).items():
        if conn.dialect.name == "sqlite":
            # SQLite cannot drop a constraint: rebuild the table (nothing refers to it by key).
            columns = ", ".join(c.name for c in table.c if c.name != "owner")
            conn.execute(sa.text(f"ALTER TABLE {name} RENAME TO {name}_before_0008"))
            table.create(conn)
            conn.execute(sa.text(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM {name}_before_0008"))
            conn.execute(sa.text(f"DROP TABLE {name}_before_0008"))
        else:
            conn.execute(sa.text(f"ALTER TABLE {name} DROP CONSTRAINT uq_{name}_question_id"))
            conn.execute(sa.text(f"ALTER TABLE {name} ADD COLUMN owner {text_type} NOT NULL DEFAULT ''"))
            conn.execute(sa.text(f"CREATE INDEX ix_{name}_owner ON {name} (owner)"))
            unique = f"uq_{name}_owner_question_id UNIQUE (owner, question_id)"
            conn.execute(sa.text(f"ALTER TABLE {name} ADD CONSTRAINT {unique}"))


@migration("0009_mock_turns_by_answer")
def m0009_mock_turns_by_answer(conn: sa.Connection) -> None:
    """Index a mock interview's turns by their answer: every list of practice answers asks which
    mock interview each was given in (`coach.store.attempts`), and without it each asking read
    the whole table."""
    conn.execute(sa.text("CREATE INDEX ix_mock_turns_attempt_id ON mock_turns (attempt_id)"))


@migration("0010_person_settings")
def m0010_person_settings(conn: sa.Connection) -> None:
    """Each person of a cohort chooses their own role (settings.toml is the whole cohort's): one
    row of their own settings per owner. Every existing row is kept as it was."""
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _common(
        "person_settings",
        md,
        sa.Column("role", sa.String(40), nullable=False, server_default="any"),
        _now_column(),
        sa.Column("owner", sa.String(320), nullable=False, server_default=""),
        sa.Index(None, "owner"),
        sa.UniqueConstraint("owner"),
    ).create(conn)


@migration("0011_prepared_steps")
def m0011_prepared_steps(conn: sa.Connection) -> None:
    """The steps of the playbook's checklist ticked while preparing for an interview, one row a
    step, kept with the interview: ticks kept in the browser's session were gone the next day."""
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    sa.Table("interviews", md, sa.Column("id", sa.Integer, primary_key=True))
    _common(
        "prepared_steps",
        md,
        sa.Column(
            "interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("step_id", sa.String(100), nullable=False),
        _now_column(),
        sa.Column("owner", sa.String(320), nullable=False, server_default=""),
        sa.Index(None, "owner"),
        sa.UniqueConstraint("interview_id", "step_id"),
    ).create(conn)


@migration("0012_ids_issued")
def m0012_ids_issued(conn: sa.Connection) -> None:
    """The highest id handed out in each table whose ids people type (coach.store.schema
    ids_issued): SQLite handed a deleted newest row's id out again. Starts from each table's
    highest id now (one deleted before this cannot be known)."""
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    issued = sa.Table(
        "ids_issued",
        md,
        sa.Column("table_name", sa.String(100), primary_key=True),
        sa.Column("last_id", sa.Integer, nullable=False),
    )
    issued.create(conn)
    for name in ("attempts", "interviews", "interview_people", "debriefs", "options", "mock_sessions"):
        top = conn.execute(sa.text(f"SELECT MAX(id) FROM {name}")).scalar()
        if top is not None:
            conn.execute(issued.insert().values(table_name=name, last_id=top))


@migration("0013_conversation_facts")
def m0013_conversation_facts(conn: sa.Connection) -> None:
    """Each reviewed recording keeps its conversation facts (talk time, questions, the questions
    the candidate asked): they were not kept, so a second recording of the same interview left its
    debrief draft with the second recording's figures alone. Recordings reviewed before have none."""
    column_type = sa.JSON().compile(dialect=conn.dialect)
    conn.execute(sa.text(f"ALTER TABLE interview_recordings ADD COLUMN conversation {column_type}"))


@migration("0014_deletions")
def m0014_deletions(conn: sa.Connection) -> None:
    """What is deleted here is remembered (table and uid), so an import of an older backup that
    still holds a deleted answer, debrief, interview or recording leaves it deleted: it came back
    whole, as if never here. Deletions made before this step were not recorded."""
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    sa.Table(
        "deletions",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("table_name", sa.String(100), nullable=False),
        sa.Column("row_uid", sa.String(36), nullable=False),
        _now_column("deleted_at"),
        sa.Column("owner", sa.String(320), nullable=False, server_default=""),
        sa.Index(None, "owner"),
        sa.UniqueConstraint("owner", "table_name", "row_uid"),
    ).create(conn)


@migration("0015_row_changes")
def m0015_row_changes(conn: sa.Connection) -> None:
    """When each row a person edits last changed, so an import takes the newer of two versions of
    it: it kept the one here, however old, and only said they differed. Rows changed before this
    step have no time (as if not changed since written)."""
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    sa.Table(
        "row_changes",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("table_name", sa.String(100), nullable=False),
        sa.Column("row_uid", sa.String(36), nullable=False),
        _now_column("changed_at"),
        sa.Column("owner", sa.String(320), nullable=False, server_default=""),
        sa.Index(None, "owner"),
        sa.UniqueConstraint("owner", "table_name", "row_uid"),
    ).create(conn)


@migration("0016_reviews_shown_whole")
def m0016_reviews_shown_whole(conn: sa.Connection) -> None:
    """Each reviewed recording keeps what its review showed beside the answers (the conversation,
    who spoke when, each voice's snippet, the review's warnings), and the work to review it again
    without transcribing it (`review_work`): a review done by a cohort's worker was shown without
    them, and "Who is who" transcribed the whole call again in the app. Recordings reviewed before
    have neither (their page shows the answers)."""
    column_type = sa.JSON().compile(dialect=conn.dialect)
    conn.execute(sa.text(f"ALTER TABLE interview_recordings ADD COLUMN shown {column_type}"))
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    sa.Table("interview_recordings", md, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table(
        "review_work",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "interview_recording_id",
            sa.Integer,
            sa.ForeignKey("interview_recordings.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("folder", sa.String(200), nullable=False),
        sa.Column("archive", sa.LargeBinary, nullable=False),
        _now_column(),
        sa.Column("owner", sa.String(320), nullable=False, server_default=""),
        sa.Index(None, "owner"),
    ).create(conn)


@migration("0017_option_interest")
def m0017_option_interest(conn: sa.Connection) -> None:
    """Each option (offer, alternative, BATNA) can keep how interested you are in it, 1 to 5, as
    the playbook asks: the interest written after a stage was all the comparison had, and a BATNA
    has none. Options written before have none given."""
    column_type = sa.Integer().compile(dialect=conn.dialect)
    conn.execute(sa.text(f"ALTER TABLE options ADD COLUMN interest {column_type}"))


@migration("0018_debrief_red_flags_pay_comparison")
def m0018_debrief_red_flags_pay_comparison(conn: sa.Connection) -> None:
    """A debrief can keep the red flags noticed (about the team, the role, the process), the pay or
    benefits mentioned, and how the opportunity compares with the others going: what a career coach
    asks after each stage, which had room only in the notes. Debriefs written before have none."""
    text_type = sa.Text().compile(dialect=conn.dialect)
    for name in ("red_flags", "pay_mentioned", "compared_with_others"):
        conn.execute(sa.text(f"ALTER TABLE debriefs ADD COLUMN {name} {text_type} NOT NULL DEFAULT ''"))


@migration("0019_one_goal_a_kind")
def m0019_one_goal_a_kind(conn: sa.Connection) -> None:
    """Of each kind of goal one counts, the one set most recently (coach.store.goals): imports
    before they settled goals left two of a kind counting, and `coach goals` and Progress showed
    the one written last, though the other was set since, until another import. The others are
    retired, timed as an import times those it retires; none is deleted."""
    goals = sa.table(
        "goals",
        sa.column("id", sa.Integer),
        sa.column("uid", sa.String),
        sa.column("owner", sa.String),
        sa.column("kind", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    changes = sa.table(
        "row_changes",
        sa.column("owner", sa.String),
        sa.column("table_name", sa.String),
        sa.column("row_uid", sa.String),
        sa.column("changed_at", sa.DateTime(timezone=True)),
    )
    of_goals = changes.c.table_name == "goals"
    changed = {
        (owner, uid): _utc(when)
        for owner, uid, when in conn.execute(
            sa.select(changes.c.owner, changes.c.row_uid, changes.c.changed_at).where(of_goals)
        )
    }
    counting = conn.execute(
        sa.select(goals.c.id, goals.c.uid, goals.c.owner, goals.c.kind, goals.c.created_at)
        .where(goals.c.active.is_(True))
        .order_by(goals.c.created_at, goals.c.id)
    ).all()
    newest: dict[tuple[str, str], tuple[datetime, int]] = {}
    for row in counting:  # oldest written first: of two set at once, the later written counts
        set_at = changed.get((row.owner, row.uid)) or _utc(row.created_at)
        if newest.get((row.owner, row.kind), (set_at, 0))[0] <= set_at:
            newest[(row.owner, row.kind)] = (set_at, row.id)
    now = datetime.now(UTC)
    for row in counting:
        if newest[(row.owner, row.kind)][1] == row.id:
            continue
        conn.execute(goals.update().where(goals.c.id == row.id).values(active=False))
        noted = sa.and_(changes.c.owner == row.owner, of_goals, changes.c.row_uid == row.uid)
        if (row.owner, row.uid) in changed:
            conn.execute(changes.update().where(noted).values(changed_at=now))
        else:
            conn.execute(
                changes.insert().values(owner=row.owner, table_name="goals", row_uid=row.uid, changed_at=now)
            )


@migration("0020_field_changes")
def m0020_field_changes(conn: sa.Connection) -> None:
    """When each field of a row a person edits last changed, so an import merges two versions of
    a row field by field: a debrief edited on both laptops went whole to the side changed later,
    the other side's edit lost. Rows changed before this step keep their row's time (row_changes),
    the time of each of their fields until it changes again."""
    md = sa.MetaData(naming_convention=NAMING_CONVENTION)
    sa.Table(
        "field_changes",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("table_name", sa.String(100), nullable=False),
        sa.Column("row_uid", sa.String(36), nullable=False),
        sa.Column("field_name", sa.String(100), nullable=False),
        _now_column("changed_at"),
        _now_column("based_on", nullable=True),
        sa.Column("edit_chain", sa.String(36), nullable=True),
        sa.Column("made_here", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("owner", sa.String(320), nullable=False, server_default=""),
        sa.Index(None, "owner"),
        sa.UniqueConstraint("owner", "table_name", "row_uid", "field_name"),
    ).create(conn)


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time in the store is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def latest_migration() -> str:
    return MIGRATIONS[-1][0]


def applied_migrations(conn: sa.Connection) -> list[str]:
    if not sa.inspect(conn).has_table(schema_migrations.name):
        return []
    names = conn.execute(sa.select(schema_migrations.c.name).order_by(schema_migrations.c.name))
    return list(names.scalars())


def migrate(conn: sa.Connection, *, upto: str | None = None) -> list[str]:
    """Apply the missing migrations (up to and including `upto`) in the caller's transaction.

    Returns the names applied. Raises StorageError for a database from a newer coach.
    """
    if conn.dialect.name == "postgresql":
        # Two sessions opening a new database at once: the second waits, then finds it migrated.
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(7263006)"))
    schema_migrations.create(conn, checkfirst=True)
    applied = set(applied_migrations(conn))
    known = [name for name, _ in MIGRATIONS]
    unknown = sorted(applied - set(known))
    if unknown:
        raise StorageError(
            f"This database was written by a newer version of coach (it has migration {unknown[-1]}, "
            f"this version knows up to {known[-1]}); upgrade coach to open it. Nothing was changed."
        )
    done = []
    for name, function in MIGRATIONS:
        if name not in applied:
            function(conn)
            conn.execute(schema_migrations.insert().values(name=name, applied_at=datetime.now(UTC)))
            done.append(name)
        if name == upto:
            break
    return done
