"""Mock interviews on Progress: a series of their own, in the report and on the page."""

from __future__ import annotations

import json
import re

from app_support import page
from store_support import analysis_dict, record, save_answer, transcript_dict

from coach.config import load_settings
from coach.progress import progress_report
from coach.store import open_store, save_attempt
from coach.store.mock_sessions import save_mock_session


def _fill(data_dir) -> None:
    settings = load_settings(data_dir=data_dir)
    db = open_store(settings)
    try:
        for overall, pattern, early in ((58.0, "3 of 4 answers had no result.", False), (71.0, None, True)):
            attempt = save_attempt(
                db,
                question_id="beh-own-07",
                question_text="Tell me about something you built.",
                recording=record(settings, 200 + overall),
                transcript=transcript_dict(),
                analysis=analysis_dict(overall=overall),
                engine="faster-whisper",
                model="tiny.en",
            )
            save_mock_session(
                db,
                format="behavioural",
                planned_s=1800,
                used_s=605.0,
                score_overall=overall,
                summary={"format_label": "Behavioural round", "answers": 4, "pattern": pattern,
                         "ended_early": early},
                turns=[{"kind": "question", "question_text": "Tell me about something you built.",
                        "attempt_id": attempt, "score_overall": overall}],
            )  # fmt: skip
    finally:
        db.close()


def test_the_report_lists_mock_interviews_apart_from_practice(tmp_path):
    _fill(tmp_path)
    settings = load_settings(data_dir=tmp_path)
    db = open_store(settings)
    try:
        report = progress_report(db, settings)
    finally:
        db.close()
    assert len(report["mock_interviews"]) == 2 and report["counts"]["practice_attempts"] == 2
    assert [m["score_overall"] for m in report["mock_interviews"]] == [58.0, 71.0]
    assert report["mock_interviews"][0]["pattern"] == "3 of 4 answers had no result."


def test_the_progress_page_charts_mock_interviews_as_their_own_series(tmp_path, monkeypatch):
    _fill(tmp_path)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    assert "Mock interviews" in [s.value for s in at.header]
    # a table whose cells wrap to the page: in one sized to its cells the repeated gap was cut off
    # ("Results left unsaid in 2 of") at 1280 px and out of view on a phone
    [table] = [t.value for t in at.table if "Repeated gap" in t.value.columns]
    assert not [d for d in at.dataframe if "Repeated gap" in d.value.columns]
    assert list(table["Overall"]) == ["71", "58"]
    # one ended before its last question says so: "10:05 of 30 min" alone read as a short round; the
    # 30 minutes both were planned for is said once, above the table
    assert list(table["Time used"]) == ["10:05, ended early", "10:05"]
    assert "Each was a behavioural round of 30 minutes." in " ".join(c.value for c in at.caption).replace(
        "\\", ""
    )
    # the table reads Markdown: the page escapes the words, the user reads them as written
    assert [gap.replace("\\", "") for gap in table["Repeated gap"]] == ["", "3 of 4 answers had no result."]
    # dated as the tables beside it date things ('1 Dec 13:40', the two on one day), not as stored
    # ('2026-12-01T13:40:00+00:00')
    shown = re.compile(r"\d{1,2} [A-Z][a-z]{2}( \d{4}| \d\d:\d\d)")
    assert all(shown.fullmatch(w) for w in table["When"]), list(table["When"])


def test_coach_progress_says_one_mock_interview_s_score_without_a_first_and_latest(tmp_path):
    """One mock interview: "overall score 79.", not "79 in the first, 79 in the latest"; with two,
    the first and the latest."""
    from datetime import date

    from coach.progress import summary_lines

    settings = load_settings(data_dir=tmp_path)
    db = open_store(settings)
    try:
        save_mock_session(
            db, format="behavioural", planned_s=1800, used_s=73.0, score_overall=79.0,
            summary={"format_label": "Behavioural round", "answers": 2}, turns=[],
        )  # fmt: skip
        one = summary_lines(progress_report(db, settings, today=date(2026, 12, 1)))
        save_mock_session(
            db, format="behavioural", planned_s=1800, used_s=600.0, score_overall=84.0,
            summary={"format_label": "Behavioural round", "answers": 4}, turns=[],
        )  # fmt: skip
        two = summary_lines(progress_report(db, settings, today=date(2026, 12, 1)))
    finally:
        db.close()
    assert "Mock interviews: 1; overall score 79." in one, one
    assert "Mock interviews: 2; overall score 79 in the first, 84 in the latest." in two, two


