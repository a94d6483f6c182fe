"""The voice profile that tells the candidate's voice in a review is built from practice takes
that could be measured: a take left unscored (off the question, too short, distorted) may not be
the user's voice, and a new user's lecture played twice to try the coach made their profile."""

from __future__ import annotations

from store_support import analysis_dict, record, save_answer

from coach import store
from coach.config import load_settings
from coach.interview.profile import practice_recordings

QUESTION = ("beh-lead-01", "Tell me about a time you led a project or team without formal authority.")


def test_a_take_left_unscored_is_not_taken_as_your_voice(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        yours = record(settings, pitch_hz=220.0)
        save_answer(db, *QUESTION, recording=yours)
        off_topic = analysis_dict() | {
            "scores": None,
            "warnings": ["This answer does not sound like an answer."],
        }
        played = record(settings, pitch_hz=330.0)
        save_answer(db, *QUESTION, recording=played, analysis=off_topic)
        used = practice_recordings(db)
    finally:
        db.close()
    assert [p.name for p in used] == [yours.path.name], used
