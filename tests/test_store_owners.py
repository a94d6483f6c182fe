"""Multi-user (cohort) mode in the store: one person never sees, changes or deletes another's rows.

Two owners fill one database through the public store functions; the second sees none of the
first's rows by any list or by id, and deleting everything for the first leaves the second whole.
Run on SQLite and on a real PostgreSQL.
"""

from __future__ import annotations

import ast
import json
import re
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from store_support import (  # noqa: F401
    analysis_dict,
    backend_fixture,
    make_settings,
    record,
    settings_fixture,
    store_fixture,
    transcript_dict,
)  # noqa: F401

import coach.store
from coach.data_admin import CONFIRM_WORD, delete_all_data
from coach.errors import InputError
from coach.progress import cohort_report
from coach.roles import role_is_the_cohorts_default, save_your_role, your_role
from coach.store import (
    add_debrief,
    add_goal,
    add_interview,
    add_option,
    add_own_question,
    add_person,
    add_question,
    delete_attempt,
    delete_debrief,
    delete_goal,
    delete_interview,
    delete_option,
    delete_own_question,
    delete_person,
    edit_own_question,
    get_attempt,
    get_interview,
    get_question,
    interview_recording,
    list_attempts,
    list_debriefs,
    list_favourites,
    list_goals,
    list_interviews,
    list_options,
    list_own_questions,
    list_questions,
    list_sessions,
    list_turns,
    open_store,
    save_attempt,
    save_interview_recording,
    set_favourite,
    start_session,
    unanalysed_recordings,
    update_debrief,
    update_goal,
    update_interview,
    update_option,
)
from coach.store.analysis_runs import stored_answers
from coach.store.db import database_url, make_engine
from coach.store.migrations import migrate
from coach.store.mock_sessions import (
    delete_mock_session,
    get_mock_session,
    list_mock_sessions,
    save_mock_session,
)
from coach.store.person_settings import get_role, set_role
from coach.store.recordings import recording_files
from coach.store.schema import TABLES_IN_ORDER
from coach.store.transfer import export_data, import_data

ANA = "ana@example.edu"
BEN = "ben@example.edu"
ROLE_OF = {"ana": "design", "ben": "sales-customer", "solo": "data"}


def _entry(question_id: str, text: str) -> dict:
    return {
        "id": question_id,
        "text": text,
        "category": "behavioural",
        "competencies": ["communication"],
        "roles": ["any"],
        "difficulty": "medium",
        "format": "star",
        "target_s": 120,
        "talking_points": ["a specific example"],
        "follow_ups": ["Why?"],
        "source": "user",
    }


def fill(store, label: str) -> dict:
    """One person's whole history, written through the public store functions; returns the ids."""
    s = store.settings
    session = start_session(store, note=f"{label} session")
    attempt = save_attempt(
        store,
        question_id="swe-beh-01",
        question_text="Tell me about a conflict.",
        recording=record(s, 300.0 if label == "ana" else 330.0),
        transcript=transcript_dict(f"{label} practised this answer"),
        analysis=analysis_dict(text=f"{label} practised this answer"),
        engine="faster-whisper",
        model="tiny.en",
        session_id=session,
    )
    interview = add_interview(
        store,
        company=f"{label.title()} Corp",
        interview_date="2026-11-20",
        people=[{"name": f"{label}'s interviewer"}],
    )
    person = add_person(store, interview, name=f"{label}'s recruiter")
    rec = save_interview_recording(
        store,
        interview,
        recording=record(s, 400.0 if label == "ana" else 440.0, kind="interview"),
        transcript=transcript_dict(f"{label} in the real interview"),
        answers=[
            {
                "question_text": f"What did {label} build last?",
                "question_id": None,
                "transcript": transcript_dict(),
                "analysis": analysis_dict(text=f"{label} answered in the interview"),
            }
        ],
        engine="faster-whisper",
        model="tiny.en",
    )
    debrief = add_debrief(store, interview, went_well=f"{label} went well", interest=4)
    option = add_option(store, kind="offer", company=f"{label.title()} Corp", interview_id=interview)
    goal = add_goal(store, kind="real_interviews", target=1, period_days=91)
    add_own_question(store, _entry("user-mine-1", f"{label}'s own question?"))
    set_favourite(store, "swe-beh-01", True)  # the same bank question starred by both
    set_role(store, ROLE_OF[label])
    asked = add_question(store, f"{label} was asked this?", source="user", question_id="user-shared-id")
    mock = save_mock_session(
        store,
        format="behavioural",
        planned_s=600,
        used_s=120.0,
        score_overall=70.0,
        summary={"pattern": f"{label}'s pattern"},
        turns=[{"kind": "question", "question_text": "Tell me about a conflict.", "attempt_id": attempt}],
    )
    return dict(
        session=session,
        attempt=attempt,
        interview=interview,
        person=person,
        recording=rec,
        debrief=debrief,
        option=option,
        goal=goal,
        question=asked,
        mock=mock,
    )


