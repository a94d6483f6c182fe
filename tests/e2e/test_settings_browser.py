"""The Settings page's thresholds and role in a real headless Chromium: what the fields show after
"Restore the defaults" and "Delete all data", a share as it was typed, a number out of its bounds.

Streamlit keeps a field's value in the browser: deleting its state on the server did not redraw it, so
the fields went on showing the old numbers (and role) and the next "Save thresholds" wrote them back.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from coach.config import Thresholds, load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium
from tests.e2e.tab import for_next_test, one_tab

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

LONG_PAUSE = "Long pause (s)"
PACE_HIGH = "Pace: high end of the band (wpm)"
SITUATION = "Largest share for the situation (%)"
FILLERS = "Fillers per 100 words in ordinary conversation"
PITCH_STRETCH = "Stretch over which pitch variation is measured (s)"
ROLE = "The jobs you interview for"


@pytest.fixture(scope="module")
def app(tmp_path_factory, shots):
    data_dir = tmp_path_factory.mktemp("settings-browser-data")
    with StreamlitServer(data_dir, shots / "streamlit-settings.log") as server:
        yield server, data_dir


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def tab(browser):
    with one_tab(browser) as opened:
        yield opened


@pytest.fixture
def page(tab, app):
    """Settings, in the module's one tab (tests/e2e/tab.py), put back as new for each test: a new
    context for each test read Streamlit's frontend afresh each time."""
    server, _ = app
    with for_next_test(tab) as opened:
        opened.goto(f"{server.url}/settings")
        opened.get_by_role("button", name="Save thresholds").wait_for(timeout=60_000)
        yield opened


def field(page, label: str):
    return page.get_by_label(label, exact=True)


def type_into(page, label: str, value: str) -> None:
    field(page, label).fill(value)
    field(page, label).press("Tab")


def save_thresholds(page, then: str = "Saved. Answers analysed from now on") -> None:
    page.get_by_role("button", name="Save thresholds").click()
    page.get_by_text(then).wait_for(timeout=30_000)
    time.sleep(0.5)


def shown_when_settled(page, label: str, expected: str, timeout_s: float = 30) -> str:
    """The field's value once the page's rerun has drawn it again and it reads `expected` (numbers
    compared as numbers), or what it last read when it never did. While a rerun runs, Streamlit keeps
    the old field beside the new one (two with the label), so the value is read only when one is
    left and the page is not running; on a loaded machine the rerun a click starts can begin more
    than a second later, so a settled page still showing the old value is waited on, not taken."""
    locator = field(page, label)
    deadline = time.monotonic() + timeout_s
    shown = None
    while time.monotonic() < deadline:
        running = page.get_by_test_id("stStatusWidget").count() > 0
        if locator.count() == 1 and not running:
            try:
                shown = locator.input_value(timeout=2000)
            except PlaywrightError:  # a rerun began after the count: two fields again, or none
                time.sleep(0.2)
                continue
            if _same(shown, expected):
                return shown
        time.sleep(0.2)
    return shown if shown is not None else f"no single {label!r} field within {timeout_s} s"


def _same(shown: str, expected: str) -> bool:
    try:
        return float(shown) == float(expected)
    except ValueError:
        return shown == expected


def role_shown(page) -> str:
    return field(page, ROLE).input_value()


def test_restoring_the_defaults_shows_them_and_the_next_save_keeps_them(app, page):
    _, data_dir = app
    type_into(page, LONG_PAUSE, "3")
    type_into(page, PACE_HIGH, "160")
    save_thresholds(page)
    assert load_settings(data_dir).thresholds.long_pause_s == 3
    page.get_by_role("button", name="Restore the defaults").click()
    page.wait_for_load_state("networkidle")
    assert float(shown_when_settled(page, LONG_PAUSE, "2")) == 2
    assert float(field(page, PACE_HIGH).input_value()) == 175
    assert load_settings(data_dir).thresholds == Thresholds()
    save_thresholds(page)  # wrote back 3 s and 160 wpm, shown still
    assert load_settings(data_dir).thresholds == Thresholds()


