"""Orders as the business sees them: approval by the rules, the status workflow, re-checking.

Used by the JSON API and the web pages alike; raises CatalogError subclasses (422, 404, 409)
that both turn into answers. Every stored order was valid under the rules version it keeps.

Workflow: draft -> quoted -> confirmed -> shipped (needs a ship date); any open order can be
cancelled; a quote can go back to draft. A transition not in TRANSITIONS answers 409 Conflict:
the request is well-formed but clashes with the order's current state.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from ..errors import Conflict, NotFound, Unprocessable
from ..order_lifecycle import EDITABLE, RECHECKED, TRANSITIONS
from ..rulebook import SelectionError
from ..rulebook.engine.results import Price, Verdict
from ..store import orders as store
from . import order_search
from .active_rules import engine, rulebook

CONTENT = ("customer", "model", "selections", "quantity", "delivery_date")


def create(db: Database, user_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Approve and store a new draft order; `data` has customer, market, model, selections,
    quantity."""
    market = data["market"].upper()
    delivery = iso(data.get("delivery_date"))
    verdict = approve(market, data["model"], data["selections"], day(delivery))
    order = {
        "delivery_date": delivery,
        "customer": data["customer"],
        "market": market,
        "model": data["model"],
        "quantity": data["quantity"],
        "status": "draft",
        **_approval(verdict),
    }
    return get(db, store.insert(db, order, user_id))


def iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def as_of(row: dict[str, Any]) -> date | None:
    """The day an order is judged on: its ship date once shipped, else its planned delivery
    date; None (today) when it has neither."""
    if row.get("status") == "shipped" and row.get("ship_date"):
        return day(iso(row["ship_date"]))
    return day(iso(row.get("delivery_date")))


def approve(
    market: str, model: str, selections: dict[str, str | None], on: date | None = None
) -> Verdict:
    """The engine's verdict as of `on` (default today) if it accepts the truck; otherwise 422
    saying why."""
    try:
        verdict = engine(on).validate(market, model, selections)
    except SelectionError as err:
        raise Unprocessable("the selections do not fit the catalogue", err.errors) from err
    if verdict.missing:
        raise Unprocessable(
            "required groups have no selection: " + ", ".join(verdict.missing),
            {"missing": verdict.missing, "violations": _violations(verdict)},
        )
    if not verdict.valid:
        raise Unprocessable(
            "the rules reject this truck: " + ", ".join(v.rule for v in verdict.violations),
            {"violations": _violations(verdict)},
        )
    return verdict


def _approval(verdict: Verdict) -> dict[str, Any]:
    """What an order keeps from the verdict that approved it (effective values, with none for
    open optional groups)."""
    return {
        "selections": dict(verdict.values),
        "price": verdict.price.total,
        "price_detail": price_view(verdict.price),
        "rules_version": engine().version,
    }


def price_view(price: Price) -> dict[str, Any]:
    return asdict(price) | {"options": [asdict(line) for line in price.options]}


def _violations(verdict: Verdict) -> list[dict[str, Any]]:
    return [
        {"rule": v.rule, "message": v.message, "source": v.source, "options": list(v.options)}
        for v in verdict.violations
    ]


def get(db: Database, order_id: int, lang: str = "en") -> dict[str, Any]:
    row = store.get(db, order_id)
    if row is None:
        raise NotFound(f"no order with id {order_id}")
    return view(row, lang)


def find(
    db: Database, filters: store.Filters, page: int, per_page: int
) -> tuple[list[dict[str, Any]], int]:
    filters = order_search.with_models(engine().book, filters)
    found, total = store.find(db, filters, per_page, (page - 1) * per_page)
    return [view(row) for row in found], total


def history(db: Database, order_id: int) -> list[dict[str, Any]]:
    get(db, order_id)
    return store.history(db, order_id)


