"""What to practise next follows a coming interview's job description: questions on what it asks
for come first, said in the user's words; without a description nothing changes. Real banks, a
real store (SQLite and PostgreSQL) and the Practice page in AppTest."""

from __future__ import annotations

from datetime import date, timedelta

from app_support import page
from store_support import backend_fixture, settings_fixture, store_fixture  # noqa: F401

from coach import banks
from coach.job_description import interview_asks
from coach.recommend import GAP, INTERVIEW, recommended
from coach.store import add_debrief, add_interview, list_interviews

TODAY = date(2026, 12, 2)
CONFLICT_HEAVY = """Programme Manager - Northwind

You will run a programme with many senior stakeholders across finance, legal and engineering.
You will resolve conflict between teams with competing priorities and handle difficult
conversations with stakeholders when plans change. You are comfortable with disagreement, can
push back on unrealistic deadlines, and keep stakeholders aligned. Experience managing
stakeholder conflict is essential."""


def _questions(settings):
    return banks.load_questions(settings.data_dir)


def test_a_coming_interviews_description_steers_the_picks_and_says_why(store, settings):
    add_interview(
        store, company="Northwind", interview_date=TODAY + timedelta(days=8), job_description=CONFLICT_HEAVY
    )
    asks = interview_asks(list_interviews(store), TODAY)
    assert asks is not None and set(asks.competencies[:2]) == {"conflict", "influence"}, asks
    assert asks.words[:2] == ("stakeholders", "conflict"), asks  # said 5 times each, in any form

    picks = recommended(_questions(settings), [], [], today=TODAY, interview=asks)
    first = picks.groups[0]
    assert first.why == INTERVIEW
    said = "Your interview at Northwind on Thu 10 Dec 2026 asks for “stakeholders”"
    assert first.reason.startswith(said), first.reason
    assert "conflict" in first.reason and "influence" in first.reason, first.reason
    asked = {"conflict", "influence", "prioritisation"}
    assert len(picks.questions) == 5 and all(asked & set(q.competencies) for q in picks.questions)
    # without the description the same user gets the starter set: motivation, leadership, conflict, ...
    starter = recommended(_questions(settings), [], [], today=TODAY)
    assert len([q for q in starter.questions if {"conflict", "influence"} & set(q.competencies)]) <= 2


def test_the_descriptions_words_are_quoted_as_its_words(store, settings):
    """A posting that says "you will own" read "asks for own, stakeholders and roadmap": its words
    are quoted as its own, not set in the sentence as if they were the coach's."""
    add_interview(
        store,
        company="Northwind",
        interview_date=TODAY + timedelta(days=8),
        job_description="Product Manager\n\nYou will own the roadmap end to end and own the outcome. "
        "You take ownership of launches and own the relationship with stakeholders.",
    )
    asks = interview_asks(list_interviews(store), TODAY)
    assert asks is not None and "ownership" in asks.words, asks
    reason = recommended(_questions(settings), [], [], today=TODAY, interview=asks).groups[0].reason
    assert " asks for “end to end” and “ownership”: " in reason, reason
    # "will own", "and own": what the job does, not a term ("asks for “own”" read as a skill)
    assert "“own”" not in reason and "own" not in asks.words, reason


def test_a_word_the_posting_says_only_as_a_verb_is_not_quoted(store, settings):
    """Globex's posting, "to own our Kubernetes platform, observability stack ... drive reliability",
    read "asks for “observability”, “own” and “reliability”": "own" is what the job does. It still
    counts toward ownership (the questions practise it), but only the terms are quoted."""
    posting = (
        "Join us as a Staff Platform Engineer to own our Kubernetes platform, observability stack "
        "and developer tooling. You will partner with product teams, mentor engineers, and drive "
        "reliability across services written in Go and Python. "
    )
    add_interview(
        store, company="Globex", interview_date=TODAY + timedelta(days=4), job_description=posting * 3
    )
    asks = interview_asks(list_interviews(store), TODAY)
    assert asks is not None and "ownership" in asks.competencies, asks
    reason = recommended(_questions(settings), [], [], today=TODAY, interview=asks).groups[0].reason
    assert " asks for “observability” and “reliability”: " in reason, reason
    assert "ownership" in reason.split(": ")[1], reason


