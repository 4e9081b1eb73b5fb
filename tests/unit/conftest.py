"""Unit tests need no database: asking for one is a mistake (the test belongs in integration)."""

import pytest


@pytest.fixture(scope="session")
def neo4j_server() -> None:
    pytest.fail("a unit test asked for Neo4j: move it to tests/integration/")
