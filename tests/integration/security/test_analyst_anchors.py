"""Analysts never receive a pseudonym of an id they supplied (issue 15): a query anchored on one
person, family or case is for roles with need-to-know or audit rights.

Before, the echoed parameters were pseudonymised for analysts: submitting a known person id gave
that person's pseudonym, which links them to every pseudonymised row of every query."""

from __future__ import annotations

import json
from typing import Any

import pytest

from genogram_service.container import Services
from genogram_service.errors import CatalogueError
from genogram_service.queries.catalogue import (
    anchors,
    catalogue,
    check_audience,
    parse_definition,
)
from genogram_service.records import Bundle
from genogram_service.security.access import Role
from tests.support.fixtures import ClientFactory
from tests.support.helpers import problem
from tests.support.samples import family

#: a stored id for every parameter that names a record (the sample family's)
IDS = {"person_id": "p-moeder", "child_id": "p-kind", "case_id": "case-1",
       "household_id": "h-1", "professional_id": "pro-1", "organisation_id": "org-gi"}
WIDE = {"start": "2000-01-01", "opened_from": "2000-01-01", "threshold": 0}
#: the sample case always had a regisseur, never a voogd: a gap in that role
EXTRA = {"responsibility_gaps": {"role": "voogd"}}


@pytest.fixture
def stored(services: Services) -> None:
    services.records.import_bundle(Bundle.model_validate(family()))


def _body(query: Any, *, ids: bool) -> dict[str, Any]:
    """Parameters that find the sample family's rows; with ``ids``, every parameter that
    names a record gets a stored id (anchors too), else only the required ones."""
    names = {p.name for p in query.params}
    body = {k: v for k, v in WIDE.items() if k in names} | EXTRA.get(query.name, {})
    for p in query.params:
        if p.name in IDS and (ids or p.required):
            body[p.name] = IDS[p.name]
    return body


def test_no_answer_to_an_analyst_holds_a_pseudonym_of_an_id_they_gave(
        stored: None, services: Services, client_as: ClientFactory) -> None:
    analyst = client_as(Role.analyst)
    failures = []
    for query in catalogue():
        body = _body(query, ids=True)
        given = [v for k, v in body.items() if k in IDS]
        if not given:
            continue
        for accept in ("application/json", "text/csv"):
            r = analyst.post(f"/queries/{query.name}", json=body, headers={"Accept": accept})
            anchored = [a for a in anchors(query) if a in body]
            want = 403 if anchored or Role.analyst not in query.audience else 200
            if r.status_code != want:
                failures.append(f"{query.name} {accept}: {r.status_code} != {want}: {r.text}")
            leaked = [v for v in given if services.guard.pseudonym(v) in r.text]
            if leaked:
                failures.append(f"{query.name} {accept}: pseudonym of {leaked}")
            if r.status_code == 403:
                detail = problem(r, 403)["detail"]
                # the refusal says why: the parameter, or the audience
                assert all(a in detail for a in anchored) or query.name in detail, detail
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", ["family_involvements", "coordination_load",
                                  "responsibility_gaps"])
def test_an_optional_anchor_is_refused_and_the_population_still_runs(
        stored: None, services: Services, client_as: ClientFactory, name: str) -> None:
    analyst = client_as(Role.analyst)
    query = catalogue().get(name)
    (anchor,) = anchors(query)
    body = problem(analyst.post(f"/queries/{name}", json={**_body(query, ids=False),
                                                          anchor: IDS[anchor]}), 403)
    assert anchor in body["detail"] and "need-to-know or audit rights" in body["detail"]
    # the whole population: rows, pseudonymised as before, the id column as a pseudonym
    admin_rows = client_as(Role.admin).post(f"/queries/{name}",
                                            json=_body(query, ids=False)).json()["rows"]
    r = analyst.post(f"/queries/{name}", json=_body(query, ids=False))
    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    assert len(rows) == len(admin_rows) > 0
    assert {row[anchor] for row in rows} == {services.guard.pseudonym(row[anchor])
                                             for row in admin_rows}
    assert IDS[anchor] not in r.text and "p-moeder" not in r.text
    csv = analyst.post(f"/queries/{name}", json=_body(query, ids=False),
                       headers={"Accept": "text/csv"})
    assert services.guard.pseudonym(IDS[anchor]) in csv.text and IDS[anchor] not in csv.text


def test_the_refusal_is_in_the_access_log(stored: None, client_as: ClientFactory) -> None:
    r = client_as(Role.analyst).post("/queries/family_involvements",
                                     json={"household_id": "h-1"})
    problem(r, 403)
    events = client_as(Role.auditor).get("/audit/access").json()
    mine = [e for e in events if e["request_id"] == r.headers["x-request-id"]]
    assert [e["outcome"] for e in mine] == ["denied"]
    assert "anchored on household_id" in json.dumps(mine)


@pytest.mark.parametrize(("role", "name", "params"), [
    (Role.auditor, "professionals_seen", {"person_id": "p-moeder", "start": "2000-01-01"}),
    (Role.auditor, "child_measures", {"child_id": "p-kind"}),
    (Role.admin, "professionals_seen_count", {"person_id": "p-moeder", "start": "2000-01-01"}),
    (Role.admin, "family_involvements", {"household_id": "h-1", "start": "2000-01-01"}),
    (Role.auditor, "responsibility_gaps", {"case_id": "case-1", "role": "voogd"}),
])
def test_roles_with_need_to_know_or_audit_rights_run_anchored_queries(
        stored: None, client_as: ClientFactory, role: Role, name: str,
        params: dict[str, Any]) -> None:
    r = client_as(role).post(f"/queries/{name}", json=params)
    assert r.status_code == 200, r.text
    answer = r.json()
    # the id as given, and rows about it (the sample family has them)
    assert {k: answer["params"][k] for k in params} == params
    assert answer["row_count"] > 0


def test_the_catalogue_refuses_an_analyst_query_anchored_on_a_required_id() -> None:
    header = ("// Purpose: x\n// Audience: {audience}\n"
              "// Param: person_id STRING required subject — the person\n"
              "// Column: n INTEGER count\n")
    with pytest.raises(CatalogueError, match="anchored on person_id"):
        check_audience(parse_definition("x", header.format(audience="analyst, admin")))
    check_audience(parse_definition("x", header.format(audience="auditor, admin")))
    # an optional anchor is allowed: analysts run the query without it
    optional = ("// Purpose: x\n// Audience: analyst\n"
                "// Param: household_id STRING optional — one family\n"
                "// Column: household_id STRING person_id\n")
    query = parse_definition("x", optional)
    check_audience(query)
    assert anchors(query) == ["household_id"]
