"""Market facts a rule reads must be in force whenever the rule is (checked per interval)."""

from __future__ import annotations

from datetime import date, timedelta

from ..model import Market, Period, Rule
from .nodes import Problem


def missing_facts(market: Market, all_rules: list[Rule]) -> list[Problem]:
    """Every rule in force reads only market facts in force, on every day (each interval)."""
    owners = {f"market:{market.code}", *(f"layer:{x}" for x in market.layers)}
    rules = [r for r in all_rules if r.owner in owners]
    days = {d for r in rules for d in r.period.changes()}
    days |= {d for f in market.facts for d in f.period.changes()}
    starts = sorted(days)
    problems: list[Problem] = []
    for i, start in enumerate([date.min, *starts]):
        end = starts[i] - timedelta(days=1) if i < len(starts) else date.max
        now = market.as_of(start)
        for rule in rules:
            if not rule.period.holds(start):
                continue
            if rule.markets and not rule.markets.matches(now.attr):
                continue
            for side in (rule.left, rule.right):
                if side and side.scope == "market" and now.attr(side.attr) is None:
                    when = f" in force {Period(_open(start), _open(end))}" if starts else ""
                    problem = f"market {market.code} has no attribute {side.attr!r}{when}"
                    problems.append(Problem(rule.source, rule.id, problem))
    return problems


def _open(day: date) -> date | None:
    return None if day in (date.min, date.max) else day
