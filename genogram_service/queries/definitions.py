"""What a catalogue entry is: the models (:class:`QueryDef` with its parameters and columns,
:class:`QueryResult`), the pydantic model built from a query's parameters, and their
validation with defaults resolved (:func:`validate_params`).

A module of its own because the networkx analyses (:mod:`.analytics`) declare their entries
with these models and the catalogue (:mod:`.catalogue`, which reads the Cypher files' headers
and runs the entries) lists the analyses: with the models in the catalogue the two modules
would import each other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Literal

from dateutil.relativedelta import relativedelta
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    create_model,
)

from genogram_service.dates import SupportedDate
from genogram_service.db import Graph
from genogram_service.errors import CatalogueError, ValidationProblem, from_pydantic
from genogram_service.records.common import (
    JSON_INT,
    JSON_NUMBER,
    JsonBool,
    JsonFloat,
    JsonInt,
)
from genogram_service.security.access import ColumnKind, ColumnSpec, Role

#: runs a networkx entry: the graph and the validated parameters in, the rows out
Runner = Callable[[Graph, dict[str, Any]], list[dict[str, Any]]]
_RELATIVE = re.compile(r"^today(?:([+-])(\d+)([dwmy]))?$")


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



# ----------------------------------------------------------------------------- parameters

# strict numbers and booleans, dates in the supported range written YYYY-MM-DD: the lax
# defaults took `false` for 0, `0` for false and a number for a date (`"end": 0` was
# 1970-01-01); the command line converts its text first (cli/queries.py)
_TYPES: dict[ParamType, Any] = {
    ParamType.STRING: Annotated[str, StringConstraints(min_length=1, max_length=200)],
    ParamType.INTEGER: JsonInt,
    ParamType.FLOAT: JsonFloat,
    ParamType.BOOLEAN: JsonBool,
    ParamType.DATE: SupportedDate,
}
_BASE: dict[ParamType, Any] = {ParamType.INTEGER: int, ParamType.FLOAT: float}
_JSON: dict[ParamType, Any] = {ParamType.INTEGER: JSON_INT, ParamType.FLOAT: JSON_NUMBER}


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
        bounds: dict[str, Any] = {"ge": p.minimum, "le": p.maximum}
        if p.type in _BASE and not p.choices and (p.minimum is not None
                                                  or p.maximum is not None):
            # the bounds before the JSON type check, so the schema shows minimum/maximum
            annotation = Annotated[_BASE[p.type], Field(**bounds), _JSON[p.type]]
            bounds = {}
        info = Field(
            default=... if p.required else None,
            description=p.description + (f" (default: {p.default})" if p.default else ""),
            json_schema_extra=extra or None, **bounds,
        )
        fields[p.name] = (annotation if p.required else annotation | None, info)
    title = "".join(part.capitalize() for part in name.split("_")) + "Params"
    model: type[BaseModel] = create_model(
        title, __config__=ConfigDict(extra="forbid", title=title), **fields)
    return model


def _params_model(query: QueryDef) -> type[BaseModel]:
    return _params_model_cached(query.name, query.model_dump_json())


_UNITS: dict[str, Callable[[int], relativedelta]] = {
    "d": lambda n: relativedelta(days=n), "w": lambda n: relativedelta(weeks=n),
    "m": lambda n: relativedelta(months=n), "y": lambda n: relativedelta(years=n)}


def _relative_day(spec: str, today: dt.date) -> dt.date | None:
    """``today``, ``today-4y``, ``today+30d``, ... on ``today``. Months and years are calendar
    months, clamped to the month's last day (31 January + 1m is 28 February, 29 February - 1y
    is 28 February), the same as Neo4j's ``date + duration({months: n})``, so a default and
    the Cypher that works with it agree."""
    match = _RELATIVE.match(spec)
    if not match:
        return None
    if match.group(1) is None:
        return today
    n = int(match.group(2)) * (1 if match.group(1) == "+" else -1)
    return today + _UNITS[match.group(3)](n)


def default_value(p: QueryParam, today: dt.date) -> Any:
    """``p``'s default for a run on ``today`` (None when it has none); a default that cannot
    be read is a :class:`CatalogueError` (the header parser tries each one at load time)."""
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
        out[p.name] = default_value(p, today) if value is None else value
    return out

