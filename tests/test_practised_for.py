"""Closing the loop: the practice prepared for an interview (answers on Practice, mock interviews)
is said on its card, by `coach interview N` and `coach prepare N`, and ticks the checklist's
rehearsal step unless the user unticked it."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from app_support import interviews_page, markdown_text, page
from cli_support import run_coach, unwrapped
from store_support import analysis_dict, record, save_real_answers, transcript_dict

from coach import store
from coach.config import load_settings
from coach.store.mock_sessions import save_mock_session
from coach.ui.highlight import escape

PRACTISED = "5 answers over 3 days (last yesterday, mean score 72), 1 mock interview (score 70)"
BUILT = "Tell me about something you built or ran that you are proud of, and why."  # beh-own-07
REHEARSE = "10. [x] Rehearse your stories and your questions. (done: 1 mock interview, 5 answers)"


def _answer(db, settings, overall: float, *, days_ago: int, interview_id=None, question_id="beh-own-07"):
    return store.save_attempt(
        db,
        question_id=question_id,
        question_text="Tell me about something you built.",
        recording=record(settings, 200 + overall + days_ago),
        transcript=transcript_dict(),
        analysis=analysis_dict(overall=overall),
        engine="faster-whisper",
        model="tiny.en",
        created_at=datetime.now().astimezone() - timedelta(days=days_ago),
        interview_id=interview_id,
    )


def _practised(tmp_path, *, with_mock: bool = True) -> int:
    """A final round in three days, prepared for with five answers on three days and one mock
    interview (whose answer carries the interview too, and is not counted again); an answer for
    no interview and one for another are not its practice."""
    settings = load_settings(data_dir=tmp_path)
    db = store.open_store(settings)
    try:
        final = store.add_interview(
            db, company="Northwind", role="Staff engineer", stage="final",
            interview_date=date.today() + timedelta(days=3),
        )  # fmt: skip
        other = store.add_interview(
            db, company="Globex", stage="first round", interview_date=date.today() + timedelta(days=9)
        )
        for overall, days_ago in ((64, 3), (70, 2), (72, 2), (76, 1), (78, 1)):
            _answer(db, settings, overall, days_ago=days_ago, interview_id=final)
        _answer(db, settings, 40, days_ago=1)
        _answer(db, settings, 41, days_ago=1, interview_id=other)
        if with_mock:
            in_mock = _answer(db, settings, 70, days_ago=0, interview_id=final)
            save_mock_session(
                db, format="behavioural", interview_id=final, planned_s=1800, used_s=600.0,
                score_overall=70.0, summary={"format_label": "Behavioural round", "answers": 1},
                turns=[{"kind": "question", "question_id": "beh-own-07",
                        "question_text": "Tell me about something you built.", "attempt_id": in_mock,
                        "score_overall": 70.0}],
            )  # fmt: skip
    finally:
        db.close()
    return final


def test_coach_interview_and_prepare_say_the_practice_done_for_it(tmp_path):
    final = _practised(tmp_path)
    shown = run_coach("interview", final, data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert f"Practised for it: {PRACTISED}." in unwrapped(shown.stdout), shown.stdout  # in 80 columns
    as_json = json.loads(run_coach("interview", final, "--json", data_dir=tmp_path).stdout)
    practised = as_json["practised_for"]
    assert (practised["answers"], practised["days"], practised["mean_score"]) == (5, 3, 72.0)
    assert [m["score_overall"] for m in practised["mock_interviews"]] == [70.0]
    assert practised["words"] == PRACTISED

    prepared = run_coach("prepare", final, data_dir=tmp_path)
    assert prepared.returncode == 0, prepared.stderr
    # wrapped at words in 80 columns
    assert f"Practised for it: {PRACTISED}." in unwrapped(prepared.stdout), prepared.stdout
    # the rehearsal step is done by that practice, without a tick
    assert REHEARSE in unwrapped(prepared.stdout), prepared.stdout
    assert "1 of 10 steps done" in " ".join(prepared.stdout.split())
    steps = json.loads(run_coach("prepare", final, "--json", data_dir=tmp_path).stdout)
    rehearse = steps["steps"][-1]
    assert (rehearse["id"], rehearse["done"], rehearse["done_by_practice"]) == (
        "prepare-stories",
        True,
        "1 mock interview, 5 answers",
    )
    assert steps["practised_for"]["words"] == PRACTISED


def test_an_interview_not_practised_for_says_so(tmp_path):
    db = store.open_store(load_settings(data_dir=tmp_path))
    try:
        booked = store.add_interview(db, company="Initech", interview_date=date.today() + timedelta(days=2))
    finally:
        db.close()
    shown = run_coach("interview", booked, data_dir=tmp_path)
    assert "Practised for it: nothing yet" in shown.stdout, shown.stdout
    prepared = run_coach("prepare", booked, data_dir=tmp_path)
    assert "10. [ ] Rehearse your stories and your questions." in prepared.stdout, prepared.stdout


def test_an_interview_held_long_ago_without_practice_for_it_says_nothing_of_it(tmp_path):
    """A year's interviews, none with practice noted for it: `coach interview N` said "Practised
    for it: nothing yet." of an interview held ten months ago, where its card on the Interviews
    page says nothing ("yet" of a day long past read as a to-do)."""
    db = store.open_store(load_settings(data_dir=tmp_path))
    try:
        held = store.add_interview(db, company="Initech", interview_date=date.today() - timedelta(days=300))
    finally:
        db.close()
    shown = run_coach("interview", held, data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "Practised for it" not in shown.stdout, shown.stdout
    assert "No debrief yet" in shown.stdout, shown.stdout


def test_your_own_untick_of_the_rehearsal_step_wins_over_the_practice(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    final = _practised(tmp_path)
    assert REHEARSE in unwrapped(run_coach("prepare", final, data_dir=tmp_path).stdout)  # ticked by practice
    run_coach("prepare", final, "--untick", "10", data_dir=tmp_path)
    shown = run_coach("prepare", final, data_dir=tmp_path).stdout
    assert "10. [ ] Rehearse your stories and your questions." in shown, shown
    assert "no step done yet" in " ".join(shown.split())
    # more practice does not tick it again behind the user's back
    settings = load_settings(data_dir=tmp_path)
    db = store.open_store(settings)
    try:
        _answer(db, settings, 80, days_ago=0, interview_id=final)
    finally:
        db.close()
    assert "10. [ ] Rehearse" in run_coach("prepare", final, data_dir=tmp_path).stdout
    # the page shows it unticked too
    at = interviews_page().run()
    assert at.checkbox(key=f"interviews_step_{final}_prepare-stories").value is False
    # ticking it again is the user's tick
    run_coach("prepare", final, "--tick", "10", data_dir=tmp_path)
    assert "10. [x] Rehearse" in run_coach("prepare", final, data_dir=tmp_path).stdout


def test_the_interviews_card_and_checklist_show_the_practice_done_for_it(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    final = _practised(tmp_path)
    at = interviews_page().run()
    assert not at.exception
    text = markdown_text(at)
    # the card's next step says how it was practised for, and so does the stage's entry
    assert f":gray[Practised for it: {PRACTISED}]" in text, text
    assert f"**Practised for it:** {PRACTISED}" in text, text
    # the Prepare tab: the rehearsal step ticked by that practice, and said so under it
    box = at.checkbox(key=f"interviews_step_{final}_prepare-stories")
    assert box.value is True
    captions = [c.value for c in at.caption]
    assert any("Done by your practice for it: 1 mock interview, 5 answers." in c for c in captions), captions
    assert any(c.startswith(f"Practised for it: {PRACTISED}.") for c in captions), captions
    # the user's untick wins, on this visit and the next
    box.uncheck().run()
    assert not at.exception
    assert at.checkbox(key=f"interviews_step_{final}_prepare-stories").value is False
    again = interviews_page().run()
    assert again.checkbox(key=f"interviews_step_{final}_prepare-stories").value is False


def test_after_the_review_its_answers_stand_beside_the_practice_for_the_same_questions(tmp_path, monkeypatch):
    """The real answer to a question practised for it is shown with the practice's mean score."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    final = _practised(tmp_path, with_mock=False)
    db = store.open_store(load_settings(data_dir=tmp_path))
    try:
        save_real_answers(
            db,
            final,
            [
                {"question_id": "beh-own-07", "question_text": "Tell me about something you built.",
                 "analysis": analysis_dict(overall=66.0)},
                {"question_id": None, "question_text": "Why us?", "analysis": analysis_dict(overall=61.0)},
            ],
        )  # fmt: skip
    finally:
        db.close()
    shown = run_coach("interview", final, data_dir=tmp_path).stdout
    # practised five times for it, once for no interview and once for another: seven, mean 63
    built = (
        f"“{BUILT}” score 66, 150 wpm, 4.0 fillers/100, 1:30 long; practised 7 times before, mean score 63"
    )
    assert built in unwrapped(shown), shown  # wrapped at words in 80 columns
    assert unwrapped(shown).endswith(
        "“Why us?” score 61, 150 wpm, 4.0 fillers/100, 1:30 long; not practised before"
    ), shown
    as_json = json.loads(run_coach("interview", final, "--json", data_dir=tmp_path).stdout)
    beside = [
        (a["question"], a["practised_before"], a["practice_score"]) for a in as_json["reviewed_answers"]
    ]
    assert beside == [(BUILT, 7, 63.0), ("Why us?", 0, None)]
    at = interviews_page().run()
    assert not at.exception
    # the card lists each answer with its figures in one line (a table hid them on a phone)
    said = markdown_text(at)
    assert f"“{escape(BUILT)}”  \n:gray[overall 66 · " in said, said
    assert "practised 7 times before (mean score 63)]" in said, said