def everything_seen(store) -> dict:
    """Every list the store offers, as a user's pages and commands would read them."""
    return {
        "sessions": list_sessions(store),
        "attempts": list_attempts(store),
        "interviews": list_interviews(store),
        "turns": list_turns(store),
        "debriefs": list_debriefs(store),
        "options": list_options(store),
        "goals": list_goals(store),
        "own_questions": list_own_questions(store),
        "favourites": list_favourites(store),
        "role": get_role(store),
        "questions": list_questions(store),
        "mock_sessions": list_mock_sessions(store, with_turns=True),
        "stored_answers": stored_answers(store),
        "unanalysed": unanalysed_recordings(store),
        "files": recording_files(store),
    }


def test_one_person_sees_none_of_anothers_rows_by_list_or_by_id(store):
    ana, ben = store.for_owner(ANA), store.for_owner(BEN)
    ids = fill(ana, "ana")
    seen_by_ana = everything_seen(ana)
    assert all(seen_by_ana[name] for name in seen_by_ana if name != "unanalysed"), seen_by_ana
    assert [a["transcript_text"] for a in seen_by_ana["attempts"]] == ["ana practised this answer"]

    assert all(not rows for rows in everything_seen(ben).values())
    assert all(not rows for rows in everything_seen(store).values())  # nor the single user's ""

    # By id, Ana's rows are rows that do not exist for Ben: the same error as a missing id.
    for read in (
        lambda: get_attempt(ben, ids["attempt"]),
        lambda: get_interview(ben, ids["interview"]),
        lambda: interview_recording(ben, ids["recording"]),
        lambda: get_mock_session(ben, ids["mock"]),
        lambda: update_interview(ben, ids["interview"], notes="mine now"),
        lambda: update_debrief(ben, ids["debrief"], went_well="mine now"),
        lambda: update_option(ben, ids["option"], status="taken"),
        lambda: update_goal(ben, ids["goal"], target=9),
        lambda: edit_own_question(ben, "user-mine-1", text="Mine now?"),
        lambda: add_person(ben, ids["interview"], name="intruder"),
        lambda: add_debrief(ben, ids["interview"], went_well="intruder"),
        lambda: add_option(ben, kind="offer", interview_id=ids["interview"]),
        lambda: save_attempt(
            ben,
            question_id=None,
            question_text="",
            recording=None,
            transcript=transcript_dict(),
            analysis=analysis_dict(),
            engine="",
            model="",
            interview_id=ids["interview"],
        ),
        lambda: delete_attempt(ben, ids["attempt"], keep_audio=False),
        lambda: delete_interview(ben, ids["interview"], keep_audio=False),
        lambda: delete_person(ben, ids["person"]),
        lambda: delete_debrief(ben, ids["debrief"]),
        lambda: delete_option(ben, ids["option"]),
        lambda: delete_goal(ben, ids["goal"]),
        lambda: delete_mock_session(ben, ids["mock"]),
        lambda: delete_own_question(ben, "user-mine-1"),
    ):
        with pytest.raises(InputError):
            read()
    assert get_question(ben, "user-shared-id") is None
    set_favourite(ben, "swe-beh-01", False)  # unstarring one's own star touches nobody else's

    assert everything_seen(ana) == seen_by_ana  # nothing of Ana's changed by Ben's tries
    assert get_attempt(ana, ids["attempt"])["transcript_text"] == "ana practised this answer"


