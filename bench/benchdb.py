"""The benchmark database: a local Neo4j 5.26 on port 7722 with its data in ``var/neo4j-bench``
(heap 4g), seeded with ``generate_chunks`` through the service's import path.

Shared by ``bench_import.py`` and ``bench_queries.py``; not part of the test suite.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from genogram_service.container import Services, build_services
from genogram_service.db import Graph
from genogram_service.db.local import LocalDb
from genogram_service.records import Bundle
from genogram_service.records.bsn import generate_secrets
from genogram_service.settings import PROJECT_ROOT, Settings
from genogram_service.synthetic.seed import generate_chunks

PORT = 7722
DATA_DIR = PROJECT_ROOT / "var" / "neo4j-bench"
HEAP = "4g"
SECRETS_FILE = DATA_DIR / "bench-secrets.env"


def secrets() -> dict[str, str]:
    """Keys for the bench database, kept beside it so a re-run can read its BSNs."""
    values = generate_secrets()
    if SECRETS_FILE.exists():
        pairs = (line.partition("=") for line in SECRETS_FILE.read_text().splitlines())
        stored = {k: v for k, _, v in pairs if k}
        if set(values) <= set(stored):
            return stored
        values |= stored  # keys added since the file was written (the access log's)
    SECRETS_FILE.parent.mkdir(parents=True, exist_ok=True)
    SECRETS_FILE.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    SECRETS_FILE.chmod(0o600)
    return values


def settings(port: int = PORT, **overrides: object) -> Settings:
    s = secrets()
    return Settings(
        neo4j_uri=f"bolt://127.0.0.1:{port}",
        bsn_encryption_key=s["GENOGRAM_BSN_ENCRYPTION_KEY"],
        bsn_hash_key=s["GENOGRAM_BSN_HASH_KEY"],
        jwt_secret=s["GENOGRAM_JWT_SECRET"],
        pseudonym_key=s["GENOGRAM_PSEUDONYM_KEY"],
        audit_key=s["GENOGRAM_AUDIT_KEY"],
        audit_signing_key=s["GENOGRAM_AUDIT_SIGNING_KEY"],
        local_db_dir=DATA_DIR,
        local_db_port=port,
        local_db_heap=HEAP,
        **overrides,  # type: ignore[arg-type]
    )


def start_db(data_dir: Path = DATA_DIR, port: int = PORT, heap: str = HEAP) -> LocalDb:
    db = LocalDb(data_dir, port, heap)
    started = db.start(timeout_s=600)
    print(f"neo4j {'started' if started else 'already running'} on {db.uri} "
          f"(data in {data_dir}, heap {heap})", flush=True)
    return db


def open_services(st: Settings) -> Services:
    graph = Graph.from_settings(st)
    graph.ping()
    graph.migrate()
    return build_services(st, graph)


def person_count(graph: Graph) -> int:
    rows = graph.read("read/count_graph")
    return next((r["count"] for r in rows if r["kind"] == "node" and r["name"] == "Person"), 0)


def is_seeded(graph: Graph, families: int, seed: int = 1) -> bool:
    """True when the last family of a ``families``-family run is in the database."""
    last = f"p-s{seed}-{families - 1:06d}-00"
    return bool(graph.read("read/person_lives", ids=[last]))


def chunks(families: int, seed: int, chunk_families: int, start_family: int = 0,
           stop_family: int | None = None) -> Iterator[tuple[int, Bundle]]:
    """(families in the chunk, bundle) of the ``families``-family run, for the families from
    ``start_family`` up to ``stop_family``. The world (organisations, professionals) is sized
    for the whole run and comes with the first chunk; skipped chunks are generated and dropped
    (the generator is deterministic, not random-access)."""
    stop = families if stop_family is None else min(stop_family, families)
    done = 0
    for bundle in generate_chunks(families=families, seed=seed, chunk_families=chunk_families):
        n = min(chunk_families, families - done)
        first = done
        done += n
        if first >= stop:
            return
        if first >= start_family:
            yield n, bundle


@dataclass
class Stats:
    """Latency percentiles of one series of timings, in milliseconds."""

    n: int
    p50: float
    p95: float
    p99: float
    mean: float

    @classmethod
    def of(cls, seconds: list[float]) -> Stats:
        ms = sorted(s * 1000 for s in seconds)
        return cls(len(ms), pct(ms, 50), pct(ms, 95), pct(ms, 99), statistics.fmean(ms))


def pct(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, -(-len(sorted_values) * p // 100) - 1))
    return sorted_values[int(k)]


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t
