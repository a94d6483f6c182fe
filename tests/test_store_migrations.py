"""Numbered migrations: a new database and an upgraded old one end in the same schema, data intact."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from pg_server import get_server
from store_support import analysis_dict, backend_fixture, make_settings, record, transcript_dict  # noqa: F401

from coach.store import (
    add_debrief,
    add_interview,
    get_attempt,
    list_attempts,
    list_interviews,
    open_store,
    save_attempt,
)
from coach.store.db import Store, database_url, make_engine
from coach.store.migrations import MIGRATIONS, migrate
from coach.store.mock_sessions import list_mock_sessions, save_mock_session
from coach.store.person_settings import get_role, set_role
from coach.store.schema import TABLES_IN_ORDER, metadata, schema_migrations

# A new database here runs every migration, as a user's first start does (elsewhere in the suite
# it is a copy of one that did: conftest).
pytestmark = pytest.mark.new_database


def schema_of(engine: sa.Engine) -> dict:
    """Everything a migration can change, per table, in a comparable form."""
    inspector = sa.inspect(engine)
    tables = {}
    for name in sorted(inspector.get_table_names()):
        tables[name] = {
            "columns": [
                (c["name"], str(c["type"]).upper(), c["nullable"], str(c.get("default")))
                for c in inspector.get_columns(name)
            ],
            "primary_key": inspector.get_pk_constraint(name)["constrained_columns"],
            "foreign_keys": sorted(
                (
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    str(fk.get("options", {}).get("ondelete")),
                )
                for fk in inspector.get_foreign_keys(name)
            ),
            "indexes": sorted(
                (ix["name"], tuple(ix["column_names"]), bool(ix["unique"]))
                for ix in inspector.get_indexes(name)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(name)),
            "checks": sorted(" ".join(c["sqltext"].split()) for c in inspector.get_check_constraints(name)),
        }
    return tables


def _fresh_settings(tmp_path, backend, name):
    return make_settings(tmp_path, backend, name)


def test_new_and_upgraded_databases_have_the_same_schema_as_the_code(tmp_path, backend):
    fresh = open_store(_fresh_settings(tmp_path, backend, "fresh"))

    old_settings = _fresh_settings(tmp_path, backend, "old")
    old_settings.data_dir.mkdir(parents=True)
    engine = make_engine(database_url(old_settings))
    with engine.begin() as conn:
        assert migrate(conn, upto="0001_initial") == ["0001_initial"]
    assert "analysis_runs" not in sa.inspect(engine).get_table_names()
    engine.dispose()
    upgraded = open_store(old_settings)

    declared_settings = _fresh_settings(tmp_path, backend, "declared")
    declared_settings.data_dir.mkdir(parents=True)
    declared = make_engine(database_url(declared_settings))
    metadata.create_all(declared)

    assert schema_of(upgraded.engine) == schema_of(fresh.engine)
    assert schema_of(declared) == schema_of(fresh.engine)
    with upgraded.read() as conn:
        names = conn.execute(sa.text("SELECT name FROM schema_migrations ORDER BY name")).scalars().all()
    assert names == [name for name, _ in MIGRATIONS]
    for engine in (fresh.engine, upgraded.engine, declared):
        engine.dispose()


def test_the_suites_new_databases_are_what_a_first_start_makes(tmp_path, backend, _migrated_database):
    """Elsewhere in the suite a new database is a copy of one migrated once per test process
    (conftest, pg_server): it is the database a user's first start makes, every migration applied.
    Here (marked new_database) a new database really runs them, now."""
    started = datetime.now(UTC)
    fresh = open_store(_fresh_settings(tmp_path, backend, "fresh"))
    copied_settings = _fresh_settings(tmp_path, backend, "copied")
    if backend == "sqlite":
        copied_settings.data_dir.mkdir(parents=True)
        copied_settings.database_path.write_bytes(_migrated_database)
    else:
        copied_settings = replace(copied_settings, database_url=get_server().new_database_url(migrated=True))
    copied = open_store(copied_settings)

    assert schema_of(copied.engine) == schema_of(fresh.engine)
    for store in (fresh, copied):
        with store.read() as conn:
            names = conn.execute(sa.select(schema_migrations.c.name).order_by("name")).scalars().all()
        assert names == [name for name, _ in MIGRATIONS]
    with fresh.read() as conn:
        applied = conn.execute(sa.select(schema_migrations.c.applied_at)).scalars().all()
    assert all((at if at.tzinfo else at.replace(tzinfo=UTC)) >= started for at in applied), (started, applied)
    fresh.close()
    copied.close()


def test_an_attempt_saved_at_migration_1_survives_the_upgrade(tmp_path, backend):
    settings = _fresh_settings(tmp_path, backend, "old")
    settings.data_dir.mkdir(parents=True)
    (settings.data_dir / "recordings" / "practice").mkdir(parents=True)
    (settings.data_dir / "recordings" / "practice" / "take.wav").write_bytes(b"RIFF old take")
    engine = make_engine(database_url(settings))
    analysis = {
        "metrics": {"wpm": 151.0, "fillers_per_100_words": 2.5},
        "scores": {"overall": 71},
        "analysis_version": "0.9",
    }
    with engine.begin() as conn:
        migrate(conn, upto="0001_initial")
        v1 = sa.MetaData()
        recordings = sa.Table("recordings", v1, autoload_with=conn)
        attempts = sa.Table("attempts", v1, autoload_with=conn)
        recording_id = conn.execute(
            recordings.insert().values(
                uid="r-1",
                path="recordings/practice/take.wav",
                sha256="0" * 64,
                size_bytes=13,
                kind="practice",
                created_at=sa.func.now(),
            )
        ).inserted_primary_key[0]
        conn.execute(
            attempts.insert().values(
                uid="a-1",
                created_at=sa.func.now(),
                question_id="beh-failure",
                question_text="A failure?",
                recording_id=recording_id,
                analysis=analysis,
                analysis_version="0.9",
                wpm=151.0,
                fillers_per_100_words=2.5,
                score_overall=71.0,
                engine="faster-whisper",
                model="tiny.en",
            )
        )
    engine.dispose()

    store = open_store(replace(settings))
    [attempt] = list_attempts(store)
    assert (attempt["question_id"], attempt["wpm"], attempt["score_overall"]) == ("beh-failure", 151.0, 71.0)
    assert attempt["recording_path"] == "recordings/practice/take.wav"
    assert get_attempt(store, attempt["id"])["analysis"] == analysis
    # Reopening applies nothing twice.
    store.close()
    with open_store(settings).read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM schema_migrations")).scalar() == len(MIGRATIONS)


def test_pitch_variation_is_filled_in_from_answers_analysed_before_its_column(tmp_path, backend):
    settings = _fresh_settings(tmp_path, backend, "old")
    settings.data_dir.mkdir(parents=True)
    engine = make_engine(database_url(settings))
    measured = {"metrics": {"prosody": {"pitch_variation_st": 2.4}}, "scores": {"overall": 70}}
    failed = {"metrics": {"prosody": {"pitch_variation_st": 0.3}}, "scores": None}
    typed = {"metrics": {"prosody": None}, "scores": {"overall": 60}}
    with engine.begin() as conn:
        migrate(conn, upto="0003_own_questions_and_favourites")
        attempts = sa.Table("attempts", sa.MetaData(), autoload_with=conn)
        for n, analysis in enumerate((measured, failed, typed)):
            conn.execute(
                attempts.insert().values(
                    uid=f"a-{n}", created_at=sa.func.now(), question_text="Q", analysis=analysis
                )
            )
    engine.dispose()
    store = open_store(settings)
    by_uid = {a["uid"]: a["pitch_variation_st"] for a in list_attempts(store)}
    assert by_uid == {"a-0": 2.4, "a-1": None, "a-2": None}
    store.close()


def _every_row(engine: sa.Engine, like: dict | None = None) -> dict[str, list[dict]]:
    """Every row of every table the database has, with the columns it has (an older one lacks the
    later tables and columns); `like`: only the tables and columns of that earlier reading."""
    inspector = sa.inspect(engine)
    present = set(inspector.get_table_names())
    rows = {}
    with engine.connect() as conn:
        for table in TABLES_IN_ORDER:
            if table.name not in present or (like is not None and table.name not in like):
                continue
            there = {c["name"] for c in inspector.get_columns(table.name)}
            if like is not None and like[table.name]:
                there &= set(like[table.name][0])
            columns = [c for c in table.c if c.name in there]
            rows[table.name] = [
                dict(r._mapping) for r in conn.execute(sa.select(*columns).order_by(table.c.id))
            ]
    return rows


def test_a_database_at_migration_8_gains_the_mock_answer_index_and_keeps_every_row(tmp_path, backend):
    """Which mock interview an answer was given in is looked up for every listed answer; before
    migration 0009 each look-up read all of mock_turns. A database written at 0008 (answers, an
    interview with its debrief, a mock interview with its turns) opens with the index added and
    every row as it was."""
    settings = _fresh_settings(tmp_path, backend, "old")
    settings.data_dir.mkdir(parents=True)
    engine = make_engine(database_url(settings))
    with engine.begin() as conn:
        assert migrate(conn, upto="0008_owners")[-1] == "0008_owners"
    old = Store(engine=engine, settings=settings)  # the store functions on the 0008 tables
    interview = add_interview(old, company="Globex", role="Analyst", interview_date="2026-11-02")
    add_debrief(old, interview, went_well="Clear numbers.", interest=4)
    answers = [
        save_attempt(
            old,
            question_id=f"beh-{n}",
            question_text=f"Question {n}?",
            recording=record(settings, 200.0 + n),
            transcript=transcript_dict(),
            analysis=analysis_dict(overall=60.0 + n),
            engine="faster-whisper",
            model="tiny.en",
        )
        for n in range(3)
    ]
    turn = {"kind": "question", "question_text": "Question?", "score_overall": 61.0, "duration_s": 40.0}
    session = save_mock_session(
        old,
        format="behavioural",
        planned_s=900,
        used_s=120.0,
        score_overall=61.0,
        summary={"pattern": "none"},
        turns=[{**turn, "attempt_id": answers[0]}, {**turn, "attempt_id": answers[1]}],
    )
    index_names = {ix["name"] for ix in sa.inspect(engine).get_indexes("mock_turns")}
    assert "ix_mock_turns_attempt_id" not in index_names
    before = _every_row(engine)
    engine.dispose()

    store = open_store(settings)
    indexes = {ix["name"]: ix["column_names"] for ix in sa.inspect(store.engine).get_indexes("mock_turns")}
    assert indexes["ix_mock_turns_attempt_id"] == ["attempt_id"]
    after = _every_row(store.engine, like=before)
    assert after == before and len(after["mock_turns"]) == 2 and len(after["attempts"]) == 3
    by_answer = {a["id"]: a["mock_session_id"] for a in list_attempts(store)}
    assert by_answer == {answers[0]: session, answers[1]: session, answers[2]: None}
    assert [len(s["turns"]) for s in list_mock_sessions(store, with_turns=True)] == [2]
    with store.read() as conn:
        names = conn.execute(sa.text("SELECT name FROM schema_migrations ORDER BY name")).scalars().all()
    assert "0009_mock_turns_by_answer" in names and len(names) == len(MIGRATIONS)
    store.close()


def test_a_database_at_migration_9_gains_each_persons_role_and_keeps_every_row(tmp_path, backend):
    """A cohort's database from before each person chose their own role (0009: two people's
    answers, interviews and mock interviews) opens with the table of their own settings added,
    every row as it was, and each person's role saved and read as theirs."""
    settings = _fresh_settings(tmp_path, backend, "old")
    settings.data_dir.mkdir(parents=True)
    engine = make_engine(database_url(settings))
    with engine.begin() as conn:
        assert migrate(conn, upto="0009_mock_turns_by_answer")[-1] == "0009_mock_turns_by_answer"
    assert "person_settings" not in sa.inspect(engine).get_table_names()
    old = Store(engine=engine, settings=settings)
    for owner, company in (("ana@example.edu", "Globex"), ("ben@example.edu", "Initech")):
        person = old.for_owner(owner)
        interview = add_interview(person, company=company, role="Analyst", interview_date="2026-11-02")
        add_debrief(person, interview, went_well=f"{company} went well.", interest=4)
        answer = save_attempt(
            person,
            question_id="beh-1",
            question_text="Question?",
            recording=None,
            transcript=transcript_dict(),
            analysis=analysis_dict(),
            engine="faster-whisper",
            model="tiny.en",
        )
        turn = {"kind": "question", "question_text": "Question?", "attempt_id": answer}
        save_mock_session(
            person,
            format="behavioural",
            planned_s=600,
            used_s=60.0,
            score_overall=None,
            summary={"pattern": "none"},
            turns=[turn],
        )
    before = _every_row(engine)
    engine.dispose()

    store = open_store(settings)
    after = _every_row(store.engine)
    assert _every_row(store.engine, like=before) == before
    assert after["person_settings"] == [] and len(after["attempts"]) == 2 and len(after["mock_turns"]) == 2
    ana, ben = store.for_owner("ana@example.edu"), store.for_owner("ben@example.edu")
    set_role(ana, "data")
    assert (get_role(ana), get_role(ben), get_role(store)) == ("data", None, None)
    assert [i["company"] for i in list_interviews(ana)] == ["Globex"]
    with store.read() as conn:
        names = conn.execute(sa.text("SELECT name FROM schema_migrations ORDER BY name")).scalars().all()
    assert "0010_person_settings" in names and len(names) == len(MIGRATIONS)
    store.close()


