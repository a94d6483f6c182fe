"""A login proxy as an organisation puts in front of a cohort's coach (oauth2-proxy, say), small
enough for a test: it signs a browser in with a cookie of its own (/login?as=ana@example.edu), and
passes every request of a signed-in browser on to the coach with the identity header, websockets
included; a browser without its cookie is asked to sign in and reaches nothing of the coach. What
the coach's "Sign out" must undo is that cookie."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
import websockets
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

from tests.e2e.server import free_port

COOKIE = "proxy_session"
SIGN_IN_PAGE = "Sign in to your organisation to go on."
SIGN_OUT_ROUTE = "/oauth2/sign_out"  # as oauth2-proxy's
SIGNED_OUT_HERE = "You are signed out of your organisation."
# hop-by-hop headers and those httpx has already undone (it hands the body decoded)
_NOT_PASSED = {
    "host",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "content-encoding",
    "upgrade",
}


def _app(upstream: str, header: str) -> Starlette:
    client = httpx.AsyncClient(base_url=upstream, timeout=60)

    async def login(request: Request) -> Response:
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, request.query_params["as"], httponly=True, samesite="lax")
        return response

    async def sign_out(request: Request) -> Response:
        response = HTMLResponse(f"<p>{SIGNED_OUT_HERE}</p>")
        response.delete_cookie(COOKIE)
        return response

    async def http(request: Request) -> Response:
        who = request.cookies.get(COOKIE)
        if not who:
            return HTMLResponse(f"<p>{SIGN_IN_PAGE}</p>", status_code=401)
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _NOT_PASSED]
        headers.append((header, who))
        sent = client.build_request(
            request.method,
            request.url.path,
            params=request.url.query,
            headers=headers,
            content=await request.body(),
        )
        got = await client.send(sent)
        kept = [(k, v) for k, v in got.headers.multi_items() if k.lower() not in _NOT_PASSED]
        response = Response(got.content, status_code=got.status_code)
        response.raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in kept]
        response.headers["content-length"] = str(len(got.content))
        return response

    async def socket(browser: WebSocket) -> None:
        who = browser.cookies.get(COOKIE)
        if not who:
            await browser.close(code=1008)
            return
        asked = [p.strip() for p in browser.headers.get("sec-websocket-protocol", "").split(",") if p.strip()]
        url = upstream.replace("http", "ws", 1) + browser.url.path
        headers = {header: who, "Origin": upstream}
        if browser.headers.get("cookie"):
            headers["Cookie"] = browser.headers["cookie"]
        async with websockets.connect(
            url, additional_headers=headers, subprotocols=asked or None, max_size=None
        ) as coach:
            await browser.accept(subprotocol=coach.subprotocol)

            async def to_coach():
                while True:
                    message = await browser.receive()
                    if message["type"] == "websocket.disconnect":
                        await coach.close()
                        return
                    await coach.send(
                        message.get("bytes") if message.get("bytes") is not None else message["text"]
                    )

            async def to_browser():
                async for message in coach:
                    if isinstance(message, bytes):
                        await browser.send_bytes(message)
                    else:
                        await browser.send_text(message)

            done, pending = await asyncio.wait(
                [asyncio.create_task(to_coach()), asyncio.create_task(to_browser())],
                return_when=asyncio.FIRST_COMPLETED,
            )
            for task in pending:
                task.cancel()

    return Starlette(
        routes=[
            Route("/login", login),
            Route(SIGN_OUT_ROUTE, sign_out),
            WebSocketRoute("/{path:path}", socket),
            Route("/{path:path}", http, methods=["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"]),
        ]
    )


@contextmanager
def login_proxy(upstream: str, header: str = "X-Forwarded-Email") -> Iterator[str]:
    """The proxy in front of `upstream` on a free 127.0.0.1 port, in a thread; its address."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(_app(upstream, header), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
