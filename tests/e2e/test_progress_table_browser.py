"""Progress's tables in a real headless Chromium: a table of a few rows shows every row, with no
scrolling inside it. Screenshots go to $COACH_SCREENSHOTS (default: a temporary folder)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, redrawn
from tests.store_support import analysis_dict, save_answer, save_real_answers

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
# Every table on the page: its first header, and how far its columns reach past its right edge.
EVERY_TABLE_SIDEWAYS = """() => [...document.querySelectorAll('[data-testid=stDataFrame]')].map(t => {
    const scroller = t.querySelector('.dvn-scroller');
    const header = t.querySelector('table thead th');
    return [header ? header.innerText.trim() : '', scroller.scrollWidth - scroller.clientWidth];
})"""
# The main column's text that ends past the window's right edge (a table's canvas aside, and a row of
# tabs, which scrolls with an arrow).
PAST_THE_EDGE = """() => [...document.querySelectorAll(
    '[data-testid=stMain] [data-testid=stMarkdownContainer]')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('[role=tablist]'))
    .map(e => e.innerText.slice(0, 60))"""
PHONE = {"width": 390, "height": 844}
# At least `n` tables on the page drawn (their scroller there).
TABLES_DRAWN = """(n) => [...document.querySelectorAll('[data-testid=stDataFrame]')]
    .filter(t => t.querySelector('.dvn-scroller')).length >= n"""


def tables_drawn(page, n: int) -> None:
    """Wait until `n` tables are drawn and the page has stopped changing (a fixed 1-1.5 s each time
    before). Up to a minute, as for the page's first heading: on a clean clone beside other test
    runs (load 6-8) the two questions' tables took over 30 s; alone they take a second or two."""
    page.wait_for_function(TABLES_DRAWN, arg=n, polling=100, timeout=60_000)
    redrawn(page)


def phone_screenshot(page, path: Path) -> None:
    """The whole page at a phone's width (Streamlit scrolls inside its main block: grow the window)."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": PHONE["width"], "height": min(int(height), 8000)})
    redrawn(page)
    page.screenshot(path=str(path))
    page.set_viewport_size(PHONE)


def test_every_measure_of_practice_against_real_shows_without_scrolling(tmp_path, shots):
    """Eleven measures: "pitch variation", the last, was behind a scroll inside the table. In half a
    laptop's screen (640 px) every column is in view too: the real interviews' answers and the
    comfortable band were 137 px to the right, behind a sideways scroll.

    On a phone (390 px) every figure of every table is in view too, with no sideways scroll: Progress's
    every-measure table hid its real interviews (224 px), a question's table its figures past a
    fixed-width "Kind" column (297-346 px), and the Interviews card's answers table 461 px."""
    db = store.open_store(load_settings(tmp_path))
    try:
        for days_ago in (9, 2):
            save_answer(db, "mot-05", "Tell me about yourself.", analysis=analysis_dict(),
                        created_at=datetime.now(UTC) - timedelta(days=days_ago))  # fmt: skip
        held = (datetime.now(UTC) - timedelta(days=1)).date()
        interview_id = store.add_interview(
            db, company="Globex Corporation International", role="Senior platform reliability engineer",
            stage="first round", interview_date=held,
        )  # fmt: skip
        led = "Tell me about a time you led a project or team without formal authority."
        save_real_answers(db, interview_id, [
            {"question_id": "mot-05", "question_text": "Tell me about yourself.",
             "analysis": analysis_dict()},
            {"question_id": "beh-lead-01", "question_text": led, "analysis": analysis_dict(wpm=182.0)},
        ])  # fmt: skip
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
        table.locator(".dvn-scroller").wait_for(timeout=30_000)  # drawn, its rows listed
        table.locator("table tbody tr").first.wait_for(state="attached", timeout=30_000)
        redrawn(page)
        shown = table.evaluate(SCROLL_LEFT)
        expander.screenshot(path=str(shots / "progress-every-measure.png"))
        page.set_viewport_size({"width": 640, "height": 844})
        redrawn(page)
        sideways = table.evaluate(SIDEWAYS)
        expander.screenshot(path=str(shots / "progress-every-measure-640.png"))
        page.set_viewport_size(PHONE)
        for question in page.get_by_test_id("stExpander").filter(has_text="Tell me about").all():
            question.locator("summary").click()
        tables_drawn(page, 3)  # the every-measure table and the two questions'
        on_progress = page.evaluate(EVERY_TABLE_SIDEWAYS)
        progress_past_edge = page.evaluate(PAST_THE_EDGE)
        phone_screenshot(page, shots / "progress-390.png")
        page.goto(f"{server.url}/interviews")
        page.get_by_text("first round ·").first.wait_for(timeout=60_000)
        page.get_by_text("first round ·").first.click()
        page.get_by_text("Your answers, as the review measured them").wait_for(timeout=30_000)
        page.get_by_text(led).first.wait_for(timeout=30_000)  # the answers listed (no table now)
        redrawn(page)
        on_interviews = page.evaluate(EVERY_TABLE_SIDEWAYS)
        interviews_past_edge = page.evaluate(PAST_THE_EDGE)
        phone_screenshot(page, shots / "interviews-390.png")
        context.close()
    assert shown["rows"] == 11, shown  # the grid's accessible table lists every measure
    assert shown["hidden"] <= 1, shown
    assert sideways <= 1, sideways
    # the every-measure table and the two questions' tables, each whole at 390 px
    assert len(on_progress) >= 3 and all(hidden <= 1 for _, hidden in on_progress), on_progress
    assert not progress_past_edge, progress_past_edge
    # the Interviews card lists its answers as lines, not as a table to scroll sideways (the check
    # that its tables fit could no longer fail once the table went: there was none)
    assert on_interviews == [], on_interviews
    assert not interviews_past_edge, interviews_past_edge


