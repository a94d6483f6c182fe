"""Several companies in flight over six weeks, walked through on the Interviews page and in
`coach interviews`: stages at each, one rejected, one offer, one withdrawn, the same person met
twice, a past interview not yet debriefed and one booked for next week."""

from __future__ import annotations

from datetime import date, timedelta

from app_support import interviews_page, markdown_text, page
from cli_support import coach_printed, unwrapped
from store_support import sqlite_db_fixture  # noqa: F401

from coach import store
from coach.interview_log import debrief_prompt
from coach.local_time import long_date, short_date
from coach.pipeline import accepted_note_parts, pipeline_report
from coach.ui.highlight import escape


def _six_weeks(db, today: date) -> dict[str, int]:
    """The log of six weeks, as the store keeps it: the interview ids by name."""
    northwind = ("Northwind Labs", "Senior backend engineer")
    globex, initech, umbrella = (
        ("Globex", "Platform engineer"),
        ("Initech", "Staff engineer"),
        ("Umbrella", ""),
    )
    marco, ada = {"name": "Marco Diaz", "title": "engineering manager"}, {"name": "Ada Wong"}
    ids: dict[str, int] = {}

    def log(name, opportunity, stage, days_ago, people=(), **debrief) -> None:
        company, role = opportunity
        day = (today - timedelta(days=days_ago)).isoformat()
        ids[name] = store.add_interview(
            db, company=company, role=role, stage=stage, interview_date=day, people=list(people)
        )
        if debrief:
            store.add_debrief(db, ids[name], **debrief)

    log("nw_screen", northwind, "recruiter screen", 41, interest=3, proceed=True)
    log("nw_first", northwind, "first round", 31, [marco], interest=4)
    onsite = [{**marco, "notes": "asked about on-call"}, {"name": "Lee Chen", "title": "staff engineer"}]
    log("nw_onsite", northwind, "onsite / loop", 17, onsite, interest=5)
    log("nw_offer", northwind, "offer", 5)
    log("gx_screen", globex, "recruiter screen", 33, interest=4)
    log("gx_tech", globex, "technical", 24, interest=2)
    log("gx_rejected", globex, "rejected", 16)
    log("in_screen", initech, "recruiter screen", 26, interest=3)
    log("in_first", initech, "first round", 12, interest=2, proceed=False)
    log("in_withdrew", initech, "withdrew", 3)
    log("um_first", umbrella, "first round", 4, [ada])  # held, no debrief yet
    log("um_onsite", umbrella, "onsite / loop", -4, [ada])  # next week
    return ids


def _failed_question_practised_for_the_onsite(db, ids: dict[str, int]) -> None:
    """A scored typed answer to "Tell me about a time you failed." (asked at Umbrella's first round),
    practised for its onsite."""
    store.save_attempt(
        db,
        question_id="beh-fail-01",
        question_text="Tell me about a time you failed.",
        recording=None,
        transcript={},
        analysis={"scores": {"overall": 72}},
        engine="typed",
        model="",
        interview_id=ids["um_onsite"],
    )


def _days_ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def _row(printed: str, interview_id: int) -> str:
    [row] = [line for line in printed.splitlines() if line.startswith(f"  #{interview_id} ")]
    return row


def test_the_terminal_names_the_interview_held_with_no_debrief_as_the_page_does(db, tmp_path):
    """Umbrella's first round, four days ago, has no debrief: its row on the page's card reads
    "first round · Wed 2 Dec · no debrief yet", but `coach interviews` printed "#11  2026-12-02
    first round" and nothing else, the same as a stage debriefed without an interest, so the one
    to debrief next could not be found there. The booked onsite, the offer, the rejection and the
    withdrawal owe no debrief and are not said to."""
    ids = _six_weeks(db, date.today())
    printed = coach_printed(tmp_path, "interviews")
    assert _row(printed, ids["um_first"]).split()[2:] == ["first", "round", "no", "debrief", "yet"], printed
    assert _row(printed, ids["um_onsite"]).endswith("booked")
    for ended in ("nw_offer", "gx_rejected", "in_withdrew"):
        assert _row(printed, ids[ended]).split()[-1] in ("offer", "rejected", "withdrew")
    assert _row(printed, ids["nw_onsite"]).endswith("interest 5/5")
    assert printed.count("no debrief yet") == 1


def test_a_past_interview_not_debriefed_is_not_asked_for_a_debrief_the_same_day(db):
    """Umbrella's first round, held four days ago with no debrief, said "No debrief yet. Write it
    the same day, while you remember the questions.": advice that could no longer be taken. It
    says how long ago it was held and to write it now; one held today still asks for today."""
    _six_weeks(db, date.today())
    at = interviews_page().run()
    assert not at.exception
    captions = [c.value for c in at.caption if c.value.startswith("No debrief yet")]
    assert captions == [
        "No debrief yet, 4 days after it. Write it now, with what you still remember of the questions."
    ]
    [label] = [e.label for e in at.expander if e.label.endswith("no debrief yet")]
    assert label.startswith("first round · ")
    today = date(2026, 12, 6)
    said = {days: debrief_prompt("first round", today - timedelta(days=days), today) for days in (0, 1)}
    assert said == {
        0: "No debrief yet. Write it today, while you remember the questions.",
        1: "No debrief yet, the day after it. Write it now, with what you still remember of the questions.",
    }


def test_someone_met_twice_keeps_what_the_second_meeting_noted_on_the_card(db, tmp_path):
    """Marco Diaz, met at Northwind's first round and again at the onsite, where he "asked about
    on-call": the card's "People met" (and `coach interviews`) named him as first met, "Marco Diaz
    — engineering manager", and the onsite's note was left out; only the onsite's own entry had
    it. Notes from each meeting are kept, oldest first, and a note cut short says where the rest
    is."""
    ids = _six_weeks(db, date.today())
    met = "Marco Diaz — engineering manager (asked about on-call)"
    at = interviews_page().run()
    assert not at.exception
    [line] = [m.value for m in at.markdown if m.value.startswith("**People met:**") and "Marco" in m.value]
    assert line == f"**People met:** {escape(met)}, Lee Chen — staff engineer", line
    printed = coach_printed(tmp_path, "interviews")
    assert f"People met: {met}, Lee Chen — staff engineer" in unwrapped(printed), printed

    # noted at both meetings: both notes, in the order he was met
    store.update_person(db, store.get_interview(db, ids["nw_first"])["people"][0]["id"], notes="quiet")
    printed = unwrapped(coach_printed(tmp_path, "interviews"))
    assert "Marco Diaz — engineering manager (quiet; asked about on-call)," in printed, printed

    # noted at length: cut short, the rest is said to be in both stages that noted him
    first_round = store.get_interview(db, ids["nw_first"])["people"][0]["id"]
    store.update_person(db, first_round, notes="Walked through the team's roadmap. " * 8)
    printed = unwrapped(coach_printed(tmp_path, "interviews"))
    rest = f"the rest is in coach interview {ids['nw_first']} and coach interview {ids['nw_onsite']})"
    assert rest in printed, printed
    at.run()
    [line] = [m.value for m in at.markdown if m.value.startswith("**People met:**") and "Marco" in m.value]
    assert "the rest is in the first round and onsite / loop below\\)" in line, line


def _team_match_booked(db) -> int:
    """Northwind's team match, booked for the day after tomorrow (after its offer, once accepted)."""
    return store.add_interview(
        db,
        company="Northwind Labs",
        role="Senior backend engineer",
        stage="team match",
        interview_date=_days_ago(-2),
    )


def _northwind_offer(db, ids: dict[str, int], today: date, **fields) -> int:
    """The offer Northwind made five days ago, written down: an answer due in five days."""
    return store.add_option(
        db,
        kind="offer",
        company="Northwind Labs",
        title="Senior backend engineer",
        compensation="165k base + 10% bonus",
        deadline=(today + timedelta(days=5)).isoformat(),
        interview_id=ids["nw_offer"],
        **fields,
    )


def test_an_offer_waiting_for_your_answer_is_the_next_step(db, tmp_path):
    """Northwind's offer waits for an answer by Friday: its card read "Next step: none booked", the
    deadline only in the Offer line below it. Answering it, by its deadline, is the next step, on
    the card and in `coach interviews`; with no deadline written, answering it all the same."""
    today = date.today()
    ids = _six_weeks(db, today)
    offer = _northwind_offer(db, ids, today)
    due = today + timedelta(days=5)
    at = interviews_page().run()
    assert not at.exception
    steps = [m.value for m in at.markdown if m.value.startswith("**Next step**")]
    said = f"answer the offer by {short_date(due.isoformat(), today)} (in 5 days)"
    assert f"**Next step**  \n{escape(said)}" in steps, steps
    printed = coach_printed(tmp_path, "interviews")
    assert f"  Next step: answer the offer by {long_date(due)}" in printed.splitlines(), printed

    store.update_option(db, offer, deadline=None)
    assert "  Next step: answer the offer" in coach_printed(tmp_path, "interviews").splitlines()


def test_an_offer_accepted_reads_accepted_and_names_the_processes_still_open(db, tmp_path):
    """After `coach edit-option 1 --status accepted`, Northwind's card still read "offer", and
    nothing said that Umbrella's onsite, booked for next week, was still open to withdraw from.
    The card and `coach interviews` say the offer was accepted, and a note above the cards (and
    first in the terminal) names the processes still open."""
    today = date.today()
    ids = _six_weeks(db, today)
    offer = _northwind_offer(db, ids, today)
    coach_printed(tmp_path, "edit-option", str(offer), "--status", "accepted")
    onsite = today + timedelta(days=4)
    at = interviews_page().run()
    assert not at.exception
    badges = [str(m.value) for m in at.markdown if "-badge[" in str(m.value)]
    assert ":green-badge[offer accepted]" in badges, badges
    assert badges.count(":green-badge[offer]") == 1, badges  # the option's kind, on its own card
    said = (
        "You accepted the offer from Northwind Labs. Still open: Umbrella (onsite / loop booked for "
        '{day}). Withdraw from those you will not go on with: tell them, and log "withdrew" as '
        "their last stage."
    )
    notes = [i.value for i in at.info]
    day = f"{short_date(onsite.isoformat(), today)} (in 4 days)"
    listed = (  # on the page each one still open is on its own line (accepted_note_parts)
        f"{escape('You accepted the offer from Northwind Labs.')}\n\n**Still open:**\n"
        f"- {escape(f'Umbrella (onsite / loop booked for {day})')}\n\n"
        + escape(
            'Withdraw from those you will not go on with: tell them, and log "withdrew" as their last stage.'
        )
    )
    assert listed in notes, notes
    steps = [str(m.value) for m in at.markdown if str(m.value).startswith("**Next step**")]
    # its card said "Next step: none booked", as if something were missing
    assert f"**Next step**  \n:gray[{escape('none (you accepted its offer)')}]" in steps, steps

    printed = coach_printed(tmp_path, "interviews")
    assert "Northwind Labs · Senior backend engineer  (offer accepted)" in printed, printed
    assert unwrapped(printed).startswith(said.format(day=long_date(onsite))), printed
    assert "Next step: answer the offer" not in printed  # answered
    # it printed no next step for the offer accepted, where the page says there is none and why
    northwind = printed[printed.index("Northwind Labs · Senior backend engineer") :]
    assert "\n  Next step: none (you accepted its offer)\n" in northwind, printed


