"""Latency of every catalogue query through the API and through the raw Neo4j driver, in the
same run, the query plans, and the throughput of the headline query over HTTP.

    .venv/bin/python -m bench.bench_queries --families 100000

The bench database (port 7722, ``var/neo4j-bench``, heap 4g) must hold the dataset of
``bench_import.py`` (``--load`` imports it through the service when it is missing). The API runs
in a uvicorn subprocess on 127.0.0.1 (``--workers``); requests are made as an administrator with
a bearer token, so every personal query also appends to the access log, as in production.
Latency runs use a plain keep-alive ``http.client`` connection; throughput runs use the lean
load generator of ``bench/loadgen.py`` in its own process (its CPU time is reported).

Raw driver: the same Cypher text with the same (validated, defaults resolved) parameters, in
an auto-commit transaction of a fresh read session (``session.run``, the driver's cheapest way,
half the client work of ``execute_query``) and ``record.data()``, from this process. Runs
alternate between the two, with different anchors (persons, cases, professionals) per
repetition from a seeded random sample, after a warm-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, LiteralString, cast

import httpx2 as httpx
from neo4j import READ_ACCESS, GraphDatabase, RoutingControl

from bench import benchdb, calibrate
from bench.loadgen import Lean
from genogram_service.db.statements import load
from genogram_service.errors import NotFound
from genogram_service.queries.catalogue import QueryDef, catalogue, validate_params
from genogram_service.security.access import Role
from genogram_service.synthetic.seed import DEFAULT_TODAY

TODAY = DEFAULT_TODAY
#: single-person (anchored) queries: the API/raw ratio target applies to these
ANCHORED = {"professionals_seen", "professionals_seen_count", "person_trace",
            "professional_trace", "child_measures", "regisseur_history"}
HEADLINE = "professionals_seen"


@dataclass
class Result:
    name: str
    engine: str
    reps: int
    api: benchdb.Stats | None = None
    raw: benchdb.Stats | None = None
    rows: float = 0.0
    plan: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ratio_p50(self) -> float | None:
        return self.api.p50 / self.raw.p50 if self.api and self.raw and self.raw.p50 else None

    @property
    def ratio_p95(self) -> float | None:
        return self.api.p95 / self.raw.p95 if self.api and self.raw and self.raw.p95 else None


# ----------------------------------------------------------------------------- parameters


class Anchors:
    """Random but repeatable anchors that exist in the dataset."""

    def __init__(self, driver: Any, families: int, seed: int = 7, data_seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.driver = driver
        self.families = families

        def ids(cypher: str) -> list[str]:
            records, _, _ = driver.execute_query(cast(LiteralString, cypher), database_="neo4j",
                                                 routing_=RoutingControl.READ)
            return [r["id"] for r in records]

        sample = sorted(self.rng.sample(range(families), min(families, 400)))
        self.mothers = [f"p-s{data_seed}-{k:06d}-00" for k in sample]
        self.cases = ids("MATCH (c:Case) WITH c LIMIT 100000 RETURN c.id AS id")
        self.children = ids("MATCH (m:Measure)-[:CONCERNS]->(p:Person) "
                            "WITH DISTINCT p LIMIT 20000 RETURN p.id AS id")
        self.professionals = ids("MATCH (p:Professional) RETURN p.id AS id")
        records, _, _ = driver.execute_query(
            "UNWIND $ids AS id MATCH (:Person {id: id})-[:MEMBER_OF]->(h:Household) "
            "RETURN DISTINCT h.id AS id", ids=self.mothers, database_="neo4j",
            routing_=RoutingControl.READ)
        self.households = sorted(r["id"] for r in records)  # the mothers' households
        self.municipalities = ids("MATCH (c:Case) RETURN DISTINCT c.municipality AS id")

    def pick(self, values: list[str]) -> str:
        return self.rng.choice(values)

    def params(self, name: str) -> dict[str, Any]:
        window = {"start": "2022-11-01", "end": "2026-10-31"}
        if name in ("professionals_seen", "professionals_seen_count"):
            return {"person_id": self.pick(self.mothers), **window}
        if name == "person_trace":
            return {"person_id": self.pick(self.mothers)}
        if name == "professional_trace":
            return {"professional_id": self.pick(self.professionals), **window}
        if name == "child_measures":
            return {"child_id": self.pick(self.children)}
        if name == "regisseur_history":
            return {"case_id": self.pick(self.cases)}
        if name == "family_involvements":
            return {"household_id": self.pick(self.households), "start": "2016-01-01",
                    "end": "2026-10-31"}
        if name == "coordination_load":
            return {"household_id": self.pick(self.households), "start": "2016-01-01",
                    "end": "2026-10-31"}
        if name == "responsibility_gaps":
            return {"municipality": self.pick(self.municipalities), "role": "regisseur"}
        if name.startswith("role_"):
            return {"role": "mother", **window}
        if name.startswith("family_organisations"):
            return window
        if name == "collaboration_centrality":
            return {"level": "organisation", **window}
        return {}


# ----------------------------------------------------------------------------- API server


class Server:
    """``processes`` single-worker uvicorn processes on consecutive ports. (uvicorn's own
    ``--workers`` shares one listening socket whose accepted connections lose TCP_NODELAY,
    which adds Nagle/delayed-ACK stalls of ~40 ms per response.)"""

    def __init__(self, port: int, processes: int, neo4j_port: int, access_log: bool = True,
                 factory: str = "bench.server:create") -> None:
        env = {**os.environ, "GENOGRAM_BENCH_PORT": str(neo4j_port),
               "GENOGRAM_BENCH_NO_ACCESS_LOG": "0" if access_log else "1"}
        self.urls = [f"http://127.0.0.1:{port + i}" for i in range(processes)]
        self.url = self.urls[0]
        self.procs = [subprocess.Popen(  # noqa: S603 - fixed arguments
            [sys.executable, "-m", "uvicorn", "--factory", factory,
             "--host", "127.0.0.1", "--port", str(port + i), "--no-access-log",
             "--timeout-keep-alive", "600",
             "--log-level", "warning"],
            env=env, start_new_session=True) for i in range(processes)]
        deadline = time.monotonic() + 180
        for url in self.urls:
            while True:
                try:
                    if httpx.get(url + "/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the API did not start")
                time.sleep(0.5)

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            proc.wait(timeout=30)


def admin_token(st: Any) -> str:
    services = benchdb.open_services(st)
    # a token is checked against its stored user (revocation): the account is kept with the data
    try:
        user = services.auth.get_user("bench")
    except NotFound:
        user = services.auth.create_user(username="bench", role=Role.admin)
    token = services.auth.issue_token(user, ttl_minutes=600).access_token
    services.close()
    return token


# ----------------------------------------------------------------------------- measuring


def plan_summary(driver: Any, query: QueryDef, params: dict[str, Any]) -> str:
    """The leaf operators of the plan (how the query finds its start), from EXPLAIN."""
    _, summary, _ = driver.execute_query(cast(LiteralString, "EXPLAIN " + load(
        query.statement or "")), params, database_="neo4j")
    leaves: list[str] = []

    def walk(op: dict[str, Any]) -> None:
        children = op.get("children", [])
        name = op["operatorType"].split("@")[0]
        if not children or name.startswith(("NodeIndex", "NodeUnique", "DirectedRelationship",
                                             "UndirectedRelationship", "NodeByLabel",
                                             "AllNodes")):
            details = op.get("args", {}).get("Details", "")
            if name not in ("Argument", "EmptyRow"):
                leaves.append(f"{name} {details}".strip())
        for child in children:
            walk(child)

    walk(summary.plan)
    seen: list[str] = []
    for leaf in leaves:
        if leaf not in seen:
            seen.append(leaf)
    return "; ".join(seen)


def measure(query: QueryDef, anchors: Anchors, driver: Any, http: Lean,
            reps: int, warmup: int) -> Result:
    res = Result(query.name, query.engine, reps)
    api_times: list[float] = []
    raw_times: list[float] = []
    rows = 0
    text = cast(LiteralString, load(query.statement)) if query.statement else None
    for i in range(warmup + reps):
        params = anchors.params(query.name)
        t = time.perf_counter()
        status, body = http.post(f"/queries/{query.name}", params)
        api = time.perf_counter() - t
        if status != 200:
            raise RuntimeError(f"{query.name}: {status} {body[:300]!r}")
        raw = None
        if text is not None:
            values = validate_params(query, params, today=TODAY)
            t = time.perf_counter()
            with driver.session(database="neo4j", default_access_mode=READ_ACCESS) as session:
                [rec.data() for rec in session.run(text, values)]
            raw = time.perf_counter() - t
        if i >= warmup:
            api_times.append(api)
            rows += json.loads(body)["row_count"]
            if raw is not None:
                raw_times.append(raw)
    res.api = benchdb.Stats.of(api_times)
    res.raw = benchdb.Stats.of(raw_times) if raw_times else None
    res.rows = rows / reps
    if query.statement:
        res.plan = plan_summary(driver, query, validate_params(query, anchors.params(query.name),
                                                               today=TODAY))
    return res


def throughput(urls: list[str], token: str, anchors: Anchors, clients: int, seconds: float
               ) -> dict[str, Any]:
    """Concurrent keep-alive connections posting the headline query with random mothers for
    ``seconds``, from the lean load generator (``bench/loadgen.py``, one process per API
    process, the connections spread over them)."""
    bodies = Path(tempfile.mkdtemp(prefix="loadgen-")) / "bodies.jsonl"
    bodies.write_text("".join(json.dumps(anchors.params(HEADLINE)) + "\n" for _ in range(2000)))
    procs = []
    for i, url in enumerate(urls):
        share = clients // len(urls) + (1 if i < clients % len(urls) else 0)
        if share == 0:
            continue
        procs.append(subprocess.Popen(  # noqa: S603 - fixed arguments
            [sys.executable, "-m", "bench.loadgen", "--url", url, "--path",
             f"/queries/{HEADLINE}", "--bodies", str(bodies), "--connections", str(share),
             "--seconds", str(seconds)],
            env={**os.environ, "LOADGEN_TOKEN": token}, stdout=subprocess.PIPE, text=True))
    runs = [json.loads(proc.communicate(timeout=seconds + 120)[0]) for proc in procs]
    requests = sum(r["requests"] for r in runs)
    elapsed = max(r["seconds"] for r in runs)
    return {"clients": clients, "requests": requests, "seconds": elapsed,
            "requests_per_s": sum(r["requests_per_s"] for r in runs),
            "p50_ms": max(r["p50_ms"] for r in runs), "p95_ms": max(r["p95_ms"] for r in runs),
            "p99_ms": max(r["p99_ms"] for r in runs), "errors": sum(r["errors"] for r in runs),
            "client_cpu_s": sum(r["client_cpu_s"] for r in runs)}


def decompose(args: argparse.Namespace, token: str, anchors: Anchors, driver: Any, http: Lean,
              reps: int) -> dict[str, Any]:
    """Where the headline's API time goes: five ways to the same answer, interleaved per
    repetition with the same anchor: the raw driver; a bare FastAPI endpoint that only reads
    the body (the HTTP floor); a bare FastAPI endpoint that runs the query with the raw driver
    (``bench/floor_app.py``); the API with an access log that records nothing; the API."""
    query = next(q for q in catalogue() if q.name == HEADLINE)
    text = cast(LiteralString, load(query.statement or ""))
    no_log = Server(args.api_port + 20, 1, args.port, access_log=False)
    floor = Server(args.api_port + 40, 1, args.port, factory="bench.floor_app:create")
    clients = {"api_no_access_log": Lean(no_log.url, token), "floor_http": Lean(floor.url, ""),
               "floor_fastapi_driver": Lean(floor.url, "")}
    paths = {"api_no_access_log": f"/queries/{HEADLINE}", "floor_http": "/empty",
             "floor_fastapi_driver": "/headline"}
    times: dict[str, list[float]] = {k: [] for k in ("raw", "floor_http", "floor_fastapi_driver",
                                                     "api_no_access_log", "api")}
    try:
        for i in range(reps + 50):
            params = anchors.params(HEADLINE)
            values = validate_params(query, params, today=TODAY)
            t = time.perf_counter()
            with driver.session(database="neo4j", default_access_mode=READ_ACCESS) as session:
                [rec.data() for rec in session.run(text, values)]
            raw = time.perf_counter() - t
            took = {"raw": raw}
            for name, client in [*clients.items(), ("api", http)]:
                t = time.perf_counter()
                status, body = client.post(paths.get(name, f"/queries/{HEADLINE}"), params)
                took[name] = time.perf_counter() - t
                if status != 200:
                    raise RuntimeError(f"{name}: {status} {body[:300]!r}")
            if i >= 50:
                for name, value in took.items():
                    times[name].append(value)
    finally:
        for client in clients.values():
            client.close()
        no_log.stop()
        floor.stop()
    stats = {k: benchdb.Stats.of(v) for k, v in times.items()}
    raw_p50 = stats["raw"].p50
    return {k: {**asdict(v), "over_raw_p50": round(v.p50 / raw_p50, 2)} for k, v in stats.items()}


def graph_counts(port: int) -> dict[str, int]:
    """Nodes per label and relationships per type, from the count store (instant)."""
    from genogram_service.records import KINDS

    driver = GraphDatabase.driver(f"bolt://127.0.0.1:{port}")
    out: dict[str, int] = {}
    rel_types = ["PARTNER_IN", "CONCERNS", "HAS_ASSIGNMENT", "ON_CASE", "ON_BEHALF_OF",
                 "ATTENDED", "WITH", "IN_CASE", "DECIDED_BY", "EXECUTED_BY", "EXTENDS",
                 "RECEIVED_BY", "PROVIDED_BY", "FOR_CASE", "AUTHORED_BY"]
    for kind in KINDS:
        pattern = f"()-[x:{kind.label}]->()" if kind.is_relationship else f"(x:{kind.label})"
        records, _, _ = driver.execute_query(cast(LiteralString, f"MATCH {pattern} "
                                                  "RETURN count(x) AS n"), database_="neo4j")
        out[kind.label] = records[0]["n"]
    for rel in rel_types:
        records, _, _ = driver.execute_query(cast(LiteralString, f"MATCH ()-[x:{rel}]->() "
                                                  "RETURN count(x) AS n"), database_="neo4j")
        out[rel] = records[0]["n"]
    driver.close()
    out["nodes"] = sum(out[k.label] for k in KINDS if not k.is_relationship)
    out["relationships"] = sum(v for k, v in out.items() if k.isupper())
    return out


# ----------------------------------------------------------------------------- main


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--families", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--load", action="store_true", help="import the dataset when it is missing")
    p.add_argument("--port", type=int, default=benchdb.PORT, help="Neo4j port")
    p.add_argument("--api-port", type=int, default=8722)
    p.add_argument("--workers", type=int, default=1,
                   help="API processes (one uvicorn worker each, on consecutive ports)")
    p.add_argument("--reps", type=int, default=200, help="repetitions of anchored queries")
    p.add_argument("--population-reps", type=int, default=5,
                   help="repetitions of population queries")
    p.add_argument("--only", nargs="*", help="only these queries")
    p.add_argument("--clients", type=int, nargs="*", default=[4, 8, 16])
    p.add_argument("--seconds", type=float, default=20.0, help="per throughput run")
    p.add_argument("--no-access-log", action="store_true",
                   help="run the API with an access log that records nothing (to measure what "
                        "the access log costs)")
    p.add_argument("--decompose", type=int, default=0, metavar="REPS",
                   help="also measure where the headline's API time goes (REPS repetitions of "
                        "raw driver, bare FastAPI endpoints, API without and with access log)")
    p.add_argument("--json", help="write the results here as JSON")
    args = p.parse_args()

    benchdb.start_db(port=args.port)
    st = benchdb.settings(args.port)
    services = benchdb.open_services(st)
    if not benchdb.is_seeded(services.graph, args.families, args.seed):
        if not args.load:
            sys.exit(f"the bench database does not hold {args.families} families: run "
                     "bench_import.py first, or pass --load")
        for n, bundle in benchdb.chunks(args.families, args.seed, 2000):
            services.records.import_bundle(bundle)
            print(f"loaded {n} more families", flush=True)
    services.close()
    counts = graph_counts(args.port)
    print(json.dumps(counts), flush=True)

    token = admin_token(st)
    driver = GraphDatabase.driver(f"bolt://127.0.0.1:{args.port}")
    anchors = Anchors(driver, args.families, data_seed=args.seed)
    server = Server(args.api_port, args.workers, args.port, access_log=not args.no_access_log)
    results: list[Result] = []
    tput: list[dict[str, Any]] = []
    parts: dict[str, Any] = {}
    try:
        http = Lean(server.url, token)
        try:
            for query in catalogue():
                if args.only and query.name not in args.only:
                    continue
                anchored = query.name in ANCHORED or query.name in (
                    "family_involvements", "coordination_load")
                reps = args.reps if anchored else args.population_reps
                warmup = 20 if anchored else 1
                t = time.perf_counter()
                res = measure(query, anchors, driver, http, reps, warmup)
                results.append(res)
                api, raw = res.api, res.raw
                assert api is not None
                print(f"{query.name:36s} api p50 {api.p50:9.2f} p95 {api.p95:9.2f} ms"
                      + (f" | raw p50 {raw.p50:9.2f} p95 {raw.p95:9.2f} ms | ratio "
                         f"{res.ratio_p50:.2f}/{res.ratio_p95:.2f}" if raw else "")
                      + f" | rows {res.rows:.0f} ({time.perf_counter() - t:.0f} s, load "
                      f"{os.getloadavg()[0]:.1f})", flush=True)
            if args.decompose:
                parts = decompose(args, token, anchors, driver, http, args.decompose)
                for name, st_ in parts.items():
                    print(f"headline, {name:22s} p50 {st_['p50']:7.2f} p95 {st_['p95']:7.2f} ms"
                          f" ({st_['over_raw_p50']:.2f} x raw)", flush=True)
        finally:
            http.close()
        for clients in args.clients:
            run = throughput(server.urls, token, anchors, clients, args.seconds)
            tput.append(run)
            print(f"throughput {HEADLINE}: {clients} clients: {run['requests_per_s']:.0f} req/s, "
                  f"p50 {run['p50_ms']:.1f} ms, p95 {run['p95_ms']:.1f} ms, "
                  f"errors {run['errors']}, load generator CPU {run['client_cpu_s']:.1f} s "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)
    finally:
        server.stop()
        driver.close()
    out = {
        "families": args.families, "at": dt.datetime.now(dt.UTC).isoformat(),
        "load_average_at_end": os.getloadavg(),
        "python_loop_ms": calibrate.loop_ms(),
        "workers": args.workers, "access_log": not args.no_access_log, "graph": counts,
        "queries": [{**asdict(r), "ratio_p50": r.ratio_p50, "ratio_p95": r.ratio_p95}
                    for r in results],
        "throughput": tput,
        "headline_decomposed": parts if args.decompose else None,
    }
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(out, fh, indent=2, default=str)


if __name__ == "__main__":
    main()
