"""Deleting an interview kept the practice questions its debrief had added, while deleting only the
debrief took them back: practised as asked in an interview no longer in the log. Both follow one
rule now (coach.debrief.questions_a_deletion_takes_back), in the terminal and on the page."""

from datetime import date, timedelta

import pytest
from app_support import page
from cli_support import run_coach
from store_support import logged_interview, save_answer

from coach import banks, store
from coach.config import load_settings
from coach.debrief import save_debrief


@pytest.fixture
def db(tmp_path, monkeypatch):
    """This test's own data directory (SQLite), as the page opens it."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_USER", raising=False)
    opened = store.open_store(load_settings(tmp_path))
    yield opened
    opened.close()


def _own_questions(db) -> set[str]:
    return {q.text for q in banks.load_questions(db.settings.data_dir, owner=db.owner) if q.source != "bank"}


def _debriefed(db) -> int:
    """Initech's interview whose debrief added five questions: one the user starred, one another
    debrief lists too, one answered since; "Why this company?" was kept before it was written."""
    day = (date.today() - timedelta(days=3)).isoformat()
    initech = logged_interview(db, company="Initech", interview_date=day)
    hooli = logged_interview(db, company="Hooli", interview_date=day)
    banks.add_user_question(db.settings.data_dir, "Why this company?", source="real interview")
    asked = [
        "How do you plan a quarter?",
        "Tell me about a conflict with a peer.",
        "Why us?",
        "Describe a project that failed.",
        "Why this company?",
        "How do you test a data pipeline?",
    ]
    _, added, _ = save_debrief(db, db.settings, initech, {"questions_asked": asked, "interest": 4})
    ids = {q.text: q.id for q in added}
    store.set_favourite(db, ids["Why us?"], True)
    save_debrief(db, db.settings, hooli, {"questions_asked": ["Describe a project that failed."]})
    save_answer(db, ids["How do you test a data pipeline?"], "How do you test a data pipeline?")
    return initech


KEPT = {"Why us?", "Describe a project that failed.", "Why this company?", "How do you test a data pipeline?"}


def test_coach_delete_interview_takes_back_the_questions_its_debrief_added(db, tmp_path):
    initech = _debriefed(db)
    asked_first = run_coach("delete-interview", initech, data_dir=tmp_path)  # not at a terminal
    assert asked_first.returncode == 1
    assert asked_first.stderr.strip() == (
        f"error: Deleting cannot be undone; add --yes to delete interview #{initech} (Initech) with its "
        "recordings, answers and debriefs and the 2 questions its debriefs added to your practice questions."
    )
    assert len(_own_questions(db)) == 6
    deleted = run_coach("delete-interview", initech, "--yes", data_dir=tmp_path)
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout.strip() == (
        f"Deleted interview #{initech} with its recordings, answers and debriefs and the 2 questions "
        "its debriefs added to your practice questions."
    )
    assert _own_questions(db) == KEPT
    assert [i["company"] for i in store.list_interviews(db)] == ["Hooli"]


def test_deleting_an_interview_on_the_page_takes_back_the_questions_its_debrief_added(db):
    initech = _debriefed(db)
    at = page("interviews").run()
    assert not at.exception
    at.button(key=f"interviews_del_{initech}").click().run()  # asks first: nothing gone yet
    assert [w.value for w in at.warning] == [
        "Delete the Initech interview, and the 2 questions its debrief added to your practice "
        "questions? This cannot be undone."
    ]
    at.button(key=f"interviews_del_{initech}_yes").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "Deleted the Initech interview. 2 questions it had added were taken out of your practice questions."
    ]
    assert _own_questions(db) == KEPT
    assert [i["company"] for i in store.list_interviews(db)] == ["Hooli"]
