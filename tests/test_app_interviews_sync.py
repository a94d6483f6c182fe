"""The Interviews page kept open beside a terminal: what `coach` changes there shows on the page and
is never written back over; deletes go as the CLI and the README say; a cadence goal set in the
terminal opens the page."""

import zipfile
from datetime import date, timedelta

import pytest
from app_support import interviews_page, markdown_text
from cli_support import run_coach
from store_support import (
    ASKED_AT_INITECH,
    LEFT_AFTER_INITECH,
    debriefed_interview,
    logged_interview,
    own_questions,
    record,
    sqlite_db_fixture,  # noqa: F401
)

from coach import playbook, store
from coach.config import load_settings
from coach.ui.highlight import escape
from coach.ui.log_labels import short_date

# The date of logged_interview's first round as its card shows it: "Mon 2 Mar" (with its year in another year)
FIRST_ROUND = short_date("2026-03-02", date.today())


def _ahead(db, company: str, days: int) -> int:
    return store.add_interview(
        db, company=company, stage="technical", interview_date=date.today() + timedelta(days=days)
    )


def _ticked(at, interview_id: int) -> list[str]:
    """The step ids ticked on the page's checklist for that interview, in the order shown."""
    prefix = f"interviews_step_{interview_id}_"
    return [c.key.removeprefix(prefix) for c in at.checkbox if c.key.startswith(prefix) and c.value]


def _steps(at, interview_id: int) -> list[str]:
    prefix = f"interviews_step_{interview_id}_"
    return [c.key.removeprefix(prefix) for c in at.checkbox if c.key.startswith(prefix)]


# ---------------------------------------------------------------- checklist


def test_ticks_changed_in_a_terminal_are_shown_not_undone_by_the_open_page(db, tmp_path):
    """Steps 1 and 4 ticked on the page, then `coach prepare N --tick 2 --untick 1` in a terminal:
    the page, merely run again (another tab picked), ticked step 1 again and unticked step 2, in the
    store too, because each checkbox kept its own old value and the page wrote it back."""
    interview = _ahead(db, "Northwind", 3)
    at = interviews_page().run()
    steps = _steps(at, interview)
    at.checkbox(key=f"interviews_step_{interview}_{steps[0]}").check().run()
    at.checkbox(key=f"interviews_step_{interview}_{steps[3]}").check().run()
    assert not at.exception and _ticked(at, interview) == [steps[0], steps[3]]
    assert store.prepared_steps_of(db, interview) == {steps[0], steps[3]}

    changed = run_coach("prepare", interview, "--tick", "2", "--untick", "1", data_dir=tmp_path)
    assert changed.returncode == 0, changed.stderr
    at.run()  # back on the page: a rerun, as picking another tab makes
    assert not at.exception
    assert _ticked(at, interview) == [steps[1], steps[3]]
    assert store.prepared_steps_of(db, interview) == {steps[1], steps[3]}
    assert "2 of 10 steps done. Your ticks are kept with this interview." in [c.value for c in at.caption]
    at.switch_page("app_pages/progress.py").run()
    at.switch_page("app_pages/interviews.py").run()
    assert store.prepared_steps_of(db, interview) == {steps[1], steps[3]}
    assert _ticked(at, interview) == [steps[1], steps[3]]
    # a click on the page after that stores that click, and only it
    at.checkbox(key=f"interviews_step_{interview}_{steps[3]}").uncheck().run()
    assert store.prepared_steps_of(db, interview) == {steps[1]}
    assert _ticked(at, interview) == [steps[1]]
    shown = run_coach("prepare", interview, data_dir=tmp_path).stdout
    assert "1 of 10 steps done" in " ".join(shown.split()) and "2. [x]" in shown and "1. [ ]" in shown


def test_a_new_interview_after_a_deleted_one_starts_with_no_ticks(db, tmp_path):
    """SQLite gave a new interview the id of the one just deleted: the page, still open, showed the
    old interview's ticks on the new one's checklist and stored them there. Ids are no longer
    handed out twice (coach.store.rows.insert_row), and the page keys what it last showed by the
    interview's uid as well."""
    first = _ahead(db, "Northwind", 3)
    at = interviews_page().run()
    steps = _steps(at, first)
    at.checkbox(key=f"interviews_step_{first}_{steps[0]}").check().run()
    at.checkbox(key=f"interviews_step_{first}_{steps[2]}").check().run()
    assert _ticked(at, first) == [steps[0], steps[2]]

    assert run_coach("delete-interview", first, "--yes", data_dir=tmp_path).returncode == 0
    when = (date.today() + timedelta(days=5)).isoformat()
    added = run_coach("add-interview", "Globex", "--stage", "final", "--date", when, data_dir=tmp_path)
    assert added.returncode == 0, added.stderr
    [second] = store.list_interviews(db)
    assert second["id"] != first and second["company"] == "Globex"  # another interview, another id

    at.run()
    assert not at.exception
    assert at.selectbox(key="interviews_prepare_for").value == second["id"]
    assert _ticked(at, second["id"]) == []
    assert "No step done yet. Your ticks are kept with this interview." in [c.value for c in at.caption]
    at.run()
    assert store.prepared_steps_of(db, second["id"]) == set()


