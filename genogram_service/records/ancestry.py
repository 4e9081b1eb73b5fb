"""Nobody their own ancestor: the bundle checked together with what is stored, before writing.

A child link (child → union) makes every partner of the union a parent of the child. After an
import the parent graph is the stored one with the bundle's records in place of the stored
records of the same id: a union of the bundle brings its own partner list (the stored partners
of that union are replaced), a child link of the bundle replaces the stored link of its id
(moved when its endpoints differ). A cycle the import would make therefore runs through at
least one parent edge that the bundle makes: from a bundle child link (every partner of its
union → its child), or from a bundle union (its partners → the stored children of that union).
The rest of such a cycle, from the edge's child back to its parent, consists of ancestors of
that parent. So walking up from the parents of the bundle's edges, one generation per query,
finds every stored edge such a cycle can use while reading no more than the stored ancestors
of the persons the bundle touches (not the whole database).

A caller that removes stored child links before it writes (a GEDCOM re-import drops the links
the file no longer has) names them in ``removing``: they count as gone.

Errors name the bundle records on a cycle (``child_links[4].child_id``,
``unions[2].partner_ids[0]``) and the persons around it; ids only, never other values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

import networkx as nx

from genogram_service.db import Graph
from genogram_service.errors import FieldError, Loc, field_error
from genogram_service.records import Bundle

#: ids per query: a parameter list of this many ids is a few hundred kilobytes
CHUNK = 20_000
#: persons named in one cycle's message before it is shortened
SHOWN = 8


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


class _Parents:
    """The parent graph after the import, as far as it was read: bundle edges (with the bundle
    records that make them) and stored edges."""

    def __init__(self, bundle: Bundle, removing: Iterable[str]) -> None:
        self.partners: dict[str, list[str]] = {
            u.id: list(u.partner_ids) for u in bundle.unions if u.id is not None}
        # stored links not to follow: the bundle's version replaces them, or they go
        self.links = {cl.id for cl in bundle.child_links if cl.id is not None} | set(removing)
        self.graph: nx.DiGraph[str] = nx.DiGraph()
        self.made_by: dict[tuple[str, str], list[Loc]] = defaultdict(list)

    def bundle_edge(self, parent: str, child: str, loc: Loc) -> None:
        self.graph.add_edge(parent, child)
        self.made_by[(parent, child)].append(loc)

    def stored_link(self, link_id: str, child: str, union_id: str, partners: list[str]) -> None:
        """A stored child link, unless the bundle replaces or the caller removes it; a union of
        the bundle gives its own partners."""
        if link_id in self.links:
            return
        for parent in self.partners.get(union_id, partners):
            self.graph.add_edge(parent, child)


def check_ancestry(graph: Graph, bundle: Bundle, max_errors: int = 200,
                   removing: Iterable[str] = ()) -> list[FieldError]:
    """Errors for every bundle record that would make a person their own ancestor.
    ``removing``: ids of stored child links that go before the bundle is written."""
    parents = _Parents(bundle, removing)
    if not bundle.child_links and not bundle.unions:
        return []
    wanted = sorted({cl.union_id for cl in bundle.child_links} - parents.partners.keys())
    stored_partners: dict[str, list[str]] = {}
    for chunk in _chunks(wanted):
        for r in graph.read("read/union_partners", ids=chunk):
            stored_partners[r["id"]] = r["partner_ids"]
    for i, cl in enumerate(bundle.child_links):
        for parent in parents.partners.get(cl.union_id, stored_partners.get(cl.union_id, [])):
            parents.bundle_edge(parent, cl.child_id, ["child_links", i, "child_id"])
    union_index = {u.id: j for j, u in enumerate(bundle.unions)}
    for chunk in _chunks(sorted(parents.partners)):
        for r in graph.read("read/union_children", ids=chunk):
            if r["link_id"] in parents.links:
                continue  # the bundle's version of the link is an edge already, or it goes
            j = union_index[r["union_id"]]
            for n, parent in enumerate(parents.partners[r["union_id"]]):
                parents.bundle_edge(parent, r["child_id"], ["unions", j, "partner_ids", n])

    errors = _self_parents(parents)
    # up from every parent of a bundle edge, one generation of stored links per round
    frontier = {p for p, _ in parents.made_by}
    seen = set(frontier)
    while frontier:
        for chunk in _chunks(sorted(frontier)):
            for r in graph.read("read/person_parent_links", ids=chunk):
                parents.stored_link(r["link_id"], r["child_id"], r["union_id"],
                                    r["partner_ids"])
        frontier = {p for child in frontier for p in parents.graph.predecessors(child)} - seen
        seen |= frontier
    if errors or nx.is_directed_acyclic_graph(parents.graph):  # the usual case, and fast
        return errors[:max_errors]
    return _cycles(parents, max_errors)


def _self_parents(parents: _Parents) -> list[FieldError]:
    return [field_error(loc, "a person cannot be a child of a union they are a partner in",
                        "ancestry")
            for (parent, child), locs in parents.made_by.items() if parent == child
            for loc in locs]


def _cycles(parents: _Parents, max_errors: int) -> list[FieldError]:
    """One error per bundle record whose edge lies on a cycle, naming one such cycle."""
    g = parents.graph
    component_of: dict[str, int] = {}
    components: list[set[str]] = []
    for component in nx.strongly_connected_components(g):
        if len(component) > 1:
            component_of.update(dict.fromkeys(component, len(components)))
            components.append(component)
    views = [g.subgraph(c) for c in components]
    found: list[tuple[tuple[str, int], Loc, str]] = []
    for (parent, child), locs in parents.made_by.items():
        n = component_of.get(parent)
        if n is None or parent == child or component_of.get(child) != n:
            continue
        # child → ... → parent, within the cycle's component (not all the child's descendants)
        back = nx.shortest_path(views[n], child, parent)
        people = [parent, *back]
        stored = sum(1 for a, b in zip(people, people[1:], strict=False)
                     if (a, b) not in parents.made_by)
        shown = people if len(people) <= SHOWN + 1 else [*people[:SHOWN], "…", parent]
        where = f"; {stored} of these links stored" if stored else ""
        reason = (f"would make a person their own ancestor ({' → '.join(shown)}, each a "
                  f"parent of the next{where})")
        found += [((str(loc[0]), int(loc[1])), loc, reason) for loc in locs]
        if len(found) >= max_errors:
            break
    found.sort(key=lambda f: f[0])
    return [field_error(loc, reason, "ancestry") for _, loc, reason in found[:max_errors]]
