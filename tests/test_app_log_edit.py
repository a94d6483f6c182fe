"""Editing and deleting in the interview log: interviews, people met, offers and options, debriefs."""

from __future__ import annotations

from datetime import date

from app_support import in_form, interviews_page, markdown_text, page
from store_support import backend_fixture, db_fixture, logged_interview, record  # noqa: F401

from coach import store
from coach.ui.highlight import escape
from coach.ui.log_labels import short_date

# The date of logged_interview's first round as its card shows it: "Mon 2 Mar" (with its year in another year)
FIRST_ROUND = short_date("2026-03-02", date.today())


def test_editing_an_interview_changes_the_log(db):
    interview_id = logged_interview(db)
    at = interviews_page().run()
    assert not at.exception
    form = f"interviews_edit_{interview_id}"
    at.text_input(key=f"interviews_edit_company_{interview_id}").input("Acme <b>Robotics</b> GmbH")
    in_form(at.selectbox, form)[0].set_value("technical")  # stage
    in_form(at.date_input, form)[0].set_value(date(2026, 3, 9))
    at.text_area(key=f"interviews_edit_notes_{interview_id}").input("Panel of three.")
    in_form(at.button, form)[0].click().run()
    assert not at.exception and not at.error
    typed = escape("Acme <b>Robotics</b> GmbH")
    assert [s.value for s in at.success] == [f"Saved {typed} (technical, Mon 9 Mar 2026)."]
    [saved] = store.list_interviews(db)
    assert (saved["company"], saved["stage"], saved["interview_date"], saved["notes"]) == (
        "Acme <b>Robotics</b> GmbH",
        "technical",
        "2026-03-09",
        "Panel of three.",
    )
    assert saved["role"] == "Staff engineer"  # untouched fields stay
    assert f"## {typed} · Staff engineer" in markdown_text(at)  # shown as typed, not as markup
    assert any(e.label.startswith("technical · Mon 9 Mar") for e in at.expander)  # 2026-03-09
    assert escape("Panel of three.") in markdown_text(at)


def test_a_closed_stage_draws_no_forms_and_an_opened_one_stays_open_when_a_save_renames_it(db):
    """After a year of use every stage drew its edit and debrief forms in its closed expander, 20 s
    of each run of the page: a stage draws them once opened, and stays open after its own save."""
    interview_id = logged_interview(db)
    at = page("interviews").run()  # as it first opens: every stage closed

    def stage(name: str):
        [entry] = [e for e in at.expander if e.label.startswith(f"{name} · ")]
        return entry

    assert not at.exception and not stage("first round").text_area and not stage("first round").tabs
    at.session_state[f"interviews_stage_{interview_id}"] = True  # the user opens it
    at.run()
    opened = stage("first round")
    tabs = ["Write the debrief", "Edit the interview", "Add a person", "Delete"]
    assert [t.label for t in opened.tabs] == tabs
    assert {"Notes", "Job description"} <= {t.label for t in opened.text_area}
    form = f"interviews_edit_{interview_id}"
    in_form(at.selectbox, form)[0].set_value("technical")  # its stage: the expander's label changes
    in_form(at.button, form)[0].click().run()
    assert not at.exception and at.success[0].value.startswith("Saved Acme Robotics (technical,")
    assert {"Notes", "Job description"} <= {t.label for t in stage("technical").text_area}


def test_an_interview_keeps_its_company_name(db):
    interview_id = logged_interview(db)
    at = interviews_page().run()
    at.text_input(key=f"interviews_edit_company_{interview_id}").input("   ")
    in_form(at.button, f"interviews_edit_{interview_id}")[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "An interview needs the company's name; type it back in and save again."
    ]
    assert store.list_interviews(db)[0]["company"] == "Acme Robotics"


