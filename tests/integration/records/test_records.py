"""Round trip of every record kind through the API, against the real Neo4j."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fastapi.testclient import TestClient

from genogram_service.records import KINDS, Kind
from tests.support.helpers import graph_counts, import_ok, problem
from tests.support.samples import family


def expected(kind: Kind, rec: dict[str, Any]) -> dict[str, Any]:
    """What the API returns for an input record (canonical, BSN hidden)."""
    out = {k: v for k, v in rec.items() if v is not None}
    for ref in kind.refs:
        if ref.many and ref.field in out:
            out[ref.field] = sorted(out[ref.field])
    if kind.name == "person":
        out["has_bsn"] = out.pop("bsn", None) is not None
        out.setdefault("sex", "unknown")
    if kind.name == "emotional_relation":
        out.setdefault("directed", rec["kind"] in ("abuse", "neglect"))
    if kind.name == "child_link":
        out.setdefault("kind", "birth")
    if kind.name == "safety_assessment":
        for f in ("concerns", "strengths", "steps", "conditions", "monitoring"):
            out.setdefault(f, [])
    return out


def test_import_then_read_every_record(client: TestClient) -> None:
    bundle = family()
    import_ok(client, bundle)
    for kind in KINDS:
        for rec in bundle[kind.plural]:
            r = client.get(f"{kind.path}/{rec['id']}")
            assert r.status_code == 200, (kind.name, r.text)
            assert r.json() == expected(kind, rec), kind.name


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_create_read_replace_delete(client: TestClient, kind: Kind) -> None:
    bundle = family()
    mine = bundle[kind.plural]
    # everything else first, so the references resolve; records of kinds that refer to this
    # kind must go too (they would block the delete below)
    dependants = {kind.name}
    while True:
        more = {k.name for k in KINDS for ref in k.refs if ref.target in dependants}
        if more <= dependants:
            break
        dependants |= more
    dependants = {k.plural for k in KINDS if k.name in dependants}
    rest = {k: ([] if k in dependants or k == kind.plural else v) for k, v in bundle.items()}
    import_ok(client, rest)
    for rec in mine:
        r = client.post(kind.path, json=rec)
        assert r.status_code == 201, r.text
        assert r.headers["location"] == f"{kind.path}/{rec['id']}"
        assert r.json() == expected(kind, rec)
        assert client.get(f"{kind.path}/{rec['id']}").json() == expected(kind, rec)
        # creating the same id again is a conflict
        problem(client.post(kind.path, json=rec), 409)

    rec = mine[0]
    changed = dict(rec)
    changed.pop("id")
    date_field = next(f for f in ("end_date", "closed", "stopped_date", "date", "death_date",
                                  "name", "surname", "judgement") if f in kind.model.model_fields)
    new_value: Any = {"name": "Nieuwe naam", "surname": "Nieuw", "judgement": 7}.get(
        date_field, "2024-12-31")
    changed[date_field] = new_value
    r = client.put(f"{kind.path}/{rec['id']}", json=changed)
    assert r.status_code == 200, r.text
    assert r.json()[date_field] == new_value
    assert client.get(f"{kind.path}/{rec['id']}").json()[date_field] == new_value

    for rec in reversed(mine):  # later records may refer to earlier ones (extends_id)
        assert client.delete(f"{kind.path}/{rec['id']}").status_code == 204
        problem(client.get(f"{kind.path}/{rec['id']}"), 404)
        problem(client.delete(f"{kind.path}/{rec['id']}"), 404)


def test_post_without_id_generates_one(client: TestClient) -> None:
    r = client.post("/organisations", json={"type": "gi", "name": "William Schrikker Groep"})
    assert r.status_code == 201
    new_id = r.json()["id"]
    assert new_id.startswith("organisation-")
    assert client.get(f"/organisations/{new_id}").json()["name"] == "William Schrikker Groep"


def test_put_creates_then_replaces(client: TestClient) -> None:
    body = {"type": "gi", "name": "Jeugdbescherming Gelderland"}
    assert client.put("/organisations/org-x", json=body).status_code == 201
    body["name"] = "JB Gelderland"
    r = client.put("/organisations/org-x", json={**body, "region": "Gelderland"})
    assert r.status_code == 200 and r.json()["region"] == "Gelderland"
    # a replace is complete: a field left out is removed
    r = client.put("/organisations/org-x", json=body)
    assert "region" not in r.json()
    problem(client.put("/organisations/org-x", json={**body, "id": "other"}), 422)


def test_replace_moves_references(client: TestClient) -> None:
    bundle = family()
    import_ok(client, bundle)
    contact = dict(bundle["contacts"][0])
    contact["person_ids"] = ["p-kind2"]
    contact["professional_ids"] = ["pro-1", "pro-2"]
    r = client.put("/contacts/ct-1", json=contact)
    assert r.status_code == 200, r.text
    got = client.get("/contacts/ct-1").json()
    assert got["person_ids"] == ["p-kind2"]
    assert got["professional_ids"] == ["pro-1", "pro-2"]
    link = dict(bundle["child_links"][0], union_id="u-oma")
    assert client.put("/child-links/cl-1", json=link).status_code == 200
    assert client.get("/child-links/cl-1").json()["union_id"] == "u-oma"


def test_delete_refuses_while_referenced(client: TestClient) -> None:
    import_ok(client, family())
    body = problem(client.delete("/persons/p-kind"), 409)
    types = {d["type"] for d in body["dependents"]}
    assert {"CHILD_OF", "WITH", "CONCERNS"} <= types
    assert client.get("/persons/p-kind").status_code == 200


def test_bsn_stored_encrypted_and_found_by_hash(client: TestClient, graph: Any) -> None:
    import_ok(client, family())
    raw = graph.read("read/get_person", ids=["p-moeder"])[0]["props"]
    assert "bsn" not in raw and "123456782" not in str(raw)
    assert raw["bsn_hash"] and raw["bsn_enc"]
    r = client.get("/persons", params={"bsn": "123456782"})
    assert [p["id"] for p in r.json()] == ["p-moeder"]
    assert "bsn" not in r.json()[0]
    assert client.get("/persons/p-moeder").json().get("bsn") is None
    assert client.get("/persons/p-moeder", params={"include_bsn": True}).json()["bsn"] == \
        "123456782"


def test_search_persons_by_name_and_birth_date(client: TestClient) -> None:
    bundle = family()
    moeder = next(p for p in bundle["persons"] if p["id"] == "p-moeder")
    moeder["other_names"] = ["married: Sanne /Jansen/"]  # e.g. from a GEDCOM file
    import_ok(client, bundle)
    assert {p["id"] for p in client.get("/persons", params={"name": "el amrani"}).json()} == \
        {"p-vader", "p-kind", "p-kind2"}
    assert [p["id"] for p in client.get("/persons", params={"name": "van der berg"}).json()] == \
        ["p-moeder"]
    assert [p["id"] for p in client.get("/persons",
                                        params={"birth_date": "2012-03-05"}).json()] == ["p-kind"]
    # other names are searched too
    assert [p["id"] for p in client.get("/persons", params={"name": "sanne jansen"}).json()] == \
        ["p-moeder"]
    assert [p["id"] for p in client.get("/persons", params={"name": "jansen"}).json()] == \
        ["p-moeder"]
    page1 = client.get("/persons", params={"limit": 2}).json()
    page2 = client.get("/persons", params={"limit": 2, "after": page1[-1]["id"]}).json()
    assert len(page1) == 2 and page2 and page2[0]["id"] > page1[-1]["id"]


def test_counts_after_import(client: TestClient, graph: Any) -> None:
    bundle = family()
    import_ok(client, bundle)
    counts = graph_counts(graph)
    assert counts["node:Person"] == len(bundle["persons"])
    assert counts["node:Contact"] == 1
    assert counts["relationship:CHILD_OF"] == len(bundle["child_links"])
    assert counts["relationship:PARTNER_IN"] == 3


def test_replace_without_bsn_keeps_it_and_null_clears_it(client: TestClient) -> None:
    import_ok(client, family())
    person = client.get("/persons/p-moeder").json()
    person.pop("has_bsn")
    person["given_names"] = "Sanne Maria"
    assert client.put("/persons/p-moeder", json=person).json()["has_bsn"] is True
    assert client.get("/persons/p-moeder", params={"include_bsn": True}).json()["bsn"] == \
        "123456782"
    assert client.put("/persons/p-moeder", json={**person, "bsn": None}).json()["has_bsn"] is False
    assert client.get("/persons", params={"bsn": "123456782"}).json() == []


def test_one_bsn_one_person(client: TestClient) -> None:
    import_ok(client, family())
    r = client.post("/persons", json={"id": "p-twin", "sex": "male", "bsn": "123456782"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "bsn" and "123456782" not in r.text
    r = client.post("/import", json={"persons": [
        {"id": "p-x", "bsn": "111222333"}, {"id": "p-y", "bsn": "111222333"}]})
    assert [e["field"] for e in r.json()["errors"]] == ["persons[1].bsn"]


def test_sensitive_values_stay_out_of_the_logs_even_at_debug(
        client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    """The driver logs queries with their parameters at DEBUG; with the root logger at DEBUG,
    still no BSN, name or birth date reaches a log record."""
    caplog.set_level(logging.DEBUG)
    import_ok(client, family())
    assert client.get("/persons", params={"bsn": "123456782"}).json()[0]["id"] == "p-moeder"
    assert client.get("/persons", params={"name": "sanne"}).status_code == 200
    # the service's records (the test client's own httpx logger prints the URLs it sends)
    ours = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    text = "\n".join(f"{r.name} {r.getMessage()}" for r in ours)
    assert any(r.name == "genogram_service.access" for r in ours)  # the request log ran
    for secret in ("123456782", "Sanne", "sanne", "1985-06-12"):
        assert secret not in text, secret
