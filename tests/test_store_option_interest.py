"""An option (offer, alternative, BATNA) keeps how interested you are in it, 1 to 5, on SQLite and
PostgreSQL alike: written, changed, cleared, carried by a backup, and gained by an older database."""

from __future__ import annotations

import json
import zipfile

import pytest
import sqlalchemy as sa
from store_support import backend_fixture, make_settings, settings_fixture, store_fixture  # noqa: F401

from coach.errors import InputError
from coach.store import (
    add_debrief,
    add_interview,
    add_option,
    get_interview,
    list_debriefs,
    list_interviews,
    list_options,
    open_store,
    update_debrief,
    update_option,
)
from coach.store.db import database_url, make_engine
from coach.store.migrations import migrate
from coach.store.transfer import export_data, import_data


def _interests(store) -> dict[str, int | None]:
    return {o["company"]: o["interest"] for o in list_options(store)}


def test_an_option_keeps_its_interest_changed_and_cleared(store):
    add_option(store, kind="offer", company="Acme", interest=4)
    batna = add_option(store, kind="batna", company="current job")
    assert _interests(store) == {"Acme": 4, "current job": None}
    update_option(store, batna, interest=3)
    assert _interests(store)["current job"] == 3
    update_option(store, batna, interest=None)
    assert _interests(store)["current job"] is None


@pytest.mark.parametrize("given", [0, 6, "high", True])
def test_an_interest_outside_1_to_5_is_one_sentence_and_keeps_nothing(store, given):
    with pytest.raises(InputError) as refused:
        add_option(store, kind="offer", company="Acme", interest=given)
    assert str(refused.value) == f"Interest must be a whole number from 1 to 5, not {given!r}."
    offer = add_option(store, kind="offer", company="Globex", interest=2)
    with pytest.raises(InputError, match="^Interest must be a whole number from 1 to 5"):
        update_option(store, offer, interest=given)
    assert _interests(store) == {"Globex": 2}


@pytest.mark.parametrize("given", [0, 6, "high", True])
def test_a_debriefs_interest_outside_1_to_5_is_refused_in_the_same_sentence(store, given):
    interview = add_interview(store, company="Acme", interview_date="2026-03-02")
    with pytest.raises(InputError) as refused:
        add_debrief(store, interview, went_well="clear story", interest=given)
    assert str(refused.value) == f"Interest must be a whole number from 1 to 5, not {given!r}."
    debrief = add_debrief(store, interview, went_well="clear story", interest=2)
    with pytest.raises(InputError, match="^Interest must be a whole number from 1 to 5"):
        update_debrief(store, debrief, interest=given)
    assert [d["interest"] for d in list_debriefs(store)] == [2]


def test_a_backup_carries_an_options_interest_and_an_older_one_restores_without_it(store, tmp_path, backend):
    add_option(store, kind="offer", company="Acme", interest=5)
    add_option(store, kind="batna", company="current job")
    export_data(store, tmp_path / "backup.zip")
    other = "postgresql" if backend == "sqlite" else "sqlite"
    moved = open_store(make_settings(tmp_path, other, "moved"))
    import_data(moved, tmp_path / "backup.zip")
    assert _interests(moved) == {"Acme": 5, "current job": None}
    moved.close()

    # a backup made before options kept an interest: its options have no such field
    with zipfile.ZipFile(tmp_path / "backup.zip") as backup:
        manifest = json.loads(backup.read("coach-export.json"))
    for row in manifest["tables"]["options"]:
        del row["interest"]
    with zipfile.ZipFile(tmp_path / "older.zip", "w") as older:
        older.writestr("coach-export.json", json.dumps(manifest))
    restored = open_store(make_settings(tmp_path, backend, "restored"))
    imported = import_data(restored, tmp_path / "older.zip")
    assert imported["added"]["options"] == 2
    assert _interests(restored) == {"Acme": None, "current job": None}
    # restored again over the same options here (given an interest since), nothing is lost
    [acme] = [o["id"] for o in list_options(restored) if o["company"] == "Acme"]
    update_option(restored, acme, interest=2)
    import_data(restored, tmp_path / "older.zip")
    assert _interests(restored) == {"Acme": 2, "current job": None}
    restored.close()


@pytest.mark.parametrize(
    ("table", "interest", "named"),
    [
        ("options", 7, "The offer “Acme”"),
        ("options", "high", "The offer “Acme”"),
        ("options", True, "The offer “Acme”"),
        ("debriefs", 7, "The debrief of the onsite at “Acme”"),
        ("debriefs", 3.5, "The debrief of the onsite at “Acme”"),
    ],
)
def test_a_backup_with_an_interest_outside_1_to_5_is_one_sentence_and_restores_nothing(
    store, tmp_path, backend, table, interest, named
):
    """A hand-edited backup's interest 7 was restored as it was (an option's card then read "7 out
    of 5"), or refused by the database in its own words, naming a constraint (a debrief's). The
    backup is refused whole in one sentence saying what is wrong with it; what is here stays."""
    onsite = add_interview(store, company="Acme", stage="onsite", interview_date="2025-01-10")
    add_debrief(store, onsite, went_well="the system design round", interest=4)
    add_option(store, kind="offer", company="Acme", interview_id=onsite, interest=4)
    export_data(store, tmp_path / "backup.zip")
    with zipfile.ZipFile(tmp_path / "backup.zip") as backup:
        manifest = json.loads(backup.read("coach-export.json"))
    for row in manifest["tables"][table]:
        row["interest"] = interest
    with zipfile.ZipFile(tmp_path / "edited.zip", "w") as edited:
        edited.writestr("coach-export.json", json.dumps(manifest))

    restored = open_store(make_settings(tmp_path, backend, "restored"))
    add_option(restored, kind="batna", company="current job", interest=2)  # theirs, kept as it was
    with pytest.raises(InputError) as refused:
        import_data(restored, tmp_path / "edited.zip", name="this backup")
    assert str(refused.value) == (
        f"{named} in this backup has an interest of {json.dumps(interest)}, not a whole number from 1 "
        "to 5; nothing was imported: correct it in the backup, or back up again where it was made."
    )
    assert _interests(restored) == {"current job": 2}
    assert list_interviews(restored) == [] and list_debriefs(restored) == []
    restored.close()
    assert get_interview(store, onsite)["debriefs"][0]["interest"] == 4  # the backup's source untouched


@pytest.mark.new_database  # the database of an older coach runs the migrations it lacks
def test_a_database_from_before_option_interest_gains_it_with_every_option_kept(tmp_path, backend):
    settings = make_settings(tmp_path, backend, "old")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(database_url(settings))
    with engine.begin() as conn:
        assert migrate(conn, upto="0016_reviews_shown_whole")[-1] == "0016_reviews_shown_whole"
        conn.execute(
            sa.text(
                "INSERT INTO options (uid, kind, company, title, compensation, details, status, created_at,"
                " owner) VALUES ('u-1', 'offer', 'Acme', 'Staff engineer', '150k', '', 'open',"
                " CURRENT_TIMESTAMP, '')"
            )
        )
    engine.dispose()
    store = open_store(settings)
    [offer] = list_options(store)
    assert (offer["company"], offer["compensation"], offer["interest"]) == ("Acme", "150k", None)
    update_option(store, offer["id"], interest=4)
    assert _interests(store) == {"Acme": 4}
    store.close()
