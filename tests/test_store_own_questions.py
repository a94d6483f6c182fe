"""Your own questions and your stars as tables (migration 3): moved over from the files older
versions kept, edited and deleted, carried by export/import, emptied by delete-everything."""

from __future__ import annotations

import json
import os
import stat
import zipfile

import pytest
import sqlalchemy as sa
from store_support import backend_fixture, make_settings  # noqa: F401

from coach import banks
from coach.data_admin import delete_all_data
from coach.errors import InputError
from coach.store import (
    add_goal,
    delete_own_question,
    edit_own_question,
    list_favourites,
    list_own_questions,
    open_store,
    set_favourite,
)
from coach.store.db import database_url, make_engine
from coach.store.migrations import migrate
from coach.store.transfer import export_data, import_data

# my_questions.toml exactly as coach wrote it before migration 3 (banks._append_entry).
OLD_BANK = """# Your own questions, kept by coach.

[[question]]
id = "user-how-do-you-say-no-1"
text = "How do you say \\"no\\" to a senior stakeholder?"
category = "behavioural"
competencies = ["influence", "conflict"]
roles = ["any"]
difficulty = "medium"
format = "star"
target_s = 120
talking_points = ["a specific example", "actions you took", "the result"]
follow_ups = ["What would you do differently next time?"]
source = "user"

[[question]]
id = "user-why-acme-why-now-1"
text = "Why Acme, why now?"
category = "motivation"
competencies = ["motivation"]
roles = ["any"]
difficulty = "medium"
format = "free"
target_s = 90
talking_points = ["a specific example", "actions you took", "the result"]
follow_ups = ["What would you do differently next time?"]
source = "real interview"
"""
OLD_IDS = ["user-how-do-you-say-no-1", "user-why-acme-why-now-1"]


@pytest.fixture
def data_settings(tmp_path, backend, monkeypatch):
    """A data directory whose settings name the test's database, as the app and banks read them."""
    settings = make_settings(tmp_path, backend)
    if settings.database_url:
        monkeypatch.setenv("COACH_DATABASE_URL", settings.database_url)
    return settings


def write_old_files(data_dir, stars=("swe-beh-01", "user-why-acme-why-now-1")):
    (data_dir / "question_banks").mkdir(parents=True, exist_ok=True)
    (data_dir / "question_banks" / "my_questions.toml").write_text(OLD_BANK, encoding="utf-8")
    (data_dir / "favourites.json").write_text(json.dumps(list(stars)), encoding="utf-8")


def own(data_dir) -> list[banks.Question]:
    return [q for q in banks.load_questions(data_dir) if q.source != "bank"]


@pytest.mark.new_database  # it builds an old database migration by migration
def test_an_old_database_and_its_files_move_into_the_tables_once(data_settings):
    data_dir = data_settings.data_dir
    data_dir.mkdir(parents=True)
    engine = make_engine(database_url(data_settings))
    with engine.begin() as conn:
        migrate(conn, upto="0002_analysis_runs")
    engine.dispose()
    write_old_files(data_dir)

    store = open_store(data_settings)
    assert [e["id"] for e in list_own_questions(store)] == OLD_IDS
    assert list_favourites(store) == ["swe-beh-01", "user-why-acme-why-now-1"]
    assert not (data_dir / "favourites.json").exists()
    assert not (data_dir / "question_banks" / "my_questions.toml").exists()
    mine = own(data_dir)
    assert [q.text for q in mine] == ['How do you say "no" to a senior stakeholder?', "Why Acme, why now?"]
    assert mine[0].competencies == ("influence", "conflict") and mine[1].source == "real interview"
    # saved when every own question was given a story's points: a story keeps them, the "why"
    # question gets its kind's (it was told to bring "a specific example" and "the result")
    assert mine[0].talking_points == banks.GENERIC_TALKING_POINTS
    assert mine[0].follow_ups == ("What would you do differently next time?",)
    assert mine[1].talking_points == banks.KIND_TALKING_POINTS["motivation"]
    assert mine[1].follow_ups == (banks.KIND_FOLLOW_UPS["motivation"],)
    store.close()

    # A crash after the commit but before the files went: the next start adds nothing twice.
    write_old_files(data_dir)
    store = open_store(data_settings)
    assert len(list_own_questions(store)) == 2 and len(list_favourites(store)) == 2
    assert not (data_dir / "favourites.json").exists()
    store.close()


