"""What was deleted here stays deleted when an older backup that still holds it is imported, and a
mock interview's answer brought back by an import is that interview's answer again (SQLite and
PostgreSQL, through the commands a person types)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from cli_support import coach_command
from click.testing import CliRunner
from store_support import (  # noqa: F401
    backend_fixture,
    logged_interview,
    make_settings,
    record,
    save_answer,
    settings_fixture,
)

from coach.data_admin import CONFIRM_WORD, delete_all_data, import_backup, import_sentence
from coach.store import (
    add_debrief,
    delete_attempt,
    list_attempts,
    list_debriefs,
    list_interviews,
    list_turns,
    open_store,
    save_interview_recording,
)
from coach.store.mock_sessions import list_mock_sessions, save_mock_session
from coach.store.recordings import add_recording
from coach.store.transfer import export_data
from coach.unanalysed import recordings_not_analysed

CONFLICT = ("beh-conflict", "Tell me about a conflict.")
FAILURE = ("beh-failure", "Tell me about a failure.")
BUILT = ("beh-built", "Tell me about something you built.")


def _run(settings, *args):
    env = {"COACH_DATA_DIR": str(settings.data_dir), "COACH_DATABASE_URL": settings.database_url or ""}
    result = CliRunner().invoke(coach_command(), [str(a) for a in args], env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.stdout.strip()


def _fill(settings) -> dict:
    """Three practice answers with their recordings, a take kept but never analysed, Acme with a
    debrief, and Initech reviewed from a recording (one answer heard) with a debrief of its own."""
    db = open_store(settings)
    try:
        answers = [
            save_answer(db, *question, recording=record(settings, pitch))
            for question, pitch in ((CONFLICT, 200.0), (FAILURE, 210.0), (BUILT, 220.0))
        ]
        with db.write() as conn:
            add_recording(conn, db, record(settings, 230.0), "practice")
        acme = logged_interview(db)
        add_debrief(db, acme, went_well="the system design round", interest=4, proceed=True)
        initech = logged_interview(db, company="Initech", people=[{"name": "Bill Lumbergh"}])
        save_interview_recording(
            db,
            initech,
            recording=record(settings, 300.0, kind="interview"),
            transcript=None,
            engine="faster-whisper",
            model="tiny.en",
            answers=[{"question_text": "Why Initech?", "analysis": None}],
        )
        add_debrief(db, initech, could_be_better="my questions for them", interest=2, proceed=False)
        [take] = recordings_not_analysed(db)
    finally:
        db.close()
    return {"answers": answers, "acme": acme, "initech": initech, "take": take.path}


def _seen(settings) -> dict:
    db = open_store(settings)
    try:
        return {
            "answers": sorted(a["question_id"] for a in list_attempts(db)),
            "interviews": sorted(i["company"] for i in list_interviews(db)),
            "debriefs": sorted(d["company"] for d in list_debriefs(db)),
            "real answers": [t["question_text"] for t in list_turns(db)],
            "not analysed": [r.path for r in recordings_not_analysed(db)],
            "files": sorted(p.name for p in settings.recordings_dir.rglob("*.wav")),
        }
    finally:
        db.close()


def test_an_answer_debrief_interview_and_recording_deleted_here_stay_deleted_after_an_older_backup(
    settings, tmp_path, backend
):
    """Deleted on purpose (an answer, Acme's debrief, the whole Initech interview, a take never
    analysed), then an older backup imported to get something else back: everything deleted came
    back as if never here."""
    made = _fill(settings)
    backup = tmp_path / "older-backup.zip"
    _run(settings, "export", backup)
    _run(settings, "delete-answer", made["answers"][0], "--yes")
    _run(settings, "delete-debrief", made["acme"], "--yes")
    _run(settings, "delete-interview", made["initech"], "--yes")
    _run(settings, "delete-recording", made["take"], "--yes")
    before = _seen(settings)
    assert before["answers"] == ["beh-built", "beh-failure"] and before["interviews"] == ["Acme Robotics"]
    assert before["debriefs"] == [] and before["not analysed"] == [] and len(before["files"]) == 2

    said = _run(settings, "import", backup)

    assert _seen(settings) == before
    # the question Initech's interviewer asked went with its interview (it stayed, "already here")
    assert said == (
        "Nothing new to import: everything else in this backup is already here (2 practice answers, "
        "1 interview, 1 person met and 2 recordings). 1 practice answer, 1 interview, 1 debrief, 1 question "
        "in your history and 1 recording in the backup were not brought back: they were deleted here."
    ), said

    # the record is this data directory's: a new one restores the backup whole
    elsewhere = make_settings(tmp_path, backend, "new-laptop")
    assert _run(elsewhere, "import", backup).startswith(
        "Imported 3 practice answers, 2 interviews, 1 interview transcript, 1 answer from a real "
        "interview, 2 people met, 2 debriefs, 1 question in your history and 5 recordings."
    )


def test_a_backup_that_adds_something_says_what_it_left_out_as_deleted_here(settings, tmp_path, backend):
    """Restored on a new laptop, one answer deleted there; a later backup from the old laptop
    restored to get its new answer: the new one comes, the deleted one stays out, and the sentence
    says why."""
    old = make_settings(tmp_path, backend, "old-laptop")
    db = open_store(old)
    try:
        save_answer(db, *CONFLICT, recording=record(old, 200.0))
        save_answer(db, *FAILURE, recording=record(old, 210.0))
        export_data(db, tmp_path / "first.zip")
        save_answer(db, *BUILT, recording=record(old, 220.0))
        export_data(db, tmp_path / "second.zip")
    finally:
        db.close()
    _run(settings, "import", tmp_path / "first.zip")
    conflict = json.loads(_run(settings, "history", "--json"))["attempts"]
    [conflict] = [a["id"] for a in conflict if a["question_id"] == "beh-conflict"]
    _run(settings, "delete-answer", conflict, "--yes")

    said = _run(settings, "import", tmp_path / "second.zip")

    assert said == (
        "Imported 1 practice answer and 1 recording. Already here, so not added twice: 1 practice "
        "answer and 1 recording. 1 practice answer in the backup was not brought back: it was "
        "deleted here."
    ), said
    assert _seen(settings)["answers"] == ["beh-built", "beh-failure"]


def test_after_deleting_everything_an_older_backup_comes_back_whole(settings, tmp_path, backend):
    """The records of deletions and of changes are the person's data: deleting all of it removes
    them too, so a backup restored onto the emptied coach is all there again, as it was."""
    from coach.store import update_debrief
    from coach.store.schema import deletions, row_changes

    made = _fill(settings)
    backup = tmp_path / "older-backup.zip"
    _run(settings, "export", backup)
    _run(settings, "delete-answer", made["answers"][0], "--yes")
    db = open_store(settings)
    try:
        [acme] = [d["id"] for d in list_debriefs(db) if d["company"] == "Acme Robotics"]
        update_debrief(db, acme, interest=5)
        with db.read() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(row_changes)).scalar() == 1
        delete_all_data(db, settings, CONFIRM_WORD)
        with db.read() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(deletions)).scalar() == 0
            assert conn.execute(sa.select(sa.func.count()).select_from(row_changes)).scalar() == 0
        result = import_backup(db, backup)
        assert sorted(d["interest"] for d in list_debriefs(db)) == [2, 4]
    finally:
        db.close()
    assert "deleted here" not in import_sentence(result)
    assert _seen(settings)["answers"] == ["beh-built", "beh-conflict", "beh-failure"]


def _mock_interview(settings) -> list[int]:
    """A mock interview of two answers; returns the answers' ids."""
    db = open_store(settings)
    try:
        answers = [
            save_answer(db, *question, recording=record(settings, pitch))
            for question, pitch in ((CONFLICT, 240.0), (FAILURE, 250.0))
        ]
        save_mock_session(
            db,
            format="behavioural",
            planned_s=1200,
            used_s=180.0,
            score_overall=70.0,
            summary={"pattern": "Both answers had a result."},
            turns=[
                {"kind": "question", "question_id": q, "question_text": text, "attempt_id": a}
                for (q, text), a in zip((CONFLICT, FAILURE), answers, strict=True)
            ],
        )
    finally:
        db.close()
    return answers