def test_coach_progress_gives_a_mock_interviews_score_whole_as_its_report_does(tmp_path):
    """Two answers scored 79 and 78 make a mock interview's 78.5: its report on the Mock interview
    page said 78/100 and `coach progress` said "overall score 78.5"."""
    from datetime import date

    from coach.progress import summary_lines

    settings = load_settings(data_dir=tmp_path)
    db = open_store(settings)
    try:
        save_mock_session(
            db, format="behavioural", planned_s=1800, used_s=75.0, score_overall=78.5,
            summary={"format_label": "Behavioural round", "answers": 2}, turns=[],
        )  # fmt: skip
        lines = summary_lines(progress_report(db, settings, today=date(2026, 12, 1)))
    finally:
        db.close()
    assert "Mock interviews: 1; overall score 78." in lines, lines  # round(78.5), as the page does


def _practice_and_mock(data_dir) -> None:
    """The same question answered twice: once on Practice, then in a mock interview."""
    settings = load_settings(data_dir=data_dir)
    db = open_store(settings)
    try:
        attempts = [
            save_attempt(
                db,
                question_id="beh-own-07",
                question_text="Tell me about something you built.",
                recording=record(settings, 220 + 40 * i),
                transcript=transcript_dict(),
                analysis=analysis_dict(overall=overall),
                engine="faster-whisper",
                model="tiny.en",
            )
            for i, overall in enumerate((60.0, 74.0))
        ]
        save_mock_session(
            db, format="behavioural", planned_s=1800, used_s=95.0, score_overall=74.0,
            summary={"format_label": "Behavioural round", "answers": 1},
            turns=[{"kind": "question", "question_id": "beh-own-07",
                    "question_text": "Tell me about something you built.", "attempt_id": attempts[1],
                    "score_overall": 74.0}],
        )  # fmt: skip
    finally:
        db.close()


def test_a_mock_interview_s_answers_are_practice_and_say_so(tmp_path):
    """A mock interview's answer counted as a practice answer with nothing to tell it apart: the
    counts, the line under the question and the table of earlier answers now say which came from a
    mock interview, and still count it (a mock interview is practice)."""
    from datetime import date

    from coach.progress import answered_before, summary_lines
    from coach.store import list_attempts
    from coach.ui import summary

    _practice_and_mock(tmp_path)
    settings = load_settings(data_dir=tmp_path)
    db = open_store(settings)
    try:
        report = progress_report(db, settings)
        attempts = list_attempts(db, question_id="beh-own-07", newest_first=False)
    finally:
        db.close()
    assert (report["counts"]["practice_attempts"], report["counts"]["practice_in_mock_interviews"]) == (2, 1)
    assert summary_lines(report)[0].startswith(
        "2 practice answers (1 in a mock interview), 0 real interviews"
    )
    assert [p["mock_interview"] for p in report["trends"]["score_overall"]["practice"]] == [False, True]
    before = answered_before(attempts, "beh-own-07")
    assert summary.answered_before_line(before, date.today()) == (
        "You have answered this 2 times (1 in a mock interview), last today (score 74)."
    )
    rows = summary.answer_rows(attempts, [], date.today(), attempts[0]["id"])
    assert rows[0]["When"].endswith(" mock") and rows[1]["When"] == "this answer", rows  # newest first


