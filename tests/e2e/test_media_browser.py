"""What a page plays or offers to download, at its /media address, in a real headless Chromium.

In multi-user (cohort) mode the address serves the file only to the person whose page showed it
(the identity header from the trusted proxy, here the browser's 127.0.0.1): another person, or no
one, gets 403, and no answer may be kept by a browser or proxy. For one person the coach plays its
recordings as before. The app runs as `make run` starts it (serve.py). Screenshots go to
$COACH_SCREENSHOTS (default: a temporary folder)."""

from __future__ import annotations

import io
import subprocess
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from coach import store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, full_screenshot

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

SPEECH = Path(__file__).resolve().parents[1] / "data" / "fillers.wav"
# what is served is checked, not how the answer is coached: its first 5 s, under the quality gate's
# 10 s, so the page shows the take unscored (no charts drawn) with the same player
TAKE_S = 5
ANA, BEN = "ana@example.edu", "ben@example.edu"
COHORT = 'multi_user = true\ntrusted_proxies = ["127.0.0.1"]\n'


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    cut = tmp_path_factory.mktemp("media-clip") / "answer.wav"
    subprocess.run(["sox", str(SPEECH), str(cut), "trim", "0", str(TAKE_S)], check=True)
    return cut


@pytest.fixture(scope="module")
def app(tmp_path_factory, shots):
    """One server for both tests (each started its own, and loaded the speech model in it): each
    test puts the data directory's settings in its mode, which the pages and the /media guard read
    again once settings.toml changes (coach.media_guard.guard_settings)."""
    data_dir = tmp_path_factory.mktemp("media") / "data"
    data_dir.mkdir()
    with StreamlitServer(data_dir, shots / "streamlit-media.log") as server:
        yield server, data_dir


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _context(browser, identity: str | None):
    headers = {"X-Forwarded-Email": identity} if identity else {}
    return browser.new_context(extra_http_headers=headers, viewport={"width": 1280, "height": 900})


def _answer_with_an_upload(page, url: str, clip: Path) -> str:
    """Upload the clip as a practice answer; the path of the recording the result page plays."""
    page.goto(url)
    page.get_by_role("button", name="Answer your first question").click()
    page.get_by_role("tab", name="Upload a file").click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(clip))
    page.get_by_role("heading", name="What was transcribed").wait_for(timeout=180_000)
    player = page.locator("audio").first
    player.wait_for(state="attached", timeout=30_000)
    # the page's own player loads it: its length is known, as the clip's
    page.wait_for_function(
        "() => { const a = document.querySelector('audio'); return a && a.duration > 1; }", timeout=30_000
    )
    return urlparse(player.evaluate("a => a.currentSrc")).path


def _fetch(url: str, identity: str | None = None, **headers: str) -> tuple[int, bytes, dict]:
    """A plain GET from 127.0.0.1 (as the proxy), with the identity header or none."""
    if identity:
        headers["X-Forwarded-Email"] = identity
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def _stored_recording(data_dir: Path, owner: str) -> bytes:
    db = store.open_store(load_settings(data_dir))
    try:
        theirs = db.for_owner(owner) if owner else db
        [attempt] = store.list_attempts(theirs)
        return theirs.absolute(attempt["recording_path"]).read_bytes()
    finally:
        db.close()


def test_a_recording_on_anas_page_is_served_to_ana_alone(app, browser, clip, shots):
    server, data_dir = app
    (data_dir / "settings.toml").write_text(COHORT)
    ana = _context(browser, ANA)
    try:
        page = ana.new_page()
        path = _answer_with_an_upload(page, server.url, clip)
        full_screenshot(page, shots / "media-cohort-ana.png")
        assert path.startswith("/media/"), path
        recording = _stored_recording(data_dir, ANA)

        # Ana: her recording
        as_ana = ana.request.get(server.url + path)
        assert as_ana.status == 200 and as_ana.body() == recording
        status, body, headers = _fetch(server.url + path, ANA)
        assert (status, body) == (200, recording)

        # Ben, signed in through the same proxy, with the address copied: refused
        ben = _context(browser, BEN)
        try:
            as_ben = ben.request.get(server.url + path)
            assert as_ben.status == 403 and recording not in as_ben.body()
            assert as_ben.headers["cache-control"] == "no-store, private"
        finally:
            ben.close()
        # and no browser or proxy keeps Ana's copy
        assert as_ana.headers["cache-control"] == "no-store, private"
        # No identity at all (a browser's history opened elsewhere): refused, HEAD too
        status, body, headers = _fetch(server.url + path)
        assert status == 403 and body != recording
        head = urllib.request.Request(server.url + path, method="HEAD")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(head, timeout=30)
        assert refused.value.code == 403
        # a range of it, as a player asks: the same
        assert _fetch(server.url + path, BEN, Range="bytes=0-99")[0] == 403
        assert _fetch(server.url + path, ANA, Range="bytes=0-99")[:2] == (206, recording[:100])

        # Ana's backup, offered for download on her Settings page: hers alone too. (Chromium
        # fetches a download a second time from its download manager, without the headers
        # playwright adds, as no login proxy would: so the download itself is refused here,
        # and the test reads the address the page gave and fetches it as each person.)
        page.goto(server.url + "/settings")
        page.get_by_role("button", name="Prepare a backup (zip, recordings included)").click()
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Download the backup").click()
        backup_path = urlparse(download.value.url).path
        assert backup_path.startswith("/media/"), backup_path
        status, backup, headers = _fetch(server.url + backup_path, ANA)
        assert status == 200 and headers["cache-control"] == "no-store, private"
        with zipfile.ZipFile(io.BytesIO(backup)) as kept:
            assert recording in (kept.read(name) for name in kept.namelist())
        assert _fetch(server.url + backup_path, BEN)[0] == 403
        assert _fetch(server.url + backup_path)[0] == 403
    finally:
        ana.close()


def test_one_persons_coach_plays_its_recordings_as_before(app, browser, clip, shots):
    """Single-user mode: no identity anywhere, the page's player plays the answer, the address
    answers as Streamlit always did (no caching rule added)."""
    server, data_dir = app
    (data_dir / "settings.toml").unlink(missing_ok=True)
    context = _context(browser, None)
    try:
        page = context.new_page()
        path = _answer_with_an_upload(page, server.url, clip)
        page.evaluate("() => document.querySelector('audio').play()")
        page.wait_for_function(
            "() => { const a = document.querySelector('audio'); return a.currentTime > 0.3; }",
            timeout=30_000,
        )
        full_screenshot(page, shots / "media-single.png")
        status, body, headers = _fetch(server.url + path)
        assert (status, body) == (200, _stored_recording(data_dir, ""))
        assert "cache-control" not in {k.lower() for k in headers}
    finally:
        context.close()
