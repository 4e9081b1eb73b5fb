"""``genogram render``'s options are the fields of :class:`GenogramOptions` (as the API's query
parameters and the web page's options are: tests/unit/genogram/test_options.py)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from typer.main import get_command
from typer.testing import CliRunner

from genogram_service.cli import app as cli
from genogram_service.cli.render import with_options
from genogram_service.genogram.options import GenogramOptions

FIELDS = GenogramOptions.model_fields


def test_the_render_command_has_an_option_per_field() -> None:
    command = get_command(cli).commands["render"]  # type: ignore[attr-defined]
    options = {p.name: p for p in command.params}
    for name, field in FIELDS.items():
        assert options[name].help == field.description, name
        assert options[name].default == field.default, name


def test_command_line_values_reach_the_model() -> None:
    seen: list[tuple[str, GenogramOptions]] = []

    @with_options(GenogramOptions)
    def command(name: Annotated[str, typer.Argument()], options: GenogramOptions) -> None:
        seen.append((name, options))

    app = typer.Typer()
    app.command()(command)
    runner = CliRunner()
    result = runner.invoke(app, ["x", "--up", "3", "--no-households", "--at", "2020-02-29",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert seen == [("x", GenogramOptions(up=3, households=False, at=dt.date(2020, 2, 29),
                                          lang="en"))]
    bad = runner.invoke(app, ["x", "--lang", "fr"])
    assert bad.exit_code == 1 and "lang" in bad.output
    bad = runner.invoke(app, ["x", "--since", "2025-01-01", "--until", "2024-01-01"])
    assert bad.exit_code == 1 and "since: must not be after until" in bad.output
    assert runner.invoke(app, ["x", "--up", "7"]).exit_code == 2  # typer checks the bounds
    assert len(seen) == 1
