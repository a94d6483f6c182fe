"""Progress and Practice after months of use: many answers to one question, practice, mock and real
read the same way in every list that names them."""

import re
from datetime import UTC, date, datetime, timedelta

from app_support import page
from store_support import analysis_dict, save_answer, save_real_answers

from coach import store
from coach.config import load_settings
from coach.store.mock_sessions import save_mock_session
from coach.ui import summary
from coach.ui.log_labels import table_moment

QUESTION = ("beh-lead-01", "Tell me about a time you led a project or team without formal authority.")


def _months_of_one_question(tmp_path, monkeypatch) -> dict:
    """Answers to one question: one practice answer every nine days for four months, a mock
    interview's answer and a real interview's answer among them. Returns the days and ids."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    now = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    try:
        practice = [
            save_answer(
                db,
                *QUESTION,
                analysis=analysis_dict(overall=50.0 + i),
                created_at=now - timedelta(days=9 * i + 2),
            )
            for i in range(14)
        ]
        mock_at = now - timedelta(days=5)
        mock = save_answer(db, *QUESTION, analysis=analysis_dict(overall=77.0), created_at=mock_at)
        save_mock_session(
            db,
            format="behavioural",
            planned_s=1800,
            used_s=300.0,
            score_overall=77.0,
            summary={"format_label": "Behavioural round", "answers": 1},
            turns=[
                {
                    "kind": "question",
                    "question_id": QUESTION[0],
                    "question_text": QUESTION[1],
                    "attempt_id": mock,
                    "score_overall": 77.0,
                    "duration_s": 90.0,
                }
            ],
        )
        real_day = (now - timedelta(days=4)).date()
        interview = store.add_interview(db, company="Globex", stage="first round", interview_date=real_day)
        save_real_answers(
            db,
            interview,
            [
                {
                    "question_id": QUESTION[0],
                    "question_text": QUESTION[1],
                    "analysis": analysis_dict(overall=66.0),
                }
            ],
        )
    finally:
        db.close()
    return {"mock_at": mock_at, "real_day": real_day, "practice": practice, "mock": mock}


def _day(moment) -> str:
    return table_moment(moment.isoformat(), date.today(), with_time=False)


def test_the_delete_list_names_each_answer_as_the_question_s_table_beside_it_does(tmp_path, monkeypatch):
    """Progress's "Delete a practice answer" read 'Sat 5 Dec 11:36 · overall 70' beside a table
    reading '5 Dec practice' and '5 Dec mock': the list now names each answer as the table does, in
    the same order (newest first), with its overall score."""
    seeded = _months_of_one_question(tmp_path, monkeypatch)
    at = page("progress").run()
    assert not at.exception
    # the table shows its newest 15 answers until asked for every one, as the list names them
    at.toggle(key=f"progress_all_{QUESTION[0]}").set_value(True).run()
    [table] = [t for t in at.dataframe if list(t.value.columns)[:2] == ["When", "Overall"]]
    table_rows = [r["When"] for r in table.value.to_dict("records") if not r["When"].endswith(" real")]
    picker = at.selectbox(key=f"progress_delete_{QUESTION[0]}_pick")
    listed = list(picker.options)
    assert listed[1] == f"{_day(seeded['mock_at'])} mock · overall 77", listed[:3]
    assert [label.split(" · ")[0] for label in listed] == table_rows
    assert all(":" not in label.split(" · ")[0] for label in listed), listed  # no time of day


def test_practice_s_table_beside_a_new_answer_reads_as_progress_s(tmp_path, monkeypatch):
    """Practice's "this answer against your earlier ones" read '3 Dec 12:00' for a practice answer
    and '30 Nov mock' for a mock one, and left out the real interview's answer that Progress's table
    of the same question lists: it now reads as Progress's does, '3 Dec practice', '30 Nov mock',
    '1 Dec real', with the answer just given as "this answer"."""
    seeded = _months_of_one_question(tmp_path, monkeypatch)
    newest = seeded["practice"][0]
    db = store.open_store(load_settings(tmp_path))
    try:
        analysis = store.get_attempt(db, newest)["analysis"]
    finally:
        db.close()
    at = page("practice")
    at.session_state["practice_question_id"] = QUESTION[0]
    at.session_state["practice_result"] = {
        "digest": "d",
        "attempt_id": newest,
        "analysis": analysis,
        "question_id": QUESTION[0],
        "recording": None,
        "demonstration": False,
    }
    at.run()
    assert not at.exception
    assert "This answer against your earlier ones" in [h.value for h in at.header]
    [table] = [t for t in at.dataframe if "When" in t.value.columns]
    when = list(table.value["When"])
    progress = page("progress").run()
    [theirs] = [t for t in progress.dataframe if list(t.value.columns)[:2] == ["When", "Overall"]]
    assert when == ["this answer", *list(theirs.value["When"])[1:]], (when, list(theirs.value["When"]))
    assert f"{_day(seeded['mock_at'])} mock" in when and f"{_day(seeded['real_day'])} real" in when
    assert all(":" not in w for w in when), when


def test_a_year_of_answers_is_summed_up_over_as_many_answers_as_the_chart_s_average_line(
    tmp_path, monkeypatch
):
    """200 answers: the chart's thick line averages 10 answers in a row, yet the sentence under it
    compared the first 5 with the last 5 (144 over the last 5 beside a line ending at 150). Both now
    take the same number of answers, so the sentence's figures are the line's first and last points."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    paces = [190 - i * 0.2 + (12 if i % 2 else -12) + (20 if i % 7 == 0 else 0) for i in range(200)]
    db = store.open_store(load_settings(tmp_path))
    start = datetime.now(UTC) - timedelta(days=365)
    try:
        for i, pace in enumerate(paces):
            save_answer(
                db, *QUESTION, analysis=analysis_dict(wpm=pace), created_at=start + timedelta(days=1.8 * i)
            )
    finally:
        db.close()
    at = page("progress").run()
    assert not at.exception
    assert any(
        "The thick dark line follows the average of 10 practice answers in a row" in c.value
        for c in at.caption
    )
    [said] = [str(m.value) for m in at.markdown if str(m.value).startswith("Pace (words per minute):")]
    first, last = round(sum(paces[:10]) / 10), round(sum(paces[-10:]) / 10)
    assert said.startswith(
        f"Pace (words per minute): **{first}** on average over your first 10 answers, "
        f"**{last}** over your last 10"
    ), said


