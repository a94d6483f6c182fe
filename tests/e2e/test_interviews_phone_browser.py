"""The Interviews page on a phone (390 px) in a real headless Chromium: an interview's tabs are all
in sight and its debrief form takes the screen's width; on a laptop (1280 px) the card is laid out
as before. Screenshots go to $COACH_SCREENSHOTS (default: a temporary folder)."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, redrawn

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
# The opened stage's tabs (the second row of tabs: the page's own come first), each with its box.
STAGE_TABS = """() => {
    const rows = [...document.querySelectorAll('[role=tablist]')].filter(t => t.offsetParent !== null);
    return [...rows[1].querySelectorAll('[role=tab]')].map(t => {
        const box = t.getBoundingClientRect();
        return {name: t.innerText.trim(), left: box.left, right: box.right, top: box.top};
    });
}"""
# Each opportunity's card, by its company: the columns of its facts (interest, next step, time spent),
# not those inside its stages.
CARD_COLUMNS = """() => Object.fromEntries([...document.querySelectorAll('[class*=st-key-interviews_card_]')]
    .map(card => [card.querySelector('h2').innerText.split(' ·')[0].trim(),
        [...card.querySelectorAll('[data-testid=stColumn]')].filter(c => !c.closest('details')).map(c => {
            const box = c.getBoundingClientRect();
            return {text: c.innerText.trim(), left: box.left, width: box.width, height: box.height};
        })]))"""


def whole_page(page, path: Path, width: int) -> None:
    """The whole page at this width (Streamlit scrolls inside its main block: grow the window)."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(int(height), 8000)})
    redrawn(page)
    page.screenshot(path=str(path))


def open_stage(page, url: str) -> None:
    """The Interviews page with the held interview's stage opened on its debrief form."""
    page.goto(f"{url}/interviews")
    page.get_by_text("first round ·").first.wait_for(timeout=60_000)
    page.get_by_text("first round ·").first.click()
    page.get_by_text("What went well").locator("visible=true").first.wait_for(timeout=30_000)
    time.sleep(1)
    redrawn(page)


@pytest.fixture(scope="module")
def seen(tmp_path_factory, shots) -> dict:
    """The held interview's stage opened on a phone and on a laptop, once each, on one server: what
    both tests measure (each test started its own server and browser and opened the stage twice)."""
    data_dir = tmp_path_factory.mktemp("interviews-phone")
    db = store.open_store(load_settings(data_dir))
    try:
        store.add_interview(
            db,
            company="Globex Corporation",
            role="Platform engineer",
            stage="first round",
            interview_date=date.today() - timedelta(days=1),
            people=[{"name": "Dana Whit", "title": "recruiter", "notes": "friendly, fast replies"}],
        )
        store.add_interview(  # booked, nothing held yet: its card says no time spent
            db,
            company="Umbrella",
            role="Backend lead",
            stage="recruiter screen",
            interview_date=date.today() + timedelta(days=3),
        )
    finally:
        db.close()
    seen: dict = {}
    with StreamlitServer(data_dir, shots / "streamlit-interviews-phone.log") as server, chromium() as browser:
        for name, viewport in (("phone", PHONE), ("laptop", LAPTOP)):
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            open_stage(page, server.url)
            seen[f"tabs on {name}"] = page.evaluate(STAGE_TABS)
            seen[f"card columns on {name}"] = page.evaluate(CARD_COLUMNS)
            buttons = [page.get_by_role("button", name=label, exact=True) for label in ("Edit", "Remove")]
            seen[f"person on {name}"] = tuple(b.locator("visible=true").first.bounding_box() for b in buttons)
            if name == "phone":
                went_well = page.locator("textarea[aria-label='What went well']")
                seen["box width"] = went_well.locator("visible=true").first.bounding_box()["width"]
                whole_page(page, shots / "interviews-stage-390.png", PHONE["width"])
                page.set_viewport_size(PHONE)
                page.get_by_role("tab", name="Delete").click()
                delete = page.get_by_role("button", name="Delete this interview")
                delete.wait_for(timeout=30_000)
                seen["delete button"] = delete.bounding_box()
            else:
                form = page.get_by_test_id("stForm").locator("visible=true").first
                seen["form border"] = form.evaluate("f => getComputedStyle(f).borderTopWidth")
                whole_page(page, shots / "interviews-stage-1280.png", LAPTOP["width"])
            context.close()
    return seen


def test_an_interviews_tabs_and_debrief_form_fit_a_phone(seen):
    """At 390 px the stage's last tab, "Delete", was 21 px past the screen's edge with only a small
    arrow to scroll to it, and the debrief form's boxes were 260 px wide: three frames (the card,
    the stage, the form) took 16 px a side each."""
    on_phone, on_laptop = seen["tabs on phone"], seen["tabs on laptop"]
    box_width, delete_button, form_border = seen["box width"], seen["delete button"], seen["form border"]
    names = [tab["name"] for tab in on_phone]
    assert names == ["Write the debrief", "Edit the interview", "Add a person", "Delete"], names
    past_the_edge = [tab["name"] for tab in on_phone if tab["right"] > PHONE["width"] or tab["left"] < 0]
    assert not past_the_edge, on_phone
    assert box_width >= 0.8 * PHONE["width"], box_width  # 260 px before: 67 % of the screen
    assert delete_button["x"] + delete_button["width"] <= PHONE["width"], delete_button
    # on a laptop the tabs stay one row and the form keeps its frame
    assert len({round(tab["top"]) for tab in on_laptop}) == 1, on_laptop
    assert form_border == "1px", form_border


def test_a_persons_edit_and_remove_sit_on_one_line_on_a_phone(seen):
    """At 390 px each person met took three lines: the name, then "Edit" alone, then "Remove" alone
    (two columns, which a phone stacks); a stage with four people was a column of buttons."""
    boxes = {name: seen[f"person on {name}"] for name in ("phone", "laptop")}
    for name, (edit, remove) in boxes.items():
        assert abs(edit["y"] - remove["y"]) < 5, (name, edit, remove)  # one line
        assert edit["x"] + edit["width"] <= remove["x"], (name, edit, remove)  # Edit, then Remove
        width = (PHONE if name == "phone" else LAPTOP)["width"]
        assert remove["x"] + remove["width"] <= width, (name, remove)


def test_a_card_with_no_time_spent_leaves_no_empty_column(seen):
    """Umbrella's card, its recruiter screen booked and nothing held, has no time spent to say, yet
    its third column was drawn empty: on a phone, where the columns stack, a blank row 340 px wide
    under "Next step". Its card has the two columns it fills; Globex's, with a stage held, keeps the
    third for "Time spent", and on a laptop both cards' "Next step" start in the same place."""
    on_phone, on_laptop = seen["card columns on phone"], seen["card columns on laptop"]
    assert [
        [c["text"].split("\n")[0] for c in on_phone[company]]
        for company in ("Umbrella", "Globex Corporation")
    ] == [
        ["Your interest", "Next step"],
        ["Your interest", "Next step", "Time spent"],
    ], on_phone
    for company, columns in on_phone.items():
        assert all(c["height"] > 0 and c["width"] > 0.8 * PHONE["width"] for c in columns), (company, columns)
    next_steps = [
        c["left"] for columns in on_laptop.values() for c in columns if c["text"].startswith("Next step")
    ]
    assert len(next_steps) == 2 and max(next_steps) - min(next_steps) < 8, on_laptop
