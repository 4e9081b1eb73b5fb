"""The edges schemathesis found (issue 14, items 4 and 5), one test each: refusals the schema
did not state, answers it did not document, dates taken from numbers, bodies read before the
caller was checked. Each fails without its fix."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from genogram_service.security.access import Role
from tests.support.fixtures import ClientFactory
from tests.support.helpers import import_ok, problem
from tests.support.samples import family


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    import_ok(client, family())
    return client


def codes(body: dict[str, Any]) -> list[str]:
    return [e["code"] for e in body["errors"]]


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize("value", [0, 0.5, "0", "0.5", "1950-01-01T00:00:00", "19500101",
                                   "0999-12-31", "2201-01-01", True])
def test_a_record_date_is_a_supported_iso_date(client: TestClient, value: Any) -> None:
    # pydantic's lax mode took 0 for 1970-01-01 and a date-time for a date
    body = problem(client.post("/persons", json={"given_names": "Jan", "birth_date": value}),
                   422)
    assert [e["field"] for e in body["errors"]] == ["birth_date"]


def test_every_record_date_has_the_range(client: TestClient) -> None:
    import_ok(client, family())
    for path, body in [("/unions", {"kind": "married", "partner_ids": ["p-vader"],
                                    "start_date": "0800-01-01"}),
                       ("/cases", {"opened": 0, "framework": "voluntary",
                                   "municipality": "Utrecht", "person_ids": ["p-kind"]})]:
        err = problem(client.post(path, json=body), 422)
        assert {e["field"] for e in err["errors"]} <= {"start_date", "opened"}
    r = client.post("/persons", json={"given_names": "Jan", "birth_date": "1950-02-03"})
    assert r.status_code == 201, r.text
    assert r.json()["birth_date"] == "1950-02-03"


@pytest.mark.parametrize("query", ["birth_date=0.5", "birth_date=0", "birth_date=0800-01-01"])
def test_a_query_string_date_is_an_iso_date(loaded: TestClient, query: str) -> None:
    problem(loaded.get(f"/persons?{query}"), 422)
    assert loaded.get("/persons?birth_date=1980-01-01").status_code == 200


@pytest.mark.parametrize("start", ["0", "0.5", "2020-01-01", "2020-01-01T00:00"])
def test_an_audit_moment_is_an_rfc3339_date_time(client: TestClient, start: str) -> None:
    # "0" was 1970-01-01T00:00:00Z
    problem(client.get("/audit/access", params={"start": start}), 422)
    assert client.get("/audit/access",
                      params={"start": "2020-01-01T00:00:00+02:00"}).status_code == 200


def test_a_query_parameter_takes_json_types(loaded: TestClient) -> None:
    # a date from a number, an integer from false, a boolean from 0: all were accepted
    for params in ({"start": 0, "end": "2024-01-01"},
                   {"start": "2020-01-01", "end": "2024-01-01", "threshold": False}):
        problem(loaded.post("/queries/family_organisations_above", json=params), 422)
    r = loaded.post("/queries/family_organisations_above",
                    json={"start": "2020-01-01", "end": "2024-01-01", "threshold": 2.0})
    assert r.status_code == 200, r.text  # 2.0 is an integer to JSON Schema


def test_a_record_number_or_boolean_takes_json_types(loaded: TestClient) -> None:
    r = loaded.post("/emotional-relations", json={"from_id": "p-vader", "to_id": "p-moeder",
                                                  "kind": "conflict", "directed": 0})
    assert problem(r, 422)["errors"][0]["field"] == "directed"


def test_stored_dates_outside_the_range_stay_readable(client: TestClient, services: Any
                                                      ) -> None:
    # written before the range was enforced (an old GEDCOM import): read, never a 500
    from genogram_service.records import Bundle, Person
    from genogram_service.records.writer import write_bundle

    old = Person.model_construct(id="p-old", given_names="Oud", sex="unknown",
                                 birth_date=__import__("datetime").date(800, 5, 1))
    write_bundle(services.graph, Bundle.of({"persons": [old]}), services.records.vault,
                 batch_size=100, single_tx_limit=100)
    r = client.get("/persons/p-old")
    assert r.status_code == 200, r.text
    assert r.json()["birth_date"] == "0800-05-01"


# ----------------------------------------------------------------------------- the schema


def test_the_schema_states_the_rules(app: FastAPI) -> None:
    doc = app.openapi()
    header = next(p for p in doc["paths"]["/persons/{record_id}"]["get"]["parameters"]
                  if p["name"] == "x-break-glass-reason")
    assert header["schema"]["minLength"] == 10 and header["schema"]["pattern"]
    assert "anyOf" not in header["schema"]  # a header is never null
    person = doc["components"]["schemas"]["PersonPublic"]["properties"]["bsn"]
    assert "writeOnly" not in json.dumps(person)  # include_bsn=true returns it
    birth = doc["components"]["schemas"]["Person"]["properties"]["birth_date"]["anyOf"][0]
    assert (birth["formatMinimum"], birth["formatMaximum"]) == ("1000-01-01", "2200-12-31")
    given = doc["components"]["schemas"]["Person"]["properties"]["given_names"]["anyOf"][0]
    assert "\\p{C}" in given["pattern"]  # no invisible characters
    bsn = doc["components"]["schemas"]["Person"]["properties"]["bsn"]["anyOf"][0]
    assert bsn["pattern"] == "^[0-9]{9}$" and bsn["writeOnly"]
    assert doc["components"]["schemas"]["Case"]["properties"]["person_ids"]["uniqueItems"]
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            answer = operation["responses"].get("422")
            assert answer is None or "application/problem+json" in answer["content"], (
                method, path)
    items = doc["components"]["schemas"]["Bundle"]["properties"]["persons"]["items"]
    assert items["required"] == ["id"]
    safety = doc["components"]["schemas"]["SafetyAssessment"]["properties"]["judgement"]
    assert (safety["minimum"], safety["maximum"]) == (0, 10)


def test_include_bsn_returns_the_bsn_the_schema_describes(loaded: TestClient) -> None:
    r = loaded.get("/persons/p-moeder", params={"include_bsn": "true"})
    assert r.status_code == 200 and r.json()["bsn"].isdigit()


@pytest.mark.parametrize("reason", ["null", "kort", "   a   b   ", "\xa0" * 12])
def test_a_break_glass_reason_needs_ten_visible_characters(
        client_as: ClientFactory, loaded: TestClient, reason: str) -> None:
    cw = client_as(Role.case_worker, professional_id="pro-1")
    r = cw.get("/persons/p-kind", headers={"X-Break-Glass-Reason": reason.encode("latin-1")})
    if reason.startswith("\xa0"):
        # NBSP is not an HTTP blank: twelve of them are a reason by the schema's pattern
        assert r.status_code == 200, r.text
    else:
        problem(r, 422)


# ----------------------------------------------------------------------------- bodies


@pytest.mark.parametrize("data", [b'{"given_names": "\xff\xfe"}', b"[" * 2000 + b"]" * 2000,
                                  b'{"a": '])
def test_a_body_that_is_not_json_is_a_422_with_errors(client: TestClient, data: bytes) -> None:
    # invalid UTF-8 and too deep nesting were a 400 without errors[]
    for path in ("/persons", "/queries/family_organisations_above", "/users"):
        body = problem(client.post(path, content=data,
                                   headers={"Content-Type": "application/json"}), 422)
        assert codes(body) == ["json_invalid"], path


def test_a_form_that_cannot_be_read_is_a_422_with_errors(anon: TestClient) -> None:
    r = anon.post("/auth/token", content=b"--x\r\nbroken",
                  headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert codes(problem(r, 422))


def test_an_empty_password_is_refused_by_the_schema(app: FastAPI, anon: TestClient) -> None:
    form = app.openapi()["components"]["schemas"]["Body_token_auth_token_post"]
    assert form["properties"]["password"]["minLength"] == 1
    problem(anon.post("/auth/token", data={"username": "x", "password": ""}), 422)


@pytest.mark.parametrize("path,body", [
    ("/queries/family_organisations_above",
     b'{"start": "2020-01-01", "start": "2021-01-01", "end": "2024-01-01"}'),
    ("/users", b'{"username": "piet", "role": "analyst", "role": "admin"}'),
])
def test_repeated_keys_are_refused_on_every_json_body(client: TestClient, path: str,
                                                      body: bytes) -> None:
    r = client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert codes(problem(r, 422)) == ["duplicate_key"]


# ----------------------------------------------------------------------------- answers


@pytest.mark.parametrize("method,path,allowed", [
    ("OPTIONS", "/cases/x", "DELETE, GET, PUT"),
    ("PATCH", "/persons", "GET, POST"),
    ("DELETE", "/queries/person_trace", "GET, POST"),
])
def test_a_405_names_every_method_of_the_path(client: TestClient, method: str, path: str,
                                              allowed: str) -> None:
    # Starlette named the methods of the first route on the path: `OPTIONS /cases/x` said GET
    r = client.request(method, path)
    problem(r, 405)
    assert r.headers["allow"] == allowed


def test_a_missing_static_file_is_a_problem(anon: TestClient) -> None:
    problem(anon.get("/ui/static/no-such-file.css"), 404)


def test_an_unknown_query_is_documented_and_a_404(app: FastAPI, client: TestClient) -> None:
    name = app.openapi()["paths"]["/queries/{name}"]["post"]["parameters"][0]["schema"]
    assert "person_trace" in name["not"]["enum"]
    problem(client.post("/queries/no_such_query", json={}), 404)


# ----------------------------------------------------------------------------- who, first


@pytest.mark.parametrize("role", [Role.analyst, Role.auditor, Role.case_worker])
def test_a_role_that_may_not_import_gets_403_not_422(client_as: ClientFactory,
                                                     role: Role) -> None:
    # the bundle was parsed and validated in full before the 403: a 422 with details
    c = client_as(role, professional_id="pro-1")
    for content_type in ("application/json", "application/x-ndjson"):
        r = c.post("/import", content=b'{"persons": [{"id": ', headers={
            "Content-Type": content_type})
        problem(r, 403)
    problem(c.post("/import/gedcom", content=b"\x00 not gedcom"), 403)


@pytest.mark.parametrize("path", ["/persons", "/persons/p-1", "/users",
                                  "/queries/family_organisations_above"])
def test_writes_are_refused_before_the_body_is_validated(
        client_as: ClientFactory, anon: TestClient, path: str) -> None:
    method = "PUT" if path == "/persons/p-1" else "POST"
    bad = {"content": b"\xff not json", "headers": {"Content-Type": "application/json"}}
    problem(anon.request(method, path, **bad), 401)
    refused = Role.case_worker if path.startswith("/queries") else Role.analyst
    problem(client_as(refused).request(method, path, **bad), 403)


def test_a_refused_body_is_not_read(app: FastAPI, client_as: ClientFactory,
                                    anon: TestClient) -> None:
    """Over the ASGI interface: the body arrives as a stream, and a refused caller's stream
    is never pulled (the client sends nothing beyond the headers)."""
    analyst = client_as(Role.analyst).headers["Authorization"]
    pulled: list[str] = []

    def stream(tag: str) -> AsyncIterator[bytes]:
        async def chunks() -> AsyncIterator[bytes]:
            pulled.append(tag)
            yield b'{"persons": ['
            pulled.append(tag)
            yield b"]}"
        return chunks()

    async def send() -> list[int]:
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as c:
            statuses = []
            for path in ("/import", "/persons", "/import/gedcom"):
                statuses.append((await c.post(path, content=stream(f"anon {path}"))).status_code)
                r = await c.post(path, content=stream(f"analyst {path}"),
                                 headers={"Authorization": analyst})
                statuses.append(r.status_code)
            return statuses

    # `anon` holds the app's lifespan open (app.state: the services) while this runs
    assert asyncio.run(send()) == [401, 403] * 3
    assert pulled == []
