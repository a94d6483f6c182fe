"""What a user coming back after months sees: the gap since their last practice, and an offer they
turned down months ago (real SQLite store, the pages through AppTest, the CLI invoked)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from app_support import interviews_page, page
from cli_support import run_coach
from store_support import analysis_dict, save_answer, save_real_answers

from coach import store
from coach.config import load_settings
from coach.local_time import long_date
from coach.pipeline import pipeline
from coach.ui.highlight import escape


def _practised(db, day: date) -> None:
    save_answer(
        db, "swe-beh-01", "Tell me about an incident.", created_at=datetime.combine(day, time(12), tzinfo=UTC)
    )


def test_months_since_the_last_practice_fit_the_headline_and_the_cli_says_them(tmp_path, monkeypatch):
    """'121 days ago' was cut to '121 days a…' in the quarter-width metric, and `coach progress`
    did not say when the user last practised at all."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    today = date.today()
    last = today - timedelta(days=121)
    db = store.open_store(load_settings(tmp_path))
    try:
        _practised(db, today - timedelta(days=150))
        _practised(db, last)
    finally:
        db.close()

    at = page("progress").run()
    [metric] = [m for m in at.metric if m.label == "Last practice"]
    in_words = f"{last.day} {last:%b}" + ("" if last.year == today.year else f" {last.year}")
    assert metric.value == in_words
    assert metric.help == "121 days ago."

    text = run_coach("progress", data_dir=tmp_path).stdout
    assert f"Last practice: {long_date(last)} (121 days ago)." in text, text


def _declined_offer(db, today: date, *, held_days_ago: int, offer_days_ago: int, **offer) -> None:
    """Contoso: a technical round, then an offer stage whose offer was declined."""
    store.add_interview(
        db,
        company="Contoso",
        role="Staff engineer",
        stage="technical",
        interview_date=today - timedelta(held_days_ago),
    )
    offer_stage = store.add_interview(
        db,
        company="Contoso",
        role="Staff engineer",
        stage="offer",
        interview_date=today - timedelta(offer_days_ago),
    )
    store.add_option(
        db,
        kind="offer",
        company="Contoso",
        title="Staff engineer",
        status="declined",
        interview_id=offer_stage,
        **offer,
    )


def test_an_offer_turned_down_is_not_shown_as_an_offer_still_to_answer(tmp_path, monkeypatch):
    """An offer stage with its offer declined read "offer" on the card and in `coach interviews`,
    and the card asked for an answer by a deadline long past ("answer by Wed 30 Sep")."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        past = today - timedelta(60)
        _declined_offer(db, today, held_days_ago=90, offer_days_ago=70, compensation="120k", deadline=past)
        [opportunity] = pipeline(
            store.list_interviews(db), store.list_debriefs(db), store.list_options(db), today
        )
    finally:
        db.close()
    assert opportunity.status == "stopped"

    at = interviews_page().run()
    [offer_line] = [m.value for m in at.markdown if str(m.value).startswith("**Offer:**")]
    assert "declined" in offer_line and "answer by" not in offer_line, offer_line

    text = run_coach("interviews", data_dir=tmp_path).stdout
    assert "Contoso · Staff engineer  (offer declined)" in text, text  # it read "(stopped)"


def test_a_stage_with_a_job_description_shows_its_key_terms_in_the_log(tmp_path, monkeypatch):
    """A job description pasted with an interview was kept, but the Interviews page showed it only
    inside the edit form: nothing on the stage said it was there or what its key terms were."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    description = (
        "We are hiring a senior backend engineer to own our payments platform. You will design "
        "distributed systems in Go and PostgreSQL, mentor engineers and lead incident response. "
        "Experience with Kubernetes and Kafka is a plus."
    )
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(
            db,
            company="Northwind",
            role="Backend engineer",
            stage="first round",
            interview_date=date.today() - timedelta(days=100),
            job_description=description,
        )
    finally:
        db.close()

    at = interviews_page().run()
    [line] = [m.value for m in at.markdown if str(m.value).startswith("**Job description kept**")]
    assert "key terms:" in line and "Kafka" in line, line