def test_two_people_use_the_same_question_ids_and_keep_their_own(store):
    ana, ben = store.for_owner(ANA), store.for_owner(BEN)
    fill(ana, "ana")
    fill(ben, "ben")  # the same own-question id, bank star and question id: each per owner
    for who, label in ((ana, "ana"), (ben, "ben")):
        seen = everything_seen(who)
        assert [q["text"] for q in seen["own_questions"]] == [f"{label}'s own question?"]
        assert seen["favourites"] == ["swe-beh-01"]
        assert [a["transcript_text"] for a in seen["attempts"]] == [f"{label} practised this answer"]
        assert [i["company"] for i in seen["interviews"]] == [f"{label.title()} Corp"]
        assert [p["name"] for p in seen["interviews"][0]["people"]] == [
            f"{label}'s interviewer",
            f"{label}'s recruiter",
        ]
        assert [d["went_well"] for d in seen["debriefs"]] == [f"{label} went well"]
        assert {q["text"] for q in seen["questions"]} == {
            f"{label} was asked this?",
            f"What did {label} build last?",
        }
        assert [m["summary"]["pattern"] for m in seen["mock_sessions"]] == [f"{label}'s pattern"]
    # Each person's recordings are in a folder of their own, named without their address.
    ana_files, ben_files = recording_files(ana), recording_files(ben)
    assert len(ana_files) == len(ben_files) == 2
    assert not set(ana_files) & set(ben_files)
    assert all("example.edu" not in str(p) for p in ana_files + ben_files)
    assert all(p.is_relative_to(store.settings.data_dir / "recordings" / "users") for p in ana_files)


def test_deleting_everything_for_one_person_leaves_the_other_whole(store):
    ana, ben = store.for_owner(ANA), store.for_owner(BEN)
    fill(ana, "ana")
    fill(ben, "ben")
    bens_before = everything_seen(ben)
    bens_files = [p.read_bytes() for p in bens_before["files"]]

    assert delete_all_data(ana, ana.settings, CONFIRM_WORD) == ["recordings"]  # no mock interview of hers

    assert all(not rows for rows in everything_seen(ana).values())
    assert not ana.settings.recordings_dir.exists()
    assert everything_seen(ben) == bens_before
    assert [p.read_bytes() for p in everything_seen(ben)["files"]] == bens_files
    with store.read() as conn:
        for table in TABLES_IN_ORDER:
            owners = set(conn.execute(sa.select(table.c.owner)).scalars())
            assert owners <= {BEN}, (table.name, owners)


def test_the_single_users_delete_everything_keeps_the_cohorts_folders(store):
    ben = store.for_owner(BEN)
    fill(ben, "ben")
    fill(store, "solo")
    bens_before = everything_seen(ben)
    delete_all_data(store, store.settings, CONFIRM_WORD)
    assert all(not rows for rows in everything_seen(store).values())
    assert everything_seen(ben) == bens_before


def _review_work(store, sha256: str) -> list:
    """What a review and the voice profile keep for this store's owner: a finished chunk and the
    voiceprint, written where the review and the profile write them."""
    from coach.interview.profile import PROFILE_FILE
    from coach.interview.resume import WorkDir, work_root

    chunk = WorkDir(store.settings, sha256, 30.0).chunk_path(0)
    profile = work_root(store.settings) / PROFILE_FILE
    for path in (chunk, profile):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"kept")
    return [chunk, profile]


def test_a_persons_review_work_and_voiceprint_are_their_own_and_go_with_their_data(store):
    # the same recording reviewed by two people: each keeps their own work, and deleting all of
    # one's data removes their transcripts, voice embeddings and voiceprint, not the other's
    ana, ben = store.for_owner(ANA), store.for_owner(BEN)
    anas, bens = _review_work(ana, "a" * 64), _review_work(ben, "a" * 64)
    assert not set(anas) & set(bens)
    assert all(p.is_relative_to(ana.settings.owners_folder("review-work")) for p in anas)

    assert "review-work" in delete_all_data(ana, ana.settings, CONFIRM_WORD)
    assert not any(p.exists() for p in anas)
    assert all(p.read_bytes() == b"kept" for p in bens)


