"""One browser tab for the tests of a module, in place of a new context and page for each test.

A new context's page starts a new renderer that reads Streamlit's whole frontend afresh: the
Questions page cost 4.5 s of CPU that way, 3.0 s in a new page of the same context, 1.7 s opened
again in the same tab (medians of 8 loads each, Chromium's processes and the server counted, 7 Dec
2026). Each test still opens its own page (`page.goto`): a new document, and a new session of the
app with the server.

What a tab keeps from one test to the next is put back as a new context had it, after each test:
- its sessionStorage (where coach.ui.shared.keep_typed keeps what was typed and not saved) and
  localStorage (where Streamlit keeps which sidebar sections are open, and the theme), emptied on
  the origin the test ended on, then the tab sent to about:blank (the app's session ends there, as
  it did when the context closed; the same renderer goes on);
- its cookies (Streamlit's _streamlit_xsrf) and permissions (back to those the tab was opened with);
- the routes and extra HTTP headers a test set on the page, and its size.
Whether any cookie or localStorage is left, on any origin, is checked then: a test that opens the
app on two origins (two servers) must empty the first itself, or use a context of its own. Tests
that need another context (other permissions or cookies from the start, a phone with touch, two
people at once) open their own; so do tests that listen to the page's events (`page.on`), which
would go on hearing the next tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Error as PlaywrightError

VIEWPORT = {"width": 1280, "height": 900}

# the storage of the origin the tab is on; about:blank has none to read
EMPTIED = "() => { try { sessionStorage.clear(); localStorage.clear(); } catch (e) {} }"


class Tab:
    """A page of a context of its own, and the permissions it was opened with."""

    def __init__(self, page, permissions: list[str]):
        self.page, self.permissions = page, permissions


@contextmanager
def one_tab(browser, permissions: list[str] | None = None, **context_options) -> Iterator[Tab]:
    """A page of a new context of `browser` (1280 x 900), for a module's tests to share through
    `for_next_test`; closed when the block ends."""
    context = browser.new_context(permissions=permissions or [], viewport=VIEWPORT, **context_options)
    try:
        yield Tab(context.new_page(), list(permissions or []))
    finally:
        context.close()


@contextmanager
def for_next_test(tab: Tab, viewport: dict = VIEWPORT) -> Iterator:
    """The module's tab for one test, as a new context's page would be: in front, `viewport` in size,
    nothing kept from the test before; put back so after the test."""
    page = tab.page
    page.bring_to_front()
    page.set_viewport_size(viewport)
    try:
        yield page
    finally:
        _put_back(tab)


def _put_back(tab: Tab) -> None:
    page, context = tab.page, tab.page.context
    try:
        page.evaluate(EMPTIED)
    except PlaywrightError:  # the test ended while a page was being opened
        page.wait_for_load_state()
        page.evaluate(EMPTIED)
    page.goto("about:blank")
    page.unroute_all(behavior="ignoreErrors")
    page.set_extra_http_headers({})
    context.clear_cookies()
    context.clear_permissions()
    if tab.permissions:
        context.grant_permissions(tab.permissions)
    page.set_viewport_size(VIEWPORT)
    left = context.storage_state()
    assert not left["cookies"] and not any(o["localStorage"] for o in left["origins"]), left
