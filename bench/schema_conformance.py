"""Schema conformance, the long run: schemathesis against the API's own /openapi.json, once per
role (admin, case worker, analyst, auditor, and no credentials), every phase on every
operation, over a real uvicorn server on a local Neo4j holding a few synthetic families.

    .venv/bin/python -m bench.schema_conformance [--examples 10] [--roles admin,analyst]

Neo4j: its own data directory (var/neo4j-schema) and port (GENOGRAM_SCHEMA_NEO4J_PORT, 7744),
emptied and seeded at the start. The checks and the run are tests/support/conformance.py's,
as in CI (tests/integration/api/test_schema_conformance.py, a modest subset in-process). The
summary per role (test cases, failures by check, seconds) is printed and written to
var/schemathesis/summary.json, every failure with its curl to var/schemathesis/<role>.txt.
docs/api.md ("Schema conformance") has the command and the figures of the last run.
"""

import argparse
import json
import os
import socket
import threading
import time
from typing import Any

import schemathesis
import uvicorn

from genogram_service.api import create_app
from genogram_service.container import build_services
from genogram_service.db import Graph
from genogram_service.db.local import LocalDb
from genogram_service.records.bsn import generate_secrets
from genogram_service.security.access import Role
from genogram_service.settings import PROJECT_ROOT, Settings
from genogram_service.synthetic.seed import generate_chunks
from tests.support.conformance import run

DATA_DIR = PROJECT_ROOT / "var" / "neo4j-schema"
OUT_DIR = PROJECT_ROOT / "var" / "schemathesis"
ROLES = ("admin", "case_worker", "analyst", "auditor", "anonymous")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _settings(port: int) -> Settings:
    # every secret the service needs, fresh (GENOGRAM_BSN_HASH_KEY -> bsn_hash_key, ...)
    keys = {k.removeprefix("GENOGRAM_").lower(): v for k, v in generate_secrets().items()}
    return Settings(neo4j_uri=f"bolt://127.0.0.1:{port}", local_db_dir=DATA_DIR,
                    local_db_port=port, local_db_heap="1g", **keys)


def _prepare(settings: Settings, families: int) -> dict[str, dict[str, str]]:
    """Empty the database, seed ``families`` families; the headers of each role."""
    graph = Graph.from_settings(settings)
    graph.ping()
    graph.run_autocommit("write/clear_database")
    graph.migrate()
    services = build_services(settings, graph)
    try:
        for bundle in generate_chunks(families=families, seed=1):
            services.records.import_bundle(bundle)
        import datetime as dt
        rows = graph.read("read/professional_with_active_assignment", today=dt.date.today())
        professional = rows[0]["professional_id"] if rows else None
        headers: dict[str, dict[str, str]] = {"anonymous": {}}
        for role in Role:
            user = services.auth.create_user(
                username=f"schema-{role.value}", role=role,
                professional_id=professional if role == Role.case_worker else None)
            token = services.auth.issue_token(user, ttl_minutes=24 * 60).access_token
            headers[role.value] = {"Authorization": f"Bearer {token}"}
        return headers
    finally:
        services.audit.close()
        graph.close()


def _serve(settings: Settings, port: int) -> uvicorn.Server:
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("the API did not start")
        time.sleep(0.1)
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10, help="max examples per operation")
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--families", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--phases", default="examples,coverage,fuzzing")
    parser.add_argument("--keep-db", action="store_true", help="leave Neo4j running")
    args = parser.parse_args()

    port = int(os.environ.get("GENOGRAM_SCHEMA_NEO4J_PORT", "7744"))
    db = LocalDb(DATA_DIR, port, "1g")
    started = db.start(timeout_s=300)
    settings = _settings(port)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    try:
        headers = _prepare(settings, args.families)
        api_port = _free_port()
        server = _serve(settings, api_port)
        results: dict[str, Any] = {}
        for role in args.roles.split(","):
            began = time.monotonic()
            schema = schemathesis.openapi.from_url(f"http://127.0.0.1:{api_port}/openapi.json")
            outcome = run(schema, headers=headers[role], phases=args.phases.split(","),
                          max_examples=args.examples, seed=args.seed)
            results[role] = {"test_cases": outcome.cases, "failures": dict(outcome.failures),
                             "errors": len(outcome.errors),
                             "seconds": round(time.monotonic() - began)}
            (OUT_DIR / f"{role}.txt").write_text("\n".join(outcome.details + outcome.errors))
            print(role, json.dumps(results[role]), flush=True)
        (OUT_DIR / "summary.json").write_text(json.dumps(results, indent=2))
        server.should_exit = True
    finally:
        if started and not args.keep_db:
            db.stop()


if __name__ == "__main__":
    main()
