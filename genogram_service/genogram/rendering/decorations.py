"""Everything drawn after the layout, from the node positions Graphviz computed: household
outlines, organisation-type groups around the professionals, contact lines, emotional
relations. None of it takes part in the layout, so none of it can move a person.

Emotional relations follow the notation literally: parallel lines (close: two, fused: three),
a zigzag (conflict, hostile), dots (distant), a line broken by two bars (cut-off), an arrow
towards the victim (abuse, neglect). Between people on one row the line arcs above the row;
otherwise it is a gentle curve.
"""

from __future__ import annotations

import math

from genogram_service.genogram.rendering.canvas import PERSON, PROFESSIONAL, TEXT, node_name
from genogram_service.genogram.rendering.engine import Box
from genogram_service.genogram.rendering.households import (
    HouseholdShape,
    household_primitives,
    outlines,
)
from genogram_service.genogram.rendering.model import EmotionalItem, FamilyView, Language
from genogram_service.genogram.rendering.notation import Notation, RelationStyle
from genogram_service.genogram.rendering.overlays import ProGroup
from genogram_service.genogram.rendering.paint import (
    Point,
    Primitive,
    Stroke,
    Text,
    arrowhead,
    at_fraction,
    bezier,
    length,
    offset,
    trim,
    zigzag,
)

GROUP_PAD = 5.0
GROUP_LABEL = 12.0


def decorate(view: FamilyView, boxes: dict[str, Box], notation: Notation, lang: Language, *,
             households: list[HouseholdShape], groups: list[ProGroup], row_members: set[str]
             ) -> list[Primitive]:
    out: list[Primitive] = []
    out += _groups(groups, boxes, notation, lang)
    theme = notation.household
    out += household_primitives(outlines(households, boxes, row_members),
                                fontsize=theme.fontsize, penwidth=theme.penwidth)
    out += _contacts(view, boxes, notation)
    for e in view.emotional or []:
        a, b = boxes.get(node_name(PERSON, e.from_id)), boxes.get(node_name(PERSON, e.to_id))
        if a is not None and b is not None:
            out += _relation(e, a, b, notation, lang)
    # lines first, every text on top of them
    return [x for x in out if not isinstance(x, Text)] + [x for x in out if isinstance(x, Text)]


def _groups(groups: list[ProGroup], boxes: dict[str, Box], notation: Notation,
            lang: Language) -> list[Primitive]:
    theme = notation.professionals
    out: list[Primitive] = []
    for g in groups:
        members = [boxes[n] for n in g.names if n in boxes]
        if not members:
            continue
        colour = theme.colour(g.org_type)
        left = min(b.left for b in members) - GROUP_PAD
        right = max(b.right for b in members) + GROUP_PAD
        top = max(b.top for b in members) + GROUP_PAD + GROUP_LABEL
        bottom = min(b.bottom for b in members) - GROUP_PAD
        out.append(Stroke([(left, top), (right, top), (right, bottom), (left, bottom)],
                          colour.line, 1.0, closed=True, fill=colour.fill))
        key = f"org.{g.org_type}"
        name = notation.text(lang, key) if notation.has_text(lang, key) else g.org_type
        out.append(Text((left + 4, top - GROUP_LABEL + 3), name, theme.fontsize + 1,
                        colour.line, bold=True))
    return out


def _contacts(view: FamilyView, boxes: dict[str, Box], notation: Notation) -> list[Primitive]:
    theme = notation.professionals
    pros = view.professionals or []
    most = max((x.contacts for p in pros for x in p.links), default=1)
    lines: list[Primitive] = []
    labels: list[Primitive] = []
    for pro in pros:
        pb = boxes.get(node_name(PROFESSIONAL, pro.id))
        if pb is None:
            continue
        colour = theme.colour(pro.organisation.type if pro.organisation else None)
        for link in pro.links:
            target = boxes.get(node_name(TEXT, link.person_id)) or boxes.get(
                node_name(PERSON, link.person_id))
            if target is None:
                continue
            start = (pb.x, pb.top)
            end = (target.x, target.bottom)
            width = _width(link.contacts, most, theme.edge_penwidth_min, theme.edge_penwidth_max)
            lines.append(Stroke([start, end], colour.line, width, opacity=theme.edge_opacity))
            (x, y), _ = at_fraction([start, end], 0.18)
            labels.append(Text((x + 3, y), f"{link.contacts}×", theme.fontsize, colour.line))
    return lines + labels


def _width(n: int, most: int, low: float, high: float) -> float:
    if most <= 1 or n <= 1:
        return low
    return low + (high - low) * min(1.0, math.log(n) / math.log(most))


def _relation(e: EmotionalItem, a: Box, b: Box, notation: Notation, lang: Language
              ) -> list[Primitive]:
    theme = notation.emotional
    style = theme.kinds[e.kind]
    path = _path(a, b)
    path = trim(path, a.width / 2 + 2, b.width / 2 + 2 + (4 if style.arrow else 0))
    if len(path) < 2 or length(path) < 4:
        return []
    width = style.width or theme.width
    out: list[Primitive] = []
    spread = [(i - (style.lines - 1) / 2) * theme.spacing for i in range(style.lines)]
    for d in spread:
        line = offset(path, d) if d else path
        out += _styled(line, style, width)
    if style.arrow and e.directed:
        tip, direction = at_fraction(path, 1.0)
        tip = (tip[0] + direction[0] * 4, tip[1] + direction[1] * 4)
        out.append(Stroke(arrowhead(tip, direction), style.color, 1.0, closed=True,
                          fill=style.color))
    if style.labelled:
        (x, y), (dx, dy) = at_fraction(path, 0.5)
        nx, ny = (-dy, dx) if dx >= 0 else (dy, -dx)
        text = notation.text(lang, f"emotional.{e.kind}").split(" (")[0]
        out.append(Text((x + nx * 6, y + ny * 6), text, theme.fontsize, style.color,
                        anchor="middle"))
    return out


def _path(a: Box, b: Box) -> list[Point]:
    start, end = (a.x, a.y), (b.x, b.y)
    dx = end[0] - start[0]
    if abs(a.y - b.y) < 1:  # one row: arc above it
        rise = min(60.0, 16.0 + 0.1 * abs(dx))
        control = ((start[0] + end[0]) / 2, max(a.top, b.top) + rise)
        return bezier(start, control, end)
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    dist = math.dist(start, end)
    nx, ny = -(end[1] - start[1]) / dist, dx / dist
    return bezier(start, (mx + nx * dist * 0.12, my + ny * dist * 0.12), end)


def _styled(line: list[Point], style: RelationStyle, width: float) -> list[Primitive]:
    if style.pattern == "zigzag":
        return [Stroke(zigzag(line), style.color, width)]
    dash = style.pattern if style.pattern in ("dashed", "dotted") else None
    if not style.bars:
        return [Stroke(line, style.color, width, dash)]
    total = length(line)
    gap = min(8.0, total / 4)
    first = trim(line, 0, total / 2 + gap / 2)
    second = trim(line, total / 2 + gap / 2, 0)
    out: list[Primitive] = [Stroke(first, style.color, width, dash),
                            Stroke(second, style.color, width, dash)]
    for f in (0.5 - gap / 2 / total, 0.5 + gap / 2 / total):
        (x, y), (dx, dy) = at_fraction(line, f)
        out.append(Stroke([(x - dy * 6, y + dx * 6), (x + dy * 6, y - dx * 6)], style.color,
                          width + 0.4))
    return out
