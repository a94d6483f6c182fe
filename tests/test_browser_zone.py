"""Pages on the person's clock, not the server's: in a cohort one server serves people in many
time zones, and a student in Tokyo answering at 08:00 is on today's date, not yesterday's in the
server's New York. The browser names its zone (st.context.timezone); AppTest seeds it."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from app_support import page
from store_support import analysis_dict, save_answer

from coach import local_time, store
from coach.config import load_settings
from coach.ui.highlight import escape

# 12 hours behind UTC and 14 ahead: 26 hours apart, so the two never share a date whatever the time.
SERVER = "Etc/GMT+12"
BROWSER = "Pacific/Kiritimati"


def _date_in(name: str) -> date:
    return datetime.now(ZoneInfo(name)).date()


def _review_date(context: dict) -> date:
    """The date the Review page offers for a new interview, in a browser that says `context`."""
    at = page("review")
    at.context = context
    at.run()
    assert not at.exception and not at.error
    return at.date_input(key="review_date").value


def test_the_review_page_dates_a_new_interview_on_the_browsers_today(tmp_path, monkeypatch, zone):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    zone(SERVER)
    assert date.today() == _date_in(SERVER) != _date_in(BROWSER)  # the machine is on the server's zone
    assert _review_date({"timezone": BROWSER}) == _date_in(BROWSER)


def test_a_browser_naming_no_zone_or_an_unknown_one_keeps_the_servers_today(tmp_path, monkeypatch, zone):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    zone(SERVER)
    for context in (
        {},
        {"timezone": "Mars/Olympus_Mons"},
        {"timezone": "../../etc/passwd"},
        {"timezone": "America"},
    ):
        assert _review_date(context) == _date_in(SERVER), context


def _answered_line(context: dict) -> list[str]:
    """What the Practice page says under swe-beh-01 about when it was last answered."""
    at = page("practice")
    at.context = context
    at.session_state["practice_question_id"] = "swe-beh-01"
    at.run()
    assert not at.exception and not at.error
    return [c.value for c in at.caption if c.value.startswith("You have answered")]


def test_an_answer_is_dated_on_the_browsers_day(tmp_path, monkeypatch, zone):
    """18:30 on Tuesday in the server's New York is 08:30 on Wednesday in the student's Tokyo."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    zone("America/New_York")
    db = store.open_store(load_settings(tmp_path))
    try:
        question = "Tell me about an incident you were involved in."
        save_answer(db, "swe-beh-01", question, analysis=analysis_dict(overall=71.4),
                    created_at=datetime(2025, 11, 11, 23, 30, tzinfo=UTC))  # fmt: skip
    finally:
        db.close()
    assert _answered_line({"timezone": "Asia/Tokyo"}) == [
        "You have answered this once, on Wed 12 Nov 2025 (score 71)."
    ]
    assert _answered_line({}) == ["You have answered this once, on Tue 11 Nov 2025 (score 71)."]


def test_one_sessions_zone_never_reaches_another(zone):
    """Each Streamlit session runs its page in its own thread: the zone one sets is not another's."""
    zone("America/New_York")
    stamp = "2025-11-11T23:30:00+00:00"
    seen = {}

    def session(name: str, browser: str | None) -> None:
        local_time.use_zone(ZoneInfo(browser) if browser else None)
        seen[name] = (local_time.local_day(stamp), local_time.local_moment(stamp).strftime("%H:%M"))

    tokyo = threading.Thread(target=session, args=("tokyo", "Asia/Tokyo"))
    tokyo.start()
    tokyo.join()
    other = threading.Thread(target=session, args=("no zone named", None))
    other.start()
    other.join()
    assert seen == {"tokyo": ("2025-11-12", "08:30"), "no zone named": ("2025-11-11", "18:30")}
    assert local_time.local_day(stamp) == "2025-11-11"  # this thread never named one: the machine's


def test_the_cohort_counts_an_answer_in_the_readers_week(tmp_path, zone):
    """Sunday 20:00 in New York is Monday 10:00 in Tokyo: staff reading in Tokyo see it in the new week."""
    from dataclasses import replace

    from coach.progress import cohort_report

    zone("America/New_York")
    settings = replace(load_settings(tmp_path), multi_user=True, staff=("staff@example.edu",))
    db = store.open_store(settings)

    def weeks_answered() -> list[str]:
        report = cohort_report(db.for_owner("staff@example.edu"), settings, today=date(2025, 11, 18))
        return [week["week"] for week in report["weeks"] if week["answers"]]

    try:
        save_answer(db.for_owner("ana@example.edu"), "swe-beh-01", "An incident.",
                    created_at=datetime(2025, 11, 17, 1, 0, tzinfo=UTC))  # fmt: skip
        assert weeks_answered() == ["2025-11-10"]
        local_time.use_zone(ZoneInfo("Asia/Tokyo"))
        assert weeks_answered() == ["2025-11-17"]
    finally:
        local_time.use_zone(None)
        db.close()


def test_ending_a_mock_interview_early_dates_the_last_one_on_the_browsers_day(tmp_path, monkeypatch, zone):
    """ "End the interview here" writes the report in a button's callback, which runs before the
    page: the last mock interview, 18:30 on Tuesday in New York, is Wednesday's in Tokyo."""
    import sqlalchemy as sa

    from coach.store.mock_sessions import save_mock_session
    from coach.store.schema import mock_sessions

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    zone("America/New_York")
    db = store.open_store(load_settings(tmp_path))
    try:
        earlier = save_mock_session(
            db, format="behavioural", planned_s=1800, used_s=600.0, score_overall=70.0, summary={}, turns=[]
        )
        with db.write() as conn:
            conn.execute(
                sa.update(mock_sessions)
                .where(mock_sessions.c.id == earlier)
                .values(created_at=datetime(2025, 11, 11, 23, 30, tzinfo=UTC))
            )
    finally:
        db.close()
    at = page("mock")
    at.context = {"timezone": "Asia/Tokyo"}
    at.run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    opener = Path(__file__).parent / "data" / "mock" / "01-opener.wav"  # an answer to compare
    at.audio_input[0].set_value(("answer.wav", opener.read_bytes(), "audio/wav")).run()
    at.button(key="mock_end").click().run()
    assert not at.exception and not at.error
    said = [m.value for m in at.markdown if "last mock interview" in m.value]
    assert len(said) == 1 and said[0].startswith(
        escape("Since your last mock interview (Wed 12 Nov 2025): overall score 70 → ")
    ), said


def test_a_mock_interviews_spoken_questions_are_filed_on_the_browsers_clock(tmp_path, monkeypatch, zone):
    """The Start button's callback, which runs before the page, named the folder of the interviewer's
    spoken questions (mock/20261203-081500-…) on the server's clock: 14 hours off in Tokyo."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    zone("America/New_York")
    at = page("mock")
    at.context = {"timezone": "Asia/Tokyo"}
    at.run()
    at.slider(key="mock_n_behavioural").set_value(1).run()
    at.button(key="mock_start").click().run()
    assert not at.exception and not at.error
    [folder] = (tmp_path / "mock").iterdir()
    named = datetime.strptime(folder.name[:15], "%Y%m%d-%H%M%S")
    in_tokyo = datetime.now(ZoneInfo("Asia/Tokyo")).replace(tzinfo=None)
    assert abs((in_tokyo - named).total_seconds()) < 600, folder.name
    at.button(key="mock_end").click().run()  # ended before any answer: nothing stored