def test_one_filler_is_one_filler_in_the_cli_and_the_feedback(tmp_path):
    """`coach analyze --text` said "1 fillers (2.0 per 100 words)" and the feedback "1 fillers"."""
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "So, um, our payments service went down during a broker upgrade. I rolled the change back "
        "and we added canary upgrades."
    )
    shown = run_coach("analyze", "--text", answer, data_dir=tmp_path / "data")
    assert shown.returncode == 0, shown.stderr
    assert "1 filler (" in shown.stdout and "1 fillers" not in shown.stdout, shown.stdout
    assert any(line.startswith("• 1 filler (") for line in shown.stdout.splitlines()), shown.stdout


def _held_offer_and_booked(tmp_path, today: date) -> None:
    """A technical round a month ago, an offer logged as a stage ten days ago, and a screen booked
    for next week."""
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(db, company="Contoso", stage="technical", interview_date=today - timedelta(30))
        store.add_interview(db, company="Contoso", stage="offer", interview_date=today - timedelta(10))
        store.add_interview(
            db, company="Fabrikam", stage="recruiter screen", interview_date=today + timedelta(7)
        )
    finally:
        db.close()


def test_an_offer_and_a_booked_interview_do_not_ask_for_a_debrief_now(tmp_path, monkeypatch):
    """An offer logged as a stage said "no debrief yet ... write it the same day, while you remember
    the questions", and so did an interview booked for next week."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    today = date.today()
    _held_offer_and_booked(tmp_path, today)

    at = interviews_page().run()
    labels = [e.label for e in at.expander if " · " in e.label]
    asked = [label for label in labels if label.endswith("no debrief yet")]
    assert [label.split(" · ")[0] for label in asked] == ["technical"], labels
    captions = [c.value for c in at.caption]
    held = "No debrief yet, 30 days after it. Write it now, with what you still remember of the questions."
    assert captions.count(held) == 1
    assert any(c.startswith("Booked. Write the debrief on the day") for c in captions), captions


def test_a_question_answered_in_a_real_interview_counts_as_answered_on_the_practice_page(
    tmp_path, monkeypatch
):
    """Progress said "1 practice, 1 real" for a question while the Practice page, above it, said
    "You have answered this once" and gave the practice answer's older day and score."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    today = date.today()
    practised, interviewed = today - timedelta(days=150), today - timedelta(days=120)
    db = store.open_store(load_settings(tmp_path))
    try:
        _practised(db, practised)  # analysis_dict's overall score: 70
        interview_id = store.add_interview(
            db, company="Northwind", stage="first round", interview_date=interviewed
        )
        answer = {
            "question_id": "swe-beh-01",
            "question_text": "Tell me about an incident.",
            "analysis": analysis_dict(overall=84.0),
        }
        save_real_answers(db, interview_id, [answer])
    finally:
        db.close()

    at = page("practice")
    at.session_state["practice_question_id"] = "swe-beh-01"
    at.run()
    lines = [c.value for c in at.caption if c.value.startswith(("First time answering", "You have answered"))]
    day = f"{interviewed:%a} {interviewed.day} {interviewed:%b}" + (
        "" if interviewed.year == today.year else f" {interviewed.year}"
    )
    assert lines == [f"You have answered this 2 times (1 in a real interview), last on {day} (score 84)."]


