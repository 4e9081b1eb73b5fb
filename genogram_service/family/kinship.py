"""Use case: how is ``b`` related to ``a``? A path search with networkx on the family subgraph.

``read/kinship_family`` gives everyone within 16 partner/child hops (8 generations) of either
person. In it, persons and unions are nodes; a child points to the union of its parents
(one generation) and a union to its partners (no generation). Then, in this order of
preference (the shortest relation wins; on a tie, the earlier kind):

1. **blood and legal**: the nearest common ancestor of the two (Dijkstra from each person up
   the child links), tried with birth links only, then also adoption, then foster care, then
   step-child links; the first kind that is needed marks the relation (adoptive, foster,
   step). Reaching the same parents' union is a full relation; sharing only one parent is a
   half one (half-sister, half-uncle). ``up``/``down`` name it (see :mod:`kinship_names`).
2. **partners**: the two are partners in a union (ex- when it ended in divorce or
   separation).
3. **by marriage** (cost one more than the blood part): a relative of one's partner
   (mother-in-law, stepchild), a partner of one's relative (step-parent, sister-in-law,
   son-in-law), a child of a step-parent (step-sibling).
4. anything else that is connected is spelled out along the shortest path ("Wife's
   Brother's Wife"); "not related" when there is no path within the subgraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel, Field

from genogram_service.db import Graph
from genogram_service.errors import NotFound
from genogram_service.family import kinship_names as names
from genogram_service.family.graph import FamilyGraph
from genogram_service.security.access import Action, Actor, Guard

KinshipKind = Literal["self", "blood", "adoptive", "foster", "step", "partner", "in_law",
                      "chain", "none"]
#: the link kinds allowed at each level of the blood/legal search, and the marker it gives
LEVELS: tuple[tuple[frozenset[str], names.Marker, KinshipKind], ...] = (
    (frozenset({"birth"}), "", "blood"),
    (frozenset({"birth", "adopted"}), "adoptive", "adoptive"),
    (frozenset({"birth", "adopted", "foster"}), "foster", "foster"),
    (frozenset({"birth", "adopted", "foster", "step"}), "step", "step"),
)
ENDED = frozenset({"divorced", "separated"})


class Kinship(BaseModel):
    """How ``relative_id`` is related to ``person_id``."""

    person_id: str
    relative_id: str
    related: bool
    name: str = Field(description="in the language asked for")
    names: dict[str, str] = Field(description="the name in English (en) and Dutch (nl)")
    kind: KinshipKind
    generations_up: int | None = Field(None, description="from the person to the common "
                                                         "ancestor (blood relations)")
    generations_down: int | None = Field(None, description="from the common ancestor to the "
                                                           "relative")
    half: bool = False
    path: list[str] = Field(default_factory=list, description="persons on the way, from the "
                                                              "person to the relative")


@dataclass(frozen=True)
class _Blood:
    cost: int
    level: int
    up: int
    down: int
    half: bool
    path: tuple[str, ...]


Node = tuple[str, str]  # ('p', person id) or ('u', union id)


class _Searches:
    """The searches the naming needs over one family graph. The up-graphs networkx searches
    are built per person from the graph's indexes, over that person's ancestors only (the
    loaded family can be a whole intermarried tree), and their distances kept: one naming
    asks about the same persons several times."""

    def __init__(self, family: FamilyGraph) -> None:
        self.family = family
        self._dist: dict[tuple[int, str], tuple[dict[Node, int], dict[Node, list[Node]]]] = {}

    def up_graph(self, level: int, pid: str) -> nx.DiGraph[Node]:
        """``pid`` and their ancestors through the link kinds of ``level``: child to the
        parents' union (weight 1, a generation), union to its partners (weight 0)."""
        allowed = LEVELS[level][0]
        parent_links, unions = self.family.parent_links, self.family.unions
        g: nx.DiGraph[Node] = nx.DiGraph()
        g.add_node(("p", pid))
        todo, seen = [pid], {pid}
        while todo:
            child = todo.pop()
            for union_id, kind in parent_links.get(child, []):
                if kind not in allowed:
                    continue
                g.add_edge(("p", child), ("u", union_id), weight=1)
                for parent in unions[union_id]["partner_ids"]:
                    g.add_edge(("u", union_id), ("p", parent), weight=0)
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
        return g

    def _ancestors(self, level: int, pid: str) -> tuple[dict[Node, int], dict[Node, list[Node]]]:
        key = (level, pid)
        if key not in self._dist:
            self._dist[key] = nx.single_source_dijkstra(self.up_graph(level, pid), ("p", pid))
        return self._dist[key]

    def blood(self, a: str, b: str) -> _Blood | None:
        """The closest blood or legal relation, birth links first."""
        best: _Blood | None = None
        for level in range(len(LEVELS)):
            da, pa = self._ancestors(level, a)
            db, pb = self._ancestors(level, b)
            common = set(da) & set(db)
            if not common:
                continue
            top = min(common, key=lambda n: (da[n] + db[n], n[0] != "u", n))
            up, down = da[top], db[top]
            half = (top[0] == "p" and up > 0 and down > 0
                    and not any(n[0] == "u" and (da[n], db[n]) == (up, down) for n in common))
            path = [n[1] for n in pa[top] if n[0] == "p"]
            path += [n[1] for n in reversed(pb[top]) if n[0] == "p" and n[1] not in path]
            found = _Blood(up + down, level, up, down, half, tuple(path))
            if best is None or found.cost < best.cost:
                best = found
        return best

    def person_graph(self) -> nx.Graph[str]:
        """Persons only, with the elementary relation on each edge (for the chain)."""
        fam = self.family
        g: nx.Graph[str] = nx.Graph()
        g.add_nodes_from(fam.persons)
        for x in fam.links:
            for p in fam.unions[x["union_id"]]["partner_ids"]:
                g.add_edge(x["child_id"], p, rel={x["child_id"]: "parent", p: "child"})
        for u in fam.unions.values():
            ps = u["partner_ids"]
            for i, p in enumerate(ps):
                for q in ps[i + 1:]:
                    g.add_edge(p, q, rel={p: "partner", q: "partner"})
            kids = fam.children_of.get(u["id"], [])
            for i, c in enumerate(kids):
                for d in kids[i + 1:]:
                    if not g.has_edge(c, d):
                        g.add_edge(c, d, rel={c: "sibling", d: "sibling"})
        return g


