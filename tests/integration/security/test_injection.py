"""Injection attempts (Cypher fragments, quotes, unicode tricks) in every string parameter of
the URL change nothing and get a 4xx; in body text they are refused when invisible, and
otherwise stored verbatim as values (Cypher only ever receives them as $parameters)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from genogram_service.container import Services
from genogram_service.records import Bundle
from tests.support.helpers import graph_counts, problem
from tests.support.samples import family

ATTACKS = [
    "p-kind' OR 1=1 //",
    "p-kind\"}) MATCH (n) DETACH DELETE n //",
    "x' UNION MATCH (n) RETURN n //",
    "'; CALL dbms.security.listUsers() //",
    "p-kind` DETACH DELETE n",
    "$ids",
    "p-kind\u202e",  # right-to-left override
    "p\u200bkind",  # zero-width space
    "ｐ-ｋｉｎｄ",  # fullwidth letters
    "p-kind%00",
    "../../etc/passwd",
    "p-kind%27%20OR%201%3D1",
]


@pytest.fixture
def loaded(services: Services, client: TestClient) -> dict[str, int]:
    services.records.import_bundle(Bundle.model_validate(family()))
    return graph_counts(services.graph)


@pytest.mark.parametrize("attack", ATTACKS)
def test_path_and_query_parameters(client: TestClient, services: Services,
                                   loaded: dict[str, int], attack: str) -> None:
    urls: list[tuple[str, dict[str, Any]]] = [
        (f"/persons/{attack}", {}),
        (f"/contacts/{attack}", {}),
        (f"/child-links/{attack}", {}),
        ("/persons", {"name": attack}),
        ("/persons", {"bsn": attack}),
        ("/persons", {"birth_date": attack}),
        ("/persons", {"after": attack}),
        ("/persons/p-kind", {"include_bsn": attack}),
        ("/audit/access", {"person_id": attack}),
    ]
    for url, params in urls:
        r = client.get(url, params=params)
        assert 400 <= r.status_code < 500, (url, params, r.status_code, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    r = client.delete(f"/persons/{attack}")
    assert 400 <= r.status_code < 500
    assert graph_counts(services.graph) == loaded


@pytest.mark.parametrize("text", ["Anna\u202eannA", "Jan\u200b", "Piet\x07", "Kees\u2066x"])
def test_invisible_characters_in_body_text_are_refused(client: TestClient, loaded: dict[str, int],
                                                       services: Services, text: str) -> None:
    err = problem(client.post("/persons", json={"given_names": text, "sex": "male"}), 422)
    assert err["errors"][0]["field"] == "given_names"
    assert "invisible" in err["errors"][0]["reason"]
    assert graph_counts(services.graph) == loaded


@pytest.mark.parametrize("text", ["O'Brien", "'t Hart", "x\") MATCH (n) DETACH DELETE n //",
                                  "Robert'); DROP TABLE persons;--"])
def test_quotes_in_body_text_are_plain_values(client: TestClient, loaded: dict[str, int],
                                              services: Services, text: str) -> None:
    r = client.post("/persons", json={"id": "p-q", "surname": text, "sex": "male"})
    assert r.status_code == 201, r.text
    assert client.get("/persons/p-q").json()["surname"] == text
    after = graph_counts(services.graph)
    assert after["node:Person"] == loaded["node:Person"] + 1
    assert {k: v for k, v in after.items() if k != "node:Person"} == \
        {k: v for k, v in loaded.items() if k != "node:Person"}


def test_break_glass_and_purpose_headers_are_values(client_as: Any, loaded: dict[str, int],
                                                    services: Services) -> None:
    from genogram_service.security.access import Role

    c = client_as(Role.case_worker, "pro-1", **{
        "X-Purpose": "x'}) MATCH (n) DETACH DELETE n //",
        "X-Break-Glass-Reason": "'; MATCH (n) DETACH DELETE n // spoed"})
    assert c.get("/persons/p-kind").status_code == 200
    assert graph_counts(services.graph) == loaded
    assert services.audit.verify().ok
