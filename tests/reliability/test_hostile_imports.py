"""Hostile zips given to `coach import`: one clear sentence, nothing written outside the data
directory, and the store exactly as it was before."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from coach.errors import CoachError
from coach.store import open_store
from coach.store.migrations import latest_migration
from coach.store.transfer import export_data, import_data

REPO = Path(__file__).resolve().parents[2]
TAKE = (Path(__file__).resolve().parents[1] / "data" / "short.wav").read_bytes()


def manifest(recordings: list[dict] | None = None, **tables) -> dict:
    return {
        "format": "coach-export",
        "format_version": 1,
        "schema": latest_migration(),
        "exported_at": "2025-01-01T00:00:00+00:00",
        "tables": {"recordings": recordings or [], **tables},
    }


def recording_row(path: str, data: bytes = TAKE, **extra) -> dict:
    return {
        "uid": "r" * 32,
        "path": path,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size_bytes": len(data),
        "original_name": "take.wav",
        "kind": "practice",
        "created_at": "2025-01-01T00:00:00+00:00",
        "deleted_at": None,
        "detached_at": None,
        **extra,
    }


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def a_real_export(tmp_path: Path) -> bytes:
    from coach.config import load_settings
    from coach.practice import practice_answer

    settings = load_settings(data_dir=tmp_path / "exporter")
    practice_answer(Path(__file__).resolve().parents[1] / "data" / "fillers.wav", settings)
    store = open_store(settings)
    try:
        export_data(store, tmp_path / "real.zip")
    finally:
        store.close()
    return (tmp_path / "real.zip").read_bytes()


def hostile_zips(tmp_path: Path) -> list[tuple[str, bytes]]:
    real = a_real_export(tmp_path)
    deep = "[" * 100_000 + "]" * 100_000
    cases = [
        ("zip-inside-a-zip", zip_bytes({"export.zip": real})),
        ("zip-in-zip-in-zip", zip_bytes({"a.zip": zip_bytes({"b.zip": real})})),
        ("not-a-zip", b"PK\x03\x04 but not really" * 10),
        ("empty-file", b""),
        ("manifest-not-json", zip_bytes({"coach-export.json": "{not json"})),
        ("manifest-nested-100k-deep", zip_bytes({"coach-export.json": deep})),
        ("manifest-a-list", zip_bytes({"coach-export.json": "[]"})),
        ("tables-a-string", zip_bytes({"coach-export.json": json.dumps({**manifest(), "tables": "x"})})),
        ("rows-are-strings", zip_bytes({"coach-export.json": json.dumps(manifest(attempts=["x", "y"]))})),
        ("row-without-uid", zip_bytes({"coach-export.json": json.dumps(manifest(attempts=[{"wpm": 1}]))})),
        ("recordings-a-dict", zip_bytes({"coach-export.json": json.dumps(manifest(recordings={"a": 1}))})),
        (
            "date-not-a-date",
            zip_bytes(
                {
                    "coach-export.json": json.dumps(
                        manifest(attempts=[{"uid": "a" * 32, "created_at": "yesterday-ish"}])
                    )
                }
            ),
        ),
        ("newer-format", zip_bytes({"coach-export.json": json.dumps({**manifest(), "format_version": 99})})),
    ]
    for path in (
        "../../escaped.wav",
        "recordings/../../escaped.wav",
        "/tmp/escaped.wav",
        "models/x.bin",
        "recordings/../coach.db",
        "recordings\\..\\..\\escaped.wav",
    ):
        listed = json.dumps(manifest([recording_row(path)]))
        cases.append((f"path-{path}", zip_bytes({"coach-export.json": listed, path.lstrip("/"): TAKE})))
    bad_sum = recording_row("recordings/practice/x.wav", sha256="0" * 64)
    cases.append(
        (
            "checksum-mismatch",
            zip_bytes(
                {"coach-export.json": json.dumps(manifest([bad_sum])), "recordings/practice/x.wav": TAKE}
            ),
        )
    )
    return cases


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return hostile_zips(tmp_path_factory.mktemp("zips"))


def _state(store) -> dict:
    from coach.store.schema import TABLES_IN_ORDER

    with store.read() as conn:
        return {t.name: conn.execute(t.select()).all() for t in TABLES_IN_ORDER}


@pytest.mark.slow
def test_each_hostile_zip_is_one_sentence_and_changes_nothing(sandbox, cases):
    settings, outside = sandbox
    from coach.practice import practice_answer

    practice_answer(Path(__file__).resolve().parents[1] / "data" / "clean.wav", settings)
    store = open_store(settings)
    before_rows, before_files = _state(store), sorted(p for p in settings.data_dir.rglob("*") if p.is_file())
    refused = []
    try:
        for label, data in cases:
            zip_path = Path.cwd() / f"{len(refused)}.zip"
            zip_path.write_bytes(data)
            with pytest.raises(CoachError) as error:
                import_data(store, zip_path)
            message = str(error.value)
            assert message and "\n" not in message and "Traceback" not in message, (label, message)
            assert _state(store) == before_rows, label
            files = sorted(
                p
                for p in settings.data_dir.rglob("*")
                if p.is_file() and p.name != "coach.db-wal" and p.name != "coach.db-shm"
            )
            assert files == [p for p in before_files if p.name not in ("coach.db-wal", "coach.db-shm")], label
            zip_path.unlink()
            refused.append(label)
    finally:
        store.close()
    assert len(refused) == len(cases)
    assert outside() == {}
    assert not Path("/tmp/escaped.wav").exists()


BOMB_CHILD = """
import resource, sys
from coach.config import load_settings
from coach.errors import CoachError
from coach.store import open_store
from coach.store.transfer import import_data
store = open_store(load_settings(data_dir=sys.argv[1]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    import_data(store, sys.argv[2])
except CoachError as e:
    print("REFUSED", e)
print("GROWTH_MB", (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


@pytest.mark.slow
def test_a_decompression_bomb_is_refused_without_inflating_it_in_memory(tmp_path):
    """1 GB of zeros deflated to ~1 MB, listed as a 0.3 kB recording: refused, memory stays flat."""
    size = 1 << 30
    row = recording_row("recordings/practice/bomb.wav", data=TAKE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("coach-export.json", json.dumps(manifest([row])))
    with zipfile.ZipFile(buffer, "a") as archive:  # a real deflated member whose header tells the truth
        info = zipfile.ZipInfo("recordings/practice/bomb.wav")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)
    (tmp_path / "bomb.zip").write_bytes(buffer.getvalue())
    assert (tmp_path / "bomb.zip").stat().st_size < 5 << 20
    command = [sys.executable, "-c", BOMB_CHILD, str(tmp_path / "data"), str(tmp_path / "bomb.zip")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO)
    assert "REFUSED" in result.stdout, result.stdout + result.stderr
    growth = int(result.stdout.split("GROWTH_MB")[1])
    assert growth < 200, f"importing the bomb grew memory by {growth} MB"
    assert not list((tmp_path / "data" / "recordings").rglob("*.wav"))


SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
TABLE_NAMES = st.sampled_from(
    [
        "recordings",
        "attempts",
        "interviews",
        "questions",
        "debriefs",
        "people",
        "turns",
        "practice_sessions",
        "options",
        "goals",
        "analysis_runs",
        "x",
    ]
)
ROWS = st.lists(
    st.dictionaries(
        st.sampled_from(
            [
                "uid",
                "path",
                "sha256",
                "created_at",
                "question_id",
                "recording_id",
                "interview_id",
                "wpm",
                "company",
                "kind",
            ]
        ),
        JSON,
        max_size=6,
    )
    | JSON,
    max_size=3,
)


@hsettings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tables=st.dictionaries(TABLE_NAMES, ROWS, max_size=4) | JSON, favourites=JSON)
def test_fuzzed_manifests_never_crash_the_import(sandbox, tables, favourites):
    settings, outside = sandbox
    store = open_store(settings)
    try:
        before = _state(store)
        zip_path = Path.cwd() / "fuzz.zip"
        zip_path.write_bytes(
            zip_bytes(
                {"coach-export.json": json.dumps({**manifest(), "tables": tables, "favourites": favourites})}
            )
        )
        try:
            import_data(store, zip_path)
        except CoachError as e:
            assert str(e) and "\n" not in str(e)
            assert _state(store) == before
        zip_path.unlink()
    finally:
        store.close()
    assert outside() == {}
