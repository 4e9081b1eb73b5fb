"""``genogram audit verify | checkpoint | public-key`` against the real test database."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from genogram_service.cli import app
from genogram_service.cli.common import SECRET_SETTINGS
from genogram_service.container import Services
from genogram_service.security.access import Action, Actor, Role
from genogram_service.settings import Settings, get_settings

runner = CliRunner()
ADMIN = Actor(user_id="u-1", username="tester", role=Role.admin)


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> Iterator[None]:
    for name in SECRET_SETTINGS:
        monkeypatch.setenv(f"GENOGRAM_{name.upper()}",
                           getattr(settings, name).get_secret_value())
    monkeypatch.setenv("GENOGRAM_NEO4J_URI", settings.effective_neo4j_uri)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def fill(services: Services, count: int) -> None:
    for n in range(count):
        services.audit.record(ADMIN, Action.read, subjects=[f"p-{n}"], resource="person",
                              outcome="allowed", purpose="test")


def test_verify_names_a_truncation_and_a_damaged_file(cli_env: None,
                                                      services: Services) -> None:
    fill(services, 6)
    services.audit.checkpoints.flush()
    ok = runner.invoke(app, ["audit", "verify"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["last_checkpoint_seq"] == 6
    # the tail cut, the head reset: as if entries 5 and 6 had never been written
    services.graph.driver.execute_query(
        "MATCH (e:AccessEvent) WHERE e.seq > 4 DELETE e WITH count(*) AS n "
        "MATCH (e:AccessEvent {seq: 4}), (h:AuditHead) SET h.seq = 4, h.hash = e.hash",
        database_="neo4j")
    cut = runner.invoke(app, ["audit", "verify"])
    assert cut.exit_code == 1
    assert json.loads(cut.stdout)["first_broken_seq"] == 5
    assert "entry 5" in cut.output and "truncated" in cut.output
    # the checkpoint file edited: reported on its own line
    path = services.audit.checkpoints.path
    path.write_text(path.read_text().replace('"seq":6', '"seq":7'))
    edited = runner.invoke(app, ["audit", "verify"])
    assert edited.exit_code == 1 and "checkpoints:" in edited.output
    assert "signature does not verify" in edited.output


def test_checkpoint_anchors_a_sound_log_only(cli_env: None, services: Services) -> None:
    fill(services, 3)
    written = runner.invoke(app, ["audit", "checkpoint"])
    assert written.exit_code == 0, written.output
    checkpoint = json.loads(written.stdout)
    assert checkpoint["seq"] == 3 and checkpoint["file"] == str(services.audit.checkpoints.path)
    assert checkpoint["sig"] in services.audit.checkpoints.path.read_text()
    services.graph.driver.execute_query(
        "MATCH (e:AccessEvent {seq: 2}) SET e.outcome = 'denied'", database_="neo4j")
    refused = runner.invoke(app, ["audit", "checkpoint"])
    assert refused.exit_code == 1 and "no checkpoint written" in refused.output


def test_public_key(cli_env: None, services: Services) -> None:
    printed = runner.invoke(app, ["audit", "public-key"])
    assert printed.exit_code == 0, printed.output
    assert printed.stdout.strip() == services.audit.keys.public_key
