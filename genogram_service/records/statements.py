"""The CRUD Cypher of every record kind, generated from the spec and checked in.

``cypher/write/upsert_<kind>``, ``write/delete_<kind>``, ``read/get_<kind>`` and
``read/existing_<kind>_ids`` are written from :data:`~genogram_service.records.spec.KINDS`,
so the spec is the one place that says which label, relationship type and direction a record
uses. The files stay in the repository because reviewers read Cypher as files; a unit test
regenerates them in memory and fails when a checked-in file differs, is missing or is left
over. After changing the spec::

    genogram schemas cypher          # write cypher/ again
    genogram schemas cypher --check  # exit 1 when a file is stale

Names put into the text (labels, types, fields) are plain identifiers checked by
:func:`~genogram_service.records.spec.problems`; values only ever arrive as ``$parameters``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from pathlib import Path

from genogram_service.records.spec import KIND_BY_NAME, KINDS, Kind, Ref
from genogram_service.resources import CYPHER_DIR

COMMAND = "genogram schemas cypher"
#: the line that marks a file as generated: files carrying it and not generated any more are
#: stale and removed; hand-written files next to them are left alone
MARKER = "// Generated from the record kinds in genogram_service/records/spec.py by"
GENERATED = f"{MARKER}\n//   `{COMMAND}`: change the spec, not this file"


def statements() -> dict[str, str]:
    """Every generated statement, ``{"write/upsert_person": text}``."""
    out: dict[str, str] = {}
    for kind in KINDS:
        if kind.is_relationship:
            out[f"write/upsert_{kind.name}"] = _upsert_relationship(kind)
            out[f"write/delete_{kind.name}"] = _delete_relationship(kind)
            out[f"read/get_{kind.name}"] = _get_relationship(kind)
            out[f"read/existing_{kind.name}_ids"] = _existing_relationship_ids(kind)
        else:
            out[f"write/upsert_{kind.name}"] = _upsert_node(kind)
            out[f"write/delete_{kind.name}"] = _delete_node(kind)
            out[f"read/get_{kind.name}"] = _get_node(kind)
            out[f"read/existing_{kind.name}_ids"] = _existing_ids(kind)
    return dict(sorted(out.items()))


def export_statements(directory: Path = CYPHER_DIR, *, check: bool = False) -> list[str]:
    """Write the generated statements under ``directory`` (or, with ``check``, only compare).

    Returns the stale files (``write/upsert_person.cypher``): different, missing, or carrying
    the generated marker without being generated any more (those are deleted)."""
    wanted = {f"{name}.cypher": text for name, text in statements().items()}
    stale = []
    for name, text in wanted.items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    left_over = sorted(
        name
        for path in directory.rglob("*.cypher")
        if (name := path.relative_to(directory).as_posix()) not in wanted
        and MARKER in path.read_text(encoding="utf-8")
    ) if directory.exists() else []
    for name in left_over:
        stale.append(name)
        if not check:
            (directory / name).unlink()
    return stale


# ---------------------------------------------------------------------------- node kinds


def _upsert_node(kind: Kind) -> str:
    params = ["id: STRING", "props: MAP"]
    notes = []
    body = ["UNWIND $rows AS row", f"MERGE (n:{kind.label} {{id: row.id}})"]
    if kind.kept is None:
        body.append("SET n = row.props")
    else:
        kept = kind.kept
        params.append(f"{kept.flag}: BOOLEAN")
        notes += _wrap(
            f"props replace the stored properties; when {kept.flag} is true (the record did not "
            f"mention {kept.field} at all) the stored {_and(kept.properties)} are kept, so "
            f"{kept.why}"
        )
        old = ", ".join(f"n.{p} AS old_{p}" for p in kept.properties)
        body += [f"WITH n, row, {old}", "SET n = row.props"]
        body += [
            ("SET " if i == 0 else "    ")
            + f"n.{p} = CASE WHEN row.{kept.flag} THEN old_{p} ELSE row.props.{p} END"
            + ("," if i < len(kept.properties) - 1 else "")
            for i, p in enumerate(kept.properties)
        ]
    if kind.refs:
        params += [f"{ref.field}: LIST<STRING>" for ref in kind.refs]
        notes.append("reference lists are complete: relationships to ids not in the list are "
                     "removed")
        if not all(ref.many for ref in kind.refs):
            notes.append("a single reference goes as a list of zero or one id")
    for ref in kind.refs:
        target = KIND_BY_NAME[ref.target].label
        body += [
            "WITH n, row",
            "CALL (n, row) {",
            f"  MATCH {_edge(ref, 'old')}",
            f"  WHERE NOT x.id IN row.{ref.field}",
            "  DELETE old",
            "}",
            "CALL (n, row) {",
            f"  UNWIND row.{ref.field} AS ref",
            f"  MATCH (x:{target} {{id: ref}})",
            f"  MERGE {_edge(ref)}",
            "}",
        ]
    body.append("RETURN count(*) AS written")
    return _statement(
        purpose=f"create or replace {kind.label} nodes by id (single writes and bulk import "
                "batches)",
        params=f"$rows: list of {{{', '.join(params)}}}",
        notes=notes,
        returns="written INTEGER",
        body=body,
    )


def _delete_node(kind: Kind) -> str:
    body = [
        f"OPTIONAL MATCH (n:{kind.label} {{id: $id}})",
        "CALL (n) {",
        "  OPTIONAL MATCH (n)-[r]-()",
    ]
    if kind.refs:
        # the relationships this node's own reference fields wrote go with it
        owned = [
            f"type(r) IN [{', '.join(repr(t) for t in types)}] AND {end}(r) = n"
            for direction, end in (("out", "startNode"), ("in", "endNode"))
            if (types := _unique(r.rel for r in kind.refs if r.direction == direction))
        ]
        condition = owned[0] if len(owned) == 1 else " OR ".join(f"({o})" for o in owned)
        body.append(f"  WHERE NOT ({condition})")
        notes = ["relationships written from this node's own reference fields go with it; "
                 "any other relationship is a record that still refers to it and blocks the "
                 "delete"]
    else:
        notes = ["any relationship is a record that still refers to it and blocks the delete"]
    body += [
        "  WITH type(r) AS type, count(r) AS count WHERE count > 0",
        "  RETURN collect({type: type, count: count}) AS dependents",
        "}",
        "CALL (n, dependents) {",
        "  WITH n WHERE n IS NOT NULL AND size(dependents) = 0",
        "  DETACH DELETE n",
        "}",
        "RETURN n IS NOT NULL AS found, size(dependents) = 0 AND n IS NOT NULL AS deleted, "
        "dependents",
    ]
    return _statement(
        purpose=f"delete one {kind.label} unless other records still refer to it",
        params="$id: STRING",
        notes=[line for note in notes for line in _wrap(note)],
        returns="found BOOLEAN, deleted BOOLEAN, dependents LIST<MAP{type, count}>",
        body=body,
    )


def _get_node(kind: Kind) -> str:
    refs = ",\n   ".join(
        f"{ref.field}: COLLECT {{ MATCH {_edge(ref, target=KIND_BY_NAME[ref.target].label)} "
        "RETURN x.id ORDER BY x.id }"
        for ref in kind.refs
    )
    return _statement(
        purpose=f"read {kind.label} nodes with their references, by id",
        params="$ids: LIST<STRING>",
        returns="props MAP, refs MAP (reference lists, sorted)" if kind.refs
        else "props MAP, refs MAP (empty: the kind has no references)",
        body=[
            "UNWIND $ids AS id",
            f"MATCH (n:{kind.label} {{id: id}})",
            "RETURN n {.*} AS props,",
            f"  {{{refs}}} AS refs",
        ],
    )


#: one row holding a list: a row per id costs the client several times the index seeks
EXISTING_RETURNS = "ids LIST<STRING> (one row: those of $ids that exist)"


def _existing_ids(kind: Kind) -> str:
    return _statement(
        purpose=f"which of the given ids exist as {kind.label} nodes (reference checks, what "
                "an import updates)",
        params="$ids: LIST<STRING>",
        returns=EXISTING_RETURNS,
        body=["UNWIND $ids AS id", f"MATCH (n:{kind.label} {{id: id}})",
              "RETURN collect(n.id) AS ids"],
    )


# ---------------------------------------------------------------------------- relationship kinds


def _upsert_relationship(kind: Kind) -> str:
    start, end = kind.refs
    return _statement(
        purpose=f"create or replace {kind.label} relationships by id (single writes and bulk "
                "import batches)",
        params=f"$rows: list of {{id: STRING, props: MAP, {start.field}: STRING, "
               f"{end.field}: STRING}}",
        notes=["a relationship whose endpoints changed is moved (deleted and created again);",
               "a row whose endpoints do not both exist writes nothing"],
        returns="written INTEGER",
        body=[
            "UNWIND $rows AS row",
            f"MATCH (a:{KIND_BY_NAME[start.target].label} {{id: row.{start.field}}})",
            f"MATCH (b:{KIND_BY_NAME[end.target].label} {{id: row.{end.field}}})",
            "CALL (row, a, b) {",
            f"  MATCH (x)-[old:{kind.label} {{id: row.id}}]->(y)",
            "  WHERE x <> a OR y <> b",
            "  DELETE old",
            "}",
            f"MERGE (a)-[r:{kind.label} {{id: row.id}}]->(b)",
            "SET r = row.props",
            "RETURN count(*) AS written",
        ],
    )


def _existing_relationship_ids(kind: Kind) -> str:
    return _statement(
        purpose=f"which of the given ids exist as {kind.label} relationships (what an import "
                "updates)",
        params="$ids: LIST<STRING>",
        returns=EXISTING_RETURNS,
        body=["UNWIND $ids AS id", f"MATCH ()-[r:{kind.label} {{id: id}}]->()",
              "RETURN collect(r.id) AS ids"],
    )


def _delete_relationship(kind: Kind) -> str:
    return _statement(
        purpose=f"delete one {kind.label} relationship by id",
        params="$id: STRING",
        returns="found BOOLEAN, deleted BOOLEAN, dependents LIST (always empty)",
        body=[
            f"OPTIONAL MATCH ()-[r:{kind.label} {{id: $id}}]->()",
            "DELETE r",
            "RETURN r IS NOT NULL AS found, r IS NOT NULL AS deleted, [] AS dependents",
        ],
    )


def _get_relationship(kind: Kind) -> str:
    start, end = kind.refs
    return _statement(
        purpose=f"read {kind.label} relationships with their endpoints, by id",
        params="$ids: LIST<STRING>",
        returns=f"props MAP, refs MAP ({start.field}, {end.field})",
        body=[
            "UNWIND $ids AS id",
            f"MATCH (a:{KIND_BY_NAME[start.target].label})-[r:{kind.label} {{id: id}}]->"
            f"(b:{KIND_BY_NAME[end.target].label})",
            f"RETURN r {{.*}} AS props, {{{start.field}: a.id, {end.field}: b.id}} AS refs",
        ],
    )


# ---------------------------------------------------------------------------- text


def _statement(*, purpose: str, params: str, returns: str, body: list[str],
               notes: list[str] | tuple[str, ...] = ()) -> str:
    header = [f"// Purpose: {purpose}", GENERATED, f"// Params: {params}"]
    header += [f"//   {note}" for note in notes]
    header.append(f"// Returns: {returns}")
    return "\n".join(header + body) + "\n"


def _edge(ref: Ref, variable: str = "", *, target: str = "") -> str:
    """The relationship a node kind's reference is stored as, from ``n`` (the record) to
    ``x`` (the target, with its label when given)."""
    x = f"x:{target}" if target else "x"
    rel = f"[{variable}:{ref.rel}]"
    return f"(n)-{rel}->({x})" if ref.direction == "out" else f"({x})-{rel}->(n)"


def _unique(names: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n is not None))


def _and(words: tuple[str, ...]) -> str:
    return " and ".join(words) if len(words) <= 2 else ", ".join(words[:-1]) + f" and {words[-1]}"


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, width=92)