def test_listing_answers_finds_their_mock_interview_through_the_index(tmp_path):
    """The question every answer list asks (its mock interview) is answered from the index, not
    by reading every mock turn (SQLite's plan; PostgreSQL's planner chooses by table size)."""
    from coach.store.attempts import SUMMARY_COLUMNS, _with_recording

    store = open_store(make_settings(tmp_path, "sqlite"))
    query = _with_recording(sa.select(*SUMMARY_COLUMNS))
    with store.read() as conn:
        compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
        plan = " | ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
    store.close()
    assert "mock_turns USING INDEX ix_mock_turns_attempt_id" in plan, plan


def test_two_goals_of_a_kind_left_by_an_older_import_settle_on_the_next_start(tmp_path, backend):
    """Imports before goals were settled left two pace goals counting: `coach goals` and Progress
    showed the one written last, though the other was set more recently, until another import.
    On the next start the one set most recently counts, the others retired, each person's apart."""
    from coach.goals import your_goals
    from coach.store import add_goal, list_goals, update_goal

    settings = _fresh_settings(tmp_path, backend, "old")
    settings.data_dir.mkdir(parents=True)
    engine = make_engine(database_url(settings))
    with engine.begin() as conn:
        migrate(conn, upto="0018_debrief_red_flags_pay_comparison")
    old = Store(engine=engine, settings=settings)
    set_here = add_goal(old, kind="wpm", target=150)
    add_goal(old, kind="wpm", target=140)  # a backup's, written after
    update_goal(old, set_here, target=160)  # changed since: the pace goal set most recently
    add_goal(old, kind="practice_attempts", target=3, period_days=7)
    add_goal(old, kind="practice_attempts", target=4, period_days=7)  # the later, not changed since
    ana = "ana@example.edu"
    add_goal(old.for_owner(ana), kind="wpm", target=130)
    engine.dispose()

    store = open_store(settings)

    assert your_goals(store) == {"practice": {"days": 4, "every_days": 7}, "targets": {"wpm": 160.0}}
    counting = [(g["kind"], g["target"]) for g in list_goals(store, active_only=True)]
    assert sorted(counting) == [("practice_attempts", 4.0), ("wpm", 160.0)]
    assert len(list_goals(store)) == 4  # the others kept, as an import keeps those it retires
    assert your_goals(store.for_owner(ana))["targets"] == {"wpm": 130.0}
    store.close()
