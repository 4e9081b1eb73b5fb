"""A flood of wrong-password sign-ins against a real API process: its memory (RSS) and other
users' reads while it lasts, against the same reads without the flood in the same run.

    .venv/bin/python -m bench.bench_login_flood --port 7736 --data var/neo4j-test-login

Starts (or reuses) a local Neo4j on ``--port`` with its data in ``--data`` and EMPTIES it,
stores two synthetic families and a reader account, then runs the API in its own process
(uvicorn, one worker, as deployed) and, ``--rounds`` times, alternating:

1. ``quiet``: ``--readers`` clients read a person (``GET /persons/{id}``) for ``--seconds``;
2. ``flood``: the same reads while ``--flood`` connections post ``--logins`` wrong passwords for
   accounts that do not exist (the issue's probe: 120 at 40 at once), with sign-in
   throttling as configured (by default: the client address is locked out after 30
   failures, so the flood is then answered 429 without hashing);
3. ``flood-unthrottled``: the same with the throttle's limits out of reach, as a flood from
   many addresses would be: only the bounded hashing (``password_hash_concurrency``,
   ``password_hash_queue``) stands between the flood and the process's memory;
4. ``flood-unbounded``: the same with 64 hashing threads and no queue limit, the baseline of
   what the bound saves (the argon2 parameters are today's; the issue's probe, with the old
   64 MiB ones and no bound, saw 2,885 MB).

Each configuration runs in a fresh API process (its quiet phase first).

Every figure is printed as one JSON line with ``python_loop_ms`` (bench.calibrate) and the load
average, and the flood's read p95 as a ratio of the quiet p95 of the same round.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx2 as httpx

from bench.benchdb import pct
from bench.calibrate import loop_ms
from genogram_service.api import create_app
from genogram_service.container import build_services
from genogram_service.db import Graph
from genogram_service.db.local import LocalDb
from genogram_service.records.bsn import generate_secrets
from genogram_service.security.access import Role
from genogram_service.settings import Settings
from genogram_service.synthetic.seed import generate_chunks

PASSWORD = "reader-password-1"
SECRETS_FILE = Path("var/bench-login-flood-secrets.json")


def _settings(port: int, data: Path, **overrides: Any) -> Settings:
    keys = json.loads(SECRETS_FILE.read_text())
    return Settings(neo4j_uri=f"bolt://127.0.0.1:{port}", local_db_dir=data,
                    local_db_port=port, **keys, **overrides)


def create() -> Any:
    """The API process's app (``uvicorn --factory``), configured by environment variables."""
    overrides = json.loads(os.environ["BENCH_LOGIN_OVERRIDES"])
    return create_app(_settings(int(os.environ["BENCH_LOGIN_PORT"]),
                                Path(os.environ["BENCH_LOGIN_DATA"]), **overrides))


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _phase(url: str, token: str, person: str, args: argparse.Namespace, pid: int,
                 flood: bool) -> dict[str, Any]:
    stop = time.monotonic() + args.seconds
    left = [args.logins if flood else 0]
    reads: list[float] = []
    logins: list[float] = []
    statuses: dict[int, int] = {}
    peak = _rss_mb(pid)
    limits = httpx.Limits(max_connections=args.readers + args.flood + 2)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:

        async def reader() -> None:
            headers = {"Authorization": f"Bearer {token}"}
            while time.monotonic() < stop or left[0] > 0:
                t0 = time.perf_counter()
                r = await client.get(f"/persons/{person}", headers=headers)
                assert r.status_code == 200, r.text
                reads.append((time.perf_counter() - t0) * 1000)
                await asyncio.sleep(0.02)

        async def flooder() -> None:
            while left[0] > 0:
                left[0] -= 1
                t0 = time.perf_counter()
                r = await client.post("/auth/token", data={
                    "username": f"nobody-{random.randrange(10**9)}", "password": "wrong guess"})
                logins.append((time.perf_counter() - t0) * 1000)
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

        async def sampler() -> None:
            nonlocal peak
            while time.monotonic() < stop or left[0] > 0:
                peak = max(peak, _rss_mb(pid))
                await asyncio.sleep(0.05)

        tasks = [reader() for _ in range(args.readers)] + [sampler()]
        tasks += [flooder() for _ in range(args.flood if flood else 0)]
        await asyncio.gather(*tasks)
    reads.sort()
    logins.sort()
    return {"reads": len(reads), "read_p50_ms": round(pct(reads, 50), 1),
            "read_p95_ms": round(pct(reads, 95), 1), "rss_peak_mb": round(peak, 1),
            "logins": len(logins), "login_statuses": statuses,
            "login_p50_ms": round(pct(logins, 50), 1) if logins else None}


