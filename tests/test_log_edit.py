"""The decisions behind editing the log, without Streamlit: what changed, what the forms start from."""

from datetime import date

import pytest

from coach.debrief import form_values, from_review, latest_debrief
from coach.errors import InputError
from coach.interview_log import choices_with, interview_edits, option_edits
from coach.ui.log_labels import option_label

INTERVIEW = {
    "company": "Acme",
    "role": "",
    "stage": "phone chat",
    "interview_date": "2026-03-02",
    "format": "",
    "origin": "",
    "notes": "",
}


def test_only_the_fields_the_user_changed_are_written():
    edits = interview_edits(
        INTERVIEW,
        company=" Acme ",
        role="SRE",
        stage="phone chat",
        interview_date=date(2026, 3, 2),
        format="",
        origin="",
        notes="",
    )
    assert edits == {"role": "SRE"}


def test_an_interview_without_a_company_is_refused():
    with pytest.raises(InputError, match="company's name"):
        interview_edits(
            INTERVIEW,
            company=" ",
            role="",
            stage="",
            interview_date=date(2026, 3, 2),
            format="",
            origin="",
            notes="",
        )


def test_a_stage_typed_elsewhere_stays_selectable():
    assert choices_with(["first round", "final"], "phone chat") == ["first round", "final", "phone chat"]
    assert choices_with(["first round", "final"], "final") == ["first round", "final"]


def test_clearing_a_deadline_is_a_change_and_an_empty_one_is_not():
    option = {
        "kind": "offer",
        "company": "Initech",
        "title": "",
        "compensation": "",
        "details": "",
        "deadline": "2026-04-01",
        "status": "open",
    }
    same = dict(
        kind="offer", company="Initech", title="", compensation="", details="", status="open", interest=None
    )
    assert option_edits(option, deadline=None, **same) == {"deadline": None}
    assert option_edits({**option, "deadline": None}, deadline=None, **same) == {}
    assert option_label(option, {"offer": "offer"}) == "offer · Initech (open)"


def test_the_debrief_form_starts_from_the_stored_debrief():
    stored = {
        "id": 3,
        "created_at": "2026-03-02T10:00:00+00:00",
        "went_well": "Clear story",
        "could_be_better": "",
        "skill_gaps": "pricing",
        "interest": None,
        "proceed": False,
        "time_commitment": "",
        "notes": "Good panel.\n\nQuestions they asked:\n- Why us?\n- Why now?",
    }
    values = form_values(stored)
    assert values["questions_asked"] == "Why us?\nWhy now?" and values["notes"] == "Good panel."
    # interest not given stays not given: the form used to start at 3 and saving stored it
    assert (values["interest"], values["proceed"]) == (None, "no")
    assert form_values(None) == {"interest": None, "proceed": "undecided", "questions_asked": ""}
    assert not from_review(stored) and from_review({**stored, "notes": "Measured by coach review; add"})
    newer = {**stored, "id": 4, "created_at": "2026-03-03T10:00:00+00:00"}
    assert latest_debrief([newer, stored])["id"] == 4 and latest_debrief([]) is None


def test_a_review_draft_offers_the_questions_the_review_heard():
    draft = {
        "id": 1,
        "created_at": "2026-03-02T10:00:00+00:00",
        "went_well": "",
        "could_be_better": "",
        "skill_gaps": "",
        "interest": None,
        "proceed": None,
        "time_commitment": "",
        "notes": "Measured by coach review; add your own view of how it went.",
    }
    heard = ["Why us?", "Tell me about a failure.", "Why us?"]
    assert form_values(draft, heard)["questions_asked"] == "Why us?\nTell me about a failure."
    own = {**draft, "notes": "Questions they asked:\n- What is your notice period?"}
    assert form_values(own, heard)["questions_asked"] == "What is your notice period?"
    written = {**draft, "notes": "My own notes."}  # no longer the draft: the user's list (none) stands
    assert form_values(written, heard)["questions_asked"] == ""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_practice_the_evening_before_counts_as_before_the_interview(tmp_path, monkeypatch, backend, zone):
    """Practised at 22:30 in New York the evening before (already the interview's day in UTC): the
    stage counts it as practised before, as the history shows that take on the day before."""
    from datetime import UTC, datetime

    from store_support import analysis_dict, make_settings, transcript_dict

    from coach import store
    from coach.interview_log import reviewed_answers

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    zone("America/New_York")
    db = store.open_store(make_settings(tmp_path, backend))
    try:
        store.save_attempt(
            db,
            question_id="beh-lead-01",
            question_text="Tell me about a time you led.",
            recording=None,
            transcript=transcript_dict(),
            analysis=analysis_dict(),
            engine="faster-whisper",
            model="tiny.en",
            created_at=datetime(2026, 3, 10, 2, 30, tzinfo=UTC),  # 22:30 on the 9th in New York
        )
        interview_id = store.add_interview(db, company="Acme", interview_date="2026-03-10")
        turn = {"question_text": "Tell me about a time you led.", "question_id": "beh-lead-01"}
        answer = turn | {"transcript": transcript_dict(), "analysis": analysis_dict()}
        store.save_interview_recording(
            db, interview_id, recording=None, transcript=None, engine="e", model="m", answers=[answer]
        )
        rows = reviewed_answers(store.get_interview(db, interview_id), store.list_attempts(db), {})
    finally:
        db.close()
    assert [(r["question_id"], r["practised_before"]) for r in rows] == [("beh-lead-01", 1)]


