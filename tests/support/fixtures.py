"""Test fixtures: a REAL Neo4j. The local one (neo4j-local/) is started once per session on a
test port with its own data directory, unless GENOGRAM_TEST_NEO4J_URI points at another server.
If it cannot start, the whole suite fails loudly (no skipping)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from genogram_service.api import create_app
from genogram_service.container import Services, build_services
from genogram_service.db import Graph
from genogram_service.db.local import LocalDb
from genogram_service.records.bsn import BsnVault, generate_secrets
from genogram_service.records.service import RecordService
from genogram_service.security.access import Role
from genogram_service.security.auth import User
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
        jwt_secret=SECRETS["GENOGRAM_JWT_SECRET"],
        pseudonym_key=SECRETS["GENOGRAM_PSEUDONYM_KEY"],
        audit_key=SECRETS["GENOGRAM_AUDIT_KEY"],
        audit_signing_key=SECRETS["GENOGRAM_AUDIT_SIGNING_KEY"],
        # no checkpoint by the clock: a log a test left open must not write one into the
        # next test's file (tests of the timer use their own log)
        audit_checkpoint_seconds=3600,
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
def graph(session_graph: Graph, settings: Settings) -> Graph:
    """The graph, emptied before each test, and with it the access log's checkpoint file (its
    checkpoints belong to the chain just deleted)."""
    session_graph.run_autocommit("write/clear_database")
    settings.effective_audit_checkpoint_file.unlink(missing_ok=True)
    return session_graph


@pytest.fixture
def vault(settings: Settings) -> BsnVault:
    return BsnVault.from_settings(settings)


@pytest.fixture
def services(graph: Graph, settings: Settings) -> Iterator[Services]:
    built = build_services(settings, graph)
    yield built
    built.audit.close()  # the access-log writer thread (the graph is the session's)


@pytest.fixture
def records(services: Services) -> RecordService:
    return services.records


@pytest.fixture
def app(graph: Graph, settings: Settings) -> FastAPI:
    return create_app(settings, graph)


@pytest.fixture
def anon(app: FastAPI) -> Iterator[TestClient]:
    """A client without credentials."""
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def persist_user(graph: Graph, user: User) -> None:
    """The account a test's token belongs to, in the database: a token is checked against its
    user on use (a token of a user who does not exist is refused). Written directly, without
    create_user's checks, so a test may sign in a case worker before its professional exists."""
    graph.driver.execute_query(
        "MERGE (u:User {id: $id}) SET u.username = $username, u.role = $role, "
        "u.professional_id = $professional_id",
        id=user.id, username=user.username, role=str(user.role),
        professional_id=user.professional_id, database_=graph.database)


def token_for(services: Services, role: Role, professional_id: str | None = None,
              username: str | None = None, ttl_minutes: int = 30) -> str:
    user = User(id=f"user-{username or role.value}", username=username or f"test-{role.value}",
                role=role, professional_id=professional_id)
    persist_user(services.graph, user)
    return services.auth.issue_token(user, ttl_minutes=ttl_minutes).access_token


ClientFactory = Callable[..., TestClient]


@pytest.fixture
def client_as(app: FastAPI, services: Services) -> Iterator[ClientFactory]:
    """``client_as(Role.case_worker, professional_id="pro-1")``: a client signed in with that
    role (a real signed bearer token)."""
    opened: list[TestClient] = []

    def make(role: Role, professional_id: str | None = None, **headers: str) -> TestClient:
        c = TestClient(app, raise_server_exceptions=False)
        c.__enter__()
        c.headers["Authorization"] = f"Bearer {token_for(services, role, professional_id)}"
        c.headers.update(headers)
        opened.append(c)
        return c

    yield make
    for c in opened:
        c.__exit__(None, None, None)


@pytest.fixture
def client(client_as: ClientFactory) -> TestClient:
    """A client signed in as an administrator."""
    return client_as(Role.admin)
