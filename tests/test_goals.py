"""Goals a user sets: a practice goal and a target per measure, from `coach goals` and from the
Progress page's "Your goals" form (both through coach.goals.change_goals), and how Progress then
shows them. Answers are stored straight into the store: no recording, no Whisper."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from app_support import markdown_text, page
from cli_support import coach_printed, run_coach, unwrapped
from store_support import analysis_dict, save_answer

from coach.config import load_settings
from coach.local_time import long_date


def _answers(data_dir, days_ago: list[int]) -> None:
    """Practice answers stored on the given days back (two on one day when a day is named twice)."""
    from coach.store import open_store

    db = open_store(load_settings(data_dir))
    try:
        for n, back in enumerate(days_ago):
            day = (
                datetime.now(UTC) if back == 0 else datetime.now(UTC).replace(hour=12) - timedelta(days=back)
            )
            at = day - timedelta(minutes=n)
            save_answer(
                db, "mot-05", "Tell me about yourself.", analysis=analysis_dict(wpm=170.0), created_at=at
            )
    finally:
        db.close()


def _goals(data_dir) -> dict:
    result = run_coach("goals", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# ---------------------------------------------------------------- coach goals


def test_coach_goals_sets_lists_and_clears_a_practice_goal_and_targets(tmp_path):
    """Only the real-interview cadence could be set by a user; a practice goal and a pace or filler
    target could be written only by code. `coach goals` sets, lists and clears them."""
    result = run_coach(
        "goals", "--practice-days", 3, "--pace", 150, "--fillers-per-100-words", 2.5, data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    practice = "Practice: on 3 days every week — behind, 0 of 3 days in the last week; practise today."
    assert practice in unwrapped(result.stdout), result.stdout
    assert "Pace: 150 words per minute." in result.stdout
    assert "Fillers per 100 words: 2.5." in result.stdout
    assert "Overall score: no goal set." in result.stdout
    listed = unwrapped(run_coach("goals", data_dir=tmp_path).stdout)
    assert practice in listed and "Pace: 150 words per minute." in listed
    assert _goals(tmp_path)["practice"] == {"days": 3, "every_days": 7}
    assert _goals(tmp_path)["targets"] == {"wpm": 150.0, "fillers_per_100_words": 2.5}

    changed = run_coach("goals", "--every-days", 14, "--clear", "pace", data_dir=tmp_path)
    assert changed.returncode == 0, changed.stderr
    assert "Practice: on 3 days every 2 weeks — behind, 0 of 3 days in the last 2 weeks" in unwrapped(
        changed.stdout
    )
    assert "Pace: no goal set." in changed.stdout
    assert _goals(tmp_path)["targets"] == {"fillers_per_100_words": 2.5}

    assert run_coach("goals", "--clear", "all", data_dir=tmp_path).returncode == 0
    assert (_goals(tmp_path)["practice"], _goals(tmp_path)["targets"]) == (None, {})
    assert _goals(tmp_path)["practice_standing"] is None  # no goal: nothing to stand


def test_a_bad_goal_is_one_sentence_and_nothing_is_stored(tmp_path):
    """A pace of 900 wpm, 9 days in a week, a goal set and cleared at once: one line each on
    stderr, exit 1, and none of the goals given with it stored."""
    for args, said in (
        (
            ("--pace", 900, "--practice-days", 3),
            "A pace goal is between 100 and 200 words per minute, not 900.",
        ),
        (
            ("--practice-days", 9, "--overall-score", 80),
            "A practice goal is a whole number of days from 1 to 7",
        ),
        (
            ("--practice-days", 2, "--every-days", 0),
            "A practice goal's period is a whole number of days from 1 to 365",
        ),
        # it read "A overall score goal is between 1 and 100, not 500."
        (("--overall-score", 500), "An overall score goal is between 1 and 100, not 500."),
        # it read "between 0.0 and 20.0"
        (("--fillers-per-100-words", 150), "A fillers per 100 words goal is between 0 and 20, not 150."),
        (("--pace", 150, "--clear", "pace"), "Both set and cleared: pace"),
        (("--clear", "speed"), "--clear takes practice, pace, fillers-per-100-words"),
    ):
        result = run_coach("goals", *args, data_dir=tmp_path)
        assert result.returncode == 1, (args, result.stdout)
        assert result.stderr.startswith(f"error: {said}") and result.stderr.count("\n") == 1, result.stderr
        assert (_goals(tmp_path)["practice"], _goals(tmp_path)["targets"]) == (None, {}), args


def test_coach_progress_says_where_the_practice_goal_stands_and_the_targets(tmp_path):
    """A practice goal counted as behind or on track, in days with practice (two answers in one
    evening are one day's practice), and the targets, in `coach progress` text and JSON."""
    _answers(tmp_path, [1, 1])
    assert (
        run_coach(
            "goals", "--practice-days", 2, "--every-days", 7, "--pace", 150, data_dir=tmp_path
        ).returncode
        == 0
    )
    text = unwrapped(run_coach("progress", data_dir=tmp_path).stdout)  # wrapped in 80 columns
    assert (
        "Practice goal (on 2 days every week): behind, 1 of 2 days in the last week; practise today." in text
    ), text
    assert "Your targets: pace of 150 words per minute" in text, text
    assert "your goal 150" in text, text
    practice = json.loads(run_coach("progress", "--json", data_dir=tmp_path).stdout)["cadence"][
        "practice_attempts"
    ]
    assert (practice["state"], practice["in_current_period"]) == ("behind", 1)

    _answers(tmp_path, [3])  # a second day in the week: on track until that day falls out of it
    text = unwrapped(run_coach("progress", data_dir=tmp_path).stdout)
    due = date.today() + timedelta(days=4)
    assert (
        f"Practice goal (on 2 days every week): on track, 2 of 2 days in the last week; practise again by "
        f"{long_date(due)} to stay on it." in text
    ), text


def test_coach_goals_says_where_the_practice_goal_stands_as_coach_progress_does(tmp_path):
    """`coach goals` said "Practice: on 2 days every week." and not where the goal stood, which
    `coach progress` and the Progress page say ("behind, 1 of 2 days in the last week; practise
    today"). It now says it in their words, and --json gives the state, the days with practice in
    the period and the day the next is due, as `coach progress --json` does."""
    _answers(tmp_path, [1, 1])  # two answers on one day: one day's practice
    assert run_coach("goals", "--practice-days", 2, data_dir=tmp_path).returncode == 0

    def both() -> tuple[str, str]:
        goals = unwrapped(run_coach("goals", data_dir=tmp_path).stdout)
        progress = unwrapped(run_coach("progress", data_dir=tmp_path).stdout)
        return goals, progress

    goals, progress = both()
    stands = "behind, 1 of 2 days in the last week; practise today."
    assert f"Practice: on 2 days every week — {stands}" in goals, goals
    assert f"Practice goal (on 2 days every week): {stands}" in progress, progress
    progress_json = json.loads(run_coach("progress", "--json", data_dir=tmp_path).stdout)
    counted = progress_json["cadence"]["practice_attempts"]
    said = _goals(tmp_path)
    assert said["practice"] == {"days": 2, "every_days": 7}  # the goal as set, as before
    assert said["practice_standing"] == {
        "state": "behind",
        "in_current_period": 1,
        "next_due": date.today().isoformat(),
    }
    assert said["practice_standing"] == {k: counted[k] for k in said["practice_standing"]}

    _answers(tmp_path, [3])  # a second day in the week: on track until that day falls out of it
    goals, progress = both()
    due = date.today() + timedelta(days=4)
    stands = f"on track, 2 of 2 days in the last week; practise again by {long_date(due)} to stay on it."
    assert f"Practice: on 2 days every week — {stands}" in goals, goals
    assert f"Practice goal (on 2 days every week): {stands}" in progress, progress
    assert _goals(tmp_path)["practice_standing"]["next_due"] == due.isoformat()


def test_a_practice_goal_behind_after_practising_today_says_to_practise_again_tomorrow(tmp_path):
    """Behind on a practice goal with an answer given today, the Progress page and `coach progress`
    said "practise today" beside "Last practice: today" (seen on a first evening: 1 of 3 days); a
    second answer today is no second day with practice, so it now says tomorrow."""
    _answers(tmp_path, [0])
    assert run_coach("goals", "--practice-days", 2, "--every-days", 7, data_dir=tmp_path).returncode == 0
    stands = "behind, 1 of 2 days in the last week; practise again tomorrow."
    progress = unwrapped(run_coach("progress", data_dir=tmp_path).stdout)
    assert f"Practice goal (on 2 days every week): {stands}" in progress, progress
    assert "Last practice: " in progress and "(today)" in progress, progress
    goals = unwrapped(run_coach("goals", data_dir=tmp_path).stdout)
    assert f"Practice: on 2 days every week — {stands}" in goals, goals


def test_coach_goals_says_where_the_real_interview_goal_stands_as_progress_does(tmp_path):
    """`coach goals` said "Real interviews: 1 interview every quarter" and nothing of where the user
    stood on it, which the Progress page's "Next real interview" and `coach progress` say (the day
    the next is due, or the one booked). It now says it, and --json gives the state, the interviews
    held in the period, the day the next is due and the one booked, as `coach progress --json`
    counts them."""

    def standing() -> tuple[str, dict, dict]:
        goals = unwrapped(coach_printed(tmp_path, "goals"))
        progress = json.loads(run_coach("progress", "--json", data_dir=tmp_path).stdout)
        return goals, _goals(tmp_path)["real_interviews_standing"], progress["cadence"]["real_interviews"]

    goals, said, counted = standing()
    assert "Real interviews: 1 interview every quarter; 0 held in the last 91 days; book your first." in goals
    assert said == {"state": "book your first", "in_current_period": 0, "next_due": date.today().isoformat(),
                    "next_booked": None}  # fmt: skip
    assert said == {k: counted[k] for k in said}

    held = date.today() - timedelta(days=10)
    coach_printed(tmp_path, "add-interview", "Initech", "--date", held.isoformat())
    goals, said, counted = standing()
    due = held + timedelta(days=91)
    assert (
        f"Real interviews: 1 interview every quarter; 1 held in the last 91 days; next due by "
        f"{long_date(due)} (on track)." in goals
    ), goals
    assert said == {
        "state": "on track",
        "in_current_period": 1,
        "next_due": due.isoformat(),
        "next_booked": None,
    }
    assert said == {k: counted[k] for k in said}

    booked = date.today() + timedelta(days=5)
    coach_printed(tmp_path, "add-interview", "Umbrella", "--date", booked.isoformat())
    goals, said, counted = standing()
    assert f"1 held in the last 91 days; next booked: Umbrella on {long_date(booked)}." in goals, goals
    assert said["next_booked"]["company"] == "Umbrella" and said == {k: counted[k] for k in said}


# ---------------------------------------------------------------- the Progress page


def test_goals_are_set_shown_and_cleared_on_the_progress_page(tmp_path, monkeypatch):
    """Progress drew "your goal" on a chart but had no way to set one: its "Your goals" form sets a
    practice goal and a pace target, the page says where the practice stands and draws the target,
    and Remove clears them; `coach goals` reads what the page set."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    _answers(tmp_path, [1, 3])
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    assert "Your goals" in [s.value for s in at.header]
    assert any("No goals yet" in c.value for c in at.caption)

    [days] = [n for n in at.number_input if n.label == "Practise on … days"]
    days.set_value(3)
    [pace] = [n for n in at.number_input if n.label == "Pace goal (words per minute)"]
    pace.set_value(150)
    [save] = [b for b in at.button if b.label == "Save goals"]
    save.click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    said = markdown_text(at)
    assert (
        "**Practice** on 3 days every week: :orange[behind], 2 of 3 days in the last week; practise today."
        in said
    )
    assert "**Targets:** pace of 150 words per minute" in said
    caption = " ".join(c.value for c in at.caption)
    assert "The dashed rule is your goal (150)." in caption  # Pace, the chart shown first
    assert _goals(tmp_path)["practice"] == {"days": 3, "every_days": 7}
    assert _goals(tmp_path)["targets"] == {"wpm": 150.0}

    [remove] = [m for m in at.multiselect if m.label == "Remove"]
    remove.set_value(["practice_attempts", "wpm"])
    [save] = [b for b in at.button if b.label == "Save goals"]
    save.click().run()
    assert not at.exception, at.exception
    assert "**Practice**" not in markdown_text(at) and "**Targets:**" not in markdown_text(at)
    assert any("No goals yet" in c.value for c in at.caption)
    assert "The dashed rule is your goal" not in " ".join(c.value for c in at.caption)
    assert (_goals(tmp_path)["practice"], _goals(tmp_path)["targets"]) == (None, {})


def test_a_goal_set_from_the_terminal_is_the_one_the_page_shows(tmp_path, monkeypatch):
    """One store, one function: the page's form opens on the goals `coach goals` set."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    _answers(tmp_path, [0])
    assert (
        run_coach(
            "goals", "--practice-days", 1, "--every-days", 1, "--overall-score", 80, data_dir=tmp_path
        ).returncode
        == 0
    )
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    said = markdown_text(at)
    assert "**Practice** every day: :green[on track], practised today; practise again by" in said, said
    assert "**Targets:** overall score of 80" in said, said
    values = {n.label: n.value for n in at.number_input}
    assert (values["Practise on … days"], values["every … days"], values["Overall score goal"]) == (1, 1, 80)


def test_saving_the_form_changes_only_the_goals_changed_in_it(tmp_path, monkeypatch):
    """A pace goal of 300 (restored from a backup, or written by an older version) is offered in the
    form as the nearest that can be set, 200; setting a practice goal then stored 200 for pace too,
    and a goal changed from the terminal while the page was open was written back as it had been."""
    from coach import store

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    _answers(tmp_path, [1])
    db = store.open_store(load_settings(tmp_path))
    store.add_goal(db, kind="wpm", target=300.0)
    db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    assert run_coach("goals", "--overall-score", 80, data_dir=tmp_path).returncode == 0  # the page is open
    [days] = [n for n in at.number_input if n.label == "Practise on … days"]
    days.set_value(2)
    [save] = [b for b in at.button if b.label == "Save goals"]
    save.click().run()
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    assert _goals(tmp_path)["practice"] == {"days": 2, "every_days": 7}
    assert _goals(tmp_path)["targets"] == {"wpm": 300.0, "score_overall": 80.0}


def test_the_goals_form_logs_no_warning_for_its_whole_numbers(tmp_path, monkeypatch):
    """The pace and overall score goals are whole numbers: drawn with the format "%.0f", each run of
    Progress logged "st.number_input value has type int so is displayed as int despite format
    string" into the server's log, twice."""
    import logging

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    logged = []

    class Kept(logging.Handler):
        def emit(self, record):
            logged.append(record.getMessage())

    at = page("progress")
    widget_log = logging.getLogger("streamlit.elements.widgets.number_input")
    handler = Kept(logging.WARNING)
    widget_log.addHandler(handler)
    try:
        at.run()
    finally:
        widget_log.removeHandler(handler)
    assert not at.exception, at.exception
    assert len(at.number_input) >= 4  # the form is drawn: the two of the practice goal and the targets
    assert logged == [], logged


def test_practice_beyond_the_goal_reads_as_days_done_not_more_of_fewer():
    """A year in, practising more than the goal read "6 of 4 days in the last week" on Progress and
    in `coach progress`: it now says the days and how far past the goal they are."""
    from coach.progress import practice_goal_words

    entry = {"goal": {"target": 4, "period_days": 7}, "in_current_period": 6, "state": "on track"}
    goal, state, rest = practice_goal_words(entry, "9 Dec")
    assert (goal, state) == ("on 4 days every week", "on track")
    assert rest == "6 days in the last week, 2 more than your goal; practise again by 9 Dec to stay on it"
    entry["in_current_period"] = 4  # met exactly, and short of it, read as before
    assert practice_goal_words(entry, "9 Dec")[2].startswith("4 of 4 days in the last week; ")


def test_a_backups_goal_of_a_kind_set_here_too_counts_only_when_set_later_and_the_import_says_which(tmp_path):
    """A pace goal on the old laptop and another on the new one, then the backup restored: the import
    said "Imported 1 goal" and `coach goals` still showed the one here, the backup's sitting unseen;
    a backup's goal set later replaced the one here without a word. The one set later counts, and
    the import says which."""
    old, new, newer = tmp_path / "old", tmp_path / "new", tmp_path / "newer"
    coach_printed(old, "goals", "--pace", "150")
    coach_printed(old, "export", tmp_path / "earlier.zip")
    coach_printed(new, "goals", "--pace", "140")  # set after the backup's

    said = coach_printed(new, "import", tmp_path / "earlier.zip")

    assert said.strip() == (
        "Nothing new to import. Your pace goal here (140 words per minute) is kept; the backup's "
        "(150 words per minute), set earlier, was not used."
    ), said
    assert json.loads(coach_printed(new, "goals", "--json"))["targets"] == {"wpm": 140.0}

    coach_printed(newer, "goals", "--pace", "130")
    coach_printed(old, "goals", "--pace", "160")  # changed on the old laptop after the one here was set
    coach_printed(old, "export", tmp_path / "later.zip")
    said = coach_printed(newer, "import", tmp_path / "later.zip")
    assert said.strip() == (
        "Imported 1 goal. The backup's pace goal (160 words per minute), set later than yours here "
        "(130 words per minute), is now yours."
    ), said
    assert json.loads(coach_printed(newer, "goals", "--json"))["targets"] == {"wpm": 160.0}
    assert coach_printed(newer, "import", tmp_path / "later.zip").startswith(
        "Nothing new to import: everything in this backup is already here (1 goal)."
    )


def _passed(source, target, zip_path) -> str:
    """`coach export` on one laptop and `coach import` of it on the other: what the import said."""
    coach_printed(source, "export", zip_path)
    return coach_printed(target, "import", zip_path).strip()


def _pace(data_dir) -> dict:
    return json.loads(coach_printed(data_dir, "goals", "--json"))["targets"]


def test_a_pace_goal_changed_on_each_laptop_in_turn_is_said_as_the_goal_it_is(tmp_path):
    """A→B→A→B with the same goal changed in between: each import said "1 goal in the backup was
    changed later than the one here and replaced it." Now the goal and both values are named."""
    a, b = tmp_path / "a", tmp_path / "b"
    coach_printed(a, "goals", "--pace", "150")
    assert _passed(a, b, tmp_path / "1.zip") == "Imported 1 goal."

    for n, (source, target, before, after) in enumerate(
        ((b, a, 150, 140), (a, b, 140, 130), (b, a, 130, 120))
    ):
        coach_printed(source, "goals", "--pace", str(after))
        said = _passed(source, target, tmp_path / f"{n + 2}.zip")
        assert said == (
            f"Imported 1 goal. The backup's pace goal ({after} words per minute), set later than yours "
            f"here ({before} words per minute), is now yours."
        ), said
        assert _pace(target) == {"wpm": float(after)}
    assert _passed(a, b, tmp_path / "again.zip") == (
        "Nothing new to import: everything in this backup is already here (1 goal)."
    )


def test_pace_goals_set_apart_on_two_laptops_settle_and_stay_one_goal_back_and_forth(tmp_path):
    """A pace goal set on each laptop, then A→B→A→B: the goal B kept went back to A as "Imported 1
    goal. Already here, so not added twice: 1 goal." (A's changing without a word), each backup held
    "2 goals", and A's next change came to B as "1 goal in the backup was changed later…"."""
    a, b = tmp_path / "a", tmp_path / "b"
    coach_printed(a, "goals", "--pace", "150")
    coach_printed(b, "goals", "--pace", "140")  # set later
    assert _passed(a, b, tmp_path / "1.zip") == (
        "Nothing new to import. Your pace goal here (140 words per minute) is kept; the backup's "
        "(150 words per minute), set earlier, was not used."
    )
    assert coach_printed(b, "export", tmp_path / "2.zip").startswith("Exported 1 goal ")
    said = coach_printed(a, "import", tmp_path / "2.zip").strip()
    assert said == (
        "Imported 1 goal. The backup's pace goal (140 words per minute), set later than yours here "
        "(150 words per minute), is now yours."
    ), said
    assert _pace(a) == {"wpm": 140.0}

    coach_printed(a, "goals", "--pace", "130")
    said = _passed(a, b, tmp_path / "3.zip")
    assert said == (
        "Imported 1 goal. The backup's pace goal (130 words per minute), set later than yours here "
        "(140 words per minute), is now yours."
    ), said
    assert _pace(b) == {"wpm": 130.0}
    assert _passed(b, a, tmp_path / "4.zip") == (
        "Nothing new to import: everything in this backup is already here (1 goal)."
    )
    assert _pace(a) == {"wpm": 130.0}


def test_a_goal_changed_here_after_the_backup_was_made_is_kept_over_the_one_there(tmp_path):
    """B kept its own pace goal over A's older one; A changed its goal meanwhile. B's backup carried
    A's goal as replaced (at the time B was restored), and A's change was lost to B's older goal."""
    a, b = tmp_path / "a", tmp_path / "b"
    coach_printed(a, "goals", "--pace", "150")
    coach_printed(b, "goals", "--pace", "140")
    coach_printed(a, "export", tmp_path / "a.zip")
    coach_printed(a, "goals", "--pace", "160")  # after B's 140
    coach_printed(b, "import", tmp_path / "a.zip")  # B keeps its 140 over A's 150

    said = _passed(b, a, tmp_path / "b.zip")

    assert said == (
        "Nothing new to import. Your pace goal here (160 words per minute) is kept; the backup's "
        "(140 words per minute), set earlier, was not used."
    ), said
    assert _pace(a) == {"wpm": 160.0}


def test_a_goal_replaced_and_then_cleared_on_the_other_laptop_is_cleared_here_and_said(tmp_path):
    """A's pace goal lost to B's later one on B, then B's cleared: restored on A, A's own goal went
    without a word."""
    a, b = tmp_path / "a", tmp_path / "b"
    coach_printed(a, "goals", "--pace", "150")
    coach_printed(b, "goals", "--pace", "140")
    _passed(a, b, tmp_path / "a.zip")  # B keeps its 140
    coach_printed(b, "goals", "--clear", "pace")

    said = _passed(b, a, tmp_path / "b.zip")

    assert said == (
        "Nothing new to import. Your pace goal here (150 words per minute) was replaced by a later one "
        "where the backup was made, and that one cleared since: you have no pace goal now."
    ), said
    assert _pace(a) == {}


def test_a_filler_goal_is_read_to_one_decimal_on_its_chart_as_everywhere_else(tmp_path, monkeypatch):
    """A goal of 3 fillers per 100 words: "Targets: 3.0 fillers per 100 words" above the charts and
    "(your goal 3.0)" in `coach progress`, while the fillers chart's key said "The dashed rule is
    your goal (3)."; its tables read the rate to one decimal too."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    _answers(tmp_path, [2, 1])
    assert run_coach("goals", "--fillers-per-100-words", 3, data_dir=tmp_path).returncode == 0
    assert "(your goal 3.0)" in unwrapped(coach_printed(tmp_path, "progress"))
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert "**Targets:** 3.0 fillers per 100 words" in markdown_text(at)
    at.selectbox(key="progress_measure").set_value("fillers_per_100_words").run()
    assert not at.exception
    caption = " ".join(c.value for c in at.caption)
    assert "The dashed rule is your goal (3.0)." in caption, caption
    at.selectbox(key="progress_measure").set_value("wpm").run()
    assert "The dashed rule is your goal" not in " ".join(c.value for c in at.caption)
