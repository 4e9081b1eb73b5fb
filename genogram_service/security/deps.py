"""Typed dependencies: the process-wide services live on ``app.state``; the caller is
authenticated here (bearer token or API key) and becomes an :class:`Actor`.

They are ``async def`` because none of them waits on anything (FastAPI would run a plain
``def`` dependency in the threadpool, a thread hand-off per dependency per request); the one
that can wait, an API key not yet in the key cache, is sent to the threadpool explicitly."""

import re
from collections.abc import Sequence
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import WithJsonSchema

from genogram_service.db import Graph
from genogram_service.errors import Unauthorized, ValidationProblem, field_error
from genogram_service.security.access import Action, Actor, Guard, Role
from genogram_service.security.auth import AuthService, User

bearer = HTTPBearer(auto_error=False, description="JWT from POST /auth/token")
api_key = APIKeyHeader(name="X-API-Key", auto_error=False,
                       description="API key of a service account (gk_<id>.<secret>)")


#: A break-glass reason: at least 10 characters that are not blanks. Blanks are the spaces and
#: tabs of HTTP field values (RFC 9110); the schema states the rule as this pattern, and the
#: check is the same pattern (str.split() also split at NBSP and U+0085, which it does not).
BREAK_GLASS_MIN = 10
BREAK_GLASS_PATTERN = rf"^[ \t]*([^ \t][ \t]*){{{BREAK_GLASS_MIN},}}$"
_REASON = re.compile(BREAK_GLASS_PATTERN)
_BLANKS = re.compile(r"[ \t]+")


def _header_schema(**constraints: object) -> WithJsonSchema:
    """An optional header's schema: a string with ``constraints`` (the default would be
    `anyOf: [string, null]`, and a header is never null: clients sent the text "null")."""
    return WithJsonSchema({"type": "string", **constraints})


async def get_guard(request: Request) -> Guard:
    guard: Guard = request.app.state.guard
    return guard


async def get_graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


async def get_auth(request: Request) -> AuthService:
    auth: AuthService = request.app.state.auth
    return auth


AuthDep = Annotated[AuthService, Depends(get_auth)]


async def get_actor(
    request: Request,
    auth: AuthDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    key: Annotated[str | None, Depends(api_key)],
    x_purpose: Annotated[str | None, _header_schema(maxLength=200), Header(
        max_length=200, description="purpose of this access (doelbinding), for the access "
        "log")] = None,
    x_break_glass_reason: Annotated[str | None, _header_schema(
        minLength=BREAK_GLASS_MIN, maxLength=500, pattern=BREAK_GLASS_PATTERN), Header(
        max_length=500, description="break-glass: access outside need-to-know, with the reason "
        f"(logged and reported to auditors): at least {BREAK_GLASS_MIN} characters besides "
        "spaces and tabs")] = None,
) -> Actor:
    """The authenticated caller: a bearer token (people) or an API key (service accounts).
    Missing, wrong or expired credentials give 401."""
    user = await _user(auth, credentials, key)
    reason = None
    if x_break_glass_reason is not None:
        # the schema's pattern, checked here to name the rule in words
        if not _REASON.fullmatch(x_break_glass_reason):
            raise ValidationProblem([field_error(
                ["header", "X-Break-Glass-Reason"], "a break-glass request needs a reason of "
                f"at least {BREAK_GLASS_MIN} characters besides spaces", "too_short")])
        reason = _BLANKS.sub(" ", x_break_glass_reason).strip(" \t")
    purpose = " ".join(x_purpose.split()) if x_purpose else None
    return auth.actor(user, purpose=purpose or None, break_glass_reason=reason,
                      request_id=getattr(request.state, "request_id", None))


GuardDep = Annotated[Guard, Depends(get_guard)]
GraphDep = Annotated[Graph, Depends(get_graph)]
ActorDep = Annotated[Actor, Depends(get_actor)]


async def _user(auth: AuthService, credentials: HTTPAuthorizationCredentials | None,
                key: str | None) -> User:
    if credentials is not None:
        # the token's user is re-read from Neo4j every few seconds (revocation): that read
        # goes to the threadpool, like an API key's
        user = auth.cached_token(credentials.credentials)
        return user if user is not None else await run_in_threadpool(
            auth.verify_token, credentials.credentials)
    if key is not None:
        user = auth.cached_api_key(key)
        return user if user is not None else await run_in_threadpool(auth.verify_api_key, key)
    raise Unauthorized("send a bearer token (POST /auth/token) or an X-API-Key header")


async def _actor_before_body(request: Request) -> Actor:
    """The caller from the request's headers alone, for a check before the body is read:
    401 without valid credentials. The purpose is taken when it is valid (for the access log
    of a refusal); break-glass does not widen what a role may do, so it is not read."""
    user = await _user(await get_auth(request), await bearer(request), await api_key(request))
    purpose = " ".join(request.headers.get("x-purpose", "").split())
    return (await get_auth(request)).actor(
        user, purpose=purpose if 0 < len(purpose) <= 200 else None, break_glass_reason=None,
        request_id=getattr(request.state, "request_id", None))


async def _authenticated_before_body(request: Request) -> None:
    await _actor_before_body(request)


# StrictJsonRoute runs this before it reads a body: a request without valid credentials is a
# 401 whatever its body holds (it was a 422 for a body that was not JSON)
get_actor.before_body = _authenticated_before_body  # type: ignore[attr-defined]


class RoleGate:
    """A dependency that refuses a caller whose role may do none of ``actions`` (within
    ``audience``) with 403, and with 401 one without credentials, before the request's body
    is read: StrictJsonRoute runs :meth:`before_body` first; routes that read the body
    themselves (/import) get the check as an ordinary dependency, which FastAPI runs before
    the handler. A refusal is logged as :meth:`Guard.authorize` logs it; an allowed role is
    not (the use case decides on the records and logs that)."""

    def __init__(self, *actions: Action, resource: str, audience: Sequence[Role] | None = None,
                 personal: bool = True) -> None:
        self.actions = actions
        self.resource = resource
        self.audience = audience
        self.personal = personal

    async def __call__(self, request: Request, actor: ActorDep, guard: GuardDep) -> None:
        self._check(actor, guard)

    async def before_body(self, request: Request) -> None:
        self._check(await _actor_before_body(request), await get_guard(request))

    def _check(self, actor: Actor, guard: Guard) -> None:
        if not any(guard.role_may(actor, a, audience=self.audience, personal=self.personal)
                   for a in self.actions):
            guard.authorize(actor, self.actions[0], resource=self.resource,
                            personal=self.personal, audience=self.audience)

