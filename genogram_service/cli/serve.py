"""``genogram serve``: the API, with the local Neo4j, demo data and demo accounts when needed."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING, Annotated

import typer

from genogram_service.cli.common import build, console, fail, ready, setup_logging
from genogram_service.cli.data import seed_into
from genogram_service.errors import GenogramError

if TYPE_CHECKING:
    from genogram_service.container import Services


def serve(
    host: Annotated[str | None, typer.Option(help="default: GENOGRAM_HOST or 127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="default: GENOGRAM_PORT or 8000")] = None,
    demo_families: Annotated[int, typer.Option(help="families of demo data to load into an "
                                               "empty database (0: none)")] = 200,
) -> None:
    """Run the API (starting the local Neo4j and loading demo data when needed)."""
    import uvicorn

    from genogram_service.api import create_app

    setup_logging()
    try:
        settings = ready()
        services = build(settings)
        services.graph.migrate()
        if demo_families and not services.graph.read("read/find_persons", name=None,
                                                      birth_date=None, bsn_hash=None,
                                                      after=None, limit=1):
            seed_into(services.records, families=demo_families, seed=1)
        if not services.auth.list_users():
            demo_users(services)
        services.close()
    except GenogramError as exc:
        fail(exc)
    host = host or settings.host
    port = port or settings.port
    console.print(f"API on http://{host}:{port} (OpenAPI docs at http://{host}:{port}/docs)")
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False,
                log_level="info")


def demo_users(services: Services) -> None:
    """Demo accounts with random passwords, written to var/demo-accounts.txt (never in code)."""
    from genogram_service.security.access import Role

    rows = services.graph.read("read/professional_with_active_assignment", today=dt.date.today())
    accounts = [("admin", Role.admin, None), ("analyst", Role.analyst, None),
                ("auditor", Role.auditor, None)]
    if rows:
        accounts.append(("caseworker", Role.case_worker, rows[0]["professional_id"]))
    path = services.records.settings.dev_secrets_file.parent / "demo-accounts.txt"
    lines = []
    for username, role, professional in accounts:
        password = secrets.token_urlsafe(12)
        try:
            services.auth.create_user(username=username, role=role,
                                      professional_id=professional, password=password)
        except GenogramError:
            continue  # exists already
        lines.append(f"{username}\t{role.value}\t{password}\t{professional or ''}\n")
    if lines:
        with path.open("a") as fh:
            fh.writelines(lines)
        path.chmod(0o600)
        console.print(f"demo accounts (username, role, password) in {path}")
