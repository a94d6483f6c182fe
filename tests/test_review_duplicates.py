"""One recording, one interview: the same file uploaded again as "a new interview" logs nothing and
names the interview it is in (the Review page and `coach review` alike); and a question the review
matched to the bank is not offered again, misheard, as one of the user's own."""

from __future__ import annotations

import json
import shutil
import time
from datetime import date

import pytest
from app_support import DATA, page

from coach import banks, store
from coach.config import load_settings
from tests.cli_support import run_coach

pytestmark = pytest.mark.slow
CLIP = DATA / "clean.mp3"  # one voice, short: a review of it logs an interview with one answer


@pytest.fixture(autouse=True)
def _reviews_before(tmp_path, earlier_reviews):
    """Each review resumes from the work earlier tests' reviews of the same file left
    (conftest.earlier_reviews): these tests are about what is logged and said, not transcription."""
    earlier_reviews(tmp_path)
    earlier_reviews(tmp_path / "data")


def _analyse(at, name: str, *, company: str = "", interview_id: int | None = None):
    """The Review page after uploading CLIP as `name`, for a new interview at `company` or for the
    logged interview `interview_id`."""
    at.run()  # the page as it shows next: the interview the last upload logged is in the choice
    if interview_id is not None:
        at.selectbox(key="review_interview").set_value(interview_id).run()
    at.file_uploader[0].upload(name, CLIP.read_bytes(), "audio/mpeg")
    if company:
        at.text_input(key="review_company").input(company)
    next(b for b in at.button if b.label == "Analyse the interview").click().run()
    assert not at.exception
    return at


def _kept(data_dir) -> tuple[list[dict], list]:
    """The interviews in the log and the interview recordings kept on disk."""
    db = store.open_store(load_settings(data_dir))
    try:
        logged = store.list_interviews(db)
    finally:
        db.close()
    return logged, [p for p in (data_dir / "recordings" / "interview").rglob("*.mp3")]


def test_the_same_recording_uploaded_as_a_new_interview_again_names_the_one_it_is_in(tmp_path, monkeypatch):
    """It had logged a second interview (a second stage in the pipeline) with a second copy of the
    file. Now nothing is kept and one sentence names the interview as "Which interview is this?"
    lists it; picking it there reviews the recording again under it, as before."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("review").run()
    at.file_uploader[0].upload("call.mp3", CLIP.read_bytes(), "audio/mpeg")
    at.text_input(key="review_company").input("Globex")
    at.text_input(key="review_role").input("Platform engineer")
    at.selectbox(key="review_stage").set_value("technical")
    at.date_input(key="review_date").set_value(date(2025, 11, 20))
    next(b for b in at.button if b.label == "Analyse the interview").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [interview], [copy] = _kept(tmp_path)

    _analyse(at, "call (1).mp3", company="Globex", interview_id=0)  # 0: "A new one"
    listed = at.selectbox(key="review_interview").options
    [label] = [o for o in listed if " 20 Nov 2025 · technical · Globex — Platform engineer" in o]
    # named as the list names it, day and stage first: it read "Globex — Platform engineer, 20 Nov
    # 2025 · technical", no option the list had
    assert [e.value for e in at.error] == [
        f"call (1).mp3 is already kept with “{label}” in your log: to review it again, pick that "
        "interview under “Which interview is this?” instead of a new one. Nothing was saved."
    ], listed
    assert _kept(tmp_path) == ([interview], [copy])  # no second interview, no second copy

    _analyse(at, "call (1).mp3", interview_id=interview["id"])
    assert not at.error, [e.value for e in at.error]
    [again], [still] = _kept(tmp_path)
    assert again["id"] == interview["id"] and still == copy


def test_coach_review_of_a_recording_already_kept_names_its_interview(tmp_path):
    """`coach review --save --company` on a file an interview already keeps (under another name):
    exit 1, one line saying which interview and the option that reviews it again there, nothing
    logged or copied; with that option it is reviewed again under the interview."""
    data = tmp_path / "data"
    first, second = tmp_path / "call.mp3", tmp_path / "call copy.mp3"
    shutil.copy(CLIP, first)
    shutil.copy(CLIP, second)
    new = ["--save", "--company", "Globex", "--date", "2025-11-20", "--no-progress"]
    done = run_coach("review", first, *new, data_dir=data)
    assert done.returncode == 0, done.stderr
    [interview], [copy] = _kept(data)

    again = run_coach("review", second, *new, data_dir=data)
    assert again.returncode == 1
    assert again.stderr.splitlines()[-1] == (
        f"error: call copy.mp3 is already kept with interview #{interview['id']} "
        "(Globex, 20 Nov 2025 · first round): "  # the stage the Review page starts from, as --stage
        f"to review it again, give --save --interview {interview['id']} in place of --company. "
        "Nothing was saved."
    ), again.stderr
    assert _kept(data) == ([interview], [copy])
    listed = json.loads(run_coach("interviews", "--json", data_dir=data).stdout)
    assert [o["company"] for o in listed["opportunities"]] == ["Globex"]

    under = ["--save", "--interview", interview["id"], "--no-progress"]
    reviewed = run_coach("review", second, *under, data_dir=data)
    assert reviewed.returncode == 0, reviewed.stderr
    [logged], [still] = _kept(data)
    assert logged["id"] == interview["id"] and still == copy


def test_the_debrief_offers_a_misheard_bank_question_in_the_banks_words(tmp_path, monkeypatch):
    """tiny.en hears "Thanks. Describe a time a teammate was struggling. What did you do?" as "Hank,
    this primer timer teammate was struggling. What did you do?". The debrief's "questions they
    asked" listed "What did you do?", and saving the debrief added it to the user's own questions
    beside the bank's beh-collab-02."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    clip = DATA / "interviews" / "interview_phone.wav"
    at = page("review").run()
    at.file_uploader[0].upload("phone call.wav", clip.read_bytes(), "audio/wav")
    at.text_input(key="review_company").input("Acme")
    next(b for b in at.button if b.label == "Analyse the interview").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [interview], _ = _kept(tmp_path)
    offered = at.text_area(key=f"review_debrief_{interview['id']}_questions_asked").value.splitlines()
    assert "Describe a time a teammate was struggling. What did you do?" in offered, offered
    assert "What did you do?" not in offered, offered
    next(b for b in at.button if b.label == "Save debrief").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    own = [q.text for q in banks.load_questions(tmp_path) if q.source != "bank"]
    assert not [q for q in own if "What did you do" in q], own