def _without_deletions(backup) -> None:
    """Make `backup` as a coach made it before backups carried the record of deletions."""
    import zipfile

    from coach.store.transfer import MANIFEST

    with zipfile.ZipFile(backup) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members[MANIFEST])
    assert manifest.pop("deletions")
    members[MANIFEST] = json.dumps(manifest).encode()
    with zipfile.ZipFile(backup, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_a_mock_interviews_answer_restored_by_an_import_is_that_interviews_answer_again(
    settings, tmp_path, backend
):
    """One answer of a mock interview deleted on the old laptop, its backup restored on the new
    one first, then an older backup that still holds the answer: the answer came back as practice
    of no mock interview, and the interview's turn stayed without its answer. (A backup carries its
    deletions now, so that answer stays deleted: the later backup here is one made before backups
    carried them.)"""
    conflict, _ = _mock_interview(settings)
    _run(settings, "export", tmp_path / "before.zip")
    _run(settings, "delete-answer", conflict, "--yes")
    _run(settings, "export", tmp_path / "after.zip")
    _without_deletions(tmp_path / "after.zip")

    laptop = make_settings(tmp_path, backend, "new-laptop")
    _run(laptop, "import", tmp_path / "after.zip")
    said = _run(laptop, "import", tmp_path / "before.zip")

    assert said.startswith("Imported 1 practice answer and 1 recording."), said
    history = json.loads(_run(laptop, "history", "--json"))["attempts"]
    db = open_store(laptop)
    try:
        [session] = list_mock_sessions(db, with_turns=True)
        answered = {t["question_id"]: t["attempt_id"] for t in session["turns"]}
    finally:
        db.close()
    by_question = {a["question_id"]: a for a in history}
    assert answered == {q: by_question[q]["id"] for q in ("beh-conflict", "beh-failure")}
    assert {a["mock_session_id"] for a in history} == {session["id"]}


@pytest.mark.new_database  # it builds an old database migration by migration
def test_a_database_from_before_the_record_of_deletions_gains_it_and_keeps_every_row(tmp_path, backend):
    """Opened by this coach, a database at migration 0013 gains the record of deletions, empty, with
    every row as it was; an answer deleted after the upgrade stays deleted. (One deleted before it
    was never recorded: an older backup still brings that one back.)"""
    from coach.store.db import Store, database_url, make_engine
    from coach.store.migrations import migrate
    from coach.store.schema import deletions

    settings = make_settings(tmp_path, backend, "old")
    settings.data_dir.mkdir(parents=True)
    engine = make_engine(database_url(settings))
    with engine.begin() as conn:
        assert migrate(conn, upto="0013_conversation_facts")[-1] == "0013_conversation_facts"
    assert "deletions" not in sa.inspect(engine).get_table_names()
    old = Store(engine=engine, settings=settings)
    answers = [
        save_answer(old, *question, recording=record(settings, pitch))
        for question, pitch in ((CONFLICT, 200.0), (FAILURE, 210.0))
    ]
    engine.dispose()

    db = open_store(settings)
    try:
        with db.read() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(deletions)).scalar() == 0
        assert sorted(a["question_id"] for a in list_attempts(db)) == ["beh-conflict", "beh-failure"]
        export_data(db, tmp_path / "backup.zip")
        delete_attempt(db, answers[0], keep_audio=False)
        said = import_sentence(import_backup(db, tmp_path / "backup.zip"))
        assert [a["question_id"] for a in list_attempts(db)] == ["beh-failure"]
    finally:
        db.close()
    assert said.endswith(" 1 practice answer in the backup was not brought back: it was deleted here."), said