def test_people_met_can_be_added_and_removed(db):
    interview_id = logged_interview(db)
    [dana] = store.get_interview(db, interview_id)["people"]
    at = interviews_page().run()
    at.text_input(key=f"interviews_person_{interview_id}_line").input("Sam Lee — recruiter — ex-Stripe")
    in_form(at.button, f"interviews_person_{interview_id}")[0].click().run()
    assert not at.exception and [s.value for s in at.success] == ["Added Sam Lee."]
    assert escape("Sam Lee — recruiter (ex-Stripe)") in markdown_text(at)
    at.button(key=f"interviews_person_del_{dana['id']}").click().run()
    assert not at.exception and [s.value for s in at.success] == ["Removed Dana Ortiz."]
    people = store.get_interview(db, interview_id)["people"]
    assert [(p["name"], p["title"], p["notes"]) for p in people] == [("Sam Lee", "recruiter", "ex-Stripe")]
    assert "Dana Ortiz" not in markdown_text(at)


def test_a_name_in_quotes_keeps_the_dash_inside_it(db):
    """ "“Anne-Marie — Annie” Smith — recruiter" in the Add person form kept someone named
    "“Anne-Marie" with the title "Annie” Smith" and the note "recruiter": the line read back as
    typed, and the Edit form's Title box held half her name. A dash inside quotes is her name's."""
    interview_id = logged_interview(db, people=[])
    at = interviews_page().run()
    line = "“Anne-Marie — Annie” Smith — recruiter"
    at.text_input(key=f"interviews_person_{interview_id}_line").input(line)
    in_form(at.button, f"interviews_person_{interview_id}")[0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"Added {escape('“Anne-Marie — Annie” Smith')}."]
    [anne] = store.get_interview(db, interview_id)["people"]
    assert (anne["name"], anne["title"], anne["notes"]) == ("“Anne-Marie — Annie” Smith", "recruiter", "")
    assert escape(line) in markdown_text(at)
    assert [t.value for t in in_form(at.text_input, f"interviews_person_edit_{anne['id']}")] == ["recruiter"]

    # the whole name in quotes: the quotes only held it together
    [typed] = [t for t in at.text_input if t.label == "Name — title — note"]  # the form's next round
    typed.input('"Jean — Paul" — CTO')
    [b for b in at.button if b.label == "Add person"][0].click().run()
    assert not at.exception and [s.value for s in at.success] == [f"Added {escape('Jean — Paul')}."]
    names = [p["name"] for p in store.get_interview(db, interview_id)["people"]]
    assert names == ["“Anne-Marie — Annie” Smith", "Jean — Paul"]
    assert escape("“Jean — Paul” — CTO") in markdown_text(at)


def test_a_note_typed_in_the_debrief_for_someone_already_met_is_kept(db):
    """ "People met" in the debrief form: a line for Dana, whom the interview already has, was
    dropped with its note. The note now joins Dana's notes (no second Dana, the earlier note kept),
    a new name is added, and saving the same form again adds nothing twice."""
    interview_id = logged_interview(
        db, people=[{"name": "Dana Ortiz", "title": "hiring manager", "notes": "ex-Stripe"}]
    )
    at = interviews_page().run()
    key = f"interviews_debrief_{interview_id}"
    at.text_area(key=f"{key}_people_met").input(
        "dana ortiz — hiring manager — wants a design doc before the onsite\nSam Lee — recruiter"
    )
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    people = [(p["name"], p["title"], p["notes"]) for p in store.get_interview(db, interview_id)["people"]]
    assert people == [
        ("Dana Ortiz", "hiring manager", "ex-Stripe; wants a design doc before the onsite"),
        ("Sam Lee", "recruiter", ""),
    ]
    assert escape(
        "Dana Ortiz — hiring manager (ex-Stripe; wants a design doc before the onsite)"
    ) in markdown_text(at)
    [b for b in at.button if b.label == "Save debrief"][0].click().run()  # the debrief, saved again
    assert not at.exception and not at.error
    again = [(p["name"], p["title"], p["notes"]) for p in store.get_interview(db, interview_id)["people"]]
    assert again == people


