"""``genogram kinship``: how one person is related to another, in English or Dutch."""

from __future__ import annotations

from typing import Annotated

import typer

from genogram_service.cli.common import admin_services, console, fail
from genogram_service.errors import GenogramError


def kinship(
    person_id: Annotated[str, typer.Argument(help="the person (A)")],
    relative_id: Annotated[str, typer.Argument(help="the relative (B): how is B related "
                                               "to A?")],
    lang: Annotated[str, typer.Option(help="en or nl")] = "en",
    json_: Annotated[bool, typer.Option("--json", help="the whole answer as JSON")] = False,
) -> None:
    """Name how B is related to A (English or Dutch)."""
    from genogram_service.family.kinship import kinship as name_kinship
    from genogram_service.security.access import SYSTEM

    if lang not in ("en", "nl"):
        console.print("[red]error:[/red] --lang is en or nl")
        raise typer.Exit(2)
    try:
        with admin_services() as services:
            result = name_kinship(services.graph, services.guard, SYSTEM, person_id=person_id,
                                  relative_id=relative_id, lang=lang)
    except GenogramError as exc:
        fail(exc)
    typer.echo(result.model_dump_json(indent=2) if json_ else result.name)
