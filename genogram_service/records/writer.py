"""Writing a validated bundle: batched ``UNWIND`` upserts, all-or-nothing where it can be.

Bundles up to ``import_single_tx_limit`` records are written in ONE transaction: a failure
(including a cycle found by the in-transaction ancestry check) rolls everything back. Larger
bundles commit batch by batch, in a fixed order; a failure raises :class:`ImportFailed` naming
the batches that committed and the batch to resume from. Writes are upserts by id, so running
the same bundle again (or resuming) creates no duplicates.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from genogram_service.db import Graph, Tx, WriteCounters
from genogram_service.errors import GenogramError, ImportFailed, ValidationProblem, field_error
from genogram_service.records import Bundle, ImportReport, Kind
from genogram_service.records.bsn import BsnVault
from genogram_service.records.rows import to_row

Progress = Callable[[int], None]  # called with the number of records just written


@dataclass
class Batch:
    index: int
    kind: Kind
    start: int  # index of the first record in the bundle's list for this kind
    rows: list[dict[str, Any]]


def plan_batches(bundle: Bundle, vault: BsnVault, batch_size: int) -> list[Batch]:
    batches: list[Batch] = []
    for kind, i, rec in bundle.records():
        if not batches or batches[-1].kind is not kind or len(batches[-1].rows) >= batch_size:
            batches.append(Batch(len(batches), kind, i, []))
        batches[-1].rows.append(to_row(kind, rec, vault))
    return batches


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
) -> ImportReport:
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
                raise ImportFailed(
                    f"batch {batch.index} of {len(batches)} ({batch.kind.plural} from index "
                    f"{batch.start}) failed: {exc.detail or exc.title}. Batches "
                    f"0..{batch.index - 1} are committed; fix the input and resume from batch "
                    f"{batch.index} "
                    "(re-running the whole import is also safe: writes are idempotent).",
                    extra={
                        "committed_batches": batch.index,
                        "resume_from": batch.index,
                        "total_batches": len(batches),
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

