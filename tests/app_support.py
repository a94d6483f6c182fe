"""Shared setup for the app tests: a data directory with real answers in it, and AppTest runners."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from streamlit import config
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PAGES = ROOT / "app_pages"
TIMEOUT_S = 180


def page(name: str) -> AppTest:
    """The app as a user opens it (app.py's navigation), on the named page; call .run()."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    if hasattr(at, "_bidi_component_manager"):  # Streamlit 1.66+; another version scans as before
        at._bidi_component_manager = _components()
    return at.switch_page(f"app_pages/{name}.py")


@functools.cache
def _components():
    """The installed Streamlit components, found once per test process: each AppTest's first run
    scanned every installed package's metadata for them (0.4 s a page, finding none; the app
    declares none), as a server does once when it starts."""
    from streamlit.components.v2.component_manager import BidiComponentManager

    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)
    return manager


class _ScriptsCompiledOnce(ScriptCache):
    """The app's scripts compiled once per test process, as a server compiles them once: AppTest
    made a new cache for every run, so each run and each click read app.py and the page again and
    rewrote them for magic (a quarter of the Interviews page tests' time). A script changed on disk
    since is compiled again (a server's file watcher clears its cache the same way)."""

    def __init__(self) -> None:
        super().__init__()
        self._compiled_from: dict[str, tuple] = {}

    def get_bytecode(self, script_path: str):
        path = os.path.abspath(script_path)
        try:
            found = os.stat(path)
            version = (found.st_mtime_ns, found.st_size, config.get_option("runner.magicEnabled"))
        except OSError:
            version = None  # compiling it says why it cannot be read
        with self._lock:
            if version is None or self._compiled_from.get(path) != version:
                self._cache.pop(path, None)
                self._compiled_from[path] = version
        return super().get_bytecode(path)


_SCRIPTS = _ScriptsCompiledOnce()
app_test.ScriptCache = local_script_runner.ScriptCache = lambda: _SCRIPTS  # the pages' and app.py's


def interviews_page() -> AppTest:
    """The Interviews page (call .run()) as a user who opens a stage before using it: a stage's
    forms (edit, debrief, delete) are drawn only while its expander is open. Every stage is set
    open before each run, one that run adds too (interview ids 1 to 99: the tests log fewer; each
    key set is widget state Streamlit reads on every run, and 999 of them made
    test_app_interviews.py 42 s where 99 take 34 s), and so is the fold of the opportunities that
    ended (their cards are drawn only while it is open)."""
    at = page("interviews")
    run = at._run  # what .run() and a widget's .run() both call

    def run_with_stages_open(widget_state=None, timeout=None) -> AppTest:
        for interview_id in range(1, 100):
            at.session_state[f"interviews_stage_{interview_id}"] = True
        at.session_state["interviews_ended"] = True
        return run(widget_state, timeout)

    at._run = run_with_stages_open
    return at


def in_form(elements, form_id: str) -> list:
    """The page's elements of one kind (text inputs, buttons, ...) that are inside the form `form_id`."""
    return [e for e in elements if e.form_id == form_id]


def seed(data_dir: Path) -> dict:
    """Two practice answers to one question, an interview with a reviewed recording and a debrief."""
    from coach import banks, store
    from coach.config import load_settings
    from coach.debrief import save_debrief
    from coach.interview.orchestrator import review_recording
    from coach.practice import practice_answer

    settings = load_settings(data_dir)
    question = banks.get_question("swe-beh-01", data_dir)
    first = practice_answer(DATA / "fillers.wav", settings, question=question)
    second = practice_answer(DATA / "clean.wav", settings, question=question)
    db = store.open_store(settings)
    try:
        interview_id = store.add_interview(
            db,
            company="Acme Robotics",
            role="Staff engineer",
            stage="first round",
            interview_date="2026-10-01",
            people=[{"name": "Dana Ortiz", "title": "hiring manager"}],
        )
        call = (DATA / "clean.wav").read_bytes()
        review_recording(db, settings, call, original_name="call.wav", interview_id=interview_id)
        save_debrief(
            db,
            settings,
            interview_id,
            {
                "went_well": "The incident story landed.",
                "could_be_better": "Rambled on design.",
                "skill_gaps": "system design, handling conflict",
                "questions_asked": ["How would you design a rate limiter?"],
                "interest": 4,
                "proceed": "yes",
            },
        )
    finally:
        db.close()
    return {
        "settings": settings,
        "attempts": [first.attempt_id, second.attempt_id],
        "interview_id": interview_id,
    }


_SEEDED: dict = {}


def seeded_dir() -> tuple[Path, dict]:
    """One seeded data directory per test process (three transcriptions are worth sharing).

    Tests that read it must not change it; tests that change data use their own tmp_path.
    """
    if not _SEEDED:
        import atexit
        import shutil
        import tempfile

        path = Path(tempfile.mkdtemp(prefix="coach-app-seeded-"))
        atexit.register(shutil.rmtree, path, ignore_errors=True)
        _SEEDED["path"], _SEEDED["info"] = path, seed(path)
    return _SEEDED["path"], _SEEDED["info"]


