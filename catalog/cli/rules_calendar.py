"""`flask rules calendar`: the dated changes of the coming months per market, and the open orders
a change will reject on their delivery date; also the order warnings `rules check` prints."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import click
from flask.cli import with_appcontext

from ..db import get_db
from ..rulebook import DatedEngines
from ..rulebook.dates import parse_day, today
from ..rulebook.model import Rulebook
from ..rulebook.review.calendar import ENDS, AtRisk, Change
from ..services.regulatory_calendar import MONTHS, Calendar, build, open_orders
from .rule_folder import load_or_exit, market_codes, market_option, rules_folder, rules_option

RISK_TITLE = "Open orders a coming change will reject on their delivery date"


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date:
    if value is None:
        return today()
    try:
        return parse_day(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from err


@click.command("calendar")
@with_appcontext
@rules_option
@market_option
@click.option(
    "--months",
    type=click.IntRange(1, 600),
    default=MONTHS,
    show_default=True,
    help="How many months ahead to list changes.",
)
@click.option("--on", "day", callback=_day, help="The calendar's today (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print the calendar as JSON.")
def calendar(
    rules_dir: Path | None, markets: tuple[str, ...], months: int, day: date, as_json: bool
) -> None:
    """List what starts and what ends being in force per market in the coming months (a rule or
    fact written `until: D` is in force through D and ends the day after), and the open orders
    (draft, quoted, confirmed) that the rules in force on their delivery date reject although
    today's rules accept them."""
    book = load_or_exit(rules_folder(rules_dir), as_json)
    codes = market_codes(book, markets)
    found = build(DatedEngines(book), stored_orders(), day, months, codes)
    if as_json:
        click.echo(json.dumps({"rules_version": book.version, **found.to_json()}, indent=2,
                              ensure_ascii=False))  # fmt: skip
    else:
        click.echo(calendar_text(book, found))


def stored_orders() -> list[dict[str, Any]]:
    """The open orders, or none (with a note) when there is no database yet."""
    try:
        return open_orders(get_db())
    except sqlite3.OperationalError as err:  # `flask init-db` not run
        click.echo(f"note: no stored orders read ({err})", err=True)
        return []


def calendar_text(book: Rulebook, found: Calendar) -> str:
    lines = [
        f"Regulatory calendar {found.day.isoformat()} to {found.until.isoformat()}"
        f" (rules version {book.version})"
    ]
    if not found.changes:
        lines += ["", "No dated changes in this period."]
    for market in sorted({c.market for c in found.changes}):
        lines += ["", f"Market {market}"]
        lines += [f"  {change_line(c)}" for c in found.changes if c.market == market]
    lines += ["", *risk_lines(found.at_risk)]
    return "\n".join(lines)


def change_line(change: Change) -> str:
    kind = f"rule {change.item}" if change.kind == "rule" else f"fact {change.item}"
    if change.severity:
        kind += f" ({change.severity})"
    if change.what == ENDS and change.last_day:
        kind += f", last day {change.last_day.isoformat()}"
    text = change.text["en"]
    return f"{change.day.isoformat()}  {change.what:<6}  {kind}: {text}  [{change.source}]"


def risk_lines(at_risk: list[AtRisk]) -> list[str]:
    if not at_risk:
        return ["No open order is rejected by a coming change."]
    return [f"{RISK_TITLE} ({len(at_risk)}):", *(f"  {r.line()}" for r in at_risk)]