def test_the_note_after_accepting_names_the_offers_and_alternatives_still_open(db, tmp_path):
    """With Northwind's offer accepted, the note named Umbrella's onsite to withdraw from, and
    nothing of Hooli's offer due next week or the freelance alternative written down beside it (nor
    anything at all when the offer accepted was Hooli's, written down with no interview logged).
    It names them, with their deadline, and says to decline them; not the BATNA, your current job."""
    today = date.today()
    ids = _six_weeks(db, today)
    northwind = _northwind_offer(db, ids, today)
    due = (today + timedelta(days=8)).isoformat()
    hooli = store.add_option(db, kind="offer", company="Hooli", title="Senior engineer", deadline=due)
    store.add_option(db, kind="alternative", company="Freelance", title="Consulting")
    store.add_option(db, kind="batna", company="current job")
    store.update_option(db, northwind, status="accepted")
    said = (
        "Offers and alternatives still open: Hooli · Senior engineer (offer, answer by {day}); "
        "Freelance · Consulting (alternative). Decline those you will not take: tell them, and mark "
        "them declined."
    )
    at = interviews_page().run()
    assert not at.exception
    # on the Pipeline and Offers tabs (the Prepare tab says it of Umbrella's onsite alone)
    [note, _] = [i.value for i in at.info if i.value.startswith("You accepted") and "Hooli" in i.value]
    # each its own line: one paragraph was eleven lines on a phone
    listed = (
        "**Offers and alternatives still open:**\n"
        f"- {escape(f'Hooli · Senior engineer (offer, answer by {short_date(due, today)} (in 8 days))')}\n"
        f"- {escape('Freelance · Consulting (alternative)')}\n\n"
        f"{escape('Decline those you will not take: tell them, and mark them declined.')}"
    )
    assert note.endswith(listed), note
    assert "current job" not in note
    # the offer accepted first among those compared: it came last, after the BATNA
    cards = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert [c.split("  \n")[0] for c in cards] == [
        "### Northwind Labs",
        "### Hooli",
        "### Freelance",
        "### current job",
    ], cards
    printed = unwrapped(coach_printed(tmp_path, "interviews"))
    assert said.format(day=long_date(due)) + " Umbrella (in progress)" in printed, printed

    store.update_option(db, northwind, status="open")
    store.update_option(db, hooli, status="accepted")
    opportunities, options = pipeline_report(db, today)
    assert accepted_note_parts(opportunities, options, long_date).sentences.startswith(
        "You accepted the offer from Hooli. Still open: Umbrella (onsite / loop booked for "
    )


def test_coach_interviews_json_holds_the_note_said_first_after_accepting(db, tmp_path):
    """With Northwind's offer accepted, `coach interviews` says first "You accepted the offer from
    Northwind Labs. Still open: Umbrella …; Offers and alternatives still open: Hooli …, Freelance …
    Decline those …", but its --json held only the opportunities and the options, nothing of that
    note. It holds "accepted_note": the words said and their parts; null with no offer accepted."""
    import json

    today = date.today()
    ids = _six_weeks(db, today)
    northwind = _northwind_offer(db, ids, today)
    store.add_option(db, kind="alternative", company="Freelance", title="Consulting")
    assert json.loads(coach_printed(tmp_path, "interviews", "--json"))["accepted_note"] is None
    store.update_option(db, northwind, status="accepted")
    note = json.loads(coach_printed(tmp_path, "interviews", "--json"))["accepted_note"]
    printed = unwrapped(coach_printed(tmp_path, "interviews"))
    assert printed.startswith(note["said"] + " Umbrella (in progress)"), (note, printed)
    onsite = long_date(today + timedelta(days=4))
    assert note["accepted"] == "You accepted the offer from Northwind Labs.", note
    assert note["still_open"] == [
        {
            "heading": "Still open",
            "items": [f"Umbrella (onsite / loop booked for {onsite})"],
            "to_do": 'Withdraw from those you will not go on with: tell them, and log "withdrew" as '
            "their last stage.",
        },
        {
            "heading": "Offers and alternatives still open",
            "items": ["Freelance · Consulting (alternative)"],
            "to_do": "Decline those you will not take: tell them, and mark them declined.",
        },
    ], note


def test_an_accepted_offer_says_the_day_it_was_accepted_where_its_deadline_was(db, tmp_path):
    """Accepted today, Northwind's offer card on Offers and options still read "Answer by Fri 11 Dec
    (in 5 days)", a deadline already met, and `coach interviews` "deadline Fri 11 Dec 2026 · …
    (accepted)". Where the deadline was, the card says the day it was accepted; its line on the
    pipeline's card and the terminal say "accepted on" that day, with no deadline."""
    today = date.today()
    ids = _six_weeks(db, today)
    store.update_option(db, _northwind_offer(db, ids, today), status="accepted")
    at = interviews_page().run()
    assert not at.exception
    [card] = [m.value for m in at.markdown if m.value.startswith("**Compensation**  \n165k")]
    assert "**Answer by**" not in card, card
    assert f"\n\n**Accepted**  \n{short_date(today.isoformat(), today)} (today)\n\n" in card, card
    [line] = [m.value for m in at.markdown if m.value.startswith("**Offer:**")]
    assert line.endswith(escape(f" · accepted on {short_date(today.isoformat(), today)} (today)")), line
    printed = unwrapped(coach_printed(tmp_path, "interviews"))
    said = f"165k base + 10% bonus · your interest 5/5 at the onsite / loop (accepted on {long_date(today)})"
    assert said in printed, printed


def _joining_northwind(db, ids: dict[str, int], today: date) -> None:
    """Northwind's offer accepted today, then its stages after the offer, logged with no role: a
    team lunch yesterday and an onboarding chat ("other") in two days."""
    store.update_option(db, _northwind_offer(db, ids, today), status="accepted")
    for name, stage, days in (("nw_lunch", "team lunch", -1), ("nw_onboarding", "other", 2)):
        ids[name] = store.add_interview(
            db, company="Northwind Labs", stage=stage, interview_date=today + timedelta(days=days)
        )


def test_the_company_you_are_joining_after_its_offer_holds_no_real_interview(db, tmp_path):
    """With Northwind's offer accepted, its onboarding chat booked after the offer counted as a real
    interview booked ("3 more booked" on Progress and in `coach progress`), and its team lunch
    yesterday as one held ("Last real interview: yesterday"): neither keeps the skill of
    interviewing. The counts are of the interviews at the other companies: 8 held, the last
    Umbrella's first round 4 days ago, and only Umbrella's onsite booked."""
    import json

    today = date.today()
    ids = _six_weeks(db, today)
    _joining_northwind(db, ids, today)
    at = page("progress").run()
    assert not at.exception
    real = {m.label: m for m in at.metric}["Real interviews"]
    assert (real.value, real.help.endswith("; 1 more booked.")) == ("8", True), (real.value, real.help)
    printed = unwrapped(coach_printed(tmp_path, "progress"))
    assert "8 real interviews (0 answers analysed; 1 more booked)." in printed, printed
    assert f"Last real interview: {long_date(today - timedelta(days=4))} (4 days ago)." in printed, printed
    report = json.loads(coach_printed(tmp_path, "progress", "--json"))
    counted = report["cadence"]["real_interviews"]
    assert report["counts"]["real_interviews"] == 8
    assert counted["upcoming"] == [(today + timedelta(days=4)).isoformat()], counted


def test_the_time_spent_on_the_process_you_accepted_ends_at_its_offer(db, tmp_path):
    """With Northwind's offer accepted and its team lunch and onboarding chat logged after it, its
    card and `coach interviews` read "Time spent: 4 stages so far over 40 days, 1 more booked": the
    lunch held and the chat booked counted as stages of a process already decided. What the process
    took ends at the offer: its 3 interviews over 24 days, no more booked, and not "so far"."""
    import json

    today = date.today()
    ids = _six_weeks(db, today)
    _joining_northwind(db, ids, today)
    said = "3 stages over 24 days"
    at = interviews_page().run()
    assert not at.exception
    text = markdown_text(at)
    assert f"**Time spent**  \n{said}\n" in text, text
    printed = coach_printed(tmp_path, "interviews")
    northwind = printed[printed.index("Northwind Labs · Senior backend engineer") :]
    assert f"\n  Time spent: {said}\n" in northwind, printed
    [card] = [
        o
        for o in json.loads(coach_printed(tmp_path, "interviews", "--json"))["opportunities"]
        if o["company"] == "Northwind Labs"
    ]
    assert (card["time"]["stages_done"], card["time"]["stages_booked"]) == (3, 0), card["time"]


