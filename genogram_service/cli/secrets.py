"""``genogram secrets``: fresh keys for BSN encryption and hashing, tokens, pseudonyms and
the access log."""

from __future__ import annotations

import typer

app = typer.Typer(help="Keys for the BSN, tokens, pseudonyms and the access log.",
                  no_args_is_help=True)


@app.command("generate")
def generate() -> None:
    """Print fresh values of every key setting in .env format."""
    from genogram_service.records.bsn import generate_secrets

    for k, v in generate_secrets().items():
        typer.echo(f"{k}={v}")
