"""Writing a validated bundle: batched ``UNWIND`` upserts, all-or-nothing where it can be.

The bundle has been checked against the database before this runs (validation: references,
BSNs, ancestry through stored records), and :func:`plan_import` has counted what it creates
and what it updates. Bundles up to ``import_single_tx_limit`` records are written in ONE
transaction: a failure rolls everything back. Larger bundles commit batch by batch, in a fixed
order; a failure raises :class:`ImportFailed` naming the batches that committed and the batch
to resume from. After the check such a failure means the database changed meanwhile (another
writer) or failed: the ancestry check inside each transaction stays for the first case. Writes
are upserts by id, so running the same bundle again (or resuming) creates no duplicates.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from genogram_service.db import Graph, Tx, WriteCounters
from genogram_service.errors import (
    DatabaseUnavailable,
    GenogramError,
    ImportFailed,
    ImportInterrupted,
    ValidationProblem,
    field_error,
)
from genogram_service.records import KINDS, Bundle, ImportReport, Kind
from genogram_service.records.bsn import BsnVault
from genogram_service.records.rows import to_row

Progress = Callable[[int], None]  # called with the number of records just written


@dataclass
class Batch:
    index: int
    kind: Kind
    start: int  # index of the first record in the bundle's list for this kind
    rows: list[dict[str, Any]]


def batch_ranges(bundle: Bundle, batch_size: int) -> list[tuple[Kind, int, int]]:
    """The batches as (kind, start, stop) over the kind's list, in write order (one kind per
    batch, at most ``batch_size`` records)."""
    ranges = []
    for kind in KINDS:
        n = len(getattr(bundle, kind.plural))
        ranges += [(kind, start, min(n, start + batch_size)) for start in range(0, n, batch_size)]
    return ranges


def plan_batches(bundle: Bundle, vault: BsnVault, batch_size: int) -> list[Batch]:
    records = {kind.plural: getattr(bundle, kind.plural) for kind in KINDS}
    return [Batch(index, kind, start,
                  [to_row(kind, rec, vault) for rec in records[kind.plural][start:stop]])
            for index, (kind, start, stop) in enumerate(batch_ranges(bundle, batch_size))]


def plan_import(bundle: Bundle, stored: Mapping[str, set[str]], *, batch_size: int,
                resume_from: int = 0) -> ImportReport:
    """The report of an import before it writes: per kind, how many of the records that the
    batches from ``resume_from`` on write are new (``created``) and how many replace a stored
    record of the same id (``updated``). ``stored``: the bundle's ids found in the database,
    by plural kind name."""
    created: dict[str, int] = {}
    updated: dict[str, int] = {}
    ranges = batch_ranges(bundle, batch_size)
    for kind, start, stop in ranges[resume_from:]:
        have = stored.get(kind.plural, set())
        old = sum(1 for rec in getattr(bundle, kind.plural)[start:stop] if rec.id in have)
        for counts, n in ((updated, old), (created, stop - start - old)):
            if n:
                counts[kind.plural] = counts.get(kind.plural, 0) + n
    return ImportReport(bundle_records=bundle.size(), dry_run=True, created=created,
                        updated=updated, written={}, batches=len(ranges))  # nothing written yet


def _ancestry_candidates(batch: Batch) -> list[str]:
    if batch.kind.name == "child_link":
        return [r["child_id"] for r in batch.rows]
    if batch.kind.name == "union":
        return [pid for r in batch.rows for pid in r["partner_ids"]]
    return []


def _write_batch(tx: Tx, *, batch: Batch) -> None:
    tx.run(f"write/upsert_{batch.kind.name}", rows=batch.rows)
    candidates = _ancestry_candidates(batch)
    if candidates:
        cyclic = {r["id"] for r in tx.run("read/ancestry_cycles", ids=candidates)}
        if cyclic:
            field = "child_id" if batch.kind.name == "child_link" else "partner_ids"
            errors = [
                field_error([batch.kind.plural, batch.start + n, field],
                            "would make a person their own ancestor", "ancestry")
                for n, row in enumerate(batch.rows)
                if (row.get("child_id") in cyclic) or set(row.get("partner_ids", ())) & cyclic
            ]
            raise ValidationProblem(errors[:50])


def write_bundle(
    graph: Graph,
    bundle: Bundle,
    vault: BsnVault,
    *,
    batch_size: int,
    single_tx_limit: int,
    progress: Progress | None = None,
    resume_from: int = 0,
    plan: ImportReport | None = None,
) -> ImportReport:
    """Write the bundle; ``plan`` (from :func:`plan_import`) becomes the report, filled in."""
    started = time.perf_counter()
    batches = plan_batches(bundle, vault, batch_size)
    total = WriteCounters()
    transactions = 0
    committed = resume_from

    if bundle.size() <= single_tx_limit and resume_from == 0:

        def work(tx: Tx) -> None:
            for batch in batches:
                _write_batch(tx, batch=batch)
                if progress:
                    progress(len(batch.rows))

        _, counters = graph.in_transaction(work)
        total = counters
        transactions = 1
        committed = len(batches)
    else:
        for batch in batches[resume_from:]:
            try:
                _, counters = graph.in_transaction(partial(_write_batch, batch=batch))
            except GenogramError as exc:
                failed = (ImportInterrupted if isinstance(exc, DatabaseUnavailable)
                          else ImportFailed)
                raise failed(
                    f"batch {batch.index} of {len(batches)} ({batch.kind.plural} from index "
                    f"{batch.start}) failed: {exc.detail or exc.title}. Batches "
                    f"0..{batch.index - 1} are committed; fix the input and resume from batch "
                    f"{batch.index} "
                    "(re-running the whole import is also safe: writes are idempotent).",
                    extra={
                        "committed_batches": batch.index,
                        "resume_from": batch.index,
                        "total_batches": len(batches),
                        **({"created": plan.created, "updated": plan.updated} if plan else {}),
                        "cause": exc.problem(),
                    },
                ) from exc
            for name in vars(total):
                setattr(total, name, getattr(total, name) + getattr(counters, name))
            transactions += 1
            committed = batch.index + 1
            if progress:
                progress(len(batch.rows))

    written: dict[str, int] = {}
    for batch in batches[resume_from:]:
        written[batch.kind.plural] = written.get(batch.kind.plural, 0) + len(batch.rows)
    return ImportReport(
        bundle_records=bundle.size(),
        created=plan.created if plan else {},
        updated=plan.updated if plan else {},
        check_seconds=plan.check_seconds if plan else 0.0,
        written=written,
        created_nodes=total.nodes_created,
        created_relationships=total.relationships_created,
        deleted_relationships=total.relationships_deleted,
        properties_set=total.properties_set,
        batches=len(batches),
        committed_batches=committed,
        transactions=transactions,
        seconds=round(time.perf_counter() - started, 3),
    )