def test_a_recording_reviewed_into_an_interview_dated_ahead_dates_it_today(tmp_path):
    """A review saved into a stage dated next week kept that date without a word: the recording
    shows it has taken place, so it is dated today and the terminal says so."""
    from datetime import timedelta

    data = tmp_path / "data"
    settings = load_settings(data)
    db = store.open_store(settings)
    try:
        ahead = date.today() + timedelta(days=7)
        booked = store.add_interview(db, company="Initech", stage="first round", interview_date=ahead)
    finally:
        db.close()
    done = run_coach("review", CLIP, "--save", "--interview", str(booked), "--no-progress", data_dir=data)
    assert done.returncode == 0, done.stderr
    assert f"This interview was dated {ahead:%a} {ahead.day} {ahead:%b %Y}, after today" in done.stderr
    assert "change the date in your interview log" in done.stderr
    db = store.open_store(settings)
    try:
        assert store.get_interview(db, booked)["interview_date"] == date.today().isoformat()
    finally:
        db.close()


def test_a_review_into_an_interview_debriefed_by_hand_does_not_claim_a_draft(tmp_path):
    """`coach review … --save --interview 8` on an interview whose debrief the user wrote said
    "Saved under interview #8 with its debrief draft": no draft was made (the user's debrief is
    left as written), so it says only where the review is saved."""
    data = tmp_path / "data"
    settings = load_settings(data)
    db = store.open_store(settings)
    try:
        held = store.add_interview(db, company="Initech", stage="first round", interview_date=date.today())
        store.add_debrief(db, held, went_well="They liked the demo.", interest=4)
    finally:
        db.close()
    clip = DATA / "interviews" / "interview_short.flac"  # two voices, 24 s: a review of it drafts
    done = run_coach("review", clip, "--save", "--interview", str(held), "--no-progress", data_dir=data)
    assert done.returncode == 0, done.stderr
    logged = f"Initech, {date.today().day} {date.today():%b %Y} · first round"
    assert f"Saved under interview #{held} ({logged}); `coach interviews` lists it." in done.stdout, (
        done.stdout
    )
    db = store.open_store(settings)
    try:
        [debrief] = store.list_debriefs(db, interview_id=held)
        assert debrief["went_well"] == "They liked the demo."
    finally:
        db.close()


def test_a_recording_reviewed_again_within_the_second_it_was_kept_keeps_its_copy(tmp_path):
    """The copy of an upload is named by the time to the second and the hash of its bytes, so the
    same file reviewed again into its interview within that second (a review that cannot hear
    speech, or one resumed from its kept work, takes less) got the kept copy's name: the new copy
    was written over it, then discarded as a duplicate, and the interview was left holding a
    recording no longer on disk. The pairs of reviews are timed to fall within one second."""
    clip = DATA / "noise.wav"  # no speech: kept with its interview unreviewed, in a fraction of a second
    for attempt in range(3):
        data = tmp_path / f"data-{attempt}"
        db = store.open_store(load_settings(data))
        try:
            held = store.add_interview(db, company="Initech", interview_date=date(2025, 11, 20))
        finally:
            db.close()
        run_coach("review", clip, "--no-progress", data_dir=data)  # not saved: the models and banks loaded
        under = ["--save", "--interview", str(held), "--no-progress"]
        time.sleep(1 - time.time() % 1)
        started = int(time.time())
        first = run_coach("review", clip, *under, data_dir=data)
        again = run_coach("review", clip, *under, data_dir=data)
        if int(time.time()) == started:
            break
    else:
        pytest.fail("no pair of reviews fell within one second; the machine is too busy to check this")
    assert "The recording is kept with interview" in first.stderr, first.stderr
    assert "The recording is kept with interview" in again.stderr, again.stderr
    db = store.open_store(load_settings(data))
    try:
        [recording] = store.get_interview(db, held)["recordings"]
    finally:
        db.close()
    assert (data / recording["recording_path"]).read_bytes() == clip.read_bytes()
    assert len(list((data / "recordings" / "interview").rglob("*.wav"))) == 1  # the second copy discarded
