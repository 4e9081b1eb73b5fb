"""Every Cypher file is known to the code, used, and accepted by the real Neo4j planner."""

from __future__ import annotations

import re

import pytest

from genogram_service.db import Graph
from genogram_service.db.statements import CYPHER_DIR, load, statement_names

# the statements; parts/ holds pieces of them (tests/unit/db/test_statement_parts.py)
ON_DISK = sorted(p.relative_to(CYPHER_DIR).with_suffix("").as_posix()
                 for p in CYPHER_DIR.rglob("*.cypher") if p.parent.name != "parts")


def test_files_and_code_agree() -> None:
    assert set(ON_DISK) == statement_names()


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
