"""Favourite questions travel with an export: stars survive a move, join stars already there."""

from __future__ import annotations

import json
import zipfile

import pytest
from store_support import make_settings

from coach.errors import InputError
from coach.store import list_favourites, open_store, set_favourite
from coach.store.transfer import export_data, import_data


def _store(tmp_path, name):
    return open_store(make_settings(tmp_path, "sqlite", name))


def test_starred_questions_survive_export_and_import(tmp_path):
    source = _store(tmp_path, "old")
    set_favourite(source, "swe-beh-01", True)
    set_favourite(source, "gen-mot-02", True)
    export_data(source, tmp_path / "backup.zip")

    target = _store(tmp_path, "new")
    result = import_data(target, tmp_path / "backup.zip")
    assert list_favourites(target) == ["swe-beh-01", "gen-mot-02"]
    assert result["favourites_added"] == 2
    assert import_data(target, tmp_path / "backup.zip")["favourites_added"] == 0  # nothing twice
    assert list_favourites(target) == ["swe-beh-01", "gen-mot-02"]
    source.close()
    target.close()


def test_imported_stars_join_the_ones_already_here(tmp_path):
    source = _store(tmp_path, "old")
    set_favourite(source, "swe-beh-01", True)
    set_favourite(source, "gen-mot-02", True)
    export_data(source, tmp_path / "backup.zip")
    target = _store(tmp_path, "new")
    set_favourite(target, "gen-mot-02", True)
    set_favourite(target, "swe-tech-03", True)
    import_data(target, tmp_path / "backup.zip")
    assert list_favourites(target) == ["gen-mot-02", "swe-tech-03", "swe-beh-01"]
    source.close()
    target.close()


def test_an_export_from_before_favourites_travelled_still_imports(tmp_path):
    source = _store(tmp_path, "old")
    set_favourite(source, "swe-beh-01", True)
    export_data(source, tmp_path / "backup.zip")
    manifest = json.loads(zipfile.ZipFile(tmp_path / "backup.zip").read("coach-export.json"))
    del manifest["tables"]["favourites"]
    with zipfile.ZipFile(tmp_path / "older.zip", "w") as older:
        older.writestr("coach-export.json", json.dumps(manifest))
    target = _store(tmp_path, "new")
    set_favourite(target, "gen-mot-02", True)
    assert import_data(target, tmp_path / "older.zip")["favourites_added"] == 0
    assert list_favourites(target) == ["gen-mot-02"]

    manifest["favourites"] = {"not": "a list"}
    with zipfile.ZipFile(tmp_path / "damaged.zip", "w") as damaged:
        damaged.writestr("coach-export.json", json.dumps(manifest))
    with pytest.raises(InputError, match="favourite questions"):
        import_data(target, tmp_path / "damaged.zip")
    assert list_favourites(target) == ["gen-mot-02"]
    source.close()
    target.close()
