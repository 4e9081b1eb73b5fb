"""The query catalogue: the analysts' and auditors' questions, each a parameterised Cypher file in
``cypher/queries/`` (or, where Cypher is the wrong tool, a networkx analysis in
:mod:`genogram_service.queries.analytics`), with validated parameters and declared columns.

Every catalogue file starts with a machine-readable header, one ``// Key: value`` per line
(a line ``//   more`` continues the one before)::

    // Purpose: what the query answers
    // Audience: analyst, auditor, admin           roles that may run it (enforced by the Guard)
    // Params: free text
    // Param: person_id STRING required subject — the person
    // Param: start DATE default=today-4y — first day of the window (inclusive)
    // Param: role STRING default=mother choices=mother|father — ...
    // Param: threshold INTEGER default=9 min=0 — ...
    // Returns: what one row is, the order
    // Column: person_id STRING person_id — ...     name, type, ColumnKind, description
    // Example: {"person_id": "p-000001-00"}         example parameters (docs and tests)

Parameter types: ``STRING``, ``INTEGER``, ``FLOAT``, ``BOOLEAN``, ``DATE``, ``LIST<STRING>``.
A parameter is ``required``, ``optional`` (null when absent) or has a ``default=``: a literal
(``9``, ``true``, ``birth,adopted`` for a list) or a day relative to today (``today``,
``today-4y``, ``today-6m``, ``today+30d``, ``today-2w``), resolved when the query runs. A
``subject`` parameter names a person: it goes into the access log as the subject.

The column kind tells the :class:`Guard` how to pseudonymise analysts' output. Running a query:
:func:`run_query` validates the parameters (errors name the field), asks the guard
(``authorize`` with ``Action.query`` and the query's audience), runs it and passes the rows
through ``guard.pseudonymise``. :func:`to_csv` writes rows with the declared columns in order.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, create_model

from genogram_service.db import Graph
from genogram_service.db.statements import load, statement_names
from genogram_service.errors import CatalogueError, NotFound, ValidationProblem, from_pydantic
from genogram_service.security.access import Action, Actor, ColumnKind, ColumnSpec, Guard, Role

__all__ = [
    "Catalogue", "ColumnType", "ParamType", "QueryColumn", "QueryDef",
    "QueryParam", "QueryResult", "catalogue", "describe_query", "list_queries", "run_query",
    "to_csv",
]

PREFIX = "queries/"
QUERY_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
#: how lists are joined in CSV cells
CSV_LIST_SEPARATOR = ";"


class ParamType(StrEnum):
    STRING = "STRING"
    INTEGER = "INTEGER"
    FLOAT = "FLOAT"
    BOOLEAN = "BOOLEAN"
    DATE = "DATE"
    LIST_STRING = "LIST<STRING>"


ColumnType = ParamType


class QueryParam(BaseModel):
    """One parameter of a catalogue query."""

    name: str
    type: ParamType
    required: bool = False
    default: str | None = Field(default=None, description="as written in the header: a literal "
                                "or a day relative to today ('today-4y')")
    choices: list[str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    subject: bool = Field(default=False, description="names a person (logged as the subject)")
    description: str = ""


class QueryColumn(BaseModel):
    """One result column: its type, and its kind for pseudonymisation."""

    name: str
    type: ColumnType
    kind: ColumnKind = ColumnKind.other
    description: str = ""


class QueryDef(BaseModel):
    """A catalogue entry (what ``GET /queries/{name}`` shows, plus the JSON Schema of its
    parameters)."""

    name: str
    purpose: str
    audience: list[Role]
    engine: Literal["cypher", "networkx"] = "cypher"
    statement: str | None = Field(default=None, description="the Cypher file (cypher engine)")
    params: list[QueryParam]
    returns: str = ""
    columns: list[QueryColumn]
    example: dict[str, Any] = Field(default_factory=dict)

    model_config = ConfigDict(frozen=True)

    @property
    def column_specs(self) -> list[ColumnSpec]:
        return [ColumnSpec(name=c.name, kind=c.kind) for c in self.columns]

    @property
    def personal(self) -> bool:
        """True when the answer names persons (or is about one): the access is logged."""
        return any(p.subject for p in self.params) or any(
            c.kind != ColumnKind.other and c.kind != ColumnKind.count for c in self.columns)

    def params_model(self) -> type[BaseModel]:
        return _params_model(self)

    def parameters_schema(self) -> dict[str, Any]:
        return self.params_model().model_json_schema()


class QueryResult(BaseModel):
    """The answer of one catalogue query."""

    query: str
    params: dict[str, Any] = Field(description="the parameters used, defaults resolved")
    columns: list[QueryColumn]
    rows: list[dict[str, Any]]
    row_count: int


# ----------------------------------------------------------------------------- header parsing

_KEYS = ("Purpose", "Audience", "Params", "Param", "Returns", "Column", "Example")
_HEADER_LINE = re.compile(r"^//\s?(" + "|".join(_KEYS) + r"):\s?(.*)$")
_CONTINUATION = re.compile(r"^//\s{2,}(\S.*)$")
_DESCRIPTION = re.compile(r"\s+(?:—|--)\s+")
_RELATIVE = re.compile(r"^today(?:([+-])(\d+)([dwmy]))?$")


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
        _default_value(out, dt.date(2000, 1, 1))  # fails loudly on a bad default
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


# ----------------------------------------------------------------------------- parameters

_TYPES: dict[ParamType, Any] = {
    ParamType.STRING: Annotated[str, StringConstraints(min_length=1, max_length=200)],
    ParamType.INTEGER: int,
    ParamType.FLOAT: float,
    ParamType.BOOLEAN: bool,
    ParamType.DATE: dt.date,
}


def _annotation(p: QueryParam) -> Any:
    if p.type == ParamType.LIST_STRING:
        item: Any = Literal[tuple(p.choices)] if p.choices else _TYPES[ParamType.STRING]
        return Annotated[list[item], Field(min_length=1, max_length=100)]
    if p.choices:
        return Literal[tuple(p.choices)]
    return _TYPES[p.type]


@cache
def _params_model_cached(name: str, definition: str) -> type[BaseModel]:
    query = QueryDef.model_validate_json(definition)
    fields: dict[str, Any] = {}
    for p in query.params:
        annotation = _annotation(p)
        extra: dict[str, Any] = {}
        if p.default is not None:
            extra["x-default"] = p.default
        info = Field(
            default=... if p.required else None,
            description=p.description + (f" (default: {p.default})" if p.default else ""),
            ge=p.minimum, le=p.maximum, json_schema_extra=extra or None,
        )
        fields[p.name] = (annotation if p.required else annotation | None, info)
    title = "".join(part.capitalize() for part in name.split("_")) + "Params"
    model: type[BaseModel] = create_model(
        title, __config__=ConfigDict(extra="forbid", title=title), **fields)
    return model


def _params_model(query: QueryDef) -> type[BaseModel]:
    return _params_model_cached(query.name, query.model_dump_json())


def _relative_day(spec: str, today: dt.date) -> dt.date | None:
    match = _RELATIVE.match(spec)
    if not match:
        return None
    if match.group(1) is None:
        return today
    n = int(match.group(2)) * (1 if match.group(1) == "+" else -1)
    unit = match.group(3)
    if unit == "d":
        return today + dt.timedelta(days=n)
    if unit == "w":
        return today + dt.timedelta(weeks=n)
    months = n * (12 if unit == "y" else 1)
    return add_months(today, months)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day (as Neo4j's
    ``date + duration({months: n})``)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def _default_value(p: QueryParam, today: dt.date) -> Any:
    spec = p.default
    if spec is None:
        return None
    try:
        if p.type == ParamType.DATE:
            day = _relative_day(spec, today)
            return day if day is not None else dt.date.fromisoformat(spec)
        if p.type == ParamType.INTEGER:
            return int(spec)
        if p.type == ParamType.FLOAT:
            return float(spec)
        if p.type == ParamType.BOOLEAN:
            if spec not in ("true", "false"):
                raise ValueError(spec)
            return spec == "true"
        if p.type == ParamType.LIST_STRING:
            return spec.split(",")
        return spec
    except ValueError as exc:
        raise CatalogueError(f"parameter {p.name}: bad default {spec!r}") from exc


def validate_params(query: QueryDef, params: Mapping[str, Any] | BaseModel | None,
                    *, today: dt.date) -> dict[str, Any]:
    """Validated parameters with defaults resolved: every declared parameter is present."""
    model = query.params_model()
    if isinstance(params, model):
        values = params
    else:
        raw = params.model_dump(exclude_unset=True) if isinstance(params, BaseModel) else (
            dict(params or {}))
        try:
            values = model.model_validate(raw)
        except ValidationError as exc:
            raise ValidationProblem(from_pydantic(exc.errors(include_input=False))) from None
    out: dict[str, Any] = {}
    for p in query.params:
        value = getattr(values, p.name)
        out[p.name] = _default_value(p, today) if value is None else value
    return out


# ----------------------------------------------------------------------------- the catalogue

Runner = Callable[[Graph, dict[str, Any]], list[dict[str, Any]]]


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
    from genogram_service.queries.analytics import ANALYTICS

    queries = load_cypher_queries()
    names = {q.name for q in queries}
    runners: dict[str, Runner] = {}
    for query, runner in ANALYTICS:
        if query.name in names:
            raise CatalogueError(f"{query.name}: both a Cypher file and an analysis")
        queries.append(query)
        runners[query.name] = runner
    return Catalogue(queries, runners)


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
    guard.authorize(actor, Action.query, resource=name, persons=subjects,
                    personal=query.personal, audience=query.audience)
    if query.engine == "cypher":
        assert query.statement is not None
        rows = graph.read(query.statement, **values)
    else:
        rows = catalogue().runner(name)(graph, values)
    rows = guard.pseudonymise(actor, query.column_specs, rows)
    # the echoed parameters name the subject person too: pseudonymise them like the rows
    subject_specs = [ColumnSpec(name=p.name, kind=ColumnKind.person_id)
                     for p in query.params if p.subject]
    echoed = guard.pseudonymise(actor, subject_specs, [dict(values)])[0]
    return QueryResult.model_construct(query=name, params=echoed, columns=query.columns,
                                       rows=rows, row_count=len(rows))


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