def test_a_rerun_of_progress_reads_the_answers_once_and_redraws_its_charts_from_what_it_kept(
    tmp_path, monkeypatch
):
    """A year in, a rerun of Progress took about 3.7 s: the practice answers were read three times
    a run, and both charts built and checked against Altair's schema again for the same data. Now
    the answers are read once a run and each chart is built once for its data (counted here around
    the real functions, over a real database)."""
    import streamlit as st

    from coach import progress
    from coach.ui import charts

    _months_of_one_question(tmp_path, monkeypatch)
    st.cache_data.clear()
    reads, built = [], []
    read_answers = store.list_attempts

    def counted_read(*args, **kwargs):
        reads.append(kwargs)
        return read_answers(*args, **kwargs)

    monkeypatch.setattr(store, "list_attempts", counted_read)
    monkeypatch.setattr(progress, "list_attempts", counted_read)
    for name in ("trend_chart_with_average", "mock_chart"):
        build = getattr(charts, name)
        monkeypatch.setattr(
            charts, name, lambda *a, _b=build, _n=name, **k: (built.append(_n), _b(*a, **k))[1]
        )
    at = page("progress").run()
    assert not at.exception
    assert len(reads) == 1, reads
    assert sorted(built) == ["mock_chart", "trend_chart_with_average"]
    drawn = len(at.get("vega_lite_chart"))
    assert drawn == 2
    at.run()
    assert not at.exception
    assert len(reads) == 2 and len(built) == 2, (reads, built)  # read again, nothing built again
    assert len(at.get("vega_lite_chart")) == drawn
    assert [t.value for t in at.table if "Repeated gap" in t.value.columns]  # the page is whole


