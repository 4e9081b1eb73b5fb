"""Typed dependencies: the process-wide services live on ``app.state``; the caller is
authenticated here (bearer token or API key) and becomes an :class:`Actor`.

They are ``async def`` because none of them waits on anything (FastAPI would run a plain
``def`` dependency in the threadpool, a thread hand-off per dependency per request); the one
that can wait, an API key not yet in the key cache, is sent to the threadpool explicitly."""

from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from genogram_service.db import Graph
from genogram_service.errors import Unauthorized, ValidationProblem, field_error
from genogram_service.security.access import Actor, Guard
from genogram_service.security.auth import AuthService, User

bearer = HTTPBearer(auto_error=False, description="JWT from POST /auth/token")
api_key = APIKeyHeader(name="X-API-Key", auto_error=False,
                       description="API key of a service account (gk_<id>.<secret>)")


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
    x_purpose: Annotated[str | None, Header(max_length=200, description="purpose of this "
                                            "access (doelbinding), for the access log")] = None,
    x_break_glass_reason: Annotated[str | None, Header(
        max_length=500, description="break-glass: access outside need-to-know, with the "
        "reason (logged and reported to auditors)")] = None,
) -> Actor:
    """The authenticated caller: a bearer token (people) or an API key (service accounts).
    Missing, wrong or expired credentials give 401."""
    user: User | None
    if credentials is not None:
        user = auth.verify_token(credentials.credentials)
    elif key is not None:
        user = auth.cached_api_key(key)
        if user is None:
            user = await run_in_threadpool(auth.verify_api_key, key)
    else:
        raise Unauthorized("send a bearer token (POST /auth/token) or an X-API-Key header")
    reason = None
    if x_break_glass_reason is not None:
        reason = " ".join(x_break_glass_reason.split())
        if len(reason) < 10:
            raise ValidationProblem([field_error(["header", "X-Break-Glass-Reason"],
                                                 "a break-glass request needs a reason of at "
                                                 "least 10 characters", "missing")])
    purpose = " ".join(x_purpose.split()) if x_purpose else None
    return auth.actor(user, purpose=purpose or None, break_glass_reason=reason,
                      request_id=getattr(request.state, "request_id", None))


GuardDep = Annotated[Guard, Depends(get_guard)]
GraphDep = Annotated[Graph, Depends(get_graph)]
ActorDep = Annotated[Actor, Depends(get_actor)]
