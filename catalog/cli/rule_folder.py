"""The rules folder a `flask rules …` command reads: the --rules and --market options, loading
the folder or printing its problems (path:line: id: message) and exiting 1."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from flask import current_app

from ..rulebook import RulebookError, load_rulebook
from ..rulebook.model import Rulebook

rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Rules folder (default: the configured one).",
)
market_option = click.option(
    "--market",
    "markets",
    multiple=True,
    help="Analyse only this market (repeat for more; default: all).",
)


def rules_folder(rules_dir: Path | None) -> Path:
    return rules_dir or Path(current_app.config["RULES_DIR"])


def load_or_exit(folder: Path, as_json: bool = False) -> Rulebook:
    """The rulebook; on load errors print each as path:line: id: message and exit 1."""
    try:
        return load_rulebook(folder)
    except RulebookError as err:
        if as_json:
            errors = [_problem_json(p) for p in err.problems]
            click.echo(json.dumps({"ok": False, "errors": errors, "warnings": []}, indent=2))
        else:
            for problem in err.problems:
                click.echo(str(problem))
        click.echo(f"{len(err.problems)} error(s) in {folder}", err=True)
        sys.exit(1)


def _problem_json(problem: Any) -> dict[str, Any]:
    return {
        "severity": "error",
        "kind": "load",
        "item": problem.item,
        "source": str(problem.source),
        "message": problem.message,
    }


def market_codes(book: Rulebook, markets: tuple[str, ...]) -> list[str] | None:
    codes = [m.strip().upper() for m in markets]
    unknown = [c for c in codes if c not in book.markets]
    if unknown:
        known = ", ".join(sorted(book.markets))
        raise click.BadParameter(f"unknown market {', '.join(unknown)} (known: {known})")
    return codes or None
