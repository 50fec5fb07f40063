"""`flask demo-data`: demo users, sample orders and whatever other areas add to catalog.demo."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..db import get_db
from ..demo import load_all
from ..migrations import apply_all


@click.command("demo-data")
@with_appcontext
def demo_data() -> None:
    """Load the demo data (idempotent: running it twice changes nothing)."""
    db = get_db()
    apply_all(db)
    for line in load_all(db):
        click.echo(line)
