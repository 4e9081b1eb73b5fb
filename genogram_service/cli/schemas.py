"""``genogram schemas``: the JSON Schemas generated from the pydantic models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from genogram_service.cli.common import console

app = typer.Typer(help="JSON Schemas generated from the pydantic models.", no_args_is_help=True)


@app.command("export")
def export(
    out: Annotated[Path | None, typer.Option(
        help="target directory (default: the schemas/ the package ships, which is the "
             "repository's in a checkout)")] = None,
    check: Annotated[bool, typer.Option(help="only check that the files are current")] = False,
) -> None:
    """Write one JSON Schema per record kind plus the bundle (or --check they are current)."""
    from genogram_service.records.schemas import export_schemas
    from genogram_service.resources import SCHEMAS_DIR

    out = out or SCHEMAS_DIR
    stale = export_schemas(out, check=check)
    if check and stale:
        console.print("stale schemas: " + ", ".join(stale) + " (run `genogram schemas export`)")
        raise typer.Exit(1)
    console.print("schemas current" if check else f"schemas written to {out}")
