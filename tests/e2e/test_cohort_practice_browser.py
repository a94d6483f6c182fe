"""A cohort's Practice page in a real headless Chromium, its answer analysed by a real `coach worker`
(PostgreSQL queue, Whisper tiny.en): the page stays as the person left it when the result lands."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.e2e.server import CHROMIUM, ROOT, StreamlitServer, chromium, settled

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]

CLIP = ROOT / "tests" / "data" / "fillers.wav"  # 14 s of speech, tiny.en: about 3 s


def test_an_answer_landing_keeps_the_upload_tab_and_offers_the_interview_just_logged(tmp_path, shots):
    """The person uploaded their answer on "Upload a file"; while it waited, a review of theirs
    logged an interview today. When the answer landed, the page came back on "Record", with
    "Preparing for" drawn above the tabs (docs/screenshots/cohort-result.png). The tab they were
    on stays chosen; "Preparing for" offers the interview, as for any in the last month."""
    from pg_server import get_server, skip_reason

    from coach import queue, store
    from coach.config import load_settings

    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    data_dir = tmp_path / "app"
    url = get_server().new_database_url()
    cohort = dict(COACH_DATABASE_URL=url, COACH_QUEUE="1")
    settings = replace(load_settings(data_dir=data_dir), database_url=url, queue=True)
    queue.ensure_schema(settings)
    worker = None
    with StreamlitServer(data_dir, tmp_path / "app.log", env=cohort) as server, chromium() as browser:
        context = browser.new_context(viewport={"width": 1200, "height": 1100})
        page = context.new_page()
        try:
            page.goto(server.url)
            page.get_by_role("button", name="Answer your first question").click()
            upload_tab = page.get_by_role("tab", name=re.compile("Upload a file"))
            upload_tab.click()
            page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
                {"name": "answer.wav", "mimeType": "audio/wav", "buffer": CLIP.read_bytes()}
            )
            page.get_by_text("No analyser is running at the moment").wait_for(timeout=60_000)
            db = store.open_store(settings, recover=False)
            try:  # what a review landing meanwhile does: an interview logged for today
                store.add_interview(db, company="Initech", interview_date=date.today().isoformat())
            finally:
                db.close()
            env = dict(os.environ, COACH_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT), **cohort)
            log = tmp_path / "worker.log"
            worker = subprocess.Popen(
                [sys.executable, "-m", "coach.cli", "worker"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log.open("w"),
            )
            page.get_by_role("heading", name="What to work on").wait_for(timeout=240_000)
            settled(page)
            page.screenshot(path=str(shots / "cohort-practice-landed.png"), full_page=True)
            assert upload_tab.get_attribute("aria-selected") == "true", "the page went back to Record"
            assert page.get_by_text("Preparing for").first.is_visible()
        finally:
            context.close()
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()
