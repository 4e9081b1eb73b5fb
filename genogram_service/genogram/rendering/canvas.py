"""A DOT graph under construction: nodes, edges, rank groups, and the legend entries the
picture uses. ``to_dot`` writes it with the ``graphviz`` package.

Node names are ``<kind>_<record id>`` (``P_`` person symbol, ``L_`` the text under it, ``U_``
union, ``H_`` where the union's line meets the sibship bar, ``S_`` a child's stem on the bar,
``T_`` a twin point, ``R_`` a professional); a ``:`` in an id is written ``%3A`` because the
``graphviz`` package reads ``a:b`` as a port. No clusters: see :mod:`households` for why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import graphviz

from genogram_service.genogram.rendering.model import FamilyView, Language
from genogram_service.genogram.rendering.notation import Notation

PERSON, TEXT, UNION, HUB, STEM, TWIN, PROFESSIONAL = "P", "L", "U", "H", "S", "T", "R"

Attrs = dict[str, str]


def node_name(kind: str, record_id: str) -> str:
    return f"{kind}_{record_id.replace(':', '%3A')}"


def record_id(name: str) -> tuple[str, str]:
    """(kind, record id) of a node name made by :func:`node_name`."""
    kind, _, rest = name.partition("_")
    return kind, rest.replace("%3A", ":")


@dataclass
class Canvas:
    view: FamilyView
    notation: Notation
    lang: Language
    graph_attrs: Attrs = field(default_factory=dict)
    nodes: list[tuple[str, Attrs]] = field(default_factory=list)
    edges: list[tuple[str, str, Attrs]] = field(default_factory=list)
    same_rank: list[list[str]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def node(self, name: str, **attrs: str) -> None:
        self.nodes.append((name, attrs))

    def edge(self, tail: str, head: str, **attrs: str) -> None:
        self.edges.append((tail, head, attrs))

    def use(self, legend_entry: str) -> None:
        """Note that the picture uses ``legend_entry`` (the legend shows only those)."""
        self.used.add(legend_entry)

    def to_dot(self) -> str:
        g = graphviz.Digraph("genogram")
        theme = self.notation.graph
        g.attr("graph", newrank="true", fontname=theme.fontname,
               fontsize=f"{theme.fontsize:g}", bgcolor=theme.bgcolor, splines=theme.splines,
               pad=f"{theme.pad:g}", outputorder="edgesfirst", **self.graph_attrs)
        g.attr("node", fontname=theme.fontname, fontsize=f"{theme.fontsize:g}")
        g.attr("edge", dir="none", arrowhead="none")
        # The statements go in as lines: the package's per-attribute quoting costs more than
        # the rest of the build together, and every value here is known (names from ids,
        # numbers, colours, HTML labels built from escaped text).
        body = g.body
        for name, attrs in self.nodes:
            body.append(f"\t{_q(name)} {_attrs(attrs)}\n")
        for group in self.same_rank:
            body.append("\t{rank=same; " + "; ".join(_q(n) for n in group) + "}\n")
        for tail, head, attrs in self.edges:
            body.append(f"\t{_q(tail)} -> {_q(head)} {_attrs(attrs)}\n")
        source: str = g.source
        return source


def _q(value: str) -> str:
    """A DOT ID: an HTML-like label as it is, anything else double-quoted."""
    if value[:1] == "<" and value[-1:] == ">":
        return value
    if "\\" in value or '"' in value:
        value = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{value}"'


def _attrs(attrs: Attrs) -> str:
    return "[" + " ".join([f"{k}={_q(v)}" for k, v in attrs.items()]) + "]"