def test_after_accepting_the_json_says_the_next_real_interview_the_text_says(db, tmp_path):
    """Northwind's offer accepted today, `coach progress` said the next real interview is due by the
    new job's cadence ("the next by …", a quarter from today) where its --json still gave
    Umbrella's onsite as next_booked, a process one may withdraw from, and the goal's date from
    Umbrella's first round. The JSON says what the text says: nothing booked, due a quarter from
    today, on track."""
    import json

    today = date.today()
    ids = _six_weeks(db, today)
    store.update_option(db, _northwind_offer(db, ids, today), status="accepted")
    due = today + timedelta(days=91)
    printed = unwrapped(coach_printed(tmp_path, "progress"))
    assert f"a real interview every quarter in the new job too, the next by {long_date(due)}." in printed
    real = json.loads(coach_printed(tmp_path, "progress", "--json"))["cadence"]["real_interviews"]
    said = {k: real[k] for k in ("next_booked", "next_due", "overdue", "state", "first_to_book")}
    assert said == {
        "next_booked": None,
        "next_due": due.isoformat(),
        "overdue": False,
        "state": "on track",
        "first_to_book": False,
    }, said
    assert real["after_accepting"]["next_due"] == due.isoformat()


def test_after_accepting_the_interviews_page_says_the_new_jobs_cadence_as_progress_does(db, tmp_path):
    """Northwind's offer accepted today, Progress said the next real interview is due a quarter
    from today, in the new job, while the Interviews page's cadence panel still read "Next real
    interview: booked: Northwind Labs" (its onboarding chat, in two days) and counted its team
    lunch among the interviews held in the last quarter (9), and `coach interviews` "next booked:
    Northwind Labs". Both now say what Progress says, from the same decision."""
    from coach.ui.summary import due_label

    today = date.today()
    ids = _six_weeks(db, today)
    _joining_northwind(db, ids, today)
    due = today + timedelta(days=91)
    shown, metrics = {}, {}
    for name in ("interviews", "progress"):
        at = page(name).run()
        assert not at.exception
        metrics[name] = {m.label: m for m in at.metric}
        shown[name] = [(m.label, m.value, m.delta) for m in at.metric if m.label.startswith("Next real")]
    assert (
        shown["interviews"]
        == shown["progress"]
        == [("Next real interview due", due_label(due, today), "on track")]
    ), shown
    assert metrics["interviews"]["In the last 3 months"].value == "8"
    helped = metrics["interviews"]["Next real interview due"].help.replace("\\", "")
    assert f"in the new job too, the next by {long_date(due)}." in helped, helped
    printed = unwrapped(coach_printed(tmp_path, "interviews"))
    said = f"8 held in the last 91 days; next due by {long_date(due)} in the new job (on track)."
    assert said in printed, printed


def _accepted_days_ago(db, option_id: int, days: int) -> None:
    """The offer marked accepted `days` ago: the day its status changed, as the store keeps it."""
    from datetime import UTC, datetime

    import sqlalchemy as sa

    from coach.store.schema import field_changes, options

    store.update_option(db, option_id, status="accepted")
    with db.write() as conn:
        uid = conn.execute(sa.select(options.c.uid).where(options.c.id == option_id)).scalar_one()
        conn.execute(
            field_changes.update()
            .where(field_changes.c.row_uid == uid, field_changes.c.field_name == "status")
            .values(changed_at=datetime.now(UTC) - timedelta(days=days))
        )


def test_a_stage_dated_after_an_offer_accepted_elsewhere_is_not_held_until_debriefed(db, tmp_path):
    """Northwind's offer accepted three days ago, Umbrella's onsite, booked before and dated two days
    ago, with no debrief: it counted as a real interview held (9, "Last real interview: 2 days ago",
    the new job's cadence gone from Progress and the Interviews page) and read "no debrief yet",
    though the user had most likely withdrawn. It is not counted as held until a debrief says it
    took place; its row says why, on the card and in `coach interviews`, with what to do."""
    import json

    today = date.today()
    ids = _six_weeks(db, today)
    onsite = ids["um_onsite"]
    store.update_interview(db, onsite, interview_date=(today - timedelta(days=2)).isoformat())
    _accepted_days_ago(db, _northwind_offer(db, ids, today), 3)
    first_round = long_date(today - timedelta(days=4))  # Umbrella's, before the offer was accepted

    report = json.loads(coach_printed(tmp_path, "progress", "--json"))
    real = report["cadence"]["real_interviews"]
    assert (report["counts"]["real_interviews"], real["last"]) == (8, _days_ago(4)), real
    assert real["after_accepting"]["accepted_on"] == _days_ago(3), real  # the new job's cadence
    printed = unwrapped(coach_printed(tmp_path, "progress"))
    assert f"Last real interview: {first_round} (4 days ago)." in printed, printed
    at = page("progress").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Real interviews"] == "8"

    said = (
        "Its day came after you accepted the offer from Northwind Labs, and it has no debrief, so it is "
        "not counted as an interview held."
    )
    at = interviews_page().run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["In the last 3 months"] == "8"
    label = [e.label for e in at.expander if e.label.endswith("after accepting, no debrief")]
    assert len(label) == 1 and label[0].startswith("onsite / loop · "), [e.label for e in at.expander]
    to_do = (
        "If it took place, write its debrief; if not, delete it, and log how the process ended "
        '("withdrew") as its last stage.'
    )
    assert escape(f"{said} {to_do}") in [c.value for c in at.caption], [c.value for c in at.caption]
    assert "**Time spent**  \n1 stage so far\n" in markdown_text(at) + "\n"  # the first round alone

    printed = coach_printed(tmp_path, "interviews")
    assert _row(printed, onsite).endswith("onsite / loop      after accepting, no debrief"), printed
    commands = (
        f"If it took place, `coach debrief {onsite} --went-well ...` writes its debrief; if not, `coach "
        f"delete-interview {onsite}` deletes it, and `coach add-interview Umbrella --stage withdrew` logs "
        "how the process ended."
    )
    assert f"{said} {commands}" in unwrapped(printed), printed
    assert f"{said} {commands}" in unwrapped(coach_printed(tmp_path, "interview", str(onsite)))
    [umbrella] = [
        o
        for o in json.loads(coach_printed(tmp_path, "interviews", "--json"))["opportunities"]
        if o["company"] == "Umbrella"
    ]
    assert [s["unconfirmed_after_accepting"] for s in umbrella["stages"]] == ["", "Northwind Labs"]
    assert umbrella["time"]["stages_done"] == 1, umbrella["time"]

    # it took place after all: its debrief says so, and it counts as held again
    store.add_debrief(db, onsite, interest=2)
    report = json.loads(coach_printed(tmp_path, "progress", "--json"))
    assert (report["counts"]["real_interviews"], report["cadence"]["real_interviews"]["last"]) == (
        9,
        _days_ago(2),
    ), report["cadence"]
    assert _row(coach_printed(tmp_path, "interviews"), onsite).endswith("interest 2/5")


def test_the_note_after_accepting_names_the_stage_passed_with_no_debrief(db, tmp_path):
    """Northwind's offer accepted three days ago, Umbrella's onsite two days ago with no debrief: its
    row read "after accepting, no debrief", while the note above the cards (and first in `coach
    interviews`) said only "Still open: Umbrella", nothing of the stage to settle. The note names
    it in its row's words, with what to do, as the line under the row says it."""
    import json

    today = date.today()
    ids = _six_weeks(db, today)
    store.update_interview(db, ids["um_onsite"], interview_date=_days_ago(2))
    _accepted_days_ago(db, _northwind_offer(db, ids, today), 3)
    to_do = "after accepting, no debrief: write its debrief if it took place, else delete it"

    at = interviews_page().run()
    assert not at.exception
    said = f"Umbrella (onsite / loop on {short_date(_days_ago(2), today)} {to_do})"
    assert any(f"**Still open:**\n- {escape(said)}\n\n" in i.value for i in at.info), [
        i.value for i in at.info
    ]
    assert [e.label for e in at.expander if e.label.endswith(to_do.split(":")[0])], "the row's words"

    said = f"Still open: Umbrella (onsite / loop on {long_date(today - timedelta(days=2))} {to_do})."
    assert said in unwrapped(coach_printed(tmp_path, "interviews")), said
    note = json.loads(coach_printed(tmp_path, "interviews", "--json"))["accepted_note"]
    assert note["still_open"][0]["items"] == [said[len("Still open: ") : -1]], note


def test_a_process_begun_after_accepting_is_not_one_to_withdraw_from(db, tmp_path):
    """Northwind's offer accepted four days ago, then Hooli begun two days ago (a first meeting
    logged as "other", then its technical round in three days): interviewing again, a real interview
    now and then in the new job, yet the note above the cards (and first in `coach interviews`, its
    --json too) listed Hooli under "Still open" to withdraw from, and its checklist (the Prepare tab,
    `coach prepare`) said "If you will not go on with Hooli, withdraw". Only Umbrella, open when the
    offer was accepted, is; Hooli's card reads as any process in progress."""
    import json

    today = date.today()
    ids = _six_weeks(db, today)
    _accepted_days_ago(db, _northwind_offer(db, ids, today), 4)  # the day Umbrella's first round was
    met = store.add_interview(db, company="Hooli", stage="other", interview_date=_days_ago(2))
    technical = store.add_interview(db, company="Hooli", stage="technical", interview_date=_days_ago(-3))
    onsite = today + timedelta(days=4)
    withdraw = (
        'Withdraw from those you will not go on with: tell them, and log "withdrew" as their last stage.'
    )

    at = interviews_page().run()
    assert not at.exception
    day = f"{short_date(onsite.isoformat(), today)} (in 4 days)"
    listed = (
        f"{escape('You accepted the offer from Northwind Labs.')}\n\n**Still open:**\n"
        f"- {escape(f'Umbrella (onsite / loop booked for {day})')}\n\n{escape(withdraw)}"
    )
    assert listed in [i.value for i in at.info], [i.value for i in at.info]
    assert not [i.value for i in at.info if "Hooli" in i.value], [i.value for i in at.info]
    assert at.selectbox(key="interviews_prepare_for").value == technical  # the soonest
    assert "Decide what would make you move." in [c.label for c in at.checkbox]  # an interview as any
    badges = [str(m.value) for m in at.markdown if "-badge[" in str(m.value)]
    assert badges.count(":blue-badge[in progress]") == 2, badges  # Hooli's and Umbrella's
    labels = [e.label for e in at.expander]
    assert f"interview · {short_date(_days_ago(2), today)} · no debrief yet" in labels, labels

    printed = coach_printed(tmp_path, "interviews")
    umbrella = f"Umbrella (onsite / loop booked for {long_date(onsite)})"
    said = f"You accepted the offer from Northwind Labs. Still open: {umbrella}. {withdraw}"
    assert unwrapped(printed).startswith(said), printed
    assert _row(printed, met).split()[2:] == ["interview", "no", "debrief", "yet"], printed
    data = json.loads(coach_printed(tmp_path, "interviews", "--json"))
    assert [g["items"] for g in data["accepted_note"]["still_open"]] == [[umbrella]], data["accepted_note"]
    begun = {o["company"]: o["begun_after_accepting"] for o in data["opportunities"]}
    assert begun == {
        "Hooli": "Northwind Labs",
        "Northwind Labs": "",
        "Umbrella": "",
        "Globex": "",
        "Initech": "",
    }
    prepared = unwrapped(coach_printed(tmp_path, "prepare", str(technical)))
    assert "You accepted" not in prepared and "withdraw" not in prepared, prepared
    assert json.loads(coach_printed(tmp_path, "prepare", str(technical), "--json"))["offer_accepted"] is None
    # nor is an offer from it one still open to decline: it came since, a decision of its own
    store.add_option(db, kind="offer", company="Hooli", interview_id=technical)
    note = json.loads(coach_printed(tmp_path, "interviews", "--json"))["accepted_note"]
    assert [g["items"] for g in note["still_open"]] == [[umbrella]], note


