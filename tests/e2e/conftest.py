"""What every browser test module shares: where screenshots go ($COACH_SCREENSHOTS, default a
temporary folder; the path is printed)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("COACH_SCREENSHOTS") or tempfile.mkdtemp(prefix="coach-screenshots-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder
