"""Signing out of a cohort's coach on a shared computer (multi-user mode): what /sign-out answers.

The coach keeps no sessions of its own: the organisation's login proxy (a cookie of its own) or
Streamlit's st.login (its `_streamlit_user` cookie) says who a browser is. So signing out is the
browser forgetting them: the answer to /sign-out (serve.py) asks the browser, by `Clear-Site-Data`,
to drop every cookie, stored value and cached page of the coach's address, so a reload or the back
button reaches the proxy's sign-in and nothing of the person's pages. A proxy that also keeps the
sign-in with the organisation's own account (single sign-on) is signed out of at `sign_out_url`
(e.g. oauth2-proxy's /oauth2/sign_out), where the page goes on to once the browser has forgotten.
"""

from __future__ import annotations

import html

from coach.config import Settings

SIGN_OUT_ROUTE = "sign-out"  # the coach's address for it, beside its pages
# the coach's other tabs in the browser hear the signed-out page on this channel and follow it
SIGNED_OUT_CHANNEL = "coach-signed-out"
SIGN_OUT = "Sign out"
SIGNED_OUT = (
    "You are signed out of the coach: this browser no longer shows your answers and interviews, "
    "even with the back button."
)
SHARED_COMPUTER = (
    "On a shared computer, also sign out of your organisation's account (your e-mail, say), "
    "or close the browser."
)
SIGN_IN_AGAIN = "Sign in again"
GOING_ON = "Signing you out of your organisation's login too…"
# every cookie (the login proxy's, st.login's), stored value (typed drafts) and cached page of the
# coach's address; "executionContexts" reloads the coach's other tabs where a browser does it
CLEAR_SITE_DATA = '"cache", "cookies", "storage", "executionContexts"'
HEADERS = {"Clear-Site-Data": CLEAR_SITE_DATA, "Cache-Control": "no-store, private"}


def signed_out_page(settings: Settings) -> str:
    """The page /sign-out shows: what signing out did, and where to go on."""
    then = settings.sign_out_url.strip()
    onward = (
        f"<p>{html.escape(GOING_ON)}</p><script>window.location.replace({_js_string(then)});</script>"
        if then
        else f'<p><a href="./">{html.escape(SIGN_IN_AGAIN)}</a></p>'
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Signed out · coach</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1.5rem;"
        "line-height:1.5;color:#31333f}a{color:#2f6f5e}</style></head><body>"
        f"<h1>Signed out</h1><p>{html.escape(SIGNED_OUT)}</p><p>{html.escape(SHARED_COMPUTER)}</p>"
        # what a browser keeps per tab is gone too where Clear-Site-Data leaves it, and the coach's
        # other tabs are told (before going on to the proxy's sign-out, if there is one)
        "<script>try { sessionStorage.clear(); localStorage.clear(); } catch (e) {}"
        f"try {{ new BroadcastChannel({_js_string(SIGNED_OUT_CHANNEL)}).postMessage('signed out'); }}"
        f" catch (e) {{}}</script>{onward}</body></html>"
    )


def _js_string(text: str) -> str:
    import json

    return json.dumps(text).replace("<", "\\u003c")
