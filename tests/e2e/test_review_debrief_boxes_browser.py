"""The debrief drafted by a review, in a real headless Chromium at a desktop's and a phone's width:
each box is as tall as what it holds, up to a maximum past which it scrolls. "What went well" was
filled with more lines than its box showed, so the draft scrolled inside a three-line box.
Screenshots go to $COACH_SCREENSHOTS (default: a temporary folder); the path is printed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.e2e.server import CHROMIUM, StreamlitServer, redrawn, settled

DATA = Path(__file__).resolve().parents[1] / "data"
CLIP = DATA / "interviews" / "interview_short.flac"  # two voices: the review drafts the debrief
DRAFTED = ("What went well", "What could be better")

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

# How far a box's text runs past what it shows (0 when all of it is shown), and how tall it is.
HIDDEN = "el => [el.scrollHeight - el.clientHeight, el.getBoundingClientRect().height]"


@pytest.fixture
def app(tmp_path, shots, earlier_reviews):
    earlier_reviews(tmp_path)  # this test is of the debrief's boxes, not of transcribing
    with StreamlitServer(tmp_path, shots / "streamlit-review-debrief-boxes.log") as server:
        yield server


def _shoot(page, width: int, path: Path) -> None:
    """The whole page at `width`: the viewport grown to the content, as full_screenshot does."""
    page.set_viewport_size({"width": width, "height": 900})
    redrawn(page)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 900")
    page.set_viewport_size({"width": width, "height": min(max(int(height), 900), 8000)})
    redrawn(page)
    page.screenshot(path=str(path))
    # and the debrief's boxes close up, to look at
    top = page.get_by_label(DRAFTED[0], exact=True).bounding_box()["y"]
    page.screenshot(
        path=str(path.with_suffix(".debrief.png")),
        clip=dict(x=0, y=max(top - 80, 0), width=width, height=700),
    )


def test_the_drafted_debrief_shows_all_it_holds_at_a_desktops_and_a_phones_width(app, page, shots):
    page.goto(app.url + "/review")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(CLIP))
    page.get_by_test_id("stFileChipName").wait_for(timeout=30_000)
    page.get_by_label("Company").fill("Hooli")
    page.get_by_role("button", name="Analyse the interview").click()
    page.get_by_text("Who is who").wait_for(timeout=300_000)
    settled(page, timeout_ms=180_000)
    went_well = page.get_by_label("What went well", exact=True)
    deadline = time.monotonic() + 60  # a loaded machine can still be filling the form in
    while len(went_well.input_value().splitlines()) < 2:  # a draft of some lines to show
        assert time.monotonic() < deadline, went_well.input_value()
        time.sleep(0.5)
    for width in (1280, 390):
        _shoot(page, width, shots / f"review-debrief-{width}.png")
        for label in DRAFTED:
            box = page.get_by_label(label, exact=True)
            hidden, _ = box.evaluate(HIDDEN)
            assert hidden <= 1, f"{label} at {width} px hides {hidden} px of {box.input_value()!r}"

    # a box holds at most so much before it scrolls: sixty lines pasted do not stretch the page
    page.set_viewport_size({"width": 1280, "height": 900})
    went_well.fill("\n".join(f"Line {n} of what went well." for n in range(60)))
    redrawn(page)
    hidden, height = went_well.evaluate(HIDDEN)
    assert hidden > 0 and height <= 450, (hidden, height)
    assert page.get_by_test_id("stException").count() == 0
