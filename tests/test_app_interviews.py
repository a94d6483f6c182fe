"""The Interviews page: the log, adding an interview, a debrief that feeds the question bank."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from app_support import in_form, interviews_page, markdown_text, seeded_dir
from cli_support import run_coach
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from coach import banks, store
from coach.config import load_settings
from coach.ui.highlight import escape
from coach.ui.log_labels import deadline_words, short_date

UP, DOWN = MetricProto.MetricDirection.UP, MetricProto.MetricDirection.DOWN
GREEN, RED = MetricProto.MetricColor.GREEN, MetricProto.MetricColor.RED


def listed_answers(at) -> list[tuple[str, str]]:
    """The card's answers as the review measured them: (question, the grey line of figures under it)."""
    found = []
    for m in at.markdown:
        if m.value.startswith("“") and "  \n:gray[" in m.value:
            question, line = m.value.split("  \n:gray[", 1)
            found.append((question.strip("“”").replace("\\", ""), line.removesuffix("]")))
    return found


def test_the_log_shows_people_questions_and_debrief(monkeypatch):
    data_dir, _ = seeded_dir()
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    at = interviews_page().run()
    assert not at.exception
    text = markdown_text(at)
    assert "## Acme Robotics · Staff engineer" in text  # the opportunity's card
    assert any(e.label.startswith("first round · ") and "interest 4/5" in e.label for e in at.expander)
    assert "Dana Ortiz" in text and "How would you design a rate limiter?" in text
    assert "system design, handling conflict" in text
    # its one answer (the call is one voice) was not measured: the card says why and what to do, where
    # its row had only dashes
    assert (
        "“The whole recording”  \n:gray[Not measured: Only one voice was found, so your words could "
        "not be told apart from the interviewer's and nothing is scored. If the interviewer speaks in "
        "it too, review it again saying 2 people speak.]" in text.replace("\\", "")
    ), text
    # deleting it names what it has (all of it here; a booked one was said to have a debrief too)
    assert (
        "**Everything:** the Acme Robotics interview with its people, debrief, analysed answers and "
        "recordings. " in text
    )
    assert (
        "**Only the audio:** remove the 1 recording of this interview and keep its transcript, analysed "
        "answers and debrief." in text
    )
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Cadence goal"] == "1 every quarter"
    assert "In the last 3 months" in metrics, metrics  # the playbook's 91 days, in a person's words


PRACTISED_BEFORE_CAPTION = "“Practised before” counts your practice answers to the same question"


def _one_reviewed_answer(data_dir: Path, answer: dict) -> None:
    """An interview in the log whose one reviewed recording kept `answer` (as `save_interview_recording`
    takes a turn)."""
    from store_support import record

    settings = load_settings(data_dir)
    db = store.open_store(settings)
    try:
        interview_id = store.add_interview(
            db, company="Initech", stage="first round", interview_date="2026-11-20"
        )
        store.save_interview_recording(
            db,
            interview_id,
            recording=record(settings, kind="interview"),
            transcript=None,
            answers=[answer],
            engine="faster-whisper",
            model="tiny.en",
        )
    finally:
        db.close()


def test_a_reviewed_recording_opens_its_review_again_from_the_card(tmp_path, monkeypatch):
    """A review done and left: the Review page, opened again, showed only its upload box, and the
    card only the answers' figures. "Open its review" shows it there as it was kept (its answers,
    analysed, and its debrief), nothing transcribed again."""
    from store_support import analysis_dict

    asked = "Tell me about a time you led a project."
    _one_reviewed_answer(tmp_path, {"question_text": asked, "transcript": None, "analysis": analysis_dict()})
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    at = interviews_page().run()
    assert not at.exception
    [opens] = [b for b in at.button if b.key and b.key.startswith("interviews_open_review_")]
    assert opens.label == "Open its review"
    opens.click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Initech · first round · Fri 20 Nov 2026" in [h.value for h in at.header]
    labels = [e.label.replace("\\", "") for e in at.expander]  # markdown-escaped: "project\\."
    assert "Answer 1: Tell me about a time you led a project." in labels, labels


def test_the_review_page_opened_again_offers_the_last_review(tmp_path, monkeypatch):
    """Opened again after a review, the Review page showed only its upload box, as if nothing had
    been reviewed. It offers the review done last, which "Show it" shows as it was kept; with none
    reviewed, nothing is offered."""
    from app_support import page
    from store_support import analysis_dict

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    at = page("review").run()
    assert not at.exception
    assert [b for b in at.button if b.key == "review_show_last"] == []
    asked = "Tell me about a time you led a project."
    _one_reviewed_answer(tmp_path, {"question_text": asked, "transcript": None, "analysis": analysis_dict()})
    at = page("review").run()
    assert not at.exception
    offers = [str(m.value) for m in at.markdown if str(m.value).startswith("Your last review")]
    assert offers == [
        "Your last review: Initech · first round · Fri 20 Nov 2026. Earlier ones open from their stage on "
        "the Interviews page."
    ], offers
    at.button(key="review_show_last").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Initech · first round · Fri 20 Nov 2026" in [h.value for h in at.header]
    labels = [e.label.replace("\\", "") for e in at.expander]
    assert "Answer 1: Tell me about a time you led a project." in labels, labels
    assert not [m for m in at.markdown if str(m.value).startswith("Your last review")]  # shown, not offered


def test_practised_before_is_explained_only_under_an_answer_that_says_it(tmp_path, monkeypatch):
    """A stage whose one reviewed answer could not be measured ("The whole recording": no question
    heard) showed the caption "“Practised before” counts your practice answers to the same
    question…" under "Not measured: …": it explained a figure the card did not show. It is said
    under a measured answer to a bank question, whose line says how often it was practised."""
    from store_support import analysis_dict

    from coach.analysis.quality import ONE_VOICE

    unmeasured, measured = tmp_path / "unmeasured", tmp_path / "measured"
    not_scored = {**analysis_dict(), "scores": None, "warnings": [ONE_VOICE]}
    _one_reviewed_answer(unmeasured, {"question_text": "", "transcript": None, "analysis": not_scored})
    bank = banks.load_questions(tmp_path)[0]
    _one_reviewed_answer(
        measured,
        {"question_id": bank.id, "question_text": bank.text, "transcript": None, "analysis": analysis_dict()},
    )
    for data_dir, explained in ((unmeasured, False), (measured, True)):
        monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
        at = interviews_page().run()
        assert not at.exception
        [(question, line)] = listed_answers(at)
        assert line.startswith("Not measured: Only one voice") != explained, line
        assert ("practised before" in line or "practised 1 time before" in line) == explained, line
        captions = [c.value for c in at.caption if c.value.startswith(PRACTISED_BEFORE_CAPTION)]
        assert len(captions) == explained, (data_dir.name, captions)


def test_a_real_answer_off_its_question_reads_not_scored(tmp_path, monkeypatch):
    """An answer a review measured and left unscored for not answering its question read "Not
    measured: This does not sound like an answer to …", as if the sound had failed."""
    from store_support import analysis_dict

    from coach.analysis.quality import off_topic_problem

    asked = "Tell me about a time you led a project."
    off = {**analysis_dict(), "scores": None, "warnings": [off_topic_problem(asked, interview=True)]}
    _one_reviewed_answer(tmp_path, {"question_text": asked, "transcript": None, "analysis": off})
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    at = interviews_page().run()
    assert not at.exception
    [(question, line)] = listed_answers(at)
    assert line.startswith("Not scored: This does not sound like an answer to"), line
    printed = " ".join(run_coach("interview", "1", data_dir=tmp_path).stdout.split())  # as the card says it
    assert "not scored: This does not sound like an answer to" in printed, printed
    assert "not measured" not in printed, printed


def test_a_review_that_picked_out_no_answer_is_said_so_not_listed_as_one(tmp_path, monkeypatch):
    """Reviewed again as two voices, no question heard: the Review page said "no answers picked out
    to score" while the card listed "The whole recording — Not measured: … the interviewer's words
    included, is shown as one answer" and "Answers analysed: 0 of 1". It says what the review holds."""
    from store_support import analysis_dict

    from coach.analysis.quality import NO_QUESTION_FOUND

    whole = {**analysis_dict(), "scores": None, "warnings": [NO_QUESTION_FOUND]}
    _one_reviewed_answer(tmp_path, {"question_text": "", "transcript": None, "analysis": whole})
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    text = markdown_text(at)
    assert listed_answers(at) == [], listed_answers(at)
    assert "Your answers, as the review measured them" not in text and "The whole recording" not in text
    assert (
        "No question from the interviewer was recognised in its recording, so no answers were picked out "
        "to score; its review shows the conversation as it was said." in text
    ), text
    assert "**Answers analysed:** none picked out" in text and "0 of 1" not in text, text
    # the review it points to opens from the card: the Review page, reopened, showed only its
    # upload box
    db = store.open_store(load_settings(tmp_path))
    try:
        [recording] = store.get_interview(db, 1)["recordings"]
    finally:
        db.close()
    at.button(key=f"interviews_open_review_{recording['id']}").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Initech · first round · Fri 20 Nov 2026" in [h.value for h in at.header]
    assert any("No interviewer question was recognised" in w.value for w in at.warning), at.warning
    # `coach interview N` says it too, where it listed "1. “The whole recording” not measured: …"
    printed = run_coach("interview", "1", data_dir=tmp_path).stdout
    assert "No question from the interviewer was recognised in its recording, so no answers were picked" in (
        " ".join(printed.split())
    ), printed
    assert "The whole recording" not in printed and "0 of 1" not in printed, printed


