"""What an import says before it writes: its batches and, per kind, how many records it
creates and how many stored ones it replaces (no database: the stored ids are given)."""

from __future__ import annotations

from genogram_service.records import KINDS, Bundle, Person, Union
from genogram_service.records.bsn import BsnVault, generate_secrets
from genogram_service.records.writer import batch_ranges, plan_batches, plan_import
from genogram_service.settings import Settings


def _bundle(persons: int, unions: int) -> Bundle:
    return Bundle.of({
        "persons": [Person(id=f"p-{i}", sex="unknown") for i in range(persons)],
        "unions": [Union(id=f"u-{i}", kind="other", partner_ids=[f"p-{i}"])
                   for i in range(unions)],
    })


def test_batches_follow_the_write_order_one_kind_per_batch() -> None:
    bundle = _bundle(persons=250, unions=30)
    ranges = batch_ranges(bundle, 100)
    assert [(k.plural, start, stop) for k, start, stop in ranges] == [
        ("persons", 0, 100), ("persons", 100, 200), ("persons", 200, 250), ("unions", 0, 30)]
    order = [k.plural for k in KINDS]
    assert order.index("persons") < order.index("unions")
    secrets = generate_secrets()
    vault = BsnVault.from_settings(Settings(
        bsn_encryption_key=secrets["GENOGRAM_BSN_ENCRYPTION_KEY"],
        bsn_hash_key=secrets["GENOGRAM_BSN_HASH_KEY"]))
    batches = plan_batches(bundle, vault, 100)
    assert [(b.index, b.kind.plural, b.start, len(b.rows)) for b in batches] == [
        (i, k.plural, start, stop - start) for i, (k, start, stop) in enumerate(ranges)]
    assert batches[1].rows[0]["id"] == "p-100"


def test_plan_counts_created_and_updated_per_kind() -> None:
    bundle = _bundle(persons=250, unions=30)
    stored = {"persons": {"p-0", "p-1", "p-120", "p-other"}, "unions": set()}
    plan = plan_import(bundle, stored, batch_size=100)
    assert plan.dry_run and plan.written == {} and plan.batches == 4
    assert plan.created == {"persons": 247, "unions": 30}
    assert plan.updated == {"persons": 3}
    # resuming: only what the remaining batches write
    resumed = plan_import(bundle, stored, batch_size=100, resume_from=1)
    assert resumed.created == {"persons": 149, "unions": 30} and resumed.updated == {"persons": 1}
    assert plan_import(bundle, stored, batch_size=100, resume_from=4).created == {}
