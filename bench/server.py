"""The API for the benchmarks, on the bench database (`uvicorn --factory bench.server:create`).

``GENOGRAM_BENCH_PORT`` picks the Neo4j port (default 7722). ``GENOGRAM_BENCH_NO_ACCESS_LOG=1``
replaces the access log with one that records nothing: only to measure what the access log
costs per request (the guard still decides everything).
"""

from __future__ import annotations

import os
from concurrent.futures import Future
from typing import Any

from fastapi import FastAPI

from bench import benchdb
from genogram_service import container
from genogram_service.api import create_app
from genogram_service.security.audit import AuditLog


class _NoAccessLog(AuditLog):
    def record(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return None

    def submit(self, *args: Any, **kwargs: Any) -> Future[Any]:  # type: ignore[override]
        done: Future[Any] = Future()
        done.set_result(None)
        return done


def create() -> FastAPI:
    port = int(os.environ.get("GENOGRAM_BENCH_PORT", benchdb.PORT))
    if os.environ.get("GENOGRAM_BENCH_NO_ACCESS_LOG") == "1":
        container.AuditLog = _NoAccessLog  # type: ignore[misc]
    return create_app(benchdb.settings(port))