def test_a_written_debrief_is_not_asked_to_be_written_the_same_day(tmp_path, monkeypatch):
    """ "Edit the debrief" of a debrief saved days ago opened with the playbook's "Write the debrief the
    same day, while you still remember", as if it were still to write. A saved one says it is the
    one written; one still to write keeps the playbook's words."""
    from coach.local_time import today

    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        for company in ("Initech", "Globex"):
            interview_id = store.add_interview(
                db,
                company=company,
                stage="first round",
                interview_date=(today() - timedelta(days=3)).isoformat(),
            )
            if company == "Initech":
                store.add_debrief(db, interview_id, interest=4, proceed=True, went_well="Clear stories.")
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    text = markdown_text(at).replace("\\", "")
    written = "The debrief you wrote. Add what you remember since and save: the skill gaps you name here"
    assert text.count(written) == 1, text  # Initech's, written
    assert text.count("Write the debrief the same day, while you still remember.") == 1, text  # Globex's


def _drawn_in_order(block) -> list:
    """The elements inside `block` (a form), top to bottom, as a user reads them."""
    found = []
    for child in getattr(block, "children", {}).values():
        if child.type not in ("vertical", "horizontal", "column", "flex_container"):
            found.append(child)
        found += _drawn_in_order(child)
    return found


def test_why_an_interview_was_not_added_is_said_by_the_company_box_and_scrolled_to(tmp_path, monkeypatch):
    """ "An interview needs the company's name." sat under the Add interview button, at the foot of
    a long form: on a phone (390 px) it was below the first screen after Enter in the Role box. It
    is said under the Company and Role boxes it names, above the rest of the form, and the page
    scrolls to it (a press of the button at the foot leaves the top of the form out of sight)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    at.text_input(key="interviews_add_role").input("Staff engineer")
    [b for b in at.button if b.label == "Add interview"][0].click().run()
    assert not at.exception
    [form] = [f for f in at.get("form") if f.proto.form.form_id == "interviews_add"]
    drawn = _drawn_in_order(form)
    said = [
        e.value if e.type == "error" else e.label
        for e in drawn
        if e.type in ("error", "text_input", "selectbox")
    ]
    assert said[:4] == ["Company", "Role", "An interview needs the company's name.", "Stage"], said
    [script] = [e for e in drawn if e.type == "html" and "scrollIntoView" in e.proto.body]
    assert "st-key-interviews_add_refused" in script.proto.body and "scrollIntoView" in script.proto.body
    assert at.text_input(key="interviews_add_role").value == "Staff engineer"  # what was typed stays


def test_adding_an_interview_says_what_to_do_next(tmp_path, monkeypatch):
    """ "Added Northwind Labs (first round, Mon 14 Dec 2026)." and nothing more, for an interview next
    week (its description pasted) as for one held last week with no debrief: a new user was not told
    to practise for the one nor to write the debrief of the other. An application says no next step."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    today = date.today()

    def add(company: str, day: date, stage: str = "first round") -> str:
        def added(widgets, name: str):  # the add form's, whose key changes once it is cleared
            [widget] = [
                w for w in widgets if (w.key or "").startswith("interviews_add") and w.key.endswith(name)
            ]
            return widget

        added(at.text_input, "_company").input(company)
        added(at.selectbox, "_stage").set_value(stage)
        [box] = [d for d in at.date_input if d.label == "Date" and "interviews_add" in str(d.form_id)]
        box.set_value(day)
        [b for b in at.button if b.label == "Add interview"][0].click().run()
        assert not at.exception and not at.error
        [said] = [s.value for s in at.success]
        return said

    ahead = add("Northwind Labs", today + timedelta(days=7))
    assert ahead.endswith("). Next: practise for it on the Practice page."), ahead
    held = add("Globex", today - timedelta(days=5), "recruiter screen")
    assert held.endswith(
        "). Next: write its debrief while you remember it: open its stage on the Pipeline tab."
    ), held
    applied = add("Initech", today - timedelta(days=1), "applied")
    assert applied.endswith(").") and "Next:" not in applied, applied


def test_adding_an_interview_and_its_debrief(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception and any("No interviews logged yet" in i.value for i in at.info)
    # the two ways in are a click each: the form to add one, the Review page for a recording
    assert "review" in [p.proto.page for p in at.get("page_link")]
    at.button(key="interviews_add_empty").click().run()
    assert not at.exception and at.session_state["interviews_tab"] == "Add an interview"
    form = at.get("form")
    assert form  # the add form is there
    at.text_input[0].input("Umbrella")
    at.text_input[1].input("Data lead")
    at.text_area[0].input("Kim Park — recruiter")
    submit = [b for b in at.button if b.label == "Add interview"][0]
    submit.click().run()
    assert not at.exception
    today = date.today()  # dates in words, as on the pipeline's cards, not 2026-12-01
    assert [s.value for s in at.success] == [  # today's, not yet held: practised for first
        f"Added Umbrella (first round, {today:%a} {today.day} {today:%b %Y}). "
        "Next: practise for it on the Practice page."
    ]
    db = store.open_store(load_settings(tmp_path))
    try:
        [interview] = store.list_interviews(db)
        assert interview["company"] == "Umbrella" and interview["people"][0]["name"] == "Kim Park"
    finally:
        db.close()
    # the debrief form of that interview: a question they asked joins the practice bank
    key = f"interviews_debrief_{interview['id']}"
    at.text_area(key=f"{key}_skill_gaps").input("stakeholder management")
    at.text_area(key=f"{key}_questions_asked").input("Tell me about a time you changed a roadmap.")
    assert at.segmented_control(key=f"{key}_interest").value is None  # no made-up 3
    at.segmented_control(key=f"{key}_interest").set_value(5)
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    assert any("1 question added" in s.value for s in at.success)
    texts = [q.text for q in banks.load_questions(tmp_path)]
    assert "Tell me about a time you changed a roadmap." in texts
    # said in the words of the box ticked to add it: "your practice questions", not "practice bank"
    assert [s.value for s in at.success] == ["Debrief saved. 1 question added to your practice questions."]
    [row] = [c.value for c in at.caption if c.value.startswith("in your ")]
    assert row == "in your questions"  # beside the other rows' "Add to my questions"
    # the written debrief is dated in words like every other date on the page, not 2026-12-01
    [line] = [m.value for m in at.markdown if str(m.value).startswith("**Debrief**")]
    assert f":gray[{today:%a} {today.day} {today:%b}]" in line and today.isoformat() not in line, line
    # its card said "Next step: none booked" and led nowhere: a button opens the form to add the
    # next stage, with the company and role and the stage after a first round filled in
    [next_stage] = [b for b in at.button if b.label == "Add the next stage"]
    next_stage.click().run()
    assert not at.exception and at.session_state["interviews_tab"] == "Add an interview"
    form = at.session_state["interviews_add__saved"]  # the add form's round, after one was added
    assert (
        at.text_input(key=f"interviews_add__{form}_company").value,
        at.text_input(key=f"interviews_add__{form}_role").value,
        at.selectbox(key=f"interviews_add__{form}_stage").value,
    ) == ("Umbrella", "Data lead", "technical")
    # the stage's facts: how it started was not given, so it is left out rather than shown as "—";
    # no recording was uploaded, so no count of answers analysed ("Answers analysed: 0") but that
    # none was reviewed, worded as the interest not written yet
    [facts] = [m.value for m in at.markdown if str(m.value).startswith("**Recording:**")]
    assert facts == "**Recording:** :gray[none reviewed yet]", facts
    # its Delete tab names what it has, in a sentence: no recording, so no "Everything:" beside "Only
    # the audio" (without it, the line began "the Umbrella interview" with a small letter)
    assert (
        "Deletes the Umbrella interview with its people and debrief. The 1 question its debrief added to "
        "your practice questions goes with it. This cannot be undone."  # it said "1 question ... go"
    ) in markdown_text(at)
    # and a button to review it: the Review page, this interview picked (the page only said to go there)
    [review] = [b for b in at.button if b.label == "Review its recording"]
    review.click().run()
    assert not at.exception
    assert at.selectbox(key="review_interview").value == interview["id"]
    assert "Umbrella" in at.selectbox(key="review_interview").format_func(interview["id"])


def test_a_question_taken_out_of_a_debrief_leaves_the_bank(tmp_path, monkeypatch):
    """Two questions listed in a debrief join the practice bank; when the debrief is saved again
    without one of them (listed by mistake), that one leaves the bank and the page says so."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    db = store.open_store(load_settings(tmp_path))
    try:
        interview_id = store.add_interview(db, company="Umbrella", interview_date=date.today().isoformat())
    finally:
        db.close()
    at = interviews_page().run()
    key = f"interviews_debrief_{interview_id}_questions_asked"
    kept, mistaken = "How do you plan a quarter?", "Tell me about your hobbies outside work."
    at.text_area(key=key).input(f"{kept}\n{mistaken}")
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    assert {kept, mistaken} <= {q.text for q in banks.load_questions(tmp_path)}
    at.text_area(key=key).input(kept)
    [b for b in at.button if b.label == "Save debrief"][0].click().run()
    assert not at.exception and not at.error
    texts = {q.text for q in banks.load_questions(tmp_path)}
    assert kept in texts and mistaken not in texts
    assert any("1 question no longer in the list was taken out" in s.value for s in at.success), [
        s.value for s in at.success
    ]


def _people_box(at, form: str):
    """The debrief form's People met box as the page draws it now (a new field, under a new key,
    each time the page gives it new text: coach.ui.shared.field_key)."""
    [box] = [t for t in at.text_area if (t.key or "").split("__")[0] == f"{form}_people_met"]
    return box


def test_the_people_met_box_is_empty_once_its_debrief_is_saved(tmp_path, monkeypatch):
    """Right after a debrief was saved, its People met box still showed "Sam Lee — recruiter" and,
    under it, "Already recorded: Sam Lee — recruiter. Add anyone else…": the same person twice, as
    if the box held someone new (the box starts empty, the people typed are kept with the interview,
    but the browser kept the text it held). The box is drawn again as a new, empty field, and the
    person is named once, under it; saving again adds no one."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    db = store.open_store(load_settings(tmp_path))
    try:
        interview_id = store.add_interview(
            db, company="Acme", stage="recruiter screen", interview_date=date.today().isoformat()
        )
    finally:
        db.close()
    at = interviews_page().run()
    form = f"interviews_debrief_{interview_id}"
    for line in ("Sam Lee — recruiter", "Jo Park — recruiter"):  # a new debrief, then one edited
        typed = _people_box(at, form)
        typed.input(line)
        [b for b in at.button if b.label == "Save debrief"][0].click().run()
        assert not at.exception and not at.error
        shown = _people_box(at, form)
        # a new field: the browser drops the text it held for the old one (the same field, given ""
        # by the page, kept showing what was typed)
        assert shown.value == "" and shown.id != typed.id, (shown.key, typed.key)
    recorded = [c.value for c in at.caption if "recorded" in c.value]
    assert recorded == [
        escape(
            "Already recorded: Sam Lee — recruiter; Jo Park — recruiter. Add anyone else; a name "
            "already there is not added twice, and what you type after it joins their notes."
        )
    ]


