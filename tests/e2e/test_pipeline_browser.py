"""The Interviews page's pipeline in a real headless Chromium: one card per opportunity, and the
offers and options laid side by side (not a grid to scroll). Screenshots go to $COACH_SCREENSHOTS
(default: a temporary folder); the path is printed."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, full_screenshot, settled

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from app_support import seed_pipeline  # noqa: E402

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory, shots):
    data_dir = tmp_path_factory.mktemp("pipeline-data")
    db = store.open_store(load_settings(data_dir))
    try:
        seed_pipeline(db, date.today())
    finally:
        db.close()
    with StreamlitServer(data_dir, shots / "streamlit-pipeline.log") as running:
        yield running


@pytest.fixture
def page(server):
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        yield context.new_page()
        context.close()


def test_the_pipeline_and_the_options_side_by_side(server, page, shots):
    page.goto(f"{server.url}/interviews")
    page.get_by_text("Initech · Platform lead").wait_for(timeout=60_000)
    page.get_by_text("2 out of 5", exact=True).wait_for(timeout=60_000)  # the interest metric drawn
    time.sleep(1.5)
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_text("has fallen since the recruiter screen").is_visible()
    full_screenshot(page, shots / "interviews-pipeline.png")

    page.get_by_text("first round · ").first.click()  # open a stage: its debrief, notes and form
    page.get_by_text("What went well").locator("visible=true").first.wait_for(timeout=30_000)  # the form
    assert page.get_by_role("tab", name="Edit the debrief").locator("visible=true").count() == 1
    notes = page.get_by_text("Team seems stretched; on-call every third week.").locator("visible=true")
    assert notes.count() >= 2  # on the card and in the opened stage
    full_screenshot(page, shots / "interviews-stage.png")

    page.get_by_role("tab", name="Offers and options").click()
    compensation = [
        page.get_by_text(text, exact=False).locator("visible=true").first
        for text in ("150k base + 10% bonus", "about 700 a day", "135k base + 8% bonus")
    ]
    compensation[0].wait_for(timeout=30_000)
    time.sleep(1)
    boxes = [c.bounding_box() for c in compensation]
    assert all(boxes), boxes
    # one row, left to right, each card wide enough to read (a third of the page, less gaps)
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 5 and abs(boxes[1]["y"] - boxes[2]["y"]) < 5
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    assert page.get_by_test_id("stDataFrame").count() == 0
    full_screenshot(page, shots / "interviews-options.png")

    # an action on the tab keeps you on it: adding an option jumped back to "Pipeline"
    page.get_by_label("Company (or 'current job')").fill("Contoso")
    page.get_by_role("button", name="Add option").click()
    page.get_by_text("Option added.").wait_for(timeout=60_000)
    # read once the run that drew the message has drawn the whole page: a clean-clone run read no
    # tab selected at all (the tabs not drawn again yet), where which tab is chosen is the question
    settled(page)
    selected = page.locator("[role=tab][aria-selected=true]").locator("visible=true").all_inner_texts()
    assert "Offers and options" in selected and "Pipeline" not in selected, selected
