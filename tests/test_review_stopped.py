"""A real-interview review stopped midway (the Review page left while it ran, the app closed, a
cancel) loses nothing: its recording is kept with what was typed for it (company, role, stage,
date), the Review page offers to finish it on the way back, Progress names it by its file and
company at the time it was uploaded, and `coach reanalyze` finishes it; finishing it reuses the
work already done.

The stop is made through the review's own cancel callback (AppTest cannot leave a page midway):
the Review page's script is stopped the same way, by an exception raised while the review runs."""

from __future__ import annotations

import os
import re
import shutil
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from app_support import DATA, page
from cli_support import run_coach, unwrapped

from coach import store
from coach.config import load_settings
from coach.interview.listen import ReviewCancelled
from coach.interview.orchestrator import review_recording
from coach.interview.review import ReviewOptions

CLIP = DATA / "interviews" / "interview_three_fillers.flac"
DAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def _stopped_once(tmp_path_factory) -> Path:
    """A data directory as a review of CLIP stopped midway leaves it (`_stopped_review`): the
    recording kept with what was typed for it, the call's one chunk finished, no answer heard again
    yet. Made once: each test starts from a copy, so the call is transcribed once in this file."""
    folder = tmp_path_factory.mktemp("stopped-review")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COACH_DATA_DIR", str(folder))
        env.delenv("COACH_DATABASE_URL", raising=False)
        _stopped_review(folder)
    return folder


@pytest.fixture(name="data_dir")
def data_dir_fixture(request, tmp_path, monkeypatch, _stopped_once, earlier_reviews):
    """A copy of the data directory the stopped review left. The first test hears the answers
    again as it finishes the review; the others are given those answers as heard (conftest.
    earlier_reviews: what they check is what a stopped review keeps, offers and says, not how
    its answers are heard)."""
    shutil.copytree(_stopped_once, tmp_path, dirs_exist_ok=True)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    earlier_reviews(tmp_path, reuse=request.node.originalname != FINISHED_FROM_ITS_OWN_CHUNKS)
    return tmp_path


FINISHED_FROM_ITS_OWN_CHUNKS = "test_a_stopped_review_is_finished_as_it_was_asked_from_its_kept_chunks"


def _stopped_review(data_dir: Path) -> Path:
    """Review CLIP for a new interview at Hooli, stopped by the cancel callback once the audio's
    one chunk is finished (while the answers are heard again): returns the kept recording."""
    settings = load_settings(data_dir)
    db = store.open_store(settings)
    seen = []
    try:
        with pytest.raises(ReviewCancelled):
            review_recording(
                db,
                settings,
                CLIP.read_bytes(),
                ReviewOptions(n_speakers=2),
                original_name=CLIP.name,
                company="Hooli",
                role="Staff engineer",
                stage="onsite",
                interview_date=DAY,
                progress=seen.append,
                cancel=lambda: bool(seen) and seen[-1].chunks_done >= 1,
            )
        assert store.list_interviews(db) == []  # not logged: the review did not finish
    finally:
        db.close()
    return _kept(data_dir)


def _kept(data_dir: Path) -> Path:
    """The recording the stopped review kept."""
    [kept] = list(load_settings(data_dir).recordings_root.rglob("*.flac"))
    return kept


def _logged(data_dir: Path) -> list[dict]:
    db = store.open_store(load_settings(data_dir))
    try:
        return [
            i | {"recordings": store.get_interview(db, i["id"])["recordings"]}
            for i in store.list_interviews(db)
        ]
    finally:
        db.close()


def test_a_stopped_review_is_finished_as_it_was_asked_from_its_kept_chunks(data_dir):
    from coach.interview.orchestrator import resume_review
    from coach.unanalysed import stopped_reviews

    kept = _kept(data_dir)
    settings = load_settings(data_dir)
    db = store.open_store(settings)
    try:
        [waiting] = stopped_reviews(db)
        assert (waiting.original_name, waiting.company) == (CLIP.name, "Hooli")
        heard = []
        reviewed = resume_review(db, settings, db.absolute(waiting.path), progress=heard.append)
        assert max(p.chunks_reused for p in heard) == 1  # the chunk finished before the stop
        # said as the time of the call kept (`coach review`'s progress and the page's read "1 chunks
        # reused", then "1 chunk reused from an earlier run": "chunk" is no word of the user's)
        lines = [p.line() for p in heard if p.chunks_reused and not p.answers_heard and not p.step]
        assert lines and re.search(r", \d+:\d\d kept from an earlier review$", lines[-1]), lines
        assert not any("chunk" in line for line in lines), lines
        assert stopped_reviews(db) == []
    finally:
        db.close()
    [interview] = _logged(data_dir)
    assert (interview["company"], interview["role"], interview["stage"]) == (
        "Hooli",
        "Staff engineer",
        "onsite",
    )
    assert str(interview["interview_date"]) == DAY.isoformat()
    assert reviewed.result["saved"]["interview_id"] == interview["id"]
    [recording] = interview["recordings"]
    assert recording["recording_path"].endswith(kept.name)  # the copy kept before the stop
    assert kept.exists() and len(list(kept.parent.iterdir())) == 1  # one copy, its note gone


def test_the_review_page_offers_a_stopped_review_and_finishes_it(data_dir):
    at = page("review").run()
    assert not at.exception
    offered = [m.value.replace("\\", "") for m in at.markdown if "was stopped before it finished" in m.value]
    assert offered == [
        f"Your review of {CLIP.name} for Hooli was stopped before it finished; the recording is kept."
    ]
    at.button(key="review_resume_stopped").click().run()

    assert not at.exception and not at.error, [e.value for e in at.error]
    [interview] = _logged(data_dir)
    assert interview["company"] == "Hooli" and interview["answers"]
    assert any(s.value.startswith("Hooli · onsite") for s in at.header), [s.value for s in at.header]
    at.run()  # finished: not offered again
    assert not [m for m in at.markdown if "was stopped before it finished" in m.value]