def test_coach_history_labels_a_mock_interview_s_answer(tmp_path):
    """A mock interview's answer says so after its time, as the Progress page's tables do ("5 Dec
    mock"): its row ended "score 74  mock interview", 87 columns here and up to 95 with a longer
    question id, wrapped by an 80-column terminal."""
    from cli_support import run_coach

    _practice_and_mock(tmp_path)
    listed = run_coach("history", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    first, second = listed.stdout.splitlines()[:2]  # newest first: the mock interview's answer
    assert re.fullmatch(r"#2     \d{4}-\d\d-\d\d \d\d:\d\d mock  beh-own-07 .*score 74", first), first
    assert "mock" not in second and second.index("beh-own-07") == first.index("beh-own-07"), listed.stdout
    assert listed.stdout.splitlines()[2:] == ["2 practice answers (1 in a mock interview)."], listed.stdout
    shown = json.loads(run_coach("history", "--json", data_dir=tmp_path).stdout)
    assert [a["mock_session_id"] is not None for a in shown["attempts"]] == [True, False]


def test_coach_history_fits_a_mock_interview_s_answer_in_80_columns(tmp_path):
    """The widest row there can be: the longest id of a bank question, every figure at its widest."""
    from cli_support import run_coach

    settings = load_settings(data_dir=tmp_path)
    db = open_store(settings)
    try:
        answer = save_attempt(
            db, question_id="beh-collab-01", question_text="Tell me about a time you disagreed.",
            recording=None, transcript=transcript_dict(),
            analysis=analysis_dict(wpm=185.0, fillers_per_100=12.5, overall=100.0),
            engine="faster-whisper", model="tiny.en",
        )  # fmt: skip
        save_mock_session(
            db, format="behavioural", planned_s=1800, used_s=95.0, score_overall=100.0,
            summary={"format_label": "Behavioural round", "answers": 1},
            turns=[{"kind": "question", "question_id": "beh-collab-01", "attempt_id": answer,
                    "question_text": "Tell me about a time you disagreed.", "score_overall": 100.0}],
        )  # fmt: skip
    finally:
        db.close()
    listed = run_coach("history", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    row, said = listed.stdout.splitlines()
    assert said == "1 practice answer (1 in a mock interview).", listed.stdout
    assert " mock  beh-collab-01 " in row and row.endswith("12.5 fillers/100  score 100"), row
    assert len(row) <= 80, (len(row), row)


def test_the_progress_page_says_how_many_practice_answers_were_in_mock_interviews(tmp_path, monkeypatch):
    _practice_and_mock(tmp_path)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    [practice] = [m for m in at.metric if m.label == "Practice answers"]
    assert practice.value == "2"
    assert "1 in a mock interview, counted as practice." in practice.proto.help
    # the question's own history: which answer came from the mock interview
    [built] = [e for e in at.expander if "something you built" in e.label]
    assert built.label.replace("\\", "").endswith("— 2 practice (1 in a mock interview)"), built.label
    assert [w.endswith(" mock") for w in built.dataframe[0].value["When"]] == [True, False]


def test_the_per_question_list_says_why_a_follow_up_s_answer_is_not_in_it(tmp_path, monkeypatch):
    """After a two-question mock interview Progress said "Practice answers 5" over three questions
    of one answer each: the two answers to follow-ups were counted and listed nowhere."""
    _practice_and_mock(tmp_path)
    settings = load_settings(data_dir=tmp_path)
    db = open_store(settings)
    try:
        follow_up = save_attempt(
            db,
            question_id=None,
            question_text="What was the outcome? How did you measure it?",
            recording=record(settings, 330),
            transcript=transcript_dict(),
            analysis=analysis_dict(overall=70.0),
            engine="faster-whisper",
            model="tiny.en",
        )
        save_mock_session(
            db, format="behavioural", planned_s=1800, used_s=60.0, score_overall=70.0,
            summary={"format_label": "Behavioural round", "answers": 1},
            turns=[{"kind": "follow_up", "question_text": "What was the outcome? How did you measure it?",
                    "attempt_id": follow_up, "score_overall": 70.0}],
        )  # fmt: skip
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    [practice] = [m for m in at.metric if m.label == "Practice answers"]
    listed = [e.label for e in at.expander if "— " in e.label and " practice" in e.label]
    assert practice.value == "3" and len(listed) == 1, listed  # 2 answers under one question
    assert (
        "1 answer to a mock interview follow-up is counted among your practice answers but not listed "
        "here, as no question from the bank was asked."
    ) in [c.value for c in at.caption]


def _a_year_of_mock_interviews(data_dir, formats=("Behavioural round",)) -> None:
    """One mock interview a month for a year, each a 30-minute round; two on the last day."""
    from datetime import UTC, datetime, timedelta

    import sqlalchemy as sa

    from coach.store.schema import mock_sessions

    settings = load_settings(data_dir=data_dir)
    db = open_store(settings)
    now = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    try:
        save_answer(db, "beh-own-07", "Tell me about something you built.", analysis=analysis_dict())
        for i in range(13):
            at = now - timedelta(days=30 * (11 - min(i, 11)), hours=2 if i == 11 else 0)
            session = save_mock_session(
                db, format="behavioural", planned_s=1800, used_s=588.0 + i, score_overall=55.0 + 2 * i,
                summary={"format_label": formats[i % len(formats)], "answers": 5, "ended_early": i == 3,
                         "pattern": "Results left unsaid in 2 of 5 stories" if i % 3 == 0 else None},
                turns=[],
            )  # fmt: skip
            with db.write() as conn:  # the session as of its day (the store stamps it now)
                moved = sa.update(mock_sessions).where(mock_sessions.c.id == session)
                conn.execute(moved.values(created_at=at))
    finally:
        db.close()


def test_a_year_of_mock_interviews_reads_on_a_phone(tmp_path, monkeypatch):
    """A year's mock interviews made a table four lines a row at 390 px: each row said "Tue 10 Nov
    21:57", "Behavioural round" and "9:48 of 30 min" again. What every row shared is now said once
    above it, the day without weekday (its time only where two fell on one day), so the figures and
    the repeated gap are what the rows say."""
    _a_year_of_mock_interviews(tmp_path)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    [table] = [t.value for t in at.table if "Repeated gap" in t.value.columns]
    assert list(table.columns) == ["When", "Overall", "Time used", "Repeated gap"]
    assert len(table) == 13
    used = list(table["Time used"])
    assert used[:2] == ["10:00", "9:59"] and "9:51, ended early" in used, used
    when = list(table["When"])
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}( \d{4}| \d\d:\d\d)?", w) for w in when), when
    # the two of one day told apart by their times
    assert all(re.search(r" \d\d:\d\d$", w) for w in when[:2]) and when[0] != when[1], when
    assert not any(re.search(r"\d\d:\d\d", w) for w in when[2:]), when
    assert max(len(w) for w in when) <= 11 and max(len(t) for t in used) <= 17
    said = " ".join(c.value for c in at.caption).replace("\\", "")  # escaped Markdown, read as written
    assert "Each was a behavioural round of 30 minutes." in said, said


def test_mock_interviews_of_different_rounds_keep_their_format_in_each_row(tmp_path, monkeypatch):
    """Rounds of more than one kind: each row still says which it was."""
    _a_year_of_mock_interviews(tmp_path, formats=("Behavioural round", "Technical round"))
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    [table] = [t.value for t in at.table if "Repeated gap" in t.value.columns]
    assert list(table.columns) == ["When", "Format", "Overall", "Time used", "Repeated gap"]
    assert set(table["Format"]) == {"Behavioural round", "Technical round"}
    assert list(table["Time used"])[0] == "10:00"  # all 30 minutes: said once above


def test_coach_progress_lists_the_latest_mock_interviews_as_the_page_s_table_does(tmp_path):
    """A year's 12 mock interviews: the Progress page's table gives each one's score, time used and
    the gap that repeated; `coach progress` gave the first and latest scores alone, so the gap
    each report found was nowhere in the terminal. It lists the newest three as the table does."""
    from datetime import date

    from cli_support import coach_printed

    _fill(tmp_path)
    lines = coach_printed(tmp_path, "progress").splitlines()
    at = lines.index("Mock interviews: 2; overall score 58 in the first, 71 in the latest.")
    today = date.today().isoformat()
    listed = lines[at + 1 : at + 4]
    assert all(len(line) <= 80 for line in listed) and listed[2].startswith("    gap: "), listed
    # both of today: each with its time, as the page's table gives them (wrapped at words in 80 columns)
    assert re.fullmatch(
        rf"{today} \d\d:\d\d, behavioural round: overall 71, 10:05 of 30 min, ended early\. "
        rf"{today} \d\d:\d\d, behavioural round: overall 58, 10:05 of 30 min; repeated gap: 3 of 4 "
        r"answers had no result\.",
        " ".join(" ".join(listed).split()),
    ), lines


def test_a_mock_interview_ended_before_its_last_follow_up_is_said_so_as_its_report_says_it(
    tmp_path, monkeypatch
):
    """Every question answered, only the last follow-up left waiting: its report says "You ended the
    interview before answering the last follow-up", and Progress said "ended early", as of one
    ended before its last question. Both say it as the report does now; the JSON keeps
    `ended_early` true (the interview did end before its end) and says which it was."""
    from datetime import date

    from cli_support import coach_printed

    from coach.mock.report import ENDED_BEFORE_THE_LAST_FOLLOW_UP

    settings = load_settings(data_dir=tmp_path)
    db = open_store(settings)
    try:
        for early, left in ((True, 2), (True, 0)):  # before a question, then before the last follow-up
            # the page shows its charts and tables once there is a practice answer
            save_answer(db, "beh-own-07", "Tell me about something you built.")
            save_mock_session(
                db, format="behavioural", planned_s=1800, used_s=605.0, score_overall=70.0,
                summary={"format_label": "Behavioural round", "answers": 4, "ended_early": early,
                         "questions_not_answered": left},
                turns=[],
            )  # fmt: skip
        report = progress_report(db, settings)
    finally:
        db.close()
    assert [m["ended_early"] for m in report["mock_interviews"]] == [True, True]
    assert [m["ended_before_the_last_follow_up"] for m in report["mock_interviews"]] == [False, True]
    said = "ended before answering the last follow-up"
    assert "before answering the last follow-up" in ENDED_BEFORE_THE_LAST_FOLLOW_UP  # the report's words
    lines = coach_printed(tmp_path, "progress").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Mock interviews: 2;"))
    today = date.today().isoformat()
    assert re.fullmatch(  # both of today, each with its time
        rf"{today} \d\d:\d\d, behavioural round: overall 70, 10:05 of 30 min, {said}\. "
        rf"{today} \d\d:\d\d, behavioural round: overall 70, 10:05 of 30 min, ended early\.",
        " ".join(" ".join(lines[at + 1 : at + 4]).split()),
    ), lines
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    [table] = [t.value for t in at.table if "Repeated gap" in t.value.columns]
    assert list(table["Time used"]) == [f"10:05, {said}", "10:05, ended early"]


def test_two_mock_interviews_of_one_day_last_year_read_apart(tmp_path, monkeypatch):
    """Two mock interviews of one day a year back both read "5 Dec 2025" in Progress's table (their
    times, which tell two of this year's days apart, were dropped for another year's); each now has
    its time after its year, and today's has no year."""
    from datetime import date, datetime, time, timedelta

    import sqlalchemy as sa

    from coach.store.schema import mock_sessions

    day = date.today() - timedelta(days=366)  # in another year, whatever today is
    db = open_store(load_settings(data_dir=tmp_path))
    try:
        save_answer(db, "beh-own-07", "Tell me about something you built.", analysis=analysis_dict())
        for at in (datetime.combine(day, time(10)), datetime.combine(day, time(15)), datetime.now()):
            session = save_mock_session(
                db, format="behavioural", planned_s=1800, used_s=600.0, score_overall=60.0,
                summary={"format_label": "Behavioural round", "answers": 5}, turns=[],
            )  # fmt: skip
            with db.write() as conn:  # the session as of its moment (the store stamps it now)
                moved = sa.update(mock_sessions).where(mock_sessions.c.id == session)
                conn.execute(moved.values(created_at=at.astimezone()))
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    [table] = [t.value for t in at.table if "Repeated gap" in t.value.columns]
    that_day = f"{day.day} {day:%b} {day.year}"
    today = date.today()
    assert list(table["When"]) == [f"{today.day} {today:%b}", f"{that_day} 15:00", f"{that_day} 10:00"]


def test_coach_progress_gives_two_mock_interviews_of_one_day_their_times_as_the_page_does(
    tmp_path, monkeypatch
):
    """Two mock interviews of one day read "2026-12-07, behavioural round: overall 60, …" alike in
    `coach progress`, where the Progress page's table gives each its time. Each has its time on the
    user's clock now; one alone on its day keeps its day alone, as in the table."""
    from datetime import date, datetime, time, timedelta

    import sqlalchemy as sa
    from cli_support import coach_printed

    from coach.store.schema import mock_sessions

    today = date.today()
    yesterday = today - timedelta(days=1)
    db = open_store(load_settings(data_dir=tmp_path))
    try:
        save_answer(db, "beh-own-07", "Tell me about something you built.", analysis=analysis_dict())
        for at, overall in (
            (datetime.combine(yesterday, time(18, 30)), 55.0),
            (datetime.combine(today, time(0, 40)), 60.0),
            (datetime.combine(today, time(0, 55)), 65.0),
        ):
            session = save_mock_session(
                db, format="behavioural", planned_s=1800, used_s=600.0, score_overall=overall,
                summary={"format_label": "Behavioural round", "answers": 5}, turns=[],
            )  # fmt: skip
            with db.write() as conn:  # the session as of its moment on this machine's clock
                moved = sa.update(mock_sessions).where(mock_sessions.c.id == session)
                conn.execute(moved.values(created_at=at.astimezone()))
    finally:
        db.close()
    lines = coach_printed(tmp_path, "progress").splitlines()
    at = lines.index("Mock interviews: 3; overall score 55 in the first, 65 in the latest.")
    assert lines[at + 1 : at + 4] == [
        f"  {today} 00:55, behavioural round: overall 65, 10:00 of 30 min.",
        f"  {today} 00:40, behavioural round: overall 60, 10:00 of 30 min.",
        f"  {yesterday}, behavioural round: overall 55, 10:00 of 30 min.",
    ], lines
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    page_run = page("progress").run()
    assert not page_run.exception
    [table] = [t.value for t in page_run.table if "Repeated gap" in t.value.columns]
    assert [w[-5:] for w in list(table["When"])[:2]] == ["00:55", "00:40"], table  # the page's times