# ---------------------------------------------------------------- cadence


def test_a_cadence_goal_beyond_the_forms_bounds_is_refused_in_the_terminal(db, tmp_path):
    """`coach playbook cadence --interviews 100 --every-days 1` was taken, and the Interviews page
    then failed whole ("The value 100 is greater than the max_value 20")."""
    many = run_coach("playbook", "cadence", "--interviews", "100", "--every-days", "1", data_dir=tmp_path)
    assert many.returncode == 1
    assert many.stderr.strip() == "error: The cadence goal is at most 20 real interviews a period, not 100."
    often = run_coach("playbook", "cadence", "--interviews", "2", "--every-days", "3", data_dir=tmp_path)
    assert often.returncode == 1
    assert often.stderr.strip() == (
        "error: The cadence period is at least 7 days (a week), not 3: set a number of interviews "
        "every 7 days or more."
    )
    assert store.list_goals(db) == []
    # the page's form offers exactly what the terminal takes
    at = interviews_page().run()
    assert not at.exception
    interviews, days = at.number_input
    assert (interviews.min, interviews.max) == playbook.CADENCE_INTERVIEWS == (1, 20)
    assert (days.min, days.max) == playbook.CADENCE_PERIOD_DAYS == (7, 3660)
    edge = run_coach("playbook", "cadence", "--interviews", "20", "--every-days", "7", data_dir=tmp_path)
    assert edge.returncode == 0 and "20 real interviews every 7 days" in edge.stdout
    at.run()
    assert not at.exception and {m.label: m.value for m in at.metric}["Cadence goal"] == "20 every 7 days"
    assert [n.value for n in at.number_input] == [20, 7]


@pytest.mark.parametrize(
    ("goal", "period_days", "counted"),
    [(100, 1, (20, 7)), (2, 3, (2, 7)), (3, 5000, (3, 3660)), (1, 10**9, (1, 3660))],
)
def test_a_stored_cadence_goal_beyond_the_bounds_still_opens_the_page(db, goal, period_days, counted):
    """A goal stored before the bounds (or restored from a backup) opens the page: it counts as the
    nearest goal that can be set, the page says so, and the form starts from that and saves it."""
    store.add_goal(db, kind=playbook.CADENCE_GOAL_KIND, target=goal, period_days=period_days)
    at = interviews_page().run()
    assert not at.exception, at.exception
    interviews, days = counted
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Cadence goal"] == f"{interviews} every {days:,} days"
    assert [n.value for n in at.number_input] == [interviews, days]
    assert [w.value for w in at.warning] == [
        # its count with thousands separated, as every count (coach.analysis.wording.count)
        f"Your goal, {goal} every {period_days:,} day{'' if period_days == 1 else 's'}, is beyond what "
        "can be set (1 to 20 real "
        f"interviews, every 7 to 3,660 days): it counts as {interviews} every {days:,} days until you "
        "change it."
    ]
    [b for b in at.button if b.label == "Save goal"][0].click().run()
    assert not at.exception and not at.error and not at.warning
    [kept] = [g for g in store.list_goals(db, active_only=True) if g["kind"] == playbook.CADENCE_GOAL_KIND]
    assert (kept["target"], kept["period_days"]) == counted
    assert {m.label: m.value for m in at.metric}["Cadence goal"] == f"{interviews} every {days:,} days"


# ---------------------------------------------------------------- deleting


def test_deleting_an_interview_on_the_page_deletes_its_recording(db, tmp_path):
    """ "Delete" → "Yes, delete this interview", as offered, left the recording on disk: listed by
    no page and carried into every backup, though `coach delete-interview` and the README delete it."""
    logged_interview(db, company="Initech")  # something else to back up
    interview = logged_interview(db, company="Hooli")
    saved = record(db.settings, 400, kind="interview")
    store.save_interview_recording(
        db, interview, recording=saved, transcript=None, answers=[], engine="faster-whisper", model="tiny.en"
    )
    kept = saved.path
    assert kept.exists()
    at = interviews_page().run()
    assert not at.exception
    # what it has, and only that: it said "with its people, debrief, analysed answers and recordings"
    # for an interview with no debrief and no answer analysed
    assert "**Everything:** the Hooli interview with its people and recordings. " in markdown_text(at)
    assert (
        "**Only the audio:** remove the 1 recording of this interview; the interview stays in your log."
        in (markdown_text(at))
    )
    at.button(key=f"interviews_del_{interview}").click().run()  # asks first: nothing gone yet
    assert [w.value for w in at.warning] == [
        f"Delete the Hooli first round ({FIRST_ROUND}) and its recordings? This cannot be undone."
    ]
    assert kept.exists()
    at.button(key=f"interviews_del_{interview}_yes").click().run()
    assert not at.exception and [s.value for s in at.success] == [
        f"Deleted the Hooli first round ({FIRST_ROUND}) and its recordings."
    ]
    assert [i["company"] for i in store.list_interviews(db)] == ["Initech"]
    assert not kept.exists()
    backup = tmp_path.parent / f"{tmp_path.name}-backup.zip"
    assert run_coach("export", backup, data_dir=tmp_path).returncode == 0
    with zipfile.ZipFile(backup) as zipped:
        carried = [name for name in zipped.namelist() if name.endswith(kept.suffix)]
    assert carried == []


