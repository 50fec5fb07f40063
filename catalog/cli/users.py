"""`flask users …`: create users and issue API tokens from the command line."""

from __future__ import annotations

from typing import Any

import click
from flask.cli import AppGroup

from .. import accounts
from ..db import get_db
from ..roles import ROLES
from ..store import users as store

users_cli = AppGroup("users", help="Create users and issue API tokens.")


@users_cli.command("create")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option(
    "--password",
    is_flag=False,
    flag_value="",
    default=None,
    help="Set a password for the web login; with no value it is asked for (not echoed).",
)
def create(name: str, role: str, password: str | None) -> None:
    """Create a user; the new API token is printed alone on the last line."""
    if password == "":
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        issued = accounts.create_user(get_db(), name, role, password or None)
    except ValueError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"created {role} {name}; API token (shown once):")
    click.echo(issued.token)


@users_cli.command("token")
@click.argument("name")
@click.option(
    "--days",
    type=click.IntRange(1, accounts.MAX_TOKEN_DAYS),
    default=accounts.TOKEN_DAYS,
    show_default=True,
    help="Expire after DAYS.",
)
def token(name: str, days: int) -> None:
    """Issue another API token for a user; printed alone on the last line."""
    row = _user(name)
    issued = accounts.issue_token(get_db(), row["id"], days)
    click.echo(f"new API token for {name}, expires {issued.expires_at}:")
    click.echo(issued.token)


@users_cli.command("tokens")
@click.argument("name")
def tokens(name: str) -> None:
    """A user's API tokens: id, created, last used, expires, revoked (never the token)."""
    for row in store.tokens_of(get_db(), _user(name)["id"]):
        state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
        click.echo(
            f"{row['id']}\tcreated {row['created_at']}\tlast used {row['last_used_at'] or '-'}"
            f"\texpires {row['expires_at'] or '-'}\t{state}"
        )


@users_cli.command("revoke")
@click.argument("name")
@click.argument("token_id", type=click.IntRange(1))
def revoke(name: str, token_id: int) -> None:
    """Revoke one of a user's API tokens (ids from `flask users tokens NAME`)."""
    if not store.revoke_token(get_db(), _user(name)["id"], token_id):
        raise click.ClickException(f"{name} has no active token {token_id}")
    click.echo(f"revoked token {token_id} of {name}")


@users_cli.command("password")
@click.argument("name")
def password(name: str) -> None:
    """Set a user's password (asked for, not echoed); their browser sessions end."""
    row = _user(name)
    new = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    try:
        ended = accounts.update_user(get_db(), row, {"password": new})
    except ValueError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"password of {name} changed; {ended} session(s) ended")


def _user(name: str) -> dict[str, Any]:
    row = store.by_name(get_db(), name)
    if row is None:
        raise click.ClickException(f"no user {name!r}")
    return row


@users_cli.command("list")
def list_users() -> None:
    """Every user, role and whether active."""
    for row in store.all_users(get_db()):
        state = "" if row["active"] else " (inactive)"
        click.echo(f"{row['name']}\t{row['role']}{state}")
