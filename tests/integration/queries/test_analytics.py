"""Second opinion, networkx analytics: the family involvements (their input) and both analyses
computed again in plain Python (no networkx: breadth-first search, Brandes' algorithm,
union-find and a day-by-day sweep) and compared with the service's answers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from typing import Any

import pytest

from genogram_service.queries.catalogue import run_query
from genogram_service.security.access import SYSTEM
from tests.support.query_fixtures import (
    END,
    START,
    TODAY,
    Loaded,
    World,
    covers,
    d,
    days_between,
    loaded,
)

__all__ = ["loaded"]  # the fixture

WINDOWS = [(START, END), (d("2016-01-01"), d("2021-12-31"))]


def run(ld: Loaded, name: str, **params: Any) -> list[dict[str, Any]]:
    result = run_query(ld.graph, ld.guard, actor=SYSTEM, name=name, params=params, today=TODAY)
    return result.rows


def expected_involvements(w: World, start: dt.date, end: dt.date,
                          household: str | None = None) -> list[dict[str, Any]]:
    in_case = {pid for c in w.cases.values() for pid in c.person_ids}
    rows = []
    for hid in sorted(w.members_of):
        members = w.members_of[hid]
        if (household and hid != household) or not any(m.person_id in in_case for m in members):
            continue
        seen: dict[str, dict[str, Any]] = defaultdict(dict)  # professional -> contacts by id
        for m in members:
            for c in w.contacts_of.get(m.person_id, []):
                if start <= c.date <= end and covers(m.start_date, m.end_date, c.date):
                    for pro in c.professional_ids:
                        seen[pro][c.id] = c
        for pro in sorted(seen):
            cts = sorted(seen[pro].values(), key=lambda c: (c.date, c.id))
            orgs = w.employers(pro, cts[0].date)
            org = orgs[0] if orgs else None
            met = sorted({p for c in cts for p in c.professional_ids if p != pro})
            rows.append({
                "household_id": hid, "professional_id": pro,
                "professional_name": w.pros[pro].name, "organisation_id": org,
                "organisation_name": w.org_field(org, "name"),
                "organisation_type": w.org_field(org, "type"),
                "first_contact": cts[0].date, "last_contact": cts[-1].date,
                "contacts": len(cts), "met": met})
    return rows


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_family_involvements(loaded: Loaded, start: dt.date, end: dt.date) -> None:
    expected = expected_involvements(loaded.world, start, end)
    assert any(r["met"] for r in expected)
    assert run(loaded, "family_involvements", start=start, end=end) == expected
    assert run(loaded, "family_involvements", start=start, end=end, household_id="x-h1") == \
        expected_involvements(loaded.world, start, end, "x-h1")


# ----------------------------------------------------------------------------- centrality


def brandes(adj: dict[str, set[str]]) -> dict[str, float]:
    """Betweenness centrality of an undirected, unweighted graph (Brandes 2001), normalised
    by (n-1)(n-2) over ordered pairs, i.e. as networkx normalises it for undirected graphs."""
    bc = dict.fromkeys(adj, 0.0)
    for s in adj:
        stack: list[str] = []
        preds: dict[str, list[str]] = {v: [] for v in adj}
        sigma = dict.fromkeys(adj, 0.0)
        sigma[s] = 1.0
        dist = dict.fromkeys(adj, -1)
        dist[s] = 0
        queue = deque([s])
        while queue:
            v = queue.popleft()
            stack.append(v)
            for u in adj[v]:
                if dist[u] < 0:
                    dist[u] = dist[v] + 1
                    queue.append(u)
                if dist[u] == dist[v] + 1:
                    sigma[u] += sigma[v]
                    preds[u].append(v)
        delta = dict.fromkeys(adj, 0.0)
        while stack:
            u = stack.pop()
            for v in preds[u]:
                delta[v] += sigma[v] / sigma[u] * (1 + delta[u])
            if u != s:
                bc[u] += delta[u]
    n = len(adj)
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {v: x * scale for v, x in bc.items()} if n > 2 else bc


def component_sizes(adj: dict[str, set[str]]) -> dict[str, int]:
    size: dict[str, int] = {}
    for s in adj:
        if s in size:
            continue
        seen = {s}
        queue = deque([s])
        while queue:
            for u in adj[queue.popleft()]:
                if u not in seen:
                    seen.add(u)
                    queue.append(u)
        for v in seen:
            size[v] = len(seen)
    return size


@pytest.mark.parametrize("level", ["organisation", "professional"])
def test_collaboration_centrality(loaded: Loaded, level: str) -> None:
    rows = expected_involvements(loaded.world, START, END)
    fams: dict[str, set[str]] = defaultdict(set)
    info: dict[str, tuple[str, str]] = {}
    for r in rows:
        node = r["organisation_id"] if level == "organisation" else r["professional_id"]
        if node is None:
            continue
        fams[node].add(r["household_id"])
        name = r["organisation_name"] if level == "organisation" else r["professional_name"]
        info.setdefault(node, (name, r["organisation_type"]))
    adj = {v: {u for u in fams if u != v and fams[u] & fams[v]} for v in fams}
    bc = brandes(adj)
    sizes = component_sizes(adj)
    got = run(loaded, "collaboration_centrality", start=START, end=END, level=level,
              top=10_000, sample=0)
    assert [r["rank"] for r in got] == list(range(1, len(fams) + 1))
    for r in got:
        v = r["node_id"]
        assert r["name"] == info[v][0] and r["node_type"] == info[v][1]
        assert r["families"] == len(fams[v])
        assert r["collaborators"] == len(adj[v])
        assert r["shared_families"] == sum(len(fams[u] & fams[v]) for u in adj[v])
        assert r["component_size"] == sizes[v]
        assert r["betweenness"] == pytest.approx(bc[v], abs=1e-12)
    # ranked by betweenness, then collaborators, then id
    keys = [(-round(r["betweenness"], 9), -r["collaborators"], r["node_id"]) for r in got]
    assert keys == sorted(keys)
    assert max(bc.values()) > 0
    top = run(loaded, "collaboration_centrality", start=START, end=END, level=level, top=3,
              sample=0)
    assert top == got[:3]


# ----------------------------------------------------------------------------- coordination


def load_of(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Peak by sweeping the days; islands by union-find."""
    active: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        for day in days_between(r["first_contact"], r["last_contact"]):
            active[day].append(r)
    peak = max(len(v) for v in active.values())
    first = min(day for day, v in active.items() if len(v) == peak)
    peak_orgs = max(len({r["organisation_id"] for r in v if r["organisation_id"]})
                    for v in active.values())
    parent = {r["professional_id"]: r["professional_id"] for r in rows}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for r in rows:
        for other in r["met"]:
            parent[find(r["professional_id"])] = find(other)
    return {
        "professionals": len(rows),
        "organisations": len({r["organisation_id"] for r in rows if r["organisation_id"]}),
        "contacts": sum(r["contacts"] for r in rows), "peak_professionals": peak,
        "peak_organisations": peak_orgs, "peak_start": first,
        "peak_end": min(r["last_contact"] for r in active[first]),
        "islands": len({find(p) for p in parent}),
    }


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_coordination_load(loaded: Loaded, start: dt.date, end: dt.date) -> None:
    by_family: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in expected_involvements(loaded.world, start, end):
        by_family[r["household_id"]].append(r)
    expected = sorted(({"household_id": h, **load_of(rows)} for h, rows in by_family.items()),
                      key=lambda r: (-r["peak_professionals"], -r["professionals"],
                                     r["household_id"]))
    assert any(r["islands"] > 1 for r in expected)
    assert run(loaded, "coordination_load", start=start, end=end, top=0) == expected
    assert run(loaded, "coordination_load", start=start, end=end, top=5) == expected[:5]
    assert run(loaded, "coordination_load", start=start, end=end, min_professionals=4,
               top=0) == [r for r in expected if r["professionals"] >= 4]
    assert run(loaded, "coordination_load", start=start, end=end, household_id="x-h1") == \
        [r for r in expected if r["household_id"] == "x-h1"]
