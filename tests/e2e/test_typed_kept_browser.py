"""Text typed and not saved survives opening another page, in a real headless Chromium: a debrief
(and what is picked in it), a new interview's job description and company, an own question. Each
is a form, whose fields a browser sends only with its button, so what was typed was gone on coming
back (the debrief only said so by its Save button). The tab keeps it now; what is saved or changed
elsewhere meanwhile wins over it.

One app, one Chromium and one tab serve the three tests, the tab put back as new for each
(tests/e2e/tab.py: its sessionStorage, where what was typed is kept, emptied): each test had an app
and a browser of its own at first, each app loading the coach again, then a browser context of its
own, each reading Streamlit's frontend afresh."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, settled
from tests.e2e.tab import for_next_test, one_tab

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]

TYPED = "The system design story landed; they asked two follow-ups about the outage."
CHANGED = "Written in a terminal meanwhile."


@pytest.fixture(scope="module")
def app(tmp_path_factory, shots):
    """The app on a data directory of its own, and one Chromium: (server, browser, data directory)."""
    data_dir = tmp_path_factory.mktemp("typed-kept")
    with StreamlitServer(data_dir, shots / "streamlit-typed-kept.log") as server, chromium() as browser:
        yield server, browser, data_dir


@pytest.fixture(scope="module")
def tab(app):
    _, browser, _ = app
    with one_tab(browser) as opened:
        yield opened


@pytest.fixture
def page(tab):
    """The module's one tab, as a fresh tab at 1280 x 900: nothing typed in it kept, and each test's
    own session of the app."""
    with for_next_test(tab) as opened:
        yield opened


def _away_to_progress(page) -> str:
    """Straight from the box to Progress, as a user would (one click); the URL it left for."""
    page.get_by_role("link", name="Progress").click()
    page.get_by_role("heading", name="Progress").first.wait_for(timeout=30_000)
    settled(page)
    return page.url


def _typed_in(page, box: str, text: str) -> None:
    """`text` typed into the text box named `box`, key by key, as a user types it."""
    typed = page.get_by_role("textbox", name=box)
    typed.click()
    typed.type(text)


def _interest(page, level: str):
    """The debrief's interest scale's choice `level`."""
    return page.get_by_role("radiogroup", name="Interest", exact=True).get_by_role("radio", name=level)


def _proceed(page, choice: str):
    """The debrief's "Proceed?" choice `choice`."""
    return page.get_by_role("radiogroup", name="Proceed?").get_by_role("radio", name=choice)


def _to_progress_and_back(page) -> str:
    """To Progress and back to the debrief left open on the Interviews page; the URL left for."""
    left_for = _away_to_progress(page)
    page.get_by_role("link", name="Interviews").click()
    page.get_by_text("Globex · Platform lead").wait_for(timeout=60_000)
    # the stage stays open as it was left
    page.get_by_role("tab", name="Write the debrief").wait_for(timeout=30_000)
    settled(page)
    return left_for


