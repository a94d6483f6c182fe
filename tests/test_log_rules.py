"""The interview log's rules as a tester found them broken from the terminal: an outcome that ends
an opportunity, an application that is no interview, an option with no name, company spellings,
an option's details on its card, dates out of range and people typed on one line (real SQLite,
`coach` commands run as a user runs them)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from coach import store
from coach.config import load_settings
from coach.errors import InputError
from coach.local_time import long_date
from coach.pipeline import normalised, pipeline
from tests.cli_support import coach_printed as coach
from tests.cli_support import coach_refused as refused
from tests.cli_support import day


def card(data_dir, company: str) -> list[str]:
    """The lines `coach interviews` prints for one opportunity."""
    lines, found = coach(data_dir, "interviews").splitlines(), []
    for line in lines:
        if not line.startswith(" ") and found:
            break
        if line.startswith(company) or found:
            found.append(line)
    return found


# ---------------------------------------------------------------- 1. an outcome ends the opportunity


@pytest.mark.parametrize(("stage", "said"), [("rejected", "rejected"), ("withdrew", "withdrew")])
def test_a_rejection_or_a_withdrawal_ends_the_opportunity(tmp_path, stage, said):
    """After a rejection logged as a stage, the card read "(in progress)", "still to come: two more
    rounds and a take-home" and "Decide whether to continue before you book another stage"."""
    role = ("--role", "Data Engineer")
    coach(tmp_path, "add-interview", "Umbrella", *role, "--stage", "recruiter screen", "--date", day(-20))
    coach(tmp_path, "debrief", "1", "--interest", "5", "--proceed", "yes")
    coach(tmp_path, "add-interview", "Umbrella", *role, "--stage", "first round", "--date", day(-10))
    coach(
        tmp_path,
        *("debrief", "2", "--interest", "2", "--proceed", "yes"),
        *("--time-commitment", "two more rounds and a take-home"),
    )
    before = "\n".join(card(tmp_path, "Umbrella"))
    assert "Umbrella · Data Engineer  (in progress)" in before and "Decide:" in before

    coach(tmp_path, "add-interview", "Umbrella", "--stage", stage, "--date", day(-2))
    after = card(tmp_path, "Umbrella")
    assert after[0] == f"Umbrella · Data Engineer  ({said})"
    assert not any("still to come" in line or "Decide" in line for line in after), after
    [umbrella] = json.loads(coach(tmp_path, "interviews", "--json"))["opportunities"]
    assert (umbrella["status"], umbrella["ended"], umbrella["decision"]) == ("stopped", said, None)


