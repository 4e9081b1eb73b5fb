"""Every validation rule is rejected with problem+json naming the field and the reason, and
nothing is written."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from genogram_service.api import create_app
from genogram_service.container import Services, build_services
from genogram_service.db import Graph
from genogram_service.security.access import Role
from genogram_service.settings import Settings
from tests.support.fixtures import token_for
from tests.support.helpers import fields, graph_counts, import_ok, problem
from tests.support.samples import family


@pytest.fixture
def base(client: TestClient) -> TestClient:
    import_ok(client, family())
    return client


PERSON = {"id": "p-new", "given_names": "Lotte", "surname": "Visser", "sex": "female",
          "birth_date": "2001-01-01"}

# (path, body, expected field, a word the reason must contain)
SINGLE_RECORD_CASES: list[tuple[str, str, dict[str, Any], str, str]] = [
    ("wrong date format", "/persons", {**PERSON, "birth_date": "01-01-2001"}, "birth_date",
     "date"),
    ("wrong type", "/safety-assessments",
     {"case_id": "case-1", "version": "first", "date": "2023-01-01", "author_id": "pro-1",
      "judgement": 5}, "version", "integer"),
    ("out of range", "/safety-assessments",
     {"case_id": "case-1", "version": 2, "date": "2023-01-01", "author_id": "pro-1",
      "judgement": 11}, "judgement", "10"),
    ("unknown enum", "/persons", {**PERSON, "sex": "alien"}, "sex", "male"),
    ("unknown enum (union kind)", "/unions",
     {"kind": "engaged", "partner_ids": ["p-vader", "p-oma"]}, "kind", "married"),
    ("bsn elfproef", "/persons", {**PERSON, "bsn": "123456789"}, "bsn", "elfproef"),
    ("bsn format", "/persons", {**PERSON, "bsn": "12345"}, "bsn", "9 digits"),
    ("death before birth", "/persons", {**PERSON, "death_date": "2000-12-31"}, "death_date",
     "birth_date"),
    ("end before start (union)", "/unions",
     {"kind": "cohabiting", "partner_ids": ["p-vader", "p-oma"], "start_date": "2020-01-01",
      "end_date": "2019-01-01"}, "end_date", "start_date"),
    ("end before start (assignment)", "/assignments",
     {"professional_id": "pro-1", "case_id": "case-1", "role": "regisseur",
      "start_date": "2023-05-01", "end_date": "2023-04-30"}, "end_date", "start_date"),
    ("end before start (case)", "/cases",
     {"opened": "2023-05-01", "closed": "2023-01-01", "framework": "voluntary",
      "municipality": "Utrecht", "person_ids": ["p-kind"]}, "closed", "opened"),
    ("decision before request", "/measures",
     {"kind": "ots", "child_id": "p-kind", "requested_date": "2023-05-01",
      "decision_date": "2023-04-01", "start_date": "2023-05-02"}, "decision_date",
     "requested_date"),
    ("referral stop before start", "/referrals",
     {"person_id": "p-kind", "provider_id": "org-jh", "requested_date": "2023-01-01",
      "started_date": "2023-02-01", "stopped_date": "2023-01-15"}, "stopped_date",
     "started_date"),
    ("contact before birth", "/contacts",
     {"date": "2011-01-01", "kind": "phone", "professional_ids": ["pro-1"],
      "person_ids": ["p-moeder", "p-kind"]}, "date", "birth"),
    ("contact after death", "/contacts",
     {"date": "2022-03-01", "kind": "home_visit", "professional_ids": ["pro-1"],
      "person_ids": ["p-oma"]}, "date", "death"),
    ("measure before birth", "/measures",
     {"kind": "ots", "child_id": "p-kind", "start_date": "2010-01-01"}, "start_date", "birth"),
    ("missing reference", "/contacts",
     {"date": "2023-01-01", "kind": "phone", "professional_ids": ["pro-1", "pro-nope"],
      "person_ids": ["p-kind"]}, "professional_ids[1]", "does not exist"),
    ("missing reference (relationship)", "/child-links",
     {"child_id": "p-kind", "union_id": "u-nope"}, "union_id", "does not exist"),
    ("self union", "/unions", {"kind": "married", "partner_ids": ["p-vader", "p-vader"]},
     "partner_ids", "themselves"),
    ("own ancestor", "/child-links", {"child_id": "p-oma", "union_id": "u-ouders"},
     "child_id", "own ancestor"),
    ("own ancestor via a union", "/unions",
     {"id": "u-cycle", "kind": "other", "partner_ids": ["p-kind"]}, "", ""),
    ("self emotional relation", "/emotional-relations",
     {"from_id": "p-kind", "to_id": "p-kind", "kind": "close"}, "to_id", "two different"),
    ("undirected abuse", "/emotional-relations",
     {"from_id": "p-vader", "to_id": "p-kind", "kind": "abuse", "directed": False},
     "directed", "victim"),
    ("unknown field", "/persons", {**PERSON, "nickname": "Lot"}, "nickname", "not permitted"),
    ("missing field", "/cases", {"opened": "2023-01-01", "framework": "voluntary",
                                 "person_ids": ["p-kind"]}, "municipality", "required"),
    ("bad id", "/persons", {**PERSON, "id": "p 1; DROP"}, "id", "pattern"),
    ("duplicate version", "/safety-assessments",
     {"id": "sa-1b", "case_id": "case-1", "version": 1, "date": "2023-01-01",
      "author_id": "pro-1", "judgement": 5}, "", ""),
]


@pytest.mark.parametrize(("path", "body", "field", "word"),
                         [c[1:] for c in SINGLE_RECORD_CASES if c[3]],
                         ids=[c[0] for c in SINGLE_RECORD_CASES if c[3]])
def test_single_record_rule(base: TestClient, graph: Graph, path: str, body: dict[str, Any],
                            field: str, word: str) -> None:
    before = graph_counts(graph)
    r = base.post(path, json=body)
    err = problem(r, 422)
    assert field in fields(err), err
    reason = next(e["reason"] for e in err["errors"] if e["field"] == field)
    assert word.lower() in reason.lower(), reason
    assert graph_counts(graph) == before
    # the submitted BSN never comes back in an error, nor any date, submitted or stored
    if "bsn" in body:
        assert body["bsn"] not in r.text
    assert not re.search(r"\d{4}-\d\d-\d\d", r.text), r.text


@pytest.mark.parametrize("char", ["\u3164", "\u115f", "\u1160", "\uffa0", "\u2028", "\u2029",
                                  "\u200b", "\u0007"])
def test_invisible_characters_in_names_refused(client: TestClient, graph: Graph,
                                                char: str) -> None:
    # A Hangul filler alone looks like an empty name; U+2028 breaks a line the text does not show.
    # (at either end, U+2028 is whitespace and stripped; alone, the name is then empty)
    for name in (f"Lot{char}te", char):
        r = client.post("/persons", json={**PERSON, "given_names": name})
        err = problem(r, 422)
        assert fields(err) == ["given_names"], err
    assert f"U+{ord(char):04X}" in problem(client.post("/persons", json={
        **PERSON, "given_names": f"Lot{char}te"}), 422)["errors"][0]["reason"]
    assert graph_counts(graph) == {}


def test_cycle_through_existing_union(base: TestClient, graph: Graph) -> None:
    # p-kind becomes a parent of p-moeder (her own mother): only visible with the database
    before = graph_counts(graph)
    r = base.post("/import", json={
        "unions": [{"id": "u-cycle", "kind": "other", "partner_ids": ["p-kind"]}],
        "child_links": [{"id": "cl-cycle", "child_id": "p-moeder", "union_id": "u-cycle"}],
    })
    err = problem(r, 422)
    assert "child_links[0].child_id" in fields(err)
    assert graph_counts(graph) == before


def test_safety_assessment_versions_unique_in_bundle(base: TestClient) -> None:
    sa = family()["safety_assessments"][0]
    r = base.post("/import", json={"safety_assessments": [sa, {**sa, "id": "sa-2"}]})
    assert "safety_assessments[1].version" in fields(problem(r, 422))


def test_bundle_collects_every_error_with_paths(client: TestClient, graph: Graph) -> None:
    bundle = family()
    bundle["persons"][1]["bsn"] = "111111111"
    bundle["persons"][3]["sex"] = "x"
    bundle["contacts"][0]["person_ids"].append("p-ghost")
    r = client.post("/import", json=bundle)
    err = problem(r, 422)
    assert {"persons[1].bsn", "persons[3].sex"} <= set(fields(err))
    assert all(e["pointer"].startswith("#/") for e in err["errors"])
    assert graph_counts(graph) == {}


def test_bundle_reference_and_duplicate_errors(client: TestClient, graph: Graph) -> None:
    bundle = family()
    bundle["contacts"][0]["person_ids"].append("p-ghost")
    bundle["persons"].append(dict(bundle["persons"][0]))
    bundle["child_links"].append({"child_id": "p-kind", "union_id": "u-oma"})
    err = problem(client.post("/import", json=bundle), 422)
    assert {"contacts[0].person_ids[2]", "persons[5].id", "child_links[3].id"} <= set(fields(err))
    assert graph_counts(graph) == {}


def test_bundle_own_ancestor_within_bundle(client: TestClient, graph: Graph) -> None:
    bundle = family()
    bundle["child_links"].append({"id": "cl-x", "child_id": "p-oma", "union_id": "u-ouders"})
    err = problem(client.post("/import", json=bundle), 422)
    assert any(f.startswith("child_links[") and f.endswith(".child_id") for f in fields(err))
    assert "own ancestor" in err["errors"][0]["reason"]
    assert graph_counts(graph) == {}


def test_invalid_json_and_media_type(client: TestClient) -> None:
    r = client.post("/import", content=b'{"persons": [', headers={"content-type":
                                                                   "application/json"})
    assert "line 1" in problem(r, 422)["errors"][0]["reason"]
    problem(client.post("/import", content=b"x", headers={"content-type": "text/plain"}), 415)
    problem(client.post("/persons", content=b"{nope", headers={"content-type":
                                                                 "application/json"}), 422)


def test_ndjson_errors_name_the_line(client: TestClient, graph: Graph) -> None:
    lines = b"\n".join([
        b'{"record": "person", "id": "p-a", "sex": "female"}',
        b'{"record": "person", "id": "p-b", "sex": "female", "birth_date": "2020-02-30"}',
        b'{"record": "spaceship", "id": "x"}',
    ])
    r = client.post("/import", content=lines, headers={"content-type": "application/x-ndjson"})
    assert {"line 2.birth_date", "line 3.record"} <= set(fields(problem(r, 422)))
    assert graph_counts(graph) == {}


def test_payload_over_limit(graph: Graph, settings: Settings) -> None:
    small = settings.model_copy(update={"max_body_bytes": 2000})
    with TestClient(create_app(small, graph), raise_server_exceptions=False) as c:
        c.headers["Authorization"] = f"Bearer {token_for(build_services(small, graph), Role.admin)}"
        body = {"persons": [{**PERSON, "id": f"p-{i}"} for i in range(100)]}
        problem(c.post("/import", json=body), 413)
        assert graph_counts(graph) == {}
        assert c.post("/persons", json=PERSON).status_code == 201


def test_database_unreachable_gives_503(settings: Settings, services: Services) -> None:
    down = settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:9",
                                       "neo4j_connection_timeout_s": 1.0})
    graph = Graph.from_settings(down)
    try:
        with TestClient(create_app(down, graph), raise_server_exceptions=False) as c:
            # signed with the same secret by the suite's services (issuing one reads the
            # account's state from a database)
            c.headers["Authorization"] = f"Bearer {token_for(services, Role.admin)}"
            body = problem(c.get("/persons/p-1"), 503)
            assert "Traceback" not in str(body) and "bolt://" not in str(body)
            assert c.get("/persons/p-1").headers.get("retry-after")
            problem(c.get("/health"), 503)
            problem(c.post("/import", json=family()), 503)
    finally:
        graph.close()


def test_unknown_route_and_method_are_problems(client: TestClient) -> None:
    problem(client.get("/nothing-here"), 404)
    problem(client.patch("/persons/p-1", json={}), 405)


def test_streamed_payload_over_limit(graph: Graph, settings: Settings) -> None:
    small = settings.model_copy(update={"max_body_bytes": 2000})

    def chunks() -> Any:
        for _ in range(10):
            yield b" " * 500

    with TestClient(create_app(small, graph), raise_server_exceptions=False) as c:
        c.headers["Authorization"] = f"Bearer {token_for(build_services(small, graph), Role.admin)}"
        r = c.post("/import", content=chunks(), headers={"content-type": "application/json"})
        problem(r, 413)


def test_repeated_key_refused(client: TestClient, graph: Graph) -> None:
    # JSON parsers keep the last of two equal keys; the sender's tools may show the first.
    body = b'{"id": "p-new", "sex": "female", "surname": "Visser", "surname": "Jansen"}'
    for method, path in (("POST", "/persons"), ("PUT", "/persons/p-new")):
        err = problem(client.request(method, path, content=body,
                                     headers={"content-type": "application/json"}), 422)
        assert fields(err) == ["surname"], err
        assert "Jansen" not in str(err) and "Visser" not in str(err)
    bundle = (b'{"persons": [{"id": "p-a", "sex": "female"}],'
              b' "persons": [{"id": "p-b", "sex": "male"}]}')
    err = problem(client.post("/import", content=bundle,
                              headers={"content-type": "application/json"}), 422)
    assert [e["pointer"] for e in err["errors"]] == ["#/persons"], err
    assert graph_counts(graph) == {}