def test_a_new_title_typed_in_the_debrief_for_someone_met_becomes_their_title(db):
    """ "Ana Lopez, VP Engineering" in the debrief's people met, for Ana Lopez kept as Engineering
    Manager: the card went on showing her as Engineering Manager, the new title in her notes. Her
    title is now VP Engineering and the old one stays in her notes, as `coach debrief` does."""
    interview_id = logged_interview(db, people=[{"name": "Ana Lopez", "title": "Engineering Manager"}])
    at = interviews_page().run()
    key = f"interviews_debrief_{interview_id}"
    at.text_area(key=f"{key}_people_met").input("Ana Lopez, VP Engineering")
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    people = [(p["name"], p["title"], p["notes"]) for p in store.get_interview(db, interview_id)["people"]]
    assert people == [("Ana Lopez", "VP Engineering", "earlier: Engineering Manager")]
    assert escape("Ana Lopez — VP Engineering (earlier: Engineering Manager)") in markdown_text(at)


def test_adding_someone_already_met_adds_to_their_notes(db):
    """The "Add person" form with a name the interview has: the note joins that person's notes
    (a title other than the one kept too), not a second Dana Ortiz."""
    interview_id = logged_interview(db)
    at = interviews_page().run()
    at.text_input(key=f"interviews_person_{interview_id}_line").input("Dana Ortiz — asked about on-call")
    in_form(at.button, f"interviews_person_{interview_id}")[0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Added what you typed to Dana Ortiz, already recorded."]
    people = store.get_interview(db, interview_id)["people"]
    assert [(p["name"], p["title"], p["notes"]) for p in people] == [
        ("Dana Ortiz", "hiring manager", "asked about on-call")
    ]


def test_someone_mets_title_and_notes_can_be_edited_as_kept_now(db):
    """People met could be added and removed but not changed: notes a debrief had grown could not
    be shortened anywhere. Each person now has an Edit form holding their title and notes as kept,
    notes a debrief added since the page opened among them."""
    interview_id = logged_interview(
        db, people=[{"name": "Dana Ortiz", "title": "hiring manager", "notes": "ex-Stripe"}]
    )
    [dana] = store.get_interview(db, interview_id)["people"]
    form = f"interviews_person_edit_{dana['id']}"
    at = interviews_page().run()
    assert [t.value for t in in_form(at.text_input, form)] == ["hiring manager"]
    key = f"interviews_debrief_{interview_id}"
    at.text_area(key=f"{key}_people_met").input("Dana Ortiz — wants a design doc before the onsite")
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [notes] = in_form(at.text_area, form)
    assert notes.value == "ex-Stripe; wants a design doc before the onsite"  # as kept now
    in_form(at.text_input, form)[0].input("engineering manager ")
    notes.input("Wants a design doc before the onsite.")
    in_form(at.button, form)[0].click().run()
    assert not at.exception and [s.value for s in at.success] == ["Saved Dana Ortiz."]
    [kept] = store.get_interview(db, interview_id)["people"]
    assert (kept["name"], kept["title"], kept["notes"]) == (
        "Dana Ortiz",
        "engineering manager",
        "Wants a design doc before the onsite.",
    )
    assert escape(
        "Dana Ortiz — engineering manager (Wants a design doc before the onsite.)"
    ) in markdown_text(at)
    in_form(at.button, form)[0].click().run()
    assert not at.exception and [s.value for s in at.success] == ["Nothing had changed."]


def _with_recording(db, company: str, pitch_hz: float):
    interview_id = logged_interview(db, company=company)
    saved = record(db.settings, pitch_hz, kind="interview")
    store.save_interview_recording(
        db,
        interview_id,
        recording=saved,
        transcript=None,
        answers=[],
        engine="faster-whisper",
        model="tiny.en",
    )
    return interview_id, saved.path


def test_an_interviews_audio_deleted_takes_the_words_kept_to_review_it_again(db):
    """The work a cohort's worker kept in the database to review a recording again (its words and
    voiceprints) goes with the recording's audio, as the work folder does."""
    from coach.store.review_work import keep_review_work, kept_review_work

    interview_id, _ = _with_recording(db, "Initech", 200)
    [kept] = store.get_interview(db, interview_id)["recordings"]
    keep_review_work(db, kept["id"], "a-work-folder", b"its words and voices")
    at = interviews_page().run()
    at.button(key=f"interviews_del_rec_{interview_id}").click().run()
    at.button(key=f"interviews_del_rec_{interview_id}_yes").click().run()
    assert not at.exception and len(at.success) == 1
    assert kept_review_work(db, kept["id"]) is None


def test_an_interviews_audio_or_all_of_it_can_be_deleted(db):
    audio_only, audio_only_file = _with_recording(db, "Initech", 200)
    everything, everything_file = _with_recording(db, "Globex", 300)
    keep_audio, kept_file = _with_recording(db, "Hooli", 400)
    at = interviews_page().run()
    # each delete looks as every other delete in the app does, a bin and its words: "Delete this
    # interview" was the page's primary (filled) button, and "Delete its recordings" deleted at one
    # click, where "Delete this debrief" and Practice's "Delete this answer" ask first
    for key in (f"interviews_del_rec_{audio_only}", f"interviews_del_{audio_only}"):
        look = at.button(key=key).proto
        assert (look.type, look.icon) == ("tertiary", ":material/delete:"), (key, look)
    at.button(key=f"interviews_del_rec_{audio_only}").click().run()  # asks first: nothing gone yet
    assert [w.value for w in at.warning] == [
        "Delete the 1 recording of the Initech interview? This cannot be undone."
    ]
    assert audio_only_file.exists()
    at.button(key=f"interviews_del_rec_{audio_only}_yes").click().run()
    assert not at.exception and [s.value for s in at.success] == [
        "Deleted 1 recording of the Initech interview; the rest is kept."
    ]
    assert not audio_only_file.exists() and len(store.list_interviews(db)) == 3
    at.button(key=f"interviews_del_{everything}").click().run()  # asks first: nothing gone yet
    assert [w.value for w in at.warning] == [
        f"Delete the Globex first round ({FIRST_ROUND}) and its recordings? This cannot be undone."
    ]
    assert everything_file.exists() and len(store.list_interviews(db)) == 3
    at.button(key=f"interviews_del_{everything}_yes").click().run()
    assert not at.exception and [s.value for s in at.success] == [
        f"Deleted the Globex first round ({FIRST_ROUND}) and its recordings."
    ]
    assert not everything_file.exists()
    at.button(key=f"interviews_del_{keep_audio}").click().run()
    at.button(key=f"interviews_del_{keep_audio}_no").click().run()  # Cancel keeps it
    assert {i["company"] for i in store.list_interviews(db)} == {"Initech", "Hooli"}
    at.button(key=f"interviews_del_{keep_audio}").click().run()
    at.button(key=f"interviews_del_{keep_audio}_yes").click().run()
    # its recordings go with it, as `coach delete-interview` does: none is left unlisted on disk
    assert not at.exception and [s.value for s in at.success] == [
        f"Deleted the Hooli first round ({FIRST_ROUND}) and its recordings."
    ]
    assert not kept_file.exists()
    assert [i["company"] for i in store.list_interviews(db)] == ["Initech"]


def test_deleting_the_last_interview_shows_the_empty_log(db):
    interview_id = logged_interview(db)
    at = interviews_page().run()
    at.button(key=f"interviews_del_{interview_id}").click().run()
    at.button(key=f"interviews_del_{interview_id}_yes").click().run()
    assert not at.exception and [s.value for s in at.success] == [
        f"Deleted the Acme Robotics first round ({FIRST_ROUND})."
    ]
    assert store.list_interviews(db) == []
    assert any("No interviews logged yet" in i.value for i in at.info)


def test_deleting_one_stage_of_several_says_which_stage_went(db):
    """Deleting the recruiter screen of a card with a first round after it asked "Delete the Acme
    Robotics interview?" and said "Deleted the Acme Robotics interview.": not which of the two."""
    screen = logged_interview(db, stage="recruiter screen", interview_date="2026-02-20")
    logged_interview(db, stage="first round", interview_date="2026-03-02")
    when = short_date("2026-02-20", date.today())  # "Fri 20 Feb", with its year in another year
    at = interviews_page().run()
    at.button(key=f"interviews_del_{screen}").click().run()
    assert [w.value for w in at.warning] == [
        f"Delete the Acme Robotics recruiter screen ({when})? This cannot be undone."
    ]
    at.button(key=f"interviews_del_{screen}_yes").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"Deleted the Acme Robotics recruiter screen ({when})."]
    assert [i["stage"] for i in store.list_interviews(db)] == ["first round"]


