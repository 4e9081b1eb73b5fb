"""The check an import makes against the database before its first write, timed on large
bundles (issue 14: a 194,326-record bundle, committed batch by batch, used to fail after
its first batches had been written).

    .venv/bin/python -m bench.bench_import_check --stored 50 --families 3000

Starts a throwaway local Neo4j (port 7743, ``var/neo4j-bench-check``), imports ``--stored``
families of seed 1 (the demo data), then times, for ``--families`` families of seed 9 as one
bundle (about 65 records a family):

1. ``new``: the whole check (``validate_bundle``: references, lives, BSNs, ancestry through
   stored records) and the count of records already stored (``stored_ids``), with the
   ancestry part timed on its own;
2. ``stored``: the same after that bundle has been imported, so every id is stored and the
   ancestry walk reads every stored ancestor of the bundle's parents (the worst case);
3. ``cycle``: the stored bundle with three child links that close cycles through stored
   records (the issue's case): the check refuses it, nothing is written.

Generating the data is not timed. The database is emptied first.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from typing import Any

from bench import benchdb
from genogram_service.errors import ValidationProblem
from genogram_service.records import Bundle, ChildLink, Union
from genogram_service.records.ancestry import check_ancestry
from genogram_service.records.validation import stored_ids, validate_bundle
from genogram_service.settings import PROJECT_ROOT
from genogram_service.synthetic import generate

PORT = 7743
DATA_DIR = PROJECT_ROOT / "var" / "neo4j-bench-check"


def _timed(fn: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return round(time.perf_counter() - started, 3), result


def measure(services: Any, bundle: Bundle, label: str) -> dict[str, Any]:
    graph, vault = services.graph, services.records.vault
    out: dict[str, Any] = {"label": label, "records": bundle.size()}
    try:
        out["validate_s"], _ = _timed(lambda: validate_bundle(graph, bundle, vault))
        out["refused"] = None
    except ValidationProblem as exc:
        out["refused"] = [e.field for e in exc.errors]
    out["ancestry_s"], errors = _timed(lambda: check_ancestry(graph, bundle))
    out["ancestry_errors"] = len(errors)
    out["stored_ids_s"], stored = _timed(lambda: stored_ids(graph, bundle))
    out["stored"] = sum(len(v) for v in stored.values())
    out["load_1m"] = os.getloadavg()[0]
    print(json.dumps(out), flush=True)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--stored", type=int, default=50, help="families of seed 1 stored first")
    p.add_argument("--families", type=int, default=3000, help="families of seed 9 checked")
    p.add_argument("--json", help="write the results here as JSON")
    args = p.parse_args()

    db = benchdb.start_db(DATA_DIR, PORT, "2g")
    try:
        results = run(args)
    finally:
        db.stop()
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"stored_families": args.stored, "families": args.families,
                       "runs": results}, fh, indent=2)


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    services = benchdb.open_services(benchdb.settings(PORT))
    services.graph.run_autocommit("write/clear_database")
    services.records.import_bundle(generate(families=args.stored, seed=1))
    bundle = generate(families=args.families, seed=9)
    results = [measure(services, bundle, "new")]
    seconds, _ = _timed(lambda: services.records.import_bundle(bundle))
    print(json.dumps({"import_s": seconds}), flush=True)
    results.append(measure(services, bundle, "stored"))

    partners = {u.id: u.partner_ids for u in bundle.unions}
    links = bundle.child_links[:3]
    cyclic = Bundle.model_construct(**{
        k: list(getattr(bundle, k)) for k in Bundle.model_fields})
    cyclic.unions += [Union(id=f"u-cycle-{n}", kind="other", partner_ids=[link.child_id])
                      for n, link in enumerate(links)]
    cyclic.child_links += [ChildLink(id=f"cl-cycle-{n}", child_id=partners[link.union_id][0],
                                     union_id=f"u-cycle-{n}") for n, link in enumerate(links)]
    results.append(measure(services, cyclic, "cycle"))
    services.close()
    return results


if __name__ == "__main__":
    main()
