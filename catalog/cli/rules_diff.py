"""`flask rules diff REV`: what the working-tree rules change compared with a git revision."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import click
from flask.cli import with_appcontext

from ..rulebook import DatedEngines, RulebookError, load_rulebook
from ..rulebook.model import Rulebook
from ..rulebook.review.analysis import analyse
from ..rulebook.review.calendar import Change, dated_changes
from ..rulebook.review.impact import (
    MarketImpact,
    Rejection,
    RevisionError,
    compare,
    rejected,
    rules_at,
)
from .rule_folder import load_or_exit, market_codes, rules_folder
from .rules_calendar import change_line, stored_orders


@click.command("diff")
@with_appcontext
@click.argument("rev")
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Rules folder inside a git work tree (default: the configured one).",
)
@click.option("--market", "markets", multiple=True, help="Only this market (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the impact as JSON.")
@click.option("--strict", is_flag=True, help="Exit 1 when the new rules reject an open order.")
def diff(
    rev: str, rules_dir: Path | None, markets: tuple[str, ...], as_json: bool, strict: bool
) -> None:
    """Compare the rules at git revision REV with the working tree: per market the models and
    options that became (un)available, changed counts, the dated changes (what starts or ends on
    a day) added or removed, and the open orders (draft, quoted, confirmed) that the working-tree
    rules reject as of each order's delivery date."""
    folder = rules_folder(rules_dir)
    new_book = load_or_exit(folder)
    with tempfile.TemporaryDirectory(prefix="rules-diff-") as tmp:
        try:
            old_book = load_rulebook(rules_at(folder, rev, Path(tmp)))
        except RevisionError as err:
            raise click.ClickException(str(err)) from err
        except RulebookError as err:
            raise click.ClickException(f"the rules at {rev} do not load:\n{err}") from err
    codes = market_codes(new_book, markets)
    old_codes = [c for c in codes or old_book.markets if c in old_book.markets]
    impacts = compare(analyse(old_book, old_codes), analyse(new_book, codes))
    checked = [o for o in stored_orders() if not codes or o["market"] in codes]
    now = rejected(DatedEngines(new_book).on, checked)
    before = {id(r.order) for r in rejected(DatedEngines(old_book).on, checked)}
    fresh = [r for r in now if id(r.order) not in before]
    dated = dated_difference(old_book, new_book, codes)
    if as_json:
        found = _json(rev, old_book.version, new_book.version, impacts, now, fresh)
        found["dated_changes"] = {k: [c.to_json() for c in v] for k, v in dated.items()}
        click.echo(json.dumps(found, indent=2))
    else:
        click.echo(
            _text(rev, old_book.version, new_book.version, impacts, now, fresh, len(checked))
        )
        click.echo(_dated_text(dated))
    sys.exit(1 if strict and now else 0)


def dated_difference(
    old: Rulebook, new: Rulebook, codes: list[str] | None
) -> dict[str, list[Change]]:
    """The dated changes (what starts or ends on a day) only the new rules have ("added") and
    only the old ones had ("removed"); an item that merely moved in its file is neither."""
    old_codes = [c for c in codes or old.markets if c in old.markets]
    before = {_key(c): c for c in dated_changes(old, markets=old_codes)}
    after = {_key(c): c for c in dated_changes(new, markets=codes)}
    return {
        "added": [c for k, c in after.items() if k not in before],
        "removed": [c for k, c in before.items() if k not in after],
    }


def _key(change: Change) -> tuple[Any, ...]:
    text = tuple(sorted(change.text.items()))
    return (change.day, change.market, change.what, change.kind, change.item, change.severity, text)


def _dated_text(dated: dict[str, list[Change]]) -> str:
    lines = ["", "Dated changes (what starts or ends on a day)"]
    if not any(dated.values()):
        lines.append("  none added or removed")
    for title, changes in (("added", dated["added"]), ("removed", dated["removed"])):
        lines += [f"  {title}: {c.market} {change_line(c)}" for c in changes]
    return "\n".join(lines)


def _text(
    rev: str,
    old: str,
    new: str,
    impacts: list[MarketImpact],
    now: list[Rejection],
    fresh: list[Rejection],
    checked: int,
) -> str:
    lines = [f"Rules at {rev} (version {old}) -> working tree (version {new})"]
    if not impacts:
        lines.append("No market changes.")
    for impact in impacts:
        lines += [
            "",
            f"Market {impact.market}"
            + ("" if impact.status == "changed" else f" ({impact.status})"),
        ]
        if impact.models_lost:
            lines.append(f"  models no longer buyable: {', '.join(impact.models_lost)}")
        if impact.models_gained:
            lines.append(f"  models now buyable: {', '.join(impact.models_gained)}")
        for model, labels in impact.options_lost.items():
            lines.append(f"  {model}: options no longer selectable: {', '.join(labels)}")
        for model, labels in impact.options_gained.items():
            lines.append(f"  {model}: options now selectable: {', '.join(labels)}")
        for model, (before, after) in impact.counts.items():
            lines.append(f"  {model}: valid configurations {_n(before)} -> {_n(after)}")
    lines += ["", f"Open orders the working-tree rules reject: {len(now)} of {checked}"]
    marks = {id(r.order) for r in fresh}
    lines += [f"  {r.line()}" + (" [newly rejected]" if id(r.order) in marks else "") for r in now]
    return "\n".join(lines)


def _n(value: int | None) -> str:
    return "unknown" if value is None else f"{value:,}"


def _json(
    rev: str,
    old: str,
    new: str,
    impacts: list[MarketImpact],
    now: list[Rejection],
    fresh: list[Rejection],
) -> dict[str, Any]:
    marks = {id(r.order) for r in fresh}
    return {
        "revision": rev,
        "old_version": old,
        "new_version": new,
        "markets": [i.to_json() for i in impacts],
        "rejected_orders": [
            {
                "id": r.order.get("id"),
                "number": r.order.get("number"),
                "market": r.order["market"],
                "model": r.order["model"],
                "status": r.order["status"],
                "reasons": list(r.reasons),
                "newly_rejected": id(r.order) in marks,
            }
            for r in now
        ],
    }