def test_files_coach_did_not_write_are_left_alone(data_settings):
    data_dir = data_settings.data_dir
    (data_dir / "question_banks").mkdir(parents=True)
    (data_dir / "favourites.json").write_text("[not json", encoding="utf-8")
    hand_made = OLD_BANK + '\n[[ask]]\nid = "ask-mine"\ntext = "Who decides?"\ntopic = "process"\nwhy = "x"\n'
    (data_dir / "question_banks" / "my_questions.toml").write_text(hand_made, encoding="utf-8")
    store = open_store(data_settings)
    assert list_own_questions(store) == [] and list_favourites(store) == []
    assert (data_dir / "favourites.json").read_text(encoding="utf-8") == "[not json"
    # still a user bank, loaded as before
    assert [q.id for q in own(data_dir)] == OLD_IDS
    assert "ask-mine" in [a.id for a in banks.load_questions_to_ask(data_dir)]
    store.close()


def test_own_questions_can_be_edited_and_deleted(data_settings):
    data_dir = data_settings.data_dir
    first = banks.add_user_question(data_dir, "What  did you ship last quarter?", competencies=["execution"])
    second = banks.add_user_question(data_dir, "Why this team?", category="motivation")
    edited = banks.edit_user_question(
        data_dir, first.id, text="What did you ship last year?", difficulty="hard"
    )
    assert edited.id == first.id
    assert [(q.text, q.difficulty) for q in own(data_dir)] == [
        ("What did you ship last year?", "hard"),
        ("Why this team?", "medium"),
    ]
    with pytest.raises(InputError, match="Unknown category 'gossip'"):
        banks.edit_user_question(data_dir, first.id, category="gossip")
    with pytest.raises(InputError, match="not a question one could answer"):  # it became "?"
        banks.edit_user_question(data_dir, first.id, text=" ? ")
    with pytest.raises(InputError, match="That is 21 talking points"):
        banks.edit_user_question(data_dir, first.id, talking_points=["what I shipped"] * 21)
    assert own(data_dir)[0].category == "behavioural"

    store = open_store(data_settings)
    set_favourite(store, second.id, True)
    delete_own_question(store, second.id)
    assert [q.id for q in own(data_dir)] == [first.id]
    assert list_favourites(store) == []
    with pytest.raises(InputError, match="no question with id"):
        edit_own_question(store, second.id, text="gone")
    with pytest.raises(InputError, match="no field 'source'"):
        edit_own_question(store, first.id, source="bank")
    store.close()
    with pytest.raises(InputError) as refused:  # it read only "… to file the answers under."
        banks.delete_user_question(data_dir, first.id, answers_to="beh-nope")
    assert str(refused.value) == (
        "There is no other question with id 'beh-nope' to file the answers under; `coach questions` "
        "lists the ids (--search WORDS finds one by its words)."
    )
    assert refused.value.in_app == (  # a page names no id nor command
        "The question chosen to file the answers under is no longer there; choose another, or keep them "
        "under this question's words."
    )
    assert [q.id for q in own(data_dir)] == [first.id]  # refused before anything went
    banks.delete_user_question(data_dir, first.id)
    assert own(data_dir) == []


