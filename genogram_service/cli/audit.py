"""``genogram audit``: check and export the hash-chained access log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from genogram_service.cli.common import admin_services, console

app = typer.Typer(help="The access log.", no_args_is_help=True)


@app.command("verify")
def verify() -> None:
    """Check the whole hash chain of the access log; names the first broken entry."""
    with admin_services() as services:
        result = services.audit.verify()
    typer.echo(result.model_dump_json(indent=2))
    if not result.ok:
        console.print(f"[red]access log broken[/red] at entry {result.first_broken_seq} "
                      f"({result.first_broken_event_id}): {result.reason}")
        raise typer.Exit(1)


def _moment(value: str) -> dt.datetime:
    """An ISO date-time; without a zone, UTC."""
    t = dt.datetime.fromisoformat(value)
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


@app.command("export")
def export(
    start: Annotated[str, typer.Option(help="ISO date-time (inclusive)")],
    end: Annotated[str, typer.Option(help="ISO date-time (exclusive)")],
    person: Annotated[str | None, typer.Option(help="only entries about this person")] = None,
) -> None:
    """Write access-log entries of a range as NDJSON to standard output."""
    with admin_services() as services:
        for event in services.audit.events(start=_moment(start), end=_moment(end),
                                           person_id=person):
            typer.echo(event.model_dump_json())