def test_practice_on_the_morning_of_the_interview_counts_as_before_it(tmp_path, monkeypatch, zone):
    """An interview is stored by its day alone; Progress puts that day's practice before it, so the
    stage's "Practised before" counts the morning's take too (it counted only earlier days)."""
    from datetime import UTC, datetime

    from store_support import analysis_dict, make_settings, transcript_dict

    from coach import store
    from coach.interview_log import reviewed_answers

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    zone("UTC")
    db = store.open_store(make_settings(tmp_path, "sqlite"))
    try:
        store.save_attempt(
            db,
            question_id="beh-lead-01",
            question_text="Tell me about a time you led.",
            recording=None,
            transcript=transcript_dict(),
            analysis=analysis_dict(),
            engine="faster-whisper",
            model="tiny.en",
            created_at=datetime(2026, 3, 10, 8, 30, tzinfo=UTC),  # the interview's morning
        )
        interview_id = store.add_interview(db, company="Acme", interview_date="2026-03-10")
        turn = {"question_text": "Tell me about a time you led.", "question_id": "beh-lead-01"}
        answer = turn | {"transcript": transcript_dict(), "analysis": analysis_dict()}
        store.save_interview_recording(
            db, interview_id, recording=None, transcript=None, engine="e", model="m", answers=[answer]
        )
        rows = reviewed_answers(store.get_interview(db, interview_id), store.list_attempts(db), {})
    finally:
        db.close()
    assert [(r["question_id"], r["practised_before"]) for r in rows] == [("beh-lead-01", 1)]


def test_a_question_the_bank_does_not_hold_is_shown_without_its_ums_and_lead_in(tmp_path, monkeypatch):
    """The interview's "Your answers" table showed an unmatched question as Whisper wrote it ("Okay,
    so, um, what are your salary expectations?"); it now reads as the question would go into a bank,
    and a matched one in the bank's own words."""
    from store_support import analysis_dict, make_settings, transcript_dict

    from coach import store
    from coach.interview_log import reviewed_answers

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(make_settings(tmp_path, "sqlite"))
    try:
        interview_id = store.add_interview(db, company="Acme", interview_date="2026-03-10")
        turns = [
            {"question_text": "Okay, so, um, what are your salary expectations?", "question_id": None},
            {"question_text": "Next one, tell me an outer time you led.", "question_id": "beh-lead-01"},
        ]
        answers = [t | {"transcript": transcript_dict(), "analysis": analysis_dict()} for t in turns]
        store.save_interview_recording(
            db, interview_id, recording=None, transcript=None, engine="e", model="m", answers=answers
        )
        bank = {"beh-lead-01": "Tell me about a time you led a project."}
        rows = reviewed_answers(store.get_interview(db, interview_id), [], bank)
    finally:
        db.close()
    assert [r["question"] for r in rows] == [
        "What are your salary expectations?",
        "Tell me about a time you led a project.",
    ]


def test_answers_the_review_could_not_measure_are_not_counted_as_analysed(tmp_path, monkeypatch):
    """An interview whose third answer was too short to score read "3 answers analysed" in the log
    and the history; it now reads "2 of 3"."""
    from store_support import analysis_dict, make_settings, transcript_dict

    from coach import store
    from coach.interview_log import answers_analysed

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(make_settings(tmp_path, "sqlite"))
    try:
        interview_id = store.add_interview(db, company="Acme", interview_date="2026-03-10")
        unscored = analysis_dict() | {"scores": None}
        answers = [
            {"question_text": f"Question {i}?", "transcript": transcript_dict(), "analysis": analysis}
            for i, analysis in enumerate([analysis_dict(), analysis_dict(), unscored])
        ]
        store.save_interview_recording(
            db, interview_id, recording=None, transcript=None, engine="e", model="m", answers=answers
        )
        [listed] = store.list_interviews(db)
    finally:
        db.close()
    assert (listed["answers"], listed["answers_measured"]) == (3, 2)
    assert answers_analysed(listed) == "2 of 3"
    assert answers_analysed({**listed, "answers_measured": 3}) == "3"


def test_the_interviews_log_tidies_a_question_without_loading_the_speech_libraries():
    """Tidying a heard question needs only the spelling of "um": importing the interview log and the
    debriefs must not load spaCy, numpy's audio stack or Whisper (the Interviews page imports them)."""
    import subprocess
    import sys

    code = (
        "import sys, coach.interview_log, coach.debrief; "
        "print(sorted(m for m in ('spacy', 'librosa', 'faster_whisper', 'soundfile') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_someone_met_is_found_whatever_the_spacing_and_a_short_note_is_kept():
    """ "dana  ortiz " typed again is the Dana Ortiz already recorded, not a second person; a note
    is left out only when the notes already say it in whole words ("ok" is not in "booked"), and
    each of several notes typed at once is added once."""
    from coach.debrief import person_additions, same_person

    dana = {"id": 1, "name": "Dana Ortiz", "title": "hiring manager", "notes": "booked the onsite"}
    assert same_person([dana], " dana  ortiz ") is dana
    assert same_person([dana], "Dana Ortizz") is None
    assert person_additions(dana, {"title": "", "notes": "ok"}) == {"notes": "booked the onsite; ok"}
    assert person_additions(dana, {"title": "Hiring  Manager", "notes": "booked the onsite"}) == {}
    assert person_additions(dana, {"title": "", "notes": "booked the onsite; ex-Stripe"}) == {
        "notes": "booked the onsite; ex-Stripe"
    }
