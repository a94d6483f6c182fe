""" "Review again with these" on the Review page in a real headless Chromium: the debrief form
shows, and saves, the new review's measured lines. A tester's browser kept the first review's
("You spoke 78%…", "2 of 2 measured") after reviewing again with another number of people, and
"Save debrief" stored them over the new ones; AppTest showed the new lines, since it reads the
page's session state where a browser keeps the text it was last sent. A line typed in the debrief
and not saved yet stays through "Review again with these" and is saved with the new lines: it was
lost, the press sending only the fields of its own form. Screenshots go to
$COACH_SCREENSHOTS (default: a temporary folder); the path is printed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, full_screenshot, settled

DATA = Path(__file__).resolve().parents[1] / "data"
# two voices, one question and its answer: the review drafts a debrief (the 58 s interview_mono.flac
# made the test 17 s longer for nothing it checks)
CLIP = DATA / "interviews" / "interview_short.flac"
WENT_WELL, BETTER, GAPS = "What went well", "What could be better", "Skill gaps found"
MEASURED = ("went_well", "could_be_better")  # the fields a review writes its measured lines into

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture
def app(tmp_path, shots, earlier_reviews):
    """The data directory starts with the work earlier reviews of CLIP in this test process left,
    and this test's is handed on (conftest.earlier_reviews: this test is of the debrief form, not of
    transcribing; tests/e2e/test_review_left_browser.py's review of CLIP resumes from it)."""
    earlier_reviews(tmp_path)
    with StreamlitServer(tmp_path, shots / "streamlit-review-again.log") as server:
        yield server, tmp_path


def _debrief(data_dir: Path) -> dict:
    """The interview's one debrief as stored."""
    db = store.open_store(load_settings(data_dir))
    try:
        [interview] = store.list_interviews(db)
        [debrief] = store.list_debriefs(db, interview_id=interview["id"])
        return debrief
    finally:
        db.close()


def _settled(page) -> None:
    """Wait for the page to finish its run (tests/e2e/server.settled, not a fixed 2 s each time)."""
    settled(page, timeout_ms=180_000)


def _until(done, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "the review was not done again in time"
        time.sleep(0.5)


def _shown(page, label: str) -> str:
    return page.get_by_label(label, exact=True).input_value()


def _shows(page, label: str, text: str, timeout_s: float = 60) -> bool:
    """Whether the field comes to show `text`: on a loaded machine the page can still be drawing
    the form (empty, or beside the old one) after its running indicator went."""
    deadline = time.monotonic() + timeout_s
    while True:
        fields = page.get_by_label(label, exact=True)
        if fields.count() == 1 and fields.input_value() == text:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)


def _pick_people(page, choice: str) -> None:
    # the upload form's box has the same label: this one is Who is who's, by its key
    box = page.locator(".st-key-review_people").get_by_role("combobox", name="How many people speak")
    box.click()
    time.sleep(0.5)
    if not page.get_by_role("option").count():  # the first click can only focus it
        page.keyboard.press("ArrowDown")
    page.get_by_role("option", name=choice, exact=True).click()


def _save(page) -> None:
    page.get_by_role("button", name="Save debrief").click()
    page.get_by_text("Debrief saved.").wait_for(timeout=60_000)
    _settled(page)


