"""The query catalogue: the analysts' and auditors' questions, each a parameterised Cypher file in
``cypher/queries/`` (or, where Cypher is the wrong tool, a networkx analysis in
:mod:`genogram_service.queries.analytics`), with validated parameters and declared columns.

Every catalogue file starts with a machine-readable header, one ``// Key: value`` per line
(a line ``//   more`` continues the one before)::

    // Purpose: what the query answers
    // Audience: auditor, admin                   roles that may run it (enforced by the Guard)
    // Params: free text
    // Param: person_id STRING required subject — the person
    // Param: start DATE default=today-4y — first day of the window (inclusive)
    // Param: role STRING default=mother choices=mother|father — ...
    // Param: threshold INTEGER default=9 min=0 — ...
    // Returns: what one row is, the order
    // Column: person_id STRING person_id — ...     name, type, ColumnKind, description
    // Example: {"person_id": "p-s1-000001-00"}      example parameters (docs and tests)

Parameter types: ``STRING``, ``INTEGER``, ``FLOAT``, ``BOOLEAN``, ``DATE``, ``LIST<STRING>``.
A parameter is ``required``, ``optional`` (null when absent) or has a ``default=``: a literal
(``9``, ``true``, ``birth,adopted`` for a list) or a day relative to today (``today``,
``today-4y``, ``today-6m``, ``today+30d``, ``today-2w``), resolved when the query runs. A
``subject`` parameter names a person: it goes into the access log as the subject.

Anchored queries: a parameter *anchors* a query on a record when it is a ``subject`` or it has
the name of a column that is pseudonymised for analysts (``household_id``, ``case_id``). An
anchored personal query answers about the one person, family or case the caller named, so it
is for roles with need-to-know or audit rights: a query with a required anchor may not have
analysts in its audience (the catalogue refuses to load), and an analyst who supplies an
optional anchor is refused (403). Analysts therefore never receive a pseudonym of an id they
supplied, which would link a known person to every pseudonymised row (:func:`anchors`).

The column kind tells the :class:`Guard` how to pseudonymise analysts' output. Running a query:
:func:`run_query` validates the parameters (errors name the field), asks the guard
(``authorize`` with ``Action.query`` and the query's audience), runs it and passes the rows
through ``guard.pseudonymise``. :func:`to_csv` writes rows with the declared columns in order.
The models and the parameter validation are in :mod:`.definitions` (offered here too).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel

from genogram_service.db import Graph
from genogram_service.db.statements import load, statement_names
from genogram_service.errors import CatalogueError, Forbidden, NotFound
from genogram_service.queries.analytics import ANALYTICS
from genogram_service.queries.definitions import (
    ColumnType,
    ParamType,
    QueryColumn,
    QueryDef,
    QueryParam,
    QueryResult,
    Runner,
    default_value,
    validate_params,
)
from genogram_service.security.access import Action, Actor, ColumnKind, Guard, Role

__all__ = [
    "Catalogue", "ColumnType", "ParamType", "QueryColumn", "QueryDef", "QueryParam",
    "QueryResult", "anchors", "catalogue", "check_audience", "describe_query", "list_queries",
    "parse_definition", "run_query", "to_csv", "validate_params",
]

PREFIX = "queries/"
QUERY_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
#: how lists are joined in CSV cells
CSV_LIST_SEPARATOR = ";"


# ----------------------------------------------------------------------------- header parsing

_KEYS = ("Purpose", "Audience", "Params", "Param", "Returns", "Column", "Example")
_HEADER_LINE = re.compile(r"^//\s?(" + "|".join(_KEYS) + r"):\s?(.*)$")
_CONTINUATION = re.compile(r"^//\s{2,}(\S.*)$")
_DESCRIPTION = re.compile(r"\s+(?:—|--)\s+")


def _split_description(text: str) -> tuple[str, str]:
    parts = _DESCRIPTION.split(text, maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


def _header(name: str, text: str) -> list[tuple[str, str]]:
    """The ``(key, value)`` entries of the leading comment block, continuations joined."""
    entries: list[tuple[str, str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        match = _HEADER_LINE.match(stripped)
        if match:
            entries.append((match.group(1), match.group(2).strip()))
            continue
        cont = _CONTINUATION.match(stripped)
        if cont and entries:
            key, value = entries[-1]
            entries[-1] = (key, f"{value} {cont.group(1).strip()}".strip())
            continue
        raise CatalogueError(f"{name}: cannot read header line {stripped!r}")
    return entries


def _param(name: str, spec: str) -> QueryParam:
    head, description = _split_description(spec)
    words = head.split()
    if len(words) < 2:
        raise CatalogueError(f"{name}: a Param needs a name and a type: {spec!r}")
    pname, ptype = words[0], words[1]
    try:
        kind = ParamType(ptype)
    except ValueError as exc:
        raise CatalogueError(f"{name}: parameter {pname}: unknown type {ptype}") from exc
    param: dict[str, Any] = {"name": pname, "type": kind, "description": description}
    for word in words[2:]:
        key, _, value = word.partition("=")
        if word == "required":
            param["required"] = True
        elif word == "optional":
            param["required"] = False
        elif word == "subject":
            param["subject"] = True
        elif key == "default" and value:
            param["default"] = value
        elif key == "choices" and value:
            param["choices"] = value.split("|")
        elif key in ("min", "max") and value:
            param["minimum" if key == "min" else "maximum"] = float(value)
        else:
            raise CatalogueError(f"{name}: parameter {pname}: cannot read {word!r}")
    out = QueryParam.model_validate(param)
    if out.required and out.default is not None:
        raise CatalogueError(f"{name}: parameter {pname} is required and has a default")
    if out.default is not None:
        default_value(out, dt.date(2000, 1, 1))  # fails loudly on a bad default
    return out


def _column(name: str, spec: str) -> QueryColumn:
    head, description = _split_description(spec)
    words = head.split()
    if len(words) != 3:
        raise CatalogueError(f"{name}: a Column is 'name TYPE kind': {spec!r}")
    try:
        return QueryColumn(name=words[0], type=ParamType(words[1]), kind=ColumnKind(words[2]),
                           description=description)
    except ValueError as exc:
        raise CatalogueError(f"{name}: column {words[0]}: {exc}") from exc


def parse_definition(name: str, text: str, statement: str | None = None) -> QueryDef:
    """A :class:`QueryDef` from the header of a catalogue file (``text``)."""
    fields: dict[str, Any] = {"name": name, "statement": statement, "params": [],
                              "columns": []}
    for key, value in _header(name, text):
        if key == "Purpose":
            fields["purpose"] = value
        elif key == "Audience":
            try:
                fields["audience"] = [Role(v.strip()) for v in value.split(",") if v.strip()]
            except ValueError as exc:
                raise CatalogueError(f"{name}: unknown role in Audience: {exc}") from exc
        elif key == "Param":
            fields["params"].append(_param(name, value))
        elif key == "Column":
            fields["columns"].append(_column(name, value))
        elif key == "Returns":
            fields["returns"] = value
        elif key == "Example":
            try:
                fields["example"] = json.loads(value)
            except ValueError as exc:
                raise CatalogueError(f"{name}: Example is not JSON") from exc
    for required in ("purpose", "audience"):
        if not fields.get(required):
            raise CatalogueError(f"{name}: the header has no {required.capitalize()}")
    if not fields["columns"]:
        raise CatalogueError(f"{name}: the header declares no Column")
    names = [p.name for p in fields["params"]]
    columns = [c.name for c in fields["columns"]]
    for what, seen in (("parameter", names), ("column", columns)):
        dupes = {n for n in seen if seen.count(n) > 1}
        if dupes:
            raise CatalogueError(f"{name}: {what} declared twice: {sorted(dupes)}")
    if statement is not None:
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
        used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", body))
        if used != set(names):
            raise CatalogueError(f"{name}: parameters used {sorted(used)} but declared "
                                 f"{sorted(names)}")
    return QueryDef.model_validate(fields)


# ----------------------------------------------------------------------------- the catalogue



class Catalogue:
    """The catalogue entries by name; networkx entries carry a runner."""

    def __init__(self, queries: Sequence[QueryDef], runners: Mapping[str, Runner]) -> None:
        self._queries = {q.name: q for q in sorted(queries, key=lambda q: q.name)}
        self._runners = dict(runners)

    def __iter__(self) -> Iterator[QueryDef]:
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def names(self) -> list[str]:
        return list(self._queries)

    def get(self, name: str) -> QueryDef:
        query = self._queries.get(name)
        if query is None:
            raise NotFound("no query with this name in the catalogue (GET /queries lists them)")
        return query

    def runner(self, name: str) -> Runner:
        return self._runners[name]


def load_cypher_queries() -> list[QueryDef]:
    out = []
    for statement in sorted(n for n in statement_names() if n.startswith(PREFIX)):
        name = statement.removeprefix(PREFIX)
        if not QUERY_NAME.match(name):
            raise CatalogueError(f"{statement}: query names are lower_snake_case")
        out.append(parse_definition(name, load(statement), statement))
    return out


@cache
def catalogue() -> Catalogue:
    """Every catalogue entry: the Cypher files and the networkx analyses (loaded once)."""
    queries = load_cypher_queries()
    names = {q.name for q in queries}
    runners: dict[str, Runner] = {}
    for query, runner in ANALYTICS:
        if query.name in names:
            raise CatalogueError(f"{query.name}: both a Cypher file and an analysis")
        queries.append(query)
        runners[query.name] = runner
    for query in queries:
        check_audience(query)
    return Catalogue(queries, runners)


def check_audience(query: QueryDef) -> None:
    """Refuse (:class:`CatalogueError`) a query that analysts may run but only anchored on a
    record (a required anchor): its every answer would be about one person, family or case."""
    required = [p.name for p in query.params if p.required and p.name in anchors(query)]
    if required and Role.analyst in query.audience:
        raise CatalogueError(f"{query.name}: anchored on {', '.join(required)}, so not for "
                             "analysts (anchored personal queries are for roles with "
                             "need-to-know or audit rights)")


def anchors(query: QueryDef) -> list[str]:
    """The parameters that anchor ``query`` on one record whose id the answer would show
    to analysts as a pseudonym: the ``subject`` parameters, and those named as a column
    pseudonymised like a person id (``household_id``, ``case_id``). A query without person
    columns or subjects has none (its answer names no one)."""
    if not query.personal:
        return []
    pseudonymised = {c.name for c in query.columns if c.kind == ColumnKind.person_id}
    return [p.name for p in query.params if p.subject or p.name in pseudonymised]


# ----------------------------------------------------------------------------- use cases


def list_queries(*, actor: Actor) -> list[QueryDef]:
    """The whole catalogue (its audience says who may run each entry)."""
    del actor  # every authenticated caller may read the catalogue itself
    return list(catalogue())


def describe_query(*, actor: Actor, name: str) -> QueryDef:
    del actor
    return catalogue().get(name)


def run_query(
    graph: Graph,
    guard: Guard,
    *,
    actor: Actor,
    name: str,
    params: Mapping[str, Any] | BaseModel | None = None,
    today: dt.date | None = None,
) -> QueryResult:
    """Validate ``params``, ask the guard, run catalogue query ``name``, pseudonymise the rows
    for the actor. ``today`` anchors relative defaults (``today-4y``); default: the date now."""
    query = catalogue().get(name)
    values = validate_params(query, params, today=today or dt.date.today())
    subjects = [str(values[p.name]) for p in query.params if p.subject and values[p.name]]
    anchored = [a for a in anchors(query) if values.get(a) is not None]
    if anchored and actor.role == Role.analyst and Role.analyst in query.audience:
        _refuse_anchor(guard, actor, query, anchored, subjects)
    guard.authorize(actor, Action.query, resource=name, persons=subjects,
                    personal=query.personal, audience=query.audience)
    if query.engine == "cypher":
        assert query.statement is not None
        rows = graph.read(query.statement, **values)
    else:
        rows = catalogue().runner(name)(graph, values)
    rows = guard.pseudonymise(actor, query.column_specs, rows)
    # the parameters are echoed as given: an analyst cannot have given an anchor (refused
    # above), and a pseudonym of an id they gave would be the oracle that links it to rows
    return QueryResult.model_construct(query=name, params=dict(values), columns=query.columns,
                                       rows=rows, row_count=len(rows))


def _refuse_anchor(guard: Guard, actor: Actor, query: QueryDef, anchored: list[str],
                   subjects: list[str]) -> None:
    """Refuse an analyst's anchored run of ``query`` (403), logged by the guard as a refusal
    for the anchored form of the query, whose audience has no analysts."""
    names = ", ".join(anchored)
    try:
        guard.authorize(actor, Action.query, resource=f"{query.name} anchored on {names}",
                        persons=subjects, personal=True,
                        audience=[r for r in query.audience if r != Role.analyst])
    except Forbidden:
        pass
    raise Forbidden(
        f"the role analyst may not run {query.name} with {names}: a query anchored on one "
        "person, family or case is for roles with need-to-know or audit rights (analysts "
        "run it over the whole population, without that parameter)")


# ----------------------------------------------------------------------------- CSV


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple):
        return CSV_LIST_SEPARATOR.join(_cell(v) for v in value)
    return str(value)


def to_csv(columns: Sequence[QueryColumn], rows: Sequence[Mapping[str, Any]]) -> str:
    """RFC 4180 CSV: a header with the declared column names in declared order, then one line
    per row (empty for null, ISO dates, lists joined with ';')."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [c.name for c in columns]
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(n)) for n in names])
    return out.getvalue()
