"""The suite's fixtures live in ``tests/support/``; unit tests (``tests/unit/``) run without
Neo4j, integration tests (``tests/integration/``) against a real one."""

pytest_plugins = ["tests.support.fixtures"]
