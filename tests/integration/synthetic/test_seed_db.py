"""The generated data goes through the real validation and import into the real Neo4j, and the
same seed gives the same graph."""

from __future__ import annotations

from typing import Any

from genogram_service.db import Graph
from genogram_service.records.service import RecordService
from genogram_service.synthetic import generate, generate_chunks
from tests.support.helpers import graph_counts


def _fingerprint(graph: Graph) -> dict[str, Any]:
    counts = graph_counts(graph)
    persons = graph.read("read/find_persons", name=None, birth_date=None, bsn_hash=None,
                         after=None, limit=10_000)
    return {"counts": counts,
            "persons": sorted((p["props"]["id"], p["props"].get("surname"),
                               str(p["props"].get("birth_date"))) for p in persons)}


def test_generated_families_import_and_are_deterministic(graph: Graph,
                                                         records: RecordService) -> None:
    bundle = generate(families=40, seed=11)
    report = records.import_bundle(bundle)
    assert report.bundle_records == bundle.size()
    first = _fingerprint(graph)
    assert first["counts"]["node:Person"] == len(bundle.persons)
    assert first["counts"]["node:Contact"] == len(bundle.contacts)

    # importing the same seed again changes nothing
    again = records.import_bundle(generate(families=40, seed=11))
    assert again.created_nodes == 0 and again.created_relationships == 0
    assert _fingerprint(graph) == first

    # from scratch, in chunks: the same graph
    graph.run_autocommit("write/clear_database")
    for chunk in generate_chunks(families=40, seed=11, chunk_families=15):
        records.import_bundle(chunk)
    assert _fingerprint(graph) == first

    # another seed: another graph
    graph.run_autocommit("write/clear_database")
    records.import_bundle(generate(families=40, seed=12))
    assert _fingerprint(graph) != first