def view(row: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    """The stored order plus whether today's rules still accept it, and if not, which reject it."""
    problems = recheck(row, lang)
    return {
        **row,
        "amount": row["price"] * row["quantity"],
        "still_valid": not problems,
        "rejected_by": problems,
        "ship_date": date.fromisoformat(row["ship_date"]) if row["ship_date"] else None,
        "delivery_date": day(row.get("delivery_date")),
        "created_at": datetime.fromisoformat(row["created_at"]),
        "updated_at": datetime.fromisoformat(row["updated_at"]),
    }


def recheck(row: dict[str, Any], lang: str = "en") -> list[dict[str, Any]]:
    """Rule violations under the current rules ([] if none)."""
    on = as_of(row)
    if row["rules_version"] == engine().version and (on or not rulebook().dated):
        return []  # the same rules approved it as of the same day; validation is deterministic
    try:
        verdict = engine(on).validate(row["market"], row["model"], row["selections"], lang)
    except SelectionError as err:
        return [
            {"rule": "catalogue", "message": message, "source": "", "options": [key]}
            for key, message in err.errors.items()
        ]
    missing = [
        {"rule": "catalogue", "message": f"group {g} now needs a choice", "source": "",
         "options": [g]}
        for g in verdict.missing
    ]  # fmt: skip
    return _violations(verdict) + missing


def update(db: Database, user_id: int, order_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Change content and/or status if `data["version"]` is the order's current version."""
    row = store.get(db, order_id)
    if row is None:
        raise NotFound(f"no order with id {order_id}")
    if row["version"] != data["version"]:
        raise _stale(row, data["version"])
    columns = _content_columns(row, data)
    columns |= _status_columns(row, data, approved="rules_version" in columns)
    if not columns:
        raise Unprocessable("nothing to change: send content fields or a new status")
    changes = {k: [row[k], v] for k, v in columns.items() if k != "price_detail" and row[k] != v}
    if not store.update(db, order_id, data["version"], columns, changes, user_id):
        raise _stale(store.get(db, order_id) or row, data["version"])  # lost the race
    return get(db, order_id)


def _stale(row: dict[str, Any], version: int) -> Conflict:
    return Conflict(
        f"order {row['number']} has changed since version {version} (it is at version "
        f"{row['version']}): read it again and reapply your change; nothing was changed",
        {"version": [f"stale: current version is {row['version']}"]},
    )


def _content_columns(row: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    if "delivery_date" in data:
        data = {**data, "delivery_date": iso(data["delivery_date"])}
    wanted = {k: data[k] for k in CONTENT if k in data and data[k] != row[k]}
    if not wanted:
        return {}
    if row["status"] not in EDITABLE:
        raise Conflict(f"order {row['number']} is {row['status']}: its content can't change")
    merged = {k: data.get(k, row[k]) for k in CONTENT}
    on = as_of({**row, "delivery_date": merged["delivery_date"]})
    verdict = approve(row["market"], merged["model"], merged["selections"], on)
    kept = ("customer", "model", "quantity", "delivery_date")
    columns = {k: merged[k] for k in kept if merged[k] != row[k]}
    return columns | _approval(verdict)


def latest_today() -> date:
    """The latest date it is anywhere now (UTC+14): "today" for a user in any time zone."""
    return (datetime.now(UTC) + timedelta(hours=14)).date()


def check_ship_date(row: dict[str, Any], ship_date: date) -> None:
    """A truck ships no earlier than its order was made and not in the future."""
    made = date.fromisoformat(str(row["created_at"])[:10])
    if ship_date < made:
        raise Unprocessable(
            f"the ship date {ship_date} is before the order was made ({made})",
            {"ship_date": [f"on or after {made}"]},
        )
    if ship_date > latest_today():
        raise Unprocessable(
            f"the ship date {ship_date} is in the future: record a shipment once it has left",
            {"ship_date": ["not in the future"]},
        )


def _status_columns(row: dict[str, Any], data: dict[str, Any], approved: bool) -> dict[str, Any]:
    status, ship_date = data.get("status", row["status"]), data.get("ship_date")
    if ship_date is not None and status != "shipped":
        raise Unprocessable(
            "ship_date is set together with status shipped",
            {"ship_date": ["only with status shipped"]},
        )
    if status == row["status"]:
        return {}
    if status not in TRANSITIONS[row["status"]]:
        allowed = ", ".join(TRANSITIONS[row["status"]]) or "none"
        raise Conflict(
            f"order {row['number']} cannot go from {row['status']} to {status}; allowed: {allowed}",
            {"status": status, "allowed": list(TRANSITIONS[row["status"]])},
        )
    columns: dict[str, Any] = {"status": status}
    if status == "shipped":
        if ship_date is None:
            raise Unprocessable("a shipped order needs its ship date", {"ship_date": ["required"]})
        check_ship_date(row, ship_date)
        columns["ship_date"] = ship_date.isoformat()
    if status in RECHECKED and not approved:
        on = as_of({**row, **columns})
        columns |= _approval(approve(row["market"], row["model"], row["selections"], on))
    return columns
