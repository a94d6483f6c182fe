"""Multi-user mode in the app: without a trusted identity every page shows one sentence and no data."""

from __future__ import annotations

import pytest
from app_support import page
from store_support import analysis_dict, transcript_dict

from coach import store
from coach.config import load_settings
from coach.identity import SIGN_IN

PAGES = ("practice", "mock", "questions", "progress", "review", "interviews", "settings")


def _shown(at) -> str:
    """Every piece of text the page put on screen."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "text"):
        parts += [str(element.value) for element in getattr(at, kind)]
    parts += [str(m.label) + str(m.value) for m in at.metric]
    parts += [str(b.label) for b in at.button]
    return "\n".join(parts)


def _seed(data_dir) -> None:
    """The single user's and one cohort member's rows, each with words no sign-in page may show."""
    db = store.open_store(load_settings(data_dir))
    try:
        for who, company in (("", "Solo Secret Ltd"), ("ana@example.edu", "Ana Secret Corp")):
            mine = db.for_owner(who)
            store.add_interview(mine, company=company, interview_date="2026-11-20")
            store.save_attempt(
                mine,
                question_id="swe-beh-01",
                question_text="Tell me about a conflict.",
                recording=None,
                transcript=transcript_dict(f"{company} answer"),
                analysis=analysis_dict(text=f"{company} answer"),
                engine="faster-whisper",
                model="tiny.en",
            )
    finally:
        db.close()


@pytest.mark.parametrize("name", PAGES)
def test_multi_user_mode_without_an_identity_shows_the_sign_in_sentence_only(name, tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    _seed(tmp_path)
    (tmp_path / "settings.toml").write_text("multi_user = true\n")
    at = page(name).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [SIGN_IN]
    shown = _shown(at)
    assert "Secret" not in shown and str(tmp_path) not in shown
    assert len(at.title) == 0  # the page itself never started


def test_a_user_named_in_the_server_environment_is_not_an_identity(tmp_path, monkeypatch):
    """COACH_USER is the command line's; the app believes only the proxy's header."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_USER", "ana@example.edu")
    _seed(tmp_path)
    (tmp_path / "settings.toml").write_text("multi_user = true\n")
    at = page("progress").run()
    assert not at.exception
    assert [w.value for w in at.warning] == [SIGN_IN]
    assert "Secret" not in _shown(at)


def test_single_user_mode_shows_the_single_users_data_only(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    _seed(tmp_path)
    at = page("interviews").run()
    assert not at.exception and not at.warning
    shown = _shown(at)
    assert "Solo Secret Ltd" in shown and "Ana Secret Corp" not in shown