def test_adding_or_editing_a_stage_says_its_kind_as_the_lists_name_it(db, tmp_path):
    """Adding a stage logged as "other" said "Added Hooli (other, Thu 10 Dec 2026)." on the page
    and "Added interview #N: Hooli (other, 2026-12-10)." in the terminal, above the row that lists it
    as "interview"; so did saving an edit of one. Each says the kind as the lists do: "interview",
    or "meeting" after the offer you accepted there (Northwind's onboarding chat), whose next step
    is no practice; others as typed."""
    from app_support import in_form

    today = date.today()
    ids = _six_weeks(db, today)
    store.update_option(db, _northwind_offer(db, ids, today), status="accepted")
    at = interviews_page().run()

    def add(company: str, days: int) -> str:
        def added(widgets, name: str):  # the add form's, whose key changes once it is cleared
            [widget] = [
                w for w in widgets if (w.key or "").startswith("interviews_add") and w.key.endswith(name)
            ]
            return widget

        added(at.text_input, "_company").input(company)
        added(at.selectbox, "_stage").set_value("other")
        [box] = [d for d in at.date_input if d.label == "Date" and "interviews_add" in str(d.form_id)]
        box.set_value(today + timedelta(days=days))
        [b for b in at.button if b.label == "Add interview"][0].click().run()
        assert not at.exception and not at.error
        [said] = [s.value for s in at.success]
        return said

    in_2, in_3 = (long_date(today + timedelta(days=n)) for n in (2, 3))
    # nothing to practise for at a meeting after the offer: it sent to the Practice page, which
    # does not choose it
    assert add("Northwind Labs", 2) == (
        f"Added Northwind Labs (meeting, {in_2}). Next: no interview to practise for: write down what "
        "you want to know before you start (its checklist is on the Prepare tab)."
    )
    said = f"Added Hooli (interview, {in_3}). Next: practise for it on the Practice page."
    assert add("Hooli", 3) == said
    [hooli] = [i["id"] for i in store.list_interviews(db) if i["company"] == "Hooli"]
    store.update_interview(db, hooli, stage="technical")
    at.run()
    form = f"interviews_edit_{hooli}"
    in_form(at.selectbox, form)[0].set_value("other")  # its stage
    in_form(at.button, form)[0].click().run()
    assert not at.exception and [s.value for s in at.success] == [f"Saved Hooli (interview, {in_3})."]

    for company, days, said in (("Northwind Labs", 5, "meeting"), ("Hooli", 6, "interview")):
        printed = coach_printed(
            tmp_path, "add-interview", company, "--stage", "other", "--date", _days_ago(-days)
        )
        assert printed.startswith("Added interview #") and printed.endswith(
            f": {company} ({said}, {_days_ago(-days)}).\n"
        ), printed
    printed = coach_printed(tmp_path, "add-interview", "Hooli", "--stage", "final", "--date", _days_ago(-7))
    assert printed.endswith(f": Hooli (final, {_days_ago(-7)}).\n"), printed


def test_a_stage_logged_as_other_is_said_in_words_not_as_other(db, tmp_path):
    """Northwind's onboarding chat, logged as "other" after its offer was accepted, was its card's
    and `coach interviews`' "Next step: other on Wed 9 Dec"; Hooli's first meeting, logged as "other"
    too, read the same, `coach progress` "the next booked for … at Hooli (other)", and a red flag
    noted after an "other" stage "Red flags after the other:". Such a stage names no kind: it is
    "a meeting" after the offer you accepted there, else "an interview", and "the stage" after."""
    today = date.today()
    ids = _six_weeks(db, today)
    _joining_northwind(db, ids, today)  # its onboarding chat ("other") in two days
    hooli = store.add_interview(db, company="Hooli", stage="other", interview_date=_days_ago(-3))
    umbrella_call = store.add_interview(db, company="Umbrella", stage="other", interview_date=_days_ago(1))
    store.add_debrief(db, umbrella_call, interest=3, red_flags="no roadmap")
    in_2, in_3 = today + timedelta(days=2), today + timedelta(days=3)

    at = interviews_page().run()
    assert not at.exception
    steps = [str(m.value) for m in at.markdown if str(m.value).startswith("**Next step**")]
    for said in (
        f"a meeting on {short_date(in_2.isoformat(), today)} (in 2 days)",
        f"an interview on {short_date(in_3.isoformat(), today)} (in 3 days)",
    ):
        assert f"**Next step**  \n{escape(said)}" in steps, steps
    assert not [s for s in steps if "other" in s], steps
    assert "**Red flags after the stage:** no roadmap" in markdown_text(at)

    printed = coach_printed(tmp_path, "interviews")
    assert f"  Next step: a meeting on {long_date(in_2)}" in printed.splitlines(), printed
    assert f"  Next step: an interview on {long_date(in_3)}" in printed.splitlines(), printed
    assert "  Red flags after the stage: no roadmap" in printed.splitlines(), printed
    assert "other on" not in printed and "after the other" not in printed, printed
    progress = unwrapped(coach_printed(tmp_path, "progress"))
    assert f"the next booked for {long_date(in_3)} at Hooli." in progress, progress
    assert hooli  # its row names it as lists do (test_a_stage_logged_as_other_is_listed_in_words)
    assert _row(printed, hooli).split()[2:] == ["interview", "booked"], printed


def test_a_stage_logged_as_other_is_listed_in_words_as_its_sentences_say_it(db, tmp_path):
    """With the next step "a meeting on …" (Northwind's onboarding chat, logged as "other" after its
    offer was accepted) and "an interview on …" (Hooli's first meeting), the card's chain of stages
    still read "**other** Wed 9 Dec", its rows "other · Wed 9 Dec · next step", Prepare "Coming up:
    Northwind Labs — other", and `coach interviews` and `coach prepare` "other". Each list names
    it as its sentences do: "meeting" after the offer accepted there, else "interview"; the other
    kinds are as typed."""
    today = date.today()
    ids = _six_weeks(db, today)
    _joining_northwind(db, ids, today)  # its onboarding chat ("other") in two days
    hooli = store.add_interview(db, company="Hooli", stage="other", interview_date=_days_ago(-3))
    umbrella_call = store.add_interview(db, company="Umbrella", stage="other", interview_date=_days_ago(1))
    store.add_debrief(db, umbrella_call, interest=3, notes="Walked through the team's roadmap. " * 8)
    in_2, in_3 = (short_date((today + timedelta(days=n)).isoformat(), today) for n in (2, 3))

    at = interviews_page().run()
    assert not at.exception
    chains = [str(m.value) for m in at.markdown if " → " in str(m.value) or str(m.value).startswith("**")]
    assert any(f"**meeting** :gray[{in_2}]" in c and "**team lunch**" in c for c in chains), chains
    assert any(c == f"**interview** :gray[{in_3}]" for c in chains), chains
    assert not [c for c in chains if "**other**" in c], chains
    labels = [e.label for e in at.expander]
    assert f"meeting · {in_2} · next step" in labels, [x for x in labels if not x.startswith("More")]
    assert f"interview · {in_3} · next step" in labels, labels
    assert f"onsite / loop · {short_date(_days_ago(17), today)} · interest 5/5" in labels, labels
    assert not [label for label in labels if label.startswith("other")], labels
    # its notes' start on the card, and where the rest is: the row below, named as it is
    [notes] = [str(m.value) for m in at.markdown if str(m.value).startswith("**Notes after the")]
    assert notes.startswith("**Notes after the interview:** Walked"), notes
    assert notes.endswith(":gray[The rest is in the interview below.]"), notes
    [coming] = [str(m.value) for m in at.markdown if str(m.value).startswith("**Coming up:**")]
    assert f"Northwind Labs — meeting, {in_2} (in 2 days)" in coming, coming
    assert f"Hooli — interview, {in_3} (in 3 days)" in coming, coming
    assert "Umbrella — onsite / loop" in coming and "other" not in coming, coming
    picks = at.selectbox(key="interviews_prepare_for").options
    assert f"Hooli — interview, {in_3} (in 3 days)" in picks and not [p for p in picks if "other" in p], picks

    printed = coach_printed(tmp_path, "interviews")
    assert _row(printed, ids["nw_onboarding"]).split()[2:] == ["meeting", "booked"], printed
    assert _row(printed, hooli).split()[2:] == ["interview", "booked"], printed
    assert _row(printed, ids["nw_lunch"]).split()[2:4] == ["team", "lunch"], printed
    prepared = {
        n: coach_printed(tmp_path, "prepare", str(n)).splitlines()[0] for n in (ids["nw_onboarding"], hooli)
    }
    assert (
        f"— Northwind Labs, meeting on {long_date(today + timedelta(days=2))}:"
        in prepared[ids["nw_onboarding"]]
    )
    assert f"— Hooli, interview on {long_date(today + timedelta(days=3))}:" in prepared[hooli], prepared
    # what the earlier stages showed, on the checklist of the stage after them: "Other, …" before
    onsite = unwrapped(coach_printed(tmp_path, "prepare", str(ids["um_onsite"])))
    assert f"Interview, {long_date(today - timedelta(days=1))}: interest 3/5." in onsite, onsite
    # `coach history` and `coach interview ID` name it as `coach interviews` does: they said
    # "Northwind Labs · interview" and "#N Northwind Labs: interview, …" beside its row's "meeting"
    history = coach_printed(tmp_path, "history")
    assert "Northwind Labs · meeting" in history and "Hooli · interview" in history, history
    detail = coach_printed(tmp_path, "interview", str(ids["nw_onboarding"]))
    assert f"#{ids['nw_onboarding']} Northwind Labs: meeting," in detail, detail
    assert f"#{hooli} Hooli: interview," in coach_printed(tmp_path, "interview", str(hooli))


