"""Every Cypher statement is accepted by the real Neo4j planner and has its header (that every
file is used by the code: tests/unit/db/test_statement_names.py)."""

from __future__ import annotations

import re

import pytest

from genogram_service.db import Graph
from genogram_service.db.statements import load, statement_names
from genogram_service.resources import CYPHER_DIR

# the statements are the files; parts/ holds pieces of them (tests/unit/db/test_statement_parts.py)
ON_DISK = sorted(statement_names())


@pytest.mark.parametrize("name", [n for n in ON_DISK if not n.startswith("schema/")])
def test_explain(session_graph: Graph, name: str) -> None:
    text = load(name)  # with its parts
    params = {p: None for p in re.findall(r"\$([A-Za-z_]+)", text)}
    params.update({k: [] for k in ("rows", "ids", "hashes") if k in params})
    session_graph.explain(name, params)


@pytest.mark.parametrize("name", ON_DISK)
def test_header(name: str) -> None:
    text = (CYPHER_DIR / f"{name}.cypher").read_text()
    assert text.startswith("// Purpose: "), name
    if not name.startswith("schema/"):
        assert "// Params:" in text and "// Returns:" in text, name
    # one statement per file, values only as $parameters (no string literals built from input)
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    assert ";" not in body, name
