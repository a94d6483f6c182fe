"""The answer clock's script in a real headless Chromium, on its own (no app, no microphone): a
recorder's Stop button shown and taken away as Streamlit's is, and the page's redraw once the take is
analysed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coach.ui.timer import timer_html
from tests.e2e.server import CHROMIUM, chromium

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

# Streamlit's recorder as the clock finds it (timer.RECORDING_SELECTOR): its Stop button only while it records
RECORDER = '<div data-testid="stAudioInput"><button aria-label="Stop recording">Stop</button></div>'
MODE = "document.getElementById('cf-timer').dataset.mode === '{}'"


def test_the_stopped_clock_reads_the_takes_length_as_the_page_does():
    """The clock counted from when it saw the Stop button to when it saw it go, four looks a
    second: 16.02 s for a take of 15.84 s, stopped at "0:16" beside the recorder's "00:15" and a
    Length the page rounded to "0:16". Once the take is analysed the page draws the clock again with
    the take's length, and it stops at the whole seconds its Length says (here 1.96 s: 0:01)."""
    with chromium() as browser:
        page = browser.new_page()
        page.set_content(timer_html(75, take="q-1") + f'<div id="recorder">{RECORDER}</div>')
        page.wait_for_function(MODE.format("answering"), timeout=5_000)
        time.sleep(2.2)  # the clock's own count: 2.2 s and up to a look (0.25 s) more
        page.evaluate("document.getElementById('recorder').innerHTML = ''")  # stopped
        page.wait_for_function(MODE.format("stopped"), timeout=5_000)
        assert page.locator("#cf-clock").inner_text() == "0:02"  # its own count, until the take is analysed
        # the page's redraw with the analysed take: the same take, its length now known
        redrawn = timer_html(75, take="q-1", took_s=1.96)
        page.evaluate(
            "html => { const box = document.getElementById('cf-timer');"
            " const t = document.createElement('template'); t.innerHTML = html;"
            " box.replaceWith(t.content.getElementById('cf-timer')); }",
            redrawn,
        )
        page.wait_for_function("document.getElementById('cf-clock').innerText === '0:01'", timeout=5_000)
        assert page.locator("#cf-note").inner_text() == "your answer took 0:01 (target 1:15)"
        # a new take (Try again) starts from 0:00, whatever the last one's length
        page.evaluate(
            "html => { const box = document.getElementById('cf-timer');"
            " const t = document.createElement('template'); t.innerHTML = html;"
            " box.replaceWith(t.content.getElementById('cf-timer')); }",
            timer_html(75, take="q-2"),
        )
        page.wait_for_function("document.getElementById('cf-clock').innerText === '0:00'", timeout=5_000)
