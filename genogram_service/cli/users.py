"""``genogram users`` and ``genogram tokens``: accounts, API keys and bearer tokens."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from genogram_service.cli.common import admin_services, console, fail
from genogram_service.errors import GenogramError

users_app = typer.Typer(help="User accounts (people and service accounts).",
                        no_args_is_help=True)
tokens_app = typer.Typer(help="Bearer tokens.", no_args_is_help=True)


@users_app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="username")],
    role: Annotated[str, typer.Option(help="case_worker, analyst, auditor or admin")],
    professional: Annotated[str | None, typer.Option(help="Professional id (case workers)")]
    = None,
    password_stdin: Annotated[bool, typer.Option(help="read a password from standard input "
                                                 "(people sign in with it)")] = False,
    api_key: Annotated[bool, typer.Option(help="also create an API key (service accounts); "
                                          "printed once")] = False,
) -> None:
    """Create a user account."""
    from genogram_service.security.access import Role

    try:
        with admin_services() as services:
            password = sys.stdin.readline().rstrip("\n") if password_stdin else None
            user = services.auth.create_user(username=name, role=Role(role),
                                             professional_id=professional, password=password)
            typer.echo(user.model_dump_json())
            if api_key:
                typer.echo(services.auth.create_api_key(name))
    except ValueError:
        console.print(f"[red]error:[/red] unknown role {role!r}")
        raise typer.Exit(2) from None
    except GenogramError as exc:
        fail(exc)


@users_app.command("list")
def list_() -> None:
    """List user accounts."""
    with admin_services() as services:
        for user in services.auth.list_users():
            typer.echo(user.model_dump_json())


@users_app.command("api-key")
def api_key(name: Annotated[str, typer.Argument(help="username")]) -> None:
    """Create an API key for a user (printed once; only its hash is stored)."""
    try:
        with admin_services() as services:
            typer.echo(services.auth.create_api_key(name))
    except GenogramError as exc:
        fail(exc)


@tokens_app.command("issue")
def issue(
    name: Annotated[str, typer.Argument(help="username")],
    minutes: Annotated[int, typer.Option(min=1, max=24 * 60, help="lifetime")] = 60,
) -> None:
    """Issue a bearer token for a user (administration, scripts)."""
    try:
        with admin_services() as services:
            token = services.auth.issue_token(services.auth.get_user(name), ttl_minutes=minutes)
            typer.echo(token.access_token)
    except GenogramError as exc:
        fail(exc)
