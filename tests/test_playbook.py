"""The playbook: the checklist and debrief template load and render, the cadence goal is kept."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_support import coach_command
from click.testing import CliRunner

from coach import playbook as pb
from coach.banks import get_question, load_questions
from coach.config import load_settings
from coach.errors import InputError


@pytest.fixture
def book() -> pb.Playbook:
    return pb.load_playbook()


def run(args: list[str], data_dir: Path):
    return CliRunner().invoke(coach_command(), args, env={"COACH_DATA_DIR": str(data_dir)})


# ---------------------------------------------------------------- content


def test_checklist_covers_the_issue_s_points_in_order(book: pb.Playbook) -> None:
    rendered = pb.render(book, "before").lower()
    text = rendered[rendered.index("- [ ]") :]
    points = [
        "why you are talking",
        "not actively looking",
        "why they reached out",
        "job description",
        "time commitment",
        "what would make you move",
        "confidential",
        "non-compete",
        "attendance policy",
        "gauge your interest",
        "offer stage without intent",
    ]
    positions = [text.find(p) for p in points]
    assert -1 not in positions, [p for p, i in zip(points, positions, strict=True) if i == -1]
    assert positions == sorted(positions)
    assert rendered.count("- [ ]") == len(book.steps) >= 9


def test_debrief_template_has_every_field_the_issue_asks_for(book: pb.Playbook) -> None:
    text = pb.render(book, "after")
    for label in (
        "What went well",
        "What could be better",
        "Skill gaps found",
        "People met",
        "Questions they asked",
        "Interest (1–5)",
        "Proceed? (yes / no / undecided)",
    ):
        assert f"### {label}" in text
    assert pb.empty_debrief(book) == {
        "went_well": "",
        "could_be_better": "",
        "skill_gaps": "",
        "people_met": [],
        "questions_asked": [],
        "interest": None,
        "proceed": None,
        "time_commitment": "",
        "notes": "",
        "red_flags": "",
        "pay_mentioned": "",
        "compared_with_others": "",
    }


def test_options_section_keeps_the_batna_beside_the_offers(book: pb.Playbook) -> None:
    text = pb.render(book, "options")
    assert "BATNA" in text and "current job" in text and "total compensation" in text
    assert "deadline" in text


def test_default_cadence_is_one_first_round_interview_a_quarter(book: pb.Playbook) -> None:
    assert (book.cadence.interviews, book.cadence.period_days) == (1, 91)
    assert "1 real interview every quarter" in pb.render(book, "cadence")


def test_unknown_section_names_the_right_ones(book: pb.Playbook) -> None:
    with pytest.raises(InputError, match="before, after, cadence, options"):
        pb.render(book, "during")


def test_a_broken_playbook_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "playbook.toml"
    broken.write_text(pb.PLAYBOOK_FILE.read_text().replace("[options]", "[choices]"), encoding="utf-8")
    with pytest.raises(InputError, match="missing or misspells 'options'"):
        pb.load_playbook(broken)


# ---------------------------------------------------------------- debrief


def test_check_debrief_tidies_what_a_form_sends(book: pb.Playbook) -> None:
    tidy = pb.check_debrief(
        book,
        {
            "went_well": "  clear STAR story ",
            "people_met": "Ana, EM\n\n Raj, PM ",
            "interest": 4,
            "proceed": "Yes",
        },
    )
    assert tidy["went_well"] == "clear STAR story"
    assert tidy["people_met"] == ["Ana, EM", "Raj, PM"]
    assert (tidy["interest"], tidy["proceed"], tidy["skill_gaps"]) == (4, True, "")
    assert pb.check_debrief(book, {"proceed": "undecided"})["proceed"] is None


@pytest.mark.parametrize(
    ("answers", "complaint"),
    [
        ({"interest": 6}, "Interest must be a whole number from 1 to 5"),
        ({"interest": "4"}, "Interest must be a whole number"),
        ({"proceed": "maybe"}, "--proceed must be yes, no or undecided, not 'maybe'"),
        ({"mood": "great"}, "unknown fields \\['mood'\\]"),
    ],
)
def test_check_debrief_names_the_field_that_is_wrong(
    book: pb.Playbook, answers: dict, complaint: str
) -> None:
    with pytest.raises(InputError, match=complaint):
        pb.check_debrief(book, answers)


def test_skill_gaps_in_a_debrief_choose_the_next_practice(book: pb.Playbook, tmp_path: Path) -> None:
    debrief = pb.check_debrief(book, {"skill_gaps": "system design; handling conflict"})
    competencies, picks = pb.practice_for_debrief(debrief, load_questions(tmp_path), n=4)
    assert competencies == ["system-design", "conflict"]
    assert len(picks) == 4
    assert "system-design" in picks[0].competencies and "conflict" in picks[1].competencies


def test_questions_asked_become_practice_questions_once(book: pb.Playbook, tmp_path: Path) -> None:
    debrief = pb.check_debrief(
        book,
        {
            "questions_asked": [
                "Tell me about a time you handled conflict with a stakeholder.",
                "Why do you want to work here?",  # already in the shipped bank
                "How would you scale our notification service?",
            ]
        },
    )
    saved = pb.save_questions_asked(tmp_path, debrief)
    assert [q.source for q in saved] == ["real interview", "real interview"]
    star = get_question(saved[0].id, tmp_path)
    assert star.category == "behavioural" and "conflict" in star.competencies
    assert pb.save_questions_asked(tmp_path, debrief) == []


def test_a_question_typed_shorter_than_the_bank_s_is_the_bank_s_not_a_copy(
    book: pb.Playbook, tmp_path: Path
) -> None:
    """Debriefs months apart name questions as the user remembers them: shorter ways of saying a
    bank question join it (their practice history stays in one place), a question of its own is
    added, and a near one is not taken for it."""
    from coach.banks import load_questions
    from coach.config import load_settings
    from coach.debrief import in_bank

    debrief = pb.check_debrief(
        book,
        {
            "questions_asked": [
                "Tell me about a time you led without authority.",  # beh-lead-01, shorter
                "Why are you looking?",  # mot-01 "Why are you looking for a new role?"
                "Tell me about a time you failed",  # beh-fail-01 without its full stop
                "How would you design an idempotent payments API?",  # not in the banks
                "What is our product's biggest weakness?",  # pm-15, shorter (not beh-fail-07)
                "What is your biggest strength?",  # near beh-self-02 ("strength"), not it
            ]
        },
    )
    before = len(load_questions(tmp_path))
    saved = pb.save_questions_asked(tmp_path, debrief)
    assert [q.text for q in saved] == [
        "How would you design an idempotent payments API?",
        "What is your biggest strength?",
    ]
    assert len(load_questions(tmp_path)) == before + 2
    settings = load_settings(tmp_path)
    assert in_bank(settings, "Tell me about a time you led without authority.")
    assert not in_bank(settings, "Tell me about a time you cut the cost of running a service.")


# ---------------------------------------------------------------- cadence


def test_cadence_status_counts_the_last_period_and_says_when_the_next_is_due() -> None:
    quarterly = pb.Cadence(interviews=1, period_days=91)
    done = pb.cadence_status(quarterly, [date(2023, 12, 20), date(2024, 3, 1)], today=date(2024, 4, 1))
    assert (done.interviews_in_period, done.on_track, done.next_due) == (1, True, date(2024, 5, 31))
    overdue = pb.cadence_status(quarterly, [date(2023, 10, 1)], today=date(2024, 4, 1))
    assert (overdue.interviews_in_period, overdue.on_track) == (0, False)
    assert overdue.next_due == date(2023, 12, 31)  # a period after the last one: due since then
    none_yet = pb.cadence_status(quarterly, [], today=date(2024, 4, 1))
    assert (none_yet.on_track, none_yet.next_due) == (False, date(2024, 4, 1))
    twice = pb.cadence_status(pb.Cadence(2, 60), [date(2024, 3, 1), date(2024, 3, 20)], date(2024, 4, 1))
    assert twice.on_track and twice.next_due == date(2024, 4, 30)


def test_someone_with_no_real_interview_yet_is_invited_to_book_a_first_not_told_it_is_due() -> None:
    """ "due now" to someone who has never had a real interview read as a deadline missed."""
    quarterly = pb.Cadence(interviews=1, period_days=91)
    none_yet = pb.cadence_status(quarterly, [], today=date(2024, 4, 1))
    assert (none_yet.first_to_book, none_yet.due_now, none_yet.state) == (True, False, "book your first")
    booked = pb.cadence_status(quarterly, [date(2024, 4, 9)], today=date(2024, 4, 1))
    assert (booked.first_to_book, booked.state) == (False, "booked")
    # one held, the goal two a quarter: the second is due now, as before
    one_of_two = pb.cadence_status(pb.Cadence(2, 91), [date(2024, 3, 1)], today=date(2024, 4, 1))
    assert (one_of_two.first_to_book, one_of_two.due_now, one_of_two.state) == (False, True, "due now")


def test_cadence_goal_is_kept_in_the_store_and_read_back(book: pb.Playbook, tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert pb.current_cadence(settings, book.cadence) == book.cadence
    assert not settings.database_path.exists()  # only looking creates no database
    pb.set_cadence(settings, book.cadence, period_days=60)
    changed = pb.set_cadence(settings, book.cadence, interviews=2)
    assert (changed.interviews, changed.period_days, changed.period_label) == (2, 60, "60 days")
    assert pb.load_playbook_for(settings).cadence == changed
    from coach import store

    opened = store.open_store(settings)
    goals = store.list_goals(opened, active_only=True)
    opened.close()
    assert [(g["kind"], g["target"], g["period_days"]) for g in goals] == [("real_interviews", 2.0, 60)]


def test_a_cadence_of_zero_is_refused(book: pb.Playbook, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="at least 1"):
        pb.set_cadence(load_settings(tmp_path), book.cadence, interviews=0)


# ---------------------------------------------------------------- the command line


def test_cli_playbook_without_a_section_prints_all_four(tmp_path: Path) -> None:
    """The terminal showed the Markdown as it is ("## Cadence", "- [ ] **Know why …**"): it reads
    as plain text now, each title a line of its own, and `--markdown` keeps the Markdown."""
    result = run(["playbook"], tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for title in ("Before a real interview", "After it: the debrief", "Cadence", "Options and BATNA"):
        assert lines[lines.index(title) + 1] == "=" * len(title), title
    for markup in ("#", "**", "- [ ]", "\n- ", "\n_"):
        assert markup not in result.stdout, markup
    assert "\n• Know why you are talking to them. Practice," in result.stdout
    assert "\nWhat went well\n  Which answers landed?" in result.stdout
    assert "Goal: 1 real interview every quarter (91 days)" in result.stdout
    kept = run(["playbook", "--markdown"], tmp_path)
    assert kept.exit_code == 0
    for heading in ("## Before a real interview", "## After it: the debrief", "## Cadence", "## Options"):
        assert heading in kept.stdout
    assert "- [ ] **Know why you are talking to them.**" in kept.stdout


def test_cli_playbook_after_json_gives_the_form_and_a_blank_debrief(tmp_path: Path) -> None:
    result = run(["playbook", "after", "--json"], tmp_path)
    data = json.loads(result.stdout)["after"]
    assert [f["id"] for f in data["fields"]][:3] == ["went_well", "could_be_better", "skill_gaps"]
    assert data["blank"]["interest"] is None


def test_cli_changes_the_cadence_and_shows_it(tmp_path: Path) -> None:
    changed = run(["playbook", "cadence", "--interviews", "2", "--every-days", "60"], tmp_path)
    assert changed.exit_code == 0
    assert "2 real interviews every 60 days" in changed.stdout
    # the playbook's case for a quarter reads as its suggestion beside a goal of your own
    assert "A real first-round interview every quarter keeps" not in changed.stdout
    assert "Your own goal; the playbook suggests 1 every quarter." in changed.stdout
    shown = json.loads(run(["playbook", "cadence", "--json"], tmp_path).stdout)["cadence"]
    assert (shown["interviews"], shown["period_days"]) == (2, 60)


def test_cli_cadence_options_on_another_section_are_one_clear_line(tmp_path: Path) -> None:
    result = run(["playbook", "before", "--interviews", "3"], tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --interviews and --every-days change the cadence")
    bad = run(["playbook", "during"], tmp_path)
    assert bad.exit_code == 1 and "use one of: before, after, cadence, options" in bad.stderr


def test_a_stage_that_only_asks_about_an_offer_is_an_interview_held():
    """Stages are free text: "Offer? no — second round" is a second round, not an offer, and
    counts toward the cadence; a stage that says the outcome still does not."""
    assert pb.is_interview("Offer? no — second round")
    assert pb.is_interview("final round (offer?)")
    assert not pb.is_interview("offer")
    assert not pb.is_interview("Rejected by email")
    assert not pb.is_interview("no offer")
    days = pb.held_interview_dates(
        [
            {"interview_date": "2026-11-02", "stage": "Offer? no — second round"},
            {"interview_date": "2026-11-20", "stage": "offer call"},
        ],
        date(2026, 12, 2),
    )
    assert days == [date(2026, 11, 2)]


# Stages as people type them: (stage, an interview held?, an offer?). "Offer: no, second round" read
# as an offer; a negated offer is never one, and said alone it is an outcome (no offer), not an
# interview.
STAGE_READINGS = [
    ("offer", False, True),
    ("offer call", False, True),
    ("Offer accepted", False, True),
    ("offer negotiation", False, True),
    ("Offer: no, second round", True, False),
    ("offer: not yet, final round", True, False),
    ("Offer? no — second round", True, False),
    ("final round (offer?)", True, False),
    ("Offer?", True, False),
    ("technical (no offer yet)", True, False),
    ("offer - no", False, False),
    ("Offer — no", False, False),
    ("offer: none", False, False),
    ("no offer", False, False),
    ("No offer, rejected", False, False),
    ("offer declined", False, False),
    ("Rejected by email", False, False),
    ("withdrew", False, False),
    ("second round", True, False),
    ("recruiter screen", True, False),
    ("", True, False),
    (None, True, False),
]


@pytest.mark.parametrize(("stage", "interview", "offer"), STAGE_READINGS)
def test_a_stage_in_free_text_reads_as_an_interview_an_offer_or_neither(stage, interview, offer):
    assert (pb.is_interview(stage), pb.is_offer(stage)) == (interview, offer)


def test_an_interview_today_not_yet_held_is_the_next_one_everywhere() -> None:
    """Today's interview read "Next step: first round, today" on its card while the header above it
    named one in 2030 as the next real interview: "booked" and "next" now ask one rule (is_ahead)."""
    today = date(2026, 12, 2)
    todays = {"id": 2, "company": "Initech", "stage": "first round", "interview_date": "2026-12-02"}
    later = {"id": 1, "company": "Globex", "stage": "first round", "interview_date": "2030-01-01"}
    assert pb.next_booked([later, todays], today)["company"] == "Initech"
    reviewed = {**todays, "answers": 3}  # held: reviewed, or debriefed
    assert pb.next_booked([later, reviewed], today)["company"] == "Globex"
    assert pb.next_booked([later, {**todays, "debriefs": 1}], today)["company"] == "Globex"
    # nor is it held yet: "In the last 3 months 4" stood beside "Next: today" for three booked today
    earlier = {"id": 3, "company": "Hooli", "stage": "onsite", "interview_date": "2026-11-20"}
    assert pb.held_interview_dates([later, todays, earlier], today) == [date(2030, 1, 1), date(2026, 11, 20)]
    assert pb.held_interview_dates([reviewed], today) == [today]
    status = pb.cadence_status(
        pb.Cadence(1, 90), pb.held_interview_dates([later, todays, earlier], today), today
    )
    assert status.interviews_in_period == 1
