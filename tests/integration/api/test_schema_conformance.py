"""Schema conformance in CI: schemathesis generates requests from the app's own /openapi.json
and checks every answer against it (tests/support/conformance.py says which checks), once per
role (admin, case worker, analyst, auditor, no credentials), in-process on a database holding
two synthetic families.

Modest on purpose (about two minutes): two examples per operation, and the coverage phase
(each constraint's edges, undeclared methods, missing headers) on one operation of each kind,
as the admin and with no credentials. The long run, every phase on every operation for every
role over a real server, is bench/schema_conformance.py, its figures in docs/api.md
("Schema conformance")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI

from genogram_service.api import create_app
from genogram_service.container import build_services
from genogram_service.db import Graph
from genogram_service.security.access import Role
from genogram_service.security.auth import User
from genogram_service.settings import Settings
from genogram_service.synthetic.seed import generate_chunks
from tests.support.conformance import run
from tests.support.fixtures import persist_user

ROLES = ("admin", "case_worker", "analyst", "auditor", "anonymous")
MAX_EXAMPLES = 2
#: the coverage phase (each constraint's edges, undeclared methods, missing headers) takes
#: ~100 cases per operation: in CI on one operation of each kind (a record kind, person
#: search, a query and the unknown-query template, the audit log, users, sign-in, import)
COVERAGE_PATHS = (r"^/(cases|persons)(/\{record_id\})?$|^/queries/(person_trace|\{name\})$"
                  r"|^/audit/access$|^/users$|^/auth/token$|^/import$")


@pytest.fixture(scope="module")
def conformance(session_graph: Graph, settings: Settings
                ) -> Iterator[tuple[FastAPI, dict[str, dict[str, str]]]]:
    """The app on two synthetic families, and the headers of each role."""
    session_graph.run_autocommit("write/clear_database")
    services = build_services(settings, session_graph)
    try:
        for bundle in generate_chunks(families=2, seed=1):
            services.records.import_bundle(bundle)
        rows = session_graph.read("read/professional_with_active_assignment",
                                  today=dt.date.today())
        headers: dict[str, dict[str, str]] = {"anonymous": {}}
        for role in Role:
            user = User(id=f"user-{role.value}", username=f"conformance-{role.value}",
                        role=role, professional_id=rows[0]["professional_id"]
                        if role == Role.case_worker and rows else None)
            persist_user(session_graph, user)
            token = services.auth.issue_token(user, ttl_minutes=60).access_token
            headers[role.value] = {"Authorization": f"Bearer {token}"}
    finally:
        services.audit.close()
    yield create_app(settings, session_graph), headers


@pytest.mark.parametrize("role,phase", [*((r, "fuzzing") for r in ROLES),
                                        ("admin", "coverage"), ("anonymous", "coverage")])
def test_every_answer_conforms_to_the_schema(
        role: str, phase: str,
        conformance: tuple[FastAPI, dict[str, dict[str, str]]]) -> None:
    app, headers = conformance
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    if phase == "coverage":
        schema = schema.include(path_regex=COVERAGE_PATHS)
    phases = ["coverage"] if phase == "coverage" else ["examples", "fuzzing"]
    outcome = run(schema, headers=headers[role], phases=phases, max_examples=MAX_EXAMPLES)
    print(f"{role} {phase}: {outcome.cases} test cases")
    assert outcome.cases > 200  # it did run
    assert not outcome.errors, outcome.errors[:5]
    assert not outcome.failures, (dict(outcome.failures), *outcome.details[:15])