def test_an_offer_can_be_edited_and_removed(db):
    store.add_option(db, kind="batna", company="current job", details="stay and lead the platform team")
    offer = store.add_option(
        db,
        kind="offer",
        company="Initech",
        title="Staff engineer",
        compensation="150k",
        deadline="2026-04-01",
    )
    at = interviews_page().run()
    at.selectbox(key="interviews_option_pick").set_value(offer).run()
    form = f"interviews_option_edit_{offer}"
    assert [t.value for t in in_form(at.text_input, form)][:2] == ["Initech", "Staff engineer"]
    in_form(at.text_input, form)[2].input("165k + 0.1% equity")
    in_form(at.selectbox, form)[1].set_value("accepted")  # status
    in_form(at.button, form)[0].click().run()
    assert not at.exception and not at.error and [s.value for s in at.success] == ["Option saved."]
    saved = {o["id"]: o for o in store.list_options(db)}[offer]
    assert (saved["compensation"], saved["status"], saved["deadline"]) == (
        "165k + 0.1% equity",
        "accepted",
        "2026-04-01",
    )
    assert not at.dataframe  # options are compared as cards, not a grid
    assert "**Compensation**  \n" + escape("165k + 0.1% equity") in markdown_text(
        at
    )  # still weighed, as accepted
    at.selectbox(key="interviews_option_pick").set_value(offer).run()
    # a bin and its words, as every delete (it was a grey-framed button among the form's own)
    look = at.button(key=f"interviews_option_del_{offer}").proto
    assert (look.type, look.icon) == ("tertiary", ":material/delete:"), look
    # removing asks first, and Cancel keeps it (one click removed the offer with its notes)
    at.button(key=f"interviews_option_del_{offer}").click().run()
    assert not at.exception and len(store.list_options(db)) == 2
    [asked] = [w.value for w in at.warning if "cannot be undone" in w.value]
    assert asked.startswith("Remove offer · Initech") and "cannot be undone" in asked, asked
    at.button(key=f"interviews_option_del_{offer}_no").click().run()
    assert len(store.list_options(db)) == 2 and not [w for w in at.warning if "cannot be undone" in w.value]
    at.button(key=f"interviews_option_del_{offer}").click().run()
    at.button(key=f"interviews_option_del_{offer}_yes").click().run()
    assert not at.exception
    assert [o["kind"] for o in store.list_options(db)] == ["batna"]