def test_an_offer_declined_or_expired_says_so_where_it_read_stopped(db, tmp_path):
    """Northwind's offer declined, its card's badge and `coach interviews` read "stopped", where an
    offer accepted reads "offer accepted" and Globex "rejected". They read "offer declined" (or
    "offer expired"), in the fold of the processes that ended."""
    today = date.today()
    ids = _six_weeks(db, today)
    offer = _northwind_offer(db, ids, today)
    store.update_option(db, offer, status="declined")
    at = interviews_page().run()
    assert not at.exception
    badges = [str(m.value) for m in at.markdown if "-badge[" in str(m.value)]
    assert ":gray-badge[offer declined]" in badges and ":gray-badge[stopped]" not in badges, badges
    store.update_option(db, offer, status="expired")
    printed = coach_printed(tmp_path, "interviews")
    assert "Northwind Labs · Senior backend engineer  (offer expired)" in printed.splitlines(), printed


def test_the_terminal_says_the_days_in_its_sentences_as_the_coach_says_them(db, tmp_path):
    """`coach interviews` wrote "Next step: onsite / loop on 2026-12-10", "next booked: Umbrella on
    2026-12-10" and "deadline 2026-12-11" where `coach progress` says "Thu 10 Dec 2026" (and the
    page "Thu 10 Dec (in 4 days)"). Its sentences say the day so; the rows' date column stays ISO,
    as `coach history`'s."""
    today = date.today()
    ids = _six_weeks(db, today)
    _northwind_offer(db, ids, today)
    onsite, answer_by = long_date(today + timedelta(days=4)), long_date(today + timedelta(days=5))
    printed = unwrapped(coach_printed(tmp_path, "interviews"))
    assert f"Next step: onsite / loop on {onsite} " in printed, printed
    assert f"next booked: Umbrella on {onsite}." in printed, printed
    assert f" · deadline {answer_by} · " in printed, printed
    assert f"#{ids['um_onsite']} {(today + timedelta(days=4)).isoformat()} onsite / loop booked" in printed


def test_the_offer_card_shows_the_pay_mentioned_before_beside_its_compensation(db, tmp_path):
    """Northwind's recruiter screen noted "Pay or benefits mentioned: range 150-170k base"; its
    offer's card on Offers and options showed the offer's 165k and nothing of that range, to be
    found only inside the screen's debrief. Under its compensation it says what was mentioned,
    after which stage, and so does the offer in `coach interviews`."""
    today = date.today()
    ids = _six_weeks(db, today)
    store.add_debrief(db, ids["nw_screen"], interest=3, pay_mentioned="range 150-170k base")
    _northwind_offer(db, ids, today)
    at = interviews_page().run()
    assert not at.exception
    said = "Pay mentioned after the recruiter screen: range 150-170k base"
    [card] = [m.value for m in at.markdown if m.value.startswith("**Compensation**  \n165k")]
    offered = escape("165k base + 10% bonus")
    assert card.startswith(f"**Compensation**  \n{offered}  \n:gray[{escape(said)}]\n\n"), card
    printed = coach_printed(tmp_path, "interviews")
    assert f"      {said}" in printed.splitlines(), printed


def test_the_options_compared_keep_their_facts_in_line_across_the_row(db):
    """Northwind's offer has a deadline, the BATNA none: "Answer by" was on the offer's card alone,
    so its "Your interest", "Scope, team, growth" and "Red flags" sat lower than the BATNA's beside
    it (and further still under a compensation on two lines). The BATNA's card keeps the place
    blank, each card gives its facts as as many paragraphs, and the row is laid on one grid; on a
    phone, the cards stacked, the blank place is hidden."""
    today = date.today()
    ids = _six_weeks(db, today)
    offer = _northwind_offer(db, ids, today)
    batna = store.add_option(db, kind="batna", company="current job", compensation="140k base")
    at = interviews_page().run()
    assert not at.exception
    cards = [m.value for m in at.markdown if m.value.startswith("**Compensation**")]
    assert len(cards) == 2, cards
    assert [c.count("\n\n") for c in cards] == [4, 4], cards  # five facts' places on each
    assert ["**Answer by**" in c for c in cards] == [True, False], cards  # no "no deadline" said
    [grid] = [h.value for h in at.get("html") if "subgrid" in h.value]
    assert "grid-row: span 7" in grid, grid  # the badges, the name, the five facts
    # stacked on a phone the blank place lines nothing up: a gap between Compensation and Your
    # interest on the BATNA's card at 390 px; hidden there, on its card alone
    phone = grid[grid.index("@media (max-width: 639.98px)") :]
    assert f".st-key-interviews_no_answer_by_{batna} " in phone and "display: none" in phone, grid
    assert f"no_answer_by_{offer}" not in grid, grid


def test_a_later_stage_is_prepared_from_what_the_stages_before_it_showed(db, tmp_path):
    """Umbrella's onsite, booked after a first round held four days ago with no debrief: its
    checklist (the Prepare tab and `coach prepare`) was the start of a process, "Ask for the job
    description, in writing." and "Ask what the process and time commitment are.", with no word
    that the first round had no debrief and so no interest. A later stage now asks for the debrief
    of the stages before and lists what they showed: questions asked, what could be better, skill
    gaps, Ada Wong met again. The first round keeps the start-of-process steps."""
    ids = _six_weeks(db, date.today())
    first_round = long_date(date.today() - timedelta(days=4))
    onsite = unwrapped(coach_printed(tmp_path, "prepare", str(ids["um_onsite"])))
    # its day as `coach interviews` says it: "on 2026-12-10" it read
    assert f"Umbrella, onsite / loop on {long_date(date.today() + timedelta(days=4))}: " in onsite, onsite
    assert "Ask for the job description" not in onsite and "Ask what the process" not in onsite, onsite
    assert (
        f"1. [ ] Write the debrief of each stage before this one. (not yet: the first round, {first_round}, "
        "has no debrief yet, so no interest given either)" in onsite
    ), onsite
    assert f"First round, {first_round}: no debrief yet" in onsite, onsite
    assert "Meeting again: Ada Wong (met at the first round)." in onsite, onsite
    assert "Ask for the job description" in coach_printed(tmp_path, "prepare", str(ids["um_first"]))

    at = interviews_page().run()
    assert not at.exception
    labels = [c.label for c in at.checkbox if c.key and c.key.endswith(f"_{ids['um_onsite']}_debrief-before")]
    assert labels == ["Write the debrief of each stage before this one."], [c.label for c in at.checkbox]
    shown = [c.label for c in at.checkbox if c.key and f"_{ids['um_onsite']}_" in c.key]
    assert "Ask for the job description, in writing." not in shown, shown
    said = [c.value for c in at.caption if "Not yet:" in c.value]
    assert said == [
        "What they asked, what went badly, the skill gaps it showed and your interest after it are what "
        f"this stage builds on. Not yet: the first round, {short_date(_days_ago(4), date.today())}, "
        "has no debrief yet, so no interest given either; write it under its stage on the Pipeline tab."
    ], said

    # debriefed: done by itself, and what it noted is there to go over
    store.add_debrief(
        db,
        ids["um_first"],
        interest=4,
        could_be_better="Rambled on the caching question",
        skill_gaps="system design",
        notes="Questions they asked:\n- How would you shard the orders table?",
    )
    onsite = unwrapped(coach_printed(tmp_path, "prepare", str(ids["um_onsite"])))
    assert "1. [x] Write the debrief of each stage before this one. 2. [ ]" in onsite, onsite
    assert (
        f"First round, {first_round}: interest 4/5; they asked: How would you shard the orders table?; "
        "could be better: Rambled on the caching question; skill gaps: system design; met: Ada Wong."
        in onsite
    ), onsite


def test_a_skill_gap_named_in_other_words_is_said_as_each_debrief_wrote_it(db, tmp_path):
    """Northwind's first round named "system design" and Globex's technical "kubernetes, distributed
    consensus": `coach progress` and the Progress page said "system design (2×)", read as system
    design named twice, though the second debrief never wrote it ("distributed consensus" is
    practised by system design questions). The two debriefs are still counted, each in its own
    words; a gap named in the skill's own words reads as before."""
    ids = _six_weeks(db, date.today())
    for name, gaps in (("nw_first", "system design"), ("gx_tech", "kubernetes, distributed consensus")):
        [written] = store.list_debriefs(db, interview_id=ids[name])
        store.update_debrief(db, written["id"], skill_gaps=gaps)
    named = "system design (2×; you wrote “system design” and “distributed consensus”)"
    printed = unwrapped(coach_printed(tmp_path, "progress"))
    assert f"Skill gaps from your debriefs: {named}." in printed, printed
    shown = markdown_text(page("progress").run()).replace("\\", "")  # the page escapes its markdown
    assert f"Skill gaps from your debriefs: {named}." in shown, shown


