"""``genogram render PERSON_ID -o FILE`` against the real test database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from genogram_service.cli import app
from genogram_service.cli.common import SECRET_SETTINGS
from genogram_service.container import Services
from genogram_service.db import Graph
from genogram_service.records import Bundle
from genogram_service.settings import Settings, get_settings
from tests.support.families import FAMILIES

runner = CliRunner()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, settings: Settings, graph: Graph) -> Iterator[None]:
    for name in SECRET_SETTINGS:
        value = getattr(settings, name)
        if value is not None:
            monkeypatch.setenv(f"GENOGRAM_{name.upper()}", value.get_secret_value())
    monkeypatch.setenv("GENOGRAM_NEO4J_URI", settings.effective_neo4j_uri)
    monkeypatch.setenv("GENOGRAM_LOCAL_DB_DIR", str(settings.local_db_dir))
    monkeypatch.setenv("GENOGRAM_LOCAL_DB_PORT", str(settings.local_db_port))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_render_writes_each_format(cli_env: None, services: Services, tmp_path: Path) -> None:
    bundle, index = FAMILIES["three_partners"]()
    services.records.import_bundle(Bundle.model_validate(bundle))
    for suffix, magic in ((".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF"),
                          (".dot", b"digraph")):
        out = tmp_path / f"g{suffix}"
        result = runner.invoke(app, ["render", index, "-o", str(out), "--at", "2026-06-01",
                                     "--lang", "en", "--no-professionals"])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)
        assert "12" in result.output and "persons" in result.output


def test_render_refuses_bad_input(cli_env: None, tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", "x", "-o", str(tmp_path / "g.gif")])
    assert result.exit_code == 2
    result = runner.invoke(app, ["render", "x", "-o", str(tmp_path / "g.svg"), "--since",
                                 "2025-01-01", "--until", "2024-01-01"])
    assert result.exit_code == 1 and "since" in result.output
    result = runner.invoke(app, ["render", "nobody", "-o", str(tmp_path / "g.svg")])
    assert result.exit_code == 1 and "no person" in result.output
