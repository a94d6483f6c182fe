"""Opening a stage on the Interviews page in a real headless Chromium redraws that stage alone: the
rest of the page (the other cards, the cadence) is not run again, so it stays as it is, not
greyed while the stage's forms are drawn; the stage shows what is stored now all the same."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, settled

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]

# Whether the other card's heading was ever marked stale (Streamlit greys what a run has not drawn
# again yet), and whether a run happened at all, from the click on. Each change is read from its own
# record (the value it had before, and the value now): a callback run late on a busy machine, after
# a short run had begun and ended, read only the state after it and saw no run.
WATCH = """() => {
    const heading = [...document.querySelectorAll('[data-testid=stElementContainer]')]
        .find(e => e.innerText.includes('Initech'));
    const app = document.querySelector('[data-testid=stApp]');
    window.__seen = {stale: false, ran: false};
    const was = (records, value, now) => records.some(r => r.oldValue === value) || now === value;
    const watched = name => ({attributes: true, attributeOldValue: true, attributeFilter: [name]});
    new MutationObserver(r => { if (was(r, 'true', heading.dataset.stale)) window.__seen.stale = true; })
        .observe(heading, watched('data-stale'));
    new MutationObserver(r => { if (was(r, 'running', app.dataset.testScriptState)) window.__seen.ran = 1; })
        .observe(app, watched('data-test-script-state'));
}"""


def test_opening_a_stage_runs_that_stage_alone(tmp_path, shots):
    """Each stage opened ran the whole page again, every card with it: 0.9 s from the click on the
    year's data (benchmarks/year_of_use.py), more with other stages open. Notes written in a terminal
    after the page was drawn show in the stage opened, as when the whole page ran."""
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        ids = {
            (company, stage): store.add_interview(
                db, company=company, role="Platform lead", stage=stage, interview_date=today - timedelta(ago)
            )
            for company, stage, ago in (
                ("Globex", "recruiter screen", 20),
                ("Globex", "first round", 10),
                ("Initech", "recruiter screen", 30),
            )
        }
    finally:
        db.close()
    opened = ids["Globex", "first round"]
    with StreamlitServer(tmp_path, shots / "streamlit-interviews-stage.log") as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{server.url}/interviews")
        page.get_by_text("Initech · Platform lead").wait_for(timeout=60_000)
        settled(page)
        page.evaluate(WATCH)
        db = store.open_store(load_settings(tmp_path))
        try:  # written in a terminal, the page open meanwhile
            store.update_interview(db, opened, notes="Panel of three, one from the platform team.")
        finally:
            db.close()
        page.get_by_text("first round ·").first.click()
        page.get_by_role("tab", name="Edit the interview").wait_for(timeout=30_000)
        settled(page)
        seen = page.evaluate("() => window.__seen")
        stage = page.locator(f".st-key-interviews_stage_{opened}")
        written = stage.locator("[data-testid=stMarkdownContainer]").get_by_text("Panel of three, one from")
        notes = written.count()
        page.screenshot(path=str(shots / "interviews-stage-opened.png"))
    assert seen["ran"], "the stage opened without a run: the check means nothing"
    assert not seen["stale"], "the whole page ran again to open one stage"
    assert notes == 1, "the stage showed its notes as the page had read them, before the terminal's"
