"""``genogram secrets``: fresh keys for BSN encryption and hashing, tokens and pseudonyms."""

from __future__ import annotations

import typer

app = typer.Typer(help="Keys for BSN encryption and hashing.", no_args_is_help=True)


@app.command("generate")
def generate() -> None:
    """Print fresh BSN keys in .env format."""
    from genogram_service.records.bsn import generate_secrets

    for k, v in generate_secrets().items():
        typer.echo(f"{k}={v}")
