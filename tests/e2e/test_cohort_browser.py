"""Multi-user (cohort) mode in a real headless Chromium: two people, two browser contexts, each
signed in by the identity header a login proxy would set; each sees only their own answers and
interviews. The header is ignored from an address that is not a trusted proxy, and without it
the app shows one sentence. Screenshots go to $COACH_SCREENSHOTS (default: a temporary folder)."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from coach.identity import SIGN_IN, STAFF_ONLY
from tests.e2e.server import CHROMIUM, ROOT, StreamlitServer, chromium
from tests.e2e.tab import VIEWPORT, for_next_test, one_tab
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


@pytest.fixture(scope="module")
def tab(browser):
    with one_tab(browser) as opened:
        yield opened


def _open(browser, url: str, identity: str | None):
    """A browser of its own (a new context) for one person, signed in as `identity`."""
    headers = {"X-Forwarded-Email": identity} if identity else {}
    context = browser.new_context(extra_http_headers=headers, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    return context, page


@contextmanager
def _signed_in(tab, url: str, identity: str | None, viewport: dict = VIEWPORT) -> Iterator:
    """The module's one tab (tests/e2e/tab.py) at `url`, its requests carrying `identity` as a login
    proxy sends it (None: no header): a new context for each test read Streamlit's frontend afresh.
    The two people of one test each have a browser of their own (`_open`)."""
    with for_next_test(tab, viewport) as page:
        page.set_extra_http_headers({"X-Forwarded-Email": identity} if identity else {})
        page.goto(url)
        yield page


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


def test_pages_say_answers_stay_on_the_organisations_server_not_this_machine(cohort_app, tab, shots):
    """In a cohort the student's browser is not where recordings stay: the pages that take a
    recording say the organisation's server."""
    server, _ = cohort_app
    with _signed_in(tab, server.url, "ben@example.edu") as page:
        for path, words in (
            ("", "Answer out loud"),
            ("mock", "The coach asks"),
            ("review", "Upload the recording"),
        ):
            page.goto(f"{server.url}/{path}")
            text = _main_text(page, words)
            assert "on your organisation's server" in text, (path, text[:400])
            assert "this machine" not in text, (path, text[:400])
            page.screenshot(path=str(shots / f"cohort-where-{path or 'practice'}.png"))
        # the one-recording limit a person meets here is the cohort's (200 MB), not the server's 1 GB
        # (said once, by the upload box under its label: the label said it again)
        assert "200MB per file" in _main_text(page, "per file")


def test_the_signed_in_address_copies_exactly_as_it_is_and_is_no_link(cohort_app, tab, shots):
    """Settings showed "Signed in as ana@example.edu" with a zero-width space after the "@" (put
    there so the page's markdown would not make a mail link of it): a copy of the address carried
    it, and pasted into a login or an e-mail it was another address."""
    server, _ = cohort_app
    for address in ("ana.lopez+coach@example.edu", "www.dev_ops@sub.example.edu"):
        with _signed_in(tab, f"{server.url}/settings", address) as page:
            page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
            _main_text(page, "Signed in as")
            sentence = page.locator('[data-testid="stMarkdownContainer"]', has_text="Signed in as").last
            assert sentence.locator("a").count() == 0  # no mail link
            # what a person copies: the sentence selected, then Ctrl+C, then read from the clipboard
            sentence.evaluate(
                "el => { const r = document.createRange(); r.selectNodeContents(el);"
                " const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); }"
            )
            page.keyboard.press("Control+C")
            copied = page.evaluate("() => navigator.clipboard.readText()")
            assert copied.splitlines()[0] == f"Signed in as {address}", ascii(copied[:80])
            assert sentence.inner_text().splitlines()[0] == f"Signed in as {address}", ascii(
                sentence.inner_text()
            )
            page.screenshot(path=str(shots / f"cohort-signed-in-{address.split('@')[0]}.png"), full_page=True)