def test_coming_up_leaves_out_todays_interview_once_it_is_debriefed(tmp_path, monkeypatch):
    from datetime import date, timedelta

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        done = store.add_interview(db, company="Done Co", interview_date=today, stage="first round")
        store.add_debrief(db, done, went_well="clear story")
        store.add_interview(db, company="Later Today", interview_date=today, stage="technical")
        store.add_interview(db, company="Next Week", interview_date=today + timedelta(days=7), stage="final")
        store.add_interview(db, company="Last Week", interview_date=today - timedelta(days=7), stage="final")
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception
    [coming] = [t for t in markdown_text(at).splitlines() if t.startswith("**Coming up:**")]
    assert "Later Today" in coming and "Next Week" in coming
    assert "Done Co" not in coming and "Last Week" not in coming
    assert coming.index("Later Today") < coming.index("Next Week")
    assert "Later Today — technical, " in coming and "(today)" in coming and today.isoformat() not in coming
    assert "))" not in coming, coming  # no brackets inside brackets


def test_a_cards_interest_figures_say_what_each_measures(tmp_path, monkeypatch):
    """A card showed "Interest 4 out of 5" beside "Offer: … your interest 5/5": two figures of
    interest, neither saying in what. One is the interest written after the last stage rated, the
    other the one given to the offer: each says so."""
    from datetime import date, timedelta

    from coach.store.debriefs import add_debrief

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        for stage, days_ago, interest in (("recruiter screen", 20, 3), ("final round", 6, 4)):
            held = store.add_interview(
                db,
                company="Globex",
                role="Platform engineer",
                stage=stage,
                interview_date=today - timedelta(days=days_ago),
            )
            add_debrief(db, held, went_well="Clear on the team.", interest=interest)
        offer = store.add_interview(
            db,
            company="Globex",
            role="Platform engineer",
            stage="offer",
            interview_date=today - timedelta(days=2),
        )
        store.add_option(
            db, kind="offer", company="Globex", title="Platform engineer", interview_id=offer, interest=5
        )
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception
    [(label, value)] = [(m.label, m.value) for m in at.metric if "interest" in m.label.lower()]
    assert (label, value) == ("Your interest after the final round", "4 out of 5")
    [offer_line] = [line for line in markdown_text(at).splitlines() if line.startswith("**Offer:**")]
    assert offer_line == "**Offer:** Platform engineer · your interest in it 5/5", offer_line


def test_the_pipeline_shows_one_card_per_opportunity(tmp_path, monkeypatch):
    """Stages grouped by company and role, interest as a trend, the next step, people met, the
    time spent, a prompt to decide when interest falls, the debrief's notes, and options compared."""
    from datetime import date

    from app_support import seed_pipeline

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        ids = seed_pipeline(db, date.today())
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception and not at.error
    text = markdown_text(at)
    cards = [line for line in text.splitlines() if line.startswith("## ")]
    # the booked onsite first, then the offer (a decision to make), then the latest activity first
    assert cards[:3] == ["## Initech · Platform lead", "## Acme Robotics · Staff engineer", "## Globex"]
    assert "**recruiter screen**" in text and text.index("**first round**") < text.index("**onsite / loop**")
    initech_stages = [
        e.label
        for e in at.expander
        if e.label.split(" · ")[0] in ("recruiter screen", "first round", "technical", "onsite / loop")
    ][:4]
    assert [label.split(" · ")[0] for label in initech_stages] == [
        "recruiter screen",
        "first round",
        "technical",
        "onsite / loop",
    ]
    assert initech_stages[-1].endswith("next step")
    interest = [m for m in at.metric if m.label.startswith("Your interest after the ")]
    assert [m.value for m in interest] == ["2 out of 5", "5 out of 5", "3 out of 5"]  # Initech, Acme, Globex
    # after which stage, in the words of the card's chain of stages
    assert [m.label for m in interest] == [
        "Your interest after the technical",
        "Your interest after the final",
        "Your interest after the recruiter screen",
    ]
    # its change in words, the arrow and colour as a fall and a rise: "-1 since the first round" had
    # a hyphen for a minus sign
    said = ["down 1 since the first round", "up 1 since the recruiter screen"]
    assert [m.proto.delta for m in interest[:2]] == said
    assert [(m.proto.direction, m.proto.color) for m in interest[:2]] == [(DOWN, RED), (UP, GREEN)]
    # no line under it: with no axis or label, a thin red diagonal said nothing a user could read
    assert [list(m.proto.chart_data) for m in interest] == [[], [], []]
    [prompt] = at.warning
    assert prompt.value.startswith(
        escape("Your interest in Initech has fallen since the recruiter screen (4 → 3 → 2")
    )
    assert "**Next step**  \nonsite / loop on " in text and escape("(in 4 days)") in text
    assert "Kim Park — recruiter, Sam Lee — engineering manager" in text
    assert "3 stages so far over 20 days, 1 more booked" in text
    assert "Still to come: " + escape("a take-home (about 4 hours) and a full-day onsite") in text
    notes = escape("Team seems stretched; on-call every third week.")
    assert f"*Notes:* {notes}" in text  # the debrief's notes in its stage
    assert f"**Notes after the first round:** {notes}" in text  # and on the card itself
    # the debrief is written in a tab of the stage, not a cramped popover
    assert any(t.label == "Edit the debrief" for t in at.tabs)
    # the onsite in 4 days has no debrief yet, nor a form for one: a debrief follows the interview
    assert not any(t.label == "Write the debrief" for t in at.tabs)
    # options side by side: the offer with the interest of its opportunity, then the alternative, the BATNA
    assert not at.dataframe
    offer = text.index(escape("150k base + 10% bonus + 0.1% equity (4-year vest)"))
    assert offer < text.index("about 700 a day") < text.index(escape("135k base + 8% bonus"))
    assert "**Your interest**  \n5 out of 5, after the final" in text
    assert "**Offer:** Staff engineer · 150k base" in text  # on Acme's card too
    assert ids["Globex"]


