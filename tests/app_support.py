"""Shared setup for the app tests: a data directory with real answers in it, and AppTest runners."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PAGES = ROOT / "app_pages"
TIMEOUT_S = 180


def page(name: str) -> AppTest:
    """The app as a user opens it (app.py's navigation), on the named page; call .run()."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    return at.switch_page(f"app_pages/{name}.py")


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
