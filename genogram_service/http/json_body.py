"""JSON request bodies that refuse a key repeated inside one object.

JSON parsers keep the last of two equal keys, so ``{"bsn": "a", "bsn": "b"}`` would be read
as something the sender's own tools may show differently. orjson (fast, used for bundles)
cannot report duplicates, so a cheap test screens every body and only a suspect one is parsed
again, slowly, to name the key:

a colon outside a string only ever separates a key from its value, and orjson writes no colon
escaped, so re-serialising the parsed value gives exactly as many colons as the body has,
unless a key was dropped (or a string spelled a colon as ``\\u003a``: that body takes the slow
path too)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from genogram_service.errors import FieldError, ValidationProblem, field_error


class _Repeated(dict[str, Any]):
    """An object in which ``key`` was given more than once."""

    key: str


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            repeated = _Repeated(pairs)
            repeated.key = key
            return repeated
        out[key] = value
    return out


def _find(value: Any, path: list[str | int]) -> list[str | int] | None:
    if isinstance(value, _Repeated):
        return [*path, value.key]
    items: Any = (value.items() if isinstance(value, dict)
                  else enumerate(value) if isinstance(value, list) else ())
    for key, item in items:
        found = _find(item, [*path, key])
        if found is not None:
            return found
    return None


def repeated_key(data: bytes, parsed: Any) -> list[str | int] | None:
    """The location of the first key repeated within one object of ``data`` (which parsed
    as ``parsed``), or None."""
    if b"\\u003" not in data:
        try:
            if orjson.dumps(parsed).count(b":") == data.count(b":"):
                return None
        except orjson.JSONEncodeError:
            pass
    try:
        return _find(json.loads(data, object_pairs_hook=_pairs), [])
    except ValueError:
        return None  # not JSON to the standard parser either: the caller reports that


def repeated_key_error(loc: list[str | int]) -> FieldError:
    # the key is named by the location; its values are not echoed
    return field_error(loc, "this key is given more than once in the same object",
                       "duplicate_key")


def check_no_repeated_key(data: bytes, parsed: Any, prefix: list[str | int] | None = None
                          ) -> None:
    loc = repeated_key(data, parsed)
    if loc is not None:
        raise ValidationProblem([repeated_key_error([*(prefix or []), *loc])])


def _is_json(content_type: str | None) -> bool:
    base = (content_type or "application/json").split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def not_json(exc: orjson.JSONDecodeError) -> ValidationProblem:
    """A body that is not JSON: invalid UTF-8, a syntax error, nesting deeper than 1024 (a
    422 like every other input error; FastAPI answered the first and the last with a 400
    without ``errors[]``)."""
    return ValidationProblem([field_error(
        [], f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
        "json_invalid")])


BeforeBody = Callable[[Request], Awaitable[None]]


def before_body_hooks(dependant: Dependant) -> list[BeforeBody]:
    """The ``before_body`` hooks of a route's dependencies (at any depth, each once)."""
    hooks: list[BeforeBody] = []
    seen: set[int] = set()

    def walk(node: Dependant) -> None:
        for sub in node.dependencies:
            hook = getattr(sub.call, "before_body", None)
            if hook is not None and id(sub.call) not in seen:
                seen.add(id(sub.call))
                hooks.append(hook)
            walk(sub)

    walk(dependant)
    return hooks


class StrictJsonRoute(APIRoute):
    """A route whose JSON body may not repeat a key within an object (a 422 naming it), and
    whose body is read only after the caller may send it.

    FastAPI reads and parses a body before it runs any dependency, so a caller without
    credentials, or whose role may not use the route, got a 422 for a bad body and the
    server parsed whatever was sent. Here a dependency's ``before_body(request)`` hook (the
    authentication, a role check: :mod:`genogram_service.security.deps`) runs first, from
    the headers alone, and answers 401/403 before a byte of the body is read.

    The body is then parsed here (orjson) and handed to FastAPI, which does not parse it
    again; a body that is not JSON is a 422 ``json_invalid`` naming where it fails."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        hooks = before_body_hooks(self.dependant)

        async def strict(request: Request) -> Response:
            if request.method not in ("POST", "PUT", "PATCH"):
                return await handler(request)
            for hook in hooks:
                await hook(request)
            if _is_json(request.headers.get("content-type")):
                data = await request.body()
                if data:
                    try:
                        parsed = orjson.loads(data)
                    except orjson.JSONDecodeError as exc:
                        raise not_json(exc) from None
                    check_no_repeated_key(data, parsed)
                    request._json = parsed  # Starlette's cache: FastAPI reads it
            return await handler(request)

        return strict