def test_the_debrief_of_an_interview_is_edited_not_added_twice(db):
    interview_id = logged_interview(db)
    debrief_id = store.add_debrief(
        db, interview_id, skill_gaps="system design", interest=2, notes="Questions they asked:\n- Why us?"
    )
    at = interviews_page().run()
    key = f"interviews_debrief_{interview_id}"
    assert at.text_area(key=f"{key}_skill_gaps").value == "system design"
    assert at.text_area(key=f"{key}_questions_asked").value == "Why us?"
    assert at.segmented_control(key=f"{key}_interest").value == 2
    at.text_area(key=f"{key}_skill_gaps").input("system design, pricing")
    at.segmented_control(key=f"{key}_interest").set_value(4)
    in_form(at.button, key)[0].click().run()
    assert not at.exception and not at.error
    [debrief] = store.list_debriefs(db, interview_id=interview_id)
    assert (debrief["id"], debrief["interest"]) == (debrief_id, 4)
    assert debrief["skill_gaps"] == "system design, pricing"
    assert "Why us?" in debrief["notes"]
    assert any("interest 4/5" in e.label for e in at.expander)  # the log shows the change at once


def test_an_offer_added_from_an_interview_shows_on_its_card(db):
    interview_id = logged_interview(db, stage="final")
    at = interviews_page().run()
    form = "interviews_option"
    at.selectbox(key="interviews_option_from").set_value(interview_id)
    in_form(at.text_input, form)[2].input("150k + 10% bonus")  # compensation
    [b for b in in_form(at.button, form) if b.label == "Add option"][0].click().run()
    assert not at.exception and not at.error
    [option] = store.list_options(db)
    assert (option["kind"], option["company"], option["title"], option["interview_id"]) == (
        "offer",
        "Acme Robotics",
        "Staff engineer",
        interview_id,
    )
    assert "**Offer:** " + escape("Staff engineer · 150k + 10% bonus") in markdown_text(at)
    assert markdown_text(at).count(":green-badge[offer]") == 2  # the card's status and the option's kind


