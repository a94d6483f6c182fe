"""The current schema, one definition for SQLite and PostgreSQL.

This is the shape the numbered migrations in `migrations.py` arrive at; a test checks that a
database built by the migrations and one built from these tables are the same. Change it only
together with a new migration.

Every row has a `uid` (a UUID as text) besides its integer id: ids differ between data
directories, uids do not, so an import can tell a row it already has from a new one.
Dates and times are UTC. Recording paths are relative to the data directory so it can move.
"""

from __future__ import annotations

import sqlalchemy as sa

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

# The key measures of one analysed answer, copied out of the analysis JSON so trends can be
# queried without parsing it. Names follow the `coach analyze` JSON.
MEASURES = (
    "duration_s",
    "words",
    "wpm",
    "fillers_per_100_words",
    "fillers_per_min",
    "long_pauses",
    "score_overall",
    "score_delivery",
    "score_fillers",
    "score_structure",
    "score_content",
    "pitch_variation_st",
)
SCORE_DIMENSIONS = ("delivery", "fillers", "structure", "content")
# How much a text column (notes, a debrief's answers, a job description) keeps of what the user
# typed or pasted: a whole job posting fits, of which the key terms read the first 20,000
# characters (coach.analysis.word_use.JOB_MAX_CHARS). PostgreSQL's TEXT has no limit of its own;
# the store's functions refuse more in one sentence (rows.check_lengths).
LONG_TEXT_CHARS = 200_000


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def _uid() -> sa.Column:
    return sa.Column("uid", sa.String(36), nullable=False, unique=True)


def _created_at() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)


def _owner() -> list:
    """Whose row this is (migration 0008): "" for the single user of a personal coach, a login
    identity in multi-user (cohort) mode. Every store function filters by it."""
    return [sa.Column("owner", sa.String(320), nullable=False, server_default=""), sa.Index(None, "owner")]


def analysis_columns() -> list[sa.Column]:
    """Columns shared by a practice attempt and a real interview answer."""
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
        sa.Column("pitch_variation_st", sa.Float, nullable=True),  # migration 0006
    ]


schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

