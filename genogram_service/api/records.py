"""CRUD routes for every record kind, generated from the allow-list in ``models.spec``.

For each kind ``K`` with path ``/ks``: ``POST /ks`` (create, 201; 409 if the id exists),
``GET /ks/{id}``, ``PUT /ks/{id}`` (create or replace: 201 or 200), ``DELETE /ks/{id}`` (204;
409 while other records still refer to it)."""

# No `from __future__ import annotations`: FastAPI must see the real model classes, which are
# chosen at runtime per kind.
import datetime as dt
import unicodedata
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Response, status

from ..errors import ValidationProblem, field_error
from ..models import KINDS, Kind, PersonPublic
from .deps import ActorDep, RecordsDep

IdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,99}$", max_length=100)]
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing, wrong or expired credentials", **PROBLEM},
    403: {"description": "Not allowed for this role", **PROBLEM},
    404: {"description": "No such record", **PROBLEM},
    409: {"description": "Conflict", **PROBLEM},
    422: {"description": "Invalid input: errors[] names each field and reason", **PROBLEM},
    503: {"description": "Neo4j unavailable", **PROBLEM},
}


def kind_router(kind: Kind) -> APIRouter:
    model: Any = kind.model
    public: Any = PersonPublic if kind.name == "person" else kind.model
    router = APIRouter(prefix=kind.path, tags=[kind.plural.replace("_", " ")], responses=ERRORS)
    noun = kind.name.replace("_", " ")
    dump = {"response_model": public, "response_model_exclude_none": True}

    @router.post("", status_code=status.HTTP_201_CREATED, summary=f"Create a {noun}", **dump)
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
                responses={201: {"description": "Created"}})
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
        birth_date: dt.date | None = None,
        bsn: Annotated[str | None, Query(pattern=r"^[0-9]{9}$",
                                         description="exact BSN (matched by keyed hash)")] = None,
        after: Annotated[str | None, Query(max_length=100,
                                           pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,99}$",
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


def routers() -> list[APIRouter]:
    return [search_router(), *(kind_router(k) for k in KINDS)]