def test_practice_and_the_mock_name_a_skill_gap_as_each_debrief_wrote_it(db, tmp_path):
    """Progress said 'system design (2×; you wrote "system design" and "distributed consensus")',
    and Practice's caption above the questions picked for it "From your debriefs: system design.",
    as did the mock interview's reason for asking one (and its sentence when the round has none):
    the debriefs' own words were left out. They now say it as Progress does."""
    from coach.config import load_settings
    from coach.mock.session import plan_for

    ids = _six_weeks(db, date.today())
    for name, gaps in (("nw_first", "system design"), ("gx_tech", "kubernetes, distributed consensus")):
        [written] = store.list_debriefs(db, interview_id=ids[name])
        store.update_debrief(db, written["id"], skill_gaps=gaps)
    named = "system design (2×; you wrote “system design” and “distributed consensus”)"
    captions = [c.value.replace("\\", "") for c in page("practice").run().caption]
    assert f"From your debriefs: {named}." in captions, captions
    settings = load_settings(tmp_path)
    role = plan_for(db, settings, format="role", role="software-engineer", n=3)
    assert role.reason == f"From your debriefs: {named}.", role.reason
    behavioural = plan_for(db, settings, n=4)  # no story practises system design
    assert behavioural.reason.startswith(f"Your debriefs name {named}, but no question"), behavioural.reason


def test_a_later_stage_is_given_questions_to_ask_that_fit_it(db):
    """The onsite's "Questions to ask them" were the first call's: "What does the whole process look
    like from here, stage by stage?", "How much time will the process take from me…?" and "Can I
    have the written job description…?", all asked at the first stage. A later stage leaves them out
    and opens with what the decision and the job hang on; a first stage keeps them."""
    ids = _six_weeks(db, date.today())
    screen = store.add_interview(
        db, company="Hooli", role="", stage="recruiter screen", interview_date=_days_ago(-2)
    )
    first_call = (
        "What does the whole process look like from here, stage by stage?",
        "How much time will the process take from me, including any take-home work?",
        "Can I have the written job description for the role you have in mind for me?",
    )

    def asked(at) -> list[str]:
        heading = next(n for n, m in enumerate(at.markdown) if "Questions to ask them" in str(m.value))
        shown = [str(m.value) for m in at.markdown[heading + 1 :]]
        return [item[2:].split(" :gray[")[0].replace("\\", "") for item in shown if item[:2] == "- "]

    at = interviews_page().run()
    assert at.selectbox(key="interviews_prepare_for").value == screen
    assert all(question in asked(at) for question in first_call[:2]), asked(at)
    at.selectbox(key="interviews_prepare_for").select(ids["um_onsite"]).run()
    onsite = asked(at)
    assert not any(question in onsite for question in first_call), onsite
    assert (
        onsite[0] == "Is there anything in my background that makes you hesitant about me for this role?"
    ), onsite
    assert "What is the salary band and total compensation range for this role?" in onsite, onsite


# What Umbrella's first round asked, as its debrief lists them: the first is the bank's "Tell me about
# a time you failed." in other words, the second none of the bank's, the third the first again
UMBRELLA_ASKED = (
    "Questions they asked:\n- Tell me about a time you failed\n- How would you shard the orders table?\n"
    "- tell me about a time you failed."
)


def _umbrella_asked(db, ids: dict[str, int]) -> None:
    """Umbrella's first round debriefed with what it asked; Northwind's first round asked another
    company's question, which is no question for Umbrella's onsite."""
    store.add_debrief(db, ids["um_first"], interest=4, notes=UMBRELLA_ASKED)
    [northwind] = store.list_debriefs(db, interview_id=ids["nw_first"])
    store.update_debrief(
        db,
        northwind["id"],
        notes="Questions they asked:\n- Describe a time you disagreed with your manager's decision.",
    )


def test_practice_for_a_later_stage_offers_what_the_earlier_stage_asked_first(db):
    """Preparing for Umbrella's onsite on the Practice page, the recommendations came from the
    description, the gaps and the weak areas only: "Tell me about a time you failed", asked at
    Umbrella's first round four days ago, was not offered. The questions that stage asked now come
    first, each once, each saying where it was asked; one matching no question of the bank is
    offered as asked and practised as a question of your own; one practised for this interview
    already still shows, said to be."""
    ids = _six_weeks(db, date.today())
    _umbrella_asked(db, ids)
    at = page("practice").run()
    assert not at.exception
    assert at.session_state["practice_interview_id"] == ids["um_onsite"]
    offered = [b.key for b in at.button if b.key and b.key.startswith(("practice_rec_", "practice_asked_"))]
    assert offered[:2] == ["practice_rec_beh-fail-01", "practice_asked_1"], offered
    first_round = short_date(_days_ago(4), date.today())
    shown = [str(m.value).replace("\\", "") for m in at.markdown]  # the page escapes its markdown
    rows = [row for row in shown if "Asked at the first round" in row]
    assert [row.split("  \n")[0] for row in rows] == [
        "**Tell me about a time you failed.**",
        "**How would you shard the orders table?**",
    ], rows  # not Northwind's "Describe a time you disagreed with your manager's decision."
    assert all(f"Asked at the first round, {first_round}" in row for row in rows), rows
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "What Umbrella asked at its first round: practise these first." in captions, captions
    assert not any("practised" in row for row in rows), rows

    _failed_question_practised_for_the_onsite(db, ids)
    at = page("practice").run()
    offered = [b.key for b in at.button if b.key and b.key.startswith(("practice_rec_", "practice_asked_"))]
    assert offered[:2] == ["practice_rec_beh-fail-01", "practice_asked_1"], offered  # still there
    shown = [str(m.value).replace("\\", "") for m in at.markdown]
    [failed] = [row for row in shown if row.startswith("**Tell me about a time you failed.**")]
    assert f"Asked at the first round, {first_round}; practised for this interview" in failed, failed

    at.button(key="practice_asked_1").click().run()
    assert not at.exception and not at.error
    assert "## How would you shard the orders table?" in [str(m.value) for m in at.markdown], "not chosen"


def test_the_mock_and_the_terminal_prepare_a_later_stage_with_what_the_earlier_asked(db, tmp_path):
    """A mock interview for Umbrella's onsite asked nothing its first round asked, and `coach
    prepare` listed those questions only inside the first round's line. The mock now asks the bank
    question that stage asked, saying why; `coach prepare` lists them to practise, as Practice does."""
    from coach.config import load_settings
    from coach.mock.session import plan_for

    ids = _six_weeks(db, date.today())
    _umbrella_asked(db, ids)
    plan = plan_for(db, load_settings(tmp_path), n=4, interview_id=ids["um_onsite"])
    assert "beh-fail-01" in [q.id for q in plan.questions], [q.text for q in plan.questions]
    first_round = long_date(date.today() - timedelta(days=4))
    assert plan.reason.startswith(
        f"“Tell me about a time you failed.” was asked at the first round, {first_round}."
    ), plan.reason

    lines = coach_printed(tmp_path, "prepare", str(ids["um_onsite"]))
    printed = unwrapped(lines)
    assert (
        "Asked at the earlier stages, to practise first: [beh-fail-01] Tell me about a time you failed. "
        f"(asked at the first round, {first_round}) “How would you shard the orders table?” "
        f"(asked at the first round, {first_round}; to practise it, add it: `coach add-question" in printed
    ), printed
    # each question once under "they asked" (the same one in lower case with a full stop was listed too)
    assert "they asked: Tell me about a time you failed / How would you shard the orders table?;" in printed
    # the command whole on one line, to copy (it wrapped at its spaces over three lines)
    command = "`coach add-question 'How would you shard the orders table?'`"
    assert any(command in line for line in lines.splitlines()), lines


def test_the_mock_says_why_of_the_question_asked_before_and_of_the_others_apart(db, tmp_path):
    """A mock for Umbrella's onsite with no weak area to steer to read "“Tell me about a time you
    failed.” was asked at the first round, …. No practice score or debrief points to a weak area yet,
    so these are common questions for a behavioural round…": "these" took in the question the
    company asked. The rest are now "the others"; with none besides it (the opener, it, the closer),
    only why it was asked; and a round ended after the opener gives no reason, as before."""
    from coach.config import load_settings
    from coach.mock.session import plan_for

    ids = _six_weeks(db, date.today())
    _umbrella_asked(db, ids)
    asked = f"“Tell me about a time you failed.” was asked at the first round, {long_date(_days_ago(4))}."
    plan = plan_for(db, load_settings(tmp_path), n=4, interview_id=ids["um_onsite"])
    assert plan.reason == (
        f"{asked} The others are common questions for a behavioural round: no practice score or debrief "
        "points to a weak area yet."
    ), plan.reason
    opener, failed = plan.questions[:2]
    assert plan.reason_for({opener.id}) is None  # ended after "Tell me about yourself"
    assert plan.reason_for({opener.id, failed.id}) == asked  # no other question was asked
    assert plan.reason_for({q.id for q in plan.questions}) == plan.reason

    three = plan_for(db, load_settings(tmp_path), n=3, interview_id=ids["um_onsite"])
    assert [q.id for q in three.questions][1] == "beh-fail-01", three.questions
    assert three.reason == asked, three.reason


def test_next_question_after_a_question_asked_before_is_the_next_one_listed(db):
    """Preparing for Umbrella's onsite, Practice lists "Tell me about a time you failed." then "How
    would you shard the orders table?" (asked at the first round, none of your questions). After
    answering the first, "Next question" went through your questions only and skipped the second,
    to the questions below it. It brings the next one listed, kept among your questions as its
    Answer button keeps it; after that one, the questions below (the first is practised already)."""
    ids = _six_weeks(db, date.today())
    _umbrella_asked(db, ids)
    at = page("practice").run()
    at.button(key="practice_rec_beh-fail-01").click().run()
    _failed_question_practised_for_the_onsite(db, ids)
    at.text_area(key="practice_typed_text").input("I shipped a migration that failed and I learned a lot.")
    at.button(key="practice_typed_analyse").click().run()
    at.button(key="practice_next").click().run()
    assert not at.exception and not at.error
    headings = [str(m.value) for m in at.markdown if str(m.value).startswith("## ")]
    assert "## How would you shard the orders table?" in headings, headings
    shard = at.session_state["practice_question_id"]

    at.text_area(key="practice_typed_text").input("By customer id, with a lookup table for the hot ones.")
    at.button(key="practice_typed_analyse").click().run()
    at.button(key="practice_next").click().run()
    assert not at.exception and not at.error
    listed = [b.key for b in at.button if b.key and b.key.startswith(("practice_rec_", "practice_asked_"))]
    assert listed[:2] == ["practice_rec_beh-fail-01", f"practice_rec_{shard}"], listed
    assert at.session_state["practice_question_id"] == listed[2].removeprefix("practice_rec_"), listed


