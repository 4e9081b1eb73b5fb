"""The ``genogram`` command line: run the service, manage the local Neo4j, import, seed.

One module per command group; this module only assembles them into ``app`` (the console
script ``genogram = "genogram_service.cli:app"``). What they share (settings with the
development keys, the local Neo4j, the services, failing with a message) is in
:mod:`genogram_service.cli.common`.
"""

from __future__ import annotations

import sys

import typer

from genogram_service.cli import (
    audit,
    data,
    db,
    gedcom,
    kinship,
    queries,
    render,
    retention,
    schemas,
    secrets,
    serve,
    users,
)

app = typer.Typer(help="Genogram Service: family graphs for Dutch youth protection.",
                  no_args_is_help=True, pretty_exceptions_show_locals=False)

app.command("serve")(serve.serve)
app.add_typer(db.app, name="db")
app.command("import")(data.import_)
app.command("seed")(data.seed)
app.add_typer(users.users_app, name="users")
app.add_typer(users.tokens_app, name="tokens")
app.add_typer(audit.app, name="audit")
app.add_typer(retention.app, name="retention")
app.add_typer(schemas.app, name="schemas")
app.add_typer(secrets.app, name="secrets")
app.command("render")(render.render)
app.command("queries")(queries.list_queries)
app.command("query")(queries.query)
app.command("import-gedcom")(gedcom.import_gedcom)
app.command("export-gedcom")(gedcom.export_gedcom)
app.command("kinship")(kinship.kinship)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
