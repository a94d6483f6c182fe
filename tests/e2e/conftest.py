"""What every browser test module shares: where screenshots go ($COACH_SCREENSHOTS, default a
temporary folder; the path is printed)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.e2e.server import chromium


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("COACH_SCREENSHOTS") or tempfile.mkdtemp(prefix="coach-screenshots-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture
def page(app):
    """A page of a fresh headless Chromium at 1280 x 900, once the module's `app` serves (a module
    wanting other flags, a size of its own or one browser for all its tests has its own `page`)."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        yield context.new_page()
        context.close()
