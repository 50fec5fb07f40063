"""`flask users …`: create users and issue API tokens from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from .. import accounts
from ..db import get_db
from ..store import users as store

users_cli = AppGroup("users", help="Create users and issue API tokens.")


@users_cli.command("create")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(accounts.ROLES))
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
@click.option("--days", type=click.IntRange(1, 3650), default=None, help="Expire after DAYS.")
def token(name: str, days: int | None) -> None:
    """Issue another API token for a user; printed alone on the last line."""
    row = store.by_name(get_db(), name)
    if row is None:
        raise click.ClickException(f"no user {name!r}")
    issued = accounts.issue_token(get_db(), row["id"], days)
    click.echo(f"new API token for {name}" + (f", expires {issued.expires_at}:" if days else ":"))
    click.echo(issued.token)


@users_cli.command("list")
def list_users() -> None:
    """Every user, role and whether active."""
    for row in store.all_users(get_db()):
        state = "" if row["active"] else " (inactive)"
        click.echo(f"{row['name']}\t{row['role']}{state}")
