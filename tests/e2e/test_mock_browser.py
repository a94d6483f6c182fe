"""A two-question mock interview in a real headless Chromium: the question plays, the answer is
recorded with the fake microphone, a follow-up is asked, the report shows.

Screenshots go to $COACH_SCREENSHOTS (default: a temporary folder); the path is printed.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from coach.audio import load_audio
from coach.config import load_settings
from coach.store import get_attempt, list_attempts, open_store
from coach.store.mock_sessions import list_mock_sessions
from tests.e2e.server import (
    CHROMIUM,
    StreamlitServer,
    chromium,
    full_screenshot,
    microphone_args,
    settled,
    similarity,
)

# a story with no result (11.6 s; scripts/make_mock_answers.sh): "Tell me about yourself." is followed up
# by its bank follow-up, the story question by "What was the outcome?"
CLIP = Path(__file__).resolve().parents[1] / "data" / "mock" / "browser" / "story.wav"

# the clip's words start at once: 1.5 s of it is a reply of a few words, under the quality gate as
# 3 s was (a follow-up's reply is never scored for a follow-up of its own)
FOLLOW_UP_TAKE_S = 1.5
# a question's take runs this long past the clip: the clip starts when the recorder opens the
# microphone, before "Stop recording" shows, so the whole clip is in the take (1.0 s cost 1 s a take)
CLIP_MARGIN_S = 0.5

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def app(tmp_path_factory, shots):
    data_dir = tmp_path_factory.mktemp("mock-browser-data")
    with StreamlitServer(data_dir, shots / "streamlit-mock.log") as server:
        yield server, data_dir


@pytest.fixture(scope="module")
def page():
    with chromium([*microphone_args(CLIP), "--autoplay-policy=no-user-gesture-required"]) as browser:
        context = browser.new_context(permissions=["microphone"], viewport={"width": 1280, "height": 900})
        yield context.new_page()
        context.close()


def _question_played(page) -> dict:
    """The spoken question's <audio>: it autoplayed (time moved, or it ended) and has a length, read
    from the same element in the same moment. Read apart, a clean-clone run on a busy machine got
    {'duration': nan}: the page redrew the audio between the two reads, and the new element had not
    loaded its length yet."""
    played = page.wait_for_function(
        "() => { const a = document.querySelector('audio');"
        " return a && (a.currentTime > 0 || a.ended) && Number.isFinite(a.duration)"
        " ? {duration: a.duration} : null; }",
        timeout=30_000,
    )
    return played.json_value()


def _answer(page, take_s: float) -> None:
    """Record one take once the turn's run has drawn the page (Streamlit's run state on its root
    element): the turn's heading shows while it still runs, and a click then was lost, 10 s before
    it was tried again. A click that lands while the page is still redrawing is tried again."""
    record = page.get_by_role("button", name="Record", exact=True)
    stop = page.get_by_role("button", name="Stop recording")
    for _ in range(3):
        record.wait_for(timeout=30_000)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'",
            timeout=60_000,
        )
        # the pointer left where the last click was: a tooltip shown there (the last turn's Stop, a
        # help mark) can lie over Record and take the click, as it did in a clean-clone run on a busy
        # machine (30 s of "stTooltipContent … intercepts pointer events")
        page.mouse.move(1, 1)
        try:
            record.click(timeout=10_000)
            stop.wait_for(timeout=10_000)
            break
        except Exception:
            continue
    # Stop takes the focus Record had (it fell to the page: a keyboard could not stop the take)
    page.wait_for_function("() => document.activeElement?.getAttribute('aria-label') === 'Stop recording'")
    time.sleep(take_s)
    stop.click()


def test_a_two_question_mock_interview_in_the_browser(app, page, shots):
    server, data_dir = app
    settings = load_settings(data_dir)
    clip_s = len(load_audio(CLIP, settings).samples) / 16000
    page.goto(server.url + "/mock")
    page.get_by_role("heading", name="Set up the interview").wait_for(timeout=30_000)
    slider = page.get_by_role("slider")
    slider.focus()
    for _ in range(4):  # from the behavioural round's 6 questions down to 2
        slider.press("ArrowLeft")
    page.get_by_text(re.compile("^2$")).first.wait_for(timeout=10_000)
    page.get_by_role("button", name="Start the mock interview").click()

    headings: list[str] = []
    turn_heading = re.compile(r"^(Question \d of 2|Follow-up|How the interview went)$")
    try:
        for _ in range(6):
            heading = page.get_by_role("heading", name=turn_heading).first
            heading.wait_for(timeout=120_000)
            name = heading.inner_text()
            if name == "How the interview went":
                break
            headings.append(name)
            played = _question_played(page)
            assert played["duration"] > 0.5, played  # a spoken question, not an empty file
            if len(headings) == 1:
                # while it runs, reloading or closing the tab asks first (it ended the interview unsaid)
                assert page.evaluate("() => typeof window.onbeforeunload") == "function"
                assert page.get_by_text("Tell me about yourself.").count() == 0  # hidden until asked for
                page.get_by_role("button", name="Show the question").click()
                page.get_by_text("Tell me about yourself.").wait_for(timeout=10_000)
                full_screenshot(page, shots / "mock-question.png")
                page.keyboard.press("Escape")
            # a question's answer must be scored (the quality gate: 10 s and 20 words) for its
            # follow-up to be chosen; a follow-up's answer chooses nothing (a follow-up never
            # follows a follow-up, and a short reply moves the interview on: coach.mock.session),
            # so a few words of the clip answer it (its report row: tests/test_app_mock.py)
            _answer(page, clip_s + CLIP_MARGIN_S if name != "Follow-up" else FOLLOW_UP_TAKE_S)
            # the next turn (its heading differs from this one: a follow-up never follows a follow-up)
            page.wait_for_function(
                "(before) => { const h = [...document.querySelectorAll('h2')].map(e => e.innerText.trim());"
                " return h.length && !h.includes(before)"
                " && !document.querySelector('[data-testid=stStatusWidget]'); }",
                arg=name,
                timeout=180_000,
            )
    except Exception:
        full_screenshot(page, shots / "mock-failed.png")
        raise
    page.get_by_role("heading", name="How the interview went").wait_for(timeout=120_000)
    # the report's last element: on a loaded machine the heading showed while its rows were still
    # empty boxes, and the page was read before they were drawn
    page.get_by_role("button", name="Start another mock interview").wait_for(timeout=120_000)
    full_screenshot(page, shots / "mock-report.png")
    assert page.evaluate("() => window.onbeforeunload") is None  # over: leaving asks nothing
    assert headings[:2] == ["Question 1 of 2", "Follow-up"], headings
    assert "Question 2 of 2" in headings
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert re.search(r"Follow-up: .+\?", main) and "Why:" in main
    assert "Follow-up: What was the outcome?" in main  # the story told no result
    # a screen reader hears "Follow-up: ...", not first the arrow's name ("subdirectory_arrow_right icon")
    said = page.locator('[data-testid="stMain"]').aria_snapshot()
    assert "Follow-up:" in said and "subdirectory_arrow_right" not in said
    assert "used of the 10 minutes 2 questions take in a behavioural round" in main
    # on a phone the four figures sit two by two: stacked one a line, they filled the first screen
    # (Questions, Follow-ups, Time used and Overall score took about 370 px at 390 px wide)
    page.set_viewport_size({"width": 390, "height": 900})
    settled(page)
    tops = page.get_by_test_id("stMetric").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    assert len(tops) == 4 and len(set(tops)) == 2, tops

    db = open_store(settings)
    try:
        [session] = list_mock_sessions(db, with_turns=True)
        attempts = list_attempts(db, newest_first=False)
        replies = [
            get_attempt(db, t["attempt_id"])["analysis"]["transcript"]
            for t in session["turns"]
            if t["kind"] == "follow_up"
        ]
    finally:
        db.close()
    assert [t["kind"] for t in session["turns"]][:2] == ["question", "follow_up"]
    assert len(replies) == 2 and all(len(r.split()) >= 2 for r in replies), replies  # heard, with words
    recorded = load_audio(data_dir / attempts[0]["recording_path"], settings).samples
    assert similarity(recorded, load_audio(CLIP, settings).samples) > 0.8  # the take is the clip


def test_the_session_shows_on_progress_as_its_own_series(app, page, shots):
    server, _ = app
    page.goto(server.url + "/progress")
    page.get_by_role("heading", name="Mock interviews").wait_for(timeout=60_000)
    # the table is drawn after the heading: on a clean-clone run its box was still empty 1.5 s on
    # (the screenshot shows it), so the test waits for its row to be in the page
    page.get_by_text("Behavioural round").first.wait_for(state="attached", timeout=60_000)
    settled(page)  # the run over, then the elements still (full_screenshot): not a fixed 1.5 s
    full_screenshot(page, shots / "mock-progress.png")
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_text("Behavioural round").count() >= 1