def test_the_prepare_checklist_is_in_words_not_commands(tmp_path, monkeypatch):
    """The playbook's steps as the page shows them: no command line or option, in the text or the help."""
    import re

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    steps = [c.value for c in at.caption] + [b.help or "" for b in at.checkbox]
    assert any("STAR stories" in s for s in steps), steps  # the rehearse step is there
    # each step's detail is said once, under it: no "?" beside the step repeating it
    assert not [b.help for b in at.checkbox if b.help and b.help in steps], [b.help for b in at.checkbox]
    flagged = [s for s in steps if re.search(r"--[a-z]|`coach |\bcoach [a-z]+ --", s)]
    assert not flagged, flagged


def test_a_reviewed_stage_shows_its_answers_beside_the_practice_before_it(
    tmp_path, monkeypatch, earlier_reviews
):
    """A real two-channel interview reviewed into its stage, after two practice answers to the
    question it opened with: the stage lists each answer the review measured (the bank's words, its
    score and pace) and how often that question was practised before the day. It showed only
    "Answers analysed: 3", and a review could not be seen again once its page was left."""
    from datetime import UTC, datetime

    from app_support import DATA
    from store_support import analysis_dict, transcript_dict

    from coach.interview.orchestrator import review_recording
    from coach.interview.review import ReviewOptions

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    earlier_reviews(tmp_path)  # about what the log shows of a review: it resumes from kept work
    settings = load_settings(tmp_path)
    lead = banks.get_question("beh-lead-01", tmp_path)
    db = store.open_store(settings)
    try:
        for day in (3, 12, 25):  # practised twice before the interview (20 Nov), once after
            store.save_attempt(
                db,
                question_id=lead.id,
                question_text=lead.text,
                recording=None,
                transcript=transcript_dict(),
                analysis=analysis_dict(),
                engine="faster-whisper",
                model="tiny.en",
                created_at=datetime(2026, 11, day, 9, tzinfo=UTC),
            )
        interview_id = store.add_interview(
            db, company="Initech", role="Backend engineer", stage="first round", interview_date="2026-11-20"
        )
        review_recording(
            db,
            settings,
            DATA / "interviews" / "interview_stereo.flac",
            ReviewOptions(candidate_channel="left"),
            original_name="interview_stereo.flac",
            interview_id=interview_id,
        )
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    rows = listed_answers(at)
    assert len(rows) == 3, rows
    [(_, opening)] = [(q, line) for q, line in rows if q == lead.text]
    assert re.search(r" · practised 2 times before \(mean score \d+\)$", opening), opening
    figures = r"overall (\d+) · (\d+) wpm · (?:\d+\.\d fillers per 100 words|no fillers) · \d+:\d\d long"
    overall, pace = re.match(figures, opening).groups()
    assert int(overall) > 0 and 100 < int(pace) < 250, opening
    # above them, how the conversation went, as the Review page and `coach review` say it
    assert "**How the conversation went**" in markdown_text(at)
    # under "Questions they asked", the question the review matched in the bank's words (the page
    # gives debrief.heard_questions the bank it read once a run), beside "in your questions"
    drawn = [str(m.value) for m in at.markdown]
    asked = drawn[drawn.index("**Questions they asked**") + 1 :]
    assert escape(lead.text) in asked, asked


def test_a_recording_reviewed_as_one_voice_is_named_in_the_stage_s_answers(
    tmp_path, monkeypatch, earlier_reviews
):
    """One voice heard, so the review analysed the whole recording as one unscored answer: the
    stage's table names that row as the Review page did ("The whole recording"), not an empty
    question beside a row of dashes."""
    from app_support import DATA

    from coach.interview.orchestrator import review_recording
    from coach.interview.review import ReviewOptions

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    earlier_reviews(tmp_path)  # about what the log shows of a review: it resumes from kept work
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        interview_id = store.add_interview(
            db, company="Northwind", role="Backend engineer", stage="first round", interview_date="2026-11-25"
        )
        review_recording(
            db, settings, DATA / "fillers.wav", ReviewOptions(n_speakers=1), original_name="call.wav",
            interview_id=interview_id,
        )  # fmt: skip
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    assert [q for q, _ in listed_answers(at)] == ["The whole recording"]
    # one voice: no share of a conversation ("100%") nor how it went
    assert "How the conversation went" not in markdown_text(at)


def test_the_same_recording_uploaded_again_to_its_interview_is_not_counted_twice(
    tmp_path, monkeypatch, earlier_reviews
):
    """Uploaded, then uploaded again (the page left and come back to): the stage keeps one copy of
    the recording and one set of answers, not each answer twice in its table and in Progress."""
    from app_support import DATA

    from coach.interview.orchestrator import review_recording
    from coach.interview.review import ReviewOptions

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    earlier_reviews(tmp_path)  # about what the log shows of a review: it resumes from kept work
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        interview_id = store.add_interview(
            db, company="Northwind", role="Backend engineer", stage="first round", interview_date="2026-11-25"
        )
        for _ in range(2):
            review_recording(
                db, settings, DATA / "fillers.wav", ReviewOptions(n_speakers=1), original_name="call.wav",
                interview_id=interview_id,
            )  # fmt: skip
        assert len(store.get_interview(db, interview_id)["recordings"]) == 1
        assert len(store.list_turns(db)) == 1
    finally:
        db.close()
    assert len(list((tmp_path / "recordings" / "interview").rglob("*.wav"))) == 1
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    assert len(listed_answers(at)) == 1, listed_answers(at)
    assert "**Answers analysed:** 1" in markdown_text(at)


def test_a_debrief_saved_over_a_review_s_draft_shows_no_coach_words_as_its_notes(
    tmp_path, monkeypatch, earlier_reviews
):
    """A review opens the debrief with the coach's line asking for your own view; you write what went
    well and save, leaving the notes box as it was. The pipeline card then showed "Notes after the
    first round: Measured by the coach's review; add your own view of how it went." as your note."""
    from app_support import DATA

    from coach.debrief import form_values, save_debrief
    from coach.interview.orchestrator import review_recording
    from coach.interview.review import ReviewOptions

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    earlier_reviews(tmp_path)  # about what the log shows of a review: it resumes from kept work
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        interview_id = store.add_interview(
            db, company="Northwind", role="Backend engineer", stage="first round", interview_date="2026-11-25"
        )
        review_recording(
            db, settings, DATA / "fillers.wav", ReviewOptions(n_speakers=1), original_name="call.wav",
            interview_id=interview_id,
        )  # fmt: skip
        [draft] = store.list_debriefs(db, interview_id=interview_id)
        # what the page's form sends: its boxes as the draft filled them, what went well rewritten
        answers = form_values(draft) | {"went_well": "The incident story landed."}
        save_debrief(db, settings, interview_id, answers, debrief_id=draft["id"])
        [debrief] = store.list_debriefs(db, interview_id=interview_id)
    finally:
        db.close()
    assert debrief["went_well"] == "The incident story landed."
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    text = markdown_text(at)
    assert "add your own view" not in text and "Notes after the" not in text, text
    result = run_coach("interviews", data_dir=tmp_path)
    assert "add your own view" not in result.stdout, result.stdout


