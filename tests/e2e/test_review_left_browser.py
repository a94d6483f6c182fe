"""The Review page left while a review runs, in a real headless Chromium: Streamlit stops the page's
script midway, the recording stays kept with what was typed for it, and coming back offers to
finish it, which logs the interview. A tester found an empty form, no Hooli interview, and a
"not analysed" recording that `coach reanalyze` skipped."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from coach.ui import left_midway
from tests.e2e.server import CHROMIUM, StreamlitServer, full_screenshot

DATA = Path(__file__).resolve().parents[1] / "data"
CLIP = DATA / "interviews" / "interview_short.flac"  # 24 s: a review to leave, then finish
OFFER = f"Your review of {CLIP.name} for Hooli was stopped before it finished"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture
def app(tmp_path, shots):
    with StreamlitServer(tmp_path, shots / "streamlit-review-left.log") as server:
        yield server, tmp_path


def _kept(data_dir: Path) -> list[Path]:
    folder = data_dir / "recordings" / "interview"
    return (
        [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
        if folder.is_dir()
        else []
    )


def _companies(data_dir: Path) -> list[str]:
    db = store.open_store(load_settings(data_dir))
    try:
        return [i["company"] for i in store.list_interviews(db)]
    finally:
        db.close()


def test_a_review_left_midway_is_offered_on_the_way_back_and_finished(app, page, shots, earlier_reviews):
    """Once the review has stopped, the data directory is given the work earlier reviews of CLIP in
    this test process left, as the review there would have kept it had it run further before the
    page was left (conftest.earlier_reviews): finishing it then resumes from that work instead of
    transcribing the call again, which is not what this test is about."""
    server, data_dir = app
    page.goto(server.url + "/review")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(CLIP))
    page.get_by_test_id("stFileChipName").wait_for(timeout=30_000)
    page.get_by_label("Company").fill("Hooli")
    page.get_by_role("button", name="Analyse the interview").click()
    page.get_by_text("Working on the interview…").wait_for(timeout=60_000)
    deadline = time.monotonic() + 120
    while not _kept(data_dir):  # the upload kept: the long work has started
        assert time.monotonic() < deadline, "the recording was not kept in time"
        time.sleep(0.2)
    page.get_by_role("link", name="Progress").click()  # left while it runs
    left = time.monotonic()
    # the review stopped with the page's script: listed at once as an interview recording to review
    page.get_by_text("1 recording not analysed").wait_for(timeout=60_000)
    # once the review's run had stopped, within a second or so: not after Progress gave up waiting
    # for it (the run's end went unmarked, and the page was blank for all of WAIT_S)
    assert time.monotonic() - left < left_midway.WAIT_S
    assert _companies(data_dir) == []  # not finished, so not logged yet
    earlier_reviews(data_dir)

    page.get_by_role("link", name="Review a real interview").click()
    page.get_by_text(OFFER).wait_for(timeout=120_000)
    full_screenshot(page, shots / "review-left-offer.png")
    page.get_by_role("button", name="Review it now").click()
    page.get_by_text("Interview analysed and saved").wait_for(timeout=300_000)
    assert _companies(data_dir) == ["Hooli"]
    assert page.get_by_test_id("stException").count() == 0
