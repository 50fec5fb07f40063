"""Demo data, loaded by `flask demo-data` as a list of steps.

Each step takes the database and returns lines to print. Every step must be idempotent:
running `demo-data` twice changes nothing. Another area adds its step to STEPS.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from . import exports, orders

Step = Callable[[Database], list[str]]

STEPS: list[Step] = [orders.users, orders.orders, exports.history]


def load_all(db: Database) -> list[str]:
    """Run every step in order (needs an app context: orders are checked by the rules)."""
    lines: list[str] = []
    for step in STEPS:
        lines.extend(step(db))
    return lines
