"""Graph analytics with networkx, for the questions where Cypher is the wrong tool.

Both analyses start from one catalogue query, ``family_involvements`` (who had contacts with
which family, from when to when, and whom they met there), and are catalogue entries
themselves (engine ``networkx``): ``POST /queries/collaboration_centrality``, ``genogram query
coordination_load``, with the same parameter validation, access control and pseudonymisation.

``collaboration_centrality``
    The collaboration network: professionals (or organisations) linked when they were involved
    with the same family, weighted by the number of families they shared. Its most central
    connectors are the nodes with the highest betweenness centrality: those on many shortest
    paths between others, who link teams and organisations that otherwise do not meet.
    Betweenness needs all-pairs shortest paths over the whole projected network (Brandes'
    algorithm): a global computation over an in-memory graph, which Cypher (Neo4j Community
    has no graph data science library) does not offer. Exact on small networks; on large ones
    estimated from ``sample`` source nodes (seeded, so repeatable).

``coordination_load``
    How many professionals and organisations surround a family at once. Per family, the
    professionals' involvement periods (first to last contact) form an interval graph: two
    professionals are adjacent when their periods overlap; a maximal clique is a set of
    professionals active at the same time, and the largest one is the peak load. A second
    graph links professionals who met at a joint contact with the family; its connected
    components ("islands") show teams around one family that never sat at one table. Both
    are graph questions over small per-family graphs built in memory.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from genogram_service.db import Graph
from genogram_service.queries.definitions import (
    ParamType,
    QueryColumn,
    QueryDef,
    QueryParam,
    Runner,
)
from genogram_service.security.access import ColumnKind, Role

INVOLVEMENTS = "queries/family_involvements"
AUDIENCE = [Role.analyst, Role.admin]
WINDOW = [
    QueryParam(name="start", type=ParamType.DATE, default="today-4y",
               description="first day of the window (inclusive)"),
    QueryParam(name="end", type=ParamType.DATE, default="today",
               description="last day of the window (inclusive)"),
]


def _involvements(graph: Graph, start: dt.date, end: dt.date,
                  household_id: str | None = None) -> list[dict[str, Any]]:
    return graph.read(INVOLVEMENTS, start=start, end=end, household_id=household_id)


# ----------------------------------------------------------------------------- centrality

CENTRALITY = QueryDef(
    name="collaboration_centrality",
    purpose="the collaboration network of professionals or organisations (linked by the "
            "families they shared) and its most central connectors (betweenness centrality)",
    audience=AUDIENCE,
    engine="networkx",
    params=[
        *WINDOW,
        QueryParam(name="level", type=ParamType.STRING, default="organisation",
                   choices=["professional", "organisation"],
                   description="the nodes of the network"),
        QueryParam(name="top", type=ParamType.INTEGER, default="20", minimum=1, maximum=10_000,
                   description="how many connectors to list"),
        QueryParam(name="sample", type=ParamType.INTEGER, default="200", minimum=0,
                   maximum=100_000,
                   description="estimate betweenness from this many source nodes when the "
                               "network has more nodes (0: always exact)"),
    ],
    returns="one row per node, most central first (betweenness, then collaborators, then id). "
            "Families and involvements as in family_involvements; at organisation level a "
            "professional counts for the organisation employing them at their first contact "
            "with the family. Betweenness is normalised (0 to 1) and unweighted (hops).",
    columns=[
        QueryColumn(name="rank", type=ParamType.INTEGER),
        QueryColumn(name="node_id", type=ParamType.STRING,
                    description="professional or organisation id"),
        QueryColumn(name="name", type=ParamType.STRING),
        QueryColumn(name="node_type", type=ParamType.STRING,
                    description="organisation type (of the professional's organisation)"),
        QueryColumn(name="families", type=ParamType.INTEGER,
                    description="families the node was involved with"),
        QueryColumn(name="collaborators", type=ParamType.INTEGER,
                    description="nodes sharing at least one family"),
        QueryColumn(name="shared_families", type=ParamType.INTEGER,
                    description="sum over collaborators of the families shared"),
        QueryColumn(name="betweenness", type=ParamType.FLOAT),
        QueryColumn(name="component_size", type=ParamType.INTEGER,
                    description="nodes in its connected component"),
    ],
    example={"level": "organisation", "top": 10, "start": "2022-11-01", "end": "2026-10-31"},
)


def collaboration_network(rows: Iterable[dict[str, Any]], level: str
                          ) -> tuple[nx.Graph, dict[str, dict[str, Any]]]:
    """The projected network (nodes: professionals or organisations; edge weight: shared
    families) and per node its name, type and number of families."""
    families: dict[str, set[str]] = defaultdict(set)
    info: dict[str, dict[str, Any]] = {}
    for r in rows:
        if level == "professional":
            node, name = r["professional_id"], r["professional_name"]
        else:
            node, name = r["organisation_id"], r["organisation_name"]
            if node is None:
                continue
        families[node].add(r["household_id"])
        info.setdefault(node, {"name": name, "type": r["organisation_type"]})
    bipartite: nx.Graph = nx.Graph()
    for node, fams in families.items():
        bipartite.add_node(("n", node))
        bipartite.add_edges_from((("n", node), ("f", f)) for f in fams)
    nodes = [("n", n) for n in families]
    if not nodes:  # nobody had contacts in the period: an empty network, not an error
        return nx.Graph(), info
    projected = nx.bipartite.weighted_projected_graph(bipartite, nodes)
    network: nx.Graph = nx.relabel_nodes(projected, {n: n[1] for n in nodes})
    for node, fams in families.items():
        info[node]["families"] = len(fams)
    return network, info


def _centrality(graph: Graph, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows = _involvements(graph, params["start"], params["end"])
    network, info = collaboration_network(rows, params["level"])
    n = network.number_of_nodes()
    sample = params["sample"]
    k = sample if sample and n > sample else None
    betweenness = nx.betweenness_centrality(network, k=k, normalized=True, seed=0)
    component: dict[str, int] = {}
    for members in nx.connected_components(network):
        for m in members:
            component[m] = len(members)
    ranked = sorted(network.nodes, key=lambda v: (-betweenness[v], -network.degree(v), v))
    out = []
    for rank, node in enumerate(ranked[: params["top"]], start=1):
        out.append({
            "rank": rank, "node_id": node, "name": info[node]["name"],
            "node_type": info[node]["type"], "families": info[node]["families"],
            "collaborators": network.degree(node),
            "shared_families": int(network.degree(node, weight="weight")),
            "betweenness": betweenness[node], "component_size": component[node],
        })
    return out


# ----------------------------------------------------------------------------- coordination

COORDINATION = QueryDef(
    name="coordination_load",
    purpose="the coordination load of families: how many professionals and organisations "
            "surround a family at once, and whether they ever met",
    audience=AUDIENCE,
    engine="networkx",
    params=[
        *WINDOW,
        QueryParam(name="household_id", type=ParamType.STRING,
                   description="one family only (default: all)"),
        QueryParam(name="min_professionals", type=ParamType.INTEGER, default="0", minimum=0,
                   description="leave out families with fewer professionals in the window"),
        QueryParam(name="top", type=ParamType.INTEGER, default="100", minimum=0,
                   maximum=1_000_000, description="list this many families (0: all)"),
    ],
    returns="one row per family (household, as in family_involvements), heaviest first (peak "
            "professionals, then professionals, then id). A professional is involved from "
            "their first to their last contact with the family in the window; the peak is the "
            "largest set involved on one same day, from its first day on.",
    columns=[
        QueryColumn(name="household_id", type=ParamType.STRING, kind=ColumnKind.person_id,
                    description="pseudonymised for analysts like a person"),
        QueryColumn(name="professionals", type=ParamType.INTEGER),
        QueryColumn(name="organisations", type=ParamType.INTEGER),
        QueryColumn(name="contacts", type=ParamType.INTEGER,
                    description="professional-contacts: a contact with two professionals "
                                "counts twice"),
        QueryColumn(name="peak_professionals", type=ParamType.INTEGER),
        QueryColumn(name="peak_organisations", type=ParamType.INTEGER,
                    description="most organisations involved on one same day"),
        QueryColumn(name="peak_start", type=ParamType.DATE,
                    description="first day with peak_professionals involved"),
        QueryColumn(name="peak_end", type=ParamType.DATE,
                    description="last day of that peak"),
        QueryColumn(name="islands", type=ParamType.INTEGER,
                    description="groups of professionals linked by joint contacts (1: all "
                                "met, directly or through others)"),
    ],
    example={"min_professionals": 5, "top": 10, "start": "2022-11-01", "end": "2026-10-31"},
)


def family_load(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The coordination load of one family from its ``family_involvements`` rows."""
    overlap: nx.Graph = nx.Graph()
    met: nx.Graph = nx.Graph()
    period: dict[str, tuple[dt.date, dt.date]] = {}
    org: dict[str, str | None] = {}
    for r in rows:
        pro = r["professional_id"]
        period[pro] = (r["first_contact"], r["last_contact"])
        org[pro] = r["organisation_id"]
        overlap.add_node(pro)
        met.add_node(pro)
        met.add_edges_from((pro, other) for other in r["met"])
    pros = sorted(period)
    for i, a in enumerate(pros):
        a0, a1 = period[a]
        for b in pros[i + 1:]:
            b0, b1 = period[b]
            if a0 <= b1 and b0 <= a1:
                overlap.add_edge(a, b)
    peak: tuple[int, dt.date, dt.date] | None = None  # (size, start, end), earliest among largest
    peak_orgs = 0
    for clique in nx.find_cliques(overlap):
        start = max(period[p][0] for p in clique)
        end = min(period[p][1] for p in clique)
        if peak is None or len(clique) > peak[0] or (len(clique) == peak[0] and start < peak[1]):
            peak = (len(clique), start, end)
        peak_orgs = max(peak_orgs, len({org[p] for p in clique if org[p] is not None}))
    met.remove_nodes_from([n for n in met if n not in period])
    assert peak is not None
    return {
        "professionals": len(period),
        "organisations": len({o for o in org.values() if o is not None}),
        "contacts": sum(r["contacts"] for r in rows),
        "peak_professionals": peak[0], "peak_organisations": peak_orgs,
        "peak_start": peak[1], "peak_end": peak[2],
        "islands": nx.number_connected_components(met),
    }


def _coordination(graph: Graph, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows = _involvements(graph, params["start"], params["end"], params["household_id"])
    by_family: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_family[r["household_id"]].append(r)
    out = []
    for household, family_rows in by_family.items():
        if len(family_rows) < params["min_professionals"]:
            continue
        out.append({"household_id": household, **family_load(family_rows)})
    out.sort(key=lambda r: (-r["peak_professionals"], -r["professionals"], r["household_id"]))
    return out[: params["top"]] if params["top"] else out


#: the networkx entries of the catalogue, with their runners
ANALYTICS: tuple[tuple[QueryDef, Runner], ...] = (
    (CENTRALITY, _centrality),
    (COORDINATION, _coordination),
)
