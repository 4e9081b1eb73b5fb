"""ASGI middleware: request ids, the request body limit (answered as problem+json), the access
log's "logged before answered" gate, and a server log without query strings (query strings may
carry a BSN or a name; the log gets method, path, status, duration and the request id).

The gate: each request runs in an :func:`audit_scope.deferred` scope, so the guard's access-log
entries are committed by the writer thread while the handler works; the response's first
message is held until all of them are committed. If one fails, the client gets a 503
problem instead of the answer: ``database-unavailable`` when Neo4j could not be reached (as every
other route says then), ``access-log-unavailable`` otherwise, both with ``Retry-After``."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from genogram_service.errors import (
    AccessLogUnavailable,
    DatabaseUnavailable,
    GenogramError,
    PayloadTooLarge,
)
from genogram_service.security.audit_scope import Pending, deferred, settle

log = logging.getLogger("genogram_service.access")
#: the Retry-After of a 503, the same as the exception handler's (http/problems.py) and
#: /health's; the fault tests check that every 503 carries the same value
RETRY_AFTER = b"5"


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

        pending: Pending = []
        withheld = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, withheld
            if withheld:
                return  # the answer's body, after the access log failed: dropped
            if message["type"] == "http.response.start":
                failure = await unlogged(pending) if pending else None
                if failure is not None:
                    withheld = True
                    await send_problem(failure, 503)
                    return
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        async def send_problem(error: GenogramError, code: int) -> None:
            nonlocal status
            status = code
            body = json.dumps(error.problem(scope["path"], rid)).encode()
            headers = [(b"content-type", b"application/problem+json"),
                       (b"content-length", str(len(body)).encode()),
                       (b"x-request-id", rid.encode())]
            if code == 503:
                headers.append((b"retry-after", RETRY_AFTER))
            await send({"type": "http.response.start", "status": code, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        too_large = PayloadTooLarge(f"the request body exceeds {self.max_body_bytes} bytes")
        length = incoming.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body_bytes:
            await send_problem(too_large, 413)
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
            with deferred() as scoped:
                pending = scoped
                await self.app(scope, limited_receive, send_with_id)
            if pending and not withheld:
                await unlogged(pending)  # no response was sent (the server answers 500): wait
        finally:
            log.info("%s %s %s %.1fms rid=%s", scope["method"], scope["path"], status,
                     (time.perf_counter() - started) * 1000, rid)


async def unlogged(pending: Pending) -> GenogramError | None:
    """None when every entry is committed (waiting off the event loop only if one is not);
    otherwise the error to answer with instead of the response."""
    if all(f.done() and f.exception() is None for f in pending):
        return None
    try:
        await asyncio.to_thread(settle, list(pending))
    except Exception as exc:  # noqa: BLE001 (its text may carry entry fields: type only)
        log.error("access-log append failed (%s); the answer is withheld", type(exc).__name__)
        if isinstance(exc, DatabaseUnavailable):
            return exc  # its detail is fixed text (db/driver.py), no entry fields
        return AccessLogUnavailable(
            "the access log could not record this request; try again later")
    return None
