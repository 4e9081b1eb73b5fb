"""Bulk import: idempotent, all-or-nothing, resumable when it is too large for one transaction."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from genogram_service.db import Graph
from genogram_service.errors import ImportFailed
from genogram_service.records import KIND_BY_PLURAL, Bundle
from genogram_service.records.service import RecordService
from genogram_service.settings import Settings
from tests.support.helpers import graph_counts, import_ok, problem
from tests.support.samples import family


def test_import_twice_same_counts(client: TestClient, graph: Graph) -> None:
    first = import_ok(client, family())
    counts = graph_counts(graph)
    second = import_ok(client, family())
    assert graph_counts(graph) == counts
    assert first["created_nodes"] == sum(v for k, v in counts.items() if k.startswith("node:"))
    assert second["created_nodes"] == 0 and second["created_relationships"] == 0
    assert second["deleted_relationships"] == 0


def test_reimport_after_edit_updates_in_place(client: TestClient, graph: Graph) -> None:
    import_ok(client, family())
    counts = graph_counts(graph)
    edited = family()
    edited["persons"][3]["given_names"] = "Noor Fatima"
    edited["unions"][0]["end_reason"] = "separated"
    import_ok(client, edited)
    assert graph_counts(graph) == counts
    assert client.get("/persons/p-kind").json()["given_names"] == "Noor Fatima"
    assert client.get("/unions/u-ouders").json()["end_reason"] == "separated"


def test_one_bad_record_writes_nothing(client: TestClient, graph: Graph) -> None:
    bundle = family()
    bundle["contacts"][0]["date"] = "1999-01-01"  # before the child's birth
    problem(client.post("/import", json=bundle), 422)
    assert graph_counts(graph) == {}


def test_failure_inside_the_transaction_rolls_back(client: TestClient, graph: Graph) -> None:
    import_ok(client, family())
    before = graph_counts(graph)
    # valid on its own, but closes a cycle with what is stored: detected in the transaction
    bundle = {
        "persons": [{"id": "p-extra", "given_names": "Extra", "sex": "male"}],
        "unions": [{"id": "u-cycle", "kind": "other", "partner_ids": ["p-kind"]}],
        "child_links": [{"id": "cl-cycle", "child_id": "p-moeder", "union_id": "u-cycle"}],
    }
    problem(client.post("/import", json=bundle), 422)
    assert graph_counts(graph) == before
    problem(client.get("/persons/p-extra"), 404)


def test_ndjson_bundle(client: TestClient, graph: Graph) -> None:
    bundle = family()
    lines = [json.dumps({"record": KIND_BY_PLURAL[k].name, **rec})
             for k, recs in bundle.items() for rec in recs]
    r = client.post("/import", content="\n".join(lines).encode(),
                    headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200, r.text
    assert r.json()["bundle_records"] == sum(len(v) for v in bundle.values())
    counts = graph_counts(graph)
    import_ok(client, bundle)
    assert graph_counts(graph) == counts


def _many_persons(n: int) -> dict[str, Any]:
    return {"persons": [{"id": f"p-{i:04d}", "given_names": f"P{i}", "sex": "unknown"}
                        for i in range(n)]}


def test_large_bundle_commits_in_batches_and_resumes(graph: Graph, records: RecordService,
                                                     settings: Settings) -> None:
    records.settings = settings.model_copy(update={"import_batch_size": 100,
                                                   "import_single_tx_limit": 250})
    records.import_bundle(Bundle.model_validate(family()))
    data = _many_persons(300)
    # a cycle only the database can see, in the last batch (child links are written last)
    data["unions"] = [{"id": "u-cycle", "kind": "other", "partner_ids": ["p-kind"]}]
    data["child_links"] = [{"id": "cl-cycle", "child_id": "p-moeder", "union_id": "u-cycle"}]
    bundle = Bundle.model_validate(data)
    with pytest.raises(ImportFailed) as info:
        records.import_bundle(bundle)
    extra = info.value.extra
    assert extra["total_batches"] > 3 and extra["committed_batches"] == extra["resume_from"]
    assert extra["cause"]["status"] == 422
    assert extra["committed_batches"] == 4  # 3 person batches and the union batch
    assert graph_counts(graph)["node:Person"] == 305  # the committed person batches are there

    # fix the input and resume from the failed batch: no duplicates, everything there
    data["child_links"].pop()
    report = records.import_bundle(Bundle.model_validate(data), resume_from=extra["resume_from"])
    assert report.committed_batches == report.batches
    counts = graph_counts(graph)
    assert counts["node:Person"] == 305
    assert counts["relationship:CHILD_OF"] == 3 and counts["node:Union"] == 3
    records.import_bundle(Bundle.model_validate(data))
    assert graph_counts(graph) == counts
