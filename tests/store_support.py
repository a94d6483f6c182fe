"""Fixtures for the store tests: a data directory on SQLite and the same on a real PostgreSQL.

Import the fixtures into a test module with
`from store_support import backend_fixture, settings_fixture, store_fixture  # noqa: F401`;
an app test whose page must open the same data takes `backend_fixture, db_fixture` instead, and
one that runs `coach` commands beside the page (cli_support.run_coach, on SQLite only) takes
`sqlite_db_fixture` (both are named `db`: a module takes one of them).
"""

from __future__ import annotations

import contextlib
import io
import math
import shutil
import tempfile
import wave
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pg_server
import pytest
from pg_server import get_server, skip_reason

from coach.audio import save_recording
from coach.config import load_settings
from coach.store import add_interview, open_store, save_attempt, save_interview_recording

BACKENDS = ["sqlite", "postgresql"]


@contextlib.contextmanager
def started_once(database_url: str | None = None) -> Iterator:
    """The settings of a store the coach opened once, as a first start does (every migration run),
    in a data folder of its own that goes when the block ends; `database_url`: PostgreSQL's, else
    SQLite in that folder. The suite's new databases copy what this makes (conftest, pg_server)."""
    folder = Path(tempfile.mkdtemp(prefix="coach-migrated-"))
    try:
        settings = replace(load_settings(data_dir=folder), database_url=database_url)
        open_store(settings, recover=False).close()
        yield settings
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def make_settings(tmp_path, backend: str, name: str = "data"):
    settings = load_settings(data_dir=tmp_path / name)
    if backend == "postgresql":
        reason = skip_reason()
        if reason:
            pytest.skip(reason)
        url = get_server().new_database_url(migrated=pg_server.NEW_DATABASES_MIGRATED)
        return replace(settings, database_url=url)
    return replace(settings, database_url=None)


@pytest.fixture(name="backend", params=BACKENDS)
def backend_fixture(request, monkeypatch) -> str:
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    return request.param


@pytest.fixture(name="settings")
def settings_fixture(tmp_path, backend):
    return make_settings(tmp_path, backend)


@pytest.fixture(name="store")
def store_fixture(settings):
    opened = open_store(settings)
    yield opened
    opened.close()


@pytest.fixture(name="db")
def db_fixture(tmp_path, monkeypatch, backend):
    """A store on an empty data directory, on SQLite and on PostgreSQL, that the app's pages open
    too (COACH_DATA_DIR, and COACH_DATABASE_URL for PostgreSQL)."""
    settings = make_settings(tmp_path, backend, name=".")
    monkeypatch.setenv("COACH_DATA_DIR", str(settings.data_dir))
    if settings.database_url:
        monkeypatch.setenv("COACH_DATABASE_URL", settings.database_url)
    db = open_store(settings)
    yield db
    db.close()


@pytest.fixture(name="db")
def sqlite_db_fixture(tmp_path, monkeypatch):
    """A store on SQLite in the test's own data directory (tmp_path) that the app's pages open too,
    and `coach` commands run with cli_support.run_coach on that folder (no PostgreSQL URL, no
    signed-in user)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    opened = open_store(load_settings(tmp_path))
    yield opened
    opened.close()


def logged_interview(db, **extra) -> int:
    """An interview in the log: Acme Robotics, staff engineer, the first round on 2 March 2026,
    with Dana Ortiz (hiring manager); `extra` replaces any of it (people=[...] too)."""
    values = dict(
        company="Acme Robotics",
        role="Staff engineer",
        stage="first round",
        interview_date="2026-03-02",
        people=[{"name": "Dana Ortiz", "title": "hiring manager"}],
    )
    return add_interview(db, **{**values, **extra})


def wav_bytes(seconds: float = 0.5, pitch_hz: float = 220.0, sample_rate: int = 16000) -> bytes:
    """A real little WAV file (a tone); each pitch gives different bytes."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        frames = bytearray()
        for i in range(int(seconds * sample_rate)):
            value = int(8000 * math.sin(2 * math.pi * pitch_hz * i / sample_rate))
            frames += value.to_bytes(2, "little", signed=True)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


def record(settings, pitch_hz: float = 220.0, kind: str = "practice"):
    return save_recording(
        wav_bytes(pitch_hz=pitch_hz),
        settings,
        original_name=f"take-{pitch_hz:g}.wav",
        kind=kind,
    )


def analysis_dict(
    *,
    wpm: float = 150.0,
    fillers_per_100: float = 4.0,
    overall: float = 70.0,
    duration_s: float = 90.0,
    words: int = 225,
    long_pauses: int = 1,
    version: str = "1",
    text: str = "So I led the migration and we shipped it on time.",
) -> dict:
    """An analysis in the `coach analyze` JSON shape (DESIGN.md)."""
    return {
        "transcript": text,
        "duration_s": duration_s,
        "words": [],
        "fillers": [],
        "repetitions": [],
        "hedges": [],
        "sentences": [{"start_char": 0, "end_char": len(text), "star": "action"}],
        "metrics": {
            "words": words,
            "wpm": wpm,
            "fillers_per_min": fillers_per_100 * wpm / 100,
            "fillers_per_100_words": fillers_per_100,
            "long_pauses": long_pauses,
            "duration_s": duration_s,
            "star": {},
        },
        "scores": {
            "overall": overall,
            "delivery": {"score": overall + 5},
            "fillers": {"score": overall - 5},
            "structure": {"score": overall},
            "content": {"score": overall + 1},
        },
        "feedback": ["Pace sat inside the comfortable band."],
        "analysis_version": version,
    }


