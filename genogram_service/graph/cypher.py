"""Every Cypher statement lives in ``cypher/<area>/<name>.cypher``; this loads them by name.

Only names from :func:`statement_names` can be loaded, and a test checks that this set and the
files on disk are the same, and runs ``EXPLAIN`` on each against the real database.
"""

from __future__ import annotations

from functools import cache
from typing import LiteralString, cast

from ..models.spec import KINDS, NODE_KINDS
from ..settings import PROJECT_ROOT

CYPHER_DIR = PROJECT_ROOT / "cypher"

STATIC_STATEMENTS = (
    "read/person_lives",
    "read/persons_by_bsn_hash",
    "read/ancestry_cycles",
    "read/find_persons",
    "read/count_graph",
    "write/clear_database",
)


def statement_names() -> frozenset[str]:
    names = set(STATIC_STATEMENTS)
    for kind in KINDS:
        names |= {f"write/upsert_{kind.name}", f"read/get_{kind.name}", f"write/delete_{kind.name}"}
    for kind in NODE_KINDS:
        names.add(f"read/existing_{kind.name}_ids")
    names |= {f"schema/{p.stem}" for p in (CYPHER_DIR / "schema").glob("*.cypher")}
    return frozenset(names)


@cache
def load(name: str) -> LiteralString:
    if name not in statement_names():
        raise KeyError(f"unknown Cypher statement {name!r}")
    text = (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")
    # The text comes from our own files, never from input: it is a literal in all but syntax.
    return cast(LiteralString, text)  # type: ignore[redundant-cast]


def schema_statements() -> list[str]:
    return sorted(f"schema/{p.stem}" for p in (CYPHER_DIR / "schema").glob("*.cypher"))
