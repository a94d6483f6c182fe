"""/media in multi-user mode: what a page plays or offers for download is noted as its person's
under the very id Streamlit serves it at, and a request's person is found as the page finds it.
The browser side (403 for another person, no-store) is tests/e2e/test_media_browser.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from store_support import wav_bytes
from streamlit.testing.v1 import AppTest

from coach import media_guard
from coach.config import Settings, load_settings
from coach.media_guard import file_id_of, may_fetch, requester

ANA, BEN = "ana@example.edu", "ben@example.edu"


def _page(recording: str, backup: bytes, multi_user: bool) -> None:
    from dataclasses import replace
    from pathlib import Path

    from coach.config import Settings
    from coach.ui import shared

    current = Settings(data_dir=Path(recording).parent, multi_user=multi_user)
    current = replace(current, owner="ana@example.edu" if multi_user else "")
    shared.play(recording, current)
    shared.play(recording, current, format="audio/ogg", start_time=3)
    shared.offer_download(
        "Download the backup", backup, current, file_name="coach-backup.zip", mime="application/zip"
    )


def _ids(at: AppTest) -> list[str]:
    urls = [a.proto.url for a in at.get("audio")] + [b.proto.url for b in at.get("download_button")]
    assert len(urls) == 3 and all("/media/" in u for u in urls), urls
    return [os.path.splitext(u.rsplit("/", 1)[1])[0] for u in urls]


@pytest.mark.parametrize("size", [20_000, 3 * 1024 * 1024])  # Streamlit hashes files over 1 MiB in part
def test_what_a_page_shows_is_noted_as_its_persons_under_the_id_streamlit_serves(tmp_path, size):
    """Fails when a new Streamlit names its /media files otherwise than `media_id` says: then
    each person would be refused their own recordings (the guard refuses what it has not noted)."""
    recording = tmp_path / "take.wav"
    recording.write_bytes(wav_bytes(seconds=size / 32_000))
    backup = os.urandom(size)
    at = AppTest.from_function(_page, args=(str(recording), backup, True), default_timeout=60).run()
    assert not at.exception, at.exception
    ids = _ids(at)
    assert len(set(ids)) == 3  # the format and a download's name are part of the id
    assert all(may_fetch(file_id, ANA) for file_id in ids)
    assert not any(may_fetch(file_id, BEN) or may_fetch(file_id, None) for file_id in ids)


def test_one_persons_coach_notes_nothing(tmp_path):
    recording = tmp_path / "take.wav"
    recording.write_bytes(wav_bytes(seconds=1.5))
    backup = os.urandom(5000)
    at = AppTest.from_function(_page, args=(str(recording), backup, False), default_timeout=60).run()
    assert not at.exception, at.exception
    assert not any(may_fetch(file_id, ANA) or may_fetch(file_id, "") for file_id in _ids(at))


def test_the_media_route_is_found_with_and_without_a_base_url():
    assert file_id_of("/media/0a1b2c.wav") == "0a1b2c"
    assert file_id_of("/media/0a1b2c") == "0a1b2c"
    assert file_id_of("/coach/media/0a1b2c.zip", "coach") == "0a1b2c"
    assert file_id_of("/coach/media/0a1b2c.zip", "/coach/") == "0a1b2c"
    assert file_id_of("/media/0a1b2c.wav", "coach") is None
    assert file_id_of("/_stcore/health") is None
    assert file_id_of("/mediax/0a1b2c.wav") is None


@pytest.fixture(name="cohort")
def cohort_fixture(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, multi_user=True)


def test_a_request_is_its_persons_as_a_page_is(cohort):
    header = [("x-forwarded-email", "Ana@Example.edu")]
    assert requester(header, "127.0.0.1", {}, cohort) == ANA
    # Streamlit shows a page a loopback peer as no address, which the page takes as 127.0.0.1
    assert requester(header, "::1", {}, cohort) == ANA
    assert requester(header, None, {}, cohort) == ANA
    # not from the trusted proxy, or two different people in one request: nobody
    assert requester(header, "203.0.113.9", {}, cohort) is None
    assert requester([*header, ("X-Forwarded-Email", BEN)], "127.0.0.1", {}, cohort) is None
    assert requester([("x-forwarded-email", "two words")], "127.0.0.1", {}, cohort) is None
    assert requester([], "127.0.0.1", {}, cohort) is None  # no login configured: no st.login user


def test_the_longest_unseen_files_are_forgotten_past_the_bound(monkeypatch):
    monkeypatch.setattr(media_guard, "MOST_NOTED", 3)
    for n in range(4):
        media_guard.allow(f"bound-test-{n}", ANA)
    media_guard.allow("bound-test-1", ANA)  # shown again: kept
    media_guard.allow("bound-test-4", ANA)
    assert [may_fetch(f"bound-test-{n}", ANA) for n in range(5)] == [False, True, False, True, True]


def test_an_unsigned_owner_is_never_noted():
    media_guard.allow("nobodys", "")
    assert not may_fetch("nobodys", "") and not may_fetch("nobodys", None)


def test_the_launcher_is_what_streamlit_run_serves_as_an_app():
    """`streamlit run serve.py` must find serve.py's st.App (else it would run serve.py as a page
    and nothing would guard /media)."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(Path(__file__).resolve().parents[1] / "serve.py")
    assert found.is_asgi_app and found.import_string == "serve:app"


