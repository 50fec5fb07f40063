"""`flask init-db`: create or migrate the database; safe to run any number of times."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import get_db
from ..migrations import apply_all


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