def markdown_text(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def seed_pipeline(db, today) -> dict:
    """Three opportunities as a user would log them: Initech with interest falling stage by stage
    and an onsite booked, Acme Robotics with an offer, Globex with one screen; and a BATNA.
    Returns the interview ids by company."""
    from datetime import timedelta

    from coach import store

    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    ids: dict[str, list[int]] = {}

    def log(company, role, stage, offset, people=(), **debrief):
        interview_id = store.add_interview(
            db, company=company, role=role, stage=stage, interview_date=day(offset), people=list(people)
        )
        if debrief:
            store.add_debrief(db, interview_id, **debrief)
        ids.setdefault(company, []).append(interview_id)

    log(
        "Initech",
        "Platform lead",
        "recruiter screen",
        -40,
        [{"name": "Kim Park", "title": "recruiter"}],
        interest=4,
        proceed=True,
        went_well="Clear why they reached out.",
    )
    log(
        "Initech",
        "Platform lead",
        "first round",
        -30,
        [{"name": "Sam Lee", "title": "engineering manager"}],
        interest=3,
        proceed=True,
        notes="Team seems stretched; on-call every third week.",
        time_commitment="a take-home (about 4 hours) and a full-day onsite",
    )
    log("Initech", "Platform lead", "technical", -20, interest=2, could_be_better="Rushed the design.")
    log("Initech", "Platform lead", "onsite / loop", 4)
    log("Acme Robotics", "Staff engineer", "recruiter screen", -35, interest=4, proceed=True)
    log(
        "Acme Robotics",
        "Staff engineer",
        "final",
        -10,
        [{"name": "Dana Ortiz", "title": "VP engineering"}],
        interest=5,
        proceed=True,
        notes="Loved the robotics fleet problem.",
    )
    log("Globex", "", "recruiter screen", -3, interest=3)
    store.add_option(
        db,
        kind="offer",
        company="Acme Robotics",
        title="Staff engineer",
        compensation="150k base + 10% bonus + 0.1% equity (4-year vest)",
        details="Fleet platform team of 6; hybrid, 2 days in office",
        deadline=day(9),
    )
    store.add_option(
        db,
        kind="batna",
        company="current job",
        title="Senior engineer",
        compensation="135k base + 8% bonus",
        details="Stay and lead the platform migration",
    )
    store.add_option(
        db,
        kind="alternative",
        company="Freelance",
        title="Consulting",
        compensation="about 700 a day",
        details="Two clients lined up; no benefits",
    )
    return ids


def held_interview(data_dir: Path) -> int:
    """An onsite at Acme held yesterday (one a debrief can be written for): its id."""
    from datetime import date, timedelta

    from coach import store
    from coach.config import load_settings

    db = store.open_store(load_settings(data_dir))
    try:
        held = (date.today() - timedelta(days=1)).isoformat()
        return store.add_interview(
            db, company="Acme", role="Backend engineer", stage="onsite", interview_date=held
        )
    finally:
        db.close()


def recommended_ids(at: AppTest) -> list[str]:
    """The ids of the questions the Practice page recommends, in its order (their Answer buttons)."""
    return [
        b.key.removeprefix("practice_rec_") for b in at.button if (b.key or "").startswith("practice_rec_")
    ]


def debriefed(data_dir: Path, fields: dict) -> int:
    """A first round at Northwind held two days ago, its debrief saved with `fields` as the page
    saves them (questions asked added to the bank): the interview's id."""
    from datetime import timedelta

    from coach import store
    from coach.config import load_settings
    from coach.debrief import save_debrief
    from coach.local_time import today

    settings = load_settings(data_dir)
    db = store.open_store(settings)
    try:
        held = store.add_interview(
            db,
            company="Northwind",
            role="Senior backend engineer",
            stage="first round",
            interview_date=(today() - timedelta(days=2)).isoformat(),
        )
        save_debrief(db, settings, held, fields)
        return held
    finally:
        db.close()


def pages_on_a_fresh_queue(data_dir: Path, monkeypatch) -> str:
    """The app's pages (data and settings.toml in `data_dir`) sending answers to a queue in a new
    PostgreSQL database with the queue's schema made, as a cohort's app runs; its URL."""
    from dataclasses import replace

    from pg_server import get_server

    from coach import queue
    from coach.config import load_settings

    url = get_server().new_database_url()
    queue.ensure_schema(replace(load_settings(data_dir=data_dir), database_url=url, queue=True))
    for name, value in dict(COACH_DATA_DIR=str(data_dir), COACH_DATABASE_URL=url, COACH_QUEUE="1").items():
        monkeypatch.setenv(name, value)
    return url