def test_the_checklist_keeps_its_ticks_when_you_go_to_another_page_and_back(tmp_path, monkeypatch):
    """Ticking two steps of "Before the interview", going to Progress and coming back unticked them."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    steps = [c for c in at.checkbox if c.key.startswith("interviews_step_")]
    assert len(steps) >= 2
    steps[0].check().run()
    at.checkbox(key=steps[1].key).check().run()
    at.switch_page("app_pages/progress.py").run()
    assert not at.exception
    at.switch_page("app_pages/interviews.py").run()
    ticked = [c.key for c in at.checkbox if c.key.startswith("interviews_step_") and c.value]
    assert ticked == [steps[0].key, steps[1].key]
    # "Add the interview you are preparing for" is a click away: the form to add it
    at.button(key="interviews_add_prepare").click().run()
    assert not at.exception and at.session_state["interviews_tab"] == "Add an interview"


def test_the_checklist_ticks_stay_on_the_card_once_a_review_dates_the_interview_today(tmp_path, monkeypatch):
    """Two steps ticked for next week's interview, then its recording reviewed (which dates it
    today, coach.interview.orchestrator): the ticks were kept in the store but the page showed them
    nowhere, since only a stage still ahead said how far its preparation had come."""
    from store_support import analysis_dict, save_real_answers

    from coach import prepare
    from coach.playbook import load_playbook_for

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings = load_settings(data_dir=tmp_path)
    db = store.open_store(settings)
    try:
        booked = store.add_interview(
            db, company="Northwind", stage="technical", interview_date=date.today() + timedelta(days=7)
        )
        book = load_playbook_for(settings)
        for step in ("why-talking", "prepare-stories"):
            prepare.mark(db, booked, book, step, True)
        before = interviews_page().run()
        assert "**Preparation:** 2 of 10 steps done" in markdown_text(before)
        # the review: its answers kept with the interview, and the interview dated today
        answer = {"question_id": None, "question_text": "Why us?", "analysis": analysis_dict()}
        save_real_answers(db, booked, [answer])
        store.update_interview(db, booked, interview_date=date.today())
    finally:
        db.close()
    after = interviews_page().run()
    assert not after.exception
    assert "**Preparation:** 2 of 10 steps done" in markdown_text(after)
    # an interview held with no step ticked says nothing of a checklist nobody used
    db = store.open_store(settings)
    try:
        unprepared = store.add_interview(
            db, company="Globex", stage="first round", interview_date=date.today()
        )
        save_real_answers(db, unprepared, [answer])
    finally:
        db.close()
    assert markdown_text(interviews_page().run()).count("**Preparation:**") == 1


def test_the_checklist_for_an_interview_ahead_is_kept_with_it(tmp_path, monkeypatch):
    """With interviews ahead, the checklist is for one of them (the soonest first): its ticks are
    kept with that interview, so a new visit, another day, and `coach prepare` see them; the other
    interview has its own."""
    from datetime import timedelta

    from coach import prepare
    from coach.playbook import load_playbook_for

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings = load_settings(data_dir=tmp_path)
    db = store.open_store(settings)
    try:
        soon = store.add_interview(
            db, company="Northwind", stage="technical", interview_date=date.today() + timedelta(days=3)
        )
        later = store.add_interview(
            db, company="Globex", stage="first round", interview_date=date.today() + timedelta(days=10)
        )
    finally:
        db.close()
    at = interviews_page().run()
    assert at.selectbox(key="interviews_prepare_for").value == soon
    assert "No step done yet. Your ticks are kept with this interview." in [c.value for c in at.caption]
    at.checkbox(key=f"interviews_step_{soon}_why-talking").check().run()
    at.checkbox(key=f"interviews_step_{soon}_prepare-stories").check().run()
    assert not at.exception
    assert "2 of 10 steps done. Your ticks are kept with this interview." in [c.value for c in at.caption]

    again = interviews_page().run()  # a new visit: the ticks come from the store
    # the pipeline's stage says how far its preparation has come
    assert "**Preparation:** 2 of 10 steps done" in markdown_text(again)
    # and a button to it: the Prepare tab, that interview's checklist (it said "(Prepare tab)")
    assert "(Prepare tab)" not in markdown_text(again)
    again.button(key=f"interviews_prepare_{later}").click().run()
    assert not again.exception and again.session_state["interviews_tab"] == "Prepare"
    assert again.selectbox(key="interviews_prepare_for").value == later
    again.selectbox(key="interviews_prepare_for").select(soon).run()
    ticked = [c.key for c in again.checkbox if c.value]
    assert ticked == [f"interviews_step_{soon}_why-talking", f"interviews_step_{soon}_prepare-stories"]
    again.selectbox(key="interviews_prepare_for").select(later).run()
    assert not [c.key for c in again.checkbox if c.value]  # Globex's checklist is its own

    shown = run_coach("prepare", str(soon), data_dir=tmp_path)
    # its first line runs on as long as the interview's name and day make it
    assert "2 of 10 steps done" in " ".join(shown.stdout.split())
    assert "1. [x] Know why you are talking to them." in shown.stdout
    run_coach("prepare", str(soon), "--untick", "1", "--tick", "2", data_dir=tmp_path)
    last = interviews_page().run()
    assert [c.key for c in last.checkbox if c.value] == [
        f"interviews_step_{soon}_be-upfront",
        f"interviews_step_{soon}_prepare-stories",
    ]
    db = store.open_store(settings)
    try:
        ticks = prepare.checklist(db, soon, load_playbook_for(settings))
    finally:
        db.close()
    assert prepare.done_words(ticks) == "2 of 10 steps done"


def test_coach_prepare_refuses_a_step_the_checklist_does_not_have(tmp_path):
    db = store.open_store(load_settings(data_dir=tmp_path))
    try:
        interview = store.add_interview(db, company="Northwind", interview_date="2026-12-10")
    finally:
        db.close()
    result = run_coach("prepare", str(interview), "--tick", "11", data_dir=tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip() == "error: The checklist has steps 1 to 10; there is no step 11."
    shown = run_coach("prepare", str(interview), data_dir=tmp_path)
    # nothing was ticked on the way to the refusal
    assert "no step done yet" in " ".join(shown.stdout.split())


def test_an_offer_stage_is_nothing_to_prepare_for(tmp_path, monkeypatch):
    """An offer logged as a stage next week was listed under "Coming up" with the checklist "Before
    a real interview", among the interviews Practice prepares for, and by `coach prepare`."""
    from datetime import timedelta

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    soon = date.today() + timedelta(days=6)
    db = store.open_store(load_settings(data_dir=tmp_path))
    try:
        offer = store.add_interview(db, company="Initech", stage="offer", interview_date=soon.isoformat())
        store.add_interview(db, company="Globex", stage="first round", interview_date=soon.isoformat())
    finally:
        db.close()
    text = markdown_text(interviews_page().run())
    [coming] = [line for line in text.splitlines() if line.startswith("**Coming up:**")]
    assert "Globex" in coming and "Initech" not in coming
    from coach.job_description import interviews_to_prepare  # Practice's "Preparing for" list

    db = store.open_store(load_settings(data_dir=tmp_path))
    try:
        listed = interviews_to_prepare(store.list_interviews(db), date.today())
    finally:
        db.close()
    assert [i["company"] for i in listed] == ["Globex"]
    refused = run_coach("prepare", str(offer), data_dir=tmp_path)
    assert refused.returncode == 1
    assert "is an outcome, not an interview: there is no checklist to prepare for it." in refused.stderr
    both = run_coach("prepare", str(offer + 1), "--tick", "1", "--untick", "1", data_dir=tmp_path)
    assert both.returncode == 1 and "Step 1 is both ticked and unticked" in both.stderr


def test_a_company_typed_another_way_is_named_as_on_its_card(tmp_path, monkeypatch):
    """A stage typed "acme" for Acme's opportunity was listed as "acme" under Coming up and in the
    Prepare tab's choice, beside a card that says Acme."""
    from coach.ui.summary import prepare_label

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(db, company="Acme", interview_date=today - timedelta(days=9), stage="screen")
        store.add_interview(db, company="Acme", interview_date=today - timedelta(days=2), stage="technical")
        typed = store.add_interview(
            db, company="acme ", interview_date=today + timedelta(days=3), stage="final"
        )
        from coach.job_description import interviews_to_prepare

        practice_choices = interviews_to_prepare(store.list_interviews(db), today)
        assert store.get_interview(db, typed)["company"] == "acme"  # what is stored stays as typed
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception
    [coming] = [t for t in markdown_text(at).splitlines() if t.startswith("**Coming up:**")]
    assert coming.startswith("**Coming up:** Acme — final, ")
    chooser = at.selectbox(key="interviews_prepare_for")
    assert chooser.options[0].startswith("Acme — final, ")
    assert "booked: Acme" in [str(m.delta) for m in at.metric]  # the header's next real interview
    assert prepare_label(practice_choices[0]).startswith("Acme, ")  # Practice and Mock choose alike