def test_staff_see_the_cohort_in_numbers_only(cohort_app, tab, shots):
    """The cohort's figures and weeks, no one's name. Its heading "Week by week" still carried a "Link
    to heading" link, for a screen reader among the page's links and for a keyboard in its Tab order,
    after every other page's headings had shed theirs."""
    server, _ = cohort_app
    with _signed_in(tab, f"{server.url}/cohort", STAFF) as page:
        text = _main_text(page, "Real interview answers this week")
        assert "People who have answered" in text
        assert not any(name in text for name in PEOPLE.values()) and "example.edu" not in text
        # the weeks read as dates do on every page ("Mon 30 Nov"), not 2026-11-30
        table = _main_text(page, "Week of")
        assert re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}\b", table), table
        assert not re.search(r"\d{4}-\d{2}-\d{2}", table), table
        said = page.locator('[data-testid="stMain"]').aria_snapshot()
        page.screenshot(path=str(shots / "cohort-staff.png"), full_page=True)
    assert 'heading "Week by week"' in said, said
    assert "Link to heading" not in said, said


def test_a_student_sent_the_cohort_pages_address_reads_that_it_is_the_staffs(cohort_app, tab, shots):
    """A student who followed a link to /cohort (the staff shared their own address by mistake) got
    Streamlit's "Page not found: The page that you have requested does not seem to exist. Running
    the app's main page." over Practice. They read the cohort view's own sentence, on a page of
    that name, and the menu still offers the Cohort page to the staff only."""
    server, _ = cohort_app
    with _signed_in(tab, f"{server.url}/cohort", "ben@example.edu") as page:
        text = _main_text(page, STAFF_ONLY)
        assert "Cohort" in text and "People who have answered" not in text
        body = page.locator("body").inner_text()
        assert "Page not found" not in body and "main page" not in body
        sidebar = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Practice" in sidebar and "Cohort" not in sidebar
        page.screenshot(path=str(shots / "cohort-student-at-cohort.png"), full_page=True)


def test_the_weeks_read_on_a_phone_one_line_a_week_every_figure_right_aligned(cohort_app, tab, shots):
    """At 390 px the week column read "Mon / 30 / Nov" on three lines, and the averages ("—", or
    "70") sat left while the counts beside them sat right. Each week is one line, every figure and
    its header right-aligned, and the six columns fit the phone with no sideways scroll."""
    server, _ = cohort_app
    with _signed_in(tab, f"{server.url}/cohort", STAFF, viewport={"width": 390, "height": 844}) as page:
        _main_text(page, "Week by week")
        page.locator('[data-testid="stTable"] td').first.wait_for()
        page.screenshot(path=str(shots / "cohort-staff-phone.png"), full_page=True)
        laid_out = page.evaluate(
            """() => {
                const table = document.querySelector('[data-testid=stTable]');
                const rows = [...table.querySelectorAll('tr')].map(row => [...row.children].map(cell => {
                    const text = cell.querySelector('p') || cell;
                    return {text: cell.innerText.trim(), align: getComputedStyle(cell).textAlign,
                            lines: Math.round(text.getBoundingClientRect().height
                                              / parseFloat(getComputedStyle(text).lineHeight))};
                }));
                return {rows, shown: table.clientWidth, needed: table.querySelector('table').scrollWidth};
            }"""
        )
    header, *weeks = laid_out["rows"]
    assert [cell["text"] for cell in header][0] == "Week of" and len(weeks) >= 4
    assert [week[0]["lines"] for week in weeks] == [1] * len(weeks), [week[0] for week in weeks]
    left = {(row[0]["text"], cell["text"]): cell["align"] for row in laid_out["rows"] for cell in row[1:]}
    assert {where: align for where, align in left.items() if align != "right"} == {}
    assert laid_out["needed"] <= laid_out["shown"], laid_out


def test_no_header_or_a_header_from_an_untrusted_address_shows_only_the_sign_in_sentence(
    cohort_app, tab, shots
):
    server, data_dir = cohort_app
    with _signed_in(tab, f"{server.url}/interviews", None) as page:
        text = _main_text(page, SIGN_IN)
        assert not any(name in text for name in PEOPLE.values())
        page.screenshot(path=str(shots / "cohort-sign-in.png"))
    # The same header, but the coach now believes it only from another address (the proxy's):
    # this browser connects from 127.0.0.1, so it is anybody, and gets nothing.
    (data_dir / "settings.toml").write_text(COHORT.replace('["127.0.0.1"]', '["10.9.9.9"]'))
    try:
        with _signed_in(tab, f"{server.url}/interviews", "ana@example.edu") as page:
            text = _main_text(page, SIGN_IN)
            assert "Ana" not in text and "Ben" not in text
    finally:
        (data_dir / "settings.toml").write_text(COHORT)