def test_the_sentence_counts_the_questions_not_what_they_practise(store, settings):
    """Five questions picked for one thing the description asks for were introduced as "this
    question practises conflict": the sentence counted the competencies, not the questions."""
    add_interview(
        store,
        company="Northwind",
        interview_date=TODAY + timedelta(days=8),
        job_description="Mediator. You will resolve conflict, handle conflict between teams and defuse "
        "disagreement and conflict every day.",
    )
    asks = interview_asks(list_interviews(store), TODAY)
    assert asks is not None and asks.competencies[:1] == ("conflict",), asks
    picks = recommended(_questions(settings), [], [], today=TODAY, interview=asks)
    first = picks.groups[0]
    assert first.why == INTERVIEW and len(first.questions) > 1, first
    assert first.reason.endswith(": these questions practise conflict."), first.reason
    assert asks.reason(["conflict", "influence"], 1, TODAY).endswith(
        ": this question practises conflict and influence."
    )


def test_the_interview_comes_before_debrief_gaps_and_both_are_said(store, settings):
    add_interview(
        store, company="Northwind", interview_date=TODAY + timedelta(days=1), job_description=CONFLICT_HEAVY
    )
    asks = interview_asks(list_interviews(store), TODAY)
    picks = recommended(_questions(settings), [], ["learning from failure"], today=TODAY, interview=asks)
    assert [g.why for g in picks.groups] == [INTERVIEW, GAP]
    assert picks.groups[0].reason.startswith("Your interview at Northwind tomorrow asks for")


def test_without_a_description_or_with_only_a_past_one_or_an_offer_nothing_changes(store, settings):
    add_interview(store, company="Acme", interview_date=TODAY + timedelta(days=3))  # no description
    add_interview(
        store, company="Initech", interview_date=TODAY - timedelta(days=3), job_description=CONFLICT_HEAVY
    )
    add_interview(
        store,
        company="Globex",
        interview_date=TODAY + timedelta(days=5),
        stage="offer",
        job_description=CONFLICT_HEAVY,
    )
    assert interview_asks(list_interviews(store), TODAY) is None
    questions = _questions(settings)
    assert recommended(questions, [], [], today=TODAY, interview=None) == recommended(
        questions, [], [], today=TODAY
    )


def test_the_interview_being_prepared_for_is_the_one_followed(store, settings):
    """Two coming interviews with descriptions: the soonest is followed unless the user chose the
    other under "Preparing for"."""
    add_interview(
        store, company="Northwind", interview_date=TODAY + timedelta(days=8), job_description=CONFLICT_HEAVY
    )
    later = add_interview(
        store,
        company="Contoso",
        interview_date=TODAY + timedelta(days=20),
        job_description="Site Reliability Engineer\nYou will be on call, lead incident reviews after every "
        "outage, and improve monitoring and observability so incidents are found before customers notice.",
    )
    interviews = list_interviews(store)
    assert interview_asks(interviews, TODAY).company == "Northwind"
    chosen = interview_asks(interviews, TODAY, chosen=later)
    assert chosen.company == "Contoso" and chosen.competencies[0] == "reliability"


def test_an_interview_reviewed_today_no_longer_steers_the_picks(store, settings):
    """Northwind's interview today steers the picks until it has happened: once its recording was
    reviewed, Practice still said "Your interview at Northwind on Wed 2 Dec 2026 asks for …" all that
    day, preparing the user for the interview they had just had; the picks now follow the next one
    still to come (here Contoso's), as they do the day after."""
    from store_support import analysis_dict, save_real_answers

    held = add_interview(store, company="Northwind", interview_date=TODAY, job_description=CONFLICT_HEAVY)
    add_interview(
        store,
        company="Contoso",
        interview_date=TODAY + timedelta(days=6),
        job_description="Site Reliability Engineer\nYou will be on call, lead incident reviews after every "
        "outage, and improve monitoring and observability so incidents are found before customers notice.",
    )
    assert interview_asks(list_interviews(store), TODAY).company == "Northwind"  # booked today: still ahead
    heard = {"question_id": "mot-05", "question_text": "Tell me about yourself.", "analysis": analysis_dict()}
    save_real_answers(store, held, [heard])
    assert interview_asks(list_interviews(store), TODAY).company == "Contoso"


