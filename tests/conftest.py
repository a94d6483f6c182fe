"""Fixtures shared across the suite: the committed clips, a throwaway data directory and the
machine's time zone."""

from __future__ import annotations

import gc
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.config import load_settings

CLIPS = Path(__file__).parent / "data"
# Seconds each test file took in a whole run (`pytest --junitxml`, times summed by file; refreshed
# from a clean clone's run alone on the machine on 6 Dec 2026: only the order matters). `make test`
# runs whole files in two processes; xdist hands them out in collection order, and by default in
# order of how many tests a file has, which left the few longest files (one or two tests of minutes
# each) to the end, one process running them while the other had nothing left. Longest first, a file
# missing here counted as FILE_SECONDS_UNKNOWN.
FILE_SECONDS = json.loads((Path(__file__).parent / "file_seconds.json").read_text())
FILE_SECONDS_UNKNOWN = 10


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The longest files first (each file's tests keep their order), for `--dist loadfile
    --no-loadscope-reorder`."""
    root = Path(config.rootpath)

    def seconds(item: pytest.Item) -> float:
        name = Path(item.path).relative_to(root).as_posix()
        return FILE_SECONDS.get(name, FILE_SECONDS_UNKNOWN)

    items.sort(key=lambda item: -seconds(item))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "new_database: the test's new databases run every migration (tests of the migrations "
        "themselves); elsewhere a new database starts as a copy of one migrated once per process",
    )
    config.addinivalue_line(
        "markers",
        "decoded_afresh: every transcription decodes (tests of the decoder itself); elsewhere a "
        "recording decoded before in the process with the same model and options gets the same words",
    )


@pytest.fixture(scope="session")
def _migrated_database() -> bytes:
    """A new SQLite database as `open_store` leaves it, every migration run: made once per test
    process, by the coach itself, in a folder of its own."""
    from store_support import started_once

    with started_once() as settings:
        wal = settings.database_path.with_name(settings.database_path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0, "the migrated database was not checkpointed"
        return settings.database_path.read_bytes()


@pytest.fixture(autouse=True)
def _new_databases_migrated_once(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, _migrated_database: bytes
) -> None:
    """A new database starts as a copy of one every migration ran on, in this test process: each
    of the suite's hundreds of new data folders ran all of them again (about 0.1 s each, far more
    when the disk is busy: a migration ends in a full fsync). `open_store` does the rest as ever
    (the WAL mode, the check that every migration is applied, the old files moved in, recovery).
    The file is made as the coach makes it (`coach.store.db._create_private`: new, owner-only);
    PostgreSQL's new databases copy a migrated template (pg_server). Tests marked `new_database`
    (the migrations' own) start from an empty database, as a user's first start does."""
    import pg_server

    if request.node.get_closest_marker("new_database"):
        return
    from coach.files import FILE_MODE
    from coach.store import db

    made_empty = db._create_private

    def made_migrated(path: Path) -> None:
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        except OSError:
            made_empty(path)  # there already, or a folder that cannot be written: as the coach does
            return
        with os.fdopen(descriptor, "wb") as out:
            out.write(_migrated_database)

    monkeypatch.setattr(db, "_create_private", made_migrated)
    monkeypatch.setattr(pg_server, "NEW_DATABASES_MIGRATED", True)


@pytest.fixture(scope="module", autouse=True)
def _what_lasts_frozen_after_each_file() -> Iterator[None]:
    """After each test file, what it left behind is collected and what is still alive (the models,
    the caches) moved out of the collector's sight (`gc.freeze`): a full collection went through
    everything the process had loaded each time, about 0.9 s each, 10.8 s of 157 s in one process
    running test_app_practice and test_app_progress."""
    yield
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _each_recording_decoded_once(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A recording the real model decoded earlier in this test process, with the same model and
    options, gets the words it gave then, and one whose voice was measured (pitch, level, cepstrum)
    the frames measured then (tests/decoded_once.py); tests marked `decoded_afresh` (the decoder's
    own: the same words each time, what it samples) decode and measure every time."""
    if request.node.get_closest_marker("decoded_afresh"):
        return
    from decoded_once import remembered

    from coach.transcribe.faster_engine import FasterWhisperEngine

    monkeypatch.setattr(FasterWhisperEngine, "transcribe", remembered(FasterWhisperEngine.transcribe))
    # the voice's frames too (decoded_once.measured_once), where each module looks the function up
    from decoded_once import measured_once

    from coach.transcribe import filled_pauses, sound
    from coach.transcribe.filled_pauses import features

    measure = measured_once(features.measure)
    for module in (features, filled_pauses, sound):
        monkeypatch.setattr(module, "measure", measure)


# One dialect and one cache of compiled statements for each kind of database (SQLite, PostgreSQL)
# in a test process: each `open_store` makes an engine of its own, whose statements SQLAlchemy
# compiled again (its cache is the engine's, and its key holds the engine's dialect object): 45 s
# of the two test processes' time in a whole run (py-spy, 5 Dec 2026). The app and the command
# line open one engine a process, so they compile each statement once as it is.
_SHARED_DIALECTS: dict[type, tuple] = {}


@pytest.fixture(autouse=True)
def _statements_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.util import LRUCache

    from coach.store import db

    made = db.make_engine

    def make_engine(url: str, **options):
        engine = made(url, **options)
        dialect, compiled = _SHARED_DIALECTS.setdefault(
            type(engine.dialect), (engine.dialect, LRUCache(2000))
        )
        engine.dialect, engine._compiled_cache = dialect, compiled
        return engine

    monkeypatch.setattr(db, "make_engine", make_engine)


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


@pytest.fixture(scope="session")
def _review_work_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("review-work-cache")


@pytest.fixture
def earlier_reviews(_review_work_cache: Path):
    """`earlier_reviews(data_dir)`: the data directory starts with the review work (words, voice
    windows, each answer heard again; coach.interview.resume) that this test process's earlier
    reviews of the same recordings with the same settings left, as a review run there before would
    have left it, and what this test's reviews leave is kept for the next test. A review then
    resumes from its kept chunks instead of transcribing and separating the recording again (about
    5 of the 7 s of a 58 s interview on the Review page). For tests of what the page and the store
    do with a review, not of transcribing it: those start from an empty work folder
    (`earlier_reviews(data_dir, reuse=False)` still hands their work on)."""
    from coach.config import REVIEW_WORK_FOLDER

    folders: list[Path] = []

    def use(data_dir: Path, reuse: bool = True) -> None:
        work = Path(data_dir) / REVIEW_WORK_FOLDER
        if reuse and any(_review_work_cache.iterdir()):
            shutil.copytree(_review_work_cache, work, dirs_exist_ok=True)
        folders.append(work)

    yield use
    for work in folders:
        if work.is_dir():
            shutil.copytree(work, _review_work_cache, dirs_exist_ok=True)
