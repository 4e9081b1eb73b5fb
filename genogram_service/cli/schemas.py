"""``genogram schemas``: the files generated from the models: JSON Schemas and CRUD Cypher."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from genogram_service.cli.common import console

app = typer.Typer(help="What is generated from the pydantic models and the record-kind spec: JSON "
                  "Schemas and the CRUD Cypher.", no_args_is_help=True)


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


@app.command("cypher")
def cypher(
    check: Annotated[bool, typer.Option(help="only check that the files are current")] = False,
) -> None:
    """Write the record kinds' CRUD statements into cypher/ (or --check they are current)."""
    from genogram_service.records.statements import export_statements
    from genogram_service.resources import CYPHER_DIR

    stale = export_statements(CYPHER_DIR, check=check)
    if check and stale:
        console.print("stale statements: " + ", ".join(stale)
                      + " (run `genogram schemas cypher`)")
        raise typer.Exit(1)
    console.print("statements current" if check else
                  f"{len(stale)} statement files updated in {CYPHER_DIR}")
