"""The coach's web server: app.py's pages, with what they play and offer to download at /media
served only to its owner in multi-user mode (coach.media_guard). `make run` and `make
serve-cohort` start it (`streamlit run serve.py`); for one person it serves what `streamlit run
app.py` does, and /practice as well."""

import streamlit as st
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route
from streamlit import config

from coach.config import load_settings
from coach.media_guard import MediaGuard
from coach.page_not_found import PageNotFound
from coach.sign_out import HEADERS, SIGN_OUT_ROUTE, signed_out_page

# Every page is at its file's name (/progress, /settings) except the default one, Practice, which
# Streamlit serves at / only: /practice (a bookmark, a typed address) said "Page not found".
DEFAULT_PAGE = "practice"  # app.py's default page, app_pages/practice.py


async def default_page_at_root(request: Request) -> RedirectResponse:
    """The default page's own address leads to /, where it is, with the same query."""
    root = request.url.path.rstrip("/").removesuffix(DEFAULT_PAGE)
    return RedirectResponse(root + (f"?{request.url.query}" if request.url.query else ""))


async def sign_out(request: Request) -> HTMLResponse:
    """The sidebar's "Sign out" (multi-user mode): the browser forgets the person (coach.sign_out)."""
    return HTMLResponse(signed_out_page(load_settings()), headers=HEADERS)


base = (config.get_option("server.baseUrlPath") or "").strip("/")
app = st.App(
    "app.py",
    routes=[
        Route(f"/{base}/{DEFAULT_PAGE}" if base else f"/{DEFAULT_PAGE}", default_page_at_root),
        Route(f"/{base}/{SIGN_OUT_ROUTE}" if base else f"/{SIGN_OUT_ROUTE}", sign_out),
    ],
    # a mistyped address (/practise) gets the coach's page with its pages, not Streamlit's dialog
    middleware=[Middleware(MediaGuard), Middleware(PageNotFound, base=base)],
)