def test_questions_a_deleted_debrief_took_back_stay_gone_after_an_older_backup(
    settings, tmp_path, backend, monkeypatch
):
    """Deleting a debrief takes back the practice questions it added; an older backup brought them
    back (the debrief stayed out), to be practised as asked in an interview no debrief recalls."""
    from coach import banks
    from coach.debrief import save_debrief

    if settings.database_url:  # the question banks open the store the environment names
        monkeypatch.setenv("COACH_DATABASE_URL", settings.database_url)
    db = open_store(settings)
    try:
        initech = logged_interview(db, company="Initech")
        asked = ["How do you plan a quarter?", "Tell me about a conflict with a peer."]
        save_debrief(db, settings, initech, {"questions_asked": asked, "interest": 4})
    finally:
        db.close()
    _run(settings, "export", tmp_path / "older.zip")
    _run(settings, "delete-debrief", initech, "--yes")

    said = _run(settings, "import", tmp_path / "older.zip")

    own = [q.text for q in banks.load_questions(settings.data_dir) if q.source != "bank"]
    assert own == []
    assert said == (
        "Nothing new to import: everything else in this backup is already here (1 interview and 1 "
        "person met). 1 debrief and 2 of your own questions in the backup were not brought back: they were "
        "deleted here."
    ), said


