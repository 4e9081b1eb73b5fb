"""The FastAPI application: one driver per process, schema applied at startup."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse

from genogram_service import __version__
from genogram_service.api.middleware import RequestContext
from genogram_service.container import build_services
from genogram_service.db import Graph
from genogram_service.errors import DatabaseUnavailable, GenogramError
from genogram_service.http import problems
from genogram_service.http.openapi import ERRORS, openapi_precise
from genogram_service.records.routes import routers
from genogram_service.security import audit_routes as audit_api
from genogram_service.security import oidc_routes as oidc_api
from genogram_service.security import routes as auth_api
from genogram_service.settings import Settings, get_settings

log = logging.getLogger(__name__)

DESCRIPTION = """
A genogram service for Dutch youth protection: family members, professionals and organisations
in a Neo4j graph, joined by typed, dated relationships.

Every error is RFC 9457 `application/problem+json`; validation errors list each offending
field in `errors[]` (`field`, `pointer`, `reason`, `code`).
"""


def create_app(settings: Settings | None = None, graph: Graph | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = graph is None
        services = build_services(settings, graph)
        g = services.graph
        app.state.services = services
        app.state.graph = g
        app.state.audit = services.audit
        app.state.guard = services.guard
        app.state.auth = services.auth
        app.state.records = services.records
        app.state.oidc = services.oidc
        try:
            g.migrate()
        except DatabaseUnavailable:
            log.warning("Neo4j not reachable at startup; schema will be applied on next start")
        try:
            yield
        finally:
            services.audit.close()
            if own:
                g.close()

    app = FastAPI(
        title="Genogram Service",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.add_middleware(RequestContext, max_body_bytes=settings.max_body_bytes)
    problems.install(app)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/docs")

    @app.get("/health", tags=["health"], summary="Liveness and database reachability",
             responses={503: ERRORS[503]})
    def health(request: Request) -> JSONResponse:
        try:
            request.app.state.graph.ping()
        except GenogramError as exc:
            return problems.problem_response(request, exc.problem(), {"Retry-After": "5"})
        return JSONResponse({"status": "ok", "database": "up"})

    app.include_router(auth_api.router)
    app.include_router(audit_api.router)
    app.include_router(oidc_api.router)
    # imported here: these modules build their routes from data (catalogue, templates)
    from genogram_service.gedcom import routes as gedcom_api
    from genogram_service.genogram import routes as genogram_api
    from genogram_service.queries import routes as queries_api
    from genogram_service.web import router as web_router

    app.include_router(genogram_api.router)
    app.include_router(web_router)
    app.include_router(queries_api.router)
    app.include_router(gedcom_api.router)
    for router in routers():
        app.include_router(router)

    _add_bundle_schema(app)
    return app


def _add_bundle_schema(app: FastAPI) -> None:
    from fastapi.openapi.utils import get_openapi

    from genogram_service.records import Bundle

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description,
                             routes=app.routes)
        bundle = Bundle.model_json_schema(ref_template="#/components/schemas/{model}")
        defs = bundle.pop("$defs", {})
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, value in defs.items():
            components.setdefault(name, value)
        components["Bundle"] = bundle
        app.openapi_schema = openapi_precise(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
