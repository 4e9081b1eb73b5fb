"""The access log's writer: entries per second through the group commit, and the time
``verify`` takes for the chain written.

    .venv/bin/python -m bench.bench_audit --port 7735 --data var/neo4j-test-auditkey

Starts (or reuses) a local Neo4j on ``--port`` with its data in ``--data`` and EMPTIES it.
Two loads, each ``--rounds`` times, alternating nothing (one process, one driver):

1. ``waiting``: ``--threads`` threads each append one entry and wait for its commit, again and
   again for ``--seconds`` (requests outside the API's deferred scope, the slow case);
2. ``burst``: ``--burst`` entries submitted at once, timed until the last is committed (the
   group commit's best case: full batches).

Then ``verify`` over the whole chain. Prints one JSON line per measurement.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from pathlib import Path

from genogram_service.container import build_services
from genogram_service.db import Graph
from genogram_service.db.local import LocalDb
from genogram_service.records.bsn import generate_secrets
from genogram_service.security.access import Action, Actor, Role
from genogram_service.settings import Settings

ACTOR = Actor(user_id="u-bench", username="bench", role=Role.admin)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--threads", type=int, default=16)
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--burst", type=int, default=20_000)
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args()
    db = LocalDb(args.data, args.port, "1g")
    started = db.start(timeout_s=300)
    # every secret generate_secrets knows, by its setting's name (the same script runs before
    # and after a secret is added)
    keys = {k.removeprefix("GENOGRAM_").lower(): v for k, v in generate_secrets().items()}
    # the database is emptied: so is the checkpoint file (an older version ignores the setting)
    checkpoints = args.data.parent / f"{args.data.name}-bench-audit-checkpoints.jsonl"
    checkpoints.unlink(missing_ok=True)
    settings = Settings(neo4j_uri=db.uri, local_db_dir=args.data, local_db_port=args.port,
                        audit_checkpoint_file=checkpoints, **keys)  # type: ignore[arg-type]
    graph = Graph.from_settings(settings)
    graph.migrate()
    graph.run_autocommit("write/clear_database")
    services = build_services(settings, graph)
    audit = services.audit
    try:
        for r in range(args.rounds):
            stop = time.monotonic() + args.seconds
            counts = [0] * args.threads

            def worker(i: int, stop: float = stop, counts: list[int] = counts) -> None:
                while time.monotonic() < stop:
                    audit.record(ACTOR, Action.read, subjects=["p-1"], resource="person",
                                 outcome="allowed", purpose="bench")
                    counts[i] += 1

            threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.threads)]
            t0 = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - t0
            print(json.dumps({"round": r, "load": "waiting", "threads": args.threads,
                              "entries": sum(counts),
                              "per_s": round(sum(counts) / elapsed)}), flush=True)

            t0 = time.monotonic()
            futures = [audit.submit(ACTOR, Action.read, subjects=["p-1"], resource="person",
                                    outcome="allowed", purpose="bench")
                       for _ in range(args.burst)]
            for f in futures:
                f.result()
            elapsed = time.monotonic() - t0
            print(json.dumps({"round": r, "load": "burst", "entries": args.burst,
                              "per_s": round(args.burst / elapsed)}), flush=True)
        t0 = time.monotonic()
        verdict = audit.verify()
        elapsed = time.monotonic() - t0
        print(json.dumps({"load": "verify", "ok": verdict.ok, "entries": verdict.entries,
                          "seconds": round(elapsed, 2),
                          "per_s": round(verdict.entries / elapsed)}), flush=True)
    finally:
        services.close()
        if started:
            db.stop()


if __name__ == "__main__":
    main()
