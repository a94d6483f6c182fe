"""The Progress page's "Your goals" form in a real headless Chromium: a number past a goal's bounds.

The fields carried the goals' bounds, and Streamlit's browser side refuses a form holding a number
outside its field's: "Save goals" with a pace goal of 400 did nothing and said nothing by the button,
and an overall score goal of 85 typed with it was not saved either. AppTest sends the number as typed,
so only a browser sees this.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach import goals, store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, full_screenshot, settled

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

PACE = "Pace goal (words per minute)"
OVERALL = "Overall score goal"


def stored_goals(data_dir: Path) -> dict:
    db = store.open_store(load_settings(data_dir))
    try:
        return goals.your_goals(db)["targets"]
    finally:
        db.close()


def type_into(form, label: str, value: str) -> None:
    field = form.get_by_role("spinbutton", name=label)
    field.fill(value)
    field.press("Tab")


def test_a_goal_past_its_bounds_is_refused_in_a_sentence_and_the_next_save_keeps_both(tmp_path, shots):
    with StreamlitServer(tmp_path, shots / "streamlit-goals.log") as server, chromium() as browser:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{server.url}/progress")
        page.get_by_role("button", name=re.compile("Set your goals")).wait_for(timeout=60_000)
        settled(page)
        page.get_by_role("button", name=re.compile("Set your goals")).click()
        form = page.get_by_role("dialog")
        type_into(form, OVERALL, "85")
        type_into(form, PACE, "400")
        form.get_by_role("button", name="Save goals").click()
        said = form.get_by_text("A pace goal is between 100 and 200 words per minute, not 400.")
        said.wait_for(timeout=30_000)  # nothing was said by the button, and nothing saved
        full_screenshot(page, shots / "goals-refused.png")
        assert stored_goals(tmp_path) == {}, "a bad value stores nothing"
        type_into(form, PACE, "150")
        form.get_by_role("button", name="Save goals").click()
        page.get_by_text("Targets:").wait_for(timeout=30_000)
        assert stored_goals(tmp_path) == {"wpm": 150, "score_overall": 85}