def test_a_long_debrief_of_an_earlier_stage_is_cut_where_the_later_stage_is_prepared(db, tmp_path):
    """Umbrella's first round debriefed at length: the onsite's Prepare tab and `coach prepare`
    printed its "could be better" and "skill gaps" whole under "Go over what the earlier stages
    showed.", thousands of characters filling the tab. Each is cut to its start, as the pipeline's
    card cuts notes, saying where the rest is; a short one reads as before."""
    ids = _six_weeks(db, date.today())
    rambled = "Rambled on the caching question and lost the thread of the story. " * 40
    gaps = "\n".join(f"- gap {n}: distributed consensus under partitions" for n in range(60))
    store.add_debrief(db, ids["um_first"], interest=4, could_be_better=rambled, skill_gaps=gaps)
    printed = unwrapped(coach_printed(tmp_path, "prepare", str(ids["um_onsite"])))
    first = printed[printed.index("First round, ") : printed.index("Meeting again")]
    rest = f" (the rest is in coach interview {ids['um_first']})"
    assert "could be better: Rambled on the caching question" in first, first
    assert f"…{rest}; skill gaps: gap 0: distributed consensus under partitions / gap 1:" in first, first
    assert first.count(rest) == 2 and len(first) < 600, first
    assert "gap 59" not in printed and printed.count("Rambled") < 5, printed

    at = interviews_page().run()
    assert not at.exception
    [shown] = [str(m.value) for m in at.markdown if str(m.value).startswith("- First round, ")]
    assert shown.count("the rest is in its debrief on the Pipeline tab") == 2, shown
    assert len(shown) < 700 and "gap 59" not in shown, shown


def test_the_questions_an_earlier_stage_asked_are_cut_where_the_later_stage_is_prepared(db, tmp_path):
    """Umbrella's first round debriefed with the forty questions it asked: the onsite's Prepare tab
    and `coach prepare` printed "they asked: …" with every one of them, though the could-be-better
    and the gaps beside it are cut to their start. The list is cut the same way, saying where the
    rest is; two questions read as before."""
    ids = _six_weeks(db, date.today())
    asked = "\n".join(f"- How would you shard table number {n} of the orders service?" for n in range(40))
    store.add_debrief(db, ids["um_first"], interest=4, notes=f"Questions they asked:\n{asked}")
    printed = unwrapped(coach_printed(tmp_path, "prepare", str(ids["um_onsite"])))
    first = printed[printed.index("First round, ") : printed.index("Meeting again")]
    assert "they asked: How would you shard table number 0 of the orders service? / How" in first, first
    assert f"(the rest is in coach interview {ids['um_first']})" in first, first
    assert "table number 39" not in first and len(first) < 700, first

    at = interviews_page().run()
    assert not at.exception
    [shown] = [str(m.value) for m in at.markdown if str(m.value).startswith("- First round, ")]
    assert "the rest is in its debrief on the Pipeline tab" in shown, shown
    assert "table number 39" not in shown and len(shown) < 700, shown


def test_a_first_answer_for_a_later_stage_is_suggested_from_what_the_earlier_asked(db):
    """Someone with no answer yet, preparing for Umbrella's onsite: the first-run box's "Answer your
    first question" brought the starter question, above a list saying "What Umbrella asked at its
    first round: practise these first." It brings the first question that round asked; when that one
    is none of yours, it is kept among your questions, as its Answer button keeps it. With nothing
    asked before, the starter question as before."""
    ids = _six_weeks(db, date.today())
    starter = page("practice").run()
    starter.button(key="practice_first_question").click().run()
    assert starter.session_state["practice_question_id"] != "beh-fail-01"

    _umbrella_asked(db, ids)
    at = page("practice").run()
    assert at.session_state["practice_interview_id"] == ids["um_onsite"]
    at.button(key="practice_first_question").click().run()
    assert not at.exception and not at.error
    assert at.session_state["practice_question_id"] == "beh-fail-01"

    [written] = store.list_debriefs(db, interview_id=ids["um_first"])
    store.update_debrief(
        db, written["id"], notes="Questions they asked:\n- How would you shard the orders table?"
    )
    at = page("practice").run()
    at.button(key="practice_first_question").click().run()
    assert not at.exception and not at.error
    assert "## How would you shard the orders table?" in [str(m.value) for m in at.markdown]


def test_a_first_answer_is_suggested_from_the_debriefs_gaps_and_the_job_description(db):
    """Someone with no answer yet, a debrief naming "system design": "Answer your first question"
    brought the starter set's first ("Why should we hire you?"), while the list under it opened with
    a system design question, and "Next question" follows that list once there are answers. It
    brings the first question listed; with Umbrella's onsite's job description pasted, the first
    picked for what it asks."""
    from coach import banks

    ids = _six_weeks(db, date.today())
    [written] = store.list_debriefs(db, interview_id=ids["nw_first"])
    store.update_debrief(db, written["id"], skill_gaps="system design")

    def first_and_listed() -> tuple[str, list[str]]:
        at = page("practice").run()
        listed = [
            b.key.removeprefix("practice_rec_")
            for b in at.button
            if (b.key or "").startswith("practice_rec_")
        ]
        at.button(key="practice_first_question").click().run()
        assert not at.exception and not at.error
        return at.session_state["practice_question_id"], listed

    first, listed = first_and_listed()
    assert first == listed[0], (first, listed)
    assert "system-design" in banks.get_question(first).competencies, first

    description = "You will negotiate contracts with vendors and handle tough negotiations on pricing."
    store.update_interview(db, ids["um_onsite"], job_description=description)
    first, listed = first_and_listed()
    assert first == listed[0], (first, listed)
    assert "negotiation" in banks.get_question(first).competencies, first


def test_the_mock_asks_what_an_earlier_stage_asked_that_is_none_of_yours(db, tmp_path):
    """Umbrella's first round asked "How would you shard the orders table?", which matches no
    question of the banks or yours: Practice offered it as asked, but a mock interview for the onsite
    never asked it (it asked only questions it held), though it is what the company asks. It is
    asked, saying where it was asked, and answering it keeps it among your questions with the answer
    filed under it for the onsite, as answering it on Practice does."""
    import app_support
    import soundfile

    from coach import banks
    from coach.config import load_settings
    from coach.mock.session import MockSession, plan_for

    ids = _six_weeks(db, date.today())
    shard = "How would you shard the orders table?"
    store.add_debrief(db, ids["um_first"], interest=4, notes=f"Questions they asked:\n- {shard}")
    settings = load_settings(tmp_path)
    plan = plan_for(db, settings, n=3, interview_id=ids["um_onsite"])
    assert [q.text for q in plan.questions][1] == shard, [q.text for q in plan.questions]
    asked = f"“{shard}” was asked at the first round, {long_date(_days_ago(4))}."
    assert plan.reason == asked, plan.reason
    assert not [q for q in banks.load_questions(tmp_path) if q.text == shard]  # not kept by planning

    mock = MockSession(settings, plan)
    mock.skip()  # the opener
    samples, rate = soundfile.read(app_support.DATA / "mock" / "01-opener.wav")
    soundfile.write(tmp_path / "short.wav", samples[: 5 * rate], rate)
    mock.answer(tmp_path / "short.wav")
    [kept] = [q for q in banks.load_questions(tmp_path) if q.text == shard]
    assert kept.source == "real interview", kept
    [answer] = store.list_attempts(db)
    assert (answer["question_id"], answer["interview_id"]) == (kept.id, ids["um_onsite"]), answer
    summary = mock.finish(db)
    assert summary["why_these_questions"] == asked, summary["why_these_questions"]
    from coach.store.mock_sessions import list_mock_sessions

    [session] = list_mock_sessions(db, with_turns=True)
    assert [t["question_id"] for t in session["turns"]] == [kept.id], session["turns"]


def test_a_skipped_question_an_earlier_stage_asked_is_named_by_its_words_not_an_id(db, tmp_path):
    """Skipping the question Umbrella's first round asked, which matches none of yours, keeps
    nothing (a skip is no answer), and `coach mock --json` and the stored turns gave it the id
    "asked-how-would-you-shard-the-1", which no command can look up (so did the report kept with
    the interview): the turn names it by its words
    and says it is not among your questions."""
    import app_support
    import soundfile

    from coach import banks
    from coach.config import load_settings
    from coach.mock.session import MockSession, plan_for
    from coach.store.mock_sessions import list_mock_sessions

    ids = _six_weeks(db, date.today())
    shard = "How would you shard the orders table?"
    store.add_debrief(db, ids["um_first"], interest=4, notes=f"Questions they asked:\n- {shard}")
    settings = load_settings(tmp_path)
    mock = MockSession(settings, plan_for(db, settings, n=3, interview_id=ids["um_onsite"]))
    samples, rate = soundfile.read(app_support.DATA / "mock" / "01-opener.wav")
    soundfile.write(tmp_path / "short.wav", samples[: 5 * rate], rate)
    mock.answer(tmp_path / "short.wav")  # the opener: too short to measure, so no follow-up
    assert mock.skip().text == shard
    mock.finish(db)
    printed = mock.to_dict()
    [turn] = [t for t in printed["turns"] if t["text"] == shard]
    [row] = [r for r in printed["summary"]["questions"] if r["text"] == shard]
    for said in (turn, row):
        assert said["question_id"] is None and said["among_your_questions"] is False, said
    assert [t["among_your_questions"] for t in printed["turns"]] == [True, False, True], printed["turns"]
    [session] = list_mock_sessions(db)  # its report as kept: the question by its words too
    [kept_row] = [r for r in session["summary"]["questions"] if r["text"] == shard]
    assert kept_row["question_id"] is None, kept_row
    assert not [q for q in banks.load_questions(tmp_path) if q.text == shard]  # a skip keeps nothing
    assert printed["summary"]["why_these_questions"].startswith(f"“{shard}” was asked at the first round")


