"""Another user of a shared machine can read nothing the coach writes: database, recordings, exports."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from coach.practice import practice_answer
from coach.store import open_store
from coach.store.transfer import export_data

pytestmark = pytest.mark.slow
CLIP = Path(__file__).resolve().parents[1] / "data" / "fillers.wav"


def test_what_the_coach_writes_is_readable_by_its_owner_only(settings, tmp_path):
    practice_answer(CLIP, settings, original_name="take.wav")
    store = open_store(settings)
    try:
        export_data(store, tmp_path / "backup.zip")
    finally:
        store.close()
    written = [p for p in settings.data_dir.rglob("*") if p.is_file()] + [tmp_path / "backup.zip"]
    assert any(p.name == "coach.db" for p in written) and any(p.suffix == ".wav" for p in written)
    readable = {
        str(p): oct(p.stat().st_mode & 0o777)
        for p in written
        if p.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    }
    assert readable == {}
