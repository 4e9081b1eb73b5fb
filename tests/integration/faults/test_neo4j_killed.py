"""Neo4j killed (SIGKILL, no shutdown) in the middle of a batch-committed import, as
``genogram import`` runs it (issue 14). The import stops with a 503 problem naming the batches
committed and the batch to resume from; after the restart (Neo4j recovers its store from the
transaction log) exactly those batches are in the graph, each whole: every batch commits
entirely or not at all. When Neo4j failed the commit itself the outcome of that one batch is
unknown, and the problem says so; the batch is then in the graph whole or not at all. Resuming
from the reported batch gives exactly the whole bundle, without duplicates; the access log
verifies."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from genogram_service.container import build_services
from genogram_service.db import Graph
from genogram_service.db.local import LocalDb
from genogram_service.errors import ImportInterrupted
from genogram_service.records import Bundle
from genogram_service.settings import Settings
from tests.integration.faults.conftest import BATCH_SIZE
from tests.support.faults import committed_counts, families_bundle, family_counts, record_figures

KILL_AFTER_BATCHES = 3


def test_neo4j_killed_mid_import_then_resumed(fault_db: LocalDb, fault_graph: Graph,
                                              fault_settings: Settings) -> None:
    services = build_services(fault_settings, fault_graph)
    try:
        data = families_bundle(2000, prefix="k")  # 14,000 records: 28 batches of 500
        total_batches = 16 + 4 + 8
        bundle = Bundle.model_validate(data)
        pid = fault_db.pid()
        assert pid is not None
        done = 0

        def kill() -> None:
            os.kill(pid, signal.SIGKILL)

        def progress(_: int) -> None:  # called after each committed batch
            nonlocal done
            done += 1
            if done == KILL_AFTER_BATCHES:  # kill while the next batch is being written
                threading.Thread(target=kill).start()

        with pytest.raises(ImportInterrupted) as info:
            services.records.import_bundle(bundle, progress=progress)
        failed = info.value.problem()
        assert failed["status"] == 503 and failed["type"].endswith("/import-interrupted")
        committed = failed["committed_batches"]
        assert failed["resume_from"] == committed and failed["total_batches"] == total_batches
        assert KILL_AFTER_BATCHES <= committed < total_batches
        uncertain = "may not have been committed" in failed["cause"]["detail"]

        deadline = time.monotonic() + 30
        while fault_db.pid() is not None:  # reaped by LocalDb's reaper thread
            assert time.monotonic() < deadline
            time.sleep(0.1)
        starting = time.monotonic()
        fault_db.start(timeout_s=300)  # recovers the store from the transaction log
        start_s = time.monotonic() - starting

        expected = [committed_counts(data, BATCH_SIZE, committed + extra)
                    for extra in ((0, 1) if uncertain else (0,))]
        assert family_counts(fault_graph) in expected, (family_counts(fault_graph), committed)
        report = services.records.import_bundle(bundle, resume_from=committed)
        assert report.committed_batches == total_batches
        assert family_counts(fault_graph) == committed_counts(data, BATCH_SIZE, total_batches)
        verified = services.audit.verify()
        assert verified.ok, verified
    finally:
        services.audit.close()
    record_figures("neo4j_killed", {"start_after_kill_s": round(start_s, 2),
                                    "committed_batches": committed,
                                    "uncertain_batch": uncertain,
                                    "total_batches": total_batches})
