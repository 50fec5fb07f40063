"""Demo users (one per role) and a handful of valid sample orders across markets and statuses."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from .. import accounts
from ..services import orders as ordering
from ..services.active_rules import engine
from ..store import users as user_store
from ..store.orders import Filters
from ..store.orders import find as find_orders

SALES = "demo-sales"
USERS = [(f"demo-{role}", role) for role in accounts.ROLES]

# customer, market, model, quantity, preferred options, the statuses to walk through
ORDERS: list[tuple[str, str, str, int, dict[str, str], list[str]]] = [
    ("Astana Trans Logistics LLP", "KZ", "x3000-tractor-6x4", 10, {"cab": "high-roof"},
     ["quoted", "confirmed"]),
    ("Tashkent Gas Haulage", "UZ", "x5000-tractor-4x2-cng", 5, {}, ["quoted"]),
    ("Pamir Mining JSC", "TJ", "x3000-dump-6x4", 8,
     {"body": "box-35m3-wear-resistant"}, ["quoted", "confirmed", "shipped"]),
    ("Bishkek Stroy", "KG", "f3000-dump-6x4", 3, {}, []),
    ("Ashgabat Beton", "TM", "x3000-mixer-6x4", 2, {}, ["cancelled"]),
    ("Almaty Express", "KZ", "x6000-tractor-4x2", 4, {"paint": "blue"}, []),
]  # fmt: skip


def users(db: Database) -> list[str]:
    """One user per role; a new user's password and token are printed once."""
    lines = []
    for name, role in USERS:
        if user_store.exists(db, name):
            lines.append(f"user {name} ({role}) exists")
            continue
        password = secrets.token_urlsafe(9)
        issued = accounts.create_user(db, name, role, password)
        lines.append(f"user {name} ({role}) password {password} token {issued.token}")
    return lines


def orders(db: Database) -> list[str]:
    """The sample orders, each made once (recognised by its customer)."""
    sales = user_store.by_name(db, SALES)
    assert sales is not None, "the users step runs first"
    lines = []
    for customer, market, model, quantity, prefer, steps in ORDERS:
        found, _ = find_orders(db, Filters(customer=customer), 1, 0)
        if found:
            lines.append(f"order {found[0]['number']} for {customer} exists")
            continue
        data = {"customer": customer, "market": market, "model": model, "quantity": quantity}
        order = ordering.create(
            db, sales["id"], data | {"selections": _choices(market, model, prefer)}
        )
        for status in steps:
            order = ordering.update(db, sales["id"], order["id"], _move(order, status))
        lines.append(f"order {order['number']} for {customer}: {model}, {order['status']}")
    return lines


def _choices(market: str, model: str, prefer: dict[str, str]) -> dict[str, str]:
    """The preferred options completed with the configurator's proposals."""
    result = engine().configure(market, model, prefer)
    return {g.id: value for g in result.groups if (value := g.value or g.default)}


def _move(order: dict[str, Any], status: str) -> dict[str, Any]:
    change: dict[str, Any] = {"version": order["version"], "status": status}
    # a demo order is made now, so it can only have shipped today
    return change | ({"ship_date": datetime.now(UTC).date()} if status == "shipped" else {})
