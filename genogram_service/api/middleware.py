"""ASGI middleware: request ids and an access log without query strings (query strings may
carry a BSN or a name; the log gets method, path, status, duration and the request id)."""

from __future__ import annotations

import logging
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("genogram_service.access")


class RequestContext:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers", []))
        rid = incoming.get(b"x-request-id", b"").decode("latin-1")[:64]
        if not rid or not all(c.isalnum() or c in "-_." for c in rid):
            rid = uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log.info("%s %s %s %.1fms rid=%s", scope["method"], scope["path"], status,
                     (time.perf_counter() - started) * 1000, rid)
