"""A cohort's server in one time zone, a student's browser in another, in a real headless Chromium:
the pages give the student's "today" and date their answers on the student's clock.

The server runs 12 hours behind UTC and the browser 14 ahead (Playwright's timezone_id), 26 hours
apart, so the two never share a date. Screenshots go to $COACH_SCREENSHOTS (default: a temporary
folder)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach import store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, full_screenshot
from tests.store_support import analysis_dict, save_answer

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

SERVER = "Etc/GMT+12"
BROWSER = "Pacific/Kiritimati"
STUDENT = "ana@example.edu"
COHORT = 'multi_user = true\ntrusted_proxies = ["127.0.0.1"]\n'
# 11:30 on Tuesday 11 November on the server's clock; 13:30 on Wednesday 12 November on the student's
ANSWERED = datetime(2025, 11, 11, 23, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def cohort_app(tmp_path_factory, shots):
    data_dir = tmp_path_factory.mktemp("zone-data")
    (data_dir / "settings.toml").write_text(COHORT)
    db = store.open_store(load_settings(data_dir))
    try:
        save_answer(db.for_owner(STUDENT), "swe-beh-01", "Tell me about an incident you were involved in.",
                    analysis=analysis_dict(overall=71.4), created_at=ANSWERED)  # fmt: skip
    finally:
        db.close()
    with StreamlitServer(data_dir, shots / "streamlit-zone.log", env={"TZ": SERVER}) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _open(browser, url: str, zone: str):
    context = browser.new_context(
        extra_http_headers={"X-Forwarded-Email": STUDENT},
        timezone_id=zone,
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.goto(url)
    return context, page


def _last_practice(page) -> str:
    """The Progress page's "Last practice" figure, with the answer's row opened under Per question
    (the table draws on a canvas, so the screenshot shows its time; the figure is read as text)."""
    figure = page.locator('[data-testid="stMetric"]').filter(has_text="Last practice")
    figure.wait_for(timeout=30_000)
    page.locator('[data-testid="stExpander"]').filter(has_text="Tell me about an incident").locator(
        "summary"
    ).click()
    page.locator('[data-testid="stDataFrame"]').last.wait_for(timeout=30_000)
    return figure.locator('[data-testid="stMetricValue"]').inner_text()


def test_the_student_sees_their_own_today_and_their_own_day_for_an_answer(cohort_app, browser, shots):
    context, page = _open(browser, f"{cohort_app.url}/review", BROWSER)
    try:
        date_box = page.locator('[data-testid="stDateInput"] input').first
        date_box.wait_for(timeout=30_000)
        their_today = datetime.now(ZoneInfo(BROWSER)).date()
        assert their_today != datetime.now(ZoneInfo(SERVER)).date()
        assert date_box.input_value() == their_today.isoformat()
        page.screenshot(path=str(shots / "zone-review-kiritimati.png"))
        page.goto(f"{cohort_app.url}/progress")
        shown = _last_practice(page)
        full_screenshot(page, shots / "zone-progress-kiritimati.png")
        assert shown == "12 Nov 2025"
    finally:
        context.close()
    # the same answer from a browser on the server's clock reads as the server dates it
    context, page = _open(browser, f"{cohort_app.url}/progress", SERVER)
    try:
        shown = _last_practice(page)
        full_screenshot(page, shots / "zone-progress-server-zone.png")
        assert shown == "11 Nov 2025"
    finally:
        context.close()