def test_every_stage_still_to_come_is_marked_booked(tmp_path, monkeypatch):
    """Only the soonest stage ahead was marked (\"next step\", \"booked\" in `coach interviews`);
    a final booked after it read like a stage held, while `coach history` called it booked."""
    from cli_support import run_coach

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(db, company="Acme", interview_date=today - timedelta(days=5), stage="screen")
        store.add_interview(db, company="Acme", interview_date=today + timedelta(days=2), stage="technical")
        store.add_interview(db, company="Acme", interview_date=today + timedelta(days=9), stage="final")
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    technical = next(label for label in labels if label.startswith("technical"))
    final = next(label for label in labels if label.startswith("final"))
    assert technical.endswith(" · next step") and final.endswith(" · booked")
    listed = run_coach("interviews", data_dir=tmp_path).stdout.splitlines()
    rows = [line.split(maxsplit=2)[-1] for line in listed if line.startswith("  #")]
    # the screen held is "no debrief yet", as its label on the page says (it was a bare "screen")
    assert [" ".join(row.split()) for row in rows] == [
        "screen no debrief yet",
        "technical booked",
        "final booked",
    ]
    history = run_coach("history", data_dir=tmp_path).stdout
    assert history.count(" · booked") == 2


def test_interest_is_asked_of_a_held_stage_not_of_one_still_to_come(tmp_path, monkeypatch):
    """A card whose only interview is next week said its interest was "not written yet: the debrief
    asks for it", as if a debrief were overdue."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(db, company="Acme", interview_date=today + timedelta(days=7), stage="screen")
        store.add_interview(db, company="Initech", interview_date=today - timedelta(days=2), stage="screen")
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception
    shown = markdown_text(at)
    assert shown.count("the debrief after the interview asks for it") == 1, shown  # Acme's
    assert shown.count("not written yet: the debrief asks for it") == 1, shown  # Initech's


def _application_then_screen(tmp_path, monkeypatch) -> None:
    """Acme: an application with its job description pasted, then a recruiter screen held."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    posting = "Backend engineer. You will own our payments service and its on-call rota."
    db = store.open_store(load_settings(tmp_path))
    try:
        for stage, days in (("applied", 10), ("recruiter screen", 4)):
            store.add_interview(
                db,
                company="Acme",
                role="Backend engineer",
                stage=stage,
                interview_date=today - timedelta(days=days),
                job_description=posting if stage == "applied" else "",
            )
    finally:
        db.close()


def test_an_application_shows_no_preparation_of_its_own(tmp_path, monkeypatch):
    """The application, its job description pasted, read "Preparation: 1 of 10 steps done" in its
    entry, though the checklist is for interviews (the Prepare tab lists none for it); the
    interview that follows it still says how far its preparation came."""
    _application_then_screen(tmp_path, monkeypatch)
    at = interviews_page().run()
    assert not at.exception
    preparation = [m.value for m in at.markdown if "**Preparation:**" in m.value]
    assert len(preparation) == 1, preparation  # the recruiter screen's, not the application's
    applied = next(e for e in at.expander if e.label.startswith("applied"))
    assert not [m.value for m in applied.markdown if "**Preparation:**" in m.value]


def test_deleting_a_stage_says_its_job_description_goes_with_it(tmp_path, monkeypatch):
    """Deleting the application said "Deletes the Acme application. This cannot be undone." and took
    the job description the stages after it go by, unsaid."""
    _application_then_screen(tmp_path, monkeypatch)
    at = interviews_page().run()
    assert not at.exception
    applied = next(e for e in at.expander if e.label.startswith("applied"))
    said = " ".join(m.value for m in applied.markdown)
    assert "Deletes the Acme application with its job description. This cannot be undone." in said, said


def test_deleting_the_application_calls_it_the_application(tmp_path, monkeypatch):
    """Deleting the application asked "Delete this interview", "Delete the Acme interview?" and
    said "Deleted the Acme interview.", beside a recruiter screen that is one."""
    _application_then_screen(tmp_path, monkeypatch)
    at = interviews_page().run()
    [delete] = [b for b in at.button if b.label == "Delete this application"]
    delete.click().run()
    applied = short_date((date.today() - timedelta(days=10)).isoformat(), date.today())
    assert [w.value for w in at.warning] == [
        f"Delete the Acme application ({applied})? This cannot be undone."
    ]
    [b for b in at.button if b.label == "Yes, delete this application"][0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"Deleted the Acme application ({applied})."]
    stages = [e.label.split(" · ")[0] for e in at.expander if " · " in e.label]
    assert stages == ["recruiter screen"], stages  # the interview after it stays


def test_the_next_stage_is_added_with_how_the_process_started(tmp_path, monkeypatch):
    """ "Add the next stage" after an application sent ("I applied") filled in the company, role and
    stage, but not how it started: saved as it was, the recruiter screen read no "How it started"
    in its entry and in `coach interview`."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(
            db,
            company="Acme",
            role="Backend engineer",
            stage="applied",
            origin="i_applied",
            interview_date=date.today() - timedelta(days=10),
        )
    finally:
        db.close()
    at = interviews_page().run()
    [next_stage] = [b for b in at.button if b.label == "Add the next stage"]
    next_stage.click().run()
    assert not at.exception
    [b for b in at.button if b.label == "Add interview"][0].click().run()
    assert not at.exception and not at.error
    shown = run_coach("interview", "2", data_dir=tmp_path).stdout
    assert "recruiter screen" in shown and "I applied" in shown, shown


def test_an_application_logged_on_the_page_has_no_format(tmp_path, monkeypatch):
    """The add form's Format starts at "video", so an application logged there was kept as
    "applied, video": its entry read "Format: video" and `coach interview 1` the same."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    at.button(key="interviews_add_empty").click().run()
    at.text_input[0].input("Acme")
    at.selectbox(key="interviews_add_stage").set_value("applied")
    [b for b in at.button if b.label == "Add interview"][0].click().run()
    assert not at.exception and not at.error
    assert "**Format:**" not in markdown_text(at)
    shown = run_coach("interview", "1", data_dir=tmp_path).stdout
    assert re.match(r"#1 Acme: applied, \w{3} \d{1,2} \w{3} \d{4}\n", shown) and "video" not in shown, shown


def test_an_interview_added_without_a_format_says_none(tmp_path, monkeypatch):
    """The add form started at Format "video": a first round added without choosing one read
    "Format: video" on its card and in `coach interview 1`, though `coach add-interview` with no
    --format keeps none. Now the form starts at "not set", and the card says nothing of a format."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    at.button(key="interviews_add_empty").click().run()
    [fmt] = [s for s in in_form(at.selectbox, "interviews_add") if s.label == "Format"]
    assert fmt.value == "" and fmt.format_func(fmt.value) == "not set"
    at.text_input[0].input("Acme")
    [b for b in at.button if b.label == "Add interview"][0].click().run()
    assert not at.exception and not at.error
    assert "**Format:**" not in markdown_text(at)
    on_the_page = run_coach("interview", "1", data_dir=tmp_path).stdout
    assert re.match(r"#1 Acme: first round, \w{3} \d{1,2} \w{3} \d{4}\n", on_the_page), on_the_page
    assert "video" not in on_the_page, on_the_page
    assert run_coach("add-interview", "Acme", data_dir=tmp_path).returncode == 0
    from_the_terminal = run_coach("interview", "2", data_dir=tmp_path).stdout
    assert on_the_page.splitlines()[0].replace("#1", "#2") == from_the_terminal.splitlines()[0]


def test_how_it_started_offers_not_set_first_in_words(tmp_path, monkeypatch):
    """The first "How it started" choice, in the add form and a stage's edit form, read "—", beside
    a Format whose unset choice reads "not set"."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    at = interviews_page().run()
    at.button(key="interviews_add_empty").click().run()
    at.text_input[0].input("Acme")
    [b for b in at.button if b.label == "Add interview"][0].click().run()
    assert not at.exception and not at.error
    choices = [r.options for r in at.radio if r.label == "How it started"]
    assert choices == [["not set", "they reached out", "I applied", "referral", "other"]] * 2, choices


def test_interest_is_not_asked_of_an_application(tmp_path, monkeypatch):
    """A card holding only the application sent ten days ago said its interest was "not written
    yet: the debrief asks for it", though an application has no debrief to write (its stage offers
    none)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(
            db, company="Acme", interview_date=date.today() - timedelta(days=10), stage="applied"
        )
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception
    shown = markdown_text(at)
    assert "not written yet" not in shown, shown
    assert "the debrief after the interview asks for it" in shown, shown
    assert not [t.label for t in at.tabs if "debrief" in t.label]  # there is indeed none to write


def test_a_debrief_written_without_interest_is_not_called_missing(tmp_path, monkeypatch):
    """A debrief saved with no interest chosen left the card saying "not written yet: the debrief
    asks for it" under a debrief that was there, written, and shown right below."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        held = store.add_interview(db, company="Acme", interview_date=date.today() - timedelta(days=2))
        store.add_debrief(db, held, went_well="The incident story.")
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception
    shown = markdown_text(at)
    assert "not written yet" not in shown, shown
    # nor "left out of your debrief", said also of the draft a review stores, which nobody wrote
    assert "not in the debrief yet: edit it to give 1 to 5" in shown, shown