def _cookies_streamlit_sets(user: dict) -> dict[str, str]:
    """The cookies Streamlit's own login callback sets for `user` (as the browser sends them back)."""
    import asyncio
    from http.cookies import SimpleCookie

    from starlette.responses import Response
    from streamlit.web.server.starlette.starlette_auth_routes import _set_auth_cookie

    response = Response()
    asyncio.run(_set_auth_cookie(response, user, {}))
    jar = SimpleCookie()
    for name, value in response.raw_headers:
        if name == b"set-cookie":
            jar.load(value.decode("latin-1"))
    return {name: morsel.value for name, morsel in jar.items() if morsel.value}


@pytest.mark.parametrize("padding", [0, 6000])  # a long profile is split over several cookies
def test_st_logins_user_is_read_from_the_cookie_streamlit_set(padding):
    from coach.media_guard import login_email

    user = {"email": "Ana@Example.edu", "origin": "http://127.0.0.1:8501", "is_logged_in": True}
    cookies = _cookies_streamlit_sets(user | {"picture": os.urandom(padding).hex()})
    users = [name for name in cookies if not name.startswith("_streamlit_user_tokens")]
    assert (len(users) > 1) == (padding > 0), users
    assert login_email(cookies) == ANA
    # signed out, no cookie, or a cookie not signed by this server: nobody
    assert login_email(_cookies_streamlit_sets(user | {"is_logged_in": False})) is None
    assert login_email({}) is None
    forged = {name: value[:-4] + "AAAA" for name, value in cookies.items()}
    assert login_email(forged) is None


def _fetch(path: str) -> int:
    """The status a request for `path` gets through MediaGuard, in front of an app serving 200."""
    import asyncio

    async def served(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"sound"})

    sent: list[dict] = []

    async def send(message) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "path": path, "headers": [], "client": ("127.0.0.1", 5000), "query_string": b""}
    asyncio.run(media_guard.MediaGuard(served)(scope, receive, send))
    return sent[0]["status"]


def test_the_guard_reads_the_settings_file_again_only_once_it_changes(tmp_path, monkeypatch):
    """The /media guard read settings.toml at every request (a page plays many files); it now reads
    it once, and again as soon as it changes: a host turning multi-user mode off or on is obeyed at
    the next request."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text("multi_user = true\n")
    an_hour_ago = settings_file.stat().st_mtime - 3600
    os.utime(settings_file, (an_hour_ago, an_hour_ago))
    reads = []

    def counted(*args, **kwargs):
        reads.append(1)
        return load_settings(*args, **kwargs)

    monkeypatch.setattr(media_guard, "load_settings", counted)
    assert [_fetch("/media/abc.mp3") for _ in range(3)] == [403, 403, 403]
    assert len(reads) == 1, len(reads)

    settings_file.write_text("multi_user = false\n")  # changed now: obeyed at the next request
    assert _fetch("/media/abc.mp3") == 200
    os.utime(settings_file, (an_hour_ago + 60, an_hour_ago + 60))
    settings_file.write_text("multi_user = true\n")
    os.utime(settings_file, (an_hour_ago + 120, an_hour_ago + 120))  # changed, though still long ago
    assert _fetch("/media/abc.mp3") == 403
