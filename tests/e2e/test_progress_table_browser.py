"""Progress's tables in a real headless Chromium: a table of a few rows shows every row, with no
scrolling inside it. Screenshots go to $COACH_SCREENSHOTS (default: a temporary folder)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, redrawn
from tests.store_support import analysis_dict, save_answer

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

# How far each table's rows reach past what it shows (0: every row in view), and its row count.
SCROLL_LEFT = """(table) => {
    const scroller = table.querySelector('.dvn-scroller');
    return {hidden: scroller.scrollHeight - scroller.clientHeight,
            rows: table.querySelectorAll('table tbody tr').length};
}"""
# How far a table's columns reach past its right edge (0: every column in view).
SIDEWAYS = """(table) => {
    const scroller = table.querySelector('.dvn-scroller');
    return scroller.scrollWidth - scroller.clientWidth;
}"""


def test_every_measure_of_practice_against_real_shows_without_scrolling(tmp_path, shots):
    """Eleven measures: "pitch variation", the last, was behind a scroll inside the table. In half a
    laptop's screen (640 px) every column is in view too: the real interviews' answers and the
    comfortable band were 137 px to the right, behind a sideways scroll."""
    db = store.open_store(load_settings(tmp_path))
    try:
        for days_ago in (9, 2):
            save_answer(db, "mot-05", "Tell me about yourself.", analysis=analysis_dict(),
                        created_at=datetime.now(UTC) - timedelta(days=days_ago))  # fmt: skip
    finally:
        db.close()
    with StreamlitServer(tmp_path, shots / "streamlit-progress-table.log") as server, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{server.url}/progress")
        every = page.get_by_text("Practice against real interviews, every measure")
        every.wait_for(timeout=60_000)
        every.click()
        expander = page.get_by_test_id("stExpander").filter(has_text="every measure")
        table = expander.get_by_test_id("stDataFrame")
        table.wait_for(timeout=30_000)
        time.sleep(1.5)
        shown = table.evaluate(SCROLL_LEFT)
        expander.screenshot(path=str(shots / "progress-every-measure.png"))
        page.set_viewport_size({"width": 640, "height": 844})
        redrawn(page)
        sideways = table.evaluate(SIDEWAYS)
        expander.screenshot(path=str(shots / "progress-every-measure-640.png"))
        context.close()
    assert shown["rows"] == 11, shown  # the grid's accessible table lists every measure
    assert shown["hidden"] <= 1, shown
    assert sideways <= 1, sideways
