"""Every page opened by its URL in a real headless Chromium, as a bookmark or a typed address opens
it: /practice, the default page's own name, said "Page not found" (Streamlit serves the default
page at / only) before it showed Practice; serve.py now sends it to /. One server and one browser
for all of them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.e2e.server import CHROMIUM, StreamlitServer, chromium

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

# Each page's address and the title it shows; "" is the app's root, where Practice is.
PAGES = {
    "": "Practice",
    "practice": "Practice",
    "mock": "Mock interview",
    "questions": "Questions",
    "progress": "Progress",
    "review": "Review a real interview",
    "interviews": "Interviews",
    "settings": "Settings",
}


def _settled(page, timeout_s: float = 60) -> None:
    """Wait until the page's script has stopped running (Streamlit's running indicator gone for a
    moment), so anything it sends, a "Page not found" dialog too, has arrived."""
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        if page.get_by_test_id("stStatusWidget").count() == 0:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= 1.0:
                return
        else:
            quiet_since = None
        time.sleep(0.2)
    raise AssertionError(f"{page.url} was still running after {timeout_s} s")


def test_every_page_opens_at_its_url(tmp_path, shots):
    shown = {}
    with StreamlitServer(tmp_path, shots / "streamlit-page-urls.log") as server, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        for path, title in PAGES.items():
            page.goto(f"{server.url}/{path}")
            page.get_by_role("heading", name=title, level=1).wait_for(timeout=60_000)
            _settled(page)
            shown[path] = {
                "address": page.url.removeprefix(server.url).strip("/"),
                "title": page.get_by_role("heading", level=1).first.inner_text().strip(),
                "not found": page.get_by_text("Page not found").count(),
            }
            if shown[path]["not found"]:
                page.screenshot(path=str(shots / f"page-url-{path or 'root'}.png"))
        # the addresses the sidebar links to: each is one of those opened above
        links = page.get_by_test_id("stSidebarNavLink")
        linked = {
            links.nth(i).get_attribute("href").removeprefix(server.url).strip("/")
            for i in range(links.count())
        }
        context.close()
    assert shown == {
        path: {"address": "" if path == "practice" else path, "title": title, "not found": 0}
        for path, title in PAGES.items()
    }
    assert linked == set(PAGES) - {"practice"}  # Practice's link is the root
