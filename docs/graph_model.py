"""Draw the graph model: every node label and relationship type, with its properties.

Run from the project root::

    .venv/bin/python docs/graph_model.py

It writes ``docs/graph-model.svg`` and ``docs/graph-model.png``. The picture is built from
``genogram_service.records.spec.KINDS`` (labels, relationship types, reference fields and, for
each reference of a *node* record, the relationship type and direction that stores it) and the
pydantic models (properties). The CRUD Cypher is generated from the same table
(``genogram_service/records/statements.py``, kept current by a unit test), and the indexed
properties are read from ``cypher/schema/``, so the picture cannot silently drift from the
database.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
import re
import sys
import types
import typing
from dataclasses import dataclass
from pathlib import Path

import graphviz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from genogram_service.records.spec import KIND_BY_NAME, KINDS, Kind  # noqa: E402
from genogram_service.records.rows import BSN_STORED  # noqa: E402

CYPHER = ROOT / "cypher"
#: typed "X | None" in the model but always set by a model validator before writing
FILLED_BY_VALIDATOR = {("emotional_relation", "directed")}
OUT = ROOT / "docs" / "graph-model"

# ---------------------------------------------------------------------------- the look


@dataclass(frozen=True)
class Area:
    title: str
    fill: str  # node header and cluster background tint
    body: str  # node body
    line: str  # border and edges


FAMILY = Area("Family", "#f4a259", "#fdf0e3", "#b8612a")
PROFESSIONAL = Area("Professionals and organisations", "#5b8fd6", "#e8f0fb", "#2f5e9e")
CASE = Area("Case process", "#5fae6e", "#e8f5ea", "#2e7a3d")

AREA_OF: dict[str, Area] = {
    "person": FAMILY,
    "union": FAMILY,
    "household": FAMILY,
    "child_link": FAMILY,
    "household_membership": FAMILY,
    "emotional_relation": FAMILY,
    "organisation": PROFESSIONAL,
    "professional": PROFESSIONAL,
    "employment": PROFESSIONAL,
    "case": CASE,
    "assignment": CASE,
    "contact": CASE,
    "measure": CASE,
    "report": CASE,
    "referral": CASE,
    "safety_assessment": CASE,
    "handover": CASE,
}

FONT = "Helvetica"  # metric-compatible Liberation Sans here, Helvetica/Arial in browsers
MONO = "Courier"  # likewise Liberation Mono / Courier
GREY = "#6b6b6b"

# ---------------------------------------------------------------------------- model facts


def type_name(annotation: object) -> tuple[str, bool]:
    """A short type for a field annotation, and whether it admits None."""
    optional = False
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        annotation = args[0] if len(args) == 1 else annotation
        origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
        origin = typing.get_origin(annotation)
    if origin is list:
        inner, _ = type_name(typing.get_args(annotation)[0])
        return f"list[{inner}]", optional
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation.__name__, optional
    names: dict[object, str] = {str: "string", int: "int", bool: "bool", dt.date: "date"}
    return names.get(annotation, getattr(annotation, "__name__", str(annotation))), optional


# the target of a schema statement: a node label "(n:Label)" or a type "()-[r:TYPE]-()"
TARGET = r"FOR (?:\(\w*:(?P<label>\w+)\)|\(\)-\[\w*:(?P<type>\w+)\]-\(\))"


def schema_targets(tail: str) -> list[tuple[str, re.Match[str]]]:
    """(label or type, match) for each cypher/schema/ statement ending in ``tail``."""
    pattern = re.compile(TARGET + tail)
    found = []
    for path in sorted((CYPHER / "schema").glob("*.cypher")):
        for m in pattern.finditer(path.read_text(encoding="utf-8")):
            found.append((m.group("label") or m.group("type"), m))
    return found


def indexed_properties() -> dict[str, set[str]]:
    """{label or rel type: {property}} for every range index in cypher/schema/."""
    found: dict[str, set[str]] = {}
    for target, m in schema_targets(r" ON \(\w+\.(?P<prop>\w+)\)"):
        found.setdefault(target, set()).add(m.group("prop"))
    return found


def unique_ids() -> set[str]:
    """Labels and relationship types with a uniqueness constraint on ``id``."""
    return {target for target, _ in schema_targets(r" REQUIRE \w+\.id IS UNIQUE")}


def properties(kind: Kind) -> list[tuple[str, str, bool]]:
    """(name, type, optional) of what the graph stores: model fields minus references."""
    out = []
    fields = dict(kind.model.model_fields)
    # id first, then the model's own fields, then inherited period dates (start/end)
    order = ["id"] + sorted(
        (f for f in fields if f != "id"),
        key=lambda f: (
            f in ("start_date", "end_date") and "start_date" not in kind.model.__annotations__
        ),
    )
    for name in order:
        info = fields[name]
        if name in kind.ref_fields:
            continue
        if kind.name == "person" and name == "bsn":
            out += [(stored, "string", True) for stored in BSN_STORED]
            continue
        tname, optional = type_name(info.annotation)
        # "optional" means the property may be absent (None is not stored); fields with a
        # non-None default (sex, lists, ChildLink.kind) are always written. The id is optional
        # on POST only: the service generates one, so every node and relationship has it.
        optional = optional and name != "id" and (kind.name, name) not in FILLED_BY_VALIDATOR
        out.append((name, tname, optional))
    return out


def cardinality(kind: Kind, field: str) -> str:
    info = kind.model.model_fields[field]
    ref = next(r for r in kind.refs if r.field == field)
    if not ref.many:
        return "1" if info.is_required() else "0..1"
    low = next((m.min_length for m in info.metadata if hasattr(m, "min_length")), 0)
    high = next((m.max_length for m in info.metadata if hasattr(m, "max_length")), None)
    return f"{low}..{high if high is not None else 'n'}"


# ---------------------------------------------------------------------------- drawing


def node_label(kind: Kind, indexed: set[str], unique: bool) -> str:
    area = AREA_OF[kind.name]
    rows = [
        f'<TR><TD COLSPAN="3" BGCOLOR="{area.fill}" ALIGN="CENTER">'
        f'<FONT FACE="{FONT}" POINT-SIZE="13" COLOR="white"><B>:{kind.label}</B></FONT></TD></TR>'
    ]
    for name, tname, optional in properties(kind):
        tag = ""
        if name == "id" and unique:
            tag = "unique"
        elif name in indexed:
            tag = "index"
        shown = html.escape(name + ("?" if optional else ""))
        weight = ("<B>", "</B>") if not optional else ("", "")
        rows.append(
            f'<TR><TD ALIGN="LEFT">{weight[0]}<FONT FACE="{MONO}" POINT-SIZE="10">{shown}'
            f"</FONT>{weight[1]}</TD>"
            f'<TD ALIGN="LEFT"><FONT FACE="{MONO}" POINT-SIZE="9" COLOR="{GREY}">'
            f"{html.escape(tname)}</FONT></TD>"
            + (
                f'<TD ALIGN="RIGHT"><FONT FACE="{FONT}" POINT-SIZE="8" COLOR="{area.line}">'
                f"<I>{tag}</I></FONT></TD></TR>"
                if tag
                else "<TD></TD></TR>"
            )
        )
    return (
        f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" '
        f'COLOR="{area.line}" BGCOLOR="{area.body}">' + "".join(rows) + "</TABLE>>"
    )


def ref_edge_label(kind: Kind, field: str, rel: str) -> str:
    return (
        f'<<FONT FACE="{FONT}" POINT-SIZE="11"><B>{rel}</B></FONT><BR/>'
        f'<FONT FACE="{MONO}" POINT-SIZE="9" COLOR="{GREY}">{field} ({cardinality(kind, field)})'
        f"</FONT>>"
    )


def rel_edge_label(kind: Kind, indexed: set[str], unique: bool) -> str:
    area = AREA_OF[kind.name]
    rows = [
        f'<TR><TD COLSPAN="2" BGCOLOR="{area.line}"><FONT FACE="{FONT}" POINT-SIZE="11" '
        f'COLOR="white"><B>{kind.label}</B></FONT></TD></TR>'
    ]
    for name, tname, optional in properties(kind):
        tag = "unique" if name == "id" and unique else ("index" if name in indexed else "")
        shown = html.escape(name + ("?" if optional else ""))
        rows.append(
            f'<TR><TD ALIGN="LEFT"><FONT FACE="{MONO}" POINT-SIZE="9">{shown}</FONT></TD>'
            f'<TD ALIGN="LEFT"><FONT FACE="{MONO}" POINT-SIZE="9" COLOR="{GREY}">'
            f"{html.escape(tname)}"
            + (f' <I><FONT FACE="{FONT}" COLOR="{area.line}">{tag}</FONT></I>' if tag else "")
            + "</FONT></TD></TR>"
        )
    return (
        f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" '
        f'COLOR="{area.line}" BGCOLOR="white">' + "".join(rows) + "</TABLE>>"
    )


def legend() -> str:
    rows = "".join(
        f'<TR><TD BGCOLOR="{a.fill}" WIDTH="18"> </TD>'
        f'<TD ALIGN="LEFT"><FONT FACE="{FONT}" POINT-SIZE="10">{a.title}</FONT></TD></TR>'
        for a in (FAMILY, PROFESSIONAL, CASE)
    )
    notes = [
        "<B>bold</B>: always stored;  name?: may be absent",
        "unique: uniqueness constraint (MERGE key)",
        "index: range index",
        "edge caption: reference field (cardinality)",
        "boxed edge: relationship record with its own id",
    ]
    rows += "".join(
        f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT FACE="{FONT}" POINT-SIZE="9">{n}</FONT></TD></TR>'
        for n in notes
    )
    return f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" COLOR="{GREY}">{rows}</TABLE>>'


def build() -> graphviz.Digraph:
    indexed = indexed_properties()
    unique = unique_ids()
    g = graphviz.Digraph("graph_model")
    g.attr(
        rankdir="TB",
        splines="true",
        nodesep="0.4",
        ranksep="1.0",
        pad="0.3",
        fontname=FONT,
        bgcolor="white",
        newrank="true",
        label="Genogram Service: graph model (generated by docs/graph_model.py)",
        labelloc="t",
        fontsize="16",
    )
    g.attr("node", shape="plain", fontname=FONT)
    g.attr("edge", fontname=FONT, arrowsize="0.8", penwidth="1.3", decorate="true")

    for area in (FAMILY, PROFESSIONAL, CASE):
        with g.subgraph(name=f"cluster_{area.title.split()[0].lower()}") as c:
            c.attr(
                label=area.title,
                style="rounded,dashed",
                color=area.line,
                fontcolor=area.line,
                fontsize="14",
            )
            for kind in KINDS:
                if not kind.is_relationship and AREA_OF[kind.name] is area:
                    c.node(
                        kind.label,
                        node_label(kind, indexed.get(kind.label, set()), kind.label in unique),
                    )

    for kind in KINDS:
        area = AREA_OF[kind.name]
        if kind.is_relationship:
            a, b = (KIND_BY_NAME[r.target].label for r in kind.refs)
            g.edge(
                a,
                b,
                label=rel_edge_label(kind, indexed.get(kind.label, set()), kind.label in unique),
                color=area.line,
                penwidth="2.2",
                decorate="false",
            )
            continue
        for ref in kind.refs:
            assert ref.rel is not None  # spec.problems() makes sure of it for node kinds
            target = KIND_BY_NAME[ref.target].label
            tail, head = (kind.label, target) if ref.direction == "out" else (target, kind.label)
            g.edge(
                tail,
                head,
                label=ref_edge_label(kind, ref.field, ref.rel),
                color=area.line,
                fontcolor=area.line,
            )

    g.node("legend", legend())
    return g


def main() -> None:
    g = build()
    # cleanup=True removes the intermediate DOT source: only the pictures are kept
    g.render(outfile=OUT.with_suffix(".svg"), format="svg", cleanup=True)
    g.graph_attr["dpi"] = "110"  # PNG only: sharper text than the default 96
    g.render(outfile=OUT.with_suffix(".png"), format="png", cleanup=True)
    print(
        f"wrote {OUT.with_suffix('.svg').relative_to(ROOT)} and "
        f"{OUT.with_suffix('.png').relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
