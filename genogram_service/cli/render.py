"""``genogram render``: the genogram around a person into a file.

Its options are the fields of :class:`GenogramOptions` (the API's query parameters, the web
page's options): each field becomes an option with the field's default and description
(``--up``, ``--professionals/--no-professionals``, ``--at``), so a new option needs no change
here. Dates and choices are read as text and parsed by the model, as in the API.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, cast

import annotated_types
import typer
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from genogram_service.cli.common import build, console, fail, ready
from genogram_service.errors import GenogramError, ValidationProblem, from_pydantic
from genogram_service.genogram.options import GenogramOptions

FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}


def _option(name: str, field: FieldInfo) -> inspect.Parameter:
    """A typer option for a model field: numbers and flags typed (typer checks the bounds),
    anything else as text for the model to parse."""
    kind: Any = field.annotation if field.annotation in (int, bool) else \
        str if field.default is not None else str | None
    low = next((r.ge for r in field.metadata if isinstance(r, annotated_types.Ge)), None)
    high = next((r.le for r in field.metadata if isinstance(r, annotated_types.Le)), None)
    option = typer.Option(help=field.description, min=cast(int | None, low),
                          max=cast(int | None, high))
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=field.default,
                             annotation=Annotated[kind, option])


def with_options(model: type[BaseModel]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A command taking ``options: model`` becomes a command with one option per field of the
    model; the values are validated by the model (a bad one is reported by field name, exit
    code 1) and handed to the command as ``options``."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        own = [p for name, p in signature.parameters.items() if name != "options"]
        fields = [_option(name, field) for name, field in model.model_fields.items()]

        @functools.wraps(command)
        def run(**values: Any) -> None:
            given = {name: values.pop(name) for name in model.model_fields}
            try:
                options = model.model_validate(given)
            except ValidationError as exc:
                fail(ValidationProblem(from_pydantic(exc.errors())))
            command(**values, options=options)

        parameters = [*own, *fields]
        run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run

    return decorate


@with_options(GenogramOptions)
def render(
    person_id: Annotated[str, typer.Argument(help="the index person (the genogram is about them)")],
    out: Annotated[Path, typer.Option("-o", "--out", help="output file; the format follows the "
                                      "suffix: .svg, .png, .pdf or .dot")],
    options: GenogramOptions,
) -> None:
    """Draw the genogram around a person (as the system administrator) into a file."""
    from genogram_service.genogram.service import render_genogram
    from genogram_service.security.access import SYSTEM

    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        console.print("[red]error:[/red] the output file must end in .svg, .png, .pdf or .dot")
        raise typer.Exit(2)
    try:
        services = build(ready())
        try:
            result = render_genogram(services.graph, services.guard, SYSTEM,
                                     person_id=person_id, options=options,
                                     fmt=fmt)  # type: ignore[arg-type]
        finally:
            services.close()
    except GenogramError as exc:
        fail(exc)
    out.write_bytes(result.content)
    console.print(f"wrote {out} ({result.persons} persons)")