def test_a_question_answered_for_over_a_year_shows_every_figure_on_a_phone(tmp_path, shots):
    """After a year of use a question's table on a phone (390 px) had its last column out of view
    (7-14 px, "Length" read "Lengtl") in 9 of the 15 questions listed: each answer from last year read
    '28 Dec 2025 practice', too wide for the column beside four figures. An answer from more than ten
    year back now reads 'Dec 2025 practice'; one of the last year '28 Dec practice'. Every answer
    shown, they are in view too: the table is drawn anew, its first column as wide as its oldest day
    (it kept the width of the newest fifteen, and a phone cut "Dec 2025 practic")."""
    db = store.open_store(load_settings(tmp_path))
    now = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    try:
        # a year and a half of one question: every month's 28th (a two-digit day, every month's name)
        for months_ago in range(1, 19):
            year, month = divmod(now.year * 12 + now.month - 1 - months_ago, 12)
            save_answer(db, "mot-05", "Tell me about yourself.", analysis=analysis_dict(),
                        created_at=now.replace(year=year, month=month + 1, day=28))  # fmt: skip
        held = now.replace(year=now.year - 1, day=28).date()
        interview_id = store.add_interview(db, company="Globex", stage="first round", interview_date=held)
        asked = {"question_id": "mot-05", "question_text": "Tell me about yourself."}
        save_real_answers(db, interview_id, [{**asked, "analysis": analysis_dict()}])
    finally:
        db.close()
    with StreamlitServer(tmp_path, shots / "streamlit-progress-year.log") as server, chromium() as browser:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(f"{server.url}/progress")
        question = page.get_by_test_id("stExpander").filter(has_text="Tell me about yourself.")
        question.wait_for(timeout=60_000)
        question.locator("summary").click()
        table = question.get_by_test_id("stDataFrame")
        table.locator(".dvn-scroller").wait_for(timeout=30_000)
        redrawn(page)
        sideways = table.evaluate(SIDEWAYS)
        question.screenshot(path=str(shots / "progress-a-year-390.png"))
        question.get_by_text("Show all").click()
        every = question.get_by_test_id("stDataFrame")
        page.wait_for_function(TABLES_DRAWN, arg=1, polling=100, timeout=30_000)
        redrawn(page)
        every_sideways = every.evaluate(SIDEWAYS)
        phone_screenshot(page, shots / "progress-a-year-every-answer-390.png")
        context.close()
    assert sideways <= 1, sideways
    assert every_sideways <= 1, every_sideways