def test_a_debrief_typed_and_not_saved_is_there_after_another_page(app, page, shots):
    server, _, data_dir = app
    db = store.open_store(load_settings(data_dir))
    try:
        interview_id = store.add_interview(
            db, company="Globex", role="Platform lead", stage="first round", interview_date=date.today()
        )
    finally:
        db.close()
    page.goto(f"{server.url}/interviews")
    page.get_by_text("Globex · Platform lead").wait_for(timeout=60_000)
    settled(page)
    page.get_by_text("first round ·").first.click()
    page.get_by_role("tab", name="Write the debrief").wait_for(timeout=30_000)
    settled(page)
    _typed_in(page, "What went well", TYPED)
    _interest(page, "4").click()  # picked too: the interest on the scale, and the next stage
    _proceed(page, "yes").locator("xpath=ancestor::label").click()
    left_for = _to_progress_and_back(page)
    went_well = page.get_by_role("textbox", name="What went well")
    kept = went_well.input_value()
    interest_kept = _interest(page, "4").get_attribute("aria-checked")
    proceed_kept = _proceed(page, "yes").is_checked()
    page.screenshot(path=str(shots / "debrief-kept.png"))
    page.get_by_role("button", name="Save debrief").click()
    page.get_by_text("Debrief saved.").wait_for(timeout=30_000)
    settled(page)
    db = store.open_store(load_settings(data_dir))
    try:
        [saved] = store.get_interview(db, interview_id)["debriefs"]
    finally:
        db.close()
    # typed again and left; meanwhile the debrief is changed in a terminal: the change shows
    went_well = page.get_by_role("textbox", name="What went well")
    went_well.click()
    went_well.press("End")
    went_well.type(" And the manager round is next.")
    _away_to_progress(page)
    db = store.open_store(load_settings(data_dir))
    try:
        store.update_debrief(db, saved["id"], went_well=CHANGED)
    finally:
        db.close()
    page.get_by_role("link", name="Interviews").click()
    page.get_by_role("tab", name="Edit the debrief").wait_for(timeout=60_000)
    settled(page)
    after_the_change = page.get_by_role("textbox", name="What went well").input_value()
    assert left_for.endswith("/progress"), "the click to Progress was lost"
    assert kept == TYPED, "what was typed and not saved was gone on coming back"
    assert interest_kept == "true", "the interest picked and not saved was gone on coming back"
    assert proceed_kept, "the next stage picked and not saved was gone on coming back"
    assert saved["went_well"] == TYPED, "the text brought back was not what Save debrief sent"
    assert (saved["interest"], saved["proceed"]) == (4, True), "the picks brought back were not saved"
    assert after_the_change == CHANGED, "what the tab kept was put over a change made elsewhere"


DESCRIPTION = "Senior platform engineer: own the deploy pipeline, on-call, Kubernetes and Terraform."


def test_a_job_description_pasted_in_a_new_interview_is_there_after_another_page(app, page):
    """The same for "Add an interview": a job description pasted, then another page opened, was gone;
    once the interview is added, the form starts empty, also after the page is loaded again."""
    server, _, data_dir = app
    page.goto(f"{server.url}/interviews")
    page.get_by_role("tab", name="Add an interview").click()
    page.get_by_role("textbox", name="Company").fill("Initech")
    _typed_in(page, "Job description", DESCRIPTION)
    _away_to_progress(page)
    page.get_by_role("link", name="Interviews").click()
    page.get_by_role("tab", name="Add an interview").click()
    settled(page)
    kept = page.get_by_role("textbox", name="Job description").input_value()
    company_kept = page.get_by_role("textbox", name="Company").input_value()
    page.get_by_role("button", name="Add interview").click()
    page.get_by_text("Initech").first.wait_for(timeout=30_000)
    settled(page)
    page.reload()
    page.get_by_role("tab", name="Add an interview").click()
    settled(page)
    after_adding = page.get_by_role("textbox", name="Job description").input_value()
    assert kept == DESCRIPTION, "the pasted job description was gone on coming back"
    assert company_kept == "Initech", "the company typed was gone on coming back"
    db = store.open_store(load_settings(data_dir))
    try:  # the one interview added here (the app's data holds the other tests' too)
        [added] = [i for i in store.list_interviews(db) if i["company"] == "Initech"]
    finally:
        db.close()
    assert added["job_description"] == DESCRIPTION
    assert after_adding == "", "an interview already added came back in the empty form"


OWN_QUESTION = "Tell me about a time you rebuilt a deploy pipeline under pressure."


def test_an_own_question_typed_and_not_added_is_there_after_another_page(app, page):
    """The Questions page's "Add your own": a question typed, then another page opened, was gone."""
    server, _, _ = app
    page.goto(f"{server.url}/questions")
    page.get_by_role("tab", name="Add your own").click()
    _typed_in(page, "The question", OWN_QUESTION)
    _away_to_progress(page)
    page.get_by_role("link", name="Questions").click()
    page.get_by_role("tab", name="Add your own").click()
    settled(page)
    kept = page.get_by_role("textbox", name="The question").input_value()
    assert kept == OWN_QUESTION, "the question typed was gone on coming back"
