"""What every command group shares: the console, failing with a message, the settings with
their development keys, the local Neo4j, the services."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from genogram_service.db.local import LocalDb
from genogram_service.errors import GenogramError, ValidationProblem
from genogram_service.settings import Settings

if TYPE_CHECKING:
    from genogram_service.container import Services

console = Console(stderr=True)

SECRET_SETTINGS = ("bsn_encryption_key", "bsn_hash_key", "jwt_secret", "pseudonym_key",
                   "audit_key", "audit_signing_key")


def setup_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def fail(exc: GenogramError) -> NoReturn:
    """The error's message (and the first field errors) on standard error; exit code 1."""
    console.print(f"[red]error:[/red] {exc.detail or exc.title}")
    if isinstance(exc, ValidationProblem):
        for err in exc.errors[:50]:
            console.print(f"  {err.field}: {err.reason}")
        if len(exc.errors) > 50:
            console.print(f"  ... and {len(exc.errors) - 50} more")
    raise typer.Exit(1)


def local_db(settings: Settings) -> LocalDb:
    return LocalDb(settings.local_db_dir, settings.local_db_port, settings.local_db_heap)


def configured() -> Settings:
    """The settings of this run. With a local database and a secret not configured, the
    development keys are created once in ``dev_secrets_file`` (which :class:`Settings` reads
    while no external Neo4j is configured), so later runs use the same keys. Against an
    external database the secrets must be configured.

    A fresh :class:`Settings` (not the cached ``get_settings()``): a command runs once per
    process, and the keys written here are read by the next instance."""
    settings = Settings()
    missing = [name for name in SECRET_SETTINGS if getattr(settings, name) is None]
    if not missing:
        return settings
    if not settings.uses_local_db:
        names = ", ".join("GENOGRAM_" + n.upper() for n in missing)
        raise GenogramError(f"{names} must be set when an external Neo4j is configured "
                            "(`genogram secrets generate` prints fresh values)")
    from genogram_service.records.bsn import generate_secrets

    wanted = {"GENOGRAM_" + name.upper() for name in missing}
    fresh = "".join(f"{k}={v}\n" for k, v in generate_secrets().items() if k in wanted)
    path = settings.dev_secrets_file
    path.parent.mkdir(parents=True, exist_ok=True)
    # created readable by its owner only, before a key is written into it
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "a") as fh:
        fh.write(fresh)
    path.chmod(0o600)
    return Settings()


def ensure_database(settings: Settings) -> None:
    """Start the local Neo4j when no external one is configured."""
    if settings.uses_local_db:
        db = local_db(settings)
        if db.start(timeout_s=settings.local_db_start_timeout_s):
            console.print(f"started local Neo4j on {db.uri} (data in {db.data_dir})")


def ready() -> Settings:
    """The settings, with the development keys and the local Neo4j started when needed."""
    settings = configured()
    ensure_database(settings)
    return settings


def build(settings: Settings) -> Services:
    from genogram_service.container import build_services

    return build_services(settings)


@contextmanager
def admin_services() -> Iterator[Services]:
    """The services against a migrated database, closed afterwards."""
    services = build(ready())
    try:
        services.graph.migrate()
        yield services
    finally:
        services.close()


def progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=console)