def test_the_single_users_delete_everything_removes_review_work_and_the_voiceprint(store):
    solos, bens = _review_work(store, "b" * 64), _review_work(store.for_owner(BEN), "b" * 64)
    assert "review-work" in delete_all_data(store, store.settings, CONFIRM_WORD)
    assert not any(p.exists() for p in solos)
    assert all(p.exists() for p in bens)  # a cohort served from the same folder keeps its own


def test_an_export_holds_one_persons_data_and_imports_as_the_importers(store, tmp_path):
    ana, ben, cleo = store.for_owner(ANA), store.for_owner(BEN), store.for_owner("cleo@example.edu")
    fill(ana, "ana")
    fill(ben, "ben")
    info = export_data(ana, tmp_path / "ana.zip")
    assert info["counts"]["attempts"] == 1 and info["counts"]["recordings"] == 2
    # what the zip holds, each member's name and its bytes as stored before compression (the
    # compressed bytes hide a word, and can spell "ben" by chance)
    with zipfile.ZipFile(tmp_path / "ana.zip") as held:
        contents = b"".join(name.encode() + held.read(name) for name in held.namelist())
    assert b"ben" not in contents.lower()
    assert ANA.encode() not in contents

    bens_before = everything_seen(ben)
    imported = import_data(cleo, tmp_path / "ana.zip")
    assert imported["added"]["attempts"] == 1
    again = import_data(cleo, tmp_path / "ana.zip")
    assert sum(again["added"].values()) == 0  # the same zip twice adds nothing twice

    seen = everything_seen(cleo)
    assert [a["transcript_text"] for a in seen["attempts"]] == ["ana practised this answer"]
    assert len(seen["files"]) == 2
    assert all(p.is_relative_to(cleo.settings.recordings_dir) for p in seen["files"])
    assert [p.read_bytes() for p in seen["files"]] == [p.read_bytes() for p in recording_files(ana)]
    assert everything_seen(ben) == bens_before
    assert len(list_attempts(ana)) == 1


@pytest.mark.new_database  # it builds an old database migration by migration
def test_rows_from_before_owners_stay_the_single_users(tmp_path, backend):
    settings = make_settings(tmp_path, backend, "old")
    settings.data_dir.mkdir(parents=True)
    engine = make_engine(database_url(settings))
    with engine.begin() as conn:
        migrate(conn, upto="0007_job_descriptions")
        now = "2026-11-01 10:00:00"
        conn.execute(
            sa.text("INSERT INTO favourites (uid, question_id, created_at) VALUES ('u1', 'swe-beh-01', :t)"),
            {"t": now},
        )
        conn.execute(
            sa.text(
                "INSERT INTO questions (uid, question_id, text, source, created_at) "
                "VALUES ('u2', 'asked-1', 'Why us?', 'interview', :t)"
            ),
            {"t": now},
        )
        conn.execute(
            sa.text(
                "INSERT INTO attempts (uid, created_at, question_text, transcript_text) "
                "VALUES ('u3', :t, 'Why us?', 'because')"
            ),
            {"t": now},
        )
    engine.dispose()
    store = open_store(settings)
    try:
        assert list_favourites(store) == ["swe-beh-01"]
        assert [q["question_id"] for q in list_questions(store)] == ["asked-1"]
        assert [a["transcript_text"] for a in list_attempts(store)] == ["because"]
        ana = store.for_owner(ANA)
        assert list_favourites(ana) == [] and list_attempts(ana) == []
        assert set_favourite(ana, "swe-beh-01", True) == ["swe-beh-01"]  # unique per owner now
        assert list_favourites(store) == ["swe-beh-01"]
    finally:
        store.close()


