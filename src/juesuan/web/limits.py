"""The upload size limit, enforced while the request body streams in (never after buffering it),
and the headers that keep browsers from second-guessing what the app sends.

A declared ``Content-Length`` over the limit is refused without parsing the body; otherwise the
bytes are counted as they arrive and the request stops with 413 as soon as the count passes
the limit. The answer is one Chinese line (JSON for the API, a page otherwise).

Before answering, the rest of the body is read and thrown away, for a few seconds at most (as
nginx's lingering close does): a server that closes its socket with unread bytes in
it makes the kernel reset the connection, and the client then loses the 413 it was sent.
"""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from juesuan.web.errors import WebError, error_response

MULTIPART_SLACK = 64 * 1024  # boundaries and part headers around the uploaded file itself
DRAIN_SECONDS = 10.0  # how long an oversized body may still be read and discarded


def too_large_message(limit: int) -> str:
    return f"上传内容过大：上限为 {limit // 1024 // 1024} MB"


class UploadLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_body = max_bytes + MULTIPART_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if (declared_length(scope) or 0) > self.max_body:
            await self.drain(receive)
            await self.refuse(scope, receive, send)
            return
        await self.app(scope, self.counting(receive), send)

    def counting(self, receive: Receive) -> Receive:
        received = 0

        async def receive_counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    if message.get("more_body"):
                        await self.drain(receive)
                    # An HTTPException: FastAPI lets it through form parsing to our handler.
                    raise WebError(413, too_large_message(self.max_bytes))
            return message

        return receive_counted

    async def drain(self, receive: Receive) -> None:
        """Read and discard the rest of the body for at most DRAIN_SECONDS (bytes cost the event
        loop next to nothing); a body slower than that is cut off, and its client may then miss
        the answer."""
        try:
            async with asyncio.timeout(DRAIN_SECONDS):
                while True:
                    message = await receive()
                    if message["type"] != "http.request" or not message.get("more_body"):
                        return
        except TimeoutError:
            return

    async def refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        """413, and the connection closes (the body drained before, or cut off after DRAIN_SECONDS)."""
        response = error_response(Request(scope), 413, too_large_message(self.max_bytes))
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


def declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class SecurityHeadersMiddleware:
    """Every answer: no content sniffing, no referrer; pages framed only by the app itself (the
    build page previews the built report in a frame)."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"SAMEORIGIN"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)
