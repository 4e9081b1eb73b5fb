"""The query catalogue over HTTP: ``GET /queries`` lists it, ``GET /queries/{name}`` describes
one entry (with the JSON Schema of its parameters), ``POST /queries/{name}`` runs it with a
JSON object of parameters. ``Accept: text/csv`` gives CSV with the declared columns in order;
anything else gives JSON."""

# No `from __future__ import annotations`: FastAPI must see the parameter models, which are
# built at runtime per query.
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Body, Depends, Path, Request, Response

from genogram_service.errors import NotFound
from genogram_service.http.json_body import StrictJsonRoute
from genogram_service.http.openapi import ERRORS
from genogram_service.queries.catalogue import (
    QueryDef,
    QueryResult,
    catalogue,
    describe_query,
    list_queries,
    run_query,
    to_csv,
)
from genogram_service.security.access import Action
from genogram_service.security.deps import ActorDep, GraphDep, GuardDep, RoleGate

CSV = "text/csv"
NamePath = Annotated[str, Path(pattern=r"^[a-z][a-z0-9_]{0,63}$", max_length=64,
                               description="the query's name (GET /queries lists them)")]
RESPONSES: dict[int | str, dict[str, Any]] = {
    k: v for k, v in ERRORS.items() if k in (401, 403, 404, 422, 503)}


class QueryInfo(QueryDef):
    """A catalogue entry with the JSON Schema of its parameters."""

    parameters: dict[str, Any]


def _info(query: QueryDef) -> QueryInfo:
    return QueryInfo(**query.model_dump(), parameters=query.parameters_schema())


def _render(request: Request, result: QueryResult, columns: list[dict[str, Any]]) -> Response:
    if CSV in request.headers.get("accept", ""):
        return Response(to_csv(result.columns, result.rows), media_type=f"{CSV}; charset=utf-8",
                        headers={"Content-Disposition": f'inline; filename="{result.query}.csv"'})
    body = {
        "query": result.query,
        "params": result.params,
        "columns": columns,
        "rows": result.rows,
        "row_count": result.row_count,
    }
    return Response(orjson.dumps(body, option=orjson.OPT_NON_STR_KEYS),
                    media_type="application/json")


def _run_route(router: APIRouter, query: QueryDef) -> None:
    model: Any = query.params_model()
    name = query.name
    columns = [c.model_dump(mode="json") for c in query.columns]

    def run_optional(request: Request, actor: ActorDep, guard: GuardDep, graph: GraphDep,
                     params: Annotated[model | None, Body()] = None) -> Response:
        result = run_query(graph, guard, actor=actor, name=name, params=params)
        return _render(request, result, columns)

    # a query with a required parameter needs its object, and the schema says so (an optional
    # body let `null` through to a 422 "Field required")
    def run_required(request: Request, actor: ActorDep, guard: GuardDep, graph: GraphDep,
                     params: Annotated[model, Body()]) -> Response:
        return run_optional(request, actor, guard, graph, params)

    run = run_required if any(p.required for p in query.params) else run_optional

    # the entry's path answers GET too (its description), and the schema says so: a 405's
    # `Allow: GET, POST` on it named a method the document did not have
    def describe_entry(actor: ActorDep) -> Any:
        return _info(describe_query(actor=actor, name=name))

    router.add_api_route(f"/{name}", describe_entry, methods=["GET"], response_model=QueryInfo,
                         summary=f"The catalogue entry {name}", operation_id=f"describe_{name}")

    audience = ", ".join(r.value for r in query.audience)
    router.add_api_route(
        f"/{name}", run, methods=["POST"], summary=query.purpose[:1].upper() + query.purpose[1:],
        description=f"{query.returns}\n\nAudience: {audience}. Engine: {query.engine}.",
        response_model=QueryResult, operation_id=f"query_{name}",
        # a role outside the audience is refused before the parameters are read
        dependencies=[Depends(RoleGate(Action.query, resource=name, audience=query.audience,
                                       personal=query.personal))],
        responses={200: {"content": {"application/json": {}, CSV: {"schema": {"type": "string"}}},
                         "description": "the rows (JSON, or CSV with Accept: text/csv)"}},
    )


def build_router() -> APIRouter:
    r = APIRouter(prefix="/queries", tags=["queries"], responses=RESPONSES,
                  route_class=StrictJsonRoute)

    @r.get("", response_model=list[QueryInfo], summary="The query catalogue")
    def index(actor: ActorDep) -> Any:
        return [_info(q) for q in list_queries(actor=actor)]

    for query in catalogue():
        _run_route(r, query)

    @r.get("/{name}", response_model=QueryInfo, summary="One catalogue entry")
    def describe(name: NamePath, actor: ActorDep) -> Any:
        return _info(describe_query(actor=actor, name=name))

    # the names this route answers: any but the catalogue's, which have their own operations
    UnknownName = Annotated[str, Path(  # noqa: N806 (a type)
        pattern=r"^[a-z][a-z0-9_]{0,63}$", max_length=64,
        json_schema_extra={"not": {"enum": sorted(q.name for q in catalogue())}})]

    # in the schema too: a POST to /queries/{name} is a 404 for a name not in the catalogue,
    # not an undeclared method (the catalogue's entries are declared above, each on its path)
    @r.post("/{name}", response_model=None, summary="A query not in the catalogue",
            description="Every name the catalogue does not have: 404 (the entries are the "
                        "operations above).", responses={404: ERRORS[404]})
    def unknown(name: UnknownName, actor: ActorDep, body: Annotated[Any, Body()] = None
                ) -> Response:
        raise NotFound("no query with this name in the catalogue (GET /queries lists them)")

    return r


#: the catalogue routes (built once, from the catalogue files)
router = build_router()

__all__ = ["QueryInfo", "build_router", "router"]
