"""Helpers of the fault tests (``tests/integration/faults/``): one request to every router of
the API, what a request must answer while Neo4j is down, a bundle large enough to be committed
batch by batch, and the counts a partly committed import must leave."""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2 as httpx
from fastapi.testclient import TestClient

from genogram_service.db import Graph
from tests.support.helpers import graph_counts
from tests.support.samples import family

PASSWORD = "correct horse battery"
#: where the tests write what they measured, when set (docs/reliability.md quotes the figures)
FIGURES_ENV = "GENOGRAM_FAULT_FIGURES"


@dataclass(frozen=True)
class Call:
    """One request; ``up`` is its status while Neo4j runs."""

    name: str
    method: str
    path: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    up: int = 200

    def send(self, client: TestClient) -> tuple[httpx.Response, float]:
        started = time.monotonic()
        response = client.request(self.method, self.path, **self.kwargs)
        return response, time.monotonic() - started


def every_router(gedcom: bytes) -> list[Call]:
    """A request of every router that needs the database, for the sample family
    (``samples.family()``) and the accounts of :func:`seed`. ``gedcom``: a GEDCOM file to
    import (the family's own export)."""
    org = next(o for o in family()["organisations"] if o["id"] == "org-jh")
    return [
        Call("health", "GET", "/health"),
        Call("records: read", "GET", "/persons/p-kind"),
        Call("records: search", "GET", "/persons", {"params": {"name": "Berg"}}),
        Call("auth: login", "POST", "/auth/token",
             {"data": {"username": "admin", "password": PASSWORD}}),
        Call("auth: users", "GET", "/users"),
        Call("records: write", "PUT", "/organisations/org-jh", {"json": org}),
        Call("records: import", "POST", "/import", {"json": family()}),
        Call("genogram", "GET", "/persons/p-kind/genogram.svg"),
        Call("queries", "POST", "/queries/professionals_seen", {"json": {"person_id": "p-kind"}}),
        Call("kinship", "GET", "/persons/p-kind/kinship/p-moeder"),
        Call("gedcom: export", "GET", "/persons/p-kind/family.ged"),
        Call("gedcom: import", "POST", "/import/gedcom",
             {"content": gedcom, "headers": {"content-type": "application/octet-stream"}}),
        Call("audit: access", "GET", "/audit/access"),
        Call("audit: export (streamed)", "GET", "/audit/export"),
        Call("audit: verify", "GET", "/audit/verify"),
        Call("web viewer", "GET", "/ui/search", {"params": {"name": "Berg"}}),
    ]


def seed(client: TestClient) -> None:
    """The sample family and an administrator with a password; signs the client in to the web
    viewer too (its session cookie is sent to /ui only)."""
    services = client.app.state.services  # type: ignore[attr-defined]
    from genogram_service.security.access import Role

    assert client.post("/import", json=family()).status_code == 200
    services.auth.create_user(username="admin", role=Role.admin, password=PASSWORD)
    page = client.get("/ui/login")
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match, page.text[:300]
    r = client.post("/ui/login", data={"username": "admin", "password": PASSWORD,
                                        "csrf": match.group(1), "next": "/ui/search"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text


def assert_unavailable(response: httpx.Response, *, retry_after: str | None = None) -> str:
    """A 503 problem+json with Retry-After; returns the Retry-After value."""
    assert response.status_code == 503, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 503 and body["type"] and body["title"]
    value = response.headers.get("retry-after")
    assert value is not None and value.isdigit() and int(value) > 0, response.headers
    if retry_after is not None:
        assert value == retry_after
    return value


# ------------------------------------------------------------------ a batch-committed import


def families_bundle(n: int, prefix: str = "f") -> dict[str, list[dict[str, Any]]]:
    """``n`` families of father, mother and two children: 4n persons, n unions, 2n child links
    (written in that order, one kind per batch)."""
    persons: list[dict[str, Any]] = []
    unions: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for i in range(n):
        fam = f"{prefix}{i:05d}"
        surname = "Jansen" if i % 2 else "Visser"
        members = [("vader", "Pieter", "male", "1970-03-01"),
                   ("moeder", "Anna", "female", "1972-05-02"),
                   ("kind1", "Sem", "male", "2001-07-03"),
                   ("kind2", "Lotte", "female", "2004-09-04")]
        for key, given, sex, born in members:
            persons.append({"id": f"p-{fam}-{key}", "given_names": given, "surname": surname,
                            "sex": sex, "birth_date": born})
        unions.append({"id": f"u-{fam}", "kind": "married",
                       "partner_ids": [f"p-{fam}-vader", f"p-{fam}-moeder"],
                       "start_date": "1999-06-01"})
        for child in ("kind1", "kind2"):
            links.append({"id": f"cl-{fam}-{child}", "child_id": f"p-{fam}-{child}",
                          "union_id": f"u-{fam}", "kind": "birth"})
    return {"persons": persons, "unions": unions, "child_links": links}


def committed_counts(bundle: dict[str, list[dict[str, Any]]], batch_size: int, batches: int
                     ) -> dict[str, int]:
    """What the first ``batches`` batches of :func:`families_bundle`'s bundle leave in the
    graph: persons, unions with their two partner links, child links."""
    sizes = {kind: len(bundle[kind]) for kind in ("persons", "unions", "child_links")}
    written = dict.fromkeys(sizes, 0)
    left = batches
    for kind, size in sizes.items():
        take = min(left, -(-size // batch_size))
        written[kind] = min(size, take * batch_size)
        left -= take
    expected = {"node:Person": written["persons"], "node:Union": written["unions"],
                "relationship:PARTNER_IN": 2 * written["unions"],
                "relationship:CHILD_OF": written["child_links"]}
    return {k: v for k, v in expected.items() if v}


def family_counts(graph: Graph) -> dict[str, int]:
    """The counts of :func:`committed_counts`' labels and types, read from the graph."""
    keep = {"node:Person", "node:Union", "relationship:PARTNER_IN", "relationship:CHILD_OF"}
    return {k: v for k, v in graph_counts(graph).items() if k in keep}


def record_figures(name: str, figures: dict[str, Any]) -> None:
    """Add ``figures`` under ``name`` to the JSON file named by $GENOGRAM_FAULT_FIGURES, with
    the load average and this machine's speed (``bench/calibrate.py``), if it is set."""
    target = os.environ.get(FIGURES_ENV)
    if not target:
        return
    from bench import calibrate

    path = Path(target)
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = {**figures, "load_average": os.getloadavg(),
                  "python_loop_ms": calibrate.loop_ms(), "cpus": os.cpu_count()}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")