def _named(a: str, b: str, en: str, nl: str, kind: KinshipKind, lang: str, *,
           up: int | None = None, down: int | None = None, half: bool = False,
           path: tuple[str, ...] | list[str] = ()) -> Kinship:
    return Kinship(person_id=a, relative_id=b, related=kind != "none",
                   name=nl if lang == "nl" else en, names={"en": en, "nl": nl}, kind=kind,
                   generations_up=up, generations_down=down, half=half, path=list(path))


def name_kinship(row: dict[str, Any], a: str, b: str, lang: str = "en") -> Kinship:
    """Name how ``b`` is related to ``a`` within the family subgraph ``row``."""
    fam = _Searches(FamilyGraph.from_row(row))
    sex = fam.family.sex(b)
    if a == b:
        return _named(a, b, "Self", "zelf", "self", lang, up=0, down=0, path=[a])
    candidates: list[tuple[int, int, Kinship]] = []  # (cost, preference, kinship)
    direct = fam.blood(a, b)
    if direct is not None:
        _, marker, kind = LEVELS[direct.level]
        candidates.append((direct.cost, direct.level, _named(
            a, b, names.blood("en", direct.up, direct.down, sex, half=direct.half,
                              marker=marker),
            names.blood("nl", direct.up, direct.down, sex, half=direct.half, marker=marker),
            kind, lang, up=direct.up, down=direct.down, half=direct.half, path=direct.path)))
    for q, union in fam.family.partners_of(a):
        if q == b:
            ended = union.get("end_reason") in ENDED
            candidates.append((1, 4, _named(
                a, b, names.partner("en", sex, kind=union.get("kind"), ended=ended),
                names.partner("nl", sex, kind=union.get("kind"), ended=ended),
                "partner", lang, path=[a, b])))
    if not candidates or min(c[0] for c in candidates) > 1:
        candidates += _by_marriage(fam, a, b, sex, lang)
    if candidates:
        return min(candidates, key=lambda c: (c[0], c[1]))[2]
    return _chain(fam, a, b, lang)