@pytest.fixture(name="db")
def db_fixture(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    yield db
    db.close()


def _opportunities(db, today=None):
    return pipeline(
        store.list_interviews(db), store.list_debriefs(db), store.list_options(db), today or date.today()
    )


def test_only_the_latest_stage_saying_the_end_ends_it(db):
    """A stage logged after the rejection (they came back) is in progress again; a stage that
    asks ("rejected?") says no outcome; an offer declined ends it in the product's word."""
    store.add_interview(db, company="Initech", stage="first round", interview_date=day(-30))
    store.add_interview(db, company="Initech", stage="Rejected by email", interview_date=day(-20))
    store.add_interview(db, company="Initech", stage="recruiter screen", interview_date=day(-3))
    store.add_interview(db, company="Hooli", stage="final", interview_date=day(-9))
    store.add_interview(db, company="Hooli", stage="offer", interview_date=day(-6))
    store.add_interview(db, company="Hooli", stage="offer declined", interview_date=day(-4))
    store.add_interview(db, company="Globex", stage="technical (rejected?)", interview_date=day(-5))
    by_company = {o.company: (o.status, o.ended) for o in _opportunities(db)}
    assert by_company == {
        "Initech": ("in progress", ""),
        "Hooli": ("stopped", "declined"),
        "Globex": ("in progress", ""),
    }


def test_an_outcome_logged_today_has_happened(db):
    """A rejection logged today (add-interview's default date) was the card's "next step"."""
    store.add_interview(db, company="Umbrella", stage="first round", interview_date=day(-7))
    store.add_interview(db, company="Umbrella", stage="rejected", interview_date=day(0))
    store.add_interview(db, company="Hooli", stage="first round", interview_date=day(0))
    by_company = {o.company: o for o in _opportunities(db)}
    umbrella, hooli = by_company["Umbrella"], by_company["Hooli"]
    assert (umbrella.next_step, umbrella.status, umbrella.ended) == (None, "stopped", "rejected")
    assert hooli.next_step["stage"] == "first round"  # an interview today is still ahead


def test_the_stages_the_log_names_besides_interviews_read_as_they_say(tmp_path):
    from coach.interview_log import NOT_INTERVIEW_STAGES
    from coach.playbook import ending, is_application, is_interview

    assert [(is_interview(s), is_application(s), ending(s)) for s in NOT_INTERVIEW_STAGES] == [
        (False, True, ""),
        (False, False, "rejected"),
        (False, False, "withdrew"),
    ]
    shown = " ".join(coach(tmp_path, "add-interview", "--help").split())
    assert "other; applied, rejected or withdrew for the application and for how it ended" in shown


# ---------------------------------------------------------------- 2. an application is no interview


def test_an_application_is_not_a_real_interview_held(tmp_path):
    """`--stage applied` made "Last real interview" the day of the application and cleared the
    overdue warning."""
    coach(tmp_path, "add-interview", "Oldco", "--stage", "first round", "--date", day(-200))
    coach(
        tmp_path, "add-interview", "Applyco", "--stage", "applied", "--date", day(-3), "--origin", "I applied"
    )
    coach(tmp_path, "add-interview", "Nextco", "--stage", "application sent", "--date", day(-2))
    shown = coach(tmp_path, "progress")
    assert f"Last real interview: {long_date(day(-200))} (200 days ago)." in shown, shown
    assert "1 real interview " in shown and "(overdue)." in shown, shown


@pytest.mark.parametrize(
    ("stage", "interview"),
    [
        ("applied", False),
        ("Application", False),
        ("application sent", False),
        ("applied online", False),
        ("Applied ML interview", True),  # a round about applied ML is an interview
        ("applied science round", True),
        ("first round", True),
    ],
)
def test_an_application_reads_as_no_interview(stage, interview):
    from coach.playbook import is_interview

    assert is_interview(stage) is interview


# ---------------------------------------------------------------- 3. an option keeps a name


def test_an_option_cannot_lose_its_name_by_editing(tmp_path):
    """`coach edit-option 4 --company ""` said "Changed option #4: company." and left "—"."""
    coach(tmp_path, "add-option", "alternative", "--company", "Acme", "--compensation", "140k")
    said = refused(tmp_path, "edit-option", "1", "--company", "")
    assert said == refused(tmp_path, "add-option", "alternative", "--compensation", "140k")
    assert said == "error: Name the option: its company (or 'current job') or its title."
    assert json.loads(coach(tmp_path, "interviews", "--json"))["options"][0]["company"] == "Acme"
    coach(tmp_path, "edit-option", "1", "--title", "Staff engineer")
    assert "Changed option #1: company." in coach(tmp_path, "edit-option", "1", "--company", "")


def test_an_option_with_no_company_joins_no_company_card(db):
    """A nameless option sat on the card of company "#", whose name normalises to nothing too."""
    store.add_interview(db, company="#", interview_date=day(-3))
    store.add_interview(db, company="!!", interview_date=day(-2))
    store.add_option(db, kind="alternative", compensation="140k")  # as kept before the check
    opportunities = _opportunities(db)
    assert len(opportunities) == 2  # two companies, not one card
    assert [o.options for o in opportunities] == [[], []]


# ---------------------------------------------------------------- 4. spellings of one company


@pytest.mark.parametrize(
    "spellings",
    [
        ("Acme", "Acme S.A.", "ACME SA", "Acme B.V.", "Acme & Co.", "Acme and Co", "Acme Pty Ltd"),
        ("Acme", "Acme Pty. Ltd.", "Acme Corporation", "Acme Incorporated", "Acme Company"),
        ("Acme", "Acme, Inc.", "Acme Co., Ltd.", "Acme GmbH & Co. KG", "acme  llc"),
        ("J.P. Morgan", "JP Morgan", "J. P. Morgan"),
    ],
)
def test_spellings_of_one_company_are_one(spellings):
    assert len({normalised(name) for name in spellings}) == 1, [normalised(n) for n in spellings]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Acme", "Acme Health"),
        ("stark", "Stark Industries"),
        ("Acme", "Acme Group"),
        ("Procter & Gamble", "Procter"),
        ("Company", "Co"),
        ("#", "!!"),
    ],
)
def test_companies_that_share_a_word_stay_apart(one, other):
    assert normalised(one) != normalised(other)
    assert normalised(one) and normalised(other)