def test_someone_named_for_a_booked_interview_is_to_meet_not_met(tmp_path, monkeypatch):
    """The recruiter named for next week's screen was listed under "People met" on the card and in
    `coach interviews`, before the user had met them."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(
            db,
            company="Fabrikam",
            stage="recruiter screen",
            interview_date=today - timedelta(days=20),
            people=[{"name": "Ana Ruiz", "title": "recruiter"}],
        )
        store.add_interview(
            db,
            company="Fabrikam",
            stage="technical",
            interview_date=today + timedelta(days=7),
            people=[{"name": "Ana Ruiz"}, {"name": "Lee Park", "title": "staff engineer"}],
        )
    finally:
        db.close()

    at = interviews_page().run()
    shown = [
        str(m.value) for m in at.markdown if str(m.value).startswith(("**People met:**", "**To meet:**"))
    ]
    assert shown == ["**People met:** Ana Ruiz — recruiter", "**To meet:** Lee Park — staff engineer"], shown

    text = run_coach("interviews", data_dir=tmp_path).stdout
    assert "  People met: Ana Ruiz — recruiter\n  To meet: Lee Park — staff engineer\n" in text, text


def test_history_says_booked_for_an_interview_to_come_and_no_answers_for_an_offer(tmp_path, monkeypatch):
    """`coach history` listed next week's screen and an offer logged as a stage each with
    "0 answers analysed", as if both had been held and had gone unreviewed; the interview held
    with no recording uploaded says so, as the Interviews page does, not "0 answers analysed"."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    _held_offer_and_booked(tmp_path, today)

    lines = run_coach("history", data_dir=tmp_path).stdout.splitlines()
    assert lines == [
        "0 practice answers.",
        "Real interviews:",
        f"{today + timedelta(7)}  Fabrikam · recruiter screen · booked",
        f"{today - timedelta(10)}  Contoso · offer",
        f"{today - timedelta(30)}  Contoso · technical · no recording reviewed yet",
    ], lines


# ---------------------------------------------------------------- a user back after four months
# The walkthrough's store: four practice answers four months old, two real interviews (one with a
# job description), an offer stage whose offer was declined, and a screen booked for next week.


def _back_after_four_months(tmp_path, today: date) -> list[date]:
    """Builds the store; returns the days of the four practice answers."""
    db = store.open_store(load_settings(tmp_path))
    practised = [today - timedelta(days=n) for n in (125, 124, 123, 122)]
    try:
        for day in practised:
            save_answer(
                db,
                "swe-beh-01",
                "Tell me about an incident.",
                analysis=analysis_dict(overall=60.0),  # fillers 55: the weak area
                created_at=datetime.combine(day, time(12), tzinfo=UTC),
            )
        store.add_interview(
            db,
            company="Northwind",
            role="Backend engineer",
            stage="first round",
            interview_date=today - timedelta(days=112),
            people=[{"name": "Kim Lee", "title": "hiring manager"}],
            job_description="We are hiring a backend engineer to own our payments platform in Go.",
        )
        _declined_offer(db, today, held_days_ago=100, offer_days_ago=80)
        store.add_interview(
            db,
            company="Fabrikam",
            role="Platform engineer",
            stage="recruiter screen",
            interview_date=today + timedelta(days=7),
            people=[{"name": "Ana Ruiz", "title": "recruiter"}],
        )
    finally:
        db.close()
    return practised


def _returned(tmp_path, monkeypatch) -> tuple[date, list[date]]:
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    today = date.today()
    return today, _back_after_four_months(tmp_path, today)


def _short(day: date, today: date) -> str:
    return f"{day:%a} {day.day} {day:%b}" + ("" if day.year == today.year else f" {day.year}")


def test_an_opportunity_idle_for_months_with_nothing_booked_reads_quiet_not_in_progress(
    tmp_path, monkeypatch
):
    """Northwind, its first round 112 days ago and nothing booked since, read "in progress" on its
    card and in `coach interviews`."""
    today, _ = _returned(tmp_path, monkeypatch)
    last = today - timedelta(days=112)

    at = interviews_page().run()
    badges = [str(m.value) for m in at.markdown if "-badge[" in str(m.value)]
    assert f":orange-badge[quiet since {_short(last, today)}]" in badges, badges
    assert badges.count(":blue-badge[in progress]") == 1, badges  # Fabrikam, booked for next week

    text = run_coach("interviews", data_dir=tmp_path).stdout
    assert f"Northwind · Backend engineer  (quiet since {long_date(last)})" in text, text
    assert "Fabrikam · Platform engineer  (in progress)" in text, text


