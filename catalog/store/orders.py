"""Orders, their numbers and their history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from . import customers, now, one, rows, valid_id, write

SELECT = """
SELECT o.id, o.number, c.name AS customer, o.market, o.model, o.selections, o.quantity,
       o.price, o.price_detail, o.status, o.rules_version, o.ship_date,
       o.delivery_date,
       cu.name AS created_by, o.created_at, uu.name AS updated_by, o.updated_at, o.version
FROM orders o
JOIN customers c ON c.id = o.customer_id
JOIN users cu ON cu.id = o.created_by
JOIN users uu ON uu.id = o.updated_by
"""
JSON_COLUMNS = ("selections", "price_detail")
# Columns an update may set; "customer" is a name, stored as customer_id.
UPDATABLE = (
    "customer", "model", "selections", "quantity", "price", "price_detail",
    "status", "rules_version", "ship_date", "delivery_date",
)  # fmt: skip


@dataclass(frozen=True)
class Filters:
    market: str | None = None
    status: str | None = None
    customer: str | None = None
    text: str | None = None
    models: tuple[str, ...] = ()  # models whose name or body type the text matches


def insert(db: Database, order: dict[str, Any], user_id: int) -> int:
    """Store a new order with the next number of its market and year; returns its id."""
    with write(db):
        at = now()
        customer_id = customers.ensure(db, order["customer"])
        number = _next_number(db, order["market"], int(at[:4]))
        cursor = db.execute(
            "INSERT INTO orders (number, customer_id, market, model, selections, quantity,"
            " price, price_detail, status, rules_version, ship_date, delivery_date,"
            " created_by, created_at, updated_by, updated_at, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            [
                number, customer_id, order["market"], order["model"],
                json.dumps(order["selections"]), order["quantity"], order["price"],
                json.dumps(order["price_detail"]), order["status"], order["rules_version"],
                order.get("ship_date"), order.get("delivery_date"), user_id, at, user_id, at,
            ],
        )  # fmt: skip
        order_id = int(cursor.lastrowid or 0)
        created = {k: [None, order[k]] for k in ("customer", "market", "model", "quantity")}
        _history(db, order_id, 1, user_id, at, "created", {"number": [None, number], **created})
    return order_id


def _next_number(db: Database, market: str, year: int) -> str:
    """KZ-2026-00042: a sequence per market and year, taken inside the caller's transaction."""
    (last,) = db.execute(
        "INSERT INTO order_numbers (market, year, last) VALUES (?, ?, 1)"
        " ON CONFLICT (market, year) DO UPDATE SET last = last + 1 RETURNING last",
        [market, year],
    ).fetchall()[0]
    return f"{market}-{year}-{last:05d}"


def update(
    db: Database,
    order_id: int,
    version: int,
    columns: dict[str, Any],
    changes: dict[str, Any],
    user_id: int,
    reason: str | None = None,
) -> bool:
    """Set columns if the order is still at `version`; False (and nothing written) if not.
    A change with a reason is recorded in the history as a correction."""
    with write(db):
        return set_columns(db, order_id, version, columns, changes, user_id, reason)


def set_columns(
    db: Database,
    order_id: int,
    version: int,
    columns: dict[str, Any],
    changes: dict[str, Any],
    user_id: int,
    reason: str | None = None,
) -> bool:
    """`update` inside the caller's `write(db)` transaction (the quotes store uses it)."""
    assert set(columns) <= set(UPDATABLE), columns
    values = dict(columns)
    if "customer" in values:
        values["customer_id"] = customers.ensure(db, values.pop("customer"))
    for column in JSON_COLUMNS:
        if column in values:
            values[column] = json.dumps(values[column])
    at = now()
    assignments = "".join(f"{column} = ?, " for column in values)
    cursor = db.execute(
        f"UPDATE orders SET {assignments}updated_by = ?, updated_at = ?, version = version + 1"
        " WHERE id = ? AND version = ?",
        [*values.values(), user_id, at, order_id, version],
    )
    if cursor.rowcount != 1:
        return False
    action = "corrected" if reason else "updated"
    _history(db, order_id, version + 1, user_id, at, action, changes, reason)
    return True


def _history(
    db: Database,
    order_id: int,
    version: int,
    user_id: int,
    at: str,
    action: str,
    changes: Any,
    reason: str | None = None,
) -> None:
    db.execute(
        "INSERT INTO order_history (order_id, version, user_id, at, action, changes, reason)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [order_id, version, user_id, at, action, json.dumps(changes, ensure_ascii=False), reason],
    )


def get(db: Database, order_id: int) -> dict[str, Any] | None:
    if not valid_id(order_id):
        return None
    row = one(db, SELECT + " WHERE o.id = ?", [order_id])
    return _decoded(row) if row else None


def find(
    db: Database, filters: Filters, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of orders matching the filters, newest first, and how many match in all."""
    where, params = _where(filters)
    (total,) = db.execute(
        "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id" + where, params
    ).fetchone()
    cursor = db.execute(SELECT + where + " ORDER BY o.id DESC LIMIT ? OFFSET ?",
                        [*params, limit, offset])  # fmt: skip
    return [_decoded(row) for row in rows(cursor)], int(total)


def _where(filters: Filters) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if filters.market:
        clauses.append("o.market = ?")
        params.append(filters.market)
    if filters.status:
        clauses.append("o.status = ?")
        params.append(filters.status)
    if filters.customer:
        clauses.append("c.name = ?")  # the column's NOCASE collation applies
        params.append(filters.customer)
    if filters.text:
        pattern = f"%{customers.like_escape(filters.text)}%"
        named = ", ".join("?" for _ in filters.models)
        clauses.append(
            "(o.number LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\'"
            " OR o.model LIKE ? ESCAPE '\\'" + (f" OR o.model IN ({named})" if named else "") + ")"
        )
        params.extend([pattern, pattern, pattern, *filters.models])
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def history(db: Database, order_id: int) -> list[dict[str, Any]]:
    cursor = db.execute(
        "SELECT h.version, h.at, u.name AS user, h.action, h.changes, h.reason"
        " FROM order_history h JOIN users u ON u.id = h.user_id"
        " WHERE h.order_id = ? ORDER BY h.id",
        [order_id],
    )
    return [{**row, "changes": json.loads(row["changes"])} for row in rows(cursor)]


def count(db: Database) -> int:
    (total,) = db.execute("SELECT count(*) FROM orders").fetchone()
    return int(total)


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, **{column: json.loads(row[column]) for column in JSON_COLUMNS}}
