"""An admin's correction of a shipped order: the one way to change what has shipped.

A shipped order is a fact the export figures count, so nobody edits it in passing; an admin
may correct its quantity or ship date, or take it back to confirmed (not shipped after all)
or cancelled, always with a reason that the history keeps. The export summary follows through
the orders triggers, in the same transaction.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from ..errors import Conflict, NotFound, Unprocessable
from ..store import orders as store
from . import orders

FIELDS = ("quantity", "ship_date", "status")
UNDO = ("confirmed", "cancelled")  # where a shipped order may go back to


def correct(db: Database, user_id: int, order_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Apply the correction if the order is shipped and still at `data["version"]`."""
    row = store.get(db, order_id)
    if row is None:
        raise NotFound(f"no order with id {order_id}")
    if row["status"] != "shipped":
        raise Conflict(
            f"order {row['number']} is {row['status']}: only shipped orders are corrected; "
            "change other orders the usual way"
        )
    if row["version"] != data["version"]:
        raise Conflict(
            f"order {row['number']} has changed since version {data['version']}",
            {"version": [f"stale: current version is {row['version']}"]},
        )
    columns = _columns(row, data)
    if not columns:
        raise Unprocessable("nothing to correct: send quantity, ship_date or status")
    changes = {k: [row[k], v] for k, v in columns.items()}
    if not store.update(db, order_id, data["version"], columns, changes, user_id, data["reason"]):
        raise Conflict(f"order {row['number']} changed while correcting it; nothing was changed")
    return orders.get(db, order_id)


def _columns(row: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    if "quantity" in data and data["quantity"] != row["quantity"]:
        columns["quantity"] = data["quantity"]
    status = data.get("status", "shipped")
    if status != "shipped":
        if status not in UNDO:
            raise Unprocessable(
                f"a shipped order can be corrected to {' or '.join(UNDO)}",
                {"status": [f"one of {', '.join(UNDO)}"]},
            )
        if "ship_date" in data:
            raise Unprocessable(
                "a ship date goes only with shipped", {"ship_date": ["only with shipped"]}
            )
        return columns | {"status": status, "ship_date": None}
    if "ship_date" in data:
        orders.check_ship_date(row, data["ship_date"])
        if data["ship_date"].isoformat() != row["ship_date"]:
            columns["ship_date"] = data["ship_date"].isoformat()
    return columns