def _by_marriage(fam: _Searches, a: str, b: str, sex: str | None, lang: str
                 ) -> list[tuple[int, int, Kinship]]:
    out: list[tuple[int, int, Kinship]] = []
    family = fam.family
    for s, _ in family.partners_of(a):  # b is a relative of a's partner
        rel = fam.blood(s, b)
        if rel is None or b == s:
            continue
        _, marker, _ = LEVELS[rel.level]
        out.append((rel.cost + 1, 5 + rel.level, _named(
            a, b, names.spouse_relative("en", rel.up, rel.down, sex, half=rel.half,
                                        marker=marker),
            names.spouse_relative("nl", rel.up, rel.down, sex, half=rel.half, marker=marker),
            "step" if rel.up == 0 else "in_law", lang, up=rel.up, down=rel.down,
            half=rel.half, path=(a, *rel.path))))
    for s, _ in family.partners_of(b):  # b is the partner of a's relative
        rel = fam.blood(a, s)
        if rel is None or a == s:
            continue
        _, marker, _ = LEVELS[rel.level]
        out.append((rel.cost + 1, 5 + rel.level, _named(
            a, b, names.relative_spouse("en", rel.up, rel.down, sex, half=rel.half,
                                        marker=marker),
            names.relative_spouse("nl", rel.up, rel.down, sex, half=rel.half, marker=marker),
            "step" if rel.down == 0 else "in_law", lang, up=rel.up, down=rel.down,
            half=rel.half, path=(*rel.path, b))))
    # a child of a step-parent: a parent's partner's child who is no sibling by blood
    for union_id in family.parents_of.get(a, []):
        for parent in family.unions[union_id]["partner_ids"]:
            for step_parent, _ in family.partners_of(parent):
                up_b = fam.blood(step_parent, b)
                if up_b is not None and (up_b.up, up_b.down) == (0, 1):
                    out.append((3, 9, _named(
                        a, b, names.step_sibling("en", sex), names.step_sibling("nl", sex),
                        "step", lang, up=1, down=1, path=(a, parent, step_parent, b))))
    return out


def _chain(fam: _Searches, a: str, b: str, lang: str) -> Kinship:
    g = fam.person_graph()
    if a not in g or b not in g or not nx.has_path(g, a, b):
        return _named(a, b, names.not_related("en"), names.not_related("nl"), "none", lang)
    path: list[str] = nx.shortest_path(g, a, b)
    steps = [(g.edges[x, y]["rel"][x], fam.family.sex(y)) for x, y in zip(path, path[1:],
                                                                         strict=False)]
    return _named(a, b, names.chain("en", steps), names.chain("nl", steps), "chain", lang,
                  path=path)


def kinship(graph: Graph, guard: Guard, actor: Actor, *, person_id: str, relative_id: str,
            lang: str = "en") -> Kinship:
    """How ``relative_id`` is related to ``person_id``, for a caller who may see both."""
    for pid in (person_id, relative_id):
        if pid not in guard.visible_persons(actor, [pid]):
            # outside need-to-know (or an analyst/auditor): the guard refuses and logs it
            guard.authorize(actor, Action.read, persons=[pid], resource="kinship",
                            not_found=f"no person with id '{pid}'")
    guard.authorize(actor, Action.read, persons=[person_id, relative_id], resource="kinship",
                    not_found=f"no person with id '{person_id}'")
    rows = graph.read("read/kinship_family", ids=[person_id, relative_id])
    row = rows[0] if rows else {"persons": [], "unions": [], "links": []}
    known = {p["id"] for p in row["persons"]}
    for pid in (person_id, relative_id):
        if pid not in known:
            raise NotFound(f"no person with id '{pid}'")
    result = name_kinship(row, person_id, relative_id, lang)
    visible = guard.visible_persons(actor, result.path)
    return result.model_copy(update={"path": [p for p in result.path if p in visible]})