# A question's record for history: chiefly one asked in a real interview with no bank match,
# saved with its turn ("asked-…"). Not the practice bank: your own questions, the ones practice
# offers, are `own_questions` below.
questions = sa.Table(
    "questions",
    metadata,
    _id(),
    _uid(),
    sa.Column("question_id", sa.String(200), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("category", sa.String(100), nullable=False, server_default=""),
    sa.Column("competencies", sa.JSON, nullable=True),
    sa.Column("source", sa.String(20), nullable=False),  # bank | user | interview
    _created_at(),
    *_owner(),
    sa.UniqueConstraint("owner", "question_id"),
)

practice_sessions = sa.Table(
    "practice_sessions",
    metadata,
    _id(),
    _uid(),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    *_owner(),
)

# One original recording file. A row with `deleted_at` set is a deletion in progress: its file
# is removed after the deleting transaction commits, and recovery finishes the job if a crash
# came between the two.
recordings = sa.Table(
    "recordings",
    metadata,
    _id(),
    _uid(),
    sa.Column("path", sa.String(500), nullable=False, unique=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size_bytes", sa.BigInteger, nullable=False),
    sa.Column("original_name", sa.String(500), nullable=False, server_default=""),
    sa.Column("kind", sa.String(20), nullable=False),  # practice | interview
    _created_at(),
    sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    # Set when the attempt using it was deleted but the user chose to keep the audio.
    sa.Column("detached_at", sa.DateTime(timezone=True), nullable=True),
    *_owner(),
)

attempts = sa.Table(
    "attempts",
    metadata,
    _id(),
    _uid(),
    _created_at(),
    sa.Column(
        "session_id", sa.Integer, sa.ForeignKey("practice_sessions.id", ondelete="SET NULL"), nullable=True
    ),
    sa.Column("question_id", sa.String(200), nullable=True),
    sa.Column("question_text", sa.Text, nullable=False, server_default=""),
    sa.Column("recording_id", sa.Integer, sa.ForeignKey("recordings.id"), nullable=True),
    *analysis_columns(),
    # the interview this answer prepared for (migration 0007); deleting the interview clears it
    sa.Column("interview_id", sa.Integer, sa.ForeignKey("interviews.id"), nullable=True),
    sa.Index(None, "question_id", "created_at"),
    *_owner(),
)

interviews = sa.Table(
    "interviews",
    metadata,
    _id(),
    _uid(),
    sa.Column("company", sa.String(200), nullable=False),
    sa.Column("role", sa.String(200), nullable=False, server_default=""),
    sa.Column("stage", sa.String(100), nullable=False, server_default=""),
    sa.Column("interview_date", sa.Date, nullable=False),
    sa.Column("format", sa.String(50), nullable=False, server_default=""),
    # they_reached_out | i_applied | referral | other
    sa.Column("origin", sa.String(30), nullable=False, server_default=""),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    _created_at(),
    sa.Column("job_description", sa.Text, nullable=False, server_default=""),  # migration 0007
    *_owner(),
)

interview_people = sa.Table(
    "interview_people",
    metadata,
    _id(),
    _uid(),
    sa.Column("interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("title", sa.String(200), nullable=False, server_default=""),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    *_owner(),
)

# The playbook's checklist steps ticked while preparing for an interview (migration 0011).
prepared_steps = sa.Table(
    "prepared_steps",
    metadata,
    _id(),
    _uid(),
    sa.Column("interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False),
    sa.Column("step_id", sa.String(100), nullable=False),
    _created_at(),
    *_owner(),
    sa.UniqueConstraint("interview_id", "step_id"),
)

interview_recordings = sa.Table(
    "interview_recordings",
    metadata,
    _id(),
    _uid(),
    sa.Column("interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False),
    sa.Column("recording_id", sa.Integer, sa.ForeignKey("recordings.id"), nullable=True),
    sa.Column("candidate_channel", sa.String(10), nullable=True),
    sa.Column("transcript", sa.JSON, nullable=True),
    sa.Column("engine", sa.String(40), nullable=False, server_default=""),
    sa.Column("model", sa.String(200), nullable=False, server_default=""),
    _created_at(),
    *_owner(),
    # the review's conversation facts (talk time, questions, who asked what; `coach review --json`'s
    # metrics): who spoke which word is not kept, so the interview's debrief draft reads them here
    sa.Column("conversation", sa.JSON, nullable=True),
    # what the Review page shows of the review beside its answers (migration 0016): the conversation
    # as said (`turns`), who spoke when (`speech_turns`), each voice with its snippet (`speakers`),
    # which voice was taken for the candidate (`identification`) and the review's `warnings`; so a
    # review done elsewhere (a cohort's worker) is shown whole
    sa.Column("shown", sa.JSON, nullable=True),
)

# The work a review kept to be done again without transcribing the call again (the words, voice
# windows and answers heard again of coach.interview.resume's work folder, `folder` its name there),
# one archive a reviewed recording (migration 0016): a cohort's worker reviews on another machine,
# and the app that shows "Who is who" re-runs from it. Not exported (it is remade by reviewing the
# recording again); removed with the recording's audio.
review_work = sa.Table(
    "review_work",
    metadata,
    _id(),
    sa.Column(
        "interview_recording_id",
        sa.Integer,
        sa.ForeignKey("interview_recordings.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    sa.Column("folder", sa.String(200), nullable=False),
    sa.Column("archive", sa.LargeBinary, nullable=False),
    _created_at(),
    *_owner(),
)

# One question → answer turn of a real interview, analysed exactly as a practice answer.
turns = sa.Table(
    "turns",
    metadata,
    _id(),
    _uid(),
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
    *analysis_columns(),
    sa.Index(None, "question_id"),
    *_owner(),
)

debriefs = sa.Table(
    "debriefs",
    metadata,
    _id(),
    _uid(),
    sa.Column("interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False),
    _created_at(),
    sa.Column("went_well", sa.Text, nullable=False, server_default=""),
    sa.Column("could_be_better", sa.Text, nullable=False, server_default=""),
    sa.Column("skill_gaps", sa.Text, nullable=False, server_default=""),
    sa.Column("interest", sa.Integer, nullable=True),
    sa.Column("proceed", sa.Boolean, nullable=True),
    sa.Column("time_commitment", sa.Text, nullable=False, server_default=""),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.CheckConstraint("interest IS NULL OR (interest >= 1 AND interest <= 5)", name="interest_1_to_5"),
    *_owner(),
    # what a career coach asks after each stage besides (migration 0018): red flags noticed about the
    # team, the role or the process; pay or benefits they mentioned; how it compares with the others
    sa.Column("red_flags", sa.Text, nullable=False, server_default=""),
    sa.Column("pay_mentioned", sa.Text, nullable=False, server_default=""),
    sa.Column("compared_with_others", sa.Text, nullable=False, server_default=""),
)

# Offers and alternatives (including the BATNA), kept in view while interviewing.
options = sa.Table(
    "options",
    metadata,
    _id(),
    _uid(),
    sa.Column("kind", sa.String(20), nullable=False),  # offer | alternative | batna
    sa.Column("company", sa.String(200), nullable=False, server_default=""),
    sa.Column("title", sa.String(200), nullable=False, server_default=""),
    sa.Column("compensation", sa.Text, nullable=False, server_default=""),
    sa.Column("details", sa.Text, nullable=False, server_default=""),
    sa.Column("deadline", sa.Date, nullable=True),
    sa.Column("status", sa.String(30), nullable=False, server_default="open"),
    sa.Column("interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="SET NULL"), nullable=True),
    _created_at(),
    *_owner(),
    # how interested you are in it, 1 to 5 as a debrief's interest, or none given (migration 0017)
    sa.Column("interest", sa.Integer, nullable=True),
)

goals = sa.Table(
    "goals",
    metadata,
    _id(),
    _uid(),
    # real_interviews (target per period_days), wpm, fillers_per_100_words, practice_attempts
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("target", sa.Float, nullable=False),
    sa.Column("period_days", sa.Integer, nullable=True),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    _created_at(),
    *_owner(),
)

# Earlier analyses of an attempt or a turn, kept when `coach reanalyze` replaces them (migration 2).
analysis_runs = sa.Table(
    "analysis_runs",
    metadata,
    _id(),
    _uid(),
    sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id", ondelete="CASCADE"), nullable=True),
    sa.Column("turn_id", sa.Integer, sa.ForeignKey("turns.id", ondelete="CASCADE"), nullable=True),
    sa.Column("analysis", sa.JSON, nullable=True),
    sa.Column("analysis_version", sa.String(40), nullable=True),
    sa.Column("transcript", sa.JSON, nullable=True),
    sa.Column("engine", sa.String(40), nullable=False, server_default=""),
    sa.Column("model", sa.String(200), nullable=False, server_default=""),
    sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index(None, "attempt_id"),
    sa.Index(None, "turn_id"),
    *_owner(),
)

# The user's own questions, typed or heard in a real interview, each a complete bank entry so
# practice treats it like a shipped question (migration 3; before it, my_questions.toml).
own_questions = sa.Table(
    "own_questions",
    metadata,
    _id(),
    _uid(),
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
    sa.Column("source", sa.String(20), nullable=False),  # user | real interview
    _created_at(),
    *_owner(),
    sa.UniqueConstraint("owner", "question_id"),
)

# Starred questions (bank or own ids), oldest star first (migration 3; before it, favourites.json).
favourites = sa.Table(
    "favourites",
    metadata,
    _id(),
    _uid(),
    sa.Column("question_id", sa.String(200), nullable=False),
    _created_at(),
    *_owner(),
    sa.UniqueConstraint("owner", "question_id"),
)

# A mock interview: the coach spoke the questions and follow-ups, the user answered (migration 4).
# Each answer is a practice attempt; a turn says which question or follow-up it answered, and why
# the follow-up was asked. `summary` is the session report as `coach mock --json` prints it.
mock_sessions = sa.Table(
    "mock_sessions",
    metadata,
    _id(),
    _uid(),
    _created_at(),
    sa.Column("format", sa.String(40), nullable=False),  # recruiter | behavioural | role
    sa.Column("role", sa.String(200), nullable=False, server_default=""),
    sa.Column("interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="SET NULL"), nullable=True),
    sa.Column("planned_s", sa.Integer, nullable=False),
    sa.Column("used_s", sa.Float, nullable=True),
    sa.Column("score_overall", sa.Float, nullable=True),
    sa.Column("summary", sa.JSON, nullable=True),
    *_owner(),
)

mock_turns = sa.Table(
    "mock_turns",
    metadata,
    _id(),
    _uid(),
    sa.Column(
        "session_id", sa.Integer, sa.ForeignKey("mock_sessions.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # question | follow_up
    sa.Column("question_id", sa.String(200), nullable=True),
    sa.Column("question_text", sa.Text, nullable=False),
    sa.Column("why", sa.Text, nullable=True),
    sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True),
    sa.Column("score_overall", sa.Float, nullable=True),
    sa.Column("duration_s", sa.Float, nullable=True),
    sa.Index(None, "session_id"),
    sa.Index(None, "attempt_id"),  # migration 0009
    *_owner(),
)

# A person's own settings in a cohort, one row per owner (migration 0010): their role, one of the
# banks' roles, which Practice, Progress and the mock interview pick questions for. The single user
# keeps theirs in settings.toml; coach.roles decides which is read.
person_settings = sa.Table(
    "person_settings",
    metadata,
    _id(),
    _uid(),
    sa.Column("role", sa.String(40), nullable=False, server_default="any"),
    _created_at(),
    *_owner(),
    sa.UniqueConstraint("owner"),
)

# The highest id handed out in each table whose ids people see and type (`coach debrief 23`,
# `coach delete-answer 12`). SQLite hands a deleted newest row's id out again, so a command from
# the shell's history acted on another company's interview, and a page's state kept for the old
# row showed on the new one; coach.store.rows.insert_row gives each new row an id above this.
# PostgreSQL's sequences never hand an id out twice. Not user data: never exported.
ids_issued = sa.Table(
    "ids_issued",
    metadata,
    sa.Column("table_name", sa.String(100), primary_key=True),
    sa.Column("last_id", sa.Integer, nullable=False),
)
NEVER_REUSED = ("attempts", "interviews", "interview_people", "debriefs", "options", "mock_sessions")

# What the owner deleted here (migration 0014): each deleted answer, debrief, interview,
# recording, own question, star, person met, option, goal and mock interview by its table and uid
# (deletions.REMEMBERED), written in the deleting transaction. An import cannot otherwise
# tell a row deleted here from one never here, so an older backup brought the deleted answer back.
# The owner's data like the rest (delete all data removes it); a backup carries it beside the rows,
# and an import merges it (coach.store.carried_deletions), so a machine restored from a newer backup
# leaves out what an older one still holds.
deletions = sa.Table(
    "deletions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("table_name", sa.String(100), nullable=False),
    sa.Column("row_uid", sa.String(36), nullable=False),
    sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
    *_owner(),
    sa.UniqueConstraint("owner", "table_name", "row_uid"),
)

# When the owner last changed each row they edit after saving (migration 0015): an interview, a
# person met, a debrief, an option, a goal, an own question, by its table and uid. A row with none
# was not changed since it was written (or only before 0015). Written by each edit, carried in a
# backup as the row's `updated_at`, so an import takes the newer of two versions of a row (it kept
# the one here, however old). Kept beside the rows, not in them, so their tables stay as they were.
row_changes = sa.Table(
    "row_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("table_name", sa.String(100), nullable=False),
    sa.Column("row_uid", sa.String(36), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    *_owner(),
    sa.UniqueConstraint("owner", "table_name", "row_uid"),
)

# When each field of those rows last changed (migration 0020), so an import merges a row field by
# field: a debrief edited on both laptops went whole to the side changed later, and the skill gap
# typed on the other was lost. `based_on`: when the value this one was typed over had changed (none:
# the value written with the row); `edit_chain`: the same for the edits typed one after another on
# one machine (`made_here`), so an import knows whether a version it replaces was seen where the
# other was typed, and says when it was not. `field_name` "*": the row's time of change noted before
# its fields were timed, the time of each field without one of its own.
field_changes = sa.Table(
    "field_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("table_name", sa.String(100), nullable=False),
    sa.Column("row_uid", sa.String(36), nullable=False),
    sa.Column("field_name", sa.String(100), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("based_on", sa.DateTime(timezone=True), nullable=True),
    sa.Column("edit_chain", sa.String(36), nullable=True),
    sa.Column("made_here", sa.Boolean, nullable=False, server_default=sa.false()),
    *_owner(),
    sa.UniqueConstraint("owner", "table_name", "row_uid", "field_name"),
)

# Tables in an order where every row's parents come first (export, import).
TABLES_IN_ORDER = (
    questions,
    practice_sessions,
    recordings,
    attempts,
    interviews,
    interview_people,
    prepared_steps,
    interview_recordings,
    turns,
    debriefs,
    options,
    goals,
    analysis_runs,
    own_questions,
    favourites,
    mock_sessions,
    mock_turns,
    person_settings,
)

# For each table, its foreign keys as column → parent table (resolved by uid across databases).
PARENTS = {
    table.name: {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
    for table in TABLES_IN_ORDER
}
