"""``genogram import-gedcom`` and ``genogram export-gedcom``: families in GEDCOM files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from genogram_service.cli.common import admin_services, console, fail, progress
from genogram_service.errors import GenogramError


def import_gedcom(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True,
                                         help="a GEDCOM file: 5.5, 5.5.1 or 7 (.ged)")],
    key: Annotated[str | None, typer.Option(help="file key for the ids (default: from the "
                                            "file's HEAD and name)")] = None,
    force: Annotated[bool, typer.Option(help="update persons of an earlier import with the "
                                        "same key even when their names differ")] = False,
    dry_run: Annotated[bool, typer.Option(help="read and check the file (against the database "
                                          "too) and print the report without writing")] = False,
) -> None:
    """Import a GEDCOM file (idempotent: importing it again changes nothing) and print the
    import report as JSON."""
    from genogram_service.gedcom.service import import_gedcom as run_import
    from genogram_service.security.access import SYSTEM

    try:
        with admin_services() as services, progress() as bar:
            task = bar.add_task(f"importing {file.name}", total=None)
            report = run_import(
                services.records, file.read_bytes(), actor=SYSTEM, file_name=file.name,
                key=key, force=force, progress=lambda n: bar.advance(task, n),
                writing=lambda total: bar.update(task, total=total), dry_run=dry_run)
    except GenogramError as exc:
        fail(exc)
    table = Table("", "read", "imported", "merged", "skipped", title=f"{file.name} "
                  f"(GEDCOM {report.version}, {report.encoding}, key {report.file_key})"
                  + (": dry run, nothing written" if report.dry_run else ""))
    for label, count in (("individuals", report.individuals), ("families", report.families),
                         ("relationships", report.relationships)):
        table.add_row(label, str(count.read), str(count.imported), str(count.merged),
                      str(count.skipped))
    console.print(table)
    for note in report.skipped + report.warnings:
        console.print(f"  {note.code}: {note.message}" + (f" ({note.count}x)" if note.count > 1
                                                           else ""))
    typer.echo(report.model_dump_json(indent=2))


def export_gedcom(
    person_id: Annotated[str, typer.Argument(help="the person whose family is exported")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="output file (default: "
                                             "standard output)")] = None,
    generations: Annotated[int, typer.Option(min=0, max=6, help="generations up and "
                                             "down")] = 2,
) -> None:
    """Write the family of a person as GEDCOM 7 (with our extension tags)."""
    from genogram_service.gedcom.service import export_gedcom as run_export
    from genogram_service.security.access import SYSTEM

    try:
        with admin_services() as services:
            result = run_export(services.graph, services.guard, SYSTEM, person_id=person_id,
                                generations=generations)
    except GenogramError as exc:
        fail(exc)
    if out is None:
        sys.stdout.buffer.write(result.content)
        return
    out.write_bytes(result.content)
    console.print(f"wrote {out} ({result.persons} persons, {result.families} families)")