def test_the_practice_page_says_which_interview_its_picks_are_for(tmp_path, monkeypatch):
    from coach import store
    from coach.config import load_settings

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    when = date.today() + timedelta(days=8)
    db = store.open_store(load_settings(tmp_path))
    try:
        interview_id = add_interview(
            db, company="Northwind *Labs*", interview_date=when, job_description=CONFLICT_HEAVY
        )
        add_debrief(db, interview_id, skill_gaps="", interest=4)
    finally:
        db.close()
    at = page("practice").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    # the company is the user's text: shown as typed, not made italic by the page's markdown
    [why] = [c for c in captions if c.startswith("Your interview at Northwind \\*Labs\\*")]
    assert f"on {when:%a} {when.day} {when:%b %Y} asks for “stakeholders”" in why, why
    assert "these questions practise influence, conflict" in why, why


def test_the_practice_page_names_the_company_as_its_card_does(tmp_path, monkeypatch):
    """The recruiter screen was logged as "Northwind Labs Inc.", the next round as "northwind labs":
    the Interviews page's card and "Next real interview" said Northwind Labs Inc., while Practice's
    picks were "for your interview at northwind labs", the same interview by another name."""
    from coach import store
    from coach.config import load_settings
    from coach.ui.highlight import escape

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    db = store.open_store(load_settings(tmp_path))
    try:
        add_interview(db, company="Northwind Labs Inc.", interview_date=date.today() - timedelta(days=9))
        add_interview(
            db,
            company="northwind labs",
            role="Programme Manager",
            interview_date=date.today() + timedelta(days=6),
            job_description=CONFLICT_HEAVY,
        )
    finally:
        db.close()
    at = page("practice").run()
    assert not at.exception
    said = " ".join(c.value for c in at.caption)
    assert f"Your interview at {escape('Northwind Labs Inc.')} on " in said, said
    assert "northwind labs" not in said, said


def test_only_the_start_of_a_long_description_is_read_for_what_it_asks():
    """As for its key terms, only a description's first 20,000 characters are read: a 20,000-word
    paste was read whole at every rerun of the Practice page (2.6 s each on this machine)."""
    from coach.job_description import description_asks

    filler = "You will work on a product used by many people in many places.\n" * 400  # ~26,000 characters
    asks_late = "Data Analyst\n" + filler + CONFLICT_HEAVY
    assert description_asks(asks_late) == []
    read = {c for c, _said in description_asks("Data Analyst\n" + CONFLICT_HEAVY + "\n" + filler)}
    assert {"conflict", "influence"} <= read, read


def test_progress_lists_the_same_gap_questions_as_practice_when_an_interview_is_coming(store, settings):
    """Practice's picks start with what the coming interview asks for and its "From your debriefs"
    group is the rest; Progress listed its gap questions as if there were no interview, so the two
    pages showed different questions for the same gaps. A gap the interview also asks for
    ("conflict") got its questions under the interview alone, and Progress named it above none."""
    from coach.progress import progress_report

    add_interview(
        store, company="Northwind", interview_date=TODAY + timedelta(days=8), job_description=CONFLICT_HEAVY
    )
    past = add_interview(store, company="Acme", interview_date=TODAY - timedelta(days=20))
    add_debrief(store, past, interest=3, skill_gaps="conflict stories, stakeholder management, failure")
    report = progress_report(store, settings, today=TODAY)
    gaps = [g["competency"] for g in report["skill_gaps"]["gaps"]]
    asks = interview_asks(list_interviews(store), TODAY)
    on_practice = recommended(_questions(settings), [], gaps, today=TODAY, interview=asks)
    for_gaps = set(banks.as_competencies(gaps))
    listed = [q["id"] for q in report["skill_gaps"]["recommended"]]
    assert listed == [q.id for q in on_practice.questions if for_gaps & set(q.competencies)]
    # every gap Practice's picks practise has a question under it here
    practised = {c for q in on_practice.questions for c in q.competencies} & for_gaps
    here = {c for q in report["skill_gaps"]["recommended"] for c in q["competencies"]}
    assert "conflict" in practised and practised <= here, (practised, here)
    assert not any(q.id not in listed and for_gaps & set(q.competencies) for q in on_practice.questions)


