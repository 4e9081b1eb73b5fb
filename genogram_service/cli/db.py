"""``genogram db``: the local Neo4j (development and tests) and the schema."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

from genogram_service.cli.common import console, fail, local_db, ready
from genogram_service.errors import GenogramError
from genogram_service.settings import Settings

app = typer.Typer(help="The local Neo4j (development and tests) and the schema.",
                  no_args_is_help=True)


@app.command("start")
def start() -> None:
    """Build (first use) and start the local Neo4j; wait until Bolt answers."""
    settings = Settings()
    db = local_db(settings)
    try:
        started = db.start(timeout_s=settings.local_db_start_timeout_s)
    except GenogramError as exc:
        fail(exc)
    console.print(("started" if started else "already running") + f": {db.uri}")


@app.command("stop")
def stop() -> None:
    """Stop the local Neo4j."""
    console.print(local_db(Settings()).stop())


@app.command("status")
def status() -> None:
    """Show whether the local Neo4j runs (exit code 1 when it does not)."""
    settings = Settings()
    state = local_db(settings).status()
    state["external_uri"] = settings.neo4j_uri
    typer.echo(json.dumps(state, indent=2))
    if not state["running"]:
        raise typer.Exit(1)


@app.command("migrate")
def migrate() -> None:
    """Apply the schema (constraints and indexes; idempotent)."""
    from genogram_service.db import Graph

    try:
        graph = Graph.from_settings(ready())
        applied = graph.migrate()
        graph.close()
    except GenogramError as exc:
        fail(exc)
    console.print(f"schema applied: {len(applied)} statements")


@app.command("reset")
def reset(yes: Annotated[bool, typer.Option("--yes", help="really delete everything")] = False
          ) -> None:
    """Delete every node and relationship in the configured database."""
    from genogram_service.db import Graph

    if not yes:
        console.print("refusing without --yes")
        raise typer.Exit(2)
    try:
        settings = ready()
        graph = Graph.from_settings(settings)
        graph.run_autocommit("write/clear_database")
        graph.close()
    except GenogramError as exc:
        fail(exc)
    console.print("database cleared")
    # the access log starts afresh: its old checkpoints would report it as truncated
    checkpoints = settings.effective_audit_checkpoint_file
    if checkpoints.exists():
        kept = checkpoints.with_name(checkpoints.name + ".before-reset-"
                                     + dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
        checkpoints.rename(kept)
        console.print(f"access-log checkpoints moved to {kept}")