def test_a_job_description_pasted_into_an_interview_is_kept(db):
    interview_id = logged_interview(db)
    at = interviews_page().run()
    form = f"interviews_edit_{interview_id}"
    at.text_area(key=f"interviews_edit_job_{interview_id}").input("We look for PostgreSQL and Kafka.")
    in_form(at.button, form)[0].click().run()
    assert not at.exception and not at.error
    assert store.get_interview(db, interview_id)["job_description"] == "We look for PostgreSQL and Kafka."


def test_skill_gaps_typed_one_a_line_read_as_a_list_and_format_has_no_blank_choice(db):
    interview_id = logged_interview(db)
    store.add_debrief(db, interview_id, skill_gaps="conflict\nconcise answers", went_well="Intro.\nThe demo.")
    at = interviews_page().run()
    assert not at.exception
    text = markdown_text(at)
    assert "*Skill gaps:* conflict, concise answers" in text
    assert "*Went well:* " + escape("Intro.") + "  \n" + escape("The demo.") in text
    add_format = [s for s in in_form(at.selectbox, "interviews_add") if s.label == "Format"][0]
    assert "" not in [add_format.format_func(o) for o in add_format.options] and add_format.value == ""


def test_the_person_and_option_forms_keep_a_refused_entry_and_empty_after_a_save(db):
    """Both forms start a new, empty round only once their entry is saved (shared.form_key), one
    round count a form, like every other form: a refused entry stays as typed, to be corrected."""
    interview_id = logged_interview(db)
    at = interviews_page().run()
    person_form, option_form = f"interviews_person_{interview_id}", "interviews_option"

    in_form(at.text_input, person_form)[0].input(" — recruiter")  # no name: refused
    in_form(at.button, person_form)[0].click().run()
    assert [e.value for e in at.error] == [
        "The line “— recruiter” has no name: start it with the person's name (then, if you like, "
        "' — ' their title and a note)."
    ]
    [line] = in_form(at.text_input, person_form)
    assert line.value == " — recruiter"
    line.input("Sam Lee — recruiter")
    in_form(at.button, person_form)[0].click().run()
    assert [s.value for s in at.success] == ["Added Sam Lee."]
    [person_round] = [f for f in {e.form_id for e in at.text_input} if f.startswith(person_form)]
    assert person_round != person_form and in_form(at.text_input, person_round)[0].value == ""

    in_form(at.text_input, option_form)[2].input("150k + 10% bonus")  # compensation, no name: refused
    [b for b in in_form(at.button, option_form) if b.label == "Add option"][0].click().run()
    assert [e.value for e in at.error] == ["Name the option: its company (or 'current job') or its title."]
    assert in_form(at.text_input, option_form)[2].value == "150k + 10% bonus"
    in_form(at.selectbox, option_form)[-1].set_value(interview_id)  # from the interview
    [b for b in in_form(at.button, option_form) if b.label == "Add option"][0].click().run()
    assert [s.value for s in at.success] == ["Option added."] and len(store.list_options(db)) == 1
    [option_round] = [f for f in {e.form_id for e in at.text_input} if f.startswith(f"{option_form}__")]
    assert [t.value for t in in_form(at.text_input, option_round)] == ["", "", ""]
    assert in_form(at.selectbox, option_round)[-1].value is None

    rounds = sorted(k for k in at.session_state if k.endswith("__saved"))
    assert rounds == [f"{option_form}__saved", f"{person_form}__saved"]  # one count a form