def test_a_chosen_interview_without_a_description_is_not_replaced_by_another_companys(store, settings):
    """Preparing for Acme, whose log has no job description, Practice followed Northwind's posting
    (the next coming interview with one) and said so under Northwind's name."""
    from coach.job_description import without_description

    acme = add_interview(store, company="Acme", interview_date=TODAY + timedelta(days=3))
    add_interview(
        store, company="Northwind", interview_date=TODAY + timedelta(days=8), job_description=CONFLICT_HEAVY
    )
    interviews = list_interviews(store)
    assert interview_asks(interviews, TODAY).company == "Northwind"  # nothing chosen: the soonest described
    assert interview_asks(interviews, TODAY, chosen=acme) is None
    assert without_description(interviews, acme)["company"] == "Acme"
    assert without_description(interviews, None) is None


def test_the_practice_page_says_the_chosen_interview_has_no_description(tmp_path, monkeypatch):
    from coach import store
    from coach.config import load_settings

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    db = store.open_store(load_settings(tmp_path))
    try:
        acme = add_interview(db, company="Acme *Pay*", interview_date=date.today() + timedelta(days=3))
        add_interview(
            db,
            company="Northwind",
            interview_date=date.today() + timedelta(days=8),
            job_description=CONFLICT_HEAVY,
        )
    finally:
        db.close()
    unchosen = page("practice")
    unchosen.session_state["practice_question_id"] = "mot-05"  # "Preparing for" is offered with a question
    unchosen.session_state["practice_interview_id"] = 0  # "No particular interview" picked
    unchosen.run()
    assert any(c.value.startswith("Your interview at Northwind") for c in unchosen.caption)

    at = page("practice")  # nothing picked: Acme's, in 3 days, is the interview prepared for
    at.session_state["practice_question_id"] = "mot-05"
    at.run()
    assert at.selectbox(key="practice_interview_id").value == acme
    assert not at.exception and not at.error
    captions = [c.value for c in at.caption]
    assert not [c for c in captions if "Northwind" in c], captions
    assert (
        "Your interview at Acme \\*Pay\\* has no job description yet, so these picks do not follow one: "
        "paste it under “Preparing for” below or with the interview on the Interviews page." in captions
    ), captions
    picks = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")]
    starters = recommended(_questions(load_settings(tmp_path)), [], [], today=date.today()).questions
    assert picks == [f"practice_rec_{q.id}" for q in starters], picks

    # before a question is picked "Preparing for" is not on the page: the sentence does not send
    # the user "below" to a field that is not there
    fresh = page("practice").run()
    assert not [s for s in fresh.selectbox if s.key == "practice_interview_id"]
    assert (
        "Your interview at Acme \\*Pay\\* has no job description yet, so these picks do not follow one: "
        "paste it with the interview on the Interviews page, or under “Preparing for” once you pick a "
        "question." in [c.value for c in fresh.caption]
    ), [c.value for c in fresh.caption]


NORTHWIND_BACKEND = """Senior Backend Engineer

You will design and scale distributed systems that move money reliably. You will own services end
to end, lead system design reviews, and work with product managers across teams. Requirements:
incident response and on-call ownership."""


def test_each_thing_the_questions_practise_is_quoted_in_the_descriptions_words(store, settings):
    """The four words said first in the whole posting were quoted, whatever the questions practise:
    "asks for “reliably”, “incident”, “on-call” and “distributed”: these questions practise
    reliability, system design and ownership", with no word for ownership (the posting's "own",
    "end to end"); a longer posting left system design unquoted the same way. Now each thing
    practised has a word of its own in the quote."""
    add_interview(
        store,
        company="Northwind",
        interview_date=TODAY + timedelta(days=5),
        job_description=NORTHWIND_BACKEND,
    )
    asks = interview_asks(list_interviews(store), TODAY)
    assert asks is not None and "system-design" in asks.competencies, asks
    first = recommended(_questions(settings), [], [], today=TODAY, interview=asks).groups[0]
    assert first.why == INTERVIEW and "system design" in first.reason, first.reason
    quoted = first.reason.split(" asks for ")[1].split(": ")[0]
    assert "“distributed”" in quoted or "“system design”" in quoted, first.reason
    # "You will own services" is what the job does: ownership's words are "end to end" and "ownership"
    assert "“ownership”" in quoted and "“reliably”" in quoted and "“own”" not in quoted, first.reason
    # one thing practised: only its words
    alone = asks.reason(["ownership"], 1, TODAY)
    assert alone.split(" asks for ")[1].startswith("“ownership”"), alone
    assert "reliably" not in alone and "incident" not in alone, alone
