"""Drawing primitives for what is added after the layout, and their two renderings: SVG
elements (put straight into Graphviz's SVG) and xdot operations (the ``_background`` attribute
that ``neato -n2`` draws for PNG and PDF). Coordinates are Graphviz points, y upwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

Point = tuple[float, float]


@dataclass(frozen=True)
class Stroke:
    points: list[Point]
    color: str
    width: float = 1.0
    dash: str | None = None  # "dashed" | "dotted"
    closed: bool = False
    fill: str | None = None
    opacity: float = 1.0


@dataclass(frozen=True)
class Text:
    at: Point
    text: str
    size: float
    color: str
    anchor: str = "start"  # "start" | "middle" | "end"
    bold: bool = False


Primitive = Stroke | Text

_DASH = {"dashed": "6,3", "dotted": "1.5,2.5"}


# ----------------------------------------------------------------------------- geometry


def bezier(a: Point, control: Point, b: Point, steps: int = 24) -> list[Point]:
    """A quadratic Bézier curve as a polyline."""
    out = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        out.append((u * u * a[0] + 2 * u * t * control[0] + t * t * b[0],
                    u * u * a[1] + 2 * u * t * control[1] + t * t * b[1]))
    return out


def normals(points: list[Point]) -> list[Point]:
    out = []
    for i in range(len(points)):
        p0 = points[max(i - 1, 0)]
        p1 = points[min(i + 1, len(points) - 1)]
        dx, dy = p1[0] - p0[0], p1[1] - p0[1]
        n = math.hypot(dx, dy) or 1.0
        out.append((-dy / n, dx / n))
    return out


def offset(points: list[Point], d: float) -> list[Point]:
    return [(x + nx * d, y + ny * d) for (x, y), (nx, ny) in zip(points, normals(points),
                                                                  strict=True)]


def length(points: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(points, points[1:], strict=False))


def at_fraction(points: list[Point], f: float) -> tuple[Point, Point]:
    """The point at fraction ``f`` of the polyline's length, and the direction there."""
    target = length(points) * f
    walked = 0.0
    for a, b in zip(points, points[1:], strict=False):
        step = math.dist(a, b)
        if step and walked + step >= target:
            t = (target - walked) / step
            d = ((b[0] - a[0]) / step, (b[1] - a[1]) / step)
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), d
        walked += step
    a, b = points[-2], points[-1]
    step = math.dist(a, b) or 1.0
    return b, ((b[0] - a[0]) / step, (b[1] - a[1]) / step)


def zigzag(points: list[Point], amplitude: float = 3.0, wavelength: float = 7.0
           ) -> list[Point]:
    """The polyline as a zigzag (the notation's conflict line)."""
    total = length(points)
    n = max(2, int(total / (wavelength / 2)))
    out = []
    for i in range(n + 1):
        (x, y), (dx, dy) = at_fraction(points, i / n)
        side = 0 if i in (0, n) else (amplitude if i % 2 else -amplitude)
        out.append((x - dy * side, y + dx * side))
    return out


def trim(points: list[Point], start: float, end: float) -> list[Point]:
    """Cut ``start`` points of length off the beginning and ``end`` off the end."""
    total = length(points)
    if total <= start + end + 1:
        return points
    a, _ = at_fraction(points, start / total)
    b, _ = at_fraction(points, 1 - end / total)
    inner = [p for p, f in _fractions(points) if start / total < f < 1 - end / total]
    return [a, *inner, b]


def _fractions(points: list[Point]) -> list[tuple[Point, float]]:
    total = length(points) or 1.0
    out = []
    walked = 0.0
    for i, p in enumerate(points):
        if i:
            walked += math.dist(points[i - 1], p)
        out.append((p, walked / total))
    return out


def arrowhead(tip: Point, direction: Point, size: float = 7.0) -> list[Point]:
    dx, dy = direction
    bx, by = tip[0] - dx * size, tip[1] - dy * size
    w = size * 0.45
    return [tip, (bx - dy * w, by + dx * w), (bx + dy * w, by - dx * w)]


# ----------------------------------------------------------------------------- rendering


def svg(items: list[Primitive], fontname: str) -> str:
    parts = ['<g id="overlays" class="overlays">']
    for item in items:
        if isinstance(item, Text):
            weight = ' font-weight="bold"' if item.bold else ""
            parts.append(f'<text text-anchor="{item.anchor}" x="{item.at[0]:.2f}" '
                         f'y="{-item.at[1]:.2f}" font-family="{escape(fontname)}" '
                         f'font-size="{item.size:g}" fill="{item.color}"{weight}>'
                         f"{escape(item.text)}</text>")
            continue
        pts = " ".join(f"{x:.2f},{-y:.2f}" for x, y in item.points)
        tag = "polygon" if item.closed else "polyline"
        dash = f' stroke-dasharray="{_DASH[item.dash]}"' if item.dash in _DASH else ""
        alpha = f' stroke-opacity="{item.opacity:g}"' if item.opacity < 1 else ""
        parts.append(f'<{tag} fill="{item.fill or "none"}" stroke="{item.color}" '
                     f'stroke-width="{item.width:g}" stroke-linejoin="round"{dash}{alpha} '
                     f'points="{pts}"/>')
    parts.append("</g>")
    return "\n".join(parts)


def svg_layers(items: list[Primitive], fontname: str) -> tuple[str, str]:
    """The SVG of the lines and of the texts among ``items`` (for :func:`insert_svg`)."""
    lines = svg([x for x in items if not isinstance(x, Text)], fontname)
    texts = svg([x for x in items if isinstance(x, Text)], fontname).replace(
        'id="overlays"', 'id="overlay-texts"')
    return lines, texts


def insert_svg(picture: bytes, layers: tuple[str, str]) -> bytes:
    """``picture`` with the lines of ``layers`` right after the graph's background, under
    everything else, and the texts last, over everything (a name's white background must not
    hide them)."""
    text = picture.decode("utf-8")
    start = text.find('<g id="graph0"')
    background = text.find("<polygon", start)
    end = text.find("/>", background) + 2 if background >= 0 else -1
    close = text.rfind("</g>")
    if start < 0 or end < 2 or close < end:
        return picture
    lines, texts = layers
    return (text[:end] + "\n" + lines + text[end:close] + texts + "\n"
            + text[close:]).encode("utf-8")


def _s(value: str) -> str:
    return f"{len(value.encode('utf-8'))} -{value}"


def xdot(items: list[Primitive], fontname: str) -> str:
    """The drawing as xdot operations for the ``_background`` attribute."""
    ops: list[str] = []
    for item in items:
        if isinstance(item, Text):
            width = 0.55 * item.size * len(item.text)
            just = {"start": -1, "middle": 0, "end": 1}[item.anchor]
            font = f"{fontname}:bold" if item.bold else fontname
            ops += [f"F {item.size:g} {_s(font)}", f"c {_s(item.color)}",
                    f"T {item.at[0]:.2f} {item.at[1]:.2f} {just} {width:.2f} {_s(item.text)}"]
            continue
        ops += [f"c {_s(item.color)}", f"S {_s(item.dash or 'solid')}",
                f"S {_s(f'setlinewidth({item.width:g})')}"]
        coords = " ".join(f"{x:.2f} {y:.2f}" for x, y in item.points)
        if item.closed:
            if item.fill:
                ops += [f"C {_s(item.fill)}", f"P {len(item.points)} {coords}"]
            else:
                ops.append(f"p {len(item.points)} {coords}")
        else:
            ops.append(f"L {len(item.points)} {coords}")
    return " ".join(ops)
