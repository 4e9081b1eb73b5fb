"""``genogram audit``: check, anchor and export the keyed, checkpointed access log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from genogram_service.cli.common import admin_services, configured, console

app = typer.Typer(help="The access log.", no_args_is_help=True)

Checkpoints = Annotated[list[Path] | None, typer.Option(
    "--checkpoints", help="another checkpoint file to check against (e.g. another host's); "
    "repeatable. The configured one is always read")]


@app.command("verify")
def verify(checkpoints: Checkpoints = None) -> None:
    """Check the access log with its key and against the signed checkpoints: names the first
    changed, removed or forged entry, and problems of the checkpoint file."""
    with admin_services() as services:
        result = services.audit.verify(checkpoints or [])
        path = services.audit.checkpoints.path
    typer.echo(result.model_dump_json(indent=2))
    if not result.ok:
        if result.first_broken_seq is not None:
            console.print(f"[red]access log broken[/red] at entry {result.first_broken_seq} "
                          f"({result.first_broken_event_id}): {result.reason}")
        for problem in result.checkpoint_problems:
            console.print(f"[red]checkpoints:[/red] {problem}")
        raise typer.Exit(1)
    if result.keyed_from != 1 and result.entries:
        unkeyed = (result.keyed_from or result.entries + 1) - 1
        console.print(f"entries 1-{unkeyed} were written before the access log had a key: "
                      "they are protected from the first checkpoint after them on "
                      "(`genogram audit checkpoint` writes one now)")
    if not result.checkpoints:
        console.print(f"[yellow]no checkpoint[/yellow] in {path}: a removal of entries from "
                      "the end of the log would not be noticed")


@app.command("checkpoint")
def checkpoint(checkpoints: Checkpoints = None) -> None:
    """Verify the access log and, if it is sound, write a signed checkpoint of its last entry
    now (after an upgrade from a log without a key, or before a backup)."""
    with admin_services() as services:
        result, written = services.audit.anchor(checkpoints or [])
    if written is None:
        typer.echo(result.model_dump_json(indent=2))
        console.print("[red]no checkpoint written[/red]: "
                      + (result.reason or "the access log is empty"))
        raise typer.Exit(1)
    typer.echo(written.model_dump_json())
    console.print(f"checkpoint of entry {written.seq} written to {written.file}")


@app.command("public-key")
def public_key() -> None:
    """Print the public key of the checkpoint signing key: with it, anyone can check that a
    checkpoint file is genuine (GENOGRAM_AUDIT_VERIFY_KEYS after a rotation)."""
    from genogram_service.security.audit_crypto import AuditKeys

    keys = AuditKeys.from_settings(configured())
    typer.echo(keys.public_key)


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