def test_export_and_import_carry_own_questions_and_stars(tmp_path, backend, monkeypatch):
    source_settings = make_settings(tmp_path, backend, "old")
    if source_settings.database_url:
        monkeypatch.setenv("COACH_DATABASE_URL", source_settings.database_url)
    write_old_files(source_settings.data_dir)
    source = open_store(source_settings)
    set_favourite(source, "gen-mot-02", True)
    export_data(source, tmp_path / "backup.zip")
    source.close()

    target_settings = make_settings(tmp_path, backend, "new")
    if target_settings.database_url:
        monkeypatch.setenv("COACH_DATABASE_URL", target_settings.database_url)
    target = open_store(target_settings)
    set_favourite(target, "swe-tech-03", True)
    result = import_data(target, tmp_path / "backup.zip", check_own_question=banks.check_own_question)
    assert result["own_questions_added"] == 2 and result["favourites_added"] == 3
    assert list_favourites(target) == ["swe-tech-03", "swe-beh-01", "user-why-acme-why-now-1", "gen-mot-02"]
    assert [q.id for q in own(target_settings.data_dir)] == OLD_IDS
    again = import_data(target, tmp_path / "backup.zip", check_own_question=banks.check_own_question)
    assert again["own_questions_added"] == 0 and again["favourites_added"] == 0
    assert len(list_own_questions(target)) == 2

    removed = delete_all_data(target, target_settings, "DELETE")
    assert list_own_questions(target) == [] and list_favourites(target) == []
    assert "favourites.json" not in removed and own(target_settings.data_dir) == []
    target.close()


def test_an_export_from_before_migration_3_brings_its_lists(tmp_path, backend, monkeypatch):
    settings = make_settings(tmp_path, backend, "new")
    if settings.database_url:
        monkeypatch.setenv("COACH_DATABASE_URL", settings.database_url)
    store = open_store(settings)
    add_goal(store, kind="wpm", target=140)  # an empty store makes no export
    export_data(store, tmp_path / "backup.zip")
    with zipfile.ZipFile(tmp_path / "backup.zip") as archive:
        manifest = json.loads(archive.read("coach-export.json"))
    for name in ("own_questions", "favourites"):
        del manifest["tables"][name]
    manifest["schema"] = "0002_analysis_runs"
    manifest["favourites"] = ["swe-beh-01"]
    entry = {"id": "user-old-1", "text": "An old one?", **_old_entry()}
    manifest["user_questions"] = [entry]
    with zipfile.ZipFile(tmp_path / "older.zip", "w") as older:
        older.writestr("coach-export.json", json.dumps(manifest))
    result = import_data(store, tmp_path / "older.zip", check_own_question=banks.check_own_question)
    assert result["own_questions_added"] == 1 and result["favourites_added"] == 1
    assert banks.get_question("user-old-1", settings.data_dir).text == "An old one?"
    assert list_favourites(store) == ["swe-beh-01"]
    store.close()


def _old_entry() -> dict:
    return {
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


def test_looking_at_questions_creates_no_database(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    assert own(tmp_path) == []
    assert not (tmp_path / "coach.db").exists()
    banks.add_user_question(tmp_path, "A question of mine?")
    assert stat.S_IMODE(os.stat(tmp_path / "coach.db").st_mode) == 0o600
    with open_store(make_settings(tmp_path, "sqlite", ".")).read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM own_questions")).scalar() == 1


def test_the_answers_filed_under_a_question_are_counted_per_person(data_settings):
    """What the Questions page names before a delete: your attempts and real answers, not another's."""
    from store_support import analysis_dict, transcript_dict

    from coach.store import count_answers_by_question, count_answers_to, save_attempt

    store = open_store(data_settings)
    try:
        for owner, takes, question_id in (
            ("", 2, "user-why-this-team-1"),
            ("someone-else", 3, "user-why-this-team-1"),
            ("", 1, "user-first-90-days-1"),
        ):
            for _ in range(takes):
                save_attempt(
                    store.for_owner(owner),
                    question_id=question_id,
                    question_text="Why this team?",
                    recording=None,
                    transcript=transcript_dict(),
                    analysis=analysis_dict(),
                    engine="faster-whisper",
                    model="tiny.en",
                )
        assert count_answers_to(store, "user-why-this-team-1") == 2
        assert count_answers_to(store.for_owner("someone-else"), "user-why-this-team-1") == 3
        assert count_answers_to(store, "beh-own-07") == 0
        # the page's one query for all your questions gives the same counts
        assert count_answers_by_question(
            store, ["user-why-this-team-1", "user-first-90-days-1", "beh-own-07"]
        ) == {"user-why-this-team-1": 2, "user-first-90-days-1": 1, "beh-own-07": 0}
        assert count_answers_by_question(store, []) == {}
    finally:
        store.close()