def test_a_dotted_legal_form_joins_the_company_s_card(db):
    store.add_interview(db, company="Acme", role="Data Engineer", interview_date=day(-9))
    store.add_interview(db, company="Acme S.A.", role="Data engineer", interview_date=day(-4))
    store.add_interview(db, company="Acme Health", role="Data engineer", interview_date=day(-3))
    assert sorted(len(o.stages) for o in _opportunities(db)) == [1, 2]


# ---------------------------------------------------------------- 5. an option's details on its card


def test_an_option_with_only_details_does_not_say_it_has_none():
    from coach.ui.log_labels import option_facts

    option = {"title": "", "compensation": "", "deadline": None, "status": "open"}
    assert option_facts(option, date.today()) == "no details yet"
    detailed = {**option, "details": "Series B, 40 people,\nfully remote, strong mentoring culture and more"}
    facts = option_facts(detailed, date.today())
    assert facts.startswith("Series B, 40 people, fully remote") and "\n" not in facts
    assert len(facts) <= 60 and facts.endswith("…")
    both = option_facts({**detailed, "title": "Staff engineer", "details": "hybrid"}, date.today())
    assert both == "Staff engineer · hybrid"


def test_coach_interviews_shows_an_option_s_details_and_counts_no_outcome_as_a_stage(tmp_path):
    """`coach interviews` left out an option's scope, team and growth, which the page's option card
    shows, and its "Time" counted the offer logged as a stage: "3 stages so far over 18 days" for two
    interviews. The details are shown whole under the option; the time counts the interviews."""
    for stage, days in (("recruiter screen", -20), ("onsite / loop", -12), ("offer", -2)):
        coach(
            tmp_path,
            "add-interview",
            "Acme",
            "--role",
            "Staff engineer",
            "--stage",
            stage,
            "--date",
            day(days),
        )
    details = "Series B, 40 people\nfully remote, a mentoring culture"
    coach(tmp_path, "add-option", "offer", "--interview", "3", "--compensation", "150k", "--details", details)
    out = coach(tmp_path, "interviews")
    assert "  Time spent: 2 stages so far over 8 days" in card(tmp_path, "Acme"), out
    lines = out.splitlines()
    at = lines.index("  #1 offer · Acme · Staff engineer · 150k (open)")
    assert lines[at + 1 : at + 3] == [
        "      Scope, team, growth: Series B, 40 people",
        "        fully remote, a mentoring culture",
    ]
    # an application and a rejection alone: no interview held, none booked, no time spent said
    # ("Time: no interview yet"; test_app_interviews.py: test_the_time_spent_on_a_process_is_named_…)
    coach(tmp_path, "add-interview", "Hooli", "--stage", "applied", "--date", day(-9))
    coach(tmp_path, "add-interview", "Hooli", "--stage", "rejected", "--date", day(-3))
    hooli = card(tmp_path, "Hooli")
    assert hooli and not [line for line in hooli if line.startswith("  Time")], hooli


# ---------------------------------------------------------------- 6. dates within the page's range


@pytest.mark.parametrize("when", ["9999-12-31", "1900-01-01", "0005-06-01"])
def test_a_date_out_of_range_is_refused_from_the_terminal(tmp_path, when):
    said = refused(tmp_path, "add-interview", "Acme", "--date", when)
    today = date.today()  # asked after `coach` ran, so a run crossing midnight compares the same day
    lowest, highest = today.replace(year=today.year - 10), today.replace(year=today.year + 10)
    assert said == (
        f"error: The interview date must be from {lowest.isoformat()} to {highest.isoformat()} "
        f"(ten years either side of today), not {when}."
    )
    assert coach(tmp_path, "interviews").startswith("No interviews logged yet")
    coach(tmp_path, "add-interview", "Acme", "--date", day(-3))
    assert refused(tmp_path, "edit-interview", "1", "--date", when) == said
    assert refused(tmp_path, "edit-interview", "1", "--date", when, "--role", "SRE") == said
    assert json.loads(coach(tmp_path, "interview", "1", "--json"))["interview_date"] == day(-3)
    assert coach(tmp_path, "edit-interview", "1", "--date", day(-3650)).startswith("Changed interview #1")