def test_interest_beside_a_reviews_draft_is_not_said_missing_from_a_debrief(tmp_path, monkeypatch):
    """An interview whose recording was reviewed, its debrief not written yet (only the draft the
    review stores), said its interest was "not in the debrief yet: edit it to give 1 to 5", as if
    the user had written a debrief and left it out."""
    from coach.interview.draft import REVIEW_DRAFT_NOTE_LINE, TALK_SHARE
    from coach.interview.saving import refresh_debrief

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        held = store.add_interview(db, company="Acme", interview_date=date.today() - timedelta(days=1))
        draft = {
            "went_well": TALK_SHARE.format(share=45, questions="3 questions"),
            "could_be_better": "",
            "skill_gaps": "",
            "notes": REVIEW_DRAFT_NOTE_LINE,
        }
        assert refresh_debrief(db, held, draft) is not None  # stored as a review stores its draft
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception
    shown = markdown_text(at)
    assert "not in the debrief yet" not in shown, shown
    assert "**Your interest**  \n:gray[not written yet: the debrief the review started asks for it]" in shown


def _options_shown(tmp_path, monkeypatch, *options: dict):
    """The Interviews page run on a new SQLite store holding `options` (store.add_option's fields)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        for option in options:
            store.add_option(db, **option)
    finally:
        db.close()
    return interviews_page().run()


def test_options_side_by_side_keep_their_facts_on_the_same_lines(tmp_path, monkeypatch):
    """An offer written without a title had its compensation, deadline and interest one line higher
    than the card beside it, which had one: the cards meant to be read across no longer lined up."""
    at = _options_shown(
        tmp_path,
        monkeypatch,
        dict(kind="offer", company="Northwind", title="Senior SWE", compensation="150k"),
        dict(kind="offer", company="Globex", compensation="120k"),
    )
    assert not at.exception
    heads = [str(m.value) for m in at.markdown if str(m.value).startswith("### ")]
    assert len(heads) == 2, heads
    assert all(len([line for line in h.split("  \n") if line.strip()]) == 2 for h in heads), heads


def test_an_option_with_no_deadline_says_nothing_of_one(tmp_path, monkeypatch):
    """The BATNA's card (your current job) and an offer's with no deadline set read "Answer by: no
    deadline", a fact that said nothing; an offer with a deadline says it."""
    due = date.today() + timedelta(days=9)
    at = _options_shown(
        tmp_path,
        monkeypatch,
        dict(kind="offer", company="Northwind", compensation="150k", deadline=due),
        dict(kind="offer", company="Globex", compensation="120k"),
        dict(kind="batna", company="current job", compensation="135k"),
    )
    assert not at.exception
    cards = [str(m.value) for m in at.markdown if str(m.value).startswith("**Compensation**")]
    assert len(cards) == 3, cards
    assert not [c for c in cards if "deadline" in c], cards
    [dated] = [c for c in cards if "**Answer by**" in c]
    assert f"**Answer by**  \n{deadline_words(due.isoformat(), date.today())}" in dated, dated
    assert "150k" in dated


def test_an_options_details_keep_the_lines_they_were_typed_on(tmp_path, monkeypatch):
    """Details typed on two lines ("Lead a team of 4", "Hybrid 2 days") read as one sentence, "Lead a
    team of 4 Hybrid 2 days", on the option's card and on its interview's card in the pipeline."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        acme = store.add_interview(
            db,
            company="Acme",
            role="Data engineer",
            stage="first round",
            interview_date=date.today() - timedelta(days=3),
        )
        store.add_option(
            db,
            kind="offer",
            company="Acme",
            compensation="95k",
            details="Lead a team of 4\nHybrid 2 days",
            interview_id=acme,
        )
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception
    text = markdown_text(at)
    assert "**Scope, team, growth**  \nLead a team of 4  \nHybrid 2 days" in text, text
    [offer] = [str(m.value) for m in at.markdown if str(m.value).startswith("**Offer:**")]
    assert "Lead a team of 4; Hybrid 2 days" in offer.replace("\\", ""), offer


def test_a_long_offer_letter_in_an_options_details_shows_its_start_and_where_the_rest_is(
    tmp_path, monkeypatch
):
    """An offer letter pasted into an option's details (8,000 characters) filled its card under Offers
    and options, and stretched the card beside it to the same height: the comparison read across two
    short cards and a wall of text."""
    letter = "\n".join(
        f"Clause {n}: the employee agrees to the terms set out in schedule {n}." for n in range(120)
    )
    at = _options_shown(
        tmp_path,
        monkeypatch,
        dict(kind="offer", company="Northwind", compensation="150k", details=letter),
        dict(kind="batna", company="current job", compensation="135k", details="Stay\nHybrid 2 days"),
    )
    assert not at.exception
    cards = [
        str(m.value).replace("\\", "") for m in at.markdown if str(m.value).startswith("**Compensation**")
    ]
    northwind, batna = cards
    assert "Clause 0: the employee agrees" in northwind and "Clause 119" not in northwind, northwind
    assert len(northwind) < 800, len(northwind)
    assert "…  \n:gray[the rest is under Edit or remove an option]\n\n**Red flags**" in northwind, northwind
    assert "**Scope, team, growth**  \nStay  \nHybrid 2 days\n" in batna and "the rest is" not in batna, batna


def test_the_checklist_leaves_out_steps_that_do_not_fit_how_the_interview_started(tmp_path, monkeypatch):
    """ "Ask why they reached out." was listed for an interview you applied for or were referred to."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    soon = (date.today() + timedelta(days=4)).isoformat()
    added = run_coach(
        "add-interview",
        "Initech",
        "--date",
        soon,
        "--origin",
        "I applied",
        "--stage",
        "screen",
        data_dir=tmp_path,
    )
    assert added.returncode == 0, added.stderr
    later = (date.today() + timedelta(days=12)).isoformat()
    assert (
        run_coach(
            "add-interview", "initech", "--date", later, "--stage", "final", data_dir=tmp_path
        ).returncode
        == 0
    )
    shown = run_coach("prepare", "1", data_dir=tmp_path).stdout
    assert "Ask why they reached out." not in shown and "not actively looking" not in shown
    assert "8. [ ] " in shown and "9. [ ]" not in shown
    # the final, after the screen, is a later stage: none of a first stage's steps, however it started
    shown = run_coach("prepare", "2", data_dir=tmp_path).stdout
    assert "Ask why they reached out." not in shown and "Ask for the job description" not in shown
    assert "7. [ ] " in shown and "8. [ ]" not in shown
    assert "Screen, " in shown and "still to come" in shown, shown  # booked, no debrief owed yet
    ticked = run_coach("prepare", "1", "--tick", "3", data_dir=tmp_path)  # numbered as listed
    assert "3. [x] Ask what the process and time commitment are." in ticked.stdout
    assert "1 of 8 steps done" in " ".join(ticked.stdout.split())
    at = interviews_page().run()
    assert not at.exception
    keys = [c.key for c in at.checkbox]
    assert (
        "interviews_step_1_ask-why-reached-out" not in keys
        and "interviews_step_1_get-job-description" in keys
    )
    asks = [m.value for m in at.markdown if m.value.startswith("- ") and ":gray[— " in m.value]
    assert len(asks) == 6 and not any("reach out to me" in ask for ask in asks)  # nor among the questions
    # a job description kept is that step done: it still read "[ ] Ask for the job description"
    posting = tmp_path / "posting.txt"
    posting.write_text("Backend engineer. You will own our payments service and its on-call rota.")
    assert run_coach("job-description", "1", str(posting), data_dir=tmp_path).returncode == 0
    shown = run_coach("prepare", "1", data_dir=tmp_path).stdout
    assert "2. [x] Ask for the job description, in writing." in shown, shown
    assert "2 of 8 steps done" in " ".join(shown.split()), shown
    at = interviews_page().run()
    box = at.checkbox(key="interviews_step_1_get-job-description")
    assert box.value is True and box.disabled
    assert any("Done: its job description is kept with this interview." in c.value for c in at.caption)
    referred = run_coach("add-interview", "Globex", "--date", soon, "--origin", "referral", data_dir=tmp_path)
    assert referred.returncode == 0, referred.stderr
    shown = run_coach("prepare", "3", data_dir=tmp_path).stdout
    assert "Ask why they reached out." not in shown and "not actively looking" in shown


