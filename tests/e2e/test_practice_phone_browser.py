"""Practice's "Preparing for" on a phone (390 px) in a real headless Chromium: the interview chosen is
readable whole, its stage included; on a laptop (1280 px) the box holds it and nothing is added.
Screenshots go to $COACH_SCREENSHOTS (default: a temporary folder)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, redrawn, settled
from tests.e2e.tab import for_next_test, one_tab

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

PHONE = {"width": 390, "height": 1000}
LAPTOP = {"width": 1280, "height": 1000}
# Where the words of the interview chosen can be read: the box's own text (a text field, one line)
# with whether it runs past the box, and each other visible element whose own text holds them.
READABLE = """(stage) => {
    const box = document.querySelector("input[aria-label='Preparing for']");
    const lines = [...document.querySelectorAll('[data-testid=stMain] p')]
        .filter(p => p.offsetParent !== null && p.innerText.includes(stage))
        .map(p => {
            const r = p.getBoundingClientRect();
            return {text: p.innerText, left: r.left, right: r.right};
        });
    const bottom = box.closest('[data-testid=stElementContainer]').getBoundingClientRect().bottom;
    const below = [...document.querySelectorAll('[data-testid=stExpander]')]
        .map(e => e.getBoundingClientRect().top).filter(top => top >= bottom);
    return {box: box.value, cut: box.scrollWidth > box.clientWidth, lines: lines, gap: below[0] - bottom};
}"""


# The options a choice's open list draws: each one's words, whether they run past its width (cut at
# the list's edge) and whether they run past its lines (a third line in a list of 40 px rows)
OPTIONS = """() => [...document.querySelectorAll('[data-testid=stSelectboxVirtualDropdown] [role=option]')]
    .map(o => {
        const words = o.firstElementChild;
        return {text: words.textContent, past_width: words.scrollWidth > words.clientWidth + 1,
            past_lines: words.scrollHeight > words.clientHeight + 1
                || words.getBoundingClientRect().bottom > o.getBoundingClientRect().bottom + 1};
    })"""


def _options_of(page, box) -> list[dict]:
    """`box`'s list of options, opened (left open: Escape closes it)."""
    box.click()
    page.locator("[data-testid=stSelectboxVirtualDropdown] [role=option]").first.wait_for(timeout=10_000)
    redrawn(page)
    return page.evaluate(OPTIONS)


def _northwind_ahead(data_dir: Path) -> None:
    """Northwind's final round in five days: the interview the pages prepare for, its label long."""
    db = store.open_store(load_settings(data_dir))
    try:
        store.add_interview(
            db,
            company="Northwind",
            role="Senior backend engineer",
            stage="final round",
            interview_date=date.today() + timedelta(days=5),
        )
    finally:
        db.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory, shots):
    """The app over a log holding Northwind's final round, and one Chromium, for the Practice and
    the Mock interview pages alike (each had an app and a browser of its own)."""
    data_dir = tmp_path_factory.mktemp("practice-phone")
    _northwind_ahead(data_dir)
    with StreamlitServer(data_dir, shots / "streamlit-practice-phone.log") as server, chromium() as browser:
        yield server, browser


@pytest.fixture(scope="module")
def tab(app):
    """One tab for the module's three looks, put back as new for each (tests/e2e/tab.py): a context
    for each read Streamlit's frontend afresh."""
    _, browser = app
    with one_tab(browser) as opened:
        yield opened


@pytest.fixture(scope="module")
def seen(app, tab, shots) -> dict:
    """Practice with a question chosen and an interview ahead picked under "Preparing for" (the one
    in the log: the page picks it), on a phone and on a laptop; on the phone, the recorder's Record
    button and its box too (seen["record"]; its test opened the same page again for them)."""
    server, _ = app
    seen: dict = {}
    for name, viewport in (("phone", PHONE), ("laptop", LAPTOP)):
        with for_next_test(tab, viewport) as page:
            page.goto(server.url)
            page.get_by_role("button", name="Answer your first question").click()
            page.get_by_text("Preparing for", exact=True).first.wait_for(timeout=60_000)
            settled(page)
            page.get_by_role("combobox", name="Preparing for").scroll_into_view_if_needed()
            redrawn(page)
            seen[name] = page.evaluate(READABLE, "final round")
            page.screenshot(path=str(shots / f"practice-preparing-for-{viewport['width']}.png"))
            if name == "phone":
                seen["record"] = _record_button_seen(page, shots)
    return seen