def _drawn(widgets, key: str):
    """A debrief form's field as the page draws it now: a change made elsewhere draws it again as
    a new field (coach.ui.shared.follow_stored), so that a browser shows the stored text."""
    [shown] = [w for w in widgets if (w.key or "").split("__")[0] == key]
    return shown


def test_a_change_made_elsewhere_shows_in_the_forms_and_is_not_saved_over(db):
    """The Interviews page open while `coach debrief` or `coach job-description --clear` changed the
    same interview in a terminal: its forms had kept the values they were first filled with, and
    the next save wrote them back over the change (the terminal's debrief lines gone, the cleared
    description back)."""
    interview_id = logged_interview(db)
    store.update_interview(db, interview_id, job_description="We look for PostgreSQL and Kafka.")
    debrief_id = store.add_debrief(db, interview_id, went_well="The intro.")
    at = interviews_page().run()
    key = f"interviews_debrief_{interview_id}"
    assert _drawn(at.text_area, f"{key}_could_be_better").value == ""
    # elsewhere: the debrief gets a line and an interest, the description is cleared
    store.update_debrief(db, debrief_id, could_be_better="From the terminal.", interest=3)
    store.update_interview(db, interview_id, job_description="")
    at.run()
    assert _drawn(at.text_area, f"{key}_could_be_better").value == "From the terminal."
    assert _drawn(at.segmented_control, f"{key}_interest").value == 3
    assert at.text_area(key=f"interviews_edit_job_{interview_id}").value == ""
    _drawn(at.text_area, f"{key}_went_well").input("The intro and the demo.")
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    saved = store.get_interview(db, interview_id)["debriefs"][0]
    assert (saved["went_well"], saved["could_be_better"], saved["interest"]) == (
        "The intro and the demo.",
        "From the terminal.",
        3,
    )
    at.text_area(key=f"interviews_edit_notes_{interview_id}").input("Panel of three.")
    in_form(at.button, f"interviews_edit_{interview_id}")[0].click().run()
    assert not at.exception and not at.error
    kept = store.get_interview(db, interview_id)
    assert (kept["notes"], kept["job_description"] or "") == ("Panel of three.", "")
    # and what this page saves stays in its fields after the save
    assert at.text_area(key=f"interviews_edit_notes_{interview_id}").value == "Panel of three."
    assert _drawn(at.text_area, f"{key}_went_well").value == "The intro and the demo."


def test_notes_of_several_lines_show_as_typed(db):
    """Notes typed on several lines showed as ":gray[first line second line" with the bracket in
    the page and the lines run together."""
    interview_id = logged_interview(db)
    store.update_interview(db, interview_id, notes="first line\nsecond line\n\n- a bullet")
    text = markdown_text(interviews_page().run())
    assert ":gray[first line]  \n:gray[second line]  \n:gray[" + escape("- a bullet") + "]" in text