def test_a_job_description_pasted_with_the_application_ticks_the_next_stages_checklist(tmp_path, monkeypatch):
    """Pasted when logging the application, the description is the job the first round is for
    (practice for it already used its terms), yet the first round's checklist, on the page and in
    `coach prepare`, still said "[ ] Ask for the job description, in writing." """
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    posting = tmp_path / "posting.txt"
    posting.write_text("Backend engineer. You will own our payments service and its on-call rota.")
    applied = (date.today() - timedelta(days=10)).isoformat()
    soon = (date.today() + timedelta(days=4)).isoformat()
    stages = (("applied", applied, ["--job-description", posting]), ("first round", soon, []))
    for stage, when, more in stages:
        args = ("add-interview", "Initech", "--role", "Backend engineer", "--stage", stage, "--date", when)
        added = run_coach(*args, *more, data_dir=tmp_path)
        assert added.returncode == 0, added.stderr
    shown = run_coach("prepare", "2", data_dir=tmp_path).stdout
    assert "[x] Ask for the job description, in writing." in shown, shown
    at = interviews_page().run()
    assert not at.exception
    box = at.checkbox(key="interviews_step_2_get-job-description")
    assert box.value is True and box.disabled
    said = [c.value for c in at.caption if "Done: " in c.value]
    assert any("the job description pasted with the application, " in c for c in said), said
    # another company's posting is not this job's
    assert run_coach("add-interview", "Globex", "--date", soon, data_dir=tmp_path).returncode == 0
    other = run_coach("prepare", "3", data_dir=tmp_path).stdout
    assert "[ ] Ask for the job description, in writing." in other, other


def test_an_interview_whose_recording_was_uploaded_has_happened(tmp_path, monkeypatch):
    """A recording of silence uploaded for today's new interview (kept, not analysed) left it
    "booked" for today: "Next real interview: today — booked", and `coach history` said booked."""
    from coach.audio import save_recording
    from coach.interview.saving import keep_unanalysed

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        saved = save_recording(
            (Path(__file__).parent / "data" / "silence.wav").read_bytes(), settings, kind="interview"
        )
        why = "silence.wav is silent; check it is the interview recording, with the voices audible."
        keep_unanalysed(db, saved, why, company="Silent", stage="first round", interview_date=date.today())
        store.add_interview(
            db, company="Later", stage="final", interview_date=date.today() + timedelta(days=5)
        )
    finally:
        db.close()
    listed = run_coach("history", data_dir=tmp_path).stdout
    assert "Silent · first round" in listed and "Silent · first round · booked" not in listed, listed
    assert "Later · final · booked" in listed  # one with nothing recorded is still to come
    at = interviews_page().run()
    assert not at.exception
    assert "booked: Later" in [str(m.delta) for m in at.metric]


def test_time_so_far_counts_no_offer_logged_as_a_stage_on_the_page_or_in_the_terminal(tmp_path, monkeypatch):
    """A screen, an onsite and the offer logged as a stage: the card's "Time so far" said "3 stages
    so far over 18 days" for two interviews, and so did `coach interviews`. Both count the two."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        for stage, days in (("recruiter screen", -20), ("onsite / loop", -12), ("offer call", -2)):
            store.add_interview(
                db,
                company="Acme",
                role="Staff engineer",
                stage=stage,
                interview_date=today + timedelta(days=days),
            )
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception
    assert "**Time spent**  \n2 stages so far over 8 days" in markdown_text(at)  # not "… so far: … so far"
    assert "  Time spent: 2 stages so far over 8 days" in run_coach("interviews", data_dir=tmp_path).stdout


def test_the_time_spent_on_a_process_is_named_and_said_once_a_stage_is_held(tmp_path, monkeypatch):
    """A card said "Time: nothing yet, 1 stage booked" before anything was held (the stage booked is
    its next step already), and the bare label "Time" ("Time: 1 stage so far") did not say it meant
    the time spent on this process. It reads "Time spent", on the card and in `coach interviews`,
    and only once a stage has been held: a process with none held says nothing of it."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        for company, stage, days in (
            ("Acme", "recruiter screen", -9),
            ("Acme", "first round", 5),
            ("Hooli", "first round", 6),  # booked, nothing held yet
            ("Wayne", "applied", -3),  # an application alone: no interview yet
        ):
            store.add_interview(
                db,
                company=company,
                role="Staff engineer",
                stage=stage,
                interview_date=today + timedelta(days),
            )
    finally:
        db.close()
    at = interviews_page().run()
    assert not at.exception
    text = markdown_text(at)
    assert "**Time spent**  \n1 stage so far, 1 more booked" in text, text
    assert text.count("**Time spent**") == 1 and "**Time**" not in text and "nothing yet" not in text
    printed = run_coach("interviews", data_dir=tmp_path).stdout
    assert "  Time spent: 1 stage so far, 1 more booked" in printed, printed
    assert printed.count("Time") == 1 and "nothing yet" not in printed and "no interview yet" not in printed


@pytest.mark.slow
def test_a_review_that_found_one_voice_is_reviewed_again_as_two_from_its_card(tmp_path, monkeypatch):
    """The card said "review it again saying 2 people speak" and offered no way to: only uploading
    the recording again on the Review page, which transcribed the whole call again. Its button does
    it with the kept transcription and shows the review with Who is who, to pick your voice."""
    from app_support import DATA

    from coach.interview.orchestrator import review_recording

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        interview_id = store.add_interview(db, company="Northwind", interview_date="2026-11-25")
        call = DATA / "clean.wav"  # one voice: the review finds one and scores nothing
        review_recording(db, settings, call, original_name="call.wav", interview_id=interview_id)
        [recording] = store.get_interview(db, interview_id)["recordings"]
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    at.button(key=f"interviews_two_voices_{recording['id']}").click().run()
    assert not at.exception and not at.error
    assert "Reviewed again as 2 voices; listen to them and pick yours." in [w.value for w in at.warning]
    assert at.radio(key="review_mine").options == ["Speaker 1", "Speaker 2"]
    assert "Northwind · Wed 25 Nov 2026" in [h.value for h in at.header]  # no stage: no "· ·"
    db = store.open_store(settings)
    try:
        [again] = store.get_interview(db, interview_id)["recordings"]
    finally:
        db.close()
    assert again["id"] == recording["id"] and again["turns"], again  # the same recording, its answers anew
    warned = [w for turn in again["turns"] for w in (turn.get("analysis") or {}).get("warnings") or ()]
    assert not [w for w in warned if w.startswith("Only one voice was found")], warned


def test_ended_opportunities_are_folded_under_the_live_ones(tmp_path, monkeypatch):
    """After a year of applications the ended ones (rejected, withdrew, said no after a stage) were
    drawn as fully as those still going, newest first, so a live one was found under ended ones.
    The live ones come first; the ended ones are folded under "Ended (3)", which names their
    companies (a search of the page finds them), and open to their cards and stages."""
    from app_support import page

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:

        def log(company, stage, days_ago, **debrief):
            when = (today - timedelta(days=days_ago)).isoformat()
            interview_id = store.add_interview(
                db, company=company, role="Platform lead", stage=stage, interview_date=when
            )
            if debrief:
                store.add_debrief(db, interview_id, **debrief)
            return interview_id

        log("Globex", "recruiter screen", 60)
        log("Globex", "rejected", 50)
        log("Hooli", "first round", 40)
        log("Hooli", "withdrew", 35)
        log("Initech", "first round", 5, interest=4, proceed=True)
        umbrella = log("Umbrella Health", "technical", 2, interest=2, proceed=False)
    finally:
        db.close()

    def cards(at) -> list[str]:
        return [m.value for m in at.markdown if m.value.startswith("## ") and " · Platform lead" in m.value]

    at = page("interviews").run()
    assert not at.exception
    assert cards(at) == ["## Initech · Platform lead"]  # the ended ones' cards are not drawn
    [fold] = [e for e in at.expander if e.label.startswith("Ended (")]
    assert fold.label == "Ended (3): Umbrella Health, Hooli, Globex"
    at.session_state[fold.key] = True  # the user opens it
    at.run()
    assert not at.exception
    assert cards(at) == [
        "## Initech · Platform lead",  # still first
        "## Umbrella Health · Platform lead",
        "## Hooli · Platform lead",
        "## Globex · Platform lead",
    ]
    assert "badge[rejected]" in markdown_text(at) and "badge[withdrew]" in markdown_text(at)
    at.session_state[f"interviews_stage_{umbrella}"] = True  # and one of their stages
    at.run()
    [stage] = [e for e in at.expander if e.label.startswith("technical · ")]
    tabs = ["Edit the debrief", "Edit the interview", "Add a person", "Delete"]
    assert [t.label for t in stage.tabs] == tabs
