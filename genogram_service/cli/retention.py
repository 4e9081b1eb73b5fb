"""``genogram retention``: remove (or list) records past their retention rule."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from genogram_service.cli.common import admin_services, console, fail
from genogram_service.errors import GenogramError

app = typer.Typer(help="Retention and erasure.", no_args_is_help=True)


@app.command("run")
def run(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="only list what would go")] = False,
) -> None:
    """Remove (or list) records past their retention rule; each removal is logged."""
    from genogram_service.records.retention import run_retention

    try:
        with admin_services() as services:
            report = run_retention(services.graph, services.guard, services.records.settings,
                                   dry_run=dry_run)
    except GenogramError as exc:
        fail(exc)
    table = Table("kind", "id", "reason", "records", title=("would remove" if dry_run
                                                            else "removed"))
    for r in report.removals:
        table.add_row(r.kind, r.id, r.reason, str(r.records))
    console.print(table)
    typer.echo(report.model_dump_json(indent=2))
