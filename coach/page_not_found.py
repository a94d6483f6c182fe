"""A mistyped address (/practise, /progres): the coach's own page saying so, with its pages.

Streamlit answers any address with its app, and for one that is no page it runs the default page
under a dialog of its own ("Page not found. You have requested page /practise, but no corresponding
file was found in the app's pages/ directory. Running the app's main page."), naming a folder the
coach does not have; st.navigation offers no page of the app's own for it (Streamlit's docs:
"Streamlit will throw a 'Page not found' error and redirect them to the default page"). serve.py
answers such an address before Streamlit does (`PageNotFound`), with this page: one sentence, the
page it most likely meant, and links to every page. Only a one-word address that is none of the
app's pages nor a Streamlit route of one word is answered here, so every page and file Streamlit
serves passes as before.
"""

from __future__ import annotations

import difflib
import html

from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Receive, Scope, Send

# app.py's pages in its menu's order: their addresses (their files' names; Practice, the default,
# is at the app's root) and titles. The staff's Cohort page is an address, never offered here.
PAGES = (
    ("practice", "Practice"),
    ("mock", "Mock interview"),
    ("questions", "Questions"),
    ("progress", "Progress"),
    ("review", "Review a real interview"),
    ("interviews", "Interviews"),
    ("settings", "Settings"),
)
NOT_OFFERED = ("cohort",)
DEFAULT_PAGE = "practice"
# Streamlit's own one-word routes and files at the root (its login's callback; /media, /static,
# /component and /app hold files under them), and serve.py's /sign-out
STREAMLIT_ROUTES = ("oauth2callback", "media", "static", "component", "app", "sign-out")
NO_SUCH_PAGE = "There is no page of the coach at “/{asked}”."
DID_YOU_MEAN = "Did you mean {link}?"
ITS_PAGES = "The coach's pages:"


def unknown_page(path: str, base: str = "") -> str | None:
    """The one-word address asked for when it is no page of the app (None for a page, a file, a
    Streamlit route, or anything longer): `path` the request's, `base` the server's baseUrlPath."""
    base = base.strip("/")
    path = path.lstrip("/")
    if base:
        if not path.startswith(base + "/"):
            return None
        path = path[len(base) + 1 :]
    asked = path.rstrip("/")
    if not asked or "/" in asked or "." in asked or asked.startswith("_"):
        return None
    known = {name for name, _ in PAGES} | set(NOT_OFFERED) | set(STREAMLIT_ROUTES)
    return None if asked in known else asked


def _address(name: str, up: str) -> str:
    return up + ("./" if name == DEFAULT_PAGE else name)


def not_found_page(asked: str, trailing_slash: bool = False) -> str:
    """The page: what was asked is no page, the page it most likely meant, and every page."""
    up = "../" if trailing_slash else ""  # links relative to the address, so a base path holds
    titles = dict(PAGES)
    close = difflib.get_close_matches(asked.lower(), list(titles), n=1, cutoff=0.6)
    close += [name for name, title in PAGES if asked.lower() == title.lower().replace(" ", "-")]
    said = f"<p>{html.escape(NO_SUCH_PAGE.format(asked=asked))}</p>"
    if close:
        link = f'<a href="{_address(close[0], up)}">{html.escape(titles[close[0]])}</a>'
        said += f"<p>{DID_YOU_MEAN.format(link=link)}</p>"
    links = "".join(
        f'<li><a href="{_address(name, up)}">{html.escape(title)}</a></li>' for name, title in PAGES
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>No such page · coach</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1.5rem;"
        "line-height:1.5;color:#31333f}a{color:#2f6f5e}</style></head><body>"
        f"<h1>No such page</h1>{said}<p>{html.escape(ITS_PAGES)}</p><ul>{links}</ul></body></html>"
    )


class PageNotFound:
    """ASGI middleware in front of Streamlit: a mistyped one-word address gets the coach's page
    (404); everything else goes on to Streamlit untouched."""

    def __init__(self, app: ASGIApp, base: str = "") -> None:
        self.app = app
        self.base = base

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            asked = unknown_page(scope["path"], self.base)
            if asked is not None:
                page = not_found_page(asked, trailing_slash=scope["path"].endswith("/"))
                await HTMLResponse(page, status_code=404, headers={"Cache-Control": "no-store"})(
                    scope, receive, send
                )
                return
        await self.app(scope, receive, send)