def test_staff_see_the_cohort_in_aggregate_only(store):
    staff_settings = replace(store.settings, multi_user=True, staff=("coach@example.edu",))
    db = replace(store, settings=staff_settings)
    today = datetime.now(UTC).date()
    last_week = datetime.now(UTC) - timedelta(days=7)
    for who, overall, fillers in ((ANA, 60.0, 2.0), (BEN, 70.0, 4.0), ("cleo@example.edu", 80.0, 6.0)):
        save_attempt(
            db.for_owner(who),
            question_id=None,
            question_text="Why this role?",
            recording=None,
            transcript=transcript_dict(f"{who} private words"),
            analysis=analysis_dict(overall=overall, fillers_per_100=fillers, text=f"{who} private words"),
            engine="faster-whisper",
            model="tiny.en",
        )
    save_attempt(  # a week when one person answered: their numbers must not show
        db.for_owner(ANA),
        question_id=None,
        question_text="Why this role?",
        recording=None,
        transcript=transcript_dict(),
        analysis=analysis_dict(overall=10.0),
        engine="faster-whisper",
        model="tiny.en",
        created_at=last_week,
    )
    fill(db, "solo")  # the single user's own coach is not part of any cohort

    report = cohort_report(db.for_owner("coach@example.edu"), staff_settings, today=today)
    assert report["people"] == 3 and report["answers_this_week"] == 3 and report["people_this_week"] == 3
    this_week, week_before = report["weeks"][-1], report["weeks"][-2]
    assert this_week["score_overall"] == 70.0 and this_week["fillers_per_100_words"] == 4.0
    assert week_before["answers"] == 1 and week_before["people"] == 1
    assert week_before["score_overall"] is None  # fewer than three people: no average
    text = json.dumps(report)
    assert "example.edu" not in text and "private" not in text and "solo" not in text

    for who in (ANA, ""):
        with pytest.raises(InputError, match="coaching staff"):
            cohort_report(db.for_owner(who), staff_settings, today=today)


# Helpers that act by a recording id the caller has already read as the owner's, inside its
# transaction; whether anyone still uses a recording is deliberately asked of every owner's rows.
BY_OWNED_ID = {"is_referenced", "mark_deleted", "mark_detached", "_has_answers"}
NOT_QUERIES = {"migrations.py", "schema.py", "db.py", "rows.py", "__init__.py"}
QUERY = re.compile(r"sa\.select\(|\.update\(\)|\.delete\(\)|\.insert\(\)|sa\.delete\(")


def unfiltered_queries() -> list[str]:
    """Store functions that build a query without naming the owner (`mine(...)` or `owner`)."""
    found = []
    for path in sorted(Path(coach.store.__file__).parent.glob("*.py")):
        if path.name in NOT_QUERIES:
            continue
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef) or node.name in BY_OWNED_ID:
                continue
            body = node.body[1:] if ast.get_docstring(node) else node.body
            code = "\n".join(ast.get_source_segment(source, statement) or "" for statement in body)
            if QUERY.search(code) and "mine(" not in code and "owner" not in code:
                found.append(f"{path.name}: {node.name}")
    return found


def test_every_store_query_names_its_owner():
    assert unfiltered_queries() == []


def test_the_check_sees_a_query_without_its_owner(tmp_path, monkeypatch):
    fake = tmp_path / "store"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "leaky.py").write_text(
        'def list_all(store):\n    """Every owner\'s rows."""\n    return sa.select(attempts)\n'
    )
    monkeypatch.setattr(coach.store, "__file__", str(fake / "__init__.py"))
    assert unfiltered_queries() == ["leaky.py: list_all"]


def test_deleting_everything_for_one_person_reaches_the_shared_recordings_folder(store, tmp_path):
    shared = replace(store, settings=replace(store.settings, recordings_folder=str(tmp_path / "shared")))
    ana, ben = shared.for_owner(ANA), shared.for_owner(BEN)
    fill(ana, "ana")
    fill(ben, "ben")
    assert ana.settings.recordings_dir.is_relative_to(tmp_path / "shared")
    assert any(ana.settings.recordings_dir.rglob("*.wav"))

    delete_all_data(ana, ana.settings, CONFIRM_WORD)

    assert not ana.settings.recordings_dir.exists()
    assert all(p.exists() for p in everything_seen(ben)["files"])