def test_the_cohort_script_starts_the_app_private_from_any_folder(browser, tmp_path, monkeypatch, shots):
    """`scripts/serve_cohort.py` run from another folder: Streamlit reads the config.toml beside
    app.py as well as the working folder's, so the page is still told not to gather usage
    statistics, no request leaves 127.0.0.1, and the server answers on 127.0.0.1 only.

    On that app, the Practice page redraws a queued answer's place every two seconds: with
    PostgreSQL gone meanwhile, that redraw showed Streamlit's "This app has encountered an error"
    box where the answer's place had been. Now one sentence saying the recording is kept, and the
    answer's place again once the database is back. (Watched all along: no request leaves.)"""
    import socket
    import sys
    import urllib.request

    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from coach import queue
    from tests.e2e.server import free_port
    from tests.pg_server import allow_connections, get_server, skip_reason

    sys.path.insert(0, str(ROOT / "scripts"))
    from serve_cohort import CohortStack

    no_database = skip_reason()  # without PostgreSQL only the privacy is checked
    url = "" if no_database else get_server().new_database_url()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("HOME", str(elsewhere))  # no ~/.streamlit of the person running the tests
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "settings.toml").write_text(COHORT)
    stack = CohortStack(data_dir, 0, app_port=free_port(), pg_port=0)
    stack.url = url
    if url:
        queue.ensure_schema(stack.settings())

    def connections(allowed: bool) -> None:
        allow_connections(url, allowed, drop=not allowed)

    told: list[bool] = []
    outside: list[str] = []
    try:
        stack.start_app()
        address = f"http://127.0.0.1:{stack.app_port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(address + "/_stcore/health", timeout=2).close()
                break
            except OSError:
                time.sleep(0.5)

        def frame(payload) -> None:
            if isinstance(payload, bytes):
                msg = ForwardMsg.FromString(payload)
                if msg.HasField("new_session"):
                    told.append(msg.new_session.config.gather_usage_stats)

        def watch(route):
            if not route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
                outside.append(route.request.url)
                return route.abort()
            return route.continue_()

        # as oauth2-proxy or nginx sends it, with the browser's address: the page was the sign-in
        # sentence, uvicorn having taken that address for the connection's
        context = browser.new_context(
            extra_http_headers={"X-Forwarded-Email": "ana@example.edu", "X-Forwarded-For": "203.0.113.7"},
            viewport={"width": 1280, "height": 900},
        )
        try:
            page = context.new_page()
            page.route("**/*", watch)
            page.on("websocket", lambda ws: ws.on("framereceived", frame))
            page.goto(address)
            page.locator("h1").or_(page.get_by_text(SIGN_IN)).first.wait_for(timeout=60_000)
            assert page.get_by_text(SIGN_IN).count() == 0, "a signed-in student was asked to sign in"
            if no_database:
                time.sleep(3)  # what the page sends once it is drawn
            else:
                page.get_by_role("button", name="Answer your first question").click()
                page.get_by_role("tab", name="Upload a file").click()
                page.locator("input[type=file]").first.set_input_files(str(ROOT / "tests/data/short.wav"))
                _main_text(page, "No analyser is running at the moment")
                connections(False)
                try:
                    fault = page.locator('[data-testid="stException"]')  # Streamlit's box for a fault
                    fault.or_(page.get_by_text("could not use its database")).first.wait_for(timeout=30_000)
                    time.sleep(2.5)  # the next redraw, still without the database
                    text = page.locator('[data-testid="stMain"]').inner_text()
                    page.screenshot(path=str(shots / "cohort-waiting-database-gone.png"), full_page=True)
                    assert fault.count() == 0, text[-600:]
                    assert text.count("could not use its database") == 1, text[-600:]
                    assert "Your recording is kept" in text, text[-600:]
                finally:
                    connections(True)
                text = _main_text(page, "No analyser is running at the moment")
                assert "could not use its database" not in text
        finally:
            context.close()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as route:
            route.connect(("192.0.2.1", 9))  # UDP: sends nothing, only picks the outgoing interface
            own_address = route.getsockname()[0]  # this machine's address on its network
        with socket.socket() as probe:
            probe.settimeout(2)
            reachable = probe.connect_ex((own_address, stack.app_port)) == 0
    finally:
        for process in stack.processes:
            process.terminate()
            process.wait(timeout=20)
    assert told and not any(told), told  # every session: no usage statistics
    assert outside == []
    assert not own_address.startswith("127.") and not reachable, own_address  # not on the network
    if no_database:
        pytest.skip(f"the privacy was checked; not a queued answer without its database: {no_database}")