def test_answers_replaced_by_reviewing_a_recording_again_do_not_come_back_beside_the_new_ones(
    settings, tmp_path, backend
):
    """A recording reviewed again (the interviewer's voice had been taken for the candidate's) has
    new answers; an older backup added its earlier answers beside them, each question twice."""
    from coach.store import replace_interview_answers

    db = open_store(settings)
    try:
        initech = logged_interview(db, company="Initech")
        heard = save_interview_recording(
            db,
            initech,
            recording=record(settings, 300.0, kind="interview"),
            transcript=None,
            engine="faster-whisper",
            model="tiny.en",
            answers=[
                {"question_text": "Why Initech?", "analysis": None},
                {"question_text": "So tell me about the role.", "analysis": None},
            ],
        )
        export_data(db, tmp_path / "older.zip")
        replace_interview_answers(
            db,
            heard,
            transcript=None,
            answers=[{"question_text": "Why Initech?", "analysis": None}],
            engine="faster-whisper",
            model="tiny.en",
        )
        result = import_backup(db, tmp_path / "older.zip")
        assert [t["question_text"] for t in list_turns(db)] == ["Why Initech?"]
    finally:
        db.close()
    assert import_sentence(result).endswith(
        " 2 answers from real interviews in the backup were not brought back: their recording was "
        "reviewed again here, which replaced them."
    ), import_sentence(result)


def test_the_settings_page_says_what_it_left_out_as_deleted_here(tmp_path, monkeypatch):
    """The Settings page's restore, after an answer was deleted on the Practice page's way."""
    from app_support import page

    from coach.config import load_settings
    from coach.data_admin import export_bytes
    from coach.practice import delete_answer

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    db = open_store(settings)
    try:
        conflict = save_answer(db, *CONFLICT, recording=record(settings, 200.0))
        save_answer(db, *FAILURE, recording=record(settings, 210.0))
        backup = export_bytes(db)[0]
        delete_answer(db, conflict)
    finally:
        db.close()
    at = page("settings").run()
    [u for u in at.get("file_uploader") if u.key == "settings_import"][0].upload(
        "coach-backup-2026-12-01.zip", backup, "application/zip"
    ).run()
    [b for b in at.button if b.label == "Import it"][0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "Nothing new to import: everything else in this backup is already here (1 practice answer and "
        "1 recording). 1 practice answer in the backup was not brought back: it was deleted here."
    ]


def test_an_own_question_edited_on_the_other_machine_comes_with_its_newer_words(
    settings, tmp_path, backend, monkeypatch
):
    """Your own question reworded on the old laptop after moving: its backup kept the old words on
    the new one, saying only that they differed."""
    from coach import banks
    from coach.store.own_questions import list_own_questions

    if settings.database_url:  # the question banks open the store the environment names
        monkeypatch.setenv("COACH_DATABASE_URL", settings.database_url)
    mine = banks.add_user_question(
        settings.data_dir, "Can you tell me about your hobbies outside work?", source="user"
    )
    _run(settings, "export", tmp_path / "first.zip")
    laptop = make_settings(tmp_path, backend, "new-laptop")
    _run(laptop, "import", tmp_path / "first.zip")
    _run(settings, "edit-question", mine.id, "--text", "Tell me about yourself in two minutes.")
    _run(settings, "export", tmp_path / "second.zip")

    said = _run(laptop, "import", tmp_path / "second.zip")

    assert said.endswith(
        " 1 of your own questions in the backup was changed later than the one here and replaced it."
    ), said
    db = open_store(laptop)
    try:
        assert [q["text"] for q in list_own_questions(db)] == ["Tell me about yourself in two minutes."]
    finally:
        db.close()


def _log_and_plans(settings) -> dict:
    """Acme with Dana and Lee met, an offer and a BATNA, two goals and two mock interviews."""
    from coach.store import add_goal, add_option

    db = open_store(settings)
    try:
        acme = logged_interview(
            db, people=[{"name": "Dana Ortiz"}, {"name": "Lee Park", "title": "staff engineer"}]
        )
        offer = add_option(db, kind="offer", company="Acme Robotics", title="Staff engineer")
        add_option(db, kind="batna", company="current job")
        goal = add_goal(db, kind="wpm", target=150.0)
        add_goal(db, kind="real_interviews", target=1, period_days=91)
    finally:
        db.close()
    first, _ = _mock_interview(settings)
    _mock_interview(settings)
    db = open_store(settings)
    try:
        mock = next(
            s["id"]
            for s in list_mock_sessions(db, with_turns=True)
            if first in [t["attempt_id"] for t in s["turns"]]
        )
    finally:
        db.close()
    return {"acme": acme, "offer": offer, "goal": goal, "mock": mock}


