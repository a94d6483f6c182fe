"""Deleting an interview kept the practice questions its debrief had added, while deleting only the
debrief took them back: practised as asked in an interview no longer in the log. Both follow one
rule now (coach.debrief.questions_a_deletion_takes_back), in the terminal and on the page."""

from datetime import date, timedelta

from app_support import interviews_page
from cli_support import run_coach
from store_support import (
    LEFT_AFTER_INITECH,
    debriefed_interview,
    own_questions,
    sqlite_db_fixture,  # noqa: F401
)

from coach import store
from coach.ui.log_labels import short_date


def test_coach_delete_interview_takes_back_the_questions_its_debrief_added(db, tmp_path):
    initech, _ = debriefed_interview(db)
    asked_first = run_coach("delete-interview", initech, data_dir=tmp_path)  # not at a terminal
    assert asked_first.returncode == 1
    assert asked_first.stderr.strip() == (
        f"error: Deleting cannot be undone; add --yes to delete interview #{initech} (Initech) with its "
        "recordings, answers and debriefs and the 2 questions its debriefs added to your practice questions."
    )
    assert len(own_questions(db)) == 6
    deleted = run_coach("delete-interview", initech, "--yes", data_dir=tmp_path)
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout.strip() == (
        f"Deleted interview #{initech} with its recordings, answers and debriefs and the 2 questions "
        "its debriefs added to your practice questions."
    )
    assert own_questions(db) == LEFT_AFTER_INITECH
    assert [i["company"] for i in store.list_interviews(db)] == ["Hooli"]


def test_deleting_an_interview_on_the_page_takes_back_the_questions_its_debrief_added(db):
    initech, _ = debriefed_interview(db)
    held = short_date((date.today() - timedelta(days=3)).isoformat(), date.today())  # debriefed_interview's
    at = interviews_page().run()
    assert not at.exception
    at.button(key=f"interviews_del_{initech}").click().run()  # asks first: nothing gone yet
    assert [w.value for w in at.warning] == [
        f"Delete the Initech first round ({held}), and the 2 questions its debrief added to your "
        "practice questions? This cannot be undone."
    ]
    at.button(key=f"interviews_del_{initech}_yes").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        f"Deleted the Initech first round ({held}). 2 questions it had added were taken out of your "
        "practice questions."
    ]
    assert own_questions(db) == LEFT_AFTER_INITECH
    assert [i["company"] for i in store.list_interviews(db)] == ["Hooli"]
