"""``genogram import`` and ``genogram seed``: bundles and synthetic families into the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from genogram_service.cli.common import build, console, fail, progress, ready
from genogram_service.errors import GenogramError

if TYPE_CHECKING:
    from genogram_service.records import ImportReport
    from genogram_service.records.service import RecordService


def _counts(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    return f"{total}" + (f" ({', '.join(f'{k} {n}' for k, n in counts.items())})" if total
                         else "")


def _tell(report: ImportReport) -> None:
    verb = ("would create", "would update") if report.dry_run else ("creates", "updates")
    console.print(f"checked against the database: {verb[0]} {_counts(report.created)}, "
                  f"{verb[1]} {_counts(report.updated)} records")


def import_(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True,
                                         help="bundle: .json object or .ndjson/.jsonl lines")],
    resume_from: Annotated[int, typer.Option(help="first batch to write (after a failed large "
                                             "import)")] = 0,
    dry_run: Annotated[bool, typer.Option(help="validate (against the database too) and print "
                                          "the report of what would be created and updated, "
                                          "without writing")] = False,
) -> None:
    """Validate a whole bundle, against the database too, then write it (idempotent:
    re-running creates no duplicates). Before the first write it says how many records it
    creates and how many stored ones it updates, per kind."""
    from genogram_service.records.bundles import parse_bundle

    try:
        settings = ready()
        bundle = parse_bundle(file.read_bytes(), ndjson=file.suffix in (".ndjson", ".jsonl"))
        records = build(settings).records
        records.graph.migrate()
        if dry_run:
            report = records.import_bundle(bundle, resume_from=resume_from, dry_run=True)
            _tell(report)
        else:
            with progress() as bar:
                task = bar.add_task("importing", total=bundle.size())
                report = records.import_bundle(bundle, resume_from=resume_from, checked=_tell,
                                               progress=lambda n: bar.advance(task, n))
        records.graph.close()
    except GenogramError as exc:
        fail(exc)
    typer.echo(report.model_dump_json(indent=2))


def seed_into(records: RecordService, *, families: int, seed: int, chunk: int = 2000) -> None:
    """Generate ``families`` synthetic families and import them, ``chunk`` at a time."""
    from genogram_service.synthetic.seed import generate_chunks

    with progress() as bar:
        task = bar.add_task(f"seeding {families} families", total=families)
        done = 0
        for bundle in generate_chunks(families=families, seed=seed, chunk_families=chunk):
            records.import_bundle(bundle)
            step = min(chunk, families - done)  # every chunk but the last has `chunk` families
            bar.advance(task, step)
            done += step


def seed(
    families: Annotated[int, typer.Option(min=1, help="number of families")] = 100,
    seed: Annotated[int, typer.Option(min=0, help="random seed: same seed, "
                                      "same data; part of every id (p-s1-000123-04), so "
                                      "datasets of different seeds do not overlap")] = 1,
    out: Annotated[Path | None, typer.Option(help="write the bundle as NDJSON here instead of "
                                             "loading it into the database")] = None,
) -> None:
    """Generate deterministic synthetic Dutch families and load them (or write NDJSON)."""
    from genogram_service.synthetic import MAX_FAMILIES, MAX_SEED
    from genogram_service.synthetic.seed import generate_chunks

    if seed > MAX_SEED:
        raise typer.BadParameter(f"at most {MAX_SEED}", param_hint="--seed")
    if families > MAX_FAMILIES:
        raise typer.BadParameter(f"at most {MAX_FAMILIES}", param_hint="--families")

    if out is not None:
        from genogram_service.records import KINDS

        with out.open("wb") as fh:
            for bundle in generate_chunks(families=families, seed=seed):
                for kind in KINDS:
                    for rec in getattr(bundle, kind.plural):
                        fields = rec.model_dump(mode="json", exclude_none=True)
                        line = {"record": kind.name, **fields}
                        fh.write(json.dumps(line, ensure_ascii=False).encode() + b"\n")
        console.print(f"wrote {out}")
        return
    try:
        records = build(ready()).records
        records.graph.migrate()
        seed_into(records, families=families, seed=seed)
        records.graph.close()
    except GenogramError as exc:
        fail(exc)