def _plans_seen(settings) -> dict:
    from coach.store import get_interview, list_goals, list_options

    db = open_store(settings)
    try:
        [acme] = list_interviews(db)
        return {
            "people": sorted(p["name"] for p in get_interview(db, acme["id"])["people"]),
            "options": sorted(o["kind"] for o in list_options(db)),
            "goals": sorted(g["kind"] for g in list_goals(db)),
            "mock interviews": len(list_mock_sessions(db)),
        }
    finally:
        db.close()


def test_a_person_an_option_a_goal_and_a_mock_interview_deleted_here_stay_deleted(
    settings, tmp_path, backend
):
    """A person removed from an interview, a declined offer deleted, a goal dropped and a mock
    interview forgotten came back whole with an older backup: their deletions were not recorded."""
    from coach.store import delete_goal
    from coach.store.mock_sessions import delete_mock_session

    made = _log_and_plans(settings)
    _run(settings, "export", tmp_path / "older.zip")
    _run(settings, "remove-person", made["acme"], "Lee Park")
    _run(settings, "delete-option", made["offer"], "--yes")
    db = open_store(settings)
    try:
        delete_goal(db, made["goal"])
        delete_mock_session(db, made["mock"])
    finally:
        db.close()
    before = _plans_seen(settings)
    assert before == {
        "people": ["Dana Ortiz"],
        "options": ["batna"],
        "goals": ["real_interviews"],
        "mock interviews": 1,
    }

    said = _run(settings, "import", tmp_path / "older.zip")

    assert _plans_seen(settings) == before
    assert said.endswith(
        " 1 person met, 1 mock interview, 1 option and 1 goal in the backup were not brought back: they "
        "were deleted here."
    ), said


def test_a_backup_carries_what_was_deleted_so_an_older_one_restored_after_it_leaves_that_out(
    settings, tmp_path, backend
):
    """A new laptop restored from the newest backup, then from an older one to get something else
    back: what had been deleted before the newest backup (an answer, an offer, a goal) came back, as
    the record of deletions stayed on the old laptop."""
    from coach.store import add_goal, add_option, delete_goal, list_goals, list_options

    db = open_store(settings)
    try:
        conflict = save_answer(db, *CONFLICT, recording=record(settings, 200.0))
        save_answer(db, *FAILURE, recording=record(settings, 210.0))
        offer = add_option(db, kind="offer", company="Initech")
        goal = add_goal(db, kind="wpm", target=150.0)
    finally:
        db.close()
    _run(settings, "export", tmp_path / "older.zip")
    _run(settings, "delete-answer", conflict, "--yes")
    _run(settings, "delete-option", offer, "--yes")
    db = open_store(settings)
    try:
        delete_goal(db, goal)
    finally:
        db.close()
    _run(settings, "export", tmp_path / "newer.zip")

    laptop = make_settings(tmp_path, backend, "new-laptop")
    _run(laptop, "import", tmp_path / "newer.zip")
    said = _run(laptop, "import", tmp_path / "older.zip")

    assert said.endswith(
        " 1 practice answer, 1 option and 1 goal in the backup were not brought back: they were deleted here."
    ), said
    db = open_store(laptop)
    try:
        assert [a["question_id"] for a in list_attempts(db)] == ["beh-failure"]
        assert list_options(db) == [] and list_goals(db) == []
    finally:
        db.close()
    assert len(list(laptop.recordings_dir.rglob("*.wav"))) == 1


