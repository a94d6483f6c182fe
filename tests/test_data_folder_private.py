"""The data folder the coach uses is its owner's only: a checkout's data/ came from git as 0755, so
anyone on the machine could list it, though coach.db (0600) and recordings/ (0700) inside were
private. A folder the person pointed COACH_DATA_DIR at, holding other things, keeps its mode."""

from __future__ import annotations

import pytest

import coach.config
from coach.config import load_settings
from coach.store import open_store


def _mode(path) -> int:
    return path.stat().st_mode & 0o777


@pytest.fixture(name="checkout")
def checkout_fixture(tmp_path, monkeypatch):
    """A checkout as git leaves it: app.py, pyproject.toml and data/ (its README) at 0755."""
    root = tmp_path / "coach"
    (root / "data").mkdir(parents=True)
    for name in ("app.py", "pyproject.toml", "data/README.md"):
        (root / name).write_text("")
    (root / "data").chmod(0o755)
    monkeypatch.setattr(coach.config, "CHECKOUT_DIR", root)
    monkeypatch.delenv("COACH_DATA_DIR", raising=False)
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    return root


def test_the_checkouts_data_folder_is_made_private_when_the_coach_starts(checkout):
    settings = load_settings()
    assert settings.data_dir == checkout / "data"
    open_store(settings).close()
    assert _mode(checkout / "data") == 0o700
    assert (checkout / "data" / "README.md").exists()  # nothing in it is touched


def test_an_empty_folder_given_as_coach_data_dir_is_made_private(tmp_path, monkeypatch):
    folder = tmp_path / "my-coach"
    folder.mkdir()
    folder.chmod(0o755)
    monkeypatch.setenv("COACH_DATA_DIR", str(folder))
    open_store(load_settings()).close()
    assert _mode(folder) == 0o700


def test_a_folder_given_as_coach_data_dir_holding_other_things_keeps_its_mode(tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "notes.txt").write_text("the team's")
    folder.chmod(0o755)
    monkeypatch.setenv("COACH_DATA_DIR", str(folder))
    open_store(load_settings()).close()
    assert _mode(folder) == 0o755  # maybe shared on purpose: the coach's own files in it are private
    assert _mode(folder / "coach.db") == 0o600
