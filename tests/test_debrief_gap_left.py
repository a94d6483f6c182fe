"""A debrief's skill gap that no practice question practises ("Kubernetes"; "interviewing
candidates" for a software engineer, whose questions practise no hiring) leads to no practice: saving
the debrief says so in one sentence naming it and where to add a question of one's own, on the
Interviews page and in `coach debrief`; a gap a question practises says nothing more."""

from __future__ import annotations

from app_support import held_interview, interviews_page
from cli_support import coach_printed

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


def test_a_gap_only_another_roles_questions_practise_is_named_for_the_role_chosen(tmp_path):
    """Only engineering managers' questions practise hiring: a software engineer's Practice never
    picks one, so their "interviewing candidates" is named; with any role it is practised."""
    interview_id = held_interview(tmp_path)
    said = coach_printed(tmp_path, "debrief", interview_id, "--skill-gaps", "interviewing candidates")
    assert "no practice question" not in said
    (tmp_path / "settings.toml").write_text('role = "software-engineer"\n')
    said = coach_printed(tmp_path, "debrief", interview_id, "--interest", "4")
    assert said.splitlines()[1:] == [
        "“interviewing candidates” matches no practice question for your role, so Practice will "
        "recommend none for it until a question of your own practises it: add one with "
        "`coach add-question`."
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
