"""Every endpoint × every role (and no or expired credentials): the exact status.

The table below is the access policy written out; a route without an entry fails the test, so
a new endpoint cannot ship without a decision about who may call it."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient

from genogram_service.container import Services
from genogram_service.queries.catalogue import catalogue
from genogram_service.records import KIND_BY_PLURAL, KINDS, Bundle
from genogram_service.security.access import Role
from genogram_service.settings import Settings
from tests.support.fixtures import ClientFactory
from tests.support.samples import family

NON_PERSONAL = {"organisations", "professionals", "employments"}
CALLERS = ("anonymous", "expired", "admin", "case_worker", "case_worker_outside", "analyst",
           "auditor")


def expected(caller: str, method: str, path: str) -> int:
    """The access policy, route by route."""
    if path in ("/health",) or (method, path) == ("POST", "/auth/token"):
        return 200
    if path.startswith("/auth/oidc/"):  # single sign-on, not configured here (test_sso.py)
        return 404
    if caller in ("anonymous", "expired"):
        return 401
    role = caller.removesuffix("_outside")
    outside = caller.endswith("_outside")
    if path == "/auth/me":
        return 200
    if path.startswith("/audit"):
        return 200 if role in ("admin", "auditor") else 403
    if path == "/users":
        return (201 if method == "POST" else 200) if role == "admin" else 403
    if path == "/import":
        return 200 if role == "admin" else 403
    if path == "/import/gedcom":  # GEDCOM import: administrators only
        return 200 if role == "admin" else 403
    if path in ("/persons/{person_id}/family.ged",
                "/persons/{person_id}/kinship/{relative_id}"):  # GEDCOM export, kinship
        if role == "admin":
            return 200
        if role == "case_worker":
            return 404 if outside else 200
        return 403
    if (method, path) == ("POST", "/queries/{name}"):  # a name not in the catalogue
        return 404
    if method == "GET" and path.startswith("/queries"):  # the catalogue itself is no secret
        return 200
    if path.startswith("/queries/"):  # running one: its declared audience decides
        query = catalogue().get(path.split("/")[2])
        return 200 if role in {r.value for r in query.audience} else 403
    if path == "/persons/{person_id}/genogram.{fmt}":  # rendering: as reading the person
        if role == "admin":
            return 200
        if role == "case_worker":
            return 404 if outside else 200
        return 403
    if (method, path) == ("GET", "/persons"):
        return 200 if role in ("admin", "case_worker") else 403
    plural = path.strip("/").split("/")[0].replace("-", "_")
    if plural in KIND_BY_PLURAL:
        if method == "POST":
            return 201 if role == "admin" else 403
        if method == "PUT":
            return 200 if role == "admin" else 403
        if method == "DELETE":
            return 404 if role == "admin" else 403  # deletes a record that does not exist
        if method == "GET":
            if plural in NON_PERSONAL:
                return 200 if role in ("admin", "case_worker", "auditor") else 403
            if role == "admin":
                return 200
            if role == "case_worker":
                return 404 if outside else 200
            return 403
    raise AssertionError(f"no access policy for {method} {path}: add it to this table")


def _requests(method: str, path: str, n: int) -> tuple[str, dict[str, Any]]:
    """A concrete, valid request for a route (so only access decides the status)."""
    data = family()
    if path == "/auth/token":
        return path, {"data": {"username": "matrix", "password": "matrix-password-1"}}
    if path == "/users":
        return path, {"json": {"username": f"user-{n}", "role": "analyst"}} \
            if method == "POST" else {}
    if path == "/import":
        return path, {"json": {}}
    if path == "/import/gedcom":
        gedcom = ("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n0 @I1@ INDI\n"
                  "1 NAME Matrix /Test/\n0 TRLR\n")
        return path, {"content": gedcom.encode(), "params": {"key": f"matrix-{n}"},
                      "headers": {"Content-Type": "application/octet-stream"}}
    if path == "/persons/{person_id}/family.ged":
        return path.replace("{person_id}", "p-kind"), {}
    if path == "/persons/{person_id}/kinship/{relative_id}":
        return (path.replace("{person_id}", "p-kind").replace("{relative_id}", "p-moeder"), {})
    if path == "/queries":
        return path, {}
    if (method, path) == ("POST", "/queries/{name}"):
        return path.replace("{name}", "no_such_query"), {"json": {}}
    if path == "/queries/{name}":
        return path.replace("{name}", sorted(q.name for q in catalogue())[0]), {}
    if method == "GET" and path.startswith("/queries/"):
        return path, {}
    if path.startswith("/queries/"):
        query = catalogue().get(path.split("/")[2])
        values = {"person_id": "p-kind", "child_id": "p-kind", "professional_id": "pro-1",
                  "case_id": "case-1", "household_id": "h-1", "organisation_id": "org-gi"}
        return path, {"json": {p.name: values[p.name] for p in query.params if p.required}}
    if path == "/persons/{person_id}/genogram.{fmt}":
        return path.replace("{person_id}", "p-kind").replace("{fmt}", "svg"), {}
    if path.startswith("/audit") or path.startswith("/auth/oidc/") or \
            path in ("/health", "/auth/me") or \
            (method, path) == ("GET", "/persons"):
        return path, {}
    plural = path.strip("/").split("/")[0].replace("-", "_")
    kind = KIND_BY_PLURAL[plural]
    record = copy.deepcopy(data[plural][0])
    record.pop("bsn", None)
    if method == "GET":
        return path.replace("{record_id}", record["id"]), {}
    if method == "DELETE":
        return path.replace("{record_id}", "matrix-none"), {}
    if method == "PUT":
        rid = record.pop("id")
        return path.replace("{record_id}", rid), {"json": record}
    record["id"] = f"matrix-{kind.name}-{n}"
    if kind.name == "safety_assessment":
        record["version"] = 10 + n
    return path, {"json": record}


@pytest.fixture
def callers(services: Services, client_as: ClientFactory, anon: TestClient,
            settings: Settings) -> dict[str, TestClient]:
    data = family()
    data["professionals"].append({"id": "pro-3", "name": "Els Bos", "role": "jeugdbeschermer"})
    services.records.import_bundle(Bundle.model_validate(data))
    services.auth.create_user(username="matrix", role=Role.analyst,
                              password="matrix-password-1")
    now = dt.datetime.now(dt.UTC)
    expired = jwt.encode({"sub": "u", "role": "admin", "iss": settings.jwt_issuer,
                          "iat": now - dt.timedelta(hours=2), "exp": now - dt.timedelta(hours=1)},
                         settings.jwt_secret.get_secret_value(),  # type: ignore[union-attr]
                         algorithm="HS256")
    expired_client = client_as(Role.admin)
    expired_client.headers["Authorization"] = f"Bearer {expired}"
    return {
        "anonymous": anon,
        "expired": expired_client,
        "admin": client_as(Role.admin),
        "case_worker": client_as(Role.case_worker, "pro-1"),
        "case_worker_outside": client_as(Role.case_worker, "pro-3"),
        "analyst": client_as(Role.analyst),
        "auditor": client_as(Role.auditor),
    }


def test_every_endpoint_every_role(app: Any, callers: dict[str, TestClient]) -> None:
    # every documented operation (FastAPI nests included routers; the OpenAPI document lists
    # them all, and an undocumented route would be a finding of its own)
    routes = [(m.upper(), path) for path, ops in app.openapi()["paths"].items() for m in ops]
    assert len(routes) > 4 * len(KINDS)
    failures = []
    n = 0
    for caller in CALLERS:
        for method, path in sorted(routes):
            n += 1
            url, kwargs = _requests(method, path, n)
            r = callers[caller].request(method, url, **kwargs)
            want = expected(caller, method, path)
            if r.status_code != want:
                failures.append(f"{caller:20s} {method:6s} {path}: {r.status_code} != {want}"
                                f" {r.text[:120]}")
            if r.status_code >= 400:
                assert r.headers["content-type"].startswith("application/problem+json"), url
    assert not failures, "\n".join(failures)


def test_docs_are_public(anon: TestClient) -> None:
    assert anon.get("/openapi.json").status_code == 200
    assert anon.get("/docs").status_code == 200
