"""From a :class:`FamilyView` to DOT source and on to a picture.

One ``dot`` run lays out the family and the band of professionals. When there is something
to draw after the layout (household outlines, emotional relations, contact lines, the
organisation-type groups), the same run also writes the positions (``-Tplain``, first); the
additions are computed from them while ``dot`` is still writing the picture, and put into the
SVG directly, or drawn by ``neato -n2`` as the ``_background`` of the laid-out graph for PNG
and PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from genogram_service.genogram.rendering.canvas import PERSON, TEXT, UNION, Canvas, node_name
from genogram_service.genogram.rendering.decorations import decorate
from genogram_service.genogram.rendering.engine import (
    Box,
    Format,
    run_dot,
    run_dot_twice,
    run_neato_n2,
)
from genogram_service.genogram.rendering.family import draw_family
from genogram_service.genogram.rendering.households import HouseholdShape
from genogram_service.genogram.rendering.legend import caption
from genogram_service.genogram.rendering.model import FamilyView, RenderOptions
from genogram_service.genogram.rendering.notation import Notation, load_notation
from genogram_service.genogram.rendering.ordering import Ordering
from genogram_service.genogram.rendering.overlays import (
    ProGroup,
    assign_households,
    draw_professionals,
    household_shapes,
)
from genogram_service.genogram.rendering.paint import Primitive, insert_svg, svg_layers, xdot


@dataclass(frozen=True)
class Drawing:
    """The DOT source, and what is drawn after the layout."""

    view: FamilyView
    options: RenderOptions
    notation: Notation
    source: str
    households: list[HouseholdShape]
    groups: list[ProGroup]

    @property
    def row_members(self) -> set[str]:
        names = {node_name(k, p.id) for p in self.view.persons for k in (PERSON, TEXT)}
        return names | {node_name(UNION, u.id) for u in self.view.unions}

    @property
    def decorated(self) -> bool:
        return bool(self.households or self.groups or self.view.emotional)

    def decorations(self, boxes: dict[str, Box]) -> list[Primitive]:
        return decorate(self.view, boxes, self.notation, self.options.lang,
                        households=self.households, groups=self.groups,
                        row_members=self.row_members)


def build(view: FamilyView, options: RenderOptions | None = None,
          notation: Notation | None = None) -> Drawing:
    options = options or RenderOptions()
    notation = notation or load_notation()
    c = Canvas(view, notation, options.lang)
    theme = notation.graph
    large = len(view.persons) > theme.large_family
    c.graph_attrs.update(
        nodesep=f"{theme.large_nodesep if large else theme.nodesep:g}",
        ranksep=f"{theme.large_ranksep if large else theme.ranksep:g}",
    )
    household_of = assign_households(view)
    order = Ordering({p.id: p for p in view.persons}, {u.id: u for u in view.unions},
                     view.children, household_of, view.index_id)
    if order.consistent:  # the rows are pinned: no need to search for fewer crossings
        c.graph_attrs.update(mclimit="0.05", remincross="false")
    shapes = household_shapes(c, household_of, order)
    draw_family(c, order)
    groups = draw_professionals(c, order)
    shown = {p.id for p in view.persons}
    for e in view.emotional or []:
        if e.from_id in shown and e.to_id in shown:
            c.use(f"emotional.{e.kind}")
    label = caption(view, c.used, notation, options.lang, title=options.title,
                    legend=options.legend)
    if label is not None:
        c.graph_attrs.update(label=label, labelloc="b", labeljust="l")
    return Drawing(view, options, notation, c.to_dot(), shapes, groups)


def build_dot(view: FamilyView, options: RenderOptions | None = None,
              notation: Notation | None = None) -> str:
    """The DOT source of the genogram (the decorations are added after the layout)."""
    return build(view, options, notation).source


def render(view: FamilyView, fmt: Format | str, options: RenderOptions | None = None,
           *, notation: Notation | None = None, dpi: int | None = None) -> bytes:
    """The genogram as ``svg``, ``png``, ``pdf``, ``json`` (laid out) or ``dot`` (source)."""
    return render_drawing(build(view, options, notation), fmt, dpi=dpi)


def render_drawing(drawing: Drawing, fmt: Format | str, *, dpi: int | None = None) -> bytes:
    if fmt == "dot":
        return drawing.source.encode("utf-8")
    if fmt not in ("svg", "png", "pdf", "json"):
        raise ValueError(f"unknown format {fmt!r}")
    if not drawing.decorated or fmt == "json":
        return run_dot(drawing.source, fmt, dpi=dpi)  # type: ignore[arg-type]
    fontname = drawing.notation.graph.fontname
    if fmt == "svg":  # the additions are drawn while dot writes the SVG
        layers, picture = run_dot_twice(drawing.source, "svg", lambda boxes: svg_layers(
            drawing.decorations(boxes), fontname))
        return insert_svg(picture, layers)
    background, laid_out = run_dot_twice(drawing.source, "dot", lambda boxes: xdot(
        drawing.decorations(boxes), fontname))
    return run_neato_n2(laid_out, background, fmt, dpi=dpi)  # type: ignore[arg-type]
