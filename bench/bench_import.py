"""Import throughput: the service's bulk import path (validation included) against a raw-driver
baseline doing the same writes, in the same run, on the same data.

    .venv/bin/python -m bench.bench_import --families 100000 --compare-families 10000

1. raw baseline: the first ``--compare-families`` families written with plain
   ``UNWIND $rows ... MERGE`` statements (one per label, reference type and relationship type,
   on the same uniqueness constraints), no validation, into an empty database;
2. the database is emptied and the same families are imported through
   ``RecordService.import_bundle`` (whole-bundle validation, BSN encryption, the service's
   ``cypher/write/upsert_*`` statements, the in-transaction ancestry check): the ratio;
3. the service path goes on with the remaining families up to ``--families``, which leaves the
   full dataset in the database for ``bench_queries.py``.

Generating the synthetic data is not timed. Elements are nodes plus relationships created.
Both paths write the same rows (``services.rows.to_row``: properties without the reference
fields, the BSN encrypted and hashed); building them is timed for both.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, LiteralString, cast

from neo4j import Driver, GraphDatabase

from bench import benchdb, calibrate
from genogram_service.container import Services
from genogram_service.records import KIND_BY_NAME, KINDS, Bundle, Kind
from genogram_service.records.bsn import BsnVault
from genogram_service.records.rows import to_row


@dataclass
class Run:
    label: str
    families: int = 0
    records: int = 0
    elements: int = 0
    seconds: float = 0.0
    build_seconds: float = 0.0  # raw only: building the rows
    per_kind: dict[str, float] = field(default_factory=dict)

    @property
    def elements_per_s(self) -> float:
        return self.elements / self.seconds if self.seconds else 0.0

    @property
    def records_per_s(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        load = os.getloadavg()[0]
        return (f"{self.label}: {self.families} families, {self.records} records, "
                f"{self.elements} elements in {self.seconds:.1f} s -> "
                f"{self.elements_per_s:,.0f} elements/s, {self.records_per_s:,.0f} records/s "
                f"(load average {load:.1f})")


# ----------------------------------------------------------------------------- raw baseline


def _q(text: str) -> LiteralString:
    return cast(LiteralString, text)


class RawWriter:
    """Plain UNWIND ... MERGE statements built from the allow-list in models.spec."""

    def __init__(self, driver: Driver, vault: BsnVault, batch_size: int) -> None:
        self.driver = driver
        self.vault = vault
        self.batch_size = batch_size

    @staticmethod
    def statements(kind: Kind) -> list[tuple[str, str]]:
        """(name, Cypher) for one kind: the node or relationship, then each reference type."""
        if kind.is_relationship:
            a, b = (KIND_BY_NAME[r.target].label for r in kind.refs)
            return [(kind.name, f"UNWIND $rows AS row MATCH (a:{a} {{id: row.a}}) "
                                f"MATCH (b:{b} {{id: row.b}}) "
                                f"MERGE (a)-[r:{kind.label} {{id: row.id}}]->(b) "
                                "SET r = row.props")]
        out = [(kind.name, f"UNWIND $rows AS row MERGE (n:{kind.label} {{id: row.id}}) "
                           "SET n = row.props")]
        for ref in kind.refs:
            rel, target = ref.rel, KIND_BY_NAME[ref.target].label
            arrow = f"(n)-[:{rel}]->(x)" if ref.direction == "out" else f"(x)-[:{rel}]->(n)"
            out.append((f"{kind.name}.{ref.field}",
                        f"UNWIND $rows AS row MATCH (n:{kind.label} {{id: row.a}}) "
                        f"MATCH (x:{target} {{id: row.b}}) MERGE {arrow}"))
        return out

    def rows(self, kind: Kind, records: list[Any]) -> dict[str, list[dict[str, Any]]]:
        """Rows per statement name (the same properties as the service writes)."""
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for rec in records:
            row = to_row(kind, rec, self.vault)
            if kind.is_relationship:
                a, b = (row[r.field] for r in kind.refs)
                out[kind.name].append({"id": row["id"], "props": row["props"], "a": a, "b": b})
                continue
            out[kind.name].append({"id": row["id"], "props": row["props"]})
            for ref in kind.refs:
                for target in row[ref.field]:
                    out[f"{kind.name}.{ref.field}"].append({"a": row["id"], "b": target})
        return out

    def write(self, bundle: Bundle, run: Run) -> None:
        for kind in KINDS:
            records = getattr(bundle, kind.plural)
            if not records:
                continue
            t0 = time.perf_counter()
            rows = self.rows(kind, records)
            run.build_seconds += time.perf_counter() - t0
            for name, text in self.statements(kind):
                batch_rows = rows.get(name, [])
                for i in range(0, len(batch_rows), self.batch_size):
                    chunk = batch_rows[i:i + self.batch_size]
                    t = time.perf_counter()
                    _, summary, _ = self.driver.execute_query(_q(text), rows=chunk,
                                                              database_="neo4j")
                    run.per_kind[kind.name] = (run.per_kind.get(kind.name, 0.0)
                                               + time.perf_counter() - t)
                    c = summary.counters
                    run.elements += c.nodes_created + c.relationships_created
            run.records += len(records)


# ----------------------------------------------------------------------------- the runs


def raw_run(services: Services, args: argparse.Namespace) -> Run:
    run = Run("raw driver (UNWIND ... MERGE, no validation)")
    driver = GraphDatabase.driver(f"bolt://127.0.0.1:{args.port}")
    writer = RawWriter(driver, services.records.vault, args.batch_size)
    try:
        for n, bundle in benchdb.chunks(args.families, args.seed, args.chunk_families,
                                        stop_family=args.compare_families):
            t = time.perf_counter()
            writer.write(bundle, run)
            run.seconds += time.perf_counter() - t
            run.families += n
            print("  " + run.line(), flush=True)
    finally:
        driver.close()
    return run


def service_run(services: Services, label: str, args: argparse.Namespace, start_family: int,
                stop_family: int) -> Run:
    run = Run(label)
    for n, bundle in benchdb.chunks(args.families, args.seed, args.chunk_families, start_family,
                                    stop_family):
        t = time.perf_counter()
        report = services.records.import_bundle(bundle)
        run.seconds += time.perf_counter() - t
        run.families += n
        run.records += bundle.size()
        run.elements += report.created_nodes + report.created_relationships
        print("  " + run.line(), flush=True)
    return run


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--families", type=int, default=100_000, help="families in the end")
    p.add_argument("--compare-families", type=int, default=10_000,
                   help="families written by both paths for the ratio")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--chunk-families", type=int, default=2000)
    p.add_argument("--batch-size", type=int, default=None,
                   help="rows per statement (default: GENOGRAM_IMPORT_BATCH_SIZE)")
    p.add_argument("--port", type=int, default=benchdb.PORT)
    p.add_argument("--data", type=Path, default=benchdb.DATA_DIR,
                   help="the database directory (another one with another --port keeps the "
                        "100k-family dataset of bench_queries.py: this benchmark empties it)")
    p.add_argument("--skip-rest", action="store_true",
                   help="stop after the comparison (do not load the full dataset)")
    p.add_argument("--json", help="write the results here as JSON")
    args = p.parse_args()

    db = benchdb.start_db(data_dir=args.data, port=args.port)
    st = benchdb.settings(args.port)
    if args.batch_size is None:
        args.batch_size = st.import_batch_size
    services = benchdb.open_services(st)
    graph = services.graph
    compare = min(args.compare_families, args.families)
    args.compare_families = compare
    print(f"batch size {args.batch_size}, chunks of {args.chunk_families} families", flush=True)

    print("emptying the database", flush=True)
    graph.run_autocommit("write/clear_database")
    raw = raw_run(services, args)
    print(raw.line(), flush=True)

    graph.run_autocommit("write/clear_database")
    svc = service_run(services, "service import path (validation included)", args, 0, compare)
    print(svc.line(), flush=True)
    ratio = svc.elements_per_s / raw.elements_per_s if raw.elements_per_s else float("nan")
    raw_writes = raw.elements / (raw.seconds - raw.build_seconds)
    print(f"ratio service/raw: {ratio:.2f} (raw without building rows: {raw_writes:,.0f} "
          f"elements/s, ratio {svc.elements_per_s / raw_writes:.2f})", flush=True)

    rest: Run | None = None
    if not args.skip_rest and args.families > compare:
        rest = service_run(services, f"service import path, families {compare}..{args.families}",
                           args, compare, args.families)
        print(rest.line(), flush=True)
    overall = None
    if rest is not None:
        seconds = svc.seconds + rest.seconds
        overall = {"families": args.families, "elements": svc.elements + rest.elements,
                   "records": svc.records + rest.records, "seconds": seconds,
                   "elements_per_s": (svc.elements + rest.elements) / seconds,
                   "records_per_s": (svc.records + rest.records) / seconds}
        print(f"service import path, all {args.families} families: "
              f"{overall['elements_per_s']:,.0f} elements/s", flush=True)
    result = {
        "load_average_at_end": os.getloadavg(),
        "python_loop_ms": calibrate.loop_ms(),
        "families": args.families, "compare_families": compare, "seed": args.seed,
        "batch_size": args.batch_size, "chunk_families": args.chunk_families,
        "raw": {**asdict(raw), "elements_per_s": raw.elements_per_s,
                "elements_per_s_writes_only": raw_writes},
        "service": {**asdict(svc), "elements_per_s": svc.elements_per_s},
        "ratio": ratio,
        "ratio_vs_writes_only": svc.elements_per_s / raw_writes,
        "rest": None if rest is None else {**asdict(rest), "elements_per_s": rest.elements_per_s},
        "service_overall": overall,
        "graph": {f"{r['kind']}:{r['name']}": r["count"] for r in graph.read("read/count_graph")},
    }
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(result, fh, indent=2, default=str)
    print(json.dumps({k: v for k, v in result.items() if k != "graph"}, indent=2, default=str))
    services.close()
    if args.data != benchdb.DATA_DIR:
        db.stop()  # a throwaway database: do not leave its heap behind


if __name__ == "__main__":
    main()
