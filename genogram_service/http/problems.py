"""Every error response is RFC 9457 problem+json: our errors, FastAPI's request validation,
unknown routes and methods, oversized bodies, and anything unexpected (500, no internals)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from genogram_service.errors import (
    PROBLEM_BASE,
    GenogramError,
    ValidationProblem,
    field_error,
    from_pydantic,
)

try:
    from fastapi.routing import iter_route_contexts
except ImportError:  # FastAPI before included routers were kept as such: routes are flat
    def iter_route_contexts(routes: Any) -> Any:  # type: ignore[misc]
        return iter(routes)

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


def problem_response(request: Request, body: dict[str, Any], headers: dict[str, str] | None = None
                     ) -> JSONResponse:
    body.setdefault("instance", request.url.path)
    rid = getattr(request.state, "request_id", None)
    if rid:
        body.setdefault("request_id", rid)
    return JSONResponse(body, status_code=body["status"], media_type=PROBLEM_JSON, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route of the application takes on the request's path (FastAPI
    keeps included routers as such: their routes are walked with the prefixes applied)."""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):
        path, route_methods = getattr(route, "path", None), getattr(route, "methods", None)
        if path and route_methods and compile_path(path)[0].match(request.url.path):
            methods |= set(route_methods)
    return sorted(methods)


def install(app: FastAPI) -> None:
    @app.exception_handler(GenogramError)
    async def _ours(request: Request, exc: GenogramError) -> JSONResponse:
        if exc.status >= 500:
            log.error("%s on %s %s", type(exc).__name__, request.method, request.url.path)
        headers = {"Retry-After": "5"} if exc.status == 503 else None
        if exc.status == 401:
            headers = {"WWW-Authenticate": "Bearer"}
        headers = {**(headers or {}), **getattr(exc, "headers", {})} or None  # Retry-After: 429
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
        if exc.status_code == 400:
            # FastAPI's "There was an error parsing the body" (a form it cannot read, JSON it
            # cannot decode): an input error like the others, a 422 with errors[]
            return problem_response(request, ValidationProblem([field_error(
                [], "the body cannot be read as its Content-Type says", "body_invalid")]
            ).problem())
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # Starlette names the methods of the first route that matched the path; a path
            # has one route per method, so it answered `OPTIONS /cases/x` with `Allow: GET`
            headers["Allow"] = ", ".join(allowed_methods(request))
        titles = {404: "Not found", 405: "Method not allowed", 401: "Unauthorized",
                  413: "Payload too large"}
        body = {
            "type": PROBLEM_BASE + {404: "not-found", 405: "method-not-allowed",
                                    413: "payload-too-large"}.get(exc.status_code, "http-error"),
            "title": titles.get(exc.status_code, "HTTP error"),
            "status": exc.status_code,
            "detail": exc.detail if isinstance(exc.detail, str) else None,
        }
        return problem_response(request, body, headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path,
                  exc_info=exc)
        body = {"type": PROBLEM_BASE + "internal-error", "title": "Internal error", "status": 500,
                "detail": "An unexpected error occurred; it has been logged with the request id."}
        return problem_response(request, body)
