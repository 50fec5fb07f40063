"""flask spec ORDER_ID and flask spec-batch: spec sheet PDFs from the command line."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import get_db
from ..languages import LANGUAGES
from ..rulebook import SelectionError
from ..services.active_rules import engine
from ..specsheet import issue_time, sheet_lang, spec_pdf
from ..specsheet.batch import Done, Job, default_workers, run
from ..specsheet.orders import file_name, order_request, stored_orders

LANG = click.option(
    "--lang", type=click.Choice(LANGUAGES), default=None, help="default: the market's language"
)
NO_PRICES = click.option("--no-prices", is_flag=True, help="leave the price summary out")
INTERNAL = click.option(
    "--internal", is_flag=True, help="the internal copy (rule ids, codes, advice, rules version)"
)
DATE = click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="date printed and stored in the PDF (YYYY-MM-DD): the same order gives the same bytes",
)


def _issued(day: datetime | None) -> datetime:
    return issue_time(day.replace(hour=12, tzinfo=UTC) if day else None)


@click.command("spec")
@click.argument("order_id", type=int)
@LANG
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="the PDF file ('-' for stdout); default: NUMBER-LANG.pdf here",
)
@NO_PRICES
@INTERNAL
@DATE
@with_appcontext
def spec_command(
    order_id: int,
    lang: str | None,
    output: Path | None,
    no_prices: bool,
    internal: bool,
    day: datetime | None,
) -> None:
    """Write the spec sheet PDF of one order."""
    rows, missing = stored_orders(get_db(), [order_id])
    if missing:
        raise click.ClickException(f"no order with id {order_id}")
    row = rows[0]
    try:
        lang = sheet_lang(engine(), row["market"], lang)
        request = order_request(row, _issued(day), lang, not no_prices, internal)
        pdf = spec_pdf(engine(), request)
    except SelectionError as err:
        raise click.ClickException(f"order {row['number']}: {err}") from err
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(pdf)
        return
    target = output or Path(file_name(row, lang))
    target.write_bytes(pdf)
    click.echo(f"{target} ({len(pdf):,} bytes, {row['number']}, {lang})")


@click.command("spec-batch")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help="every stored order")
@click.option(
    "-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path)
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=0), default=0, help="processes (0: every core)"
)
@LANG
@NO_PRICES
@INTERNAL
@DATE
@with_appcontext
def spec_batch_command(
    ids: tuple[int, ...],
    every: bool,
    out_dir: Path,
    jobs: int,
    lang: str | None,
    no_prices: bool,
    internal: bool,
    day: datetime | None,
) -> None:
    """Write the spec sheets of many orders (IDS... or --all) on every core, with progress."""
    if every == bool(ids):
        raise click.UsageError("give order ids or --all (not both)")
    rows, missing = stored_orders(get_db(), None if every else list(ids))
    if missing:
        raise click.ClickException("no order with id " + ", ".join(map(str, missing)))
    out_dir.mkdir(parents=True, exist_ok=True)
    issued = _issued(day)
    batch = []
    for row in rows:
        code = _lang(row["market"], lang)
        request = order_request(row, issued, code, not no_prices, internal)
        batch.append(Job(request, out_dir / file_name(row, code)))
    _run(batch, jobs or default_workers())


def _lang(market: str, lang: str | None) -> str:
    """The sheet's language; an unknown market fails later, in its worker, and is reported."""
    try:
        return sheet_lang(engine(), market, lang)
    except SelectionError:
        return lang or "en"


def _run(batch: list[Job], workers: int) -> None:
    total, began = len(batch), time.perf_counter()
    click.echo(f"spec-batch: {total} sheet(s) on {min(workers, total or 1)} process(es)", err=True)
    step = iter(range(1, total + 1))

    def progress(done: Done) -> None:
        mark = "FAILED " + done.error if done.error else f"{done.seconds:.2f} s"
        click.echo(f"[{next(step):>{len(str(total))}}/{total}] {done.path.name}  {mark}", err=True)

    results = run(batch, Path(current_app.config["RULES_DIR"]), workers, progress)
    failed = [d for d in results if d.error]
    elapsed = time.perf_counter() - began
    rate = total / elapsed if elapsed else 0.0
    click.echo(
        f"{total - len(failed)} written, {len(failed)} failed in {elapsed:.1f} s ({rate:.1f}/s)"
    )
    if failed:
        raise SystemExit(1)
