"""Layout quality, measured on the positions Graphviz computed (``dot -Tjson``).

:func:`layout_problems` lists every rule a drawn genogram breaks, in words; the layout tests
assert that the list is empty, the golden-picture script and the benchmark print it. Rules:

* every person in the view is drawn exactly once (one symbol node), and nothing else is;
* partners are on the same row as their union node, and on that row nothing lies between a
  partner and the union except members of the same partner row (a person with several
  partners has them, and their unions, on both sides);
* children are below the union they hang from;
* siblings of one union are left to right in birth order (twins in either order);
* no two person symbols overlap, and every name is right under its symbol;
* household outlines (when given) hold all their members' symbols and nobody else's.

Household boundaries win over birth order: siblings are only compared with siblings drawn in
the same household (or both outside any), since a boundary cannot hold one sibling without
holding the ones between.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from genogram_service.genogram.rendering.canvas import PERSON, TEXT, UNION, node_name, record_id
from genogram_service.genogram.rendering.engine import Box, positions
from genogram_service.genogram.rendering.households import HouseholdShape, inside, outlines
from genogram_service.genogram.rendering.model import FamilyView
from genogram_service.genogram.rendering.rows import RowGroups

_EPS = 0.5  # points


def layout_problems(view: FamilyView, layout_json: bytes,
                    households: list[HouseholdShape] | None = None) -> list[str]:
    boxes = positions(layout_json)
    problems: list[str] = []
    problems += _exactly_once(view, boxes)
    if problems:
        return problems
    home: dict[str, str] = {}
    for shape in households or []:
        for names in shape.bands.values():
            home.update({n: shape.key for n in names})
    problems += _partners(view, boxes)
    problems += _children(view, boxes, home)
    problems += _overlaps(view, boxes)
    problems += _names(view, boxes)
    if households:
        problems += _households(view, boxes, households)
    return problems


def _households(view: FamilyView, boxes: dict[str, Box], shapes: list[HouseholdShape]
                ) -> list[str]:
    row = {node_name(k, p.id) for p in view.persons for k in (PERSON, TEXT)}
    row |= {node_name(UNION, u.id) for u in view.unions}
    out = []
    drawn = outlines(shapes, boxes, row)
    for shape in shapes:
        polygons = [o.points for o in drawn if o.key == shape.key]
        members = {n for names in shape.bands.values() for n in names}
        for n in members:
            if record_id(n)[0] == PERSON and not any(inside((boxes[n].x, boxes[n].y), poly)
                                                     for poly in polygons):
                out.append(f"{record_id(n)[1]} is outside the outline of household {shape.name}")
        for n in row - members:
            if any(inside((boxes[n].x, boxes[n].y), poly) for poly in polygons):
                out.append(f"{record_id(n)[1]} is inside the outline of household {shape.name}")
    return out


def _exactly_once(view: FamilyView, boxes: dict[str, Box]) -> list[str]:
    drawn = [record_id(n)[1] for n in boxes if record_id(n)[0] == PERSON]
    wanted = [p.id for p in view.persons]
    out = []
    if len(drawn) != len(set(drawn)):
        out.append("a person is drawn more than once")
    missing = set(wanted) - set(drawn)
    extra = set(drawn) - set(wanted)
    if missing:
        out.append(f"not drawn: {sorted(missing)}")
    if extra:
        out.append(f"drawn but not in the view: {sorted(extra)}")
    return out


def _partners(view: FamilyView, boxes: dict[str, Box]) -> list[str]:
    persons = {p.id: p for p in view.persons}
    unions = {u.id: u for u in view.unions}
    group_of: dict[str, int] = {}
    for n, seq in enumerate(RowGroups(persons, unions).sequences()):
        for slot in seq:
            group_of[node_name(PERSON if slot.kind == "person" else UNION, slot.id)] = n
    rows: dict[float, list[Box]] = defaultdict(list)
    for name, box in boxes.items():
        if record_id(name)[0] in (PERSON, UNION):
            rows[round(box.y)].append(box)
    out = []
    for u in view.unions:
        un = node_name(UNION, u.id)
        ub = boxes[un]
        for pid in u.partner_ids:
            pn = node_name(PERSON, pid)
            pb = boxes[pn]
            if abs(pb.y - ub.y) > _EPS:
                out.append(f"{pid} is not on the row of union {u.id}")
                continue
            lo, hi = sorted((pb.x, ub.x))
            between = [b.name for b in rows[round(ub.y)]
                       if lo + _EPS < b.x < hi - _EPS and group_of.get(b.name) != group_of[un]]
            if between:
                out.append(f"between {pid} and union {u.id}: "
                           f"{sorted(record_id(n)[1] for n in between)}")
    return out


def _children(view: FamilyView, boxes: dict[str, Box], home: dict[str, str]) -> list[str]:
    persons = {p.id: p for p in view.persons}
    kids: dict[str, list[str]] = defaultdict(list)
    for link in view.children:
        kids[link.union_id].append(link.child_id)
    out = []
    for uid, ids in kids.items():
        ub = boxes[node_name(UNION, uid)]
        for cid in ids:
            if not boxes[node_name(PERSON, cid)].y < ub.y - _EPS:
                out.append(f"child {cid} is not below union {uid}")

        def key(cid: str) -> tuple[dt.date, str]:
            return persons[cid].birth_date or dt.date.max, cid

        ordered = sorted(ids, key=key)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                pa, pb = persons[a], persons[b]
                if pa.birth_date is None or pb.birth_date is None:
                    continue
                if pa.birth_date == pb.birth_date:
                    continue
                na, nb = node_name(PERSON, a), node_name(PERSON, b)
                if home.get(na) != home.get(nb):
                    continue
                if not boxes[na].x < boxes[nb].x:
                    out.append(f"siblings out of birth order under {uid}: {a} is not left "
                               f"of {b}")
    return out


def _names(view: FamilyView, boxes: dict[str, Box]) -> list[str]:
    out = []
    for p in view.persons:
        symbol, text = boxes[node_name(PERSON, p.id)], boxes.get(node_name(TEXT, p.id))
        if text is None or abs(text.x - symbol.x) > 1.0 or not text.y < symbol.y:
            out.append(f"the name of {p.id} is not under its symbol")
    return out


def _overlaps(view: FamilyView, boxes: dict[str, Box]) -> list[str]:
    symbols = sorted((boxes[node_name(PERSON, p.id)] for p in view.persons),
                     key=lambda b: b.left)
    out = []
    for i, a in enumerate(symbols):
        for b in symbols[i + 1:]:
            if b.left >= a.right:
                break
            if a.overlaps(b, margin=0.01):
                out.append(f"symbols overlap: {record_id(a.name)[1]} and {record_id(b.name)[1]}")
    return out
