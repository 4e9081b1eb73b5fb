"""The auditors' endpoints: who accessed whom, need-to-know violations, break-glass use,
export of the access log (NDJSON) and its verification (keyed chain, signed checkpoints)."""

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from genogram_service.dates import SupportedDateTime
from genogram_service.http.openapi import ERRORS
from genogram_service.ids import ID_MAX_LENGTH, ID_PATTERN
from genogram_service.security.access import Action, Role
from genogram_service.security.audit import AccessEvent, AuditLog, VerifyResult
from genogram_service.security.deps import ActorDep, GuardDep

router = APIRouter(prefix="/audit", tags=["audit"],
                   responses={401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422]})
AUDIENCE = [Role.auditor, Role.admin]
PersonId = Annotated[str | None, Query(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
# checked before the handler runs: an offset beyond ±18:00 reached Neo4j (500), and the
# export had then already begun its 200
Moment = SupportedDateTime | None


def _log(request: Request) -> AuditLog:
    log: AuditLog = request.app.state.audit
    return log


def _range(start: dt.datetime | None, end: dt.datetime | None) -> tuple[dt.datetime, dt.datetime]:
    end = end or dt.datetime.now(dt.UTC)
    start = start or end - dt.timedelta(days=365)
    return (start if start.tzinfo else start.replace(tzinfo=dt.UTC),
            end if end.tzinfo else end.replace(tzinfo=dt.UTC))


@router.get("/access", response_model=list[AccessEvent],
            summary="Who accessed (a person's) records between two moments")
def accesses(request: Request, actor: ActorDep, guard: GuardDep, person_id: PersonId = None,
             start: Moment = None, end: Moment = None,
             limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> Any:
    guard.authorize(actor, Action.read, persons=[person_id] if person_id else [],
                    resource="access log", audience=AUDIENCE)
    a, b = _range(start, end)
    out = []
    for event in _log(request).events(start=a, end=b, person_id=person_id):
        out.append(event)
        if len(out) >= limit:
            break
    return out


@router.get("/violations", summary="Accesses without an active assignment at the time")
def violations(request: Request, actor: ActorDep, guard: GuardDep,
               start: Moment = None, end: Moment = None) -> Any:
    guard.authorize(actor, Action.read, resource="access log: violations", audience=AUDIENCE)
    a, b = _range(start, end)
    return _log(request).violations(start=a, end=b)


@router.get("/break-glass", summary="Break-glass uses per organisation and month")
def break_glass(request: Request, actor: ActorDep, guard: GuardDep,
                start: Moment = None, end: Moment = None) -> Any:
    guard.authorize(actor, Action.read, resource="access log: break-glass", personal=False,
                    audience=AUDIENCE)
    a, b = _range(start, end)
    return _log(request).break_glass(start=a, end=b)


@router.get("/export", summary="Export a range of the access log as NDJSON",
            response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}}}})
def export(request: Request, actor: ActorDep, guard: GuardDep,
           start: Moment = None, end: Moment = None
           ) -> StreamingResponse:
    guard.authorize(actor, Action.export, resource="access log export", audience=AUDIENCE)
    a, b = _range(start, end)
    events = _log(request).events(start=a, end=b)
    # the first page is read before the 200 is sent, so a database that cannot be reached is
    # a 503 problem; a failure after that aborts the stream (no final chunk), which a client
    # sees as a broken transfer, never as a complete, shorter log
    first = next(events, None)

    def lines() -> Iterator[bytes]:
        if first is None:
            return
        yield first.model_dump_json().encode() + b"\n"
        for event in events:
            yield event.model_dump_json().encode() + b"\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")


@router.get("/verify", response_model=VerifyResult,
            summary="Verify the access log's chain with its key and against the signed "
                    "checkpoints")
def verify(request: Request, actor: ActorDep, guard: GuardDep) -> Any:
    guard.authorize(actor, Action.read, resource="access log: verify", personal=False,
                    audience=AUDIENCE)
    return _log(request).verify()
