"""Every error response is RFC 9457 problem+json: our errors, FastAPI's request validation,
unknown routes and methods, oversized bodies, and anything unexpected (500, no internals)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from genogram_service.errors import PROBLEM_BASE, GenogramError, ValidationProblem, from_pydantic

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


def problem_response(request: Request, body: dict[str, Any], headers: dict[str, str] | None = None
                     ) -> JSONResponse:
    body.setdefault("instance", request.url.path)
    rid = getattr(request.state, "request_id", None)
    if rid:
        body.setdefault("request_id", rid)
    return JSONResponse(body, status_code=body["status"], media_type=PROBLEM_JSON, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(GenogramError)
    async def _ours(request: Request, exc: GenogramError) -> JSONResponse:
        if exc.status >= 500:
            log.error("%s on %s %s", type(exc).__name__, request.method, request.url.path)
        headers = {"Retry-After": "5"} if exc.status == 503 else None
        if exc.status == 401:
            headers = {"WWW-Authenticate": "Bearer"}
        return problem_response(request, exc.problem(), headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = []
        for err in exc.errors():
            loc = list(err.get("loc", ()))
            if loc and loc[0] == "body":
                loc = loc[1:]
            err = {**err, "loc": tuple(loc)}
            err.pop("input", None)
            errors.append(err)
        return problem_response(request, ValidationProblem(from_pydantic(errors)).problem())

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {404: "Not found", 405: "Method not allowed", 401: "Unauthorized",
                  413: "Payload too large"}
        body = {
            "type": PROBLEM_BASE + {404: "not-found", 405: "method-not-allowed",
                                    413: "payload-too-large"}.get(exc.status_code, "http-error"),
            "title": titles.get(exc.status_code, "HTTP error"),
            "status": exc.status_code,
            "detail": exc.detail if isinstance(exc.detail, str) else None,
        }
        return problem_response(request, body, dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path,
                  exc_info=exc)
        body = {"type": PROBLEM_BASE + "internal-error", "title": "Internal error", "status": 500,
                "detail": "An unexpected error occurred; it has been logged with the request id."}
        return problem_response(request, body)
