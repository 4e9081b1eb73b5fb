"""The floor under the API's latency: bare FastAPI endpoints in the same uvicorn set-up
(uvloop, httptools, one process), with nothing of the service (`uvicorn --factory
bench.floor_app:create`). Only for ``bench_queries.py --decompose``.

- ``POST /empty``: reads the JSON body and answers ``{}``: what uvicorn + FastAPI + the client
  cost per request.
- ``POST /headline``: the same, plus the headline query's Cypher text run with the raw driver
  as the raw baseline runs it (``session.run`` in a fresh read session, ``record.data()``) in
  FastAPI's threadpool, and the rows as JSON (driver dates as ISO text). No authentication,
  no parameter model, no access log: the least an HTTP endpoint for this query can do.

``GENOGRAM_BENCH_PORT`` picks the Neo4j port (default 7722).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, LiteralString, cast

import orjson
from fastapi import Body, FastAPI, Response
from neo4j import READ_ACCESS, GraphDatabase

from bench import benchdb
from genogram_service.db.statements import load
from genogram_service.queries.catalogue import catalogue

HEADLINE = "professionals_seen"


def create() -> FastAPI:
    port = int(os.environ.get("GENOGRAM_BENCH_PORT", benchdb.PORT))
    driver = GraphDatabase.driver(f"bolt://127.0.0.1:{port}")
    statement = next(q.statement for q in catalogue() if q.name == HEADLINE)
    text = cast(LiteralString, load(statement or ""))
    app = FastAPI()

    @app.post("/empty")
    async def empty(body: dict[str, Any] = Body()) -> Response:  # noqa: B008
        return Response(b"{}", media_type="application/json")

    @app.post("/headline")
    def headline(body: dict[str, Any] = Body()) -> Response:  # noqa: B008
        params = {"person_id": body["person_id"], "start": dt.date.fromisoformat(body["start"]),
                  "end": dt.date.fromisoformat(body["end"])}
        with driver.session(database="neo4j", default_access_mode=READ_ACCESS) as session:
            rows = [r.data() for r in session.run(text, params)]
        return Response(orjson.dumps({"rows": rows, "row_count": len(rows)},
                                     option=orjson.OPT_NON_STR_KEYS, default=str),
                        media_type="application/json")

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
