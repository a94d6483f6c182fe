"""Signing out of a cohort's coach in a real headless Chromium, behind a login proxy that signs a
browser in with a cookie of its own (tests/e2e/login_proxy.py), as an organisation's proxy does: a
student on a shared library computer signs out from the menu, and neither a reload, nor the back
button, nor the coach's other tab shows their pages to the next person."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach import store
from coach.config import load_settings
from coach.sign_out import SIGNED_OUT
from tests.e2e.login_proxy import COOKIE, SIGN_IN_PAGE, SIGN_OUT_ROUTE, SIGNED_OUT_HERE, login_proxy
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, full_screenshot, settled

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

ANA = "ana@example.edu"


@pytest.fixture(scope="module")
def behind_a_login(tmp_path_factory, shots):
    data_dir = tmp_path_factory.mktemp("sign-out-data")
    (data_dir / "settings.toml").write_text('multi_user = true\ntrusted_proxies = ["127.0.0.1"]\n')
    db = store.open_store(load_settings(data_dir))
    try:
        store.add_interview(db.for_owner(ANA), company="Ana Robotics", interview_date="2026-11-20")
    finally:
        db.close()
    with (
        StreamlitServer(data_dir, shots / "streamlit-sign-out.log") as server,
        login_proxy(server.url) as proxy,
    ):
        yield proxy, data_dir


def _shows_anas_interview(page) -> bool:
    return page.get_by_text("Ana Robotics").count() > 0


def test_signing_out_leaves_nothing_of_the_students_pages_in_the_browser(behind_a_login, shots):
    """There was no way to sign out: the menu offered none, and a student leaving a shared computer
    left their answers and interviews one click away for the next person. "Sign out" at the foot of
    the menu ends it in the browser: the login's cookie is gone, the page says so in a sentence,
    and a reload, the back button and the coach's other tab all reach the sign-in, not the pages."""
    proxy, _ = behind_a_login
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{proxy}/login?as={ANA}")
        page.get_by_role("heading", name="Practice").first.wait_for(timeout=60_000)
        other = context.new_page()  # the same student's second tab, on their interviews
        other.goto(f"{proxy}/interviews")
        other.get_by_text("Ana Robotics").first.wait_for(timeout=60_000)
        page.goto(f"{proxy}/interviews")
        page.get_by_text("Ana Robotics").first.wait_for(timeout=60_000)
        settled(page)
        sidebar = page.get_by_test_id("stSidebar")
        assert sidebar.get_by_text(f"Signed in as {ANA}").count() == 1
        full_screenshot(page, shots / "sign-out-1-signed-in.png")

        sidebar.get_by_role("button", name="Sign out").click()
        page.get_by_role("heading", name="Signed out").wait_for(timeout=30_000)
        assert page.get_by_text(SIGNED_OUT).count() == 1
        page.screenshot(path=str(shots / "sign-out-2-signed-out.png"))
        assert COOKIE not in {c["name"] for c in context.cookies()}

        page.go_back()  # to the page before (Practice): the sign-in, not the page
        page.get_by_text(SIGN_IN_PAGE).wait_for(timeout=30_000)
        page.screenshot(path=str(shots / "sign-out-3-back.png"))
        page.reload()
        page.get_by_text(SIGN_IN_PAGE).wait_for(timeout=30_000)
        assert not _shows_anas_interview(page)
        # the other tab left open on the interviews followed: to the sign-in, its page gone
        other.get_by_text(SIGN_IN_PAGE).wait_for(timeout=30_000)
        assert not _shows_anas_interview(other)
        other.screenshot(path=str(shots / "sign-out-4-other-tab.png"))
        context.close()


def test_signing_out_goes_on_to_the_login_proxys_own_sign_out_when_the_staff_name_it(behind_a_login):
    """A proxy that keeps the sign-in with the organisation's account would sign the next person in
    as the student: with `sign_out_url` set, "Sign out" goes on there once the browser forgot them."""
    proxy, data_dir = behind_a_login
    settings = data_dir / "settings.toml"
    settings.write_text(settings.read_text() + f'sign_out_url = "{SIGN_OUT_ROUTE}"\n')
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{proxy}/login?as={ANA}")
        page.get_by_role("heading", name="Practice").first.wait_for(timeout=60_000)
        settled(page)
        page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
        page.get_by_text(SIGNED_OUT_HERE).wait_for(timeout=30_000)
        assert page.url == f"{proxy}{SIGN_OUT_ROUTE}"
        assert COOKIE not in {c["name"] for c in context.cookies()}
        page.goto(f"{proxy}/interviews")
        page.get_by_text(SIGN_IN_PAGE).wait_for(timeout=30_000)
        context.close()
