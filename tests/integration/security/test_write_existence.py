"""Existence does not leak through the routes on one record (issue 15): for an id the caller
may not see, every write route answers exactly as a read does, whether the record exists or not.

A role that may never do the action to the kind gets the same 403; a role that may, but for
which the record is outside need-to-know, gets the same 404 as a GET of a missing id. Each pair
compares the whole problem+json body (but the request's own id, which ``instance`` and
``request_id`` carry) and the headers a client could read it from."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from genogram_service.container import Services
from genogram_service.records import KIND_BY_NAME, KINDS, Bundle, Kind
from genogram_service.security.access import ROLE_ACTIONS, Action, Role
from tests.support.fixtures import ClientFactory
from tests.support.samples import family

#: kinds anyone signed in but analysts may read (not personal data)
NON_PERSONAL = {"organisation", "professional", "employment"}
#: headers that differ per request, whatever the answer
PER_REQUEST = {"x-request-id", "date", "content-length"}


def _sample(kind: Kind) -> dict[str, Any]:
    """The first record of this kind in the sample family (stored by the fixture)."""
    record: dict[str, Any] = copy.deepcopy(family()[kind.plural][0])
    record.pop("bsn", None)
    return record


def _requests(kind: Kind, record_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every route on one record, for ``record_id``: (method, url, request arguments). The
    bodies are those of the stored sample (valid, so only access decides)."""
    body = _sample(kind)
    body.pop("id")
    url = f"{kind.path}/{record_id}"
    return [
        ("GET", url, {}),
        ("PUT", url, {"json": body}),
        ("DELETE", url, {}),
        ("POST", kind.path, {"json": {**body, "id": record_id}}),
    ]


def _answer(r: Any, record_id: str) -> tuple[int, dict[str, Any], dict[str, str]]:
    """The answer with this request's traces taken out and the requested id (which a 404
    names, as a read's does) written as ``{id}``."""
    body = json.loads(r.text.replace(record_id, "{id}")) if r.content else {}
    for key in ("instance", "request_id"):
        body.pop(key, None)
    headers = {k: v.replace(record_id, "{id}") for k, v in r.headers.items()
               if k not in PER_REQUEST}
    return r.status_code, body, headers


@pytest.fixture
def stored(services: Services) -> None:
    data = family()
    data["professionals"].append({"id": "pro-3", "name": "Els Bos", "role": "jeugdbeschermer"})
    services.records.import_bundle(Bundle.model_validate(data))


def _compare(client: TestClient, kinds: list[Kind], want: dict[str, int]) -> list[str]:
    """For each kind and route: the answer for the stored sample's id and for a missing id
    must be the same, with the status ``want[method]`` (a route left out of ``want`` is not
    checked: the caller may see that record)."""
    failures = []
    for kind in kinds:
        hidden = _sample(kind)["id"]
        missing = f"leak-missing-{kind.name}"
        pairs = zip(_requests(kind, hidden), _requests(kind, missing), strict=True)
        for (method, url, kwargs), (_, url_missing, kwargs_missing) in pairs:
            if method not in want:
                continue
            a = _answer(client.request(method, url, **kwargs), hidden)
            b = _answer(client.request(method, url_missing, **kwargs_missing), missing)
            if a[0] != want[method] or a != b:
                failures.append(f"{method} {url}: {a} != {b} (want {want[method]})")
            elif a[0] >= 400:
                assert a[2]["content-type"].startswith("application/problem+json")
    return failures


@pytest.mark.parametrize("role", ["case_worker", "analyst", "auditor"])
def test_hidden_and_missing_ids_get_the_same_answer(stored: None, client_as: ClientFactory,
                                                    role: str) -> None:
    """Today only administrators write (and see everyone): every other role is refused every
    write with one 403 per kind and action, and a read as before: a case worker without an
    assignment gets the 404 of a missing record, analysts and auditors a 403."""
    client = client_as(Role(role), "pro-3" if role == "case_worker" else None)
    failures = []
    for kind in KINDS:
        personal = kind.name not in NON_PERSONAL
        want = {"PUT": 403, "DELETE": 403, "POST": 403}
        if role == "analyst" or (role == "auditor" and personal):
            want["GET"] = 403
        elif role == "case_worker" and personal:
            want["GET"] = 404
        failures += _compare(client, [kind], want)
    assert not failures, "\n".join(failures)


def test_a_role_that_may_write_is_answered_as_a_read(
        stored: None, client_as: ClientFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a role with need-to-know ever write, a record outside it answers as a missing
    one: the same 404 as a GET (the rights of the role are the table's, so this gives case
    workers every right for the test)."""
    monkeypatch.setitem(ROLE_ACTIONS, Role.case_worker, frozenset(Action))
    outside = client_as(Role.case_worker, "pro-3")
    kinds = [k for k in KINDS if k.name in ("person", "case", "contact", "union")]
    failures = _compare(outside, kinds, {"GET": 404, "PUT": 404, "DELETE": 404, "POST": 404})
    assert not failures, "\n".join(failures)
    # the 404 of a write is the 404 of a read, word for word, and nothing was written
    person = KIND_BY_NAME["person"]
    before = client_as(Role.admin).get("/persons/p-kind").json()
    body = {k: v for k, v in _sample(person).items() if k != "id"} | {"sex": "unknown"}
    put = outside.put("/persons/p-kind", json={**body, "given_names": "Overschreven"})
    get = outside.get("/persons/p-kind")
    assert _answer(put, "p-kind")[:2] == _answer(get, "p-kind")[:2]
    assert _answer(put, "p-kind")[1]["detail"] == "no person with id '{id}'"
    assert client_as(Role.admin).get("/persons/p-kind").json() == before
