"""The family itself: person symbols with their text, partner lines, children under unions.

Rows per generation, top to bottom: (1) symbols and union nodes on the partner line, (2) the
texts under the symbols, (3) the sibship bars, (4) the next generation's symbols. Rows (1) and
(3) are pinned in the order computed by :mod:`ordering` (a flat edge between neighbours; only
the coordinates are left to Graphviz). A sibship bar holds the children's stems in birth order
with the drop from the union in the middle; twins share one point; each child hangs below its
stem. When the generations are inconsistent the rows are not pinned (Graphviz orders them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import groupby

from genogram_service.genogram.rendering.canvas import (
    HUB,
    PERSON,
    STEM,
    TEXT,
    TWIN,
    UNION,
    Attrs,
    Canvas,
    node_name,
)
from genogram_service.genogram.rendering.model import ChildItem, PersonItem, UnionItem
from genogram_service.genogram.rendering.ordering import Ordering
from genogram_service.genogram.rendering.rows import Slot
from genogram_service.genogram.rendering.text import deceased as is_deceased
from genogram_service.genogram.rendering.text import (
    person_label,
    person_uncertain,
    symbol_text,
    union_label,
    union_uncertain,
)

_LATE = dt.date.max


def _inches(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


def draw_family(c: Canvas, order: Ordering) -> None:
    view = c.view
    persons = order.persons
    unions = order.unions
    for p in view.persons:
        _person(c, p, index=p.id == view.index_id)
    for u in view.unions:
        _union_node(c, u)
    rows = order.rows if order.consistent else {}
    position: dict[str, int] = {}
    for g in sorted(rows):
        row = [node_name(PERSON if s.kind == "person" else UNION, s.id) for s in rows[g]]
        position.update({n: k for k, n in enumerate(row)})
        _pin(c, row, _partner_lines(c, rows[g], unions, position))
        # the names under the symbols, in the same order (else the overlay's invisible pulls
        # could swap two names on their own row)
        _pin(c, [node_name(TEXT, s.id) for s in rows[g] if s.kind == "person"], {})
    if not rows:  # unpinned: partners still share a row
        for u in view.unions:
            c.same_rank.append([node_name(UNION, u.id)] + [
                node_name(PERSON, p) for p in u.partner_ids])
            for pid in u.partner_ids:
                c.edge(node_name(PERSON, pid), node_name(UNION, u.id), **_line_attrs(c, u))
    kids: dict[str, list[ChildItem]] = defaultdict(list)
    for link in view.children:
        if link.child_id in persons and link.union_id in unions:
            kids[link.union_id].append(link)
    if not rows:
        for uid, links in kids.items():
            _pin(c, *_bar(c, unions[uid], links, persons, {}))
    for g in sorted(rows):
        names: list[str] = []
        lines: dict[tuple[str, str], Attrs] = {}
        for s in rows[g]:
            if s.kind == "union" and s.id in kids:
                bar, drawn = _bar(c, unions[s.id], kids[s.id], persons, position)
                names += bar
                lines.update(drawn)
        if names:
            _pin(c, names, lines)


def _pin(c: Canvas, names: list[str], visible: dict[tuple[str, str], Attrs]) -> None:
    """One row in this order: same rank, an edge between neighbours (drawn ones from
    ``visible``, else invisible), drawn partner lines between non-neighbours too."""
    c.same_rank.append(names)
    for a, b in zip(names, names[1:], strict=False):
        c.edge(a, b, **visible.pop((a, b), {"style": "invis", "weight": "1"}))
    for (a, b), attrs in visible.items():
        c.edge(a, b, **attrs)


def _line_attrs(c: Canvas, u: UnionItem) -> Attrs:
    theme = c.notation.union
    return {"style": theme.styles[u.kind], "color": theme.color,
            "penwidth": f"{theme.penwidth:g}", "weight": str(theme.weight)}


def _partner_lines(c: Canvas, row: list[Slot], unions: dict[str, UnionItem],
                   position: dict[str, int]) -> dict[tuple[str, str], Attrs]:
    lines: dict[tuple[str, str], Attrs] = {}
    for s in row:
        if s.kind != "union":
            continue
        u = unions[s.id]
        un = node_name(UNION, u.id)
        for pid in u.partner_ids:
            pn = node_name(PERSON, pid)
            if pn not in position:
                continue
            left, right = sorted((pn, un), key=position.__getitem__)
            # no ports: Graphviz 2.43 loses (or crashes on) flat edges with ports now and then
            lines[(left, right)] = _line_attrs(c, u)
    return lines


def _person(c: Canvas, p: PersonItem, *, index: bool) -> None:
    theme = c.notation.person
    shape = theme.shapes[p.sex]
    size = theme.size * (1.2 if shape == "diamond" else 1.0)
    mark = symbol_text(p, c.view.at, c.notation, c.lang)
    deceased = is_deceased(p)  # also a death without a date (DEAT Y)
    attrs = {
        "shape": shape, "width": _inches(size), "height": _inches(size), "fixedsize": "true",
        "label": mark, "style": "filled", "fillcolor": theme.fillcolor, "color": theme.color,
        "penwidth": f"{theme.penwidth:g}", "id": f"person-{p.id}",
        "fontsize": f"{theme.deceased_fontsize if deceased else theme.age_fontsize:g}",
    }
    c.use("person." + ("diamond" if shape == "diamond" else p.sex))
    if index:
        attrs["peripheries"] = str(theme.index_peripheries)
        c.use(f"person.index@{p.sex}")
    if deceased:
        c.use(f"person.deceased@{p.sex}")
    elif mark and mark != theme.unknown_age:
        c.use("person.age")
    if person_uncertain(p, c.view.at, c.notation, c.lang):
        c.use("date.uncertain")
    symbol = node_name(PERSON, p.id)
    text = node_name(TEXT, p.id)
    c.node(symbol, **attrs)
    c.node(text, shape="plaintext", margin="0.02,0.01", width="0.1", height="0.1",
           style="filled", fillcolor=c.notation.graph.bgcolor,
           label=person_label(p, c.view.at, c.notation, c.lang, index=index))
    c.edge(symbol, text, style="invis", weight="10000")


def _union_node(c: Canvas, u: UnionItem) -> None:
    theme = c.notation.union
    label = union_label(u, c.notation, c.lang)
    if label and union_uncertain(u, c.notation, c.lang):
        c.use("date.uncertain")
    if label is None:
        c.node(node_name(UNION, u.id), shape="point", width="0.04",
               color=theme.color)
    else:
        c.node(node_name(UNION, u.id), shape="plaintext", label=label,
               margin="0.03,0", width="0.1", height="0.1", fontsize=f"{theme.fontsize:g}")
    if len(u.partner_ids) >= 2:
        c.use(f"union.{u.kind}")
        if u.end_reason in ("separated", "divorced") and u.end_date is not None:
            c.use(f"union.{u.end_reason}")


def _bar(c: Canvas, u: UnionItem, links: list[ChildItem], persons: dict[str, PersonItem],
         position: dict[str, int]) -> tuple[list[str], dict[tuple[str, str], Attrs]]:
    """The sibship bar of one union: its nodes left to right and the bar's line segments."""
    theme = c.notation.child
    line: Attrs = {"color": theme.color, "penwidth": f"{theme.penwidth:g}"}

    def birth(link: ChildItem) -> dt.date | None:
        return persons[link.child_id].birth_date

    ordered = sorted(links, key=lambda x: (birth(x) or _LATE, x.child_id))
    stems: list[tuple[str, list[ChildItem]]] = []
    for day, group in groupby(ordered, key=birth):
        members = list(group)
        if day is not None and len(members) >= 2:
            stems.append((node_name(TWIN, f"{u.id}.{members[0].child_id}"), members))
            c.use("child.twins")
        else:
            stems += [(node_name(STEM, f"{u.id}.{m.child_id}"), [m]) for m in members]

    def place(stem: tuple[str, list[ChildItem]]) -> int:
        """Stems follow their children's places in the row (birth order, unless households
        put a child elsewhere), so that child lines never cross under one union."""
        return min(position.get(node_name(PERSON, m.child_id), 0) for m in stem[1])

    if position:
        stems.sort(key=place)
    names = [s for s, _ in stems]
    middle = len(names) // 2
    if len(names) % 2 == 1 and all(m.kind == "birth" for m in stems[middle][1]):
        hub = names[middle]  # the drop lands on the middle stem (not on an adoption line)
    else:
        hub = node_name(HUB, u.id)
        names.insert(middle, hub)
    for name in names:
        width = theme.twin_point if name.startswith(TWIN) else 0.01
        c.node(name, shape="point", width=_inches(width), color=theme.color)
    c.edge(node_name(UNION, u.id), hub, tailport="s", minlen="2", weight="100", **line)
    for stem, members in stems:
        for link in members:
            c.use(f"child.{link.kind}")
            c.edge(stem, node_name(PERSON, link.child_id), headport="n", weight="50",
                   style=theme.styles[link.kind], **line)
    return names, {(a, b): {"weight": "1", **line} for a, b in zip(names, names[1:],
                                                                   strict=False)}
