"""The record of deletions a backup carries reaches another machine even when nothing else is left,
and what was added here after a deletion there keeps its row (SQLite and PostgreSQL, through the
commands a person types and the store)."""

from __future__ import annotations

from cli_support import coach_command
from click.testing import CliRunner
from store_support import (  # noqa: F401
    backend_fixture,
    logged_interview,
    make_settings,
    settings_fixture,
)

from coach.data_admin import export_sentence
from coach.store import (
    add_goal,
    add_option,
    add_person,
    delete_goal,
    get_interview,
    list_goals,
    list_interviews,
    list_options,
    open_store,
    update_option,
)
from coach.store.transfer import export_data


def _run(settings, *args):
    env = {"COACH_DATA_DIR": str(settings.data_dir), "COACH_DATABASE_URL": settings.database_url or ""}
    result = CliRunner().invoke(coach_command(), [str(a) for a in args], env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.stdout.strip()


def test_a_backup_of_a_store_whose_every_row_was_deleted_deletes_them_where_it_is_restored(
    settings, tmp_path, backend
):
    """Everything on the old laptop deleted (an interview, two options, a goal): its backup said
    "Nothing to back up yet" and wrote nothing, so the new laptop, restored earlier, kept it all.
    Now the backup holds the record of deletions and the new laptop deletes them too, but for the
    option reworded there after they were deleted (the later change wins)."""
    db = open_store(settings)
    try:
        acme = logged_interview(db)
        offer = add_option(db, kind="offer", company="Acme Robotics")
        batna = add_option(db, kind="batna", company="current job")
        goal = add_goal(db, kind="wpm", target=150.0)
    finally:
        db.close()
    _run(settings, "export", tmp_path / "first.zip")
    laptop = make_settings(tmp_path, backend, "new-laptop")
    _run(laptop, "import", tmp_path / "first.zip")
    _run(settings, "delete-interview", acme, "--yes")
    _run(settings, "delete-option", offer, "--yes")
    _run(settings, "delete-option", batna, "--yes")
    db = open_store(settings)
    try:
        delete_goal(db, goal)
    finally:
        db.close()

    said = _run(settings, "export", tmp_path / "deleted.zip")

    assert said == (
        "Exported only the record of what was deleted here (1 interview, 2 options and 1 goal) to "
        f"{tmp_path / 'deleted.zip'}."
    ), said
    db = open_store(settings)
    try:  # the Settings page's words
        page = export_sentence(export_data(db, tmp_path / "from-the-page.zip"))
    finally:
        db.close()
    assert page == (
        "The backup holds only the record of what was deleted here (1 interview, 2 options and 1 goal): "
        "restoring it on another machine deletes those there too."
    ), page
    db = open_store(laptop)  # after those deletions: the BATNA reworded here
    try:
        [here] = [o["id"] for o in list_options(db) if o["kind"] == "batna"]
        update_option(db, here, details="staying means the promotion in spring")
    finally:
        db.close()

    said = _run(laptop, "import", tmp_path / "deleted.zip")

    assert said == (
        "Nothing new to import. 1 interview, 1 option and 1 goal deleted where the backup was made were "
        "deleted here too. 1 option deleted where the backup was made was kept: it was changed here "
        "after that."
    ), said
    db = open_store(laptop)
    try:
        assert list_interviews(db) == [] and list_goals(db) == []
        assert [(o["kind"], o["details"]) for o in list_options(db)] == [
            ("batna", "staying means the promotion in spring")
        ]
    finally:
        db.close()


def test_an_interview_that_gained_a_person_here_after_it_was_deleted_there_stays(settings, tmp_path, backend):
    """Acme deleted on the old laptop; on the new one, after that, the recruiter met at Acme was
    added to it. Importing the old laptop's backup deleted Acme with that person: adding someone
    met kept no time, so it was no sign of a later change."""
    db = open_store(settings)
    try:
        acme = logged_interview(db)
        add_option(db, kind="batna", company="current job")
    finally:
        db.close()
    _run(settings, "export", tmp_path / "first.zip")
    laptop = make_settings(tmp_path, backend, "new-laptop")
    _run(laptop, "import", tmp_path / "first.zip")
    _run(settings, "delete-interview", acme, "--yes")
    _run(settings, "export", tmp_path / "second.zip")
    db = open_store(laptop)
    try:
        [here] = [i["id"] for i in list_interviews(db)]
        add_person(db, here, name="Sam Reyes", title="recruiter")
    finally:
        db.close()

    said = _run(laptop, "import", tmp_path / "second.zip")

    assert said.endswith(
        " 1 interview deleted where the backup was made was kept: it was changed here after that."
    ), said
    db = open_store(laptop)
    try:
        [kept] = list_interviews(db)
        assert [p["name"] for p in get_interview(db, kept["id"])["people"]] == ["Dana Ortiz", "Sam Reyes"]
    finally:
        db.close()
