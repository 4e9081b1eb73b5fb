"""Household boundaries, drawn after the layout from the positions Graphviz computed.

Graphviz clusters would draw them during the layout, but in Graphviz 2.43 clusters and a
pinned row order exclude each other (with ``newrank`` the order is lost, without it the
generations are). So the rows are pinned without clusters, and each household becomes an
outline around its members: one box per row it spans (the symbols of its members in one
generation, their texts, the next generation's symbols...), joined into one staircase-shaped
outline when the rows follow each other. The row order keeps a household's members together,
so no one else is inside; a row where they are not together gets one box per group of
neighbours (and the quality check says so). See :mod:`paint` for how they reach the picture.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from genogram_service.genogram.rendering.engine import Box
from genogram_service.genogram.rendering.paint import Primitive, Stroke, Text

PAD = 5.0
LABEL_HEIGHT = 10.0


@dataclass
class HouseholdShape:
    """What to outline: the node names of the members per row: ``2 * generation`` for the
    symbols and union nodes, ``2 * generation + 1`` for the texts under the symbols."""

    key: str
    name: str
    color: str
    bands: dict[int, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Outline:
    key: str
    name: str
    color: str
    points: list[tuple[float, float]]
    label_at: tuple[float, float] | None


@dataclass(frozen=True)
class _Band:
    left: float
    right: float
    top: float
    bottom: float


def outlines(shapes: list[HouseholdShape], boxes: dict[str, Box], row_members: set[str]
             ) -> list[Outline]:
    """Outlines for ``shapes``; ``row_members`` are all node names that must not be inside
    another household's outline (person symbols, their texts, union nodes)."""
    out: list[Outline] = []
    rows: dict[int, list[Box]] = {}  # the row members by their row (y), left to right
    for n in row_members:
        if n in boxes:
            rows.setdefault(round(boxes[n].y), []).append(boxes[n])
    for row_boxes in rows.values():
        row_boxes.sort(key=lambda b: b.x)
    for shape in shapes:
        runs: list[list[_Band]] = []
        previous: int | None = None
        for row in sorted(shape.bands):
            names = [n for n in shape.bands[row] if n in boxes]
            pieces = _pieces(names, boxes, rows)
            if not pieces:
                continue
            if len(pieces) == 1 and runs and previous == row - 1 and len(runs[-1]) >= 1 \
                    and _overlap(runs[-1][-1], pieces[0]):
                runs[-1].append(pieces[0])
            else:
                runs.extend([p] for p in pieces)
            previous = row if len(pieces) == 1 else None
        for k, run in enumerate(runs):
            last = run[-1]
            text = wrap(shape.name, last.right - last.left - 6) if k == len(runs) - 1 else []
            run[-1] = _Band(last.left, last.right, last.top,
                            last.bottom - LABEL_HEIGHT * max(len(text), 1))
            label = (run[-1].left + 3, run[-1].bottom + 3) if text else None
            out.append(Outline(shape.key, "\n".join(text), shape.color, _staircase(run),
                               label))
    return out


def wrap(text: str, width: float, fontsize: float = 8.0) -> list[str]:
    """``text`` in at most two lines that fit ``width`` points (estimated)."""
    chars = max(12, int(width / (0.55 * fontsize)))
    lines: list[str] = []
    for word in text.split():
        if lines and (len(lines[-1]) + 1 + len(word) <= chars or len(lines) == 2):
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _pieces(names: list[str], boxes: dict[str, Box], rows: dict[int, list[Box]]
            ) -> list[_Band]:
    """The members' boxes of one row, split wherever someone else stands between."""
    mine = set(names)
    if not mine:
        return []
    top = max(boxes[n].top for n in mine)
    bottom = min(boxes[n].bottom for n in mine)
    lo = min(boxes[n].left for n in mine)
    hi = max(boxes[n].right for n in mine)
    near: list[Box] = []
    for y, row in rows.items():
        if bottom < y < top:  # the neighbours just outside, and anyone between
            xs = [b.x for b in row]
            first = max(bisect.bisect_left(xs, lo) - 1, 0)
            last = bisect.bisect_right(xs, hi) + 1
            near += [b for b in row[first:last] if b.name not in mine]
    others = sorted(b.x for b in near)
    groups: list[list[Box]] = []
    for b in sorted((boxes[n] for n in mine), key=lambda b: b.x):
        if groups and not any(groups[-1][-1].x < x < b.x for x in others):
            groups[-1].append(b)
        else:
            groups.append([b])
    bands = []
    for g in groups:
        left, right = min(b.left for b in g), max(b.right for b in g)
        # never closer to a neighbour than halfway (outlines of neighbours must not touch)
        gap_left = min((left - o.right for o in near if o.right <= left), default=4 * PAD)
        gap_right = min((o.left - right for o in near if o.left >= right), default=4 * PAD)
        bands.append(_Band(left - max(1.0, min(PAD, gap_left / 2 - 1)),
                           right + max(1.0, min(PAD, gap_right / 2 - 1)),
                           max(b.top for b in g) + PAD, min(b.bottom for b in g) - PAD))
    return bands


def _overlap(a: _Band, b: _Band) -> bool:
    return a.left < b.right and b.left < a.right


def _staircase(bands: list[_Band]) -> list[tuple[float, float]]:
    """The outline of bands stacked top to bottom, joined halfway between them."""
    first, last = bands[0], bands[-1]
    pts = [(first.left, first.top), (first.right, first.top)]
    for a, b in zip(bands, bands[1:], strict=False):
        mid = (a.bottom + b.top) / 2
        pts += [(a.right, mid), (b.right, mid)]
    pts += [(last.right, last.bottom), (last.left, last.bottom)]
    for a, b in reversed(list(zip(bands, bands[1:], strict=False))):
        mid = (a.bottom + b.top) / 2
        pts += [(b.left, mid), (a.left, mid)]
    return pts


def inside(point: tuple[float, float], polygon: list[tuple[float, float]]) -> bool:
    """Ray casting: is ``point`` inside ``polygon``?"""
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


# --------------------------------------------------------------------------- drawing


def household_primitives(items: list[Outline], *, fontsize: float, penwidth: float
                         ) -> list[Primitive]:
    out: list[Primitive] = []
    for o in items:
        out.append(Stroke(o.points, o.color, penwidth, "dashed", closed=True))
        if o.label_at is not None and o.name:
            x, y = o.label_at
            for k, line in enumerate(reversed(o.name.split("\n"))):
                out.append(Text((x, y + k * LABEL_HEIGHT), line, fontsize, o.color))
    return out