def test_deleting_all_data_shows_the_default_thresholds_and_role(app, page):
    _, data_dir = app
    field(page, ROLE).click()
    page.get_by_role("option", name="Data", exact=True).click()
    role_form = page.get_by_test_id("stForm").filter(has_text=ROLE)
    role_form.get_by_role("button", name="Save your role").click()
    page.get_by_text("Saved: questions for").wait_for(timeout=30_000)
    assert load_settings(data_dir).role == "data"
    type_into(page, LONG_PAUSE, "3")
    save_thresholds(page)
    assert role_shown(page) == "Data" and float(field(page, LONG_PAUSE).input_value()) == 3
    page.get_by_text("Delete all data", exact=True).click()
    type_into(page, "Type DELETE to confirm", "DELETE")
    page.get_by_role("button", name="Delete everything").click()
    page.get_by_text("All data deleted").wait_for(timeout=60_000)
    assert float(shown_when_settled(page, LONG_PAUSE, "2")) == 2
    assert role_shown(page) == "Any role (all questions)"
    save_thresholds(page)
    assert load_settings(data_dir).thresholds == Thresholds()
    assert load_settings(data_dir).role == "any"


def test_a_share_reads_as_it_was_typed(app, page):
    """42.5 typed into the situation's share read "43" once saved."""
    server, data_dir = app
    type_into(page, SITUATION, "42.5")
    save_thresholds(page)
    assert load_settings(data_dir).thresholds.situation_max_share == 0.425
    assert field(page, SITUATION).input_value() == "42.5"
    page.goto(f"{server.url}/settings")  # opened again: drawn from what is stored
    page.get_by_role("button", name="Save thresholds").wait_for(timeout=60_000)
    assert shown_when_settled(page, SITUATION, "42.5") == "42.5"
    page.get_by_role("button", name="Restore the defaults").click()
    assert shown_when_settled(page, SITUATION, "40") == "40"


def test_a_number_out_of_its_bounds_is_refused_in_one_sentence(app, page):
    """0 fillers per 100 words was saved ("Saved.") and every analysis then ended in a traceback; a
    pitch stretch of 0 s did the same."""
    _, data_dir = app
    type_into(page, FILLERS, "0")
    save_thresholds(page, then="must be above 0")
    errors = page.get_by_test_id("stAlertContentError").all_inner_texts()
    assert errors == [
        "Fillers per 100 words in ordinary conversation (0) must be above 0 and at most 100 "
        "(the default is 6). Nothing was saved."
    ]
    assert load_settings(data_dir).thresholds == Thresholds()
    type_into(page, FILLERS, "6")
    type_into(page, PITCH_STRETCH, "0")
    save_thresholds(page, then="must be at least 1 s")
    assert page.get_by_test_id("stAlertContentError").all_inner_texts() == [
        "The stretch over which pitch variation is measured (0 s) must be at least 1 s (the default is "
        "10 s). Nothing was saved."
    ]


def test_a_number_past_what_its_field_takes_is_refused_in_a_sentence_not_ignored(app, page):
    """A share of 150% (or a long pause of -1 s) left "Save thresholds" and "Restore the defaults"
    doing nothing and saying nothing by them: the browser refused the form over a field marked in red
    further up the page. Save now says which number and what it may be; Restore puts the defaults back."""
    _, data_dir = app
    type_into(page, SITUATION, "150")
    save_thresholds(page, then="must be above 0% and at most 100%")
    assert page.get_by_test_id("stAlertContentError").all_inner_texts() == [
        "The largest share for the situation (150%) must be above 0% and at most 100% (the default is "
        "40%). Nothing was saved."
    ]
    assert load_settings(data_dir).thresholds == Thresholds()
    page.get_by_role("button", name="Restore the defaults").click()
    page.get_by_text("The defaults are back.").wait_for(timeout=30_000)
    assert shown_when_settled(page, SITUATION, "40") == "40"


def test_emptied_fields_say_so_in_themselves_and_no_field_has_a_clear_button(app, page):
    """Every field showed Streamlit's clear button ("x"), whose one act was to empty a field the
    page then refused; two emptied fields were named one save at a time, and an emptied field, far
    above the sentence, showed nothing in itself."""
    from tests.e2e.server import settled

    _, data_dir = app
    settled(page)  # the fields drawn with their numbers (the button is drawn before them)
    assert page.locator("[class*='st-key-settings_t_'] input").filter(visible=True).count() >= 15
    assert page.get_by_test_id("stNumberInputClearButton").filter(visible=True).count() == 0
    type_into(page, LONG_PAUSE, "")
    type_into(page, PACE_HIGH, "")
    save_thresholds(page, then="are empty")
    assert page.get_by_test_id("stAlertContentError").all_inner_texts() == [
        "“Pace: high end of the band (wpm)” and “Long pause (s)” are empty: type a number in each "
        "(their defaults are 175\u00a0wpm and 2\u00a0s) or press Restore the defaults. Nothing was saved."
    ]
    assert load_settings(data_dir).thresholds == Thresholds()
    assert field(page, LONG_PAUSE).get_attribute("placeholder") == "Empty: type a number (default 2\u00a0s)"
    assert field(page, LONG_PAUSE).evaluate("e => e.placeholder && e.value === ''")
    assert page.get_by_test_id("stNumberInputClearButton").filter(visible=True).count() == 0