def _serve(args: argparse.Namespace, overrides: dict[str, Any], http_port: int
           ) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BENCH_LOGIN_PORT": str(args.port), "BENCH_LOGIN_DATA": str(args.data),
           "BENCH_LOGIN_OVERRIDES": json.dumps(overrides)}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "bench.bench_login_flood:create",
         "--port", str(http_port), "--log-level", "warning", "--no-access-log"], env=env)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{http_port}/health", timeout=1).status_code < 500:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit("the API did not start")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--http-port", type=int, default=8736)
    p.add_argument("--readers", type=int, default=4)
    p.add_argument("--flood", type=int, default=40)
    p.add_argument("--seconds", type=float, default=15.0,
                   help="the quiet phase; the flood phase lasts until its sign-ins are answered")
    p.add_argument("--logins", type=int, default=200, help="wrong sign-ins per flood")
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args()
    db = LocalDb(args.data, args.port, "1g")
    started = db.start(timeout_s=300)
    keys = {k.removeprefix("GENOGRAM_").lower(): v for k, v in generate_secrets().items()}
    SECRETS_FILE.parent.mkdir(exist_ok=True)
    SECRETS_FILE.write_text(json.dumps(keys))
    SECRETS_FILE.chmod(0o600)
    settings = _settings(args.port, args.data)
    graph = Graph.from_settings(settings)
    graph.migrate()
    graph.run_autocommit("write/clear_database")
    services = build_services(settings, graph)
    for bundle in generate_chunks(families=2, seed=1):
        services.records.import_bundle(bundle)
    person = graph.driver.execute_query("MATCH (p:Person) RETURN p.id AS id ORDER BY id LIMIT 1",
                                        database_=graph.database).records[0]["id"]
    services.auth.create_user(username="reader", role=Role.admin, password=PASSWORD)
    services.audit.close()
    off = {"login_max_failures": 10**9, "login_address_max_failures": 10**9}
    configs = {"throttled": {}, "unthrottled": off,
               "unbounded": {**off, "password_hash_concurrency": 64, "password_hash_queue": 0}}
    try:
        for r in range(args.rounds):
            for name, overrides in configs.items():
                graph.driver.execute_query("MATCH (t:LoginThrottle) DETACH DELETE t",
                                           database_=graph.database)
                server = _serve(args, overrides, args.http_port)
                try:
                    url = f"http://127.0.0.1:{args.http_port}"
                    token = httpx.post(f"{url}/auth/token", data={
                        "username": "reader", "password": PASSWORD}).json()["access_token"]
                    quiet = asyncio.run(_phase(url, token, person, args, server.pid, False))
                    flood = asyncio.run(_phase(url, token, person, args, server.pid, True))
                finally:
                    server.terminate()
                    server.wait(30)
                for phase, figures in (("quiet", quiet), (f"flood-{name}", flood)):
                    print(json.dumps({
                        "round": r, "phase": phase, **figures,
                        "read_p95_vs_quiet": round(figures["read_p95_ms"]
                                                   / quiet["read_p95_ms"], 2),
                        "python_loop_ms": loop_ms(1), "load": os.getloadavg()[0],
                        "readers": args.readers, "flood": args.flood if phase != "quiet" else 0,
                        "flood_logins": args.logins if phase != "quiet" else 0,
                        "seconds": args.seconds}), flush=True)
    finally:
        graph.close()
        if started:
            db.stop()


if __name__ == "__main__":
    main()
