"""`flask rules …`: what engineers run on the rules folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..rulebook import RulebookError, load_rulebook

rules_cli = AppGroup("rules", help="Check and review the rule files.")


@rules_cli.command("check")
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Rules folder (default: the configured one).",
)
def check(rules_dir: Path | None) -> None:
    """Load and check the rules; print each problem as path:line: id: message; exit 1 on errors."""
    folder = rules_dir or Path(current_app.config["RULES_DIR"])
    try:
        book = load_rulebook(folder)
    except RulebookError as err:
        for problem in err.problems:
            click.echo(str(problem))
        click.echo(f"{len(err.problems)} error(s) in {folder}", err=True)
        sys.exit(1)
    click.echo(
        f"ok: {len(book.models)} models, {len(book.groups)} groups, "
        f"{len(book.rules)} rules, {len(book.markets)} markets; rules version {book.version}"
    )
