"""Fixtures shared across the suite: the committed clips, a throwaway data directory and the
machine's time zone."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from coach.config import load_settings

CLIPS = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _data_outside_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test's default data directory is a throwaway one: without COACH_DATA_DIR the coach
    uses the checkout's data/ (the README's way), and a test that forgot to set it wrote a
    database there."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "default-data"))


@pytest.fixture
def clips() -> Path:
    return CLIPS


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Settings on an empty data directory, also exported for subprocesses."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    return load_settings(data_dir=tmp_path / "data")


@pytest.fixture
def zone():
    """Sets the machine's time zone for the rest of one test, as the pages and the CLI read it
    (`zone("Europe/Paris")`), and puts back the zone the run started with after it."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def language_model_missing(monkeypatch: pytest.MonkeyPatch):
    """spaCy really fails to load the English language model (a name no machine has installed) for
    the rest of one test; the models this process loaded for other tests are forgotten before and
    after, so the pages load them again."""
    from coach.analysis import pipeline
    from coach.ui import shared

    monkeypatch.setattr(pipeline, "MODEL_NAME", "en_core_web_sm_not_installed")
    pipeline.load_pipeline.cache_clear()
    shared._engine.clear()
    yield
    pipeline.load_pipeline.cache_clear()
    shared._engine.clear()
