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


def test_the_interviewers_questions_go_with_the_interview_and_with_a_review_done_again(db, tmp_path):
    """A review kept the interviewer's question that matched none of the banks' with its answer; done
    again (another voice picked as yours) it kept the question a second time, and the first stayed;
    deleting the interview ("with its recordings, answers and debriefs") left both, their words in
    the history and in every backup: "2 questions in your history" for an interview deleted."""
    from store_support import analysis_dict, record

    from coach.config import load_settings

    asked = {
        "question_text": "Yeah, go for it, and your role?",
        "transcript": None,
        "analysis": analysis_dict(),
    }
    globex = store.add_interview(db, company="Globex", stage="first round", interview_date="2026-12-07")
    reviewed = store.save_interview_recording(
        db,
        globex,
        recording=record(load_settings(tmp_path), kind="interview"),
        transcript=None,
        answers=[asked],
        engine="faster-whisper",
        model="tiny.en",
    )
    assert [q["text"] for q in store.list_questions(db)] == ["Yeah, go for it, and your role?"]
    store.replace_interview_answers(
        db, reviewed, transcript=None, answers=[asked], engine="faster-whisper", model="tiny.en"
    )
    [kept] = store.list_questions(db)  # the one the answer holds now
    [turn] = store.get_interview(db, globex)["recordings"][0]["turns"]
    assert turn["question_id"] == kept["question_id"]
    exported = run_coach("export", tmp_path.parent / "before.zip", data_dir=tmp_path)
    assert "1 question in your history" in " ".join(exported.stdout.split()), exported.stdout
    deleted = run_coach("delete-interview", globex, "--yes", data_dir=tmp_path)
    assert deleted.returncode == 0, deleted.stderr
    assert store.list_questions(db) == []
    # and a backup made before, imported again, does not bring it back with the interview gone
    back = run_coach("import", tmp_path.parent / "before.zip", data_dir=tmp_path)
    assert back.returncode == 0, back.stderr
    assert store.list_questions(db) == [] and store.list_interviews(db) == []