def test_each_person_of_a_cohort_keeps_their_own_role(store, tmp_path):
    """A cohort's settings.toml is everyone's: each person's role is their own row, the host's role
    from settings.toml until they choose, and goes with their data (delete, export, import) and
    nobody else's."""
    cohort = replace(store.settings, multi_user=True, role="data")  # the shared file's role
    ana, ben, cleo = store.for_owner(ANA), store.for_owner(BEN), store.for_owner("cleo@example.edu")
    as_ana, as_ben, as_cleo = (replace(cohort, owner=s.owner) for s in (ana, ben, cleo))
    assert your_role(as_ana, ana) == "data"  # the host's, until she chooses

    assert save_your_role(as_ana, ana, "designer") == "design"  # the names people use
    assert save_your_role(as_ben, ben, "sales") == "sales-customer"
    assert save_your_role(as_ana, ana, "product") == "product"  # changed: still one row of hers
    assert (your_role(as_ana, ana), your_role(as_ben, ben), your_role(as_cleo, cleo)) == (
        "product",
        "sales-customer",
        "data",
    )
    assert not (store.settings.data_dir / "settings.toml").exists()  # nothing saved for everyone
    with pytest.raises(InputError, match="'chef'"):
        save_your_role(as_ana, ana, "chef")
    with pytest.raises(InputError, match="up to 40 characters, not 41"):
        set_role(ana, "x" * 41)  # the store's own check, the same sentence on SQLite and PostgreSQL
    assert your_role(as_ana, ana) == "product"  # the refused ones changed nothing

    info = export_data(ana, tmp_path / "ana.zip")
    assert info["counts"]["person_settings"] == 1
    assert import_data(cleo, tmp_path / "ana.zip")["added"]["person_settings"] == 1
    assert your_role(as_cleo, cleo) == "product"
    imported = import_data(ben, tmp_path / "ana.zip")  # Ben has chosen his: it is kept
    assert imported["added"]["person_settings"] == 0 and imported["already_present"]["person_settings"] == 1
    assert your_role(as_ben, ben) == "sales-customer"

    delete_all_data(ana, as_ana, CONFIRM_WORD)
    assert your_role(as_ana, ana) == "data"  # her choice gone: the host's again
    assert your_role(as_ben, ben) == "sales-customer" and your_role(as_cleo, cleo) == "product"
    # the single user reads settings.toml as before, whatever rows the cohort has
    assert your_role(replace(store.settings, role="data"), store) == "data"


def test_the_hosts_role_is_the_default_of_a_cohort_and_a_chosen_any_role_stays_any(store):
    """A host who put a role in settings.toml had it ignored in a cohort: everyone who had not chosen
    got "any". It is now their default; their own choice wins, "Any role" chosen included (a row
    says "any"; no row is no choice)."""
    host = replace(store.settings, multi_user=True, role="engineering-manager")
    dana, eli = store.for_owner("dana@example.edu"), store.for_owner("eli@example.edu")
    as_dana, as_eli = replace(host, owner=dana.owner), replace(host, owner=eli.owner)
    assert (get_role(dana), your_role(as_dana, dana)) == (None, "engineering-manager")
    assert role_is_the_cohorts_default(as_dana, dana)

    assert save_your_role(as_eli, eli, "any") == "any"  # chosen, not left unchosen
    assert (get_role(eli), your_role(as_eli, eli)) == ("any", "any")
    assert not role_is_the_cohorts_default(as_eli, eli)
    assert your_role(replace(as_eli, role="product"), eli) == "any"  # whatever the host sets later

    assert save_your_role(as_dana, dana, "design") == "design"  # her choice wins over the host's
    assert your_role(as_dana, dana) == "design" and not role_is_the_cohorts_default(as_dana, dana)

    nobody = replace(host, role="any", owner="fay@example.edu")  # a host who named no role
    fay = store.for_owner("fay@example.edu")
    assert your_role(nobody, fay) == "any" and not role_is_the_cohorts_default(nobody, fay)