def test_an_old_interview_outside_the_range_can_still_be_edited(db):
    """One stored before the check (or imported) is not refused for a change of its notes."""
    from coach.interview_log import interview_edits

    interview_id = store.add_interview(db, company="Acme", interview_date="2001-05-01")
    kept = store.get_interview(db, interview_id)
    fields = dict(company="Acme", role="", stage="", format="", origin="", notes="went well")
    assert interview_edits(kept, interview_date=date(2001, 5, 1), **fields) == {"notes": "went well"}
    with pytest.raises(InputError, match="ten years either side of today"):
        interview_edits(kept, interview_date=date(2001, 5, 2), **fields)


# ---------------------------------------------------------------- 7. people typed on one line


@pytest.mark.parametrize("line", ["— cto", "—cto", " - cto", "| cto", ", cto", "  —  "])
def test_a_line_with_no_name_is_refused(tmp_path, line):
    coach(tmp_path, "add-interview", "Acme", "--date", day(-1))
    said = refused(tmp_path, "add-person", "1", line)
    assert said == (
        f"error: The line “{' '.join(line.split())}” has no name: start it with the person's name "
        "(then, if you like, ' — ' their title and a note)."
    )
    assert refused(tmp_path, "add-interview", "Hooli", "--date", day(-1), "--person", line) == said
    assert json.loads(coach(tmp_path, "interview", "1", "--json"))["people"] == []


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("Sam Lee—EM", ("Sam Lee", "EM", "")),
        ("Sam Lee—EM—ex-Stripe", ("Sam Lee", "EM", "ex-Stripe")),
        ("Sam Lee — EM", ("Sam Lee", "EM", "")),
        ("Sam Lee – EM", ("Sam Lee", "EM", "")),  # an en dash with spaces, as some keyboards type
        ("Anne-Marie Dupont", ("Anne-Marie Dupont", "", "")),
        ("Anne-Marie Dupont - CTO", ("Anne-Marie Dupont", "CTO", "")),
        ("Al — — met at a meetup", ("Al", "", "met at a meetup")),
        # a dash, bar or comma inside quotes is part of the name: "Jean — Paul" read as the name
        # “Jean with the title Paul”, and a name in quotes as a whole is kept without them
        ("“Anne-Marie — Annie” Smith — recruiter", ("“Anne-Marie — Annie” Smith", "recruiter", "")),
        ('"Jean — Paul" — CTO — ex-Stripe', ("Jean — Paul", "CTO", "ex-Stripe")),
        ("“Jean — Paul”", ("Jean — Paul", "", "")),
        ('"Smith, Jo" | recruiter', ("Smith, Jo", "recruiter", "")),
        ('Bob "The Builder" Jones — EM', ('Bob "The Builder" Jones', "EM", "")),
        ("Ana — VP — said “we ship — weekly”", ("Ana", "VP", "said “we ship — weekly”")),
        ("“Jean — Paul Martin — CTO", ("“Jean", "Paul Martin", "CTO")),  # a quote never closed
    ],
)
def test_a_person_s_line_splits_at_a_dash_not_inside_a_name(line, person):
    from coach.debrief import parse_person

    parsed = parse_person(line)
    assert (parsed["name"], parsed["title"], parsed["notes"]) == person


def test_a_name_typed_in_quotes_with_a_dash_in_it_is_one_person(tmp_path):
    """`coach debrief 1 --person '"Jean — Paul" — hiring manager'` kept someone named “"Jean” with
    the title “Paul"” and the note “hiring manager”; `coach interview 1` printed them back as typed,
    so it showed only in the JSON and the page's Title box. The name is Jean — Paul, shown in quotes
    wherever it stands on a line with a title, as it is typed."""
    coach(tmp_path, "add-interview", "Acme", "--date", day(-1))
    coach(tmp_path, "debrief", "1", "--went-well", "rapport", "--person", '"Jean — Paul" — hiring manager')
    coach(tmp_path, "add-person", "1", "“Anne-Marie — Annie” Smith — recruiter — ex-Stripe")
    people = json.loads(coach(tmp_path, "interview", "1", "--json"))["people"]
    assert [(p["name"], p["title"], p["notes"]) for p in people] == [
        ("Jean — Paul", "hiring manager", ""),
        ("“Anne-Marie — Annie” Smith", "recruiter", "ex-Stripe"),
    ]
    printed = coach(tmp_path, "interview", "1")
    assert "  - “Jean — Paul” — hiring manager\n" in printed
    assert "  - “Anne-Marie — Annie” Smith — recruiter (ex-Stripe)\n" in printed
    # the same line again is the same person, not a second Jean — Paul
    said = coach(tmp_path, "add-person", "1", "“Jean — Paul” — hiring manager")
    assert len(json.loads(coach(tmp_path, "interview", "1", "--json"))["people"]) == 2, said


