"""CRUD routes for every record kind, generated from the allow-list in ``models.spec``.

For each kind ``K`` with path ``/ks``: ``POST /ks`` (create, 201; 409 if the id exists),
``GET /ks/{id}``, ``PUT /ks/{id}`` (create or replace: 201 or 200), ``DELETE /ks/{id}`` (204;
409 while other records still refer to it)."""

# No `from __future__ import annotations`: FastAPI must see the real model classes, which are
# chosen at runtime per kind.
import unicodedata
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool

from genogram_service.dates import SupportedDate
from genogram_service.errors import ValidationProblem, field_error
from genogram_service.http.json_body import StrictJsonRoute
from genogram_service.http.openapi import ERRORS, IdPath
from genogram_service.ids import ID_MAX_LENGTH, ID_PATTERN
from genogram_service.records import KINDS, ImportReport, Kind, PersonPublic
from genogram_service.records.bundles import media_is_ndjson, parse_bundle
from genogram_service.records.service import RecordService
from genogram_service.security.access import Action
from genogram_service.security.deps import ActorDep, RoleGate


async def get_records(request: Request) -> RecordService:
    service: RecordService = request.app.state.records
    return service


RecordsDep = Annotated[RecordService, Depends(get_records)]

def kind_router(kind: Kind) -> APIRouter:
    model: Any = kind.model
    public: Any = PersonPublic if kind.name == "person" else kind.model
    router = APIRouter(prefix=kind.path, tags=[kind.plural.replace("_", " ")], responses=ERRORS,
                       route_class=StrictJsonRoute)
    noun = kind.name.replace("_", " ")
    dump = {"response_model": public, "response_model_exclude_none": True}

    # who may write at all is checked before the body is read (RoleGate, StrictJsonRoute)
    @router.post("", status_code=status.HTTP_201_CREATED, summary=f"Create a {noun}", **dump,
                 dependencies=[Depends(RoleGate(Action.create, resource=kind.name))])
    def create(body: Annotated[model, Body()], records: RecordsDep, actor: ActorDep,
               response: Response) -> Any:
        rec = records.create(kind, body, actor=actor)
        response.headers["Location"] = f"{kind.path}/{rec.id}"
        return rec

    if kind.name == "person":

        @router.get("/{record_id}", summary=f"Read a {noun}", **dump)
        def read_person(
            record_id: IdPath,
            records: RecordsDep,
            actor: ActorDep,
            include_bsn: Annotated[bool, Query(description="return the decrypted BSN")] = False,
        ) -> Any:
            return records.get(kind, record_id, actor=actor, include_bsn=include_bsn)

    else:

        @router.get("/{record_id}", summary=f"Read a {noun}", **dump)
        def read(record_id: IdPath, records: RecordsDep, actor: ActorDep) -> Any:
            return records.get(kind, record_id, actor=actor)

    @router.put("/{record_id}", summary=f"Create or replace a {noun}", **dump,
                responses={201: {"description": "Created"}}, dependencies=[
                    Depends(RoleGate(Action.create, Action.update, resource=kind.name))])
    def replace(record_id: IdPath, body: Annotated[model, Body()], records: RecordsDep,
                actor: ActorDep, response: Response) -> Any:
        rec, created = records.replace(kind, record_id, body, actor=actor)
        if created:
            response.status_code = status.HTTP_201_CREATED
            response.headers["Location"] = f"{kind.path}/{rec.id}"
        return rec

    @router.delete("/{record_id}", status_code=status.HTTP_204_NO_CONTENT,
                   summary=f"Delete a {noun}")
    def delete(record_id: IdPath, records: RecordsDep, actor: ActorDep) -> Response:
        records.delete(kind, record_id, actor=actor)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return router


def search_router() -> APIRouter:
    router = APIRouter(prefix="/persons", tags=["persons"], responses=ERRORS)

    @router.get("", summary="Search persons", response_model=list[PersonPublic],
                response_model_exclude_none=True)
    def search(
        records: RecordsDep,
        actor: ActorDep,
        name: Annotated[str | None, Query(
            min_length=2, max_length=100, pattern=r"^[\p{L}\p{M}'’ .\-]+$",
            description="part of a name: letters, spaces, apostrophes, hyphens, dots")] = None,
        birth_date: SupportedDate | None = None,
        bsn: Annotated[str | None, Query(pattern=r"^[0-9]{9}$",
                                         description="exact BSN (matched by keyed hash)")] = None,
        after: Annotated[str | None, Query(max_length=ID_MAX_LENGTH, pattern=ID_PATTERN,
                                           description="last id of the previous page")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> Any:
        if name is not None and unicodedata.normalize("NFKC", name) != name:
            # look-alike letters (fullwidth, ligatures, ...): refuse rather than guess
            raise ValidationProblem([field_error(["query", "name"], "contains compatibility "
                                                 "characters (e.g. fullwidth letters)",
                                                 "value_error")])
        return records.find_persons(actor=actor, name=name, birth_date=birth_date, bsn=bsn,
                                    after=after, limit=limit)

    return router


def import_router() -> APIRouter:
    router = APIRouter()

    @router.post(
        "/import",
        tags=["import"],
        summary="Import a bundle (JSON object or NDJSON)",
        description="The whole bundle is validated, against the stored records too "
                    "(references, one BSN per person, nobody their own ancestor), before the "
                    "first write; a refusal is a 422 naming every record and nothing is "
                    "written. The report counts per kind the records created and those that "
                    "replace a stored record of the same id (`updated`).",
        response_model=ImportReport,
        responses=ERRORS,
        # a role that may not import is refused before the bundle is read
        dependencies=[Depends(RoleGate(Action.create, resource="bundle"))],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Bundle"}},
                    "application/x-ndjson": {"schema": {"type": "string"}},
                },
            }
        },
    )
    async def import_bundle(
        request: Request, records: RecordsDep, actor: ActorDep,
        dry_run: Annotated[bool, Query(description="validate the bundle, against the database "
                                       "too, and report what it would create and update "
                                       "(`created`, `updated`) without writing")] = False,
    ) -> Any:
        ndjson = media_is_ndjson(request.headers.get("content-type"))
        body = await request.body()
        bundle = parse_bundle(body, ndjson=ndjson)
        return await run_in_threadpool(partial(records.import_bundle, bundle, actor=actor,
                                               dry_run=dry_run))

    return router


def routers() -> list[APIRouter]:
    return [import_router(), search_router(), *(kind_router(k) for k in KINDS)]
