"""`flask exports …`: import history figures, rebuild the summary, write the yearly report."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from ..db import get_db
from ..exports.figures import Filters
from ..exports.history import HistoryFileError
from ..exports.report import build, report_pdf
from ..limits import FIRST_YEAR, LAST_YEAR
from ..services.active_rules import engine
from ..services.exports import figures, import_history
from ..specsheet import issue_time
from ..store import exports as store

exports_cli = AppGroup("exports", help="Export figures: import history, rebuild, report.")


@exports_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Import export figures from a CSV (year,market,body,platform,units,note).

    The file is checked whole first: any bad row is reported as FILE:LINE: problem and nothing
    is stored. For each (year, market) in the file its rows replace the stored ones, so importing
    the same file again changes nothing.
    """
    try:
        counts = import_history(get_db(), engine().book, file)
    except HistoryFileError as err:
        for problem in err.problems:
            click.echo(f"{file}:{problem.line}: {problem.message}", err=True)
        click.echo(f"{len(err.problems)} problem(s); nothing was imported", err=True)
        sys.exit(1)
    click.echo(f"{file.name}: {counts}")


@exports_cli.command("rebuild")
def rebuild_command() -> None:
    """Recompute the shipped-units summary from the orders (a repair; triggers keep it current)."""
    rows = store.rebuild_shipped(get_db())
    click.echo(f"shipped summary rebuilt: {rows} row(s)")


@exports_cli.command("report")
@click.option(
    "--year",
    type=click.IntRange(FIRST_YEAR, LAST_YEAR),
    default=None,
    help="Default: last full year.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def report_command(year: int | None, output: Path) -> None:
    """Write the yearly export report (PDF) with the same figures and charts as the page."""
    data = figures(get_db(), engine().book)
    chosen = year or data.default_year(issue_time().year)
    output.write_bytes(report_pdf(build(data, chosen, Filters()), issue_time()))
    click.echo(f"{output}: export report {chosen}")