def test_the_review_page_deletes_a_stopped_review_asked_first(data_dir):
    kept = _kept(data_dir)
    at = page("review").run()
    at.button(key="review_delete_stopped").click().run()
    assert kept.exists()
    at.button(key="review_delete_stopped_yes").click().run()
    assert not at.exception and not kept.exists()
    assert not [m for m in at.markdown if "was stopped before it finished" in m.value]
    assert "saved but not analysed" not in run_coach("history", data_dir=data_dir).stdout


def test_progress_names_a_stopped_review_at_its_upload_time_and_finishes_it(data_dir):
    kept = _kept(data_dir)
    uploaded = time.time() - 2 * 3600  # found by the store later than it was uploaded
    os.utime(kept, (uploaded, uploaded))
    (kept.parent / f".{kept.name}.question.json").touch()

    at = page("progress").run()
    assert not at.exception
    [listed] = at.selectbox(key="progress_not_analysed_pick").options
    assert listed.endswith(
        f"{datetime.fromtimestamp(uploaded):%H:%M} · {CLIP.name}, an interview recording for Hooli, "
        "whose review was stopped before it finished, so it can still be reviewed"
    ), listed
    at.button(key="progress_resume_review").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [interview] = _logged(data_dir)
    assert interview["company"] == "Hooli" and interview["answers"]


def test_coach_reanalyze_finishes_a_stopped_review_and_history_says_so_first(data_dir):
    before = run_coach("history", data_dir=data_dir)
    assert (
        f"{CLIP.name} (recordings/interview/" in unwrapped(before.stdout)
        and ", an interview recording for Hooli: its review was stopped before it finished; run "
        "`coach reanalyze` to finish it."
        in unwrapped(before.stdout)
    ), before.stdout

    done = run_coach("reanalyze", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert "1 interview recording reviewed, 0 failed" in done.stdout, done.stdout
    [interview] = _logged(data_dir)
    assert (interview["company"], interview["stage"]) == ("Hooli", "onsite") and interview["answers"]
    after = run_coach("history", data_dir=data_dir)
    assert "saved but not analysed" not in after.stdout and "Hooli · onsite" in after.stdout


def test_an_interview_recording_with_nothing_noted_is_said_to_need_coach_review(data_dir):
    """Kept before its interview was noted (an older version, or the note lost): nothing can say
    which interview it is, so nothing promises `coach reanalyze` finishes it."""
    kept = _kept(data_dir)
    (kept.parent / f".{kept.name}.question.json").unlink(missing_ok=True)
    hour_ago = time.time() - 3600
    os.utime(kept, (hour_ago, hour_ago))

    history = run_coach("history", data_dir=data_dir).stdout
    assert f"review it with `coach review {kept} --save --company NAME`." in unwrapped(history), history
    assert "coach reanalyze" not in history
    done = run_coach("reanalyze", data_dir=data_dir)
    assert "0 interview recordings reviewed, 1 failed" in done.stdout, done.stdout
    assert f"`coach review {kept} --save --company NAME`" in done.stderr, done.stderr

    reviewed = run_coach("review", kept, "--save", "--company", "Hooli", data_dir=data_dir)
    assert reviewed.returncode == 0, reviewed.stderr
    assert "saved but not analysed" not in run_coach("history", data_dir=data_dir).stdout
    assert len(list(kept.parent.glob("*.flac"))) == 1  # finished where it was kept, not copied again


def test_a_stopped_review_restored_from_a_backup_on_another_machine_can_still_be_finished(
    data_dir, tmp_path_factory, monkeypatch, earlier_reviews
):
    """A backup holds a stopped review's recording and what was typed for it, not its work so far
    (the chunks of the call already transcribed stay on the machine that did them, as a finished
    review's kept work does: `review_work` is not in a backup, and is remade by reviewing again).
    Restored on another machine, the Review page offers to finish it and finishing it logs it at
    Hooli as asked; the work is remade there (here given as this test process heard it before,
    conftest.earlier_reviews: what is checked is what the backup brings back)."""
    from coach.data_admin import export_bytes, import_bytes, import_sentence

    db = store.open_store(load_settings(data_dir))
    try:
        backup, _ = export_bytes(db)
    finally:
        db.close()
    laptop = tmp_path_factory.mktemp("new-laptop")
    monkeypatch.setenv("COACH_DATA_DIR", str(laptop))
    db = store.open_store(load_settings(laptop))
    try:
        said = import_sentence(import_bytes(db, backup))
    finally:
        db.close()
    assert said == "Imported 1 recording.", said
    earlier_reviews(laptop)

    at = page("review").run()
    assert not at.exception
    offered = [m.value.replace("\\", "") for m in at.markdown if "was stopped before it finished" in m.value]
    assert offered == [
        f"Your review of {CLIP.name} for Hooli was stopped before it finished; the recording is kept."
    ]
    at.button(key="review_resume_stopped").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [interview] = _logged(laptop)
    asked = (interview["company"], interview["role"], interview["stage"])
    assert asked == ("Hooli", "Staff engineer", "onsite"), asked
    assert interview["answers"] and str(interview["interview_date"]) == DAY.isoformat()
    [recording] = interview["recordings"]
    assert (laptop / recording["recording_path"]).is_file()  # the recording itself came with it
