"""Multi-user (cohort) mode in a real headless Chromium: two people, two browser contexts, each
signed in by the identity header a login proxy would set; each sees only their own answers and
interviews. The header is ignored from an address that is not a trusted proxy, and without it
the app shows one sentence. Screenshots go to $COACH_SCREENSHOTS (default: a temporary folder)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from coach.identity import SIGN_IN
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium
from tests.store_support import analysis_dict, transcript_dict, wav_bytes

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

PEOPLE = {"ana@example.edu": "Ana", "ben@example.edu": "Ben"}
STAFF = "coach@example.edu"
COHORT = f'multi_user = true\ntrusted_proxies = ["127.0.0.1"]\nstaff = ["{STAFF}"]\n'


def _seed(data_dir: Path) -> None:
    """Each person's interview and practice answer, written through the store as theirs."""
    db = store.open_store(load_settings(data_dir))
    try:
        for identity, name in PEOPLE.items():
            theirs = db.for_owner(identity)
            store.add_interview(theirs, company=f"{name} Robotics", interview_date="2026-11-20")
            store.save_attempt(
                theirs,
                question_id="swe-beh-01",  # the same bank question for both
                question_text=f"What did {name} ship last quarter?",
                recording=None,
                transcript=transcript_dict(f"{name} shipped the billing service."),
                analysis=analysis_dict(text=f"{name} shipped the billing service."),
                engine="faster-whisper",
                model="tiny.en",
            )
    finally:
        db.close()
    # A take of Ana's that a crash left without its row (saved, never analysed).
    left = load_settings(data_dir, owner="ana@example.edu").recordings_dir / "practice" / "2026-11"
    left.mkdir(parents=True)
    (left / "20261130-090000-left.wav").write_bytes(wav_bytes())
    os.utime(left / "20261130-090000-left.wav", (time.time() - 600, time.time() - 600))


def _unanalysed(data_dir: Path) -> dict[str, int]:
    db = store.open_store(load_settings(data_dir), recover=False)
    try:
        return {who: len(store.unanalysed_recordings(db.for_owner(who))) for who in ("", *PEOPLE)}
    finally:
        db.close()


@pytest.fixture(scope="module")
def cohort_app(tmp_path_factory, shots):
    data_dir = tmp_path_factory.mktemp("cohort-data")
    (data_dir / "settings.toml").write_text(COHORT)
    _seed(data_dir)
    with StreamlitServer(data_dir, shots / "streamlit-cohort.log") as server:
        yield server, data_dir


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _open(browser, url: str, identity: str | None):
    headers = {"X-Forwarded-Email": identity} if identity else {}
    context = browser.new_context(extra_http_headers=headers, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    return context, page


def _main_text(page, waiting_for: str) -> str:
    page.get_by_text(waiting_for).first.wait_for(timeout=30_000)
    return page.locator('[data-testid="stMain"]').inner_text()


def test_two_people_each_see_only_their_own_answers_and_interviews(cohort_app, browser, shots):
    server, data_dir = cohort_app
    assert _unanalysed(data_dir) == {"": 0, "ana@example.edu": 0, "ben@example.edu": 0}
    for identity, name in PEOPLE.items():
        other = next(n for n in PEOPLE.values() if n != name)
        context, page = _open(browser, f"{server.url}/interviews", identity)
        try:
            text = _main_text(page, f"{name} Robotics")
            assert other not in text
            page.screenshot(path=str(shots / f"cohort-interviews-{name.lower()}.png"))
            page.goto(f"{server.url}/progress")
            # Per question names the line by the bank's words; each person answered it once
            text = _main_text(page, "Tell me about an incident you were involved in")
            assert "1 practice, 0 real" in text and "2 practice" not in text
            assert other not in text
            sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
            assert "Cohort" not in sidebar  # the staff page is not offered to a student
            page.goto(f"{server.url}/settings")
            text = _main_text(page, f"Signed in as {identity}")
            assert "Engine and model" not in text  # the cohort's model is the staff's to choose
            assert "Data directory" not in text  # no server paths
            page.screenshot(path=str(shots / f"cohort-settings-{name.lower()}.png"), full_page=True)
        finally:
            context.close()
    # Ana's first visit finished what the crash left in her folder: the take is hers alone.
    assert _unanalysed(data_dir) == {"": 0, "ana@example.edu": 1, "ben@example.edu": 0}


def test_staff_see_the_cohort_in_numbers_only(cohort_app, browser, shots):
    server, _ = cohort_app
    context, page = _open(browser, f"{server.url}/cohort", STAFF)
    try:
        text = _main_text(page, "Answers this week")
        assert "People who have answered" in text
        assert not any(name in text for name in PEOPLE.values()) and "example.edu" not in text
        page.screenshot(path=str(shots / "cohort-staff.png"), full_page=True)
    finally:
        context.close()


def test_no_header_or_a_header_from_an_untrusted_address_shows_only_the_sign_in_sentence(
    cohort_app, browser, shots
):
    server, data_dir = cohort_app
    context, page = _open(browser, f"{server.url}/interviews", None)
    try:
        text = _main_text(page, SIGN_IN)
        assert not any(name in text for name in PEOPLE.values())
        page.screenshot(path=str(shots / "cohort-sign-in.png"))
    finally:
        context.close()
    # The same header, but the coach now believes it only from another address (the proxy's):
    # this browser connects from 127.0.0.1, so it is anybody, and gets nothing.
    (data_dir / "settings.toml").write_text(COHORT.replace('["127.0.0.1"]', '["10.9.9.9"]'))
    try:
        context, page = _open(browser, f"{server.url}/interviews", "ana@example.edu")
        try:
            text = _main_text(page, SIGN_IN)
            assert "Ana" not in text and "Ben" not in text
        finally:
            context.close()
    finally:
        (data_dir / "settings.toml").write_text(COHORT)