def transcript_dict(
    text: str = "So I led the migration and we shipped it on time.",
    duration_s: float = 90.0,
) -> dict:
    return {
        "transcript": text,
        "duration_s": duration_s,
        "words": [],
        "language": "en",
        "engine": "faster-whisper",
        "model": "tiny.en",
    }


def save_answer(
    db,
    question_id: str | None,
    question_text: str,
    *,
    analysis: dict | None = None,
    created_at=None,
    recording=None,
) -> int:
    """A practice answer as the coach stores it once analysed: `analysis` (analysis_dict()'s
    figures unless given), at `created_at` (now unless given), with `recording` (a saved one, as
    coach.audio.save_recording returns it) or without."""
    return save_attempt(
        db,
        question_id=question_id,
        question_text=question_text,
        recording=recording,
        transcript=transcript_dict(),
        analysis=analysis or analysis_dict(),
        engine="faster-whisper",
        model="tiny.en",
        created_at=created_at,
    )


def save_real_answers(db, interview_id: int, answers: list[dict]) -> int:
    """Answers heard in a real interview, stored as a review stores them, its recording not kept:
    each a dict with question_id, question_text and analysis."""
    return save_interview_recording(
        db,
        interview_id,
        recording=None,
        transcript=None,
        engine="faster-whisper",
        model="tiny.en",
        answers=answers,
    )


# The questions Initech's debrief lists (debriefed_interview), and those of them a deletion of that
# debrief or interview leaves in the practice questions: one starred, one another debrief lists
# too, one kept before the debrief was written, one answered since.
ASKED_AT_INITECH = [
    "How do you plan a quarter?",
    "Tell me about a conflict with a peer.",
    "Why us?",
    "Describe a project that failed.",
    "Why this company?",
    "How do you test a data pipeline?",
]
LEFT_AFTER_INITECH = {
    "Why us?",
    "Describe a project that failed.",
    "Why this company?",
    "How do you test a data pipeline?",
}


def debriefed_interview(db) -> tuple[int, list]:
    """Initech's interview three days ago, whose debrief lists ASKED_AT_INITECH: "Why this company?"
    was a practice question before, so five are added; the user starred "Why us?", Hooli's debrief
    lists "Describe a project that failed." too, and "How do you test a data pipeline?" was answered
    since. Returns Initech's id and the questions its debrief added."""
    from coach import banks
    from coach.debrief import save_debrief
    from coach.store import set_favourite

    day = (date.today() - timedelta(days=3)).isoformat()
    initech = logged_interview(db, company="Initech", interview_date=day)
    hooli = logged_interview(db, company="Hooli", interview_date=day)
    banks.add_user_question(db.settings.data_dir, "Why this company?", source="real interview")
    _, added, _ = save_debrief(db, db.settings, initech, {"questions_asked": ASKED_AT_INITECH, "interest": 4})
    ids = {q.text: q.id for q in added}
    set_favourite(db, ids["Why us?"], True)
    save_debrief(db, db.settings, hooli, {"questions_asked": ["Describe a project that failed."]})
    save_answer(db, ids["How do you test a data pipeline?"], "How do you test a data pipeline?")
    return initech, added


def own_questions(db) -> set[str]:
    """The words of the store owner's practice questions that are not the banks'."""
    from coach import banks

    return {q.text for q in banks.load_questions(db.settings.data_dir, owner=db.owner) if q.source != "bank"}


def answered_over_months(db) -> dict:
    """A user months into practice, on this machine's clock: "Tell me about yourself." (mot-05)
    asked in a real interview 45 days ago and practised 40 and 10 days ago (scores 60, then 71);
    beh-lead-01 practised once, 50 days ago (score 65). Returns the practice days by question id."""
    from datetime import datetime, timedelta

    from coach.store import add_interview

    noon = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    interview_id = add_interview(
        db, company="Acme", stage="onsite", interview_date=(noon - timedelta(days=45)).date().isoformat()
    )
    save_real_answers(
        db,
        interview_id,
        [{"question_id": "mot-05", "question_text": "Tell me about yourself.", "analysis": analysis_dict()}],
    )
    for days, score in ((40, 60.0), (10, 71.0)):
        save_answer(
            db,
            "mot-05",
            "Tell me about yourself.",
            analysis=analysis_dict(overall=score),
            created_at=noon - timedelta(days=days),
        )
    lead = "Tell me about a time you led a project or team without formal authority"
    save_answer(
        db, "beh-lead-01", lead, analysis=analysis_dict(overall=65.0), created_at=noon - timedelta(days=50)
    )
    return {"mot-05": (noon - timedelta(days=10)).date(), "beh-lead-01": (noon - timedelta(days=50)).date()}