def test_the_chosen_speech_model_reads_whole_on_a_phone(tab, app, shots):
    """At 390 px the speech recognition box read "Quick — comes with the app; feedback about 3 s",
    cut mid-word: each choice carried what it does in its own name. The box now names the choice,
    and what each does is said in full beneath it."""
    from tests.e2e.server import full_screenshot, settled

    server, _ = app
    with for_next_test(tab, {"width": 390, "height": 900}) as phone:
        phone.goto(f"{server.url}/settings")
        phone.get_by_role("button", name="Save thresholds").wait_for(timeout=60_000)
        settled(phone)
        chosen = phone.get_by_role("combobox", name="Speech recognition")
        shown, room = chosen.evaluate("e => [e.scrollWidth, e.clientWidth]")
        full_screenshot(phone, shots / "settings-phone.png")
        assert shown <= room, f"{chosen.input_value()!r} needs {shown} px in a box of {room} px"
        said = phone.locator("[data-testid=stMain]").inner_text()
        quick = "Quick: comes with the app; feedback 3–6 seconds after a one-minute answer, longer while"
        assert quick in said, said


# The lines the words in `needle` take where they are drawn in the page's text (one when they read
# on one line), for each place they are drawn.
LINES_TAKEN = """(needle) => {
    const taken = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.data.replace(/[\\u00a0\\u2060]/g, m => m === '\\u00a0' ? ' ' : '');
        const at = text.indexOf(needle);
        if (at < 0) continue;
        // the same place in the node's own characters (a joiner, kept out of `text`, moves it)
        let start = 0, seen = 0;
        while (seen < at) { if (node.data[start] !== '\\u2060') seen++; start++; }
        let end = start; seen = 0;
        while (seen < needle.length) { if (node.data[end] !== '\\u2060') seen++; end++; }
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top));
        taken.push(new Set(tops).size);
    }
    return taken;
}"""


def test_a_number_and_its_unit_read_on_one_line(tab, app):
    """ "175" ended a line and "wpm" began the next: in the sentence naming the emptied pace field at
    300, 360-390, 620-650 and 930-970 px, and in the pace fields' help at 300-360, 480 and 540 px
    ("130–175" above "wpm", "190" above "wpm")."""
    from tests.e2e.server import settled

    server, _ = app
    with for_next_test(tab, {"width": 390, "height": 900}) as phone:
        phone.goto(f"{server.url}/settings")
        phone.get_by_role("button", name="Save thresholds").wait_for(timeout=60_000)
        settled(phone)
        type_into(phone, PACE_HIGH, "")
        save_thresholds(phone, then="is empty")
        assert phone.evaluate(LINES_TAKEN, "175 wpm") == [1]
        for width, said in ((360, "130–175 wpm"), (540, "190 wpm")):
            phone.set_viewport_size({"width": width, "height": 900})
            settled(phone)
            help_mark = phone.locator(".st-key-settings_t_pace_high_wpm [data-testid=stTooltipHoverTarget]")
            help_mark.scroll_into_view_if_needed()
            help_mark.hover()
            phone.get_by_test_id("stTooltipContent").wait_for(timeout=10_000)
            assert phone.evaluate(LINES_TAKEN, said) == [1], f"{said!r} at {width} px"
            phone.mouse.move(0, 0)


def test_an_emptied_field_in_the_closed_advanced_section_is_shown_when_named(app, page):
    """A field of the closed "Advanced" section emptied before "Save thresholds" was named in the
    sentence under the button, but stayed out of sight in the section, closed again: the page opens
    it, and the field shows itself empty in it, above the button."""
    from tests.e2e.server import settled

    _, data_dir = app
    settled(page)
    advanced = page.get_by_text("Advanced: hearing the “um”s the transcript leaves out")
    shortest = field(page, "Shortest “um” or “uh” heard (s)")
    advanced.click()
    shortest.wait_for(state="visible", timeout=10_000)
    type_into(page, "Shortest “um” or “uh” heard (s)", "")
    advanced.click()  # closed again, as it is drawn
    shortest.wait_for(state="hidden", timeout=10_000)
    save_thresholds(page, then="is empty")
    settled(page)
    assert (
        page.get_by_test_id("stAlertContentError")
        .all_inner_texts()[0]
        .startswith("“Shortest “um” or “uh” heard (s)” is empty")
    )
    assert shortest.is_visible(), "the emptied field is named, but its section is closed"
    assert shortest.input_value() == ""
    assert load_settings(data_dir).thresholds == Thresholds()