def test_two_answers_of_one_day_last_year_are_told_apart_in_the_delete_list(tmp_path, monkeypatch):
    """Two answers given on one day more than a year ago, with the same score, read alike in
    "Delete a practice answer" ('3 Nov 2025 practice · overall 70' twice): which one a click would
    delete could not be told. Each now has its time, as two of a day this year have."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    day = datetime.now(UTC).replace(hour=9, minute=12, second=0, microsecond=0) - timedelta(days=400)
    try:
        for at in (day, day + timedelta(hours=6), datetime.now(UTC) - timedelta(days=1)):
            save_answer(db, *QUESTION, analysis=analysis_dict(overall=70.0), created_at=at)
    finally:
        db.close()
    at = page("progress").run()
    assert not at.exception
    listed = list(at.selectbox(key=f"progress_delete_{QUESTION[0]}_pick").options)
    assert len(set(listed)) == 3, listed
    old = [label for label in listed if str(day.year) in label]
    assert len(old) == 2 and all(re.search(r"\d\d:\d\d practice · overall 70$", o) for o in old), listed


def test_two_answers_of_a_day_last_month_are_named_by_the_table_s_day_and_their_times():
    """In January two answers of 28 Dec read '28 Dec practice' in the table and '28 Dec 2026
    practice' twice in the list beside it: each now reads as the table's day with its time."""
    practice = [
        {"id": 1, "created_at": "2026-12-28T09:12:00"},
        {"id": 2, "created_at": "2026-12-28T18:40:00"},
    ]
    named = summary.answers_named(practice, date(2027, 1, 5))
    assert [r["When"] for r in summary.answer_rows(practice, [], date(2027, 1, 5))] == ["28 Dec practice"] * 2
    assert named == {1: "28 Dec 09:12 practice", 2: "28 Dec 18:40 practice"}


def test_answers_of_last_december_each_read_their_day(tmp_path, monkeypatch):
    """A year in, a question's answers from last December (ten to twelve months back) read "Dec
    2025 practice" three times in Progress's table (every answer shown): which was which, and when,
    could not be told. A day of the last year is told apart by its day and month alone, as this
    year's are, so each reads its day ("31 Dec practice"), as wide as the rows above it (a phone cut
    "Dec 2025 practic": tests/e2e/test_progress_table_browser.py)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        # three answers 364, 349 and 340 days back, then one a week for twenty weeks up to today
        days = [today - timedelta(days=back) for back in (364, 349, 340)]
        days += [today - timedelta(days=7 * week) for week in range(20, 0, -1)]
        for day in days:
            save_answer(
                db,
                *QUESTION,
                analysis=analysis_dict(),
                created_at=datetime(*day.timetuple()[:3], 12, tzinfo=UTC),
            )
    finally:
        db.close()
    at = page("progress").run()
    at.toggle(key=f"progress_all_{QUESTION[0]}").set_value(True).run()
    assert not at.exception
    [table] = [t for t in at.dataframe if list(t.value.columns)[:2] == ["When", "Overall"]]
    oldest = [r["When"] for r in table.value.to_dict("records")][-3:]
    assert oldest == [f"{d.day} {d:%b} practice" for d in reversed(days[:3])], oldest
    # a year and a day back, the same day and month as today's: its year said
    assert (
        summary.answer_rows([{"id": 1, "created_at": "2025-12-06T12:00:00"}], [], date(2026, 12, 6))[0][
            "When"
        ]
        == "Dec 2025 practice"
    )


def test_answer_lengths_inside_their_band_all_year_are_said_to_be_there(tmp_path, monkeypatch):
    """A year of answers of 95–105 s (the comfortable band 60–120): Progress's Answer length read
    "99 on average over your first 22 measured answers, 101 over your last 22 — no nearer to or
    further from where it should be", as if it were not where it should be."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    start = datetime.now(UTC) - timedelta(days=365)
    try:
        for i in range(100):
            save_answer(
                db,
                *QUESTION,
                analysis=analysis_dict(duration_s=99.0 if i < 50 else 101.0),
                created_at=start + timedelta(days=3.6 * i),
            )
    finally:
        db.close()
    at = page("progress").run()
    at.selectbox(key="progress_measure").set_value("duration_s").run()
    assert not at.exception
    [said] = [str(m.value) for m in at.markdown if str(m.value).startswith("Answer length (s):")]
    assert said.startswith("Answer length (s): **99** on average over your first ") and said.endswith(
        " — inside the comfortable band both times."
    ), said