def test_what_was_deleted_where_a_backup_was_made_goes_here_too_unless_changed_here_since(
    settings, tmp_path, backend
):
    """Both laptops hold the same answers, interviews and offers; on the old one an answer, two
    interviews and two options are deleted, and its backup restored on the new one brought none of
    that over. Now what was deleted there goes here too, with its recording and its interview's
    debriefs and people, except what was changed here after it was deleted there (an option edited,
    a debrief written for an interview): the later change wins."""
    from coach.store import add_option, get_interview, list_options, update_option

    db = open_store(settings)
    try:
        conflict = save_answer(db, *CONFLICT, recording=record(settings, 200.0))
        save_answer(db, *FAILURE, recording=record(settings, 210.0))
        acme = logged_interview(db)
        add_debrief(db, acme, went_well="the system design round", interest=4, proceed=True)
        initech = logged_interview(db, company="Initech", people=[{"name": "Bill Lumbergh"}])
        offer = add_option(db, kind="offer", company="Acme Robotics")
        batna = add_option(db, kind="batna", company="current job")
    finally:
        db.close()
    _run(settings, "export", tmp_path / "first.zip")
    laptop = make_settings(tmp_path, backend, "new-laptop")
    _run(laptop, "import", tmp_path / "first.zip")
    _run(settings, "delete-answer", conflict, "--yes")
    _run(settings, "delete-interview", acme, "--yes")
    _run(settings, "delete-interview", initech, "--yes")
    _run(settings, "delete-option", offer, "--yes")
    _run(settings, "delete-option", batna, "--yes")
    _run(settings, "export", tmp_path / "second.zip")
    db = open_store(laptop)  # after those deletions: the BATNA reworded, Initech debriefed
    try:
        [here] = [o["id"] for o in list_options(db) if o["kind"] == "batna"]
        update_option(db, here, details="staying means the promotion in spring")
        [initech_here] = [i["id"] for i in list_interviews(db) if i["company"] == "Initech"]
        add_debrief(db, initech_here, could_be_better="my questions for them", interest=2, proceed=False)
    finally:
        db.close()

    said = _run(laptop, "import", tmp_path / "second.zip")

    assert said.endswith(
        " 1 practice answer, 1 interview and 1 option deleted where the backup was made were deleted "
        "here too. 1 interview and 1 option deleted where the backup was made were kept: they were "
        "changed here after that."
    ), said
    db = open_store(laptop)
    try:
        assert [a["question_id"] for a in list_attempts(db)] == ["beh-failure"]
        [kept] = list_interviews(db)
        assert kept["company"] == "Initech"
        assert [p["name"] for p in get_interview(db, kept["id"])["people"]] == ["Bill Lumbergh"]
        assert [d["company"] for d in list_debriefs(db)] == ["Initech"]  # Acme's went with Acme
        assert [(o["kind"], o["details"]) for o in list_options(db)] == [
            ("batna", "staying means the promotion in spring")
        ]
    finally:
        db.close()
    assert len(list(laptop.recordings_dir.rglob("*.wav"))) == 1  # the deleted answer's went with it
    # the deletions are recorded here now: the older backup does not bring them back either
    again = _run(laptop, "import", tmp_path / "first.zip")
    assert again == (
        "Nothing new to import: everything else in this backup is already here (1 practice answer, 1 "
        "interview, 1 person met, 1 option and 1 recording). 1 practice answer, 1 interview and 1 option "
        "in the backup were not brought back: they were deleted here. 1 option in the backup is an older "
        "copy of the one here: the one here, changed later, was kept."
    ), again


def test_a_backup_with_a_damaged_list_of_deletions_imports_nothing(tmp_path, monkeypatch):
    import zipfile

    import pytest

    from coach.errors import InputError
    from coach.store.transfer import MANIFEST

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    old = make_settings(tmp_path, "sqlite", "old")
    db = open_store(old)
    try:
        save_answer(db, *CONFLICT)
        export_data(db, tmp_path / "backup.zip")
    finally:
        db.close()
    with zipfile.ZipFile(tmp_path / "backup.zip") as archive:
        manifest = json.loads(archive.read(MANIFEST))
    manifest["deletions"] = [{"table": "attempts", "uid": 7}]
    with zipfile.ZipFile(tmp_path / "damaged.zip", "w") as archive:
        archive.writestr(MANIFEST, json.dumps(manifest))
    db = open_store(make_settings(tmp_path, "sqlite", "new"))
    try:
        with pytest.raises(InputError) as refused:
            import_backup(db, tmp_path / "damaged.zip")
        assert list_attempts(db) == []
    finally:
        db.close()
    assert (
        str(refused.value)
        == f"{tmp_path / 'damaged.zip'} has a damaged list of deletions; nothing was imported."
    )
