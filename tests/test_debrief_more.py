"""The debrief asks what a career coach would ask besides: red flags noticed, pay or benefits
mentioned, and how the opportunity compares with the others. On the Interviews page's form (under
"More") and its debrief view, with the red flags on the opportunity's card and its offer's card;
in `coach debrief`, `coach interview` and `coach interviews`."""

from __future__ import annotations

import json
from datetime import date, timedelta

from app_support import interviews_page, markdown_text
from cli_support import coach_printed

from coach import store
from coach.config import load_settings
from coach.debrief import DEBRIEF_HEADINGS
from coach.ui.highlight import escape

FLAGS = "the manager talked over everyone <b>twice</b>"
PAY = "base tops at 160k; 4 weeks off"
COMPARED = "more scope than Globex, less pay"
MORE = "More: red flags, pay, how it compares"  # the fold the form keeps them in


def _acme_with_an_offer(data_dir) -> int:
    db = store.open_store(load_settings(data_dir))
    try:
        held = (date.today() - timedelta(days=1)).isoformat()
        interview_id = store.add_interview(
            db, company="Acme", role="Staff engineer", stage="onsite", interview_date=held
        )
        store.add_option(db, kind="offer", interview_id=interview_id, compensation="150k")
    finally:
        db.close()
    return interview_id


def test_the_form_asks_them_under_more_and_the_card_keeps_the_red_flags_in_sight(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    interview_id = _acme_with_an_offer(tmp_path)
    at = interviews_page().run()
    assert not at.exception
    key = f"interviews_debrief_{interview_id}"
    # the three sit folded under one "More", after the template's other questions
    [more] = [e for e in at.expander if e.label == MORE]
    assert not more.proto.expanded  # folded while none is written
    assert [t.label for t in more.text_area] == [
        "Red flags",
        "Pay or benefits mentioned",
        "How it compares with the others",
    ]
    at.text_area(key=f"{key}_went_well").input("the system design round")
    at.text_area(key=f"{key}_red_flags").input(FLAGS)
    at.text_area(key=f"{key}_pay_mentioned").input(PAY)
    at.text_area(key=f"{key}_compared_with_others").input(COMPARED)
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    text = markdown_text(at)
    # the stage's debrief shows each, escaped (the <b> is the user's text, not markup)
    assert f"*Red flags:* {escape(FLAGS)}" in text
    assert f"*Pay or benefits mentioned:* {escape(PAY)}" in text
    assert f"*Compared with the others:* {escape(COMPARED)}" in text
    # the opportunity's card names them outside the stage's fold, and so does its offer's card
    # its flag for the eye only (a screen reader read "flag icon" first), the words escaped
    flag = '<span aria-hidden="true">:material/flag:</span>'
    assert f"{flag} **Red flags after the onsite:** {escape(FLAGS)}" in text
    assert f"**Red flags**  \nAfter the onsite: {escape(FLAGS)}" in text
    # edited again, the form starts from them, open
    [more] = [e for e in at.expander if e.label == MORE]
    assert more.proto.expanded
    assert at.text_area(key=f"{key}_red_flags").value == FLAGS


def test_coach_debrief_takes_them_and_coach_interview_shows_them(tmp_path):
    interview_id = _acme_with_an_offer(tmp_path)
    coach_printed(
        tmp_path,
        *("debrief", interview_id, "--went-well", "the system design round"),
        *("--red-flags", "third re-org this year\nno roadmap"),
        *("--pay-mentioned", PAY, "--compared-with-others", COMPARED),
    )
    shown = coach_printed(tmp_path, "interview", interview_id)
    assert (
        "  Red flags:\n    third re-org this year\n    no roadmap\n"
        f"  Pay or benefits mentioned:\n    {PAY}\n"
        f"  Compared with the others:\n    {COMPARED}\n"
    ) in shown
    listed = coach_printed(tmp_path, "interviews")
    assert "  Red flags after the onsite: third re-org this year; no roadmap\n" in listed
    # a field given later replaces its lines; the others stay
    coach_printed(tmp_path, "debrief", interview_id, "--red-flags", "on-call every other week")
    [debrief] = json.loads(coach_printed(tmp_path, "interview", interview_id, "--json"))["debriefs"]
    assert (debrief["red_flags"], debrief["pay_mentioned"], debrief["compared_with_others"]) == (
        "on-call every other week",
        PAY,
        COMPARED,
    )
    assert debrief["went_well"] == "the system design round"
    listed = json.loads(coach_printed(tmp_path, "interviews", "--json"))
    [acme] = listed["opportunities"]
    assert [(f["stage"], f["red_flags"]) for f in acme["red_flags"]] == [
        ("onsite", "on-call every other week")
    ]
    [offer] = listed["options"]
    assert offer["red_flags"] == [{"stage": "onsite", "red_flags": "on-call every other week"}]


def test_coach_debrief_says_which_parts_it_saved(tmp_path):
    """`coach debrief N --red-flags …` printed only "Saved the debrief of interview #N (Acme,
    interest not set)": nothing said the red flags were kept, nor which of several options were."""
    interview_id = _acme_with_an_offer(tmp_path)
    said = coach_printed(tmp_path, "debrief", interview_id, "--red-flags", "no roadmap")
    assert said == (
        f"Saved “Red flags” in the debrief of interview #{interview_id} (Acme, interest not set).\n"
        "No skill gap is named: name one and Practice will recommend questions for it.\n"
    )
    said = coach_printed(
        tmp_path,
        *("debrief", interview_id, "--went-well", "the design round", "--interest", "4"),
        *("--proceed", "yes", "--person", "Sam Lee — engineering manager", "--question", "Why Acme?"),
        *("--pay-mentioned", PAY),
    )
    assert said.splitlines() == [
        "Saved “Went well”, “Interest”, “Go on to the next stage”, “Pay or benefits mentioned”, "
        f"“People met” and “Questions they asked” in the debrief of interview #{interview_id} "
        "(Acme, interest 4/5).",
        "1 question added to your practice questions.",
        "No skill gap is named: name one and Practice will recommend questions for it.",
    ]


def test_the_page_and_coach_interview_head_every_part_of_a_debrief_in_the_same_words(tmp_path, monkeypatch):
    """The headings were written out twice, on the Interviews page and in `coach interview`; one
    list heads both now: the same words as before, in the same order in both."""
    assert [heading for _, heading in DEBRIEF_HEADINGS] == [
        "Went well",
        "Could be better",
        "Skill gaps",
        "Time commitment",
        "Red flags",
        "Pay or benefits mentioned",
        "Compared with the others",
        "Notes",
    ]
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    interview_id = _acme_with_an_offer(tmp_path)
    written = {field: f"{field.replace('_', ' ')} <i>here</i>" for field, _ in DEBRIEF_HEADINGS}
    options = [arg for field, text in written.items() for arg in (f"--{field.replace('_', '-')}", text)]
    coach_printed(tmp_path, "debrief", interview_id, *options)
    shown = coach_printed(tmp_path, "interview", interview_id)
    assert "".join(f"  {heading}:\n    {written[field]}\n" for field, heading in DEBRIEF_HEADINGS) in shown
    at = interviews_page().run()
    assert not at.exception
    text = markdown_text(at)
    on_page = [text.find(f"*{heading}:* {escape(written[field])}") for field, heading in DEBRIEF_HEADINGS]
    assert -1 not in on_page and on_page == sorted(on_page)