def test_deleting_a_debrief_on_the_page_takes_back_the_questions_it_added(db):
    """The page's "Delete this debrief" said the questions it added stay; the one the user starred
    stays, the other goes, and the page says so."""
    from coach import banks
    from coach.debrief import save_debrief

    interview = logged_interview(db, company="Initech", interview_date=date.today().isoformat())
    asked = ["How do you plan a quarter?", "Why us?"]
    _, added, _ = save_debrief(db, db.settings, interview, {"questions_asked": asked})
    store.set_favourite(db, next(q.id for q in added if q.text == "Why us?"), True)
    at = interviews_page().run()
    [b for b in at.button if b.label == "Delete this debrief"][0].click().run()
    [b for b in at.button if b.label == "Yes, delete this debrief"][0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "Debrief deleted. 1 question it had added was taken out of your practice questions."
    ]
    own = banks.load_questions(db.settings.data_dir, owner=db.owner)
    assert {q.text for q in own if q.source != "bank"} == {"Why us?"}
    assert store.get_interview(db, interview)["debriefs"] == []


def test_a_stage_given_the_id_of_one_left_open_starts_closed(tmp_path, monkeypatch):
    """Ids are never handed out twice in one database, but an earlier copy of it put back (the
    data folder restored from a disk backup, the page open meanwhile) hands them out again: the
    stage logged next took the id of one the user had left open, and opened by itself, its forms
    drawn (a stage's open state was kept by id). It starts closed, as every stage not yet opened."""
    import sqlite3

    from coach.config import load_settings

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        logged_interview(db, stage="recruiter screen", interview_date="2026-02-20")
        database = next(tmp_path.glob("*.db"))
        with sqlite3.connect(database) as live, sqlite3.connect(tmp_path / "copy.db") as copy:
            live.backup(copy)  # the copy kept before the first round was logged
        first_round = logged_interview(db)
        at = page("interviews").run()
        at.session_state[f"interviews_stage_{first_round}"] = True  # the user opens it
        at.run()
        assert [t.label for t in at.expander(key=f"interviews_stage_{first_round}").tabs]
        with sqlite3.connect(tmp_path / "copy.db") as copy, sqlite3.connect(database) as live:
            copy.backup(live)  # put back: the first round is gone
        technical = logged_interview(db, stage="technical", interview_date="2026-03-09")
        assert technical == first_round  # given the id the first round had
        at.run()
        assert not at.exception
        [entry] = [e for e in at.expander if e.label.startswith("technical · ")]
        assert not entry.tabs and not entry.text_area  # closed: nothing of it drawn
    finally:
        db.close()


def test_each_add_to_my_questions_button_says_which_question_it_is_for(db):
    """A screen reader lists a page's buttons by name: beside each question an interviewer asked,
    every button was named "Add to my questions", with nothing to tell one from another. Each
    names its question now (the page shows the words alone, as the Questions page's buttons do)."""
    from coach import banks

    interview_id = logged_interview(db)
    asked = ["How do you test a data pipeline?", "What would you change in <Acme>'s API?"]
    store.add_debrief(db, interview_id, notes="Questions they asked:\n" + "".join(f"- {q}\n" for q in asked))
    at = interviews_page().run()
    assert not at.exception
    prefix = f"interviews_add_q_{interview_id}_"
    labels = [b.label for b in at.button if b.key and b.key.startswith(prefix)]
    assert labels == [f"Add to my questions *“{escape(q)}”*" for q in asked], labels
    [api] = [b for b in at.button if b.key and b.key.startswith(prefix) and "API" in b.label]
    api.click().run()  # the button still adds its question, and no other
    assert not at.exception
    assert asked[1] in [q.text for q in banks.load_questions(db.data_dir)]
    assert [b.label for b in at.button if b.key and b.key.startswith(prefix)] == [labels[0]]
