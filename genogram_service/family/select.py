"""Who a genogram (or a GEDCOM export) shows: the family as it was on a date, a
:class:`~.graph.FamilyGraph` from a row of ``read/genogram_relatives``, and the selection
around the index person in it (pure functions).

As of the date ``at``: persons not yet born are left out; a death after the date is not shown;
unions not yet started are left out and unions that ended after the date are drawn as still
running; child links that started after the date (a later adoption or placement) or ended
before it (a foster placement that ended) are left out. Step-child links are never drawn: the
partner line already says it.

The selection, with ``gen`` the generation relative to the index person (parents -1):

* the index person, ancestors up to ``up`` generations, descendants down to ``down``;
* with ``siblings``: every child of a union an ancestor is a partner in (siblings,
  half-siblings, aunts and uncles), with the other parent of those children;
* parents of a shown child through a shown union are always shown (a union needs its partners);
* with ``partners``: every union of every person selected so far with all its partners, and
  those partners' other children (from their other unions, with the other parent), within
  the window;
* a shown child with more than one pair of parents (adopted, fostered) has all of them shown.

``connected`` shows everyone connected to the index person instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from genogram_service.family.graph import FamilyGraph, Row


def _on(day: dt.date | None, at: dt.date) -> bool:
    return day is None or day <= at


def _date_fields(name: str) -> tuple[str, ...]:
    return name, f"{name}_to", f"{name}_precision", f"{name}_text"


def _after(record: dict[str, Any], name: str, at: dt.date) -> bool:
    """The date may fall after ``at``: its earliest day does, or, without an earliest day,
    its latest ('BEF 2001' seen from 2000). A date without days (a phrase, 'deceased, date
    unknown') is taken as before."""
    first, last = record.get(name), record.get(f"{name}_to")
    return first > at if first is not None else last is not None and last > at


def as_of(row: Row, at: dt.date) -> FamilyGraph:
    """The family of one ``genogram_relatives`` row as it was on ``at``."""
    persons = {}
    for p in row["persons"]:
        if not _on(p.get("birth_date"), at):
            continue
        p = dict(p)
        if _after(p, "death_date", at):  # alive on the view date (or maybe: 'BEF 2001')
            for name in _date_fields("death_date"):
                p[name] = None
        persons[p["id"]] = p
    unions = {}
    for u in row["unions"]:
        if not _on(u.get("start_date"), at):
            continue
        u = dict(u)
        u["partner_ids"] = sorted(p for p in u["partner_ids"] if p in persons)
        if _after(u, "end_date", at):
            for name in _date_fields("end_date"):
                u[name] = None
            u["end_reason"] = None
        unions[u["id"]] = u
    links = []
    seen = set()
    for link in row["links"]:
        kind = link.get("kind") or "birth"
        if kind == "step" or link["child_id"] not in persons or link["union_id"] not in unions:
            continue
        if not _on(link.get("start_date"), at):
            continue
        if link.get("end_date") is not None and link["end_date"] < at:
            continue
        key = (link["child_id"], link["union_id"])
        if key not in seen:
            seen.add(key)
            links.append({**link, "kind": kind})
    for u in list(unions.values()):  # nothing left to draw
        if not u["partner_ids"] and not any(x["union_id"] == u["id"] for x in links):
            del unions[u["id"]]
    return FamilyGraph(persons, unions, links)


@dataclass
class Selection:
    persons: set[str] = field(default_factory=set)
    unions: set[str] = field(default_factory=set)
    gen: dict[str, int] = field(default_factory=dict)

    def add(self, pid: str, gen: int) -> bool:
        """Show ``pid`` at ``gen``; True when it is new."""
        if pid in self.persons:
            return False
        self.persons.add(pid)
        self.gen[pid] = gen
        return True


def select(family: FamilyGraph, index: str, *, up: int, down: int, siblings: bool,
           partners: bool) -> Selection:
    sel = Selection()
    sel.add(index, 0)
    core = {index}

    def show_union(uid: str, gen: int) -> None:
        """A union with all its partners (at ``gen``, the partners' generation)."""
        sel.unions.add(uid)
        for q in family.partners(uid):
            sel.add(q, gen)

    def show_children(uid: str, gen: int, *, into_core: bool) -> list[str]:
        """The children of ``uid`` (at ``gen``, their generation) when inside the window."""
        if not -up <= gen <= down or not family.children_of.get(uid):
            return []
        show_union(uid, gen - 1)
        kids = family.children_of[uid]
        for c in kids:
            sel.add(c, gen)
            if into_core:
                core.add(c)
        return kids

    frontier = [index]
    ancestors: list[str] = []
    for _ in range(up):
        nxt = []
        for p in frontier:
            for uid in family.parents_of.get(p, []):
                sel.unions.add(uid)
                for q in family.partners(uid):
                    if sel.add(q, sel.gen[p] - 1):
                        nxt.append(q)
                    core.add(q)
        ancestors += nxt
        frontier = nxt
    if siblings:
        for a in ancestors:
            for uid in family.unions_of.get(a, []):
                show_children(uid, sel.gen[a] + 1, into_core=True)
    frontier = [index]
    for _ in range(down):
        nxt = []
        for p in frontier:
            for uid in family.unions_of.get(p, []):
                nxt += show_children(uid, sel.gen[p] + 1, into_core=True)
        frontier = nxt
    lineal = set(ancestors)
    if partners:
        for s in sorted(core):
            for uid in family.unions_of.get(s, []):
                show_union(uid, sel.gen[s])
                for r in family.partners(uid):
                    if r == s:
                        continue
                    for other in family.unions_of.get(r, []):
                        if other == uid:  # only the partner's children with someone else
                            continue
                        if not siblings and lineal & set(family.partners(other)):
                            continue  # an ancestor's children are siblings: not asked for
                        show_children(other, sel.gen[s] + 1, into_core=False)
    for p in list(sel.persons):
        parents = family.parents_of.get(p, [])
        if len(parents) > 1 and any(u in sel.unions for u in parents) \
                and sel.gen[p] - 1 >= -up:
            for uid in parents:  # adopted or fostered: birth and other parents, when known
                show_union(uid, sel.gen[p] - 1)
    for p in list(sel.persons):  # the parents' union of a shown child is drawn too
        for uid in family.parents_of.get(p, []):
            if family.partners(uid) and all(q in sel.persons for q in family.partners(uid)):
                sel.unions.add(uid)
    return sel


def connected(family: FamilyGraph, index: str) -> Selection:
    """Everyone connected to ``index`` through partners and children, on the date."""
    sel = Selection()
    sel.add(index, 0)
    todo = [index]
    while todo:
        p = todo.pop()
        g = sel.gen[p]
        steps = [(q, g - 1, u) for u in family.parents_of.get(p, []) for q in family.partners(u)]
        steps += [(q, g, u) for u in family.unions_of.get(p, []) for q in family.partners(u)]
        steps += [(c, g + 1, u) for u in family.unions_of.get(p, [])
                  for c in family.children_of.get(u, [])]
        steps += [(c, g, u) for u in family.parents_of.get(p, [])
                  for c in family.children_of.get(u, [])]
        for q, h, u in steps:
            sel.unions.add(u)
            if sel.add(q, h):
                todo.append(q)
        for u in family.parents_of.get(p, []) + family.unions_of.get(p, []):
            sel.unions.add(u)
    return sel
