"""`flask init-db`: create or migrate the database; safe to run any number of times.
`flask db backup|check|restore`: online backup, integrity check and restore."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import get_db
from ..migrations import apply_all
from ..store import backup as backups


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create the database or apply the migrations it lacks (idempotent)."""
    applied = apply_all(get_db())
    where = current_app.config["DATABASE"]
    if applied:
        click.echo(f"{where}: applied {len(applied)} migration(s): {', '.join(applied)}")
    else:
        click.echo(f"{where}: up to date")


@click.group("db")
def db_cli() -> None:
    """Back up, check and restore the database (SQLite's online backup API)."""


@db_cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@with_appcontext
def backup_command(file: Path, force: bool) -> None:
    """Copy the database to FILE: a consistent snapshot, safe while the service runs."""
    try:
        summary = backups.backup(current_app.config["DATABASE"], file, force)
    except backups.BackupError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{file}: {summary}")


@db_cli.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def check_command(file: Path | None) -> None:
    """Check FILE (default: the database): integrity and what it holds; exit 1 if damaged."""
    where = str(file or current_app.config["DATABASE"])
    try:
        summary = backups.check(where)
    except backups.BackupError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{where}: {summary}")


@db_cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that holds data.")
@with_appcontext
def restore_command(file: Path, force: bool) -> None:
    """Replace the database's content with the backup FILE, then apply pending migrations.

    FILE is checked first; the current database is saved beside itself before it is replaced.
    Stop the service first: requests running meanwhile would act on the old content."""
    try:
        summary, saved = backups.restore(file, current_app.config["DATABASE"], force)
    except backups.BackupError as err:
        raise click.ClickException(str(err)) from err
    if saved is not None:
        click.echo(f"the previous database is saved as {saved}")
    applied = apply_all(get_db())
    click.echo(f"{summary.path}: restored from {file}: {summary}")
    if applied:
        click.echo(f"applied {len(applied)} migration(s): {', '.join(applied)}")
