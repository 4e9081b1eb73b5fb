"""Every Cypher statement lives in ``cypher/<area>/<name>.cypher``; this loads them by name.

Only names from :func:`statement_names` can be loaded, and a test checks that this set and the
files on disk are the same, and runs ``EXPLAIN`` on each against the real database.
"""

from __future__ import annotations

import re
from functools import cache
from typing import LiteralString, cast

from genogram_service.records.spec import KINDS, NODE_KINDS
from genogram_service.resources import CYPHER_DIR as CYPHER_DIR  # re-exported for the generator

STATIC_STATEMENTS = (
    "read/person_lives",
    "read/persons_by_bsn_hash",
    "read/ancestry_cycles",
    "read/find_persons",
    "read/count_graph",
    "write/clear_database",
    # genograms
    "read/genogram_relatives",
    "read/genogram_connected",
    "read/genogram_households",
    "read/genogram_emotional",
    "read/genogram_professionals",
    "read/genogram_regisseurs",
    "read/genogram_overlays",
    "read/genogram_connected_overlays",
    "read/genogram_relatives_visible",
    "read/genogram_connected_visible",
    # access control and the access log
    "write/create_user",
    "write/set_user_password",
    "read/get_user",
    "read/list_users",
    "write/create_api_key",
    "read/get_api_key",
    "read/visible_persons",
    "read/case_persons",
    "read/household_members",
    "read/assignment_cases",
    "read/professional_with_active_assignment",
    "write/audit_lock_head",
    "write/audit_append",
    "write/audit_append_if_head",
    "read/audit_events_by_seq",
    "read/audit_head",
    "read/audit_events_in_range",
    "read/audit_violations",
    "read/audit_break_glass",
    # retention
    "read/retention_expired_cases",
    "read/retention_expired_signals",
    "read/retention_unreferenced_persons",
    "read/person_references",
    "write/retention_remove_case",
    "write/retention_remove_report",
    "write/retention_remove_person",
    # GEDCOM import and export, kinship names
    "read/family_export",
    "read/kinship_family",
    "read/gedcom_tree",
    # the web viewer
    "read/person_safety_assessments",
    "read/person_handovers",
)


def statement_names() -> frozenset[str]:
    names = set(STATIC_STATEMENTS)
    for kind in KINDS:
        names |= {f"write/upsert_{kind.name}", f"read/get_{kind.name}", f"write/delete_{kind.name}"}
    for kind in NODE_KINDS:
        names.add(f"read/existing_{kind.name}_ids")
    names |= {f"schema/{p.stem}" for p in (CYPHER_DIR / "schema").glob("*.cypher")}
    names |= {f"queries/{p.stem}" for p in (CYPHER_DIR / "queries").glob("*.cypher")}
    return frozenset(names)


@cache
def load(name: str) -> LiteralString:
    if name not in statement_names():
        raise KeyError(f"unknown Cypher statement {name!r}")
    text = (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")
    parts = _COLLECT.findall(text)
    if parts:
        text = _collected(text, parts, _BASE.search(text))
    # The text comes from our own files, never from input: it is a literal in all but syntax.
    return cast(LiteralString, text)  # type: ignore[redundant-cast]


#: ``// @collect NAME: COLUMN, ... <- STATEMENT``: a composed statement's parts
_COLLECT = re.compile(r"^// @collect (\w+): ([\w, ]+) <- ([\w/]+)\s*$", re.M)
#: ``// @after STATEMENT with $PARAM = EXPRESSION``: the parts run after that statement (before
#: its final RETURN), and read ``$PARAM`` from the expression over its variables instead
_BASE = re.compile(r"^// @after ([\w/]+) with \$(\w+) = (.+?)\s*$", re.M)
#: a scope clause's import list (``CALL (a, b) {``)
_SCOPE = re.compile(r"\bCALL \(([\w, ]*)\) \{")


def _collected(header: str, parts: list[tuple[str, str, str]],
               base: re.Match[str] | None = None) -> str:
    """Several statements in one, each part's rows collected into one list column (one row in
    all; a part without rows gives an empty list). With ``base``, the parts follow that
    statement and its columns come first; the parameter it names becomes a variable that every
    scope clause of the parts imports."""
    imports, start, columns = "", "", ""
    bind = rename = None
    if base is not None:
        statement, param, expression = base.groups()
        body = _body(statement)
        cut = body.rindex("\nRETURN ")
        bind, rename = f"__{param}", re.compile(rf"\${param}\b")
        start = f"{body[:cut]}\nWITH *, {expression} AS {bind}\n"
        columns = body[cut + len("\nRETURN "):].strip() + ", "
        imports = bind
    calls = []
    for alias, fields_text, statement in parts:
        body = _body(statement)
        if bind is not None and rename is not None:
            body = _SCOPE.sub(lambda m: f"CALL ({', '.join(filter(None, (m[1], bind)))}) {{",
                              rename.sub(bind, body))
        fields = ", ".join(f"{c}: {c}" for c in (c.strip() for c in fields_text.split(",")))
        calls.append(f"CALL ({imports}) {{\n  CALL ({imports}) {{\n{body}\n  }}\n"
                     f"  RETURN collect({{{fields}}}) AS {alias}\n}}")
    names = ", ".join(alias for alias, _, _ in parts)
    return header + start + "\n".join(calls) + f"\nRETURN {columns}{names}\n"


def _body(statement: str) -> str:
    """A statement's text without its comment lines."""
    return "\n".join(line for line in load(statement).splitlines() if not line.startswith("//"))


def schema_statements() -> list[str]:
    return sorted(f"schema/{p.stem}" for p in (CYPHER_DIR / "schema").glob("*.cypher"))
