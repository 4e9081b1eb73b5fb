"""Test fixtures: a REAL Neo4j. The local one (neo4j-local/) is started once per session on a
test port with its own data directory, unless GENOGRAM_TEST_NEO4J_URI points at another server.
If it cannot start, the whole suite fails loudly (no skipping)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from genogram_service.api import create_app
from genogram_service.graph import Graph
from genogram_service.localdb import LocalDb
from genogram_service.services import BsnVault, RecordService
from genogram_service.services.bsn import generate_secrets
from genogram_service.settings import PROJECT_ROOT, Settings

TEST_PORT = int(os.environ.get("GENOGRAM_TEST_NEO4J_PORT", "7697"))
TEST_DIR = Path(os.environ.get("GENOGRAM_TEST_DB_DIR", str(PROJECT_ROOT / "var" / "neo4j-test")))
SECRETS = generate_secrets()


@pytest.fixture(scope="session")
def settings() -> Settings:
    external = os.environ.get("GENOGRAM_TEST_NEO4J_URI")
    return Settings(
        neo4j_uri=external or f"bolt://127.0.0.1:{TEST_PORT}",
        neo4j_user=os.environ.get("GENOGRAM_TEST_NEO4J_USER", "neo4j"),
        neo4j_password=os.environ.get("GENOGRAM_TEST_NEO4J_PASSWORD") or None,
        bsn_encryption_key=SECRETS["GENOGRAM_BSN_ENCRYPTION_KEY"],
        bsn_hash_key=SECRETS["GENOGRAM_BSN_HASH_KEY"],
        local_db_dir=TEST_DIR,
        local_db_port=TEST_PORT,
        local_db_heap="1g",
        import_batch_size=500,
    )


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Iterator[str]:
    if os.environ.get("GENOGRAM_TEST_NEO4J_URI"):
        yield settings.effective_neo4j_uri
        return
    db = LocalDb(TEST_DIR, TEST_PORT, "1g")
    started = db.start(timeout_s=300)  # raises (fails the suite) if it cannot start
    yield db.uri
    if started and not os.environ.get("GENOGRAM_TEST_KEEP_DB"):
        db.stop()


@pytest.fixture(scope="session")
def session_graph(settings: Settings, neo4j_server: str) -> Iterator[Graph]:
    graph = Graph.from_settings(settings)
    graph.ping()
    graph.migrate()
    yield graph
    graph.close()


@pytest.fixture
def graph(session_graph: Graph) -> Graph:
    """The graph, emptied before each test."""
    session_graph.run_autocommit("write/clear_database")
    return session_graph


@pytest.fixture
def vault(settings: Settings) -> BsnVault:
    return BsnVault.from_settings(settings)


@pytest.fixture
def records(graph: Graph, vault: BsnVault, settings: Settings) -> RecordService:
    return RecordService(graph, vault, settings)


@pytest.fixture
def client(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, graph), raise_server_exceptions=False) as c:
        yield c
