"""Mock interviews travel with export/import (SQLite and PostgreSQL), their turns pointing at the
same answers, and importing twice adds nothing twice."""

from __future__ import annotations

from store_support import (  # noqa: F401
    analysis_dict,
    backend_fixture,
    make_settings,
    record,
    settings_fixture,
    store_fixture,
    transcript_dict,
)

from coach.mock.follow_up import OUTCOME
from coach.store import add_interview, delete_attempt, get_attempt, list_attempts, open_store, save_attempt
from coach.store.mock_sessions import delete_mock_session, list_mock_sessions, save_mock_session
from coach.store.transfer import export_data, import_data


def _mock(store, settings, overall: float = 64.0) -> int:
    interview_id = add_interview(store, company="Globex", role="Data analyst", interview_date="2026-11-02")
    answers = [
        save_attempt(
            store,
            question_id=question_id,
            question_text=text,
            recording=record(settings, pitch),
            transcript=transcript_dict(),
            analysis=analysis_dict(overall=overall),
            engine="faster-whisper",
            model="tiny.en",
        )
        for question_id, text, pitch in (
            ("beh-own-07", "Tell me about something you built.", 210.0),
            (None, OUTCOME, 230.0),
        )
    ]
    summary = {
        "pattern": "2 of 3 answers had no result.",
        "patterns": [{"gap": "no_result", "count": 2, "of": 3}],
    }
    return save_mock_session(
        store,
        format="role",
        role="data",
        interview_id=interview_id,
        planned_s=2700,
        used_s=312.5,
        score_overall=overall,
        summary=summary,
        turns=[
            _turn("question", "Tell me about something you built.", None, answers[0], overall),
            _turn(
                "follow_up",
                OUTCOME,
                "No sentence said how it turned out, so the interviewer asked.",
                answers[1],
                overall,
            ),
        ],
    )


def _turn(kind: str, text: str, why: str | None, attempt_id: int, overall: float) -> dict:
    return {
        "kind": kind,
        "question_id": "beh-own-07",
        "question_text": text,
        "why": why,
        "attempt_id": attempt_id,
        "score_overall": overall,
        "duration_s": 40.0,
    }


def _seen(store) -> list[dict]:
    """Sessions as a user sees them: ids replaced by what they point at."""
    seen = []
    for s in list_mock_sessions(store, with_turns=True):
        turns = [
            {
                **{k: v for k, v in t.items() if k not in ("id", "session_id", "attempt_id")},
                "answer": get_attempt(store, t["attempt_id"])["question_text"] if t["attempt_id"] else None,
            }
            for t in s["turns"]
        ]
        seen.append(
            {**{k: v for k, v in s.items() if k not in ("id", "interview_id", "turns")}, "turns": turns}
        )
    return seen


def test_a_mock_session_survives_export_and_import_into_the_other_database(
    store, settings, tmp_path, backend
):
    _mock(store, settings)
    result = export_data(store, tmp_path / "out.zip")
    assert result["counts"]["mock_sessions"] == 1 and result["counts"]["mock_turns"] == 2

    other = open_store(
        make_settings(tmp_path, "postgresql" if backend == "sqlite" else "sqlite", "elsewhere")
    )
    try:
        imported = import_data(other, tmp_path / "out.zip")
        assert imported["added"]["mock_sessions"] == 1 and imported["added"]["mock_turns"] == 2
        assert _seen(other) == _seen(store)
        assert _seen(other)[0]["turns"][1]["why"].startswith("No sentence said how it turned out")
        assert _seen(other)[0]["summary"]["pattern"] == "2 of 3 answers had no result."
        again = import_data(other, tmp_path / "out.zip")
        assert again["added"]["mock_sessions"] == 0 and again["added"]["mock_turns"] == 0
    finally:
        other.close()


def test_deleting_an_answer_keeps_the_session_and_deleting_the_session_keeps_the_answers(store, settings):
    session_id = _mock(store, settings)
    first = list_mock_sessions(store, with_turns=True)[0]["turns"][0]["attempt_id"]
    delete_attempt(store, first, keep_audio=False)
    [session] = list_mock_sessions(store, with_turns=True)
    assert session["turns"][0]["attempt_id"] is None and session["turns"][1]["attempt_id"] is not None
    delete_mock_session(store, session_id)
    assert list_mock_sessions(store) == [] and len(list_attempts(store)) == 1
