"""One error hierarchy; every error leaves the API as RFC 9457 ``application/problem+json``.

    GenogramError                 500  anything we raise on purpose
    ├── ValidationProblem         422  input broke a rule: ``errors[]`` names field and reason
    ├── Unauthorized              401  missing, wrong or expired credentials
    ├── Forbidden                 403  the caller's role may not do this
    ├── NotFound                  404  no such record (or not visible to the caller)
    ├── Conflict                  409  the record exists already / is still referenced
    ├── PayloadTooLarge           413  body over ``max_body_bytes``
    ├── UnsupportedMediaType      415  body in a format we do not read
    ├── TooManySignIns            429  sign-in locked out for a while, or too many at once
    ├── ImportFailed              500  a large import stopped part-way: says what committed
    │   └── ImportInterrupted     503  ... because Neo4j became unreachable (try again later)
    ├── RenderFailed              500  Graphviz failed, took too long or is not installed
    ├── MissingSecrets            500  a key (BSN, access log) is not configured or malformed
    ├── CatalogueError            500  a catalogue file's header cannot be read (a bug)
    ├── LocalDbError              500  the local development Neo4j could not be built or started
    ├── DatabaseUnavailable       503  Neo4j cannot be reached
    ├── IdentityProviderUnavailable 503  the single sign-on provider cannot be reached
    └── AccessLogUnavailable      503  the access log could not record the access: no answer

Messages never contain submitted values: a BSN or a name must not leak into an error body or
a log line, so errors name the field and the rule, not the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field

PROBLEM_BASE = "https://genogram.example/problems/"


class FieldError(BaseModel):
    field: str = Field(description="dotted path of the offending field, e.g. persons[3].bsn")
    pointer: str = Field(description="JSON Pointer (RFC 6901) into the body: #/persons/3/bsn")
    reason: str
    code: str = Field(description="machine-readable reason, e.g. value_error, missing, reference")


class Problem(BaseModel):
    """The RFC 9457 body."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] | None = None
    request_id: str | None = None


class GenogramError(Exception):
    status = 500
    slug = "internal-error"
    title = "Internal error"

    def __init__(self, detail: str | None = None, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.extra = extra or {}

    def problem(self, instance: str | None = None, request_id: str | None = None) -> dict[str, Any]:
        body = Problem(
            type=PROBLEM_BASE + self.slug,
            title=self.title,
            status=self.status,
            detail=self.detail,
            instance=instance,
            request_id=request_id,
            errors=getattr(self, "errors", None),
        ).model_dump(exclude_none=True)
        body.update(self.extra)
        return body


class ValidationProblem(GenogramError):
    status = 422
    slug = "validation-error"
    title = "The input is not valid"

    def __init__(self, errors: Sequence[FieldError], detail: str | None = None) -> None:
        self.errors = list(errors)
        n = len(self.errors)
        first = self.errors[0] if self.errors else None
        summary = f"{first.field}: {first.reason}" if first else "invalid input"
        super().__init__(detail or (summary if n == 1 else f"{n} errors; first: {summary}"))


class Unauthorized(GenogramError):
    status = 401
    slug = "unauthorized"
    title = "Authentication required"


class TooManySignIns(GenogramError):
    """Sign-in refused for ``retry_after`` seconds: the account or the client address is locked
    out after failed sign-ins, or too many sign-ins wait for a password check already. The
    problem's ``retry_after`` and the ``Retry-After`` header say when to try again."""

    status = 429
    slug = "too-many-sign-ins"
    title = "Too many sign-in attempts"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail, extra={"retry_after": retry_after})
        self.retry_after = retry_after
        self.headers = {"Retry-After": str(retry_after)}


class Forbidden(GenogramError):
    status = 403
    slug = "forbidden"
    title = "Not allowed for this role"


class NotFound(GenogramError):
    status = 404
    slug = "not-found"
    title = "Not found"


class Conflict(GenogramError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class PayloadTooLarge(GenogramError):
    status = 413
    slug = "payload-too-large"
    title = "Payload too large"


class UnsupportedMediaType(GenogramError):
    status = 415
    slug = "unsupported-media-type"
    title = "Unsupported media type"


class ImportFailed(GenogramError):
    status = 500
    slug = "import-failed"
    title = "Import stopped part-way"


class ImportInterrupted(ImportFailed):
    """The database became unreachable part-way: a 503 with Retry-After, like every request
    that meets an unreachable database, still naming the batches committed and the resume
    point."""

    status = 503
    slug = "import-interrupted"
    title = "Import stopped part-way: the graph database became unavailable"


class RenderFailed(GenogramError):
    status = 500
    slug = "render-failed"
    title = "The genogram could not be drawn"


class MissingSecrets(GenogramError):
    slug = "missing-secrets"
    title = "The service is not configured with its keys"


class CatalogueError(GenogramError):
    """A catalogue file whose header cannot be understood (a bug, found at startup and by tests)."""

    slug = "catalogue-error"
    title = "The query catalogue is inconsistent"


class LocalDbError(GenogramError):
    """Raised by the command line and the test fixtures, never by a request."""

    slug = "local-db"
    title = "The local Neo4j could not be started"


class DatabaseUnavailable(GenogramError):
    status = 503
    slug = "database-unavailable"
    title = "The graph database is unavailable"


class IdentityProviderUnavailable(GenogramError):
    status = 503
    slug = "identity-provider-unavailable"
    title = "The single sign-on provider is unavailable"


class AccessLogUnavailable(GenogramError):
    status = 503
    slug = "access-log-unavailable"
    title = "The access could not be logged, so it is not answered"


# ------------------------------------------------------------------ field paths

Loc = Sequence[str | int]


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(body)"


def pointer(loc: Loc) -> str:
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in loc)


def field_error(loc: Loc, reason: str, code: str = "value_error") -> FieldError:
    return FieldError(field=dotted(loc), pointer=pointer(loc), reason=reason, code=code)


_NAMED = re.compile(r"^(?:Value error, )?([a-z_]+): (.*)$", re.S)
# pydantic puts union/tag and type-dispatch noise into the location; strip it.
_NOISE = {"function-after", "function-before", "function-wrap", "tagged-union", "json-or-python"}


def from_pydantic(errors: Iterable[Mapping[str, Any]], prefix: Loc = ()) -> list[FieldError]:
    """Turn pydantic's ``errors()`` into FieldErrors without echoing any input value."""
    out: list[FieldError] = []
    for err in errors:
        loc = [p for p in err.get("loc", ()) if not (isinstance(p, str) and p in _NOISE)]
        msg = str(err.get("msg", "invalid"))
        match = _NAMED.match(msg)
        if err.get("type") == "value_error" and match:
            # a model-level rule that names its field ("end_date: must not be before ...")
            loc.append(match.group(1))
            msg = match.group(2)
        elif msg.startswith("Value error, "):
            msg = msg.removeprefix("Value error, ")
        out.append(field_error([*prefix, *loc], msg, str(err.get("type", "value_error"))))
    return out
