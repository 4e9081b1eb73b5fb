"""Every Cypher statement lives in ``cypher/<area>/<name>.cypher``; this loads them by name.

The names are the files: :func:`load` takes only a name that :func:`statement_names` found on
disk. Tests run ``EXPLAIN`` on each against the real database and fail when a file is not used
by the code.

A body that several statements share is written once, as a part in ``cypher/parts/NAME.cypher``,
and composed when a statement is loaded. Three comment lines do it:

``// @include parts/NAME``
    is replaced by that part's text, each line indented like the ``@include`` line. A part
    starts with a ``// Part:`` line (and its ``//   `` continuations) saying what it needs in
    scope and what it gives; that description is left out, the rest goes in as written. So a
    part of Cypher lines splices a piece of a query, and a part of ``// Param:`` lines, included
    in a catalogue header, declares the parameters the queries that share it have in common.
    Parts may include parts. The text is spliced, not called: the planner sees the same
    statement as if it had been written out (``read/genogram_relatives`` loads as it did when
    it was one file).
``// @collect NAME: COLUMN, ... <- STATEMENT``
    runs that statement in a subquery and collects its rows into the list column ``NAME``
    (see :func:`_collected`): several statements in one round trip.
``// @after STATEMENT with $PARAM = EXPRESSION``
    with ``@collect`` lines: the collected statements run after ``STATEMENT`` (before its final
    ``RETURN``) and read ``$PARAM`` from the expression over its variables.

A test fails when a part is not included anywhere.
"""

from __future__ import annotations

import re
from functools import cache
from typing import LiteralString, cast

from genogram_service.resources import CYPHER_DIR

#: pieces of statements (``// @include parts/NAME``), not statements of their own
PARTS = "parts"


def statement_names() -> frozenset[str]:
    """The statements there are: the files under ``cypher/`` (``read/get_person`` is
    ``cypher/read/get_person.cypher``) outside ``cypher/parts/``. :func:`load` takes no other
    name, so nothing else (``../x``, an absolute path, a part) reaches the file system. The
    record kinds' CRUD files among them are generated (genogram_service/records/statements.py).
    """
    return frozenset(
        name
        for path in CYPHER_DIR.rglob("*.cypher")
        if (name := path.relative_to(CYPHER_DIR).with_suffix("").as_posix()).split("/")[0]
        != PARTS
    )


@cache
def load(name: str) -> LiteralString:
    if name not in statement_names():
        raise KeyError(f"unknown Cypher statement {name!r}")
    text = _included((CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8"))
    parts = _COLLECT.findall(text)
    if parts:
        text = _collected(text, parts, _BASE.search(text))
    # The text comes from our own files, never from input: it is a literal in all but syntax.
    return cast(LiteralString, text)  # type: ignore[redundant-cast]


#: ``// @include parts/NAME``, indented like the lines it stands for
_INCLUDE = re.compile(rf"^([ \t]*)// @include ({PARTS}/\w+)[ \t]*$", re.M)
#: a part's description: its ``// Part:`` line and that line's continuations
_PART_DESCRIPTION = re.compile(r"\A// Part: .*\n(?://  .*\n)*")


def _included(text: str, within: tuple[str, ...] = ()) -> str:
    """``text`` with each ``@include`` line replaced by its part, indented like the line (and
    the parts that part includes, likewise)."""
    def splice(match: re.Match[str]) -> str:
        indent, part = match.groups()
        if part in within:
            raise ValueError(f"Cypher part {part!r} includes itself: "
                             f"{' -> '.join((*within, part))}")
        return "\n".join(indent + line if line else line
                         for line in _included(_part(part), (*within, part)).splitlines())
    return _INCLUDE.sub(splice, text)


def _part(name: str) -> str:
    """A part's text without its description."""
    path = CYPHER_DIR / f"{name}.cypher"
    if not path.is_file():
        raise KeyError(f"unknown Cypher part {name!r}")
    text = path.read_text(encoding="utf-8")
    description = _PART_DESCRIPTION.match(text)
    if description is None:
        raise ValueError(f"Cypher part {name!r} does not start with a '// Part:' line")
    return text[description.end():].rstrip("\n")


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
