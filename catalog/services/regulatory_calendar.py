"""The regulatory calendar over the running rules and the stored orders: the dated changes in the
coming months and the open orders a change will reject on their delivery date (used by
`flask rules calendar`, `rules check`, `rules diff` and the review page)."""

from __future__ import annotations

import calendar as months_of_year
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from ..order_lifecycle import OPEN
from ..rulebook import DatedEngines
from ..rulebook.review.calendar import AtRisk, Change, dated_changes, orders_at_risk
from ..store import orders as store
from .orders import as_of

PAGE = 500
MONTHS = 24  # how far ahead the calendar looks by default


@dataclass(frozen=True)
class Calendar:
    day: date  # the calendar's today
    until: date  # the last day it lists changes for
    changes: list[Change]
    at_risk: list[AtRisk]

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "until": self.until.isoformat(),
            "changes": [c.to_json() for c in self.changes],
            "orders_at_risk": [r.to_json() for r in self.at_risk],
        }


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, months_of_year.monthrange(year, month)[1]))


def open_orders(db: Database, markets: list[str] | None = None) -> list[dict[str, Any]]:
    """Every stored order still to be delivered (draft, quoted, confirmed), each with
    `delivery`: the day it is judged on (None: no date planned)."""
    out: list[dict[str, Any]] = []
    for status in OPEN:
        offset = 0
        while True:
            page, total = store.find(db, store.Filters(status=status), PAGE, offset)
            out += [{**o, "delivery": as_of(o)} for o in page]
            offset += len(page)
            if not page or offset >= total:
                break
    return [o for o in out if not markets or o["market"] in markets]


def build(
    engines: DatedEngines,
    orders: list[dict[str, Any]],
    day: date,
    months: int = MONTHS,
    markets: list[str] | None = None,
    lang: str = "en",
) -> Calendar:
    """The changes from `day` through `months` later, and every open order (whatever its
    delivery date) that a change after `day` will reject."""
    until = add_months(day, months)
    changes = dated_changes(engines.book, day, until, markets)
    chosen = [o for o in orders if not markets or o["market"] in markets]
    at_risk = orders_at_risk(engines.book, engines.on, chosen, day, lang)
    return Calendar(day, until, changes, at_risk)
