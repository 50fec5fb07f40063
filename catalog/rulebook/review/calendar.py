"""The regulatory calendar: what the rules say will start or stop being in force, per market, and
the open orders a coming change will reject on their delivery date.

A change is dated by the first day it holds: a rule or fact written `from: D` starts on D; one
written `until: D` is in force through D (the last day) and ends on the day after. The orders part
takes the engine as of a day from the caller (asof.DatedEngines.on) and the orders as plain
dicts, so this module stays pure: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..engine.engine import Engine, SelectionError
from ..model import FactVersion, MassLimits, Period, Rule, Rulebook, Scalar, Text
from .rule_judging import relevant

STARTS, ENDS = "starts", "ends"


@dataclass(frozen=True)
class Change:
    day: date  # the first day on which the item is (STARTS) or is no longer (ENDS) in force
    market: str
    what: str  # STARTS or ENDS
    kind: str  # "rule" or "fact"
    item: str  # the rule id, or the fact's name ("min_emission", "language", "mass_limits")
    text: Text  # the rule's message, or the fact's value (the same in every language)
    severity: str  # a rule's "error" or "advice"; "" for a fact
    reference: str
    source: str  # path:line
    period: Period

    @property
    def last_day(self) -> date | None:
        """For an ending item, the last day it is in force."""
        return self.day - timedelta(days=1) if self.what == ENDS else None

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "market": self.market,
            "change": self.what,
            "kind": self.kind,
            "item": self.item,
            "text": self.text["en"],
            "severity": self.severity or None,
            "reference": self.reference,
            "source": self.source,
            "in_force": str(self.period),
            "last_day": self.last_day.isoformat() if self.last_day else None,
        }


def dated_changes(
    book: Rulebook,
    start: date | None = None,
    end: date | None = None,
    markets: Iterable[str] | None = None,
) -> list[Change]:
    """Every change from `start` through `end` (both included; None is open) in the given markets
    (default all), ordered by day, market and item."""
    codes = sorted(markets) if markets is not None else sorted(book.markets)
    out = [c for r in book.rules if r.period.dated for c in _rule_changes(book, r, codes)]
    for code in codes:
        out += [c for f in book.markets[code].facts for c in _fact_changes(code, f)]
    return sorted(
        (c for c in out if (start is None or c.day >= start) and (end is None or c.day <= end)),
        key=lambda c: (c.day, c.market, c.item, c.what != ENDS),
    )


def _rule_changes(book: Rulebook, rule: Rule, codes: list[str]) -> list[Change]:
    out = []
    for code in relevant(book, rule, codes):
        for what, day in _edges(rule.period):
            out.append(
                Change(day, code, what, "rule", rule.id, rule.message, rule.severity,
                       rule.reference, str(rule.source), rule.period)
            )  # fmt: skip
    return out


def _fact_changes(code: str, fact: FactVersion) -> list[Change]:
    text = {"en": fact_value(fact.value)}
    name = fact.fact.removeprefix("attrs.")
    return [
        Change(day, code, what, "fact", name, text, "", fact.reference, str(fact.source),
               fact.period)
        for what, day in _edges(fact.period)
    ]  # fmt: skip


def _edges(period: Period) -> list[tuple[str, date]]:
    out = []
    if period.start is not None:
        out.append((STARTS, period.start))
    if period.end is not None and period.end < date.max:
        out.append((ENDS, period.end + timedelta(days=1)))
    return out


def fact_value(value: Scalar | MassLimits) -> str:
    if not isinstance(value, MassLimits):
        return str(value)
    parts = [f"{axles} axles {t:g} t" for axles, t in sorted(value.by_axles.items())]
    if value.combination is not None:
        parts.append(f"combination {value.combination:g} t")
    if value.max is not None:
        parts.append(f"at most {value.max:g} t")
    return ", ".join(parts) or "not known"


@dataclass(frozen=True)
class AtRisk:
    """An open order that the rules in force on its delivery date reject, although the rules in
    force on the calendar's day accept it: some change between the two will reject it."""

    order: dict[str, Any]  # id, number, market, model, status, selections, delivery_date
    delivery: date
    changes: tuple[Change, ...]  # the order market's changes after the day, up to delivery
    reasons: tuple[str, ...]  # "rule: message (path:line)", or a selection problem

    def line(self) -> str:
        o = self.order
        head = (
            f"{o.get('number') or o.get('id')} ({o['market']} {o['model']}, {o['status']},"
            f" delivery {self.delivery.isoformat()})"
        )
        days = sorted({c.day.isoformat() for c in self.changes})
        return f"{head}: rejected after the change of {', '.join(days)}: {'; '.join(self.reasons)}"

    def to_json(self) -> dict[str, Any]:
        o = self.order
        return {
            "id": o.get("id"),
            "number": o.get("number"),
            "market": o["market"],
            "model": o["model"],
            "status": o["status"],
            "delivery_date": self.delivery.isoformat(),
            "changes": [c.to_json() for c in self.changes],
            "reasons": list(self.reasons),
        }


def orders_at_risk(
    book: Rulebook,
    engine_on: Callable[[date], Engine],
    orders: Iterable[dict[str, Any]],
    day: date,
    lang: str = "en",
) -> list[AtRisk]:
    """The orders (each with `delivery` set to the day it is judged on, or None) that a change
    after `day` will reject on their delivery date, in delivery order."""
    out = []
    for order in orders:
        delivery = order.get("delivery")
        if not isinstance(delivery, date) or delivery <= day or order["market"] not in book.markets:
            continue
        changes = dated_changes(book, day + timedelta(days=1), delivery, [order["market"]])
        if not changes:
            continue
        later = _rejection(engine_on(delivery), order, lang)
        if later and not _rejection(engine_on(day), order, lang):
            out.append(AtRisk(order, delivery, tuple(changes), later))
    return sorted(out, key=lambda r: (r.delivery, str(r.order.get("number"))))


def _rejection(engine: Engine, order: dict[str, Any], lang: str) -> tuple[str, ...]:
    """Why `engine` rejects the order (empty when it accepts it)."""
    try:
        verdict = engine.validate(order["market"], order["model"], order["selections"], lang)
    except SelectionError as err:
        return tuple(f"{k}: {v}" for k, v in err.errors.items())
    if verdict.valid:
        return ()
    reasons = [f"{v.rule}: {v.message} ({v.source})" for v in verdict.violations]
    return (*reasons, *(f"missing {g}" for g in verdict.missing))
