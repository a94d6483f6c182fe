"""Recordings and backups at their web address are their owner's only (multi-user mode).

What a page plays (st.audio) and offers to download (st.download_button) Streamlit serves at
/media/<id>.<ext>, and that route asks no one who they are: anyone with the address (a copied
link, a shared computer's history, a proxy's access log) could fetch the file while Streamlit
keeps it. In multi-user mode the page notes, before it shows such a file, whose page it is on
(`allow`, called by coach.ui.shared.play and offer_download), and `MediaGuard`, ASGI middleware
in front of Streamlit's routes (serve.py, what `make run` and `make serve-cohort` start), serves
/media only to that person, by coach.identity's rule (the identity header, believed only from a
trusted proxy, else st.login's user); anyone else gets 403, and every /media answer carries
`Cache-Control: no-store, private`, so no browser or proxy keeps a copy. A file no page noted is
refused too. In single-user mode every request passes through untouched.

The notes are this process's (Streamlit keeps the files in this process's memory too).
"""

from __future__ import annotations

import logging
import os
import posixpath
import threading
from collections import OrderedDict
from collections.abc import Mapping

from coach.config import COHORT_PASSWORD_FILE, SETTINGS_FILE_NAME, Settings, default_data_dir, load_settings
from coach.errors import CoachError
from coach.files import changed_just_now
from coach.identity import identity_from, normalise

logger = logging.getLogger(__name__)

MEDIA_ROUTE = "media"  # Streamlit's /media/<id>.<ext> (streamlit.web.server.server.MEDIA_ENDPOINT)
NO_STORE = "no-store, private"
REFUSED = "This file is not yours to open here; open it from your own page in the coach."
# How many files' owners are remembered; past it the longest unseen go (a page shown again notes
# its files again). A tab left open that long gets 403 for a file until it is shown again.
MOST_NOTED = 20_000

_owners: OrderedDict[str, set[str]] = OrderedDict()
_lock = threading.Lock()
_guard_running = False
_warned_unguarded = False


# ---------------------------------------------------------------- whose file is it


def media_id(data: bytes, mimetype: str, file_name: str | None = None) -> str:
    """The id Streamlit gives these bytes in its /media address. Streamlit has no public way to
    say it, so this is its own function (`_calculate_file_id`); tests/test_media_guard.py checks
    it against the address st.audio and st.download_button put on a page, and fails when a new
    Streamlit names files otherwise."""
    from streamlit.runtime.memory_media_file_storage import _calculate_file_id

    return _calculate_file_id(data, mimetype, file_name)


def allow(file_id: str, owner: str) -> None:
    """Note that the file `file_id` is on `owner`'s page: they may fetch it (and whoever else's
    page shows the very same bytes, such as a mock interview's spoken question)."""
    global _warned_unguarded
    if not owner:
        return
    with _lock:
        _owners.setdefault(file_id, set()).add(owner)
        _owners.move_to_end(file_id)
        while len(_owners) > MOST_NOTED:
            _owners.popitem(last=False)
        warn = not _guard_running and not _warned_unguarded
        _warned_unguarded = _warned_unguarded or warn
    if warn:
        logger.warning(
            "multi-user mode, but /media addresses are not guarded: start the coach with "
            "`make run` or `make serve-cohort` (streamlit run serve.py), not `streamlit run app.py`"
        )


def may_fetch(file_id: str, identity: str | None) -> bool:
    """Whether `identity` may fetch the file `file_id` (multi-user mode): only a page's owner."""
    if not identity:
        return False
    with _lock:
        return identity in _owners.get(file_id, ())


def file_id_of(path: str, base_url: str = "") -> str | None:
    """The file id a request path asks Streamlit's media route for, or None when the path is not
    that route (`<base>/media/<id>.<ext>`, the id as Streamlit's storage reads it)."""
    prefix = "/" + "/".join(part for part in (base_url.strip("/"), MEDIA_ROUTE) if part) + "/"
    if not path.startswith(prefix):
        return None
    return posixpath.splitext(path[len(prefix) :])[0]


# ---------------------------------------------------------------- who is asking


def requester(
    headers: list[tuple[str, str]], client_address: str | None, cookies: Mapping[str, str], settings: Settings
) -> str | None:
    """Who a request is from, as the page decides it (coach.ui.shared.signed_in): the identity
    header from a trusted proxy, else st.login's signed-in e-mail where login is configured."""
    # Streamlit shows a page a loopback peer (127.0.0.1, ::1) as no address, and the page takes
    # no address as 127.0.0.1: the same here, so the page's owner is the file's.
    address = "127.0.0.1" if client_address in (None, "::1", "127.0.0.1") else client_address
    name = settings.identity_header.strip().lower()
    sent = {value for key, value in headers if key.lower() == name}
    if len(sent) > 1:
        return None  # two different identities in one request: nobody
    who = identity_from(dict(headers), address, settings) if sent else None
    return who if who is not None else login_identity(cookies)


