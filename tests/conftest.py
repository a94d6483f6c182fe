"""Fixtures shared across the suite: the committed clips and a throwaway data directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.config import load_settings

CLIPS = Path(__file__).parent / "data"


@pytest.fixture
def clips() -> Path:
    return CLIPS


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Settings on an empty data directory, also exported for subprocesses."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    return load_settings(data_dir=tmp_path / "data")