def test_the_weak_area_of_answers_months_old_says_when_they_were_given(tmp_path, monkeypatch):
    """Practice said "Your recent answers scored lowest on fillers" of answers four months old."""
    today, practised = _returned(tmp_path, monkeypatch)
    months = [
        f"{day:%B}" + ("" if day.year == today.year else f" {day.year}")
        for day in dict.fromkeys(d.replace(day=1) for d in practised)
    ]

    at = page("practice").run()
    captions = [c.value for c in at.caption if "scored lowest" in c.value]
    assert captions == [
        escape(
            f"Your last answers, in {' and '.join(months)}, scored lowest on fillers; these questions "
            "give you room to work on it."
        )
    ], captions


def test_an_interview_booked_ahead_is_named_not_a_due_date(tmp_path, monkeypatch):
    """ "Next real interview due" showed the goal's date, long past, above a screen already booked
    for next week, on both pages and in `coach progress`."""
    today, _ = _returned(tmp_path, monkeypatch)
    booked = today + timedelta(days=7)

    for name in ("interviews", "progress"):
        shown = {m.label: m for m in page(name).run().metric}
        assert "Next real interview due" not in shown, (name, list(shown))
        metric = shown["Next real interview"]
        assert (metric.value, metric.delta) == (
            f"{booked.day} {booked:%b}" + ("" if booked.year == today.year else f" {booked.year}"),
            "booked: Fabrikam",
        ), name
        assert metric.help.startswith("Booked: recruiter screen at Fabrikam, "), metric.help

    text = run_coach("progress", data_dir=tmp_path).stdout
    assert f"Next real interview: booked for {long_date(booked)} at Fabrikam (recruiter screen)." in text
    assert "due by your goal" not in text, text


def test_people_named_for_a_booked_stage_are_to_meet_in_the_stage_and_its_debrief_form(tmp_path, monkeypatch):
    """Inside next week's screen the recruiter was listed under "People met", and its debrief form
    said "Already recorded: Ana Ruiz". A stage still to come now has no debrief form at all."""
    _returned(tmp_path, monkeypatch)

    at = interviews_page().run()
    [booked] = [e for e in at.expander if e.label.startswith("recruiter screen ·")]
    headings = [str(m.value) for m in booked.markdown if str(m.value) in ("**People met**", "**To meet**")]
    assert headings == ["**To meet**"], headings
    # a stage still to come has no debrief form yet (a debrief follows the interview), so nothing
    # in it says the recruiter was already met
    assert [t.label for t in booked.tabs] == ["Edit the interview", "Add a person", "Delete"]
    assert not [c.value for c in booked.caption if "Already recorded" in c.value]

    [held] = [e for e in at.expander if e.label.startswith("first round ·")]
    assert [str(m.value) for m in held.markdown if str(m.value) == "**People met**"] == ["**People met**"]


def test_an_offer_stage_counts_no_answers_and_asks_for_no_debrief(tmp_path, monkeypatch):
    """The offer logged as a stage showed "Answers analysed: 0" and a "Write the debrief" form, and
    so did the screen booked for next week (its answers cannot be analysed before it is held)."""
    _returned(tmp_path, monkeypatch)

    at = interviews_page().run()
    stages = {e.label.split(" · ")[0]: e for e in at.expander if " · " in e.label}
    for name in ("offer", "recruiter screen"):
        counted = [
            str(m.value)
            for m in stages[name].markdown
            if "Answers analysed" in str(m.value) or "**Recording:**" in str(m.value)
        ]
        assert counted == [], (name, counted)
    assert [t.label for t in stages["offer"].tabs] == ["Edit the interview", "Add a person", "Delete"]
    assert [t.label for t in stages["recruiter screen"].tabs] == [
        "Edit the interview",
        "Add a person",
        "Delete",
    ]
    assert [t.label for t in stages["technical"].tabs][0] == "Write the debrief"
    # held, with no recording uploaded: said in words, not "Answers analysed: 0"
    assert any("**Recording:** :gray[none reviewed yet" in str(m.value) for m in stages["technical"].markdown)