def test_reviewing_again_shows_and_saves_the_new_measured_lines(app, page, shots):
    server, data_dir = app
    page.goto(server.url + "/review")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(CLIP))
    page.get_by_test_id("stFileChipName").wait_for(timeout=30_000)
    page.get_by_label("Company").fill("Hooli")
    page.get_by_role("button", name="Analyse the interview").click()
    page.get_by_text("Who is who").wait_for(timeout=300_000)
    _settled(page)
    first = _debrief(data_dir)
    assert first["went_well"] and _shows(page, WENT_WELL, first["went_well"]), _shown(page, WENT_WELL)

    # a line of the user's own, saved; then words typed and not saved: in a field the review leaves
    # alone, and in the one it rewrites (a browser sends a form's fields only with its own buttons:
    # the debrief and "Review again with these" share one form, so the press carries them and
    # neither is lost; the field must not show one text and save another)
    mine = "The interviewer was friendly and knew the product well."
    page.get_by_label(WENT_WELL, exact=True).fill(f"{first['went_well']}\n{mine}")
    _save(page)
    written = _debrief(data_dir)
    assert written["went_well"] == f"{first['went_well']}\n{mine}"
    typed = "They asked about the migration twice."
    page.get_by_label(GAPS, exact=True).fill("system design")
    page.get_by_label(WENT_WELL, exact=True).fill(f"{written['went_well']}\n{typed}")

    _pick_people(page, "1 (only me)")
    page.get_by_role("button", name="Review again with these").click()
    # the store holds the new lines (the talk share, gone with one voice, may have been under either field)
    _until(lambda: [_debrief(data_dir)[f] for f in MEASURED] != [written[f] for f in MEASURED])
    page.get_by_text("Reviewing again with what you said").wait_for(state="detached", timeout=180_000)
    _settled(page)
    full_screenshot(page, shots / "review-again-debrief.png")
    again = _debrief(data_dir)
    old_lines = [
        line for f in MEASURED for line in (first[f] or "").splitlines() if line not in (again[f] or "")
    ]
    assert old_lines  # lines of the first review that the new one did not measure
    assert typed not in again["went_well"]  # not saved: the store has the new lines and the saved one
    _shows(page, WENT_WELL, f"{again['went_well']}\n{typed}")
    shown = _shown(page, WENT_WELL)
    assert shown == f"{again['went_well']}\n{typed}" and mine in shown, shown  # the typed line kept
    in_form = [*shown.splitlines(), *_shown(page, BETTER).splitlines()]
    assert not [line for line in old_lines if line in in_form], in_form
    assert _shown(page, BETTER) == (again["could_be_better"] or "")
    assert _shown(page, GAPS) == "system design"  # typed, not saved, and not touched by the review

    _save(page)
    saved = _debrief(data_dir)
    assert saved["went_well"] == shown  # what the form showed, not the first review's lines
    assert typed in saved["went_well"].splitlines() and again["went_well"] in saved["went_well"]
    assert saved["skill_gaps"] == "system design"
    assert page.get_by_test_id("stException").count() == 0


# Every text a progress bar of the page showed, kept as it showed it: the bar of a review done again
# stands for a second or two on this short clip, then the page runs again without it.
WATCH_THE_BARS = """() => {
    window.__barsSaid = [];
    const note = () => document.querySelectorAll('[data-testid=stProgress]').forEach(bar => {
        const said = bar.innerText.trim();
        if (said && !window.__barsSaid.includes(said)) window.__barsSaid.push(said);
    });
    new MutationObserver(note).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def test_reviewing_again_says_each_step_as_it_goes(app, page, shots):
    """ "Review again with these" says where the review stands, as the first review's bar does
    ("Telling the voices apart", "Hearing your answers again as practice takes: answer 1 of 1"). It
    showed a bare spinner: 23 s of no word for a 4:27 interview of 15 answers, minutes for an hour's."""
    server, _ = app
    page.goto(server.url + "/review")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(CLIP))
    page.get_by_test_id("stFileChipName").wait_for(timeout=30_000)
    page.get_by_label("Company").fill("Hooli")
    page.get_by_role("button", name="Analyse the interview").click()
    page.get_by_text("Who is who").wait_for(timeout=300_000)
    _settled(page)
    page.evaluate(WATCH_THE_BARS)
    # the other voice is mine: each answer is another stretch of the call, heard again
    page.get_by_role("radiogroup", name="Which voice is yours?").get_by_text("Speaker 2").click()
    page.get_by_role("button", name="Review again with these").click()
    page.get_by_text("Speaker 2 · taken to be you").wait_for(timeout=180_000)
    _settled(page)
    full_screenshot(page, shots / "review-again-mine.png")
    # which steps a run this quick shows long enough to be drawn varies ("Loading the speech model",
    # "Reviewed 0:24 of 0:24 (100%)…", "Telling the voices apart", "Analysing your answers", "Done")
    said = page.evaluate("() => window.__barsSaid")
    assert said and all(line[:1].isupper() for line in said), said
    assert page.get_by_test_id("stException").count() == 0