def test_a_new_title_for_someone_known_replaces_the_title(tmp_path):
    """`add-person 11 "priya nair — Head of ML"` put the new title into her notes; then it replaced
    her title and the one she had was gone: it is kept in her notes as "earlier: …"."""
    coach(
        tmp_path, "add-interview", "Acme", "--date", day(-1), "--person", "Priya Nair — ML lead — ex-Google"
    )
    said = coach(tmp_path, "add-person", "1", "priya nair — Head of ML")
    assert said.strip() == "Changed Priya Nair's title to Head of ML (interview #1)."
    [priya] = json.loads(coach(tmp_path, "interview", "1", "--json"))["people"]
    assert (priya["name"], priya["title"], priya["notes"]) == (
        "Priya Nair",
        "Head of ML",
        "ex-Google; earlier: ML lead",
    )
    again = coach(tmp_path, "add-person", "1", "Priya Nair — head of ML — asked about MLOps")
    assert again.strip() == "Added what you typed to Priya Nair, already recorded (interview #1)."
    [priya] = json.loads(coach(tmp_path, "interview", "1", "--json"))["people"]
    assert (priya["title"], priya["notes"]) == (
        "Head of ML",
        "ex-Google; earlier: ML lead; asked about MLOps",
    )
    # words in the title's place that are no title are a note, as before
    noted = coach(tmp_path, "add-person", "1", "Priya Nair — wants a design doc first")
    assert noted.strip() == "Added what you typed to Priya Nair, already recorded (interview #1)."
    [priya] = json.loads(coach(tmp_path, "interview", "1", "--json"))["people"]
    assert priya["title"] == "Head of ML" and priya["notes"].endswith("; wants a design doc first")


def test_a_debrief_naming_someone_met_with_a_new_title_changes_their_title(tmp_path):
    """`coach debrief N --person "Ana Lopez, VP Engineering"` for Ana Lopez, kept as Engineering
    Manager, put "VP Engineering" into her notes and left the old title as the one shown. Her title
    is now the new one, the old one kept in her notes, and the same debrief again changes nothing."""
    coach(
        tmp_path,
        "add-interview",
        "Acme",
        "--date",
        day(-1),
        "--person",
        "Ana Lopez — Engineering Manager — ex-Stripe",
    )
    line = "ana lopez, VP Engineering, runs the platform org"
    coach(tmp_path, "debrief", "1", "--interest", "4", "--person", line)
    [ana] = json.loads(coach(tmp_path, "interview", "1", "--json"))["people"]
    assert (ana["name"], ana["title"], ana["notes"]) == (
        "Ana Lopez",
        "VP Engineering",
        "ex-Stripe; earlier: Engineering Manager; runs the platform org",
    )
    notes = "ex-Stripe; earlier: Engineering Manager; runs the platform org"
    people = f"  People met: Ana Lopez — VP Engineering ({notes})"
    # wrapped at words in 80 columns, under the heading
    assert people in "\n".join(card(tmp_path, "Acme")).replace("\n    ", " ").splitlines()
    coach(tmp_path, "debrief", "1", "--person", line)
    [again] = json.loads(coach(tmp_path, "interview", "1", "--json"))["people"]
    assert again == ana


@pytest.mark.parametrize(
    ("words", "title"),
    [
        ("Head of ML", True),
        ("staff engineer", True),
        ("VP Engineering", True),
        ("CTO", True),
        ("asked about on-call", False),
        ("wants a design doc first", False),
        ("ex-Google", False),
        ("the lead on the platform team, asked about my on-call experience", False),  # a sentence
    ],
)
def test_words_in_a_title_s_place_read_as_a_title_or_a_note(words, title):
    from coach.debrief import is_job_title

    assert is_job_title(words) is title
