"""Shared by the reliability suite: a data directory inside a sandbox whose outside is watched."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coach.config import load_settings

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # hostile.py, tally.py


def tree(root: Path, skip: Path | None = None) -> dict[str, bytes]:
    """Every file under `root` (except under `skip`) and its bytes."""
    found = {}
    for path in root.rglob("*"):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if path.is_file():
            found[str(path.relative_to(root))] = path.read_bytes()
    return found


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """(settings, outside): a data dir two levels down; `outside()` lists files written outside it.

    The working directory moves into the sandbox too, so a relative write would be caught.
    """
    root = tmp_path / "sandbox"
    data_dir = root / "home" / "data"
    data_dir.mkdir(parents=True)
    (root / "home" / "keep.txt").write_text("a neighbour's file")
    work = root / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    before = tree(root, skip=data_dir)
    settings = load_settings(data_dir=data_dir)

    def outside() -> dict[str, bytes]:
        now = tree(root, skip=data_dir)
        return {k: v for k, v in now.items() if before.get(k) != v}

    return settings, outside
