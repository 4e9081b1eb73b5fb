"""The `genogram` command against the real test database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from genogram_service.cli import app
from genogram_service.cli import app as app_
from genogram_service.db import Graph
from genogram_service.settings import Settings, get_settings
from genogram_service.synthetic import generate
from tests.support import samples
from tests.support.helpers import graph_counts
from tests.support.samples import family


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, settings: Settings, graph: Graph) -> Iterator[None]:
    env = {
        "GENOGRAM_NEO4J_URI": settings.effective_neo4j_uri,
        "GENOGRAM_BSN_ENCRYPTION_KEY": settings.bsn_encryption_key.get_secret_value(),  # type: ignore[union-attr]
        "GENOGRAM_BSN_HASH_KEY": settings.bsn_hash_key.get_secret_value(),  # type: ignore[union-attr]
        "GENOGRAM_JWT_SECRET": settings.jwt_secret.get_secret_value(),  # type: ignore[union-attr]
        "GENOGRAM_PSEUDONYM_KEY": settings.pseudonym_key.get_secret_value(),  # type: ignore[union-attr]
        "GENOGRAM_AUDIT_KEY": settings.audit_key.get_secret_value(),  # type: ignore[union-attr]
        "GENOGRAM_AUDIT_SIGNING_KEY": settings.audit_signing_key.get_secret_value(),  # type: ignore[union-attr]
        "GENOGRAM_LOCAL_DB_DIR": str(settings.local_db_dir),
        "GENOGRAM_LOCAL_DB_PORT": str(settings.local_db_port),
    }
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


runner = CliRunner()


def test_import_json_and_ndjson(cli_env: None, graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "family.json"
    path.write_text(json.dumps(family()))
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{"):])
    assert report["bundle_records"] == sum(len(v) for v in family().values())
    counts = graph_counts(graph)
    assert runner.invoke(app, ["import", str(path)]).exit_code == 0
    assert graph_counts(graph) == counts


def test_import_rejects_bad_file_and_writes_nothing(cli_env: None, graph: Graph,
                                                    tmp_path: Path) -> None:
    data = family()
    data["persons"][0]["death_date"] = "1900-01-01"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 1
    assert "persons[0].death_date" in result.output
    assert graph_counts(graph) == {}


def _said(text: str) -> str:
    """The console's lines joined again (rich wraps them at the terminal's width)."""
    return " ".join(text.split())


def test_import_dry_run_says_what_it_would_do_and_writes_nothing(cli_env: None, graph: Graph,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "family.json"
    data = family()
    path.write_text(json.dumps(data))
    result = runner.invoke(app, ["import", "--dry-run", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{"):])
    assert report["dry_run"] is True and report["written"] == {}
    assert report["created"] == {k: len(v) for k, v in data.items()}
    assert "would create 30 (persons 5," in _said(result.stderr)
    assert graph_counts(graph) == {}

    assert runner.invoke(app, ["import", str(path)]).exit_code == 0
    counts = graph_counts(graph)
    data["persons"].append({"id": "p-nieuw", "sex": "female"})
    path.write_text(json.dumps(data))
    result = runner.invoke(app, ["import", "--dry-run", str(path)])
    assert "would create 1 (persons 1), would update 30" in _said(result.stderr)
    assert graph_counts(graph) == counts
    # the import itself says it before it writes
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "creates 1 (persons 1), updates 30" in _said(result.stderr)


def test_two_seeds_add_up_and_share_no_record(cli_env: None, graph: Graph) -> None:
    """Seed 9 over seed 1 once replaced the persons of seed 1 with the same ids."""
    assert runner.invoke(app, ["seed", "--families", "5", "--seed", "1"]).exit_code == 0
    first = graph_counts(graph)
    result = runner.invoke(app, ["seed", "--families", "5", "--seed", "9"])
    assert result.exit_code == 0, result.output
    both = graph_counts(graph)
    second = generate(families=5, seed=9)
    for label, records in (("node:Person", second.persons), ("node:Union", second.unions),
                           ("node:Organisation", second.organisations),
                           ("node:Professional", second.professionals)):
        assert both[label] == first[label] + len(records), label


def test_seed_loads_deterministic_data(cli_env: None, graph: Graph, tmp_path: Path) -> None:
    result = runner.invoke(app, ["seed", "--families", "5", "--seed", "3"])
    assert result.exit_code == 0, result.output
    counts = graph_counts(graph)
    assert counts["node:Person"] > 5 * 5
    out = tmp_path / "seed.ndjson"
    assert runner.invoke(app, ["seed", "--families", "5", "--seed", "3", "--out",
                               str(out)]).exit_code == 0
    assert runner.invoke(app, ["import", str(out)]).exit_code == 0
    assert graph_counts(graph) == counts  # the NDJSON is the same data: nothing new


def test_db_status_reports_the_running_server(cli_env: None, settings: Settings) -> None:
    if settings.neo4j_uri and not settings.neo4j_uri.endswith(f":{settings.local_db_port}"):
        pytest.fail("status of the local server cannot be tested against an external one")
    result = runner.invoke(app, ["db", "status"])
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)
    assert status["running"] and status["answers"] and status["built"]


def test_schemas_check(cli_env: None) -> None:
    assert runner.invoke(app, ["schemas", "export", "--check"]).exit_code == 0


def test_users_tokens_and_audit_verify(cli_env: None, graph: Graph, app: object) -> None:
    from fastapi.testclient import TestClient

    result = runner.invoke(app_cli := app_, ["users", "create", "ann", "--role", "auditor",
                                             "--api-key"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert json.loads(lines[0])["role"] == "auditor" and lines[1].startswith("gk_")
    bad = runner.invoke(app_cli, ["users", "create", "bob", "--role", "case_worker"])
    assert bad.exit_code == 1 and "professional_id" in bad.output
    token = runner.invoke(app_cli, ["tokens", "issue", "ann", "--minutes", "5"]).stdout.strip()
    with TestClient(app) as c:  # type: ignore[arg-type]
        for headers in ({"Authorization": f"Bearer {token}"}, {"X-API-Key": lines[1]}):
            assert c.get("/audit/verify", headers=headers).json()["ok"] is True
    family_file = Path(samples.__file__)
    assert family_file.exists()
    with TestClient(app) as c:  # type: ignore[arg-type]
        # an import and a read: entries in the access log
        c.headers["X-API-Key"] = lines[1]
        assert c.get("/audit/access").status_code == 200
    ok = runner.invoke(app_cli, ["audit", "verify"])
    assert ok.exit_code == 0, ok.output
    graph.driver.execute_query("MATCH (e:AccessEvent {seq: 1}) SET e.outcome = 'denied'",
                               database_="neo4j")
    broken = runner.invoke(app_cli, ["audit", "verify"])
    assert broken.exit_code == 1
    assert json.loads(broken.stdout)["first_broken_seq"] == 1
    assert "entry 1" in broken.output


def test_users_revoke_disable_set_role_delete(cli_env: None, graph: Graph, app: object) -> None:
    """Each command ends the account's token and API key (the API process's own cache is
    cleared by the recheck time: the CLI is another process)."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    assert isinstance(app, FastAPI)
    for command in (["revoke"], ["disable"], ["set-role", "analyst"], ["delete"]):
        name = f"svc-{command[0]}"
        created = runner.invoke(app_, ["users", "create", name, "--role", "auditor",
                                       "--api-key"])
        assert created.exit_code == 0, created.output
        key = created.stdout.strip().splitlines()[1]
        token = runner.invoke(app_, ["tokens", "issue", name]).stdout.strip()
        with TestClient(app) as c:
            for headers in ({"Authorization": f"Bearer {token}"}, {"X-API-Key": key}):
                assert c.get("/auth/me", headers=headers).status_code == 200
            args = [command[0], name, *command[1:]]
            result = runner.invoke(app_, ["users", *args])
            assert result.exit_code == 0, result.output
            app.state.auth._states.clear()  # as if the recheck time had passed
            for headers in ({"Authorization": f"Bearer {token}"}, {"X-API-Key": key}):
                assert c.get("/auth/me", headers=headers).status_code == 401, command
    assert runner.invoke(app_, ["users", "revoke", "nobody"]).exit_code == 1
    assert runner.invoke(app_, ["users", "set-role", "svc-revoke", "case_worker"]).exit_code == 1


def test_retention_cli_dry_run(cli_env: None, graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "family.json"
    path.write_text(json.dumps(family()))
    assert runner.invoke(app_, ["import", str(path)]).exit_code == 0
    before = graph_counts(graph)
    result = runner.invoke(app_, ["retention", "run", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert graph_counts(graph) == before
