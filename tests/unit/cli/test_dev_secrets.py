"""Development keys: ``genogram`` creates them once in ``dev_secrets_file`` for a local
database, and :class:`Settings` reads them itself, after the environment and ``.env``, and never
for an external database."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from genogram_service.cli.common import SECRET_SETTINGS, configured
from genogram_service.errors import GenogramError
from genogram_service.settings import Settings


@pytest.fixture
def dev_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No GENOGRAM_ variable of the caller, no ``.env`` of the checkout; the file in tmp."""
    for name in list(os.environ):
        if name.startswith("GENOGRAM_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "var" / "dev-secrets.env"
    monkeypatch.setenv("GENOGRAM_DEV_SECRETS_FILE", str(path))
    return path


def keys(settings: Settings) -> dict[str, str | None]:
    out = {}
    for name in SECRET_SETTINGS:
        value = getattr(settings, name)
        out[name] = None if value is None else value.get_secret_value()
    return out


def test_keys_are_created_once_and_read_by_settings(dev_file: Path) -> None:
    assert set(keys(Settings()).values()) == {None}
    first = keys(configured())
    assert None not in first.values()
    assert stat.S_IMODE(dev_file.stat().st_mode) == 0o600
    assert keys(configured()) == first  # a later run reuses them
    assert keys(Settings()) == first  # read by the settings class itself
    assert len(dev_file.read_text().splitlines()) == len(SECRET_SETTINGS)


def test_only_missing_keys_are_added(dev_file: Path) -> None:
    dev_file.parent.mkdir(parents=True)
    dev_file.write_text("GENOGRAM_JWT_SECRET=kept-from-an-earlier-run\n")
    settings = keys(configured())
    assert settings["jwt_secret"] == "kept-from-an-earlier-run"
    assert None not in settings.values()
    assert dev_file.read_text().count("GENOGRAM_JWT_SECRET=") == 1


def test_explicit_configuration_wins(dev_file: Path, monkeypatch: pytest.MonkeyPatch,
                                     tmp_path: Path) -> None:
    generated = keys(configured())
    (tmp_path / ".env").write_text("GENOGRAM_BSN_HASH_KEY=from-the-dot-env-file\n")
    monkeypatch.setenv("GENOGRAM_JWT_SECRET", "from-the-environment")
    settings = keys(configured())
    assert settings["jwt_secret"] == "from-the-environment"
    assert settings["bsn_hash_key"] == "from-the-dot-env-file"
    assert settings["pseudonym_key"] == generated["pseudonym_key"]


def test_an_external_database_never_gets_the_development_keys(
        dev_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configured()
    monkeypatch.setenv("GENOGRAM_NEO4J_URI", "bolt://db.example:7687")
    assert set(keys(Settings()).values()) == {None}
    with pytest.raises(GenogramError, match="GENOGRAM_BSN_ENCRYPTION_KEY.*must be set"):
        configured()
    before = dev_file.read_text()
    monkeypatch.setenv("GENOGRAM_JWT_SECRET", "configured")
    with pytest.raises(GenogramError, match="GENOGRAM_BSN_HASH_KEY"):
        configured()
    assert dev_file.read_text() == before