def login_identity(cookies: Mapping[str, str]) -> str | None:
    """st.login's signed-in user, when an identity provider is configured ([auth] in secrets, as
    coach.ui.shared asks); None otherwise."""
    import streamlit as st
    from streamlit.errors import StreamlitSecretNotFoundError

    try:
        if "auth" not in st.secrets:
            return None
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return None
    return login_email(cookies)


def login_email(cookies: Mapping[str, str]) -> str | None:
    """The e-mail in st.login's cookie, read as Streamlit reads it for a page
    (streamlit.web.server.starlette.starlette_websocket): signed with the server's cookie secret,
    perhaps split over several cookies; None when absent, forged or not signed in.
    tests/test_media_guard.py reads a cookie Streamlit itself set, so a new format fails there."""
    import json

    from streamlit.auth_util import get_cookie_with_chunks
    from streamlit.web.server.server_util import get_cookie_secret
    from streamlit.web.server.starlette.starlette_app_utils import decode_signed_value
    from streamlit.web.server.starlette.starlette_server_config import USER_COOKIE_NAME

    secret = get_cookie_secret()
    if not secret or USER_COOKIE_NAME not in cookies:
        return None

    def one(name: str) -> bytes | None:
        value = cookies.get(name)
        return None if value is None else decode_signed_value(secret, name, value.encode("latin-1"))

    try:
        payload = json.loads((get_cookie_with_chunks(one, USER_COOKIE_NAME) or b"{}").decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("is_logged_in") is not True:
        return None
    email = payload.get("email")
    return normalise(email) if isinstance(email, str) else None


# ---------------------------------------------------------------- the settings it goes by

_settings_read: list = [None, None]  # [what the settings' sources looked like, the Settings or None]


def guard_settings() -> Settings | None:
    """The settings, as load_settings reads them, or None when they cannot be read (refuse).
    Read again only when settings.toml (or the cohort's password file, or a COACH_ variable) has
    changed since: a host turning multi-user mode on, or changing the trusted proxies, takes effect
    at the next request, and /media requests do not each parse the file."""
    sources = _sources()
    with _lock:
        if sources is not None and _settings_read[0] == sources:
            return _settings_read[1]
    try:
        settings = load_settings()
    except CoachError:
        settings = None
    with _lock:
        _settings_read[:] = [sources, settings]
    return settings


def _sources() -> tuple | None:
    """What the settings are read from, as a stat can tell it has changed; None while the file was
    changed a moment ago (`changed_just_now`): its settings are read again at each request until it
    has been still a while, so a change in the same tick is not missed."""
    data_dir = default_data_dir()
    stats = []
    for name in (SETTINGS_FILE_NAME, COHORT_PASSWORD_FILE):
        try:
            st = os.stat(data_dir / name)
        except OSError:
            stats.append(None)
            continue
        if changed_just_now(st.st_mtime_ns):
            return None
        stats.append((st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino))
    environment = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("COACH_")))
    return (str(data_dir), *stats, environment)


# ---------------------------------------------------------------- the middleware


class MediaGuard:
    """ASGI middleware: in multi-user mode, /media is served only to the owner of the page that
    showed the file, and never kept by a browser or proxy; otherwise it changes nothing."""

    def __init__(self, app) -> None:
        global _guard_running
        self.app = app
        _guard_running = True

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        file_id = file_id_of(_route_path(scope), _base_url())
        if file_id is None:
            await self.app(scope, receive, send)
            return
        settings = guard_settings()  # None: the settings cannot be read, whose mode it is is unknown
        if settings is not None and not settings.multi_user:
            await self.app(scope, receive, send)
            return
        if settings is None or not may_fetch(file_id, _who(scope, settings)):
            await _refuse(send)
            return

        async def no_store(message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                message = {**message, "headers": [*kept, (b"cache-control", NO_STORE.encode())]}
            await send(message)

        await self.app(scope, receive, no_store)


def _route_path(scope) -> str:
    """The path Starlette's router matches (without an ASGI root path)."""
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


def _base_url() -> str:
    from streamlit import config

    return config.get_option("server.baseUrlPath") or ""


def _who(scope, settings: Settings) -> str | None:
    from starlette.requests import HTTPConnection

    connection = HTTPConnection(scope)
    headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope.get("headers", [])]
    client = connection.client.host if connection.client else None
    return requester(headers, client, connection.cookies, settings)


async def _refuse(send) -> None:
    body = REFUSED.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", NO_STORE.encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