def test_choosing_an_interview_on_the_mock_page_suggests_its_format_until_you_pick_one(tmp_path, monkeypatch):
    """A recruiter screen chosen to prepare for left the format at "Behavioural round"."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(data_dir=tmp_path))
    try:
        screen = store.add_interview(
            db, company="Initech", stage="recruiter screen", interview_date=date.today() + timedelta(days=2)
        )
        final = store.add_interview(
            db, company="Initech", role="Backend engineer", stage="final",
            interview_date=date.today() + timedelta(days=20),
        )  # fmt: skip
        onsite = store.add_interview(
            db, company="Globex", role="Head of happiness", stage="onsite / loop",
            interview_date=date.today() + timedelta(days=25),
        )  # fmt: skip
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    assert not at.exception
    # the screen in two days is the one prepared for: its format is suggested, and said so
    assert at.radio(key="mock_format").value == "recruiter"
    assert "Recruiter screen suggested for the recruiter screen at Initech." in [c.value for c in at.caption]
    at.selectbox(key="mock_interview").set_value(final).run()
    assert at.radio(key="mock_format").value == "role"  # a final for a role the bank knows
    at.selectbox(key="mock_interview").set_value(onsite).run()
    assert at.radio(key="mock_format").value == "behavioural"  # a role it does not
    at.selectbox(key="mock_interview").set_value(0).run()  # no particular interview: the default
    assert at.radio(key="mock_format").value == "behavioural"
    # once picked, the format is the user's: another interview chosen does not change it
    at.radio(key="mock_format").set_value("role").run()
    at.selectbox(key="mock_interview").set_value(screen).run()
    assert not at.exception
    assert at.radio(key="mock_format").value == "role"
    assert not [c for c in at.caption if "suggested for" in c.value]


def test_a_take_the_coach_could_not_measure_does_not_tick_the_rehearsal_step(tmp_path, monkeypatch):
    """A recording prepared for the interview that the quality gate refused (it did not answer the
    question): "Rehearse your stories" was ticked, "Done by your practice for it: 1 answer.", beside
    "Practised for it: 1 answer (today, not measured)". Now the step waits for a measured answer."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings = load_settings(data_dir=tmp_path)
    db = store.open_store(settings)
    try:
        booked = store.add_interview(
            db, company="Northwind", stage="technical", interview_date=date.today() + timedelta(days=5)
        )
        store.save_attempt(  # off the question: kept, with no score
            db,
            question_id="beh-conf-02",
            question_text="Describe a time you disagreed with your manager's decision.",
            recording=record(settings, 310),
            transcript=transcript_dict(),
            analysis={**analysis_dict(), "scores": None},
            engine="faster-whisper",
            model="tiny.en",
            interview_id=booked,
        )
    finally:
        db.close()
    prepared = unwrapped(run_coach("prepare", booked, data_dir=tmp_path).stdout)
    assert "Practised for it: 1 answer (today, not measured)." in prepared, prepared
    assert "10. [ ] Rehearse your stories and your questions." in prepared, prepared
    at = interviews_page().run()
    assert not at.exception
    assert at.checkbox(key=f"interviews_step_{booked}_prepare-stories").value is False
    captions = [c.value for c in at.caption]
    assert not any("Done by your practice" in c for c in captions), captions
    # a measured answer then ticks it
    db = store.open_store(settings)
    try:
        _answer(db, settings, 66, days_ago=0, interview_id=booked)
    finally:
        db.close()
    again = unwrapped(run_coach("prepare", booked, data_dir=tmp_path).stdout)
    assert "10. [x] Rehearse your stories and your questions. (done: 1 answer)" in again, again
