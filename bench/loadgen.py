"""A lean HTTP/1.1 load generator for the throughput benchmarks (``wrk`` and ``hey`` are not
installed here, and Python client threads with httpx spend ~1 ms of CPU per request on the same
two cores as the service, which then measures the client).

One process, one event loop (uvloop), N keep-alive connections, each sending the next request
as soon as the previous answer is read: pre-built request bytes, responses read by
``Content-Length``. Reports requests/s, latency percentiles, non-200 answers and the CPU time
the generator itself used.

    .venv/bin/python -m bench.loadgen --url http://127.0.0.1:8722 --path /queries/NAME \
        --token TOKEN --bodies bodies.jsonl --connections 16 --seconds 20

Also :class:`Lean`, a minimal blocking keep-alive client (``http.client``) for latency runs.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import resource
import time
from typing import Any
from urllib.parse import urlsplit

try:
    import uvloop
except ImportError:  # pragma: no cover - uvloop is a dependency on Linux
    uvloop = None  # type: ignore[assignment]


def build_request(host: str, path: str, token: str, body: bytes) -> bytes:
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status


async def run(url: str, path: str, token: str, bodies: list[bytes], connections: int,
              seconds: float) -> dict[str, Any]:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    requests = [build_request(f"{host}:{port}", path, token, b) for b in bodies]
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def connection(n: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        i = n
        try:
            while time.monotonic() < stop:
                t = time.perf_counter()
                writer.write(requests[i % len(requests)])
                status = await read_response(reader)
                latencies.append(time.perf_counter() - t)
                if status != 200:
                    errors += 1
                i += connections
        finally:
            writer.close()

    cpu = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    await asyncio.gather(*(connection(n) for n in range(connections)))
    elapsed = time.perf_counter() - started
    used = resource.getrusage(resource.RUSAGE_SELF)
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[max(0, min(len(latencies) - 1, round(p / 100 * len(latencies)
                                                              + 0.5) - 1))] * 1000

    return {"connections": connections, "requests": len(latencies), "seconds": elapsed,
            "requests_per_s": len(latencies) / elapsed, "p50_ms": pct(50), "p95_ms": pct(95),
            "p99_ms": pct(99), "errors": errors,
            "client_cpu_s": (used.ru_utime - cpu.ru_utime) + (used.ru_stime - cpu.ru_stime)}


class Lean:
    """A blocking keep-alive client with little overhead of its own (for latency runs)."""

    def __init__(self, url: str, token: str) -> None:
        parts = urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80,
                                               timeout=600)
        self.headers = {"Authorization": f"Bearer {token}",
                        "Content-Type": "application/json"}

    def post(self, path: str, payload: Any) -> tuple[int, bytes]:
        body = json.dumps(payload).encode()
        try:
            self.conn.request("POST", path, body=body, headers=self.headers)
            response = self.conn.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            self.conn.close()  # the server closed an idle keep-alive connection: reconnect
            self.conn.request("POST", path, body=body, headers=self.headers)
            response = self.conn.getresponse()
        return response.status, response.read()

    def close(self) -> None:
        self.conn.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--url", required=True)
    p.add_argument("--path", required=True)
    p.add_argument("--token", default=os.environ.get("LOADGEN_TOKEN", ""))
    p.add_argument("--bodies", required=True, help="JSON lines, one request body each")
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--seconds", type=float, default=20)
    args = p.parse_args()
    with open(args.bodies, "rb") as fh:
        bodies = [line.strip() for line in fh if line.strip()]
    work = run(args.url, args.path, args.token, bodies, args.connections, args.seconds)
    result = uvloop.run(work) if uvloop is not None else asyncio.run(work)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