def test_the_only_debrief_of_a_stage_can_be_deleted_asked_first(db, tmp_path):
    """A debrief written on the wrong stage could only be emptied: "Delete this debrief" showed
    only beside a second one."""
    interview = logged_interview(db, company="Initech")
    store.add_debrief(db, interview, went_well="The incident story landed.", interest=4)
    at = interviews_page().run()
    assert escape("The incident story landed.") in markdown_text(at)
    [button] = [b for b in at.button if b.label == "Delete this debrief"]
    button.click().run()  # asks first: nothing gone yet
    assert [w.value for w in at.warning] == [
        "Delete this debrief? The interview and the people met stay; questions it added to your "
        "practice questions go with it, except those you have starred, changed or answered since. "
        "This cannot be undone."
    ]
    assert len(store.get_interview(db, interview)["debriefs"]) == 1
    [b for b in at.button if b.label == "Cancel"][0].click().run()
    assert len(store.get_interview(db, interview)["debriefs"]) == 1 and not at.warning
    [b for b in at.button if b.label == "Delete this debrief"][0].click().run()
    [b for b in at.button if b.label == "Yes, delete this debrief"][0].click().run()
    assert not at.exception and [s.value for s in at.success] == ["Debrief deleted."]
    assert store.get_interview(db, interview)["debriefs"] == []
    assert escape("The incident story landed.") not in markdown_text(at)
    assert [i["company"] for i in store.list_interviews(db)] == ["Initech"]  # the interview stays
    # the stage's form is to write its debrief anew, empty, not the deleted one's words
    assert at.text_area(key=f"interviews_debrief_{interview}_went_well").value == ""


def test_coach_delete_debrief_deletes_a_stages_only_debrief(db, tmp_path):
    interview = logged_interview(db, company="Initech")
    store.add_debrief(db, interview, went_well="The incident story landed.", interest=4)
    asked = run_coach("delete-debrief", interview, data_dir=tmp_path)  # no terminal to answer: refused
    assert asked.returncode == 1 and "add --yes to delete the debrief of interview" in asked.stderr
    assert len(store.get_interview(db, interview)["debriefs"]) == 1
    deleted = run_coach("delete-debrief", interview, "--yes", data_dir=tmp_path)
    assert (
        deleted.stdout.strip()
        == f"Deleted the debrief of interview #{interview} (Initech); the interview stays."
    )
    assert store.get_interview(db, interview)["debriefs"] == []
    again = run_coach("delete-debrief", interview, "--yes", data_dir=tmp_path)
    assert again.returncode == 1
    assert (
        again.stderr.strip()
        == f"error: Interview #{interview} (Initech) has no debrief; nothing was deleted."
    )
    assert "No debrief yet" in run_coach("interview", interview, data_dir=tmp_path).stdout


def test_deleting_a_debrief_takes_back_the_questions_it_added(db, tmp_path):
    """`coach delete-debrief` left the questions the debrief had put in the practice questions:
    practised as asked in an interview no debrief recalls. They go with it now, as taking them out
    of its list does; not one kept before it was written, one another debrief lists too, nor one
    the user starred or answered since."""
    initech, added = debriefed_interview(db)
    assert [q.text for q in added] == ASKED_AT_INITECH[:4] + ASKED_AT_INITECH[5:]  # one kept before
    asked_first = run_coach("delete-debrief", initech, data_dir=tmp_path)
    assert asked_first.returncode == 1
    assert asked_first.stderr.strip() == (
        f"error: Deleting cannot be undone; add --yes to delete the debrief of interview #{initech} "
        "(Initech) and the 2 questions it added to your practice questions."
    )
    deleted = run_coach("delete-debrief", initech, "--yes", data_dir=tmp_path)
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout.strip() == (
        f"Deleted the debrief of interview #{initech} (Initech) and the 2 questions it added to your "
        "practice questions; the interview stays."
    )
    assert own_questions(db) == LEFT_AFTER_INITECH
    assert store.get_interview(db, initech)["debriefs"] == []


def test_the_page_logs_an_application_and_a_rejection_which_ends_it(tmp_path, monkeypatch):
    """The Stage choices had no "applied", "rejected" or "withdrew" (the command line had them);
    a process that ended read "stopped" without how."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    at = interviews_page().run()
    stage = at.selectbox[[s.label for s in at.selectbox].index("Stage")]
    assert {"applied", "rejected", "withdrew"} <= set(stage.options) and stage.value == "first round"
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(db, company="Umbrella", stage="first round", interview_date=date.today())
        store.add_interview(db, company="Umbrella", stage="rejected", interview_date=date.today())
    finally:
        db.close()
    at.run()
    assert not at.exception
    text = markdown_text(at)
    assert "badge[rejected]" in text and "badge[stopped]" not in text, text