def _record_button_seen(page, shots: Path) -> dict:
    """The Record button's box and the recorder's, the button scrolled into view; then the upload
    tab's line of formats (its text, whether it is cut, where it ends)."""
    record = page.get_by_role("button", name="Record", exact=True)
    record.wait_for(timeout=60_000)
    record.scroll_into_view_if_needed()
    redrawn(page)
    button = record.bounding_box()
    recorder = page.get_by_test_id("stAudioInput").bounding_box()
    page.screenshot(path=str(shots / "practice-record-button-390.png"))
    page.get_by_role("tab", name="Upload a file").click()
    formats = page.get_by_test_id("stFileUploaderDropzoneInstructions").locator("span").first
    formats.wait_for(timeout=10_000)
    formats.scroll_into_view_if_needed()
    redrawn(page)
    formats_line = formats.evaluate(
        "e => ({text: e.innerText, cut: e.scrollWidth > e.clientWidth + 1,"
        " right: e.getBoundingClientRect().right})"
    )
    page.screenshot(path=str(shots / "practice-upload-formats-390.png"))
    return dict(button=button, recorder=recorder, formats=formats_line)


def test_the_interview_prepared_for_is_read_whole_on_a_phone(seen):
    """At 390 px the box read "Northwind — Senior backend engineer, 11 Dec 2026 ·", the stage after
    the dot cut, and nowhere else on the page said it."""
    phone = seen["phone"]
    assert phone["box"].endswith("· final round"), phone  # the choice itself is unchanged
    assert phone["cut"], phone  # the box is a one-line field: a phone cannot show it whole
    whole = [line for line in phone["lines"] if line["text"].replace("\n", " ") == phone["box"]]
    assert whole, phone
    assert all(0 <= line["left"] and line["right"] <= PHONE["width"] for line in whole), whole


def test_the_box_alone_says_it_on_a_laptop(seen):
    """At 1280 px the box holds the whole label: no second line, and the job description's fold is
    as near the box as before (one gap of the page's column)."""
    laptop = seen["laptop"]
    assert not laptop["cut"], laptop
    assert laptop["lines"] == [], laptop
    assert laptop["gap"] <= 16, laptop  # 1rem: 32 px while a hidden line still took its gap


def test_the_mock_interviews_choice_is_read_whole_on_a_phone(app, tab, shots):
    """The Mock interview page's "Prepare for an interview from your log" cut the same label at 390
    px; it is said whole under the box there too."""
    server, _ = app
    with for_next_test(tab, PHONE) as page:
        page.goto(f"{server.url}/mock")
        box = page.get_by_role("combobox", name="Prepare for an interview from your log")
        box.wait_for(timeout=60_000)
        settled(page)
        label = box.input_value() if box.evaluate("e => e.tagName") == "INPUT" else box.inner_text()
        box.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "mock-preparing-for-390.png"))
        shown = [
            p.inner_text().replace("\n", " ")
            for p in page.locator("[data-testid=stMain] p").all()
            if p.is_visible() and "final round" in p.inner_text()
        ]
        options = _options_of(page, box)
        page.screenshot(path=str(shots / "mock-preparing-for-options-390.png"))
    assert label.endswith("· final round"), label
    assert label in shown, (label, shown)
    # its list of options cut the same label at the screen's edge ("… 12 Dec 2026 · first r")
    listed = [option for option in options if option["text"] == label]
    assert listed and not listed[0]["past_width"] and not listed[0]["past_lines"], options


