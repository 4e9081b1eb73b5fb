"""Small helpers shared by the tests."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from genogram_service.db import Graph

#: not family data: the access log and the accounts (they grow with every request)
SYSTEM_LABELS = {"node:AccessEvent", "node:AuditHead", "node:AuditCheckpoint", "node:User",
                 "node:ApiKey", "relationship:KEY_OF"}


def graph_counts(graph: Graph) -> dict[str, int]:
    """Nodes per label and relationships per type of the family data."""
    return {f"{r['kind']}:{r['name']}": r["count"] for r in graph.read("read/count_graph")
            if r["count"] and f"{r['kind']}:{r['name']}" not in SYSTEM_LABELS}


def import_ok(client: TestClient, bundle: dict[str, Any]) -> dict[str, Any]:
    r = client.post("/import", json=bundle)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    assert body["status"] == status and body["type"] and body["title"]
    return body


def fields(body: dict[str, Any]) -> list[str]:
    return [e["field"] for e in body.get("errors", [])]
