"""The answer clock's preparation countdown in a real headless Chromium: what it says to note fits
the question ("Tell me about yourself." is no story to note as situation, task, action, result).

Screenshots go to $COACH_SCREENSHOTS (default: a temporary folder); the path is printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach import banks
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer, chromium

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def app(tmp_path_factory, shots):
    data_dir = tmp_path_factory.mktemp("timer-browser-data")
    # typed on the Practice page, kept as the user's own: filed as motivation from its wording
    banks.add_user_question(data_dir, "Why do you want to leave your current job?")
    with StreamlitServer(data_dir, shots / "streamlit-timer.log") as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    """A microphone exists, but this browser is not allowed to use it (no fake consent, and no
    permission granted to a context): the countdown needs none, the blocked microphone is refused."""
    with chromium(CHROMIUM_ARGS + ["--use-fake-device-for-media-stream"]) as launched:
        yield launched


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_the_countdown_for_a_motivation_question_asks_for_points_not_a_story(app, page, shots):
    page.goto(app.url)
    own = page.get_by_text("Your own", exact=True)
    own.wait_for(timeout=60_000)
    page.wait_for_timeout(1_500)  # the page settles: a click during its redraw is lost
    listed = page.get_by_text("Why do you want to leave your current job?").first
    for _ in range(3):  # the tab, until it shows the question (on a busy machine a click can be lost)
        own.click()
        try:
            listed.wait_for(timeout=10_000)
            break
        except Exception:  # noqa: BLE001 - playwright's timeout: click the tab again
            continue
    page.get_by_role("button", name="Answer “Why do you want to leave your current job?”").click()
    page.get_by_role("heading", name="Why do you want to leave your current job?").wait_for(timeout=30_000)
    page.get_by_role("button", name="Record", exact=True).wait_for(timeout=30_000)
    page.locator("#cf-clock").wait_for(timeout=10_000)
    # the clock, its note and its button are in the app's typeface: they named 'Source Sans Pro',
    # which the app does not have (its font is "Source Sans"), and were drawn in the system's font
    fonts = page.evaluate(
        "() => ['cf-prep', 'cf-clock', 'cf-note'].map(id =>"
        " getComputedStyle(document.getElementById(id)).fontFamily)"
    )
    app_font = page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=stCaptionContainer]')).fontFamily"
    )
    first = [f.split(",")[0].strip("\"' ") for f in [app_font, *fonts]]
    assert first == ["Source Sans"] * 4, (fonts, app_font)
    page.wait_for_timeout(1_500)  # the page settles: a click during its redraw is lost
    page.get_by_role("button", name="Prepare 30 s").click()
    note = page.locator("#cf-note")
    page.wait_for_function(
        "() => document.getElementById('cf-timer').dataset.mode === 'preparing'", timeout=10_000
    )
    page.wait_for_timeout(600)  # a tick of the clock (every 250 ms)
    assert note.inner_text() == "preparing: note the two or three points you will make"
    page.locator("#cf-timer").screenshot(path=str(shots / "answer-clock-preparing-free.png"))


def test_a_blocked_microphone_is_said_with_what_to_do(app, browser, shots):
    """With the microphone refused, Record showed only the recorder's own "This app would like to use
    your microphone. Learn how to allow access." (a page on the web) and the clock went on saying
    "the clock starts with the recording": nothing said how to record here, nor that a file can be
    uploaded instead."""
    context = browser.new_context(viewport={"width": 390, "height": 900})  # no microphone permission
    try:
        page = context.new_page()
        page.goto(app.url)
        page.get_by_role("button", name="Answer your first question").click()
        record = page.get_by_role("button", name="Record", exact=True)
        record.wait_for(timeout=60_000)
        page.locator("#cf-clock").wait_for(timeout=10_000)
        page.wait_for_timeout(1_500)  # the page settles: a click during its redraw is lost
        record.click()
        page.wait_for_function(
            "() => document.getElementById('cf-timer').dataset.mode === 'blocked'", timeout=15_000
        )
        note = page.locator("#cf-note").inner_text()
        assert note.startswith("The browser did not let the coach use the microphone"), note
        assert "reload this page" in note and "Upload a file" in note, note
        assert page.locator("#cf-clock").inner_text() == "0:00"
        page.screenshot(path=str(shots / "microphone-blocked-390.png"))
    finally:
        context.close()
