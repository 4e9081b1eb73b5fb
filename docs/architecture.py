"""Draw docs/architecture.svg (and .png): the package's rooms and which imports which.

The picture is read off the code, not drawn by hand: grimp (which import-linter uses) gives
every import between modules of ``genogram_service``; they are grouped by room (the top-level
package or module they live in), and the rooms are placed in the layers of the import-linter
contract in ``pyproject.toml``, top to bottom. An arrow ``a -> b`` means some module of ``a``
imports some module of ``b``. To keep the picture readable, an arrow that a longer path of
arrows already implies is left out (the transitive reduction), and so are the arrows into
``errors`` and ``settings``, which every room may use.

    .venv/bin/python docs/architecture.py          # rewrite the pictures
    .venv/bin/python docs/architecture.py --check  # exit 1 when the pictures' DOT is stale
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import grimp
import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "genogram_service"
OUT = ROOT / "docs" / "architecture"

#: what each room is for, as the picture's second line
PURPOSE = {
    "cli": "command line",
    "api": "FastAPI app, middleware",
    "web": "case workers' pages",
    "container": "services of a process",
    "genogram": "options, view, rendering",
    "queries": "catalogue, analytics",
    "gedcom": "GEDCOM in and out",
    "synthetic": "demo and benchmark data",
    "family": "family graph, kinship",
    "records": "record kinds, import, BSN",
    "security": "actors, guard, access log",
    "http": "problem+json, OpenAPI bits",
    "db": "driver, Cypher files",
    "errors": "one error tree",
    "settings": "GENOGRAM_* settings",
    "resources": "package data",
    "ids": "record id pattern",
    "dates": "supported date range",
}


def layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract["type"] == "layers":
            return [[m.strip().removeprefix(PACKAGE + ".") for m in layer.split(":")]
                    for layer in contract["layers"]]
    raise SystemExit("no layers contract in pyproject.toml")


def room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


BOTTOM = {"errors", "settings"}


def edges() -> set[tuple[str, str]]:
    """The room-level imports, reduced as the module docstring says."""
    counted = imports()
    graph = nx.DiGraph([pair for pair in counted if pair[1] not in BOTTOM])
    if not nx.is_directed_acyclic_graph(graph):
        cycle = nx.find_cycle(graph)
        raise SystemExit(f"rooms import each other in a cycle: {cycle}")
    return set(nx.transitive_reduction(graph).edges)


def imports() -> Counter[tuple[str, str]]:
    graph = grimp.build_graph(PACKAGE)
    counted: Counter[tuple[str, str]] = Counter()
    for module in sorted(graph.modules):
        source = room(module)
        if source is None:
            continue
        targets = {room(m) for m in graph.find_modules_directly_imported_by(module)}
        for target in sorted(t for t in targets if t and t != source):
            counted[(source, target)] += 1
    return counted


def dot() -> str:
    ranks = layers()
    arrows = edges()
    rooms = sorted({r for pair in arrows for r in pair} | {r for layer in ranks for r in layer})
    lines = [
        "digraph architecture {",
        '  graph [rankdir=TB, nodesep=0.3, ranksep=0.45, fontname="Helvetica", '
        'label="genogram_service: rooms, and what they import (arrows implied by a longer path, '
        'and those into errors and settings, left out)", '
        'labelloc=t, fontsize=13];',
        '  node [shape=box, style="rounded,filled", fillcolor="#eef3f8", color="#4a6785", '
        'fontname="Helvetica", fontsize=11];',
        '  edge [color="#7a8ca0", arrowsize=0.6, fontname="Helvetica", fontsize=8];',
    ]
    for index, layer in enumerate(ranks):
        names = " ".join(f'"{r}"' for r in layer if r in rooms)
        lines.append(f"  {{ rank=same; {names} }}  // layer {index + 1}")
    for name in rooms:
        purpose = PURPOSE.get(name, "")
        label = f"{name}\\n{purpose}" if purpose else name
        lines.append(f'  "{name}" [label="{label}"];')
    for source, target in sorted(arrows):
        lines.append(f'  "{source}" -> "{target}";')
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    text = dot()
    source = OUT.with_suffix(".dot")
    if "--check" in sys.argv:
        stale = not source.exists() or source.read_text(encoding="utf-8") != text
        if stale:
            print(f"{source.relative_to(ROOT)} is stale: run python docs/architecture.py")
        return int(stale)
    source.write_text(text, encoding="utf-8")
    for fmt in ("svg", "png"):
        target = OUT.with_suffix(f".{fmt}")
        # our own DOT through the system's Graphviz
        subprocess.run(["dot", f"-T{fmt}", "-Gdpi=110", "-o", str(target), str(source)],  # noqa: S603,S607
                       check=True)
    print(f"wrote {source.relative_to(ROOT)} and its .svg, .png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
