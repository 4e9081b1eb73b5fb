"""ASGI middleware: request ids, the request body limit (answered as problem+json), and an
access log without query strings (query strings may carry a BSN or a name; the log gets
method, path, status, duration and the request id)."""

from __future__ import annotations

import json
import logging
import time
import uuid

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import PayloadTooLarge

log = logging.getLogger("genogram_service.access")


class RequestContext:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

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

        too_large = PayloadTooLarge(f"the request body exceeds {self.max_body_bytes} bytes")
        length = incoming.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body_bytes:
            body = json.dumps(too_large.problem(scope["path"], rid)).encode()
            await send_with_id({"type": "http.response.start", "status": 413, "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode())]})
            await send_with_id({"type": "http.response.body", "body": body})
            log.info("%s %s 413 rid=%s", scope["method"], scope["path"], rid)
            return

        seen = 0

        async def limited_receive() -> Message:
            # bodies without (or with a lying) Content-Length are counted as they arrive;
            # FastAPI re-raises HTTPException from body reading, so the handler answers it
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body_bytes:
                    raise HTTPException(413, too_large.detail)
            return message

        try:
            await self.app(scope, limited_receive, send_with_id)
        finally:
            log.info("%s %s %s %.1fms rid=%s", scope["method"], scope["path"], status,
                     (time.perf_counter() - started) * 1000, rid)