def test_skill_gaps_written_with_a_slash_are_read_as_several(db):
    """A debrief's gaps "negotiation / I could not explain system design trade-offs" were one gap:
    Progress and Practice said 'communication (1×; you wrote "negotiation / I could not explain
    system design trade-offs")'. A slash between words parts them as ";" and "," do; one inside a
    word ("CI/CD") does not."""
    from coach import banks
    from coach.progress import debrief_gaps, gap_named_words

    ids = _six_weeks(db, date.today())
    [written] = store.list_debriefs(db, interview_id=ids["nw_first"])
    gaps = "negotiation / I could not explain system design trade-offs"
    store.update_debrief(db, written["id"], skill_gaps=gaps)
    assert banks.skill_gap_pieces(gaps) == ["negotiation", "I could not explain system design trade-offs"]
    assert banks.skill_gap_pieces("CI/CD, Kafka") == ["CI/CD", "Kafka"]
    said = [gap_named_words(g) for g in debrief_gaps(store.list_debriefs(db), today=date.today())]
    assert not [s for s in said if "negotiation /" in s], said
    assert "communication (1×; you wrote “I could not explain system design trade-offs”)" in said, said


def _asked_on_the_prepare_tab(at) -> list[str]:
    """The questions to ask them the Prepare tab lists, as written."""
    heading = next(n for n, m in enumerate(at.markdown) if "Questions to ask them" in str(m.value))
    shown = [str(m.value) for m in at.markdown[heading + 1 :]]
    return [item[2:].split(" :gray[")[0].replace("\\", "") for item in shown if item[:2] == "- "]


def test_a_stage_after_the_offer_accepted_is_prepared_as_joining_not_deciding(db, tmp_path):
    """Northwind's offer accepted today, then its team match booked for the day after tomorrow: its
    checklist (the Prepare tab and `coach prepare`) still said "Decide what would make you move",
    "Gauge your interest at each checkpoint" and "Do not go to the offer stage without intent", and
    the questions to ask opened with the salary band, as if nothing were decided. It says the offer
    was accepted, asks what you want to know about the team and that the terms be in writing, and
    lists questions on the team and the job; the onsite before the offer keeps its checklist."""
    today = date.today()
    ids = _six_weeks(db, today)
    store.update_option(db, _northwind_offer(db, ids, today), status="accepted")
    match = _team_match_booked(db)
    deciding = (
        "Decide what would make you move.",
        "Gauge your interest at each checkpoint.",
        "Do not go to the offer stage without intent.",
    )
    joining = ("Write down what you want to know before you start.", "Have what was agreed in writing.")
    at = interviews_page().run()
    assert not at.exception
    assert at.selectbox(key="interviews_prepare_for").value == match  # the soonest
    shown = [c.label for c in at.checkbox if c.key and f"_{match}_" in c.key]
    assert not any(step in shown for step in deciding), shown
    assert all(step in shown for step in joining), shown
    said = f"You accepted the offer from Northwind Labs on {short_date(today.isoformat(), today)} (today): "
    assert any(i.value.startswith(escape(said)) for i in at.info), [i.value for i in at.info]
    asked = _asked_on_the_prepare_tab(at)
    assert "What is the salary band and total compensation range for this role?" not in asked, asked
    assert asked[0] == "What would a typical week look like in this role?", asked  # not "Is the role…"

    printed = unwrapped(coach_printed(tmp_path, "prepare", str(match)))
    assert f"You accepted the offer from Northwind Labs on {long_date(today)}: nothing is left" in printed
    assert not any(step in printed for step in deciding), printed
    assert "3. [ ] Write down what you want to know before you start. 4. [ ] Have what" in printed, printed
    onsite = unwrapped(coach_printed(tmp_path, "prepare", str(ids["nw_onsite"])))
    assert "Decide what would make you move." in onsite and "You accepted" not in onsite, onsite


def test_another_companys_stage_after_an_offer_accepted_says_you_may_withdraw(db, tmp_path):
    """Northwind's offer accepted, Umbrella's onsite was prepared on the Prepare tab and in `coach
    prepare` as if nothing had happened: not a word of the offer accepted, and the questions to ask
    still listed the salary band, "ask before the final rounds". One line before the steps says
    whose offer you accepted and that you may withdraw, as the Pipeline tab's note does, and the
    salary band is left out."""
    today = date.today()
    ids = _six_weeks(db, today)
    store.update_option(db, _northwind_offer(db, ids, today), status="accepted")
    said = (
        "You accepted the offer from Northwind Labs. If you will not go on with Umbrella, withdraw: "
        'tell them, and log "withdrew" as its last stage.'
    )
    at = interviews_page().run()
    assert not at.exception
    assert at.selectbox(key="interviews_prepare_for").value == ids["um_onsite"]
    assert escape(said) in [i.value for i in at.info], [i.value for i in at.info]
    asked = _asked_on_the_prepare_tab(at)
    assert "What is the salary band and total compensation range for this role?" not in asked, asked
    assert "Decide what would make you move." in [c.label for c in at.checkbox]  # still deciding there
    printed = unwrapped(coach_printed(tmp_path, "prepare", str(ids["um_onsite"])))
    assert f"{said} 1. [ ] Write the debrief" in printed, printed


def test_a_stage_after_the_offer_accepted_has_nothing_to_rehearse_nor_decide(db, tmp_path):
    """Northwind's team match, after its offer was accepted, was still prepared as an interview to
    pass: the Prepare tab's intro said "… know before you start what would make you move", its
    "Practised for it: nothing yet. Answers on Practice and mock interviews prepared for it count."
    stood over a checklist with no rehearsal step for them to tick, "What is the biggest challenge
    the team faces right now?" was to give "a problem to talk about in later rounds", and `coach
    prepare` and the Practice page offered what its first round asked, "to practise first". None of
    that is said of it now; Umbrella's onsite, still an interview, keeps them."""
    today = date.today()
    ids = _six_weeks(db, today)
    _umbrella_asked(db, ids)  # Northwind's first round asked a question too
    store.update_option(db, _northwind_offer(db, ids, today), status="accepted")
    match = _team_match_booked(db)
    at = interviews_page().run()
    assert not at.exception
    assert at.selectbox(key="interviews_prepare_for").value == match
    shown = markdown_text(at)
    assert "make you move" not in shown, shown
    intro = "After you accept an offer, a meeting with that company is no interview to practise for: "
    assert f"## Before a real interview\n{escape(intro)}" in shown, shown
    assert not [c.value for c in at.caption if c.value.startswith("Practised for it")]
    [challenge] = [line for line in shown.splitlines() if "biggest challenge the team faces" in line]
    assert "later rounds" not in challenge and "walk into" in challenge, challenge
    printed = unwrapped(coach_printed(tmp_path, "prepare", str(match)))
    assert "Asked at the earlier stages" not in printed and "to practise first" not in printed, printed
    assert "Practised for it" not in printed, printed

    practice = page("practice")
    practice.session_state["practice_interview_id"] = match
    practice.run()
    assert not practice.exception
    assert not [c.value for c in practice.caption if "practise these first" in c.value]
    assert not [m.value for m in practice.markdown if "Asked at the first round" in str(m.value)]

    # Umbrella's onsite is an interview still: what would make you move, what was asked, practice
    at.selectbox(key="interviews_prepare_for").set_value(ids["um_onsite"]).run()
    shown = markdown_text(at)
    assert escape("know before you start what would make you move.") in shown, shown
    assert [c.value for c in at.caption if c.value.startswith("Practised for it")]
    onsite = unwrapped(coach_printed(tmp_path, "prepare", str(ids["um_onsite"])))
    assert "Asked at the earlier stages, to practise first" in onsite and "Practised for it" in onsite, onsite


def test_practice_and_the_mock_prepare_for_the_next_interview_not_the_team_match_after_accepting(db):
    """With Northwind's offer accepted and its team match in two days, Practice and the mock interview
    chose the team match to prepare for (the soonest meeting ahead): "Your interview at Northwind Labs
    has no job description yet…" and recommendations for it, though it is no interview to practise
    for. They choose Umbrella's onsite, the next interview; the team match can still be picked."""
    today = date.today()
    ids = _six_weeks(db, today)
    store.update_option(db, _northwind_offer(db, ids, today), status="accepted")
    match = _team_match_booked(db)
    practice = page("practice").run()
    assert not practice.exception
    assert practice.session_state["practice_interview_id"] == ids["um_onsite"]
    mock = page("mock").run()
    assert not mock.exception
    assert mock.session_state["mock_interview"] == ids["um_onsite"]
    from coach.job_description import interview_asks, interviews_to_prepare
    from coach.pipeline import joining_stages

    assert match in [i["id"] for i in interviews_to_prepare(store.list_interviews(db), today)]
    # with no interview chosen, the recommendations follow the soonest interview's job description,
    # not the team match's (Northwind's posting, pasted at its first round, steered them)
    posting = "You will own system design reviews. Strong system design and distributed systems skills."
    store.update_interview(db, ids["nw_first"], job_description=posting)
    asks = interview_asks(store.list_interviews(db), today, leave_out=joining_stages(db, today))
    assert asks is None or asks.company != "Northwind Labs", asks


def test_coach_prepare_json_holds_the_line_said_first_after_an_offer_accepted(db, tmp_path):
    """`coach prepare N` and the Prepare tab say first "You accepted the offer from Northwind Labs
    on …: nothing is left to decide at this stage. …" (or, at another company, that you may
    withdraw), but `--json` held no field for it: only each step's "accepted" key (whether the step
    is for a stage after the offer), which a script could read as if it said so. It holds
    "offer_accepted": whose, whether this stage comes after it, the day, and the words said; null
    with none accepted."""
    import json

    today = date.today()
    ids = _six_weeks(db, today)
    offer = _northwind_offer(db, ids, today)
    before = json.loads(coach_printed(tmp_path, "prepare", str(ids["um_onsite"]), "--json"))
    assert before["offer_accepted"] is None, before
    store.update_option(db, offer, status="accepted")
    match = _team_match_booked(db)
    for interview_id, here in ((match, True), (ids["um_onsite"], False)):
        data = json.loads(coach_printed(tmp_path, "prepare", str(interview_id), "--json"))
        printed = unwrapped(coach_printed(tmp_path, "prepare", str(interview_id)))
        said = data["offer_accepted"]
        assert {k: said[k] for k in ("company", "after_it", "on")} == {
            "company": "Northwind Labs",
            "after_it": here,
            "on": today.isoformat() if here else None,
        }, said
        assert (
            said["said"].startswith("You accepted the offer from Northwind Labs") and said["said"] in printed
        )
