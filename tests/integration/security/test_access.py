"""Authentication, roles, need-to-know, break-glass and the access log, against real Neo4j."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient

from genogram_service.container import Services
from genogram_service.records import Bundle
from genogram_service.security.access import Role
from genogram_service.security.auth import User
from genogram_service.settings import Settings
from tests.support.fixtures import ClientFactory, persist_user
from tests.support.helpers import graph_counts, problem
from tests.support.samples import family

TODAY = dt.date.today()
OUTSIDER = {"id": "p-other", "given_names": "Kees", "surname": "Jansen", "sex": "male",
            "birth_date": "1979-09-09", "bsn": "111222333"}


@pytest.fixture
def world(services: Services) -> Services:
    """The sample family (case-1, pro-1 has an open assignment), a person from another family,
    and pro-3 with no assignment."""
    data = family()
    data["persons"].append(dict(OUTSIDER))
    data["professionals"].append({"id": "pro-3", "name": "Els Bos", "role": "jeugdbeschermer"})
    data["employments"].append({"id": "e-3", "professional_id": "pro-3",
                                "organisation_id": "org-gi", "start_date": "2020-01-01"})
    services.records.import_bundle(Bundle.model_validate(data))
    return services


def set_assignment(client: TestClient, start: dt.date, end: dt.date | None) -> None:
    body = {"professional_id": "pro-3", "case_id": "case-1", "organisation_id": "org-gi",
            "role": "jeugdbeschermer", "start_date": start.isoformat(),
            "end_date": end.isoformat() if end else None}
    r = client.put("/assignments/as-3", json=body)
    assert r.status_code in (200, 201), r.text


# ---------------------------------------------------------------- authentication


def test_no_credentials_401_except_public(anon: TestClient) -> None:
    assert anon.get("/health").status_code == 200
    body = problem(anon.get("/persons/p-kind"), 401)
    assert "bearer" in body["detail"].lower()
    assert anon.get("/persons/p-kind").headers["www-authenticate"] == "Bearer"


def test_expired_and_forged_tokens_401(world: Services, anon: TestClient,
                                       settings: Settings) -> None:
    secret = settings.jwt_secret.get_secret_value()  # type: ignore[union-attr]
    now = dt.datetime.now(dt.UTC)
    claims = {"sub": "u1", "role": "admin", "iss": settings.jwt_issuer,
              "iat": now - dt.timedelta(hours=2), "exp": now - dt.timedelta(hours=1)}
    expired = jwt.encode(claims, secret, algorithm="HS256")
    assert "expired" in problem(anon.get("/persons/p-kind", headers={
        "Authorization": f"Bearer {expired}"}), 401)["detail"]
    forged = jwt.encode({**claims, "exp": now + dt.timedelta(hours=1)}, "not-the-key" * 4,
                        algorithm="HS256")
    problem(anon.get("/persons/p-kind", headers={"Authorization": f"Bearer {forged}"}), 401)
    none_alg = jwt.encode({**claims, "exp": now + dt.timedelta(hours=1)}, None,
                          algorithm="none")
    problem(anon.get("/persons/p-kind", headers={"Authorization": f"Bearer {none_alg}"}), 401)
    problem(anon.get("/persons/p-kind", headers={"Authorization": "Bearer garbage"}), 401)


def test_a_token_accepted_before_is_refused_once_it_expires(world: Services, anon: TestClient,
                                                             settings: Settings) -> None:
    """Verified tokens are remembered (no signature check per request), but never past their
    expiry."""
    secret = settings.jwt_secret.get_secret_value()  # type: ignore[union-attr]
    persist_user(world.graph, User(id="u1", username="u1", role=Role.admin))
    now = dt.datetime.now(dt.UTC)
    token = jwt.encode({"sub": "u1", "role": "admin", "iss": settings.jwt_issuer, "iat": now,
                        "exp": now + dt.timedelta(seconds=5)}, secret, algorithm="HS256")
    headers = {"Authorization": f"Bearer {token}"}
    assert anon.get("/persons/p-kind", headers=headers).status_code == 200
    assert anon.get("/persons/p-kind", headers=headers).status_code == 200  # remembered
    time.sleep(max(0.0, (now + dt.timedelta(seconds=5.2) - dt.datetime.now(dt.UTC))
                   .total_seconds()))
    problem(anon.get("/persons/p-kind", headers=headers), 401)


def test_password_login(world: Services, anon: TestClient) -> None:
    world.auth.create_user(username="fatima", role=Role.case_worker, professional_id="pro-1",
                           password="correct horse battery")
    problem(anon.post("/auth/token", data={"username": "fatima", "password": "wrong one!!"}), 401)
    problem(anon.post("/auth/token", data={"username": "nobody", "password": "whatever123"}), 401)
    r = anon.post("/auth/token", data={"username": "fatima", "password": "correct horse battery"})
    assert r.status_code == 200, r.text
    token = r.json()["access_token"]
    me = anon.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["role"] == "case_worker" and me["professional_id"] == "pro-1"
    assert me["organisation_id"] == "org-gi"  # employed there today
    assert anon.get("/persons/p-kind",
                    headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_api_keys_are_hashed_and_verified(world: Services, anon: TestClient) -> None:
    world.auth.create_user(username="monitor", role=Role.auditor)
    key = world.auth.create_api_key("monitor")
    stored = world.graph.read("read/get_api_key", id=key[3:19], today=TODAY)[0]
    assert key.split(".")[1] not in str(stored) and stored["key_hash"].startswith("$argon2")
    assert anon.get("/audit/verify", headers={"X-API-Key": key}).status_code == 200
    problem(anon.get("/audit/verify", headers={"X-API-Key": key[:-2] + "xx"}), 401)
    problem(anon.get("/audit/verify", headers={"X-API-Key": "gk_nonsense"}), 401)


# ---------------------------------------------------------------- need-to-know


def test_case_worker_sees_only_their_families(world: Services, client_as: ClientFactory) -> None:
    cw = client_as(Role.case_worker, "pro-1")
    for pid in ("p-kind", "p-moeder", "p-vader", "p-oma", "p-kind2"):
        assert cw.get(f"/persons/{pid}").status_code == 200, pid
    hidden = problem(cw.get("/persons/p-other"), 404)
    missing = problem(cw.get("/persons/p-nobody"), 404)
    # the same answer as for a person that does not exist: existence does not leak
    assert hidden["detail"].replace("p-other", "X") == missing["detail"].replace("p-nobody", "X")
    assert set(hidden) == set(missing)
    found = {p["id"] for p in cw.get("/persons", params={"name": "jansen"}).json()}
    assert "p-other" not in found
    assert {p["id"] for p in cw.get("/persons", params={"name": "el amrani"}).json()} == \
        {"p-vader", "p-kind", "p-kind2"}
    assert cw.get("/contacts/ct-1").status_code == 200
    assert cw.get("/cases/case-1").status_code == 200
    problem(cw.post("/persons", json={"id": "p-new", "sex": "female"}), 403)
    problem(cw.delete("/contacts/ct-1"), 403)
    problem(cw.get("/audit/access"), 403)


def test_case_worker_before_during_after_assignment(world: Services, client: TestClient,
                                                    client_as: ClientFactory) -> None:
    cw = client_as(Role.case_worker, "pro-3")
    problem(cw.get("/persons/p-kind"), 404)  # no assignment at all
    set_assignment(client, TODAY + dt.timedelta(days=10), None)
    problem(cw.get("/persons/p-kind"), 404)  # before it starts
    set_assignment(client, TODAY - dt.timedelta(days=100), TODAY + dt.timedelta(days=10))
    assert cw.get("/persons/p-kind").status_code == 200  # during
    set_assignment(client, TODAY - dt.timedelta(days=100), TODAY - dt.timedelta(days=10))
    assert cw.get("/persons/p-kind").status_code == 200  # after, within the 30-day grace
    set_assignment(client, TODAY - dt.timedelta(days=100), TODAY - dt.timedelta(days=31))
    problem(cw.get("/persons/p-kind"), 404)  # after the grace period


def test_break_glass(world: Services, client_as: ClientFactory) -> None:
    reason = "Spoed: politie meldt acuut gevaar, regisseur onbereikbaar"
    cw = client_as(Role.case_worker, "pro-3")
    problem(cw.get("/persons/p-kind"), 404)
    err = problem(cw.get("/persons/p-kind", headers={"X-Break-Glass-Reason": "  "}), 422)
    assert err["errors"][0]["field"] == "header.X-Break-Glass-Reason"
    problem(cw.get("/persons/p-kind", headers={"X-Break-Glass-Reason": "nodig"}), 422)
    r = cw.get("/persons/p-kind", headers={"X-Break-Glass-Reason": reason})
    assert r.status_code == 200
    auditor = client_as(Role.auditor)
    events = auditor.get("/audit/access", params={"person_id": "p-kind"}).json()
    glass = [e for e in events if e["break_glass"]]
    assert len(glass) == 1 and glass[0]["break_glass_reason"] == reason
    assert glass[0]["professional_id"] == "pro-3" and glass[0]["outcome"] == "allowed"
    assert glass[0]["request_id"] == r.headers["x-request-id"]
    month = TODAY.isoformat()[:7]
    per_org = auditor.get("/audit/break-glass").json()
    assert {"organisation_id": "(none)", "month": month, "uses": 1, "users": 1} in per_org
    violations = auditor.get("/audit/violations").json()
    assert [v["event"]["event_id"] for v in violations] == [glass[0]["event_id"]]
    assert violations[0]["persons_without_assignment"] == ["p-kind"]
    denied = [e for e in events if e["outcome"] == "denied"]
    assert denied and all(e["professional_id"] == "pro-3" for e in denied)


def test_roles_without_person_access(world: Services, client_as: ClientFactory) -> None:
    for role in (Role.analyst, Role.auditor):
        c = client_as(role)
        problem(c.get("/persons/p-kind"), 403)
        problem(c.get("/persons", params={"name": "berg"}), 403)
        problem(c.post("/import", json={}), 403)
        problem(c.put("/organisations/org-gi", json={"type": "gi", "name": "x"}), 403)
    assert client_as(Role.auditor).get("/organisations/org-gi").status_code == 200
    problem(client_as(Role.analyst).get("/organisations/org-gi"), 403)


def test_bsn_only_for_roles_that_may_see_persons(world: Services,
                                                 client_as: ClientFactory) -> None:
    cw = client_as(Role.case_worker, "pro-1")
    r = cw.get("/persons/p-moeder", params={"include_bsn": True})
    assert r.json()["bsn"] == "123456782"
    assert "123456782" not in cw.get("/persons/p-moeder").text
    problem(client_as(Role.analyst).get("/persons/p-moeder", params={"include_bsn": True}), 403)


# ---------------------------------------------------------------- the access log


def test_every_access_is_logged_with_its_context(world: Services,
                                                 client_as: ClientFactory) -> None:
    cw = client_as(Role.case_worker, "pro-1", **{"X-Purpose": "voorbereiding huisbezoek"})
    r = cw.get("/persons/p-kind")
    problem(cw.get("/persons/p-other"), 404)
    events = client_as(Role.auditor).get("/audit/access").json()
    read = next(e for e in events if e["request_id"] == r.headers["x-request-id"])
    assert read["action"] == "read" and read["outcome"] == "allowed"
    assert read["role"] == "case_worker" and read["professional_id"] == "pro-1"
    assert read["subjects"] == ["p-kind"] and read["purpose"] == "voorbereiding huisbezoek"
    assert read["username"] == "test-case_worker" and read["break_glass"] is False
    denied = [e for e in events if e["subjects"] == ["p-other"]]
    assert denied[0]["outcome"] == "denied"
    imports = [e for e in events if e["action"] == "create"]
    assert imports and "p-other" in imports[0]["subjects"]
    export = client_as(Role.auditor).get("/audit/export")
    assert export.headers["content-type"].startswith("application/x-ndjson")
    assert len(export.text.strip().splitlines()) >= len(events)


def test_access_log_is_tamper_evident(world: Services, client_as: ClientFactory) -> None:
    cw = client_as(Role.case_worker, "pro-1")
    for pid in ("p-kind", "p-moeder", "p-vader"):
        cw.get(f"/persons/{pid}")
    auditor = client_as(Role.auditor)
    ok = auditor.get("/audit/verify").json()
    assert ok["ok"] and ok["entries"] >= 4
    # someone with database access edits one entry: the chain breaks exactly there
    world.graph.driver.execute_query(
        "MATCH (e:AccessEvent {seq: 3}) SET e.username = 'someone-else'", database_="neo4j")
    bad = auditor.get("/audit/verify").json()
    assert bad["ok"] is False and bad["first_broken_seq"] == 3
    assert "changed" in bad["reason"]


def test_deleting_an_entry_is_detected(world: Services, client_as: ClientFactory) -> None:
    cw = client_as(Role.case_worker, "pro-1")
    for pid in ("p-kind", "p-moeder"):
        cw.get(f"/persons/{pid}")
    world.graph.driver.execute_query("MATCH (e:AccessEvent {seq: 2}) DELETE e",
                                     database_="neo4j")
    bad = world.audit.verify()
    assert not bad.ok and bad.first_broken_seq == 3 and "gap" in (bad.reason or "")


def test_no_route_changes_the_access_log(app: Any) -> None:
    paths = app.openapi()["paths"]
    audit = {p: set(ops) for p, ops in paths.items() if p.startswith("/audit")}
    assert len(audit) == 5 and all(ops == {"get"} for ops in audit.values()), audit


def test_family_data_unaffected_by_reads(world: Services, client_as: ClientFactory) -> None:
    before = graph_counts(world.graph)
    cw = client_as(Role.case_worker, "pro-1")
    cw.get("/persons/p-kind")
    assert graph_counts(world.graph) == before


# ---------------------------------------------------------------- analysts


def test_pseudonymisation(world: Services, settings: Settings) -> None:
    from genogram_service.security.access import Actor, ColumnKind, ColumnSpec

    analyst = Actor(user_id="u", username="a", role=Role.analyst)
    admin = Actor(user_id="u", username="b", role=Role.admin)
    columns = [ColumnSpec(name="person_id", kind=ColumnKind.person_id),
               ColumnSpec(name="name", kind=ColumnKind.person_name),
               ColumnSpec(name="birth_date", kind=ColumnKind.birth_date),
               ColumnSpec(name="bsn", kind=ColumnKind.bsn),
               ColumnSpec(name="professionals", kind=ColumnKind.count),
               ColumnSpec(name="organisation", kind=ColumnKind.other)]
    rows = [{"person_id": "p-kind", "name": "Noor El Amrani",
             "birth_date": dt.date(2012, 3, 5), "bsn": "123456782", "professionals": 3,
             "organisation": "org-gi"},
            {"person_id": "p-moeder", "name": "Sanne van der Berg",
             "birth_date": dt.date(1985, 6, 12), "bsn": None, "professionals": 9,
             "organisation": "org-vt"}]
    out = world.guard.pseudonymise(analyst, columns, rows)
    assert world.guard.pseudonymise(admin, columns, rows) == rows
    text = str(out)
    for secret in ("p-kind", "Noor", "El Amrani", "123456782", "2012-03-05", "p-moeder"):
        assert secret not in text
    assert out[0]["person_id"] == out[0]["name"] == world.guard.pseudonym("p-kind")
    assert out[0]["birth_date"] == 2012 and "bsn" not in out[0]
    assert out[0]["professionals"] is None  # 3 < 5: suppressed
    assert out[1]["professionals"] == 9 and out[1]["organisation"] == "org-vt"
    # stable: the same person, the same pseudonym; another key, another pseudonym
    assert world.guard.pseudonymise(analyst, columns, rows) == out
