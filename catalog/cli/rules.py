"""`flask rules …`: what engineers run on the rules folder (check, test, diff)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from ..rulebook import DatedEngines
from ..rulebook.dates import today
from ..rulebook.review.analysis import analyse
from ..rulebook.review.calendar import orders_at_risk
from ..rulebook.review.counting import MAX_SECONDS
from ..rulebook.review.reporting import markdown_report, text_report
from ..rulebook.review.ruletests import load_cases, run_cases, untested_rules
from .rule_folder import load_or_exit, market_codes, market_option, rules_folder, rules_option
from .rules_calendar import RISK_TITLE, calendar, stored_orders
from .rules_diff import diff

rules_cli = AppGroup("rules", help="Check, test and review the rule files.")
rules_cli.add_command(diff)
rules_cli.add_command(calendar)


@rules_cli.command("check")
@rules_option
@market_option
@click.option("--json", "as_json", is_flag=True, help="Print the findings and counts as JSON.")
@click.option("--markdown", is_flag=True, help="Print Markdown (for a pull-request comment).")
@click.option("--notes/--no-notes", default=True, help="Include info-level findings.")
@click.option("--count/--no-count", default=True, help="Count valid configurations.")
@click.option(
    "--orders/--no-orders",
    default=True,
    help="Warn about open orders a dated change will reject on their delivery date.",
)
@click.option(
    "--budget",
    type=click.FloatRange(min=0.1),
    default=MAX_SECONDS,
    show_default=True,
    help="Seconds of counting per market and model before giving up (an upper bound remains).",
)
def check(
    rules_dir: Path | None,
    markets: tuple[str, ...],
    as_json: bool,
    markdown: bool,
    notes: bool,
    count: bool,
    orders: bool,
    budget: float,
) -> None:
    """Load and analyse the rules; print findings as path:line: id: message; exit 1 on errors.

    Errors: load errors, a market that can buy nothing, a model no market can buy, advice that
    can never be followed. Warnings (exit 0): models a market can never buy, options never
    selectable anywhere, redundant rules, rules that never apply, open orders that a dated
    change will reject on their delivery date.
    """
    folder = rules_folder(rules_dir)
    book = load_or_exit(folder, as_json)
    codes = market_codes(book, markets)
    analysis = analyse(book, codes, count=count, max_seconds=budget)
    chosen = [o for o in stored_orders() if not codes or o["market"] in codes] if orders else []
    at_risk = orders_at_risk(book, DatedEngines(book).on, chosen, today())
    if as_json:
        found = {**analysis.to_json(), "orders_at_risk": [r.to_json() for r in at_risk]}
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
    elif markdown:
        click.echo(markdown_report(analysis, notes), nl=False)
        if at_risk:
            click.echo(f"\n### {RISK_TITLE} ({len(at_risk)})\n")
            click.echo("\n".join(f"- {r.line()}" for r in at_risk))
    else:
        click.echo(text_report(analysis, notes))
        if at_risk:
            click.echo(f"\n{RISK_TITLE} ({len(at_risk)})")
            click.echo("\n".join(f"  warning: order {r.line()}" for r in at_risk))
    sys.exit(0 if analysis.ok else 1)


@rules_cli.command("test")
@rules_option
@click.option("--failures", "failures_only", is_flag=True, help="Print failing cases only.")
def test(rules_dir: Path | None, failures_only: bool) -> None:
    """Run the example orders of rules/tests/*.yaml; exit 1 if any case fails."""
    folder = rules_folder(rules_dir)
    book = load_or_exit(folder)
    cases, problems = load_cases(folder)
    for problem in problems:
        click.echo(f"FAIL {problem}")
    outcomes = run_cases(book, cases)
    for outcome in outcomes:
        if not (failures_only and outcome.passed):
            click.echo(outcome.line())
    untested = untested_rules(book, cases)
    if untested:
        click.echo(f"\nMarket and layer rules no case names ({len(untested)}):")
        for rule, period in untested:
            click.echo(f"  {rule.source}: {rule.id}" + (f" ({period})" if period else ""))
    passed = sum(o.passed for o in outcomes)
    failed = len(outcomes) - passed + len(problems)
    click.echo(f"\n{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