def test_a_question_chosen_under_browse_is_read_whole_on_a_phone(app, tab, shots):
    """Under "Change the question" → Browse, the box of the question chosen read "Tell me about a time
    you led a project or team witl" at 390 px, the rest cut: the question is said whole under the box,
    within the screen. Its list of options cut each question after about 40 letters, without a mark:
    each takes two lines now (its list of 287 is drawn at a fixed 40 px a row). "Answer this
    question" then left the chooser open, the question and its recorder below the whole filter form:
    choosing closes it."""
    server, _ = app
    with for_next_test(tab, PHONE) as page:
        page.goto(server.url)
        page.get_by_role("button", name="Answer your first question").click()
        page.get_by_text("Change the question", exact=True).click()
        page.get_by_role("radio", name="Browse").click()
        box = page.get_by_role("combobox", name="Question")
        box.wait_for(timeout=60_000)
        settled(page)
        label = box.input_value() if box.evaluate("e => e.tagName") == "INPUT" else box.inner_text()
        box.scroll_into_view_if_needed()
        redrawn(page)
        page.screenshot(path=str(shots / "practice-browse-question-390.png"))
        shown = [
            (p.inner_text().replace("\n", " "), p.bounding_box())
            for p in page.locator("[data-testid=stMain] p").all()
            if p.is_visible() and p.inner_text().replace("\n", " ") == label
        ]
        options = _options_of(page, box)
        page.screenshot(path=str(shots / "practice-browse-options-390.png"))
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Answer this question").click()
        page.get_by_role("button", name="Record", exact=True).wait_for(timeout=60_000)
        settled(page)
        chooser = page.locator("details", has=page.get_by_text("Change the question", exact=True))
        page.screenshot(path=str(shots / "practice-question-chosen-390.png"))
        chooser_open, filters_shown = (
            chooser.evaluate("e => e.open"),
            page.get_by_role("radio", name="Browse").is_visible(),
        )
    assert len(label) > 44, label  # longer than the box shows on a phone
    assert shown, label
    assert all(0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"] for _, box in shown), shown
    assert len(options) > 5 and not [option for option in options if option["past_width"]], options
    listed = [option for option in options if option["text"] == label]
    assert listed and not listed[0]["past_lines"], options
    assert chooser_open is False and not filters_shown


def test_the_record_button_is_big_enough_to_tap_on_a_phone(seen):
    """The recorder's Record button, the page's one way to answer out loud, was 20 x 20 px at 390 px:
    smaller than a fingertip (44 px is the usual least). It takes 44 x 44 px on a phone, inside the
    recorder's box. Beside it, "Upload a file" lists the formats the box takes on one line cut with
    "…" ("1GB per file • WAV, FLAC, OGG, OPUS, OGA, WE…"): the line is read whole."""
    button, recorder = seen["record"]["button"], seen["record"]["recorder"]
    formats_line = seen["record"]["formats"]
    assert button["width"] >= 44 and button["height"] >= 44, button
    assert recorder["x"] <= button["x"] and button["x"] + button["width"] <= recorder["x"] + recorder["width"]
    assert button["y"] + button["height"] <= recorder["y"] + recorder["height"], (button, recorder)
    assert "WAV" in formats_line["text"] and "MOV" in formats_line["text"], formats_line
    assert not formats_line["cut"] and formats_line["right"] <= PHONE["width"], formats_line


def _tapped_beside(page, target, dx: float, dy: float) -> None:
    """A tap (a click) `dx`, `dy` px from `target`'s centre, where a fingertip lands beside a small mark."""
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy)


def test_a_help_mark_and_a_date_button_take_a_fingertip_s_tap(app, tab, shots):
    """On a phone the "?" beside a label (the Review page's "Which interview is this?") was 16 px and
    a date's calendar button 24 x 16 px: a tap 15 px off either, where a fingertip lands, opened
    nothing. Each takes the 44 px square round it; drawn as before."""
    server, _ = app
    with for_next_test(tab, PHONE) as page:
        page.goto(f"{server.url}/review")
        help_mark = page.get_by_role("button", name="Help for Which interview is this?")
        help_mark.wait_for(timeout=60_000)
        settled(page)
        drawn = help_mark.bounding_box()
        _tapped_beside(page, help_mark, 0, -15)
        page.get_by_test_id("stTooltipContent").first.wait_for(timeout=5_000)
        helped = page.get_by_test_id("stTooltipContent").first.inner_text()
        page.screenshot(path=str(shots / "review-help-tapped-390.png"))
        page.mouse.click(5, 5)  # away: the help closes
        calendar = page.get_by_role("button", name="Choose date")
        _tapped_beside(page, calendar, -15, 0)
        page.get_by_role("dialog").first.wait_for(timeout=5_000)
        opened = calendar.get_attribute("aria-expanded")
        page.screenshot(path=str(shots / "review-date-tapped-390.png"))
    assert drawn["width"] == drawn["height"] == 16, drawn  # the mark itself is drawn as before
    assert "Pick the interview from your log" in helped, helped
    assert opened == "true"
