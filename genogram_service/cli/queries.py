"""``genogram queries`` and ``genogram query``: the query catalogue from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from genogram_service.cli.common import admin_services, console, fail
from genogram_service.errors import GenogramError


def _query_params(name: str, pairs: list[str]) -> dict[str, object]:
    """``--param k=v`` pairs as values for the query's parameter model: numbers and booleans
    converted, list parameters split on commas, dates as written."""
    from genogram_service.queries.catalogue import catalogue

    query = catalogue().get(name)
    kinds = {p.name: p.type for p in query.params}
    out: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            console.print(f"[red]error:[/red] --param takes key=value, not {pair!r}")
            raise typer.Exit(2)
        out[key] = _typed(kinds.get(key), value)
    return out


def _typed(kind: object, value: str) -> object:
    """The text of a ``--param`` as the JSON value the parameter model takes (which refuses
    a string for a number or a boolean); text that does not convert is passed on as it is,
    for the model to report."""
    from genogram_service.queries.catalogue import ParamType

    try:
        if kind == ParamType.LIST_STRING:
            return value.split(",")
        if kind == ParamType.INTEGER:
            return int(value)
        if kind == ParamType.FLOAT:
            return float(value)
        if kind == ParamType.BOOLEAN and value.lower() in ("true", "false"):
            return value.lower() == "true"
    except ValueError:
        pass
    return value


def list_queries(
    as_json: Annotated[bool, typer.Option("--json", help="the full catalogue as JSON")] = False,
) -> None:
    """List the query catalogue (name, audience, engine, purpose)."""
    from genogram_service.queries.catalogue import list_queries as entries_for
    from genogram_service.security.access import SYSTEM

    entries = entries_for(actor=SYSTEM)
    if as_json:
        typer.echo(json.dumps([{**q.model_dump(mode="json"),
                                "parameters": q.parameters_schema()} for q in entries],
                              indent=2, ensure_ascii=False))
        return
    table = Table("name", "audience", "engine", "parameters", "purpose", show_lines=False)
    for q in entries:
        table.add_row(q.name, ", ".join(r.value for r in q.audience), q.engine,
                      " ".join(p.name + ("" if p.required else "?") for p in q.params),
                      q.purpose)
    Console().print(table)


def query(
    name: Annotated[str, typer.Argument(help="the query (`genogram queries` lists them)")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="a parameter as "
                                                    "key=value (repeat; lists: a,b,c)")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv")] = "json",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write here instead of "
                                             "standard output")] = None,
) -> None:
    """Run a catalogue query as the system administrator; JSON or CSV on standard output."""
    import orjson

    from genogram_service.queries.catalogue import run_query, to_csv
    from genogram_service.security.access import SYSTEM

    if fmt not in ("json", "csv"):
        console.print("[red]error:[/red] --format is json or csv")
        raise typer.Exit(2)
    try:
        params = _query_params(name, param or [])
        with admin_services() as services:
            result = run_query(services.graph, services.guard, actor=SYSTEM, name=name,
                               params=params)
    except GenogramError as exc:
        fail(exc)
    if fmt == "csv":
        text = to_csv(result.columns, result.rows)
    else:
        text = orjson.dumps(result.model_dump(mode="python"),
                            option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode() + "\n"
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {result.row_count} rows to {out}")
