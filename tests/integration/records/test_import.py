"""Bulk import: idempotent, all-or-nothing, resumable when it is too large for one transaction."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from genogram_service.container import Services
from genogram_service.db import Graph
from genogram_service.errors import ImportFailed, ValidationProblem
from genogram_service.records import (
    KIND_BY_PLURAL,
    Bundle,
    ChildLink,
    ImportReport,
    Person,
    Union,
)
from genogram_service.records.bsn import BsnVault
from genogram_service.records.service import RecordService
from genogram_service.settings import Settings
from genogram_service.synthetic import generate
from tests.support.helpers import fields, graph_counts, import_ok, problem
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


def test_cycle_through_stored_records_is_refused_before_writing(client: TestClient,
                                                               graph: Graph) -> None:
    import_ok(client, family())
    before = graph_counts(graph)
    # valid on its own, but closes a cycle with what is stored: p-kind would become a parent
    # of her own mother
    bundle = {
        "persons": [{"id": "p-extra", "given_names": "Extra", "sex": "male"}],
        "unions": [{"id": "u-cycle", "kind": "other", "partner_ids": ["p-kind"]}],
        "child_links": [{"id": "cl-cycle", "child_id": "p-moeder", "union_id": "u-cycle"}],
    }
    err = problem(client.post("/import", json=bundle), 422)
    assert fields(err) == ["child_links[0].child_id"]
    reason = err["errors"][0]["reason"]
    assert "own ancestor (p-kind → p-moeder → p-kind" in reason and "1 of these links stored" \
        in reason
    assert graph_counts(graph) == before
    problem(client.get("/persons/p-extra"), 404)


def test_a_union_that_changes_partners_is_checked_with_its_stored_children(
        client: TestClient, graph: Graph) -> None:
    import_ok(client, family())
    before = graph_counts(graph)
    # u-oma (stored mother of p-moeder) gets p-kind as its partner: p-kind a parent of her
    # mother through the stored child link cl-3; the union is the record to blame
    r = client.post("/import", json={
        "unions": [{"id": "u-oma", "kind": "other", "partner_ids": ["p-kind"]}]})
    assert fields(problem(r, 422)) == ["unions[0].partner_ids[0]"]
    assert graph_counts(graph) == before
    assert client.get("/unions/u-oma").json()["partner_ids"] == ["p-oma"]


def test_a_moved_child_link_is_checked_where_it_goes_not_where_it_was(
        client: TestClient, graph: Graph) -> None:
    import_ok(client, family())
    # cl-1 (p-kind, child of u-ouders) moves to a union of p-oma; then p-kind may become a
    # parent of p-moeder: a cycle with the stored link, none with the bundle's version of it
    bundle = {
        "unions": [{"id": "u-kind", "kind": "other", "partner_ids": ["p-kind"]}],
        "child_links": [
            {"id": "cl-1", "child_id": "p-kind", "union_id": "u-oma", "kind": "birth"},
            {"id": "cl-new", "child_id": "p-moeder", "union_id": "u-kind", "kind": "foster"},
        ],
    }
    report = import_ok(client, bundle)
    assert report["updated"] == {"child_links": 1}
    assert report["created"] == {"unions": 1, "child_links": 1}
    # and the same moved back closes the cycle again: refused
    bundle["child_links"][0]["union_id"] = "u-ouders"
    err = problem(client.post("/import", json=bundle), 422)
    assert set(fields(err)) == {"child_links[0].child_id", "child_links[1].child_id"}


def test_dry_run_reports_created_and_updated_and_writes_nothing(
        client: TestClient, graph: Graph, services: Services) -> None:
    bundle = family()
    sizes = {k: len(v) for k, v in bundle.items()}
    r = client.post("/import", params={"dry_run": "true"}, json=bundle)
    assert r.status_code == 200, r.text
    dry = r.json()
    assert dry["dry_run"] is True and dry["written"] == {} and dry["committed_batches"] == 0
    assert dry["created"] == sizes and dry["updated"] == {} and dry["batches"] == len(sizes)
    assert dry["created_nodes"] == 0 and dry["transactions"] == 0
    assert graph_counts(graph) == {}

    first = import_ok(client, bundle)
    assert first["dry_run"] is False
    assert first["created"] == sizes and first["updated"] == {} and first["written"] == sizes
    counts = graph_counts(graph)

    bundle["persons"].append({"id": "p-nieuw", "given_names": "Nieuw", "sex": "male"})
    bundle["persons"][0]["given_names"] = "Truus"
    dry = client.post("/import?dry_run=true", json=bundle).json()
    assert dry["created"] == {"persons": 1} and dry["updated"] == sizes
    assert graph_counts(graph) == counts
    assert client.get("/persons/p-oma").json()["given_names"] == "Geertruida"
    problem(client.get("/persons/p-nieuw"), 404)

    # NDJSON too; and a bundle the database refuses is refused by the dry run alike
    lines = [json.dumps({"record": KIND_BY_PLURAL[k].name, **rec})
             for k, recs in bundle.items() for rec in recs]
    r = client.post("/import", params={"dry_run": True}, content="\n".join(lines).encode(),
                    headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200 and r.json()["created"] == {"persons": 1}, r.text
    cycle = {"child_links": [{"id": "cl-x", "child_id": "p-oma", "union_id": "u-ouders"}]}
    err = problem(client.post("/import", params={"dry_run": True}, json=cycle), 422)
    assert fields(err) == ["child_links[0].child_id"]
    assert graph_counts(graph) == counts

    # the access log tells a dry run from an import that writes
    events = list(services.audit.events(start=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
                                        end=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)))
    imports = [(e.action, (e.resource or "").split(" (")[0]) for e in events
               if "bundle (" in (e.resource or "")]
    assert imports == [("create", "dry run of bundle"), ("create", "bundle"),
                       ("create", "dry run of bundle"), ("create", "dry run of bundle"),
                       ("create", "dry run of bundle")]


def test_openapi_describes_dry_run_and_the_report(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    params = {p["name"]: p for p in doc["paths"]["/import"]["post"]["parameters"]}
    assert params["dry_run"]["in"] == "query" and params["dry_run"]["schema"]["type"] == "boolean"
    assert "without writing" in params["dry_run"]["description"]
    report = doc["components"]["schemas"]["ImportReport"]["properties"]
    assert {"created", "updated", "dry_run", "check_seconds"} <= set(report)
    assert "replaced" in report["updated"]["description"]
    gedcom = {p["name"] for p in doc["paths"]["/import/gedcom"]["post"]["parameters"]}
    assert "dry_run" in gedcom


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


def _batched(records: RecordService, settings: Settings) -> None:
    """Batches of 100 and one transaction only up to 250 records."""
    records.settings = settings.model_copy(update={"import_batch_size": 100,
                                                   "import_single_tx_limit": 250})


def _persons(graph: Graph) -> list[dict[str, Any]]:
    rows = graph.read("read/find_persons", name=None, birth_date=None, bsn_hash=None,
                      after=None, limit=100_000)
    return sorted((r["props"] for r in rows), key=lambda p: str(p["id"]))


def test_batched_import_that_closes_a_cycle_through_stored_records_writes_nothing(
        graph: Graph, records: RecordService, settings: Settings, vault: BsnVault) -> None:
    """The issue's case, smaller: a second dataset, large enough to commit batch by batch,
    that makes persons their own ancestors through stored records. It used to fail at the
    child-link batch, after the person batches had committed and overwritten stored persons
    (one BSN changed); now the check before the first write refuses it."""
    _batched(records, settings)
    stored = generate(families=20, seed=1)
    records.import_bundle(stored)
    before, persons_before = graph_counts(graph), _persons(graph)
    partners = {u.id: u.partner_ids for u in stored.unions}
    links = stored.child_links[:3]
    # each stored child becomes a parent of one of their own stored parents
    unions = [Union(id=f"u-cycle-{n}", kind="other", partner_ids=[link.child_id])
              for n, link in enumerate(links)]
    cycles = [ChildLink(id=f"cl-cycle-{n}", child_id=partners[link.union_id][0],
                        union_id=f"u-cycle-{n}") for n, link in enumerate(links)]
    # and a stored person, with a new BSN, in the first batch
    changed = next(p for p in stored.persons if p.bsn is not None)
    assert "111222333" not in {p.bsn for p in stored.persons}
    persons = [changed.model_copy(update={"bsn": "111222333", "given_names": "Overwritten"}),
               *(Person(id=f"p-new-{i:04d}", given_names=f"P{i}", sex="unknown")
                 for i in range(300))]
    bundle = Bundle.of({"persons": persons, "unions": unions, "child_links": cycles})
    assert bundle.size() > 250  # batch-committed

    with pytest.raises(ValidationProblem) as info:
        records.import_bundle(bundle)
    errors = info.value.errors
    assert [e.field for e in errors] == [f"child_links[{n}].child_id" for n in range(3)]
    assert all("own ancestor" in e.reason and "stored" in e.reason for e in errors)
    assert all(f"{cl.child_id} → " in e.reason for cl, e in zip(cycles, errors, strict=True))
    assert graph_counts(graph) == before
    assert _persons(graph) == persons_before
    assert vault.digest(changed.bsn) == graph.read("read/get_person", ids=[changed.id])[0][
        "props"]["bsn_hash"]
    # the dry run says the same without writing either
    with pytest.raises(ValidationProblem):
        records.import_bundle(bundle, dry_run=True)
    assert graph_counts(graph) == before


def test_large_bundle_commits_in_batches_and_resumes(graph: Graph, records: RecordService,
                                                     settings: Settings) -> None:
    """Checked before writing, a batch can still fail: here another writer closes a cycle
    after the check (the ancestry check inside each transaction catches it). The committed
    batches stay; resuming from the failed batch finishes the import."""
    _batched(records, settings)
    records.import_bundle(Bundle.model_validate(family()))
    data = _many_persons(300)
    data["unions"] = [{"id": "u-new", "kind": "other", "partner_ids": ["p-0001"]}]
    data["child_links"] = [{"id": "cl-new", "child_id": "p-0002", "union_id": "u-new"}]
    bundle = Bundle.model_validate(data)
    planned: list[ImportReport] = []
    meddled = False

    def other_writer(n: int) -> None:
        # after the first batch (p-0000 .. p-0099): p-0002 becomes a parent of p-0001
        nonlocal meddled
        if not meddled:
            meddled = True
            records.import_bundle(Bundle.model_validate({
                "unions": [{"id": "u-other", "kind": "other", "partner_ids": ["p-0002"]}],
                "child_links": [{"id": "cl-other", "child_id": "p-0001",
                                 "union_id": "u-other"}]}))

    with pytest.raises(ImportFailed) as info:
        records.import_bundle(bundle, progress=other_writer, checked=planned.append)
    assert planned[0].created == {"persons": 300, "unions": 1, "child_links": 1}
    extra = info.value.extra
    assert extra["total_batches"] > 3 and extra["committed_batches"] == extra["resume_from"]
    assert extra["cause"]["status"] == 422
    assert extra["committed_batches"] == 4  # 3 person batches and the union batch
    assert extra["created"] == planned[0].created
    assert graph_counts(graph)["node:Person"] == 305  # the committed person batches are there

    # resuming with the same input is refused before writing (the check sees the cycle now)
    with pytest.raises(ValidationProblem):
        records.import_bundle(bundle, resume_from=extra["resume_from"])
    # fix the input and resume from the failed batch: no duplicates, everything there
    data["child_links"].pop()
    report = records.import_bundle(Bundle.model_validate(data), resume_from=extra["resume_from"])
    assert report.committed_batches == report.batches
    assert report.created == {} and report.updated == {}  # the child-link batch is empty now
    counts = graph_counts(graph)
    assert counts["node:Person"] == 305
    assert counts["relationship:CHILD_OF"] == 4 and counts["node:Union"] == 4
    again = records.import_bundle(Bundle.model_validate(data))
    assert graph_counts(graph) == counts
    assert again.created == {} and again.updated == {"persons": 300, "unions": 1}
