"""Typed dependencies: the process-wide services live on ``app.state``."""

from typing import Annotated

from fastapi import Depends, Request

from ..services import RecordService
from ..services.access import SYSTEM, Actor, Guard


def get_records(request: Request) -> RecordService:
    service: RecordService = request.app.state.records
    return service


def get_guard(request: Request) -> Guard:
    guard: Guard = request.app.state.guard
    return guard


def get_actor(request: Request) -> Actor:
    """The authenticated caller. PROVISIONAL: the system administrator until authentication
    (bearer tokens, API keys) replaces it; routes already depend on it."""
    return SYSTEM.model_copy(update={"request_id": getattr(request.state, "request_id", None)})


RecordsDep = Annotated[RecordService, Depends(get_records)]
GuardDep = Annotated[Guard, Depends(get_guard)]
ActorDep = Annotated[Actor, Depends(get_actor)]
