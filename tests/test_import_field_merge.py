"""A record edited on two laptops between backups keeps both edits: an import takes each field from
the side that changed it later, and says when both changed the same field, with the words it
replaced (SQLite and PostgreSQL, through `coach export` and `coach import`)."""

from __future__ import annotations

import json
import zipfile
from zoneinfo import ZoneInfo

import pytest
from cli_support import coach_command
from click.testing import CliRunner
from store_support import (  # noqa: F401
    backend_fixture,
    logged_interview,
    make_settings,
    settings_fixture,
)

from coach.local_time import use_zone
from coach.store import (
    add_debrief,
    list_debriefs,
    list_interviews,
    open_store,
    update_debrief,
    update_interview,
)

SKILL_GAPS_ON_BOTH = (
    " In the debrief of the first round at “Acme Robotics”, “Skill gaps” was changed both here and in"
    " the backup; "
)
INTEREST_ON_BOTH = SKILL_GAPS_ON_BOTH.replace("“Skill gaps”", "“Interest”")


def _run(settings, *args) -> str:
    env = {"COACH_DATA_DIR": str(settings.data_dir), "COACH_DATABASE_URL": settings.database_url or ""}
    result = CliRunner().invoke(coach_command(), [str(a) for a in args], env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.stdout.strip()


def _two_laptops(settings, tmp_path, backend):
    """Laptop A with Acme's first round and its debrief, and laptop B restored from A's backup."""
    db = open_store(settings)
    try:
        acme = logged_interview(db)
        add_debrief(db, acme, went_well="the system design round", interest=4)
    finally:
        db.close()
    _run(settings, "export", tmp_path / "a-first.zip")
    laptop_b = make_settings(tmp_path, backend, "laptop-b")
    _run(laptop_b, "import", tmp_path / "a-first.zip")
    return laptop_b


def _edit(settings, debrief=None, interview=None) -> None:
    db = open_store(settings)
    try:
        if debrief:
            [here] = list_debriefs(db)
            update_debrief(db, here["id"], **debrief)
        if interview:
            [here] = list_interviews(db)
            update_interview(db, here["id"], **interview)
    finally:
        db.close()


def _records(settings) -> tuple[dict, dict]:
    db = open_store(settings)
    try:
        [debrief] = list_debriefs(db)
        [interview] = list_interviews(db)
    finally:
        db.close()
    return debrief, interview


def test_a_debrief_and_an_interview_edited_in_other_fields_on_each_laptop_keep_both_edits(
    settings, tmp_path, backend
):
    """On laptop A a skill gap is added to the debrief and the interview's notes filled in; on B,
    restored from A's older backup, the "went well" note is fixed and the interview's stage
    corrected, later. Importing B's backup on A kept B's whole debrief and interview: A's skill gap
    and notes were lost, and the import said only that the backup's were newer."""
    laptop_b = _two_laptops(settings, tmp_path, backend)
    _edit(settings, debrief={"skill_gaps": "system design"}, interview={"notes": "ask about on-call"})
    _edit(
        laptop_b,
        debrief={"went_well": "the system design round, and the coding"},
        interview={"stage": "onsite"},
    )
    _run(laptop_b, "export", tmp_path / "b.zip")

    said = _run(settings, "import", tmp_path / "b.zip")

    # B's edits came in: it said "Nothing new to import: everything in this backup is already here"
    assert said.startswith(
        "Nothing new was added, but changes came in from the backup: everything in it was already here ("
    ), said
    assert said.endswith(
        " 1 interview and 1 debrief in the backup and the ones here were changed in different fields:"
        " the changes of both are kept."
    ), said
    assert "changed both here" not in said, said
    debrief, interview = _records(settings)
    assert (debrief["went_well"], debrief["skill_gaps"]) == (
        "the system design round, and the coding",
        "system design",
    )
    assert (interview["stage"], interview["notes"]) == ("onsite", "ask about on-call")
    # B's backup again: older than what A now holds in A's fields ("differs from the one here; the
    # one here was kept", the words for a backup with no times, read as if B's edits were refused)
    reimported = _run(settings, "import", tmp_path / "b.zip")
    assert reimported.startswith("Nothing new to import: everything in this backup is already here ("), (
        reimported
    )
    assert reimported.endswith(
        " 1 interview and 1 debrief in the backup are older copies of the ones here: the ones here,"
        " changed later, were kept."
    ), reimported
    assert _records(settings) == (debrief, interview)

    # back on B, A's backup brings A's edits and keeps B's: both laptops hold the same
    _run(settings, "export", tmp_path / "a-second.zip")
    again = _run(laptop_b, "import", tmp_path / "a-second.zip")
    assert again.endswith(
        " 1 interview and 1 debrief in the backup were changed later than the ones here and replaced them."
    ), again
    assert _records(laptop_b) == _records(settings)


def test_a_field_changed_on_both_laptops_keeps_the_later_and_says_what_the_other_read(
    settings, tmp_path, backend
):
    """Both laptops changed the skill gaps and the interest since they last met: the later is kept,
    and the import says which. The skill gaps replaced are kept below the later ones (quoted, being
    short); the interest replaced is quoted (they were lost without a word)."""
    laptop_b = _two_laptops(settings, tmp_path, backend)
    _edit(settings, debrief={"skill_gaps": "system design", "interest": 3})
    _edit(laptop_b, debrief={"skill_gaps": "SQL window functions", "interest": 5})
    _edit(laptop_b, debrief={"could_be_better": "ask about the team earlier"})  # on B alone
    _run(settings, "export", tmp_path / "a.zip")
    _run(laptop_b, "export", tmp_path / "b.zip")

    # the laptops a day apart on their clocks (UTC+14 and UTC-11): each dated the words it kept
    # below by its own day, so the two copies differed and the next import kept them below again
    try:
        use_zone(ZoneInfo("Pacific/Kiritimati"))
        on_a = _run(settings, "import", tmp_path / "b.zip")
        use_zone(ZoneInfo("Pacific/Pago_Pago"))
        on_b = _run(laptop_b, "import", tmp_path / "a.zip")
    finally:
        use_zone(None)

    # said field by field: A said "1 debrief in the backup was changed later than the one here and
    # replaced it" before them, B "1 debrief in the backup differs from the one here; the one here
    # was kept" (the words for a backup with no times), as if the whole debrief went one way
    assert on_a.endswith(
        ". In the debrief of the first round at “Acme Robotics”, “Skill gaps” was changed both here and"
        " in the backup; the backup's, changed later, is kept, and the one here (“system design”) is kept"
        " below it."
        + INTEREST_ON_BOTH
        + "the backup's, changed later, is kept, and the one here read “3”."
        + " Its “Could be better” came in from the backup, changed later there."
    ), on_a
    assert on_a.startswith("Nothing new was added, but changes came in from the backup: "), on_a
    # B kept its own words, and A's skill gaps came in below them
    assert on_b.startswith("Nothing new was added, but changes came in from the backup: "), on_b
    assert on_b.endswith(
        "). In the debrief of the first round at “Acme Robotics”, “Skill gaps” was changed both here and"
        " in the backup; "
        + "the one here, changed later, is kept, and the backup's (“system design”) is kept below it."
        + INTEREST_ON_BOTH
        + "the one here, changed later, is kept, and the backup's read “3”."
    ), on_b
    for laptop in (settings, laptop_b):
        debrief, _ = _records(laptop)
        assert (debrief["interest"], debrief["could_be_better"]) == (5, "ask about the team earlier")
        assert debrief["skill_gaps"].startswith("SQL window functions\n\nFrom the other copy, changed ")
        assert debrief["skill_gaps"].endswith(": system design"), debrief
    assert _records(settings) == _records(laptop_b)
    listed = json.loads(_run(settings, "import", tmp_path / "b.zip", "--json"))
    assert listed["changed_on_both"] == [], listed  # the same as here now: nothing to say


def test_a_field_changed_in_turn_on_each_laptop_is_no_change_on_both(settings, tmp_path, backend):
    """A changes the skill gaps and backs up, B restores it and changes them again, twice, and A
    restores B's: B typed over A's words, so nothing of A's is lost and nothing is said of both."""
    laptop_b = _two_laptops(settings, tmp_path, backend)
    _edit(settings, debrief={"skill_gaps": "system design"})
    _run(settings, "export", tmp_path / "a.zip")
    _run(laptop_b, "import", tmp_path / "a.zip")
    _edit(laptop_b, debrief={"skill_gaps": "system design at scale"})
    _edit(laptop_b, debrief={"skill_gaps": "system design at scale; caching"})
    _run(laptop_b, "export", tmp_path / "b.zip")

    said = _run(settings, "import", tmp_path / "b.zip")

    assert said.endswith(" 1 debrief in the backup was changed later than the one here and replaced it."), (
        said
    )
    assert _records(settings)[0]["skill_gaps"] == "system design at scale; caching"
    # and A changing them again after restoring B's, B's restore of it says nothing of both either
    _edit(settings, debrief={"skill_gaps": "caching"})
    _run(settings, "export", tmp_path / "a-again.zip")
    again = _run(laptop_b, "import", tmp_path / "a-again.zip")
    assert again.endswith(" 1 debrief in the backup was changed later than the one here and replaced it."), (
        again
    )
    assert _records(laptop_b)[0]["skill_gaps"] == "caching"


def _as_older_backup(made, older, *, row_times: bool) -> None:
    """`made` as a coach before fields were timed wrote it: the rows' times only (or none)."""
    with zipfile.ZipFile(made) as new, zipfile.ZipFile(older, "w") as old:
        for item in new.infolist():
            data = new.read(item)
            if item.filename == "coach-export.json":
                manifest = json.loads(data)
                manifest["schema"] = "0019_one_goal_a_kind"
                for rows in manifest["tables"].values():
                    for row in rows:
                        row.pop("field_changes", None)
                        if not row_times and "updated_at" in row:
                            row["updated_at"] = None
                data = json.dumps(manifest).encode()
            old.writestr(item, data)


def test_an_older_backup_with_row_times_or_none_imports_as_before(settings, tmp_path, backend):
    """A backup from before fields were timed says when each row changed, not which field: the row
    changed later there is taken whole, as before; with no times at all the one here is kept."""
    laptop_b = _two_laptops(settings, tmp_path, backend)
    _edit(
        laptop_b, debrief={"went_well": "the coding round", "interest": 5}, interview={"notes": "onsite next"}
    )
    _run(laptop_b, "export", tmp_path / "b.zip")
    _as_older_backup(tmp_path / "b.zip", tmp_path / "b-untimed.zip", row_times=False)
    _as_older_backup(tmp_path / "b.zip", tmp_path / "b-older.zip", row_times=True)

    untimed = _run(settings, "import", tmp_path / "b-untimed.zip")
    assert untimed.endswith(
        ". 1 interview and 1 debrief in the backup differ from the ones here; the ones here were kept."
    ), untimed
    assert _records(settings)[0]["went_well"] == "the system design round"

    timed = _run(settings, "import", tmp_path / "b-older.zip")
    assert timed.endswith(
        ". 1 interview and 1 debrief in the backup were changed later than the ones here and replaced them."
    ), timed
    debrief, interview = _records(settings)
    assert (debrief["went_well"], debrief["interest"], interview["notes"]) == (
        "the coding round",
        5,
        "onsite next",
    )


def test_words_replaced_in_a_text_field_changed_on_both_laptops_are_kept_below_the_later(
    settings, tmp_path, backend
):
    """Both laptops rewrote the debrief's notes since they last met: the later notes were kept and the
    earlier ones, 300 words, lived only in the import's sentence (a reload or a restart lost them).
    They are now kept in the notes themselves, below the later ones and marked; importing the backup
    again adds nothing twice, and the other laptop ends with the same notes after the next backup."""
    laptop_b = _two_laptops(settings, tmp_path, backend)
    long_notes = " ".join(f"point{n}" for n in range(300))
    _edit(settings, debrief={"notes": long_notes})
    _edit(laptop_b, debrief={"notes": "they want someone for the platform team", "interest": 5})
    _run(laptop_b, "export", tmp_path / "b.zip")

    said = _run(settings, "import", tmp_path / "b.zip")

    debrief, interview = _records(settings)
    kept_below = "From the other copy, changed "
    assert debrief["notes"].startswith("they want someone for the platform team\n\n" + kept_below), debrief
    assert debrief["notes"].endswith(": " + long_notes), debrief["notes"]
    assert long_notes not in said, said  # said where they are, not quoted whole
    assert "the one here is kept below it, under “From the other copy, changed " in said, said
    shown = _run(settings, "interview", interview["id"])
    assert kept_below in shown and "point299" in shown, shown

    again = _run(settings, "import", tmp_path / "b.zip")
    assert _records(settings)[0]["notes"] == debrief["notes"], again  # not added twice
    # back and forth: B takes the merged notes, and A has nothing more to add
    _run(settings, "export", tmp_path / "a.zip")
    _run(laptop_b, "import", tmp_path / "a.zip")
    assert _records(laptop_b)[0]["notes"] == debrief["notes"]
    _run(laptop_b, "export", tmp_path / "b-again.zip")
    _run(settings, "import", tmp_path / "b-again.zip")
    assert _records(settings)[0]["notes"] == debrief["notes"]


def test_a_backup_from_a_newer_coach_says_nothing_was_imported_and_how_to_update(settings, tmp_path, backend):
    """Laptop B's coach, updated, made a backup this one cannot read: `coach import` and the Settings
    page said "This backup was exported by a newer version of coach; upgrade coach to import it.",
    unlike the other refusals not saying that nothing was imported, nor how the coach is updated."""
    from coach.data_admin import import_bytes
    from coach.errors import InputError

    db = open_store(settings)
    try:
        logged_interview(db)
    finally:
        db.close()
    _run(settings, "export", tmp_path / "now.zip")
    with zipfile.ZipFile(tmp_path / "now.zip") as now, zipfile.ZipFile(tmp_path / "newer.zip", "w") as newer:
        for item in now.infolist():
            data = now.read(item)
            if item.filename == "coach-export.json":
                data = json.dumps({**json.loads(data), "schema": "0099_from_the_future"}).encode()
            newer.writestr(item, data)
    laptop_b = make_settings(tmp_path, backend, "laptop-b")
    env = {"COACH_DATA_DIR": str(laptop_b.data_dir), "COACH_DATABASE_URL": laptop_b.database_url or ""}

    result = CliRunner().invoke(coach_command(), ["import", str(tmp_path / "newer.zip")], env=env)

    said = (
        "was exported by a newer version of coach, so nothing was imported; update the coach here to"
        " that version (`git pull` in its folder, then `make setup`, which installs what it needs, and"
        " start the app again if it is open), then import the backup again."
    )
    assert result.exit_code != 0 and said in result.stderr, (result.stdout, result.stderr)
    db = open_store(laptop_b)
    try:
        with pytest.raises(InputError) as refused:
            import_bytes(db, (tmp_path / "newer.zip").read_bytes())
        assert list_interviews(db) == []
    finally:
        db.close()
    assert refused.value.in_app == "This backup " + said  # the Settings page says the same
