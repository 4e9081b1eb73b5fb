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


def _change(action: str, name: str) -> None:
    try:
        with admin_services() as services:
            auth = services.auth
            if action in ("disable", "enable"):
                auth.set_disabled(name, action == "disable")
            elif action == "delete":
                auth.delete_user(name)
            else:
                auth.revoke(name)
            typer.echo(f"{action}d {name}")
    except GenogramError as exc:
        fail(exc)


@users_app.command("revoke")
def revoke(name: Annotated[str, typer.Argument(help="username")]) -> None:
    """End every bearer token and API key of a user (in every API process within
    GENOGRAM_AUTH_RECHECK_SECONDS); the person signs in again, a service gets a new key."""
    _change("revoke", name)


@users_app.command("disable")
def disable(name: Annotated[str, typer.Argument(help="username")]) -> None:
    """Disable an account: no sign-in, and its tokens and API keys end (as with revoke)."""
    _change("disable", name)


@users_app.command("enable")
def enable(name: Annotated[str, typer.Argument(help="username")]) -> None:
    """Enable a disabled account again (the credentials that disabling ended stay ended)."""
    _change("enable", name)


@users_app.command("delete")
def delete(name: Annotated[str, typer.Argument(help="username")]) -> None:
    """Delete an account and its API keys; its tokens end."""
    _change("delete", name)


@users_app.command("set-role")
def set_role(
    name: Annotated[str, typer.Argument(help="username")],
    role: Annotated[str, typer.Argument(help="case_worker, analyst, auditor or admin")],
    professional: Annotated[str | None, typer.Option(help="Professional id (case workers)")]
    = None,
) -> None:
    """Change an account's role; its tokens and API keys end (they carry the old role)."""
    from genogram_service.security.access import Role

    try:
        with admin_services() as services:
            typer.echo(services.auth.set_role(name, Role(role), professional).model_dump_json())
    except ValueError:
        console.print(f"[red]error:[/red] unknown role {role!r}")
        raise typer.Exit(2) from None
    except GenogramError as exc:
        fail(exc)
