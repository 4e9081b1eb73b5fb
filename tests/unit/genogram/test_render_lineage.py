"""The lineage generator behind the large genogram tests: sizes, generations, one connected
family, valid and deterministic (no database needed)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from genogram_service.records import Bundle
from genogram_service.synthetic import DEFAULT_TODAY, generate_lineage


def _component(bundle: Bundle, start: str) -> set[str]:
    adj: dict[str, set[str]] = defaultdict(set)
    for u in bundle.unions:
        for p in u.partner_ids:
            adj[p].add(str(u.id))
            adj[str(u.id)].add(p)
    for link in bundle.child_links:
        adj[link.child_id].add(link.union_id)
        adj[link.union_id].add(link.child_id)
    seen, todo = {start}, [start]
    while todo:
        for y in adj[todo.pop()] - seen:
            seen.add(y)
            todo.append(y)
    return seen


def _generations(bundle: Bundle) -> int:
    parents: dict[str, list[str]] = defaultdict(list)
    partners = {u.id: u.partner_ids for u in bundle.unions}
    for link in bundle.child_links:
        parents[link.child_id] += partners[link.union_id]
    depth: dict[str, int] = {}

    def d(pid: str) -> int:
        if pid not in depth:
            depth[pid] = 1 + max((d(p) for p in parents[pid]), default=0)
        return depth[pid]

    return max(d(str(p.id)) for p in bundle.persons)


@pytest.mark.parametrize(("persons", "generations", "lineages"),
                         [(40, 4, 1), (150, 5, 2), (700, 6, 4)])
def test_sizes_generations_and_one_family(persons: int, generations: int, lineages: int
                                          ) -> None:
    lineage = generate_lineage(persons=persons, generations=generations, lineages=lineages)
    bundle = lineage.bundle
    assert len(bundle.persons) == persons
    assert _generations(bundle) == generations
    everyone = {p.id for p in bundle.persons}
    assert everyone <= _component(bundle, lineage.index_id)
    assert all(p.birth_date is not None and p.birth_date < DEFAULT_TODAY
               for p in bundle.persons)
    Bundle.model_validate(bundle.model_dump(mode="json", exclude_none=True))  # every rule


def test_professionals_around_the_youngest_family() -> None:
    lineage = generate_lineage(persons=40, generations=4, professionals=15)
    bundle = lineage.bundle
    assert len(bundle.professionals) == 15
    mother = lineage.mother_id
    seen = {c.professional_ids[0] for c in bundle.contacts if mother in c.person_ids}
    orgs = {e.organisation_id for e in bundle.employments if e.professional_id in seen}
    assert (len(seen), len(orgs)) == (9, 5)
    start = DEFAULT_TODAY - dt.timedelta(days=4 * 365)
    assert all(start <= c.date < DEFAULT_TODAY for c in bundle.contacts)


def test_deterministic() -> None:
    a = generate_lineage(persons=150, generations=5, lineages=2, seed=3)
    b = generate_lineage(persons=150, generations=5, lineages=2, seed=3)
    c = generate_lineage(persons=150, generations=5, lineages=2, seed=4)
    assert a.bundle.model_dump() == b.bundle.model_dump()
    assert a.bundle.model_dump() != c.bundle.model_dump()
