"""What the browser tests share: `streamlit run serve.py` (app.py as `make run` serves it) on a free
127.0.0.1 port with its own data directory, Debian's Chromium through playwright, full-page
screenshots, and how alike two sounds are."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def microphone_args(clip: Path) -> list[str]:
    """Chromium's arguments for a fake microphone that plays `clip` once, allowed without asking."""
    return CHROMIUM_ARGS + [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={clip}%noloop",
    ]


@contextmanager
def chromium(args: list[str] = CHROMIUM_ARGS) -> Iterator:
    """Debian's Chromium, headless, through playwright; closed when the block ends."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            yield browser
        finally:
            browser.close()


# The page has stopped changing once no element was added, removed or changed for DRAWN_QUIET_MS
# (a chart laid out again for a new width changes its canvas's size); at most DRAWN_CAP_MS.
DRAWN = """([quietMs, capMs]) => new Promise(resolve => {
    const start = performance.now();
    let last = start;
    const seen = new MutationObserver(() => { last = performance.now(); });
    seen.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    const look = () => {
        const now = performance.now();
        if (now - last >= quietMs || now - start >= capMs) {
            seen.disconnect();
            resolve(now - last >= quietMs);
        } else {
            setTimeout(look, 25);
        }
    };
    setTimeout(look, 25);
})"""
DRAWN_QUIET_MS, DRAWN_CAP_MS = 250, 3000


def redrawn(page) -> bool:
    """Wait until the page's elements stop changing (after a resize, a redraw); whether they did
    within DRAWN_CAP_MS. In place of a fixed 0.8 s before each full screenshot: 0.26-0.42 s for 10
    of tests/e2e/test_browser.py's 12 waits (load 3-5); 2.7 s and 0.94 s on the two practice
    results, whose charts were still being drawn after the fixed 0.8 s."""
    return page.evaluate(DRAWN, [DRAWN_QUIET_MS, DRAWN_CAP_MS])


def full_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content, then shoot."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 900")
    page.set_viewport_size({"width": 1280, "height": min(max(int(height), 900), 6000)})
    redrawn(page)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1280, "height": 900})


# Streamlit's own state of the page's script run, on its root element (what Streamlit's browser
# tests wait on): "running" from the moment the server says a run started, which its running
# indicator shows only after a delay. The page is settled once it has said "notRunning" for
# SETTLED_QUIET_MS after a run was seen, or for SETTLED_UNSEEN_MS when none was (a click's run
# starts only once the server has the click; a run shorter than a poll is not seen).
SETTLED = """([quietAfterRun, quietUnseen]) => {
    const app = document.querySelector('[data-testid=stApp]');
    const now = performance.now();
    const w = window.__coachSettle ??= {since: now, seen: false};
    const idle = app && app.dataset.testScriptState === 'notRunning'
        && app.dataset.testConnectionState === 'CONNECTED'
        && !document.querySelector('[data-testid=stStatusWidget]');
    if (!idle) {
        w.since = now;
        w.seen = true;
        return false;
    }
    return now - w.since >= (w.seen ? quietAfterRun : quietUnseen);
}"""
SETTLED_QUIET_MS, SETTLED_UNSEEN_MS = 500, 1000


def settled(page, timeout_ms: int = 120_000) -> None:
    """Wait until the page's script has finished drawing, and no other run follows at once."""
    page.evaluate("() => { delete window.__coachSettle; }")
    page.wait_for_function(SETTLED, arg=[SETTLED_QUIET_MS, SETTLED_UNSEEN_MS], polling=50, timeout=timeout_ms)


def similarity(recorded, clip) -> float:
    """Pearson correlation of the take and the clip at their best alignment (1.0 = the same sound)."""
    from scipy.signal import correlate

    corr = correlate(recorded, clip, mode="full", method="fft")
    lag = int(np.argmax(np.abs(corr))) - (len(clip) - 1)  # where the clip starts in the take
    take = recorded[max(lag, 0) :]
    source = clip[max(-lag, 0) :]
    n = min(len(take), len(source))
    return float(abs(np.corrcoef(take[:n], source[:n])[0, 1]))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """The app as a user runs it (or another script), in a subprocess; `url` once it answers its health
    check."""

    def __init__(
        self, data_dir: Path, log_path: Path, script: Path = ROOT / "serve.py", env: dict | None = None
    ):
        """`env`: more environment for the server (TZ, to put it in another time zone than the browser)."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, COACH_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1", **(env or {}))
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait_healthy()
        except BaseException:  # not left running: a server that never answered outlived its test run
            self.stop()
            raise

    # On a 2-core machine loaded by other work (load average 8) a server printed its address and
    # still did not answer its health check within 60 s; it answered later.
    def _wait_healthy(self, timeout_s: float = 120) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not answer on {self.url} within {timeout_s} s")

    def __enter__(self) -> StreamlitServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
