""" "Next real interview due": the Interviews page and the Progress page show the same date.

The goal is N interviews in any rolling window of D days, so the next is due when the oldest of the
last N leaves the window: the N-th most recent interview + D days (playbook.cadence_status).
"""

from __future__ import annotations

from datetime import date, timedelta

from app_support import page
from store_support import analysis_dict, save_real_answers

from coach import playbook, store
from coach.config import load_settings
from coach.local_time import long_date


def _real_interview(db, when: date) -> None:
    interview_id = store.add_interview(db, company="Acme", interview_date=when, stage="first round")
    answer = {"question_id": None, "question_text": "Tell me about a conflict.", "analysis": analysis_dict()}
    save_real_answers(db, interview_id, [answer])


def test_both_pages_show_the_same_next_due_date(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings = load_settings(tmp_path)
    playbook.set_cadence(settings, playbook.load_playbook().cadence, interviews=2, period_days=90)
    today = date.today()
    db = store.open_store(settings)
    try:
        _real_interview(db, today - timedelta(days=80))
        _real_interview(db, today - timedelta(days=10))
    finally:
        db.close()
    # the older of the last two leaves the 90-day window 10 days from now (once: the last one + 45)
    due = _in_words(today + timedelta(days=10), today)

    assert _shown_due_dates() == {"interviews": due, "progress": due}


def _in_words(day: date, today: date) -> str:
    """'14 Aug', with the year when it is not this one (short enough for a quarter-width metric)."""
    return f"{day.day} {day:%b}" + ("" if day.year == today.year else f" {day.year}")


def _shown_due_dates() -> dict[str, str]:
    """The date each page shows; the words beside it ("on track", "due now", "booked") must agree too."""
    shown, words = {}, set()
    for name in ("interviews", "progress"):
        at = page(name).run()
        assert not at.exception
        [metric] = [m for m in at.metric if m.label == "Next real interview due"]
        shown[name] = metric.value
        words.add(metric.delta)
    assert len(words) == 1, words
    return shown


def test_without_a_goal_both_pages_use_the_playbook_default(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings = load_settings(tmp_path)
    default = playbook.load_playbook().cadence  # one a quarter (91 days)
    assert default.interviews == 1
    today = date.today()
    db = store.open_store(settings)
    try:
        _real_interview(db, today - timedelta(days=30))
    finally:
        db.close()
    due = _in_words(today + timedelta(days=default.period_days - 30), today)
    assert _shown_due_dates() == {"interviews": due, "progress": due}


def test_an_interview_booked_after_today_is_booked_on_both_pages(tmp_path, monkeypatch):
    """Both pages named the goal's date, long past, as "Next real interview due" above an interview
    already booked; they name the booked one's day and company instead."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        _real_interview(db, today - timedelta(days=200))  # the default goal (one a quarter) is past due
        # but the next one is in the calendar (nothing recorded for it: one with a recording has happened)
        store.add_interview(db, company="Acme", interview_date=today + timedelta(days=5), stage="first round")
    finally:
        db.close()
    booked = _in_words(today + timedelta(days=5), today)
    for name in ("interviews", "progress"):
        shown = [(m.label, m.value, m.delta) for m in page(name).run().metric if "Next real" in m.label]
        assert shown == [("Next real interview", booked, "booked: Acme")], name


def test_an_offer_or_a_rejection_is_not_an_interview_held_on_either_page_or_the_cli(tmp_path, monkeypatch):
    """An offer logged as a stage counted as a real interview: it met the "always be interviewing"
    goal and added to "Real interviews" on Progress, though no interview was held."""
    import json

    from cli_support import run_coach, unwrapped

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        _real_interview(db, today - timedelta(days=120))  # the default goal (one a quarter) is past due
        store.add_interview(db, company="Acme", interview_date=today - timedelta(days=3), stage="offer")
        store.add_interview(db, company="Initech", interview_date=today - timedelta(days=2), stage="Rejected")
        store.add_interview(db, company="Acme", interview_date=today + timedelta(days=4), stage="offer call")
    finally:
        db.close()
    due = _in_words(today - timedelta(days=120 - 91), today)  # still due since the interview 120 days ago
    assert _shown_due_dates() == {"interviews": due, "progress": due}
    shown = {m.label: m for m in page("progress").run().metric}
    assert shown["Next real interview due"].delta == "due now"
    assert shown["Real interviews"].value == "1"

    report = json.loads(run_coach("progress", "--json", data_dir=tmp_path).stdout)
    assert report["counts"]["real_interviews"] == 1
    real = report["cadence"]["real_interviews"]
    assert real["last"] == (today - timedelta(days=120)).isoformat() and real["upcoming"] == []
    assert real["next_due"] == (today - timedelta(days=120 - 91)).isoformat()
    # the text says which goal the date comes from (it gave the date alone)
    said = unwrapped(run_coach("progress", data_dir=tmp_path).stdout)  # wrapped in 80 columns
    assert (  # the period as the Interviews page says it ("every 91 days" read otherwise)
        "Next real interview due by your goal (1 interview every quarter): "
        f"{long_date(real['next_due'])} (overdue)." in said
    )


def test_someone_with_no_real_interview_yet_is_invited_to_a_first_on_both_pages_and_the_cli(
    tmp_path, monkeypatch
):
    """A first-time user read "Next real interview due: today — due now" (in red on Progress) and
    "(overdue)" in `coach progress`, for an interview they never had: both pages and the command now
    invite them to book a first one."""
    from cli_support import run_coach, unwrapped
    from store_support import save_answer

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    db = store.open_store(load_settings(tmp_path))
    try:
        save_answer(db, "swe-beh-01", "Tell me about a conflict.")  # Progress shows its headline
    finally:
        db.close()
    for name in ("interviews", "progress"):
        at = page(name).run()
        assert not at.exception
        [shown] = [m for m in at.metric if "Next real" in m.label]
        # no grey "book your first" pill under it (it read as a button and did nothing): on both
        # pages a button that opens the Interviews page's form to add it
        assert (shown.label, shown.value, shown.delta) == ("Next real interview", "None yet", "")
        assert "book a first-round interview" in shown.help, name
        assert not any("due now" in str(m.delta) or "overdue" in str(m.value) for m in at.metric), name
        if name == "interviews":
            assert at.session_state["interviews_tab"] == "Pipeline"
            [first] = [b for b in at.button if b.label == "Add your first"]
            first.click().run()
            assert not at.exception
            assert at.session_state["interviews_tab"] == "Add an interview"  # the tab shown

    said = run_coach("progress", data_dir=tmp_path)
    assert said.returncode == 0, said.stderr
    assert "Next real interview: none logged yet. Always be interviewing: book a first-round interview" in (
        unwrapped(said.stdout)  # wrapped in 80 columns
    )
    assert "overdue" not in said.stdout and "due by your goal" not in said.stdout


def test_the_interviews_page_reads_the_goal_from_its_own_store(tmp_path, monkeypatch):
    """The page opened a second store on every run only to read the cadence goal (a new engine, the
    check that every migration is applied, recovery of recordings left behind): now it reads it
    from the store it already has open."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings = load_settings(tmp_path)
    playbook.set_cadence(settings, playbook.load_playbook().cadence, interviews=3, period_days=60)
    at = page("interviews").run()
    assert not at.exception
    opened = []
    real_open = store.open_store
    monkeypatch.setattr(store, "open_store", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    at.run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Cadence goal"] == "3 every 60 days"  # the goal set
    assert opened == [], f"{len(opened)} store(s) opened again on a run of the page"


def test_saving_the_cadence_goal_says_it_was_saved(tmp_path, monkeypatch):
    """ "Save goal" under "Change the cadence goal" said nothing: only the figures changed, where
    the page's other saves say what was saved. It says the goal it saved, in the metric's words."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("interviews").run()
    assert not at.exception and not at.success
    interviews, days = at.number_input
    interviews.set_value(2)
    days.set_value(30)
    [b for b in at.button if b.label == "Save goal"][0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Saved your cadence goal: 2 real interviews every 30 days."]
    assert {m.label: m.value for m in at.metric}["Cadence goal"] == "2 every 30 days"
    at.run()  # said once, as the page's other saves are
    assert not at.success
