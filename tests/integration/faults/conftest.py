"""Fault tests run against a Neo4j of their own (a free port, a store in the test's temporary
directory), which they stop, kill and start again; the session's Neo4j, which every other test
shares, is never touched. They take tens of seconds (each start of Neo4j takes 15-30 s here):
``-m "not faults"`` leaves them out of a quick run; the whole suite and CI run them."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from genogram_service.db import Graph
from genogram_service.db.local import LocalDb
from genogram_service.settings import Settings

#: batches of 500 records, and any bundle over 1,000 records committed batch by batch, so that
#: a few thousand records are enough for an import that a fault can interrupt half-way
BATCH_SIZE = 500
SINGLE_TX_LIMIT = 1000


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "faults: stops or kills a Neo4j of its own (slow)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.faults)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="package")
def fault_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalDb]:
    """A Neo4j for these tests only; stopped (SIGKILL after 30 s) however the test ended."""
    db = LocalDb(tmp_path_factory.mktemp("neo4j-faults"), free_port(), "512m")
    db.start(timeout_s=300)
    try:
        yield db
    finally:
        db.stop(timeout_s=30)


@pytest.fixture
def fault_settings(settings: Settings, fault_db: LocalDb) -> Settings:
    """The suite's settings pointed at the fault tests' Neo4j, with the default connection
    timeout (the bounds of the tests are derived from it)."""
    return settings.model_copy(update={
        "neo4j_uri": fault_db.uri, "neo4j_connection_timeout_s": 5.0,
        "import_batch_size": BATCH_SIZE, "import_single_tx_limit": SINGLE_TX_LIMIT,
        "audit_checkpoint_file": fault_db.data_dir / "audit-checkpoints.jsonl"})


@pytest.fixture
def fault_graph(fault_settings: Settings, fault_db: LocalDb) -> Iterator[Graph]:
    """A driver on the fault tests' Neo4j, the database emptied (and with it the access log's
    checkpoint file, whose checkpoints belong to the chain deleted) and the schema applied;
    after a test that left Neo4j stopped, it is started again first."""
    fault_db.start(timeout_s=300)
    graph = Graph.from_settings(fault_settings)
    try:
        graph.migrate()
        graph.run_autocommit("write/clear_database")
        fault_settings.effective_audit_checkpoint_file.unlink(missing_ok=True)
        yield graph
    finally:
        graph.close()
