"""A debrief's skill gap that no practice question practises ("Kubernetes"; "interviewing
candidates" for a software engineer, whose questions practise no hiring) leads to no practice: saving
the debrief says so in one sentence naming it and where to add a question of one's own, on the
Interviews page and in `coach debrief`; a gap a question practises says nothing more."""

from __future__ import annotations

import json

from app_support import held_interview, interviews_page, recommended_ids
from cli_support import coach_printed, unwrapped

from coach import banks


def test_a_gap_no_question_practises_is_named_when_the_debrief_is_saved_on_the_page(tmp_path, monkeypatch):
    """ "Kubernetes, handling conflict" saved said "Debrief saved." and nothing else: conflict
    questions were recommended, Kubernetes was dropped without a word."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    key = f"interviews_debrief_{held_interview(tmp_path)}"
    at = interviews_page().run()
    at.text_area(key=f"{key}_skill_gaps").input("Kubernetes, handling conflict")
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "Debrief saved. “Kubernetes” is none of the skills the practice questions are filed under, so "
        "Practice will recommend none for it: add a question of your own for it on the Questions page "
        "(Add your own) and practise it from there."
    ]
    # every gap a question practises: nothing more is said
    at.text_area(key=f"{key}_skill_gaps").input("handling conflict")
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Debrief saved."]


def test_coach_debrief_names_the_gaps_no_question_practises(tmp_path):
    interview_id = held_interview(tmp_path)
    said = coach_printed(
        tmp_path, "debrief", interview_id, "--skill-gaps", "Kubernetes; small talk, conflict"
    )
    assert said.splitlines() == [
        f"Saved “Skill gaps” in the debrief of interview #{interview_id} (Acme, interest not set).",
        "“Kubernetes” and “small talk” are none of the skills the practice questions are filed under, "
        "so Practice will recommend none for them: add a question of your own for each with "
        "`coach add-question` and practise it from there.",
    ]
    said = coach_printed(tmp_path, "debrief", interview_id, "--skill-gaps", "conflict")
    assert "no practice question" not in said


def _interview(data_dir, role: str, days: int, job_description: str = "") -> int:
    """An interview at Acme `days` from today (before it when negative), for `role`: its id."""
    from datetime import date, timedelta

    from coach import store
    from coach.config import load_settings

    db = store.open_store(load_settings(data_dir))
    try:
        day = (date.today() + timedelta(days=days)).isoformat()
        return store.add_interview(
            db, company="Acme", role=role, stage="onsite", interview_date=day, job_description=job_description
        )
    finally:
        db.close()


def test_a_gap_only_another_roles_questions_practise_is_named_for_the_role_chosen(tmp_path):
    """Only engineering managers' questions practise hiring: a software engineer's Practice never
    picks one, so their "interviewing candidates" is named; with any role it is practised. (The
    interview's title names no role, so the role chosen in Settings decides.)"""
    interview_id = _interview(tmp_path, "Platform team", -1)
    said = coach_printed(tmp_path, "debrief", interview_id, "--skill-gaps", "interviewing candidates")
    assert "no practice question" not in said
    (tmp_path / "settings.toml").write_text('role = "software-engineer"\n')
    said = coach_printed(tmp_path, "debrief", interview_id, "--interest", "4")
    assert said.splitlines()[1:] == [
        "“interviewing candidates” matches no practice question for software engineering roles (your "
        "role), so Practice will recommend none for it until a question of your own practises it: add "
        "one with `coach add-question`."
    ]


def test_a_question_of_your_own_that_practises_the_gap_matches_it(tmp_path):
    """The note's advice followed: a question of one's own for any role practising hiring is one
    Practice can pick for a software engineer's "interviewing candidates", so it is named no more."""
    from coach.debrief import competencies_practised, gaps_without_questions

    questions = banks.load_questions(tmp_path)
    assert gaps_without_questions(
        "interviewing candidates, Kafka", competencies_practised(questions, "software-engineer")
    ) == [
        "interviewing candidates",
        "Kafka",
    ]
    own = banks.add_user_question(
        tmp_path, "How do you run a hiring interview?", category="behavioural", competencies=["hiring"]
    )
    questions = banks.load_questions(tmp_path)
    assert own.id in {q.id for q in questions}
    assert gaps_without_questions(
        "interviewing candidates, Kafka", competencies_practised(questions, "software-engineer")
    ) == ["Kafka"]
    assert gaps_without_questions("", competencies_practised(questions)) == []


HIRING_POSTING = """Engineering Manager - Acme

You will hire and grow a team of eight: recruiting, interviewing candidates and building the
hiring pipeline, with one-on-ones and performance management for every engineer you hire."""


def test_saving_the_debrief_and_progress_judge_its_gap_by_the_same_role(tmp_path):
    """A software engineer (Settings) debriefs an engineering manager interview that named
    "interviewing candidates", with the next round's job description steering the picks: saving
    said "matches no practice question for your role" (the Settings role) while Progress listed
    hiring with questions for it (the steering interview's). Both now judge it by the role of the
    debrief's own interview, else the Settings role."""
    (tmp_path / "settings.toml").write_text('role = "software-engineer"\n')
    held = _interview(tmp_path, "Engineering manager", -1)
    _interview(tmp_path, "Engineering manager", 5, HIRING_POSTING)  # the next round, steering
    said = coach_printed(tmp_path, "debrief", held, "--skill-gaps", "interviewing candidates")
    report = json.loads(coach_printed(tmp_path, "progress", "--json"))["skill_gaps"]
    assert "no practice question" not in said, said
    assert [g["competency"] for g in report["gaps"]] == ["hiring"] and report["unmatched"] == []
    assert report["recommended"], report

    # a software engineer's interview with the same gap: no software engineer's question practises
    # it, but Practice recommends hiring questions for the other debrief's gap (the coming engineering
    # manager round steers its picks), so saving does not say "Practice will recommend none for it"
    other = _interview(tmp_path, "Backend engineer", -2)
    said = coach_printed(tmp_path, "debrief", other, "--skill-gaps", "interviewing candidates")
    report = json.loads(coach_printed(tmp_path, "progress", "--json"))["skill_gaps"]
    assert "no practice question" not in unwrapped(said), said
    # Progress lists it once, as hiring (2×) with the hiring question above: not also as matching
    # none ("Also named, matching no practice question: interviewing candidates" under "hiring (2×)"
    # and its question said it had one and had none)
    assert [(g["competency"], g["mentions"]) for g in report["gaps"]] == [("hiring", 2)], report
    assert report["recommended"] and report["unmatched"] == [], report


def test_the_save_note_names_the_role_the_gap_was_judged_by(tmp_path, monkeypatch):
    """An engineering manager (Settings) debriefs a backend engineer interview that found
    "interviewing candidates" missing: it is judged by the interview's role, whose questions practise
    no hiring, and the note said "matches no practice question for your role", though their own role's
    questions practise it. It names the role it means, on the Interviews page and in `coach debrief`."""
    (tmp_path / "settings.toml").write_text('role = "engineering-manager"\n')
    held = _interview(tmp_path, "Backend engineer", -1)
    said = unwrapped(coach_printed(tmp_path, "debrief", held, "--skill-gaps", "interviewing candidates"))
    assert (
        "“interviewing candidates” matches no practice question for software engineering roles (this "
        "interview's role), so Practice will recommend none for it" in said
    ), said
    assert "for your role" not in said

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    key = f"interviews_debrief_{held}"
    at = interviews_page().run()
    at.text_area(key=f"{key}_skill_gaps").input("interviewing candidates, Kafka")
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    [saved] = [s.value for s in at.success]
    assert (
        "“interviewing candidates” matches no practice question for software engineering roles (this "
        "interview's role), so Practice will recommend none for it" in saved
    ), saved


def test_progress_says_why_a_gap_judged_by_another_role_has_no_question_under_it(tmp_path, monkeypatch):
    """A software engineer (Settings) debriefs an engineering manager interview that found
    "interviewing candidates, conflict" missing, with no interview coming: the gap is judged by the
    interview's role (hiring has questions there), while Practice picks for a software engineer, none
    of whose questions practise hiring. Progress listed "hiring (1×)" with nothing under it and no
    word why; now it says so, and where its questions are, in `coach progress` and on the page."""
    from app_support import page

    from coach.ui.highlight import escape

    (tmp_path / "settings.toml").write_text('role = "software-engineer"\n')
    held = _interview(tmp_path, "Engineering manager", -3)
    coach_printed(tmp_path, "debrief", held, "--skill-gaps", "interviewing candidates, conflict")
    report = json.loads(coach_printed(tmp_path, "progress", "--json"))["skill_gaps"]
    assert [g["competency"] for g in report["gaps"]] == ["hiring", "conflict"], report
    by_id = {q.id: q for q in banks.load_questions(tmp_path)}
    assert not any("hiring" in by_id[q["id"]].competencies for q in report["recommended"]), report
    assert report["gaps"][0]["practised_for"] == "engineering-manager", report
    said = unwrapped(coach_printed(tmp_path, "progress"))
    assert (
        "hiring is practised by questions for engineering management roles, and Practice picks questions "
        "for software engineering roles, none of which practise it: find one with `coach questions "
        "--role engineering-manager` or on the Questions page (Role: engineering manager)." in said
    ), said

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    captions = [c.value for c in at.caption if "is practised by questions for" in c.value]
    assert captions == [
        escape(
            "hiring is practised by questions for engineering management roles, and Practice picks "
            "questions for software engineering roles, none of which practise it: find one on the "
            "Questions page (Role: engineering manager)."
        )
    ], captions


def test_practice_recommends_from_the_gaps_progress_lists_with_no_role_set(tmp_path, monkeypatch):
    """No role chosen, a backend engineer interview whose debrief named "interviewing candidates,
    conflict": hiring is judged by the interview's role, whose questions do not practise it, so
    Progress says no practice question matches it. Practice recommended an engineering manager's
    hiring question for it all the same ("From your debriefs: hiring"), and so listed other questions
    than Progress's; now both pick from the same gaps."""
    from app_support import page

    held = _interview(tmp_path, "Backend engineer", -3)
    coach_printed(tmp_path, "debrief", held, "--skill-gaps", "interviewing candidates, conflict")
    report = json.loads(coach_printed(tmp_path, "progress", "--json"))["skill_gaps"]
    assert "interviewing candidates" in report["unmatched"], report
    by_id = {q.id: q for q in banks.load_questions(tmp_path)}

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    assert not at.exception
    picks = recommended_ids(at)
    assert picks, "Practice recommended nothing"
    assert not [q for q in picks if "hiring" in by_id[q].competencies], picks
    progress_picks = [q["id"] for q in report["recommended"]]
    assert [q for q in picks if "conflict" in by_id[q].competencies] == progress_picks, (
        picks,
        progress_picks,
    )
