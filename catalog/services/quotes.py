"""Quotes a customer can sign: draft, approval, sending revisions, the customer's acceptance.

Flow: sales makes a draft on an order (terms, currency, discounts, charges) -> if the discount
is above what the preparer's role may give, asks a manager, who approves or refuses with a
reason -> sends it: the draft becomes revision A (B, C… later), immutable, its PDF kept, the
order "quoted" -> the customer accepts one revision: the order is confirmed with exactly that
revision's content and price. A changed draft (or a changed order) loses its approval, because
an approval is recorded for the quote and order versions it was given for.

Errors: 404 unknown, 409 stale version / not a draft / approval missing, 422 bad terms.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from marshmallow import ValidationError
from sqlite_utils import Database

from ..errors import Conflict, NotFound, Unprocessable
from ..quoting.terms import completed, stored
from ..schemas.quotes import TermsSchema
from ..specsheet.quote import quote_html
from ..store import orders as order_store
from ..store import quotes as store
from ..store import rates as rate_store
from . import quote_view, rates, spec_sheets
from .active_rules import engine
from .orders import recheck

SENDABLE_ORDERS = ("draft", "quoted")  # a confirmed, shipped or cancelled order takes no quote


def create(db: Database, user_id: int, order_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """A draft for the order. Terms not given are taken from its latest revision, if any."""
    order = _order(db, order_id)
    _open_order(order)
    earlier = [q for q in store.for_order(db, order_id) if q["revision"]]
    base = {}
    if earlier:
        base = {k: v for k, v in earlier[-1]["terms"].items()
                if k not in ("quote_date", "valid_until")}  # fmt: skip
    fixed = _fixed(db, order, {**base, **_plain(data)})
    quote_id = store.insert_draft(db, order_id, order["version"], fixed, user_id)
    if quote_id is None:
        raise Conflict(
            f"order {order['number']} already has a draft quote: change that one",
            {"order": ["has a draft quote"]},
        )
    return get(db, quote_id)


def update(db: Database, user_id: int, quote_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Change the draft's terms if `data["version"]` is current; 409 for a sent revision."""
    row = _row(db, quote_id)
    if row["status"] != "draft":
        raise _immutable(row)
    _version(row, data["version"])
    order = _order(db, row["order_id"])
    _open_order(order)
    merged = {**row["terms"], **_plain({k: v for k, v in data.items() if k != "version"})}
    if "quote_date" in data and "valid_until" not in data:
        merged.pop("valid_until", None)  # default validity follows a new quote date
    fixed = _fixed(db, order, merged, keep=row)
    if fixed["terms"] == row["terms"] and fixed["rate"] == row["rate"]:
        raise Unprocessable("nothing to change: send the terms that change")
    if not store.update_draft(db, quote_id, row["version"], order["version"], fixed, user_id):
        raise _stale(_row(db, quote_id), data["version"])
    return get(db, quote_id)


def request_approval(
    db: Database, user_id: int, quote_id: int, version: int, reason: str
) -> dict[str, Any]:
    view = _draft_at(db, quote_id, version)
    if not view["approval"]["needed"]:
        raise Conflict("this quote needs no approval: send it", {"approval": ["not needed"]})
    if view["approval"]["state"] in ("requested", "approved"):
        raise Conflict(f"approval already {view['approval']['state']}", {"approval": ["done"]})
    _record(db, view, "requested", user_id, reason)
    return get(db, quote_id)


def decide(
    db: Database, user_id: int, quote_id: int, version: int, decision: str, reason: str
) -> dict[str, Any]:
    """A manager approves or refuses the draft exactly as it is now (who, when, why)."""
    view = _draft_at(db, quote_id, version)
    if not view["approval"]["needed"]:
        raise Conflict("this quote needs no approval", {"approval": ["not needed"]})
    _record(db, view, decision, user_id, reason)
    return get(db, quote_id)


def send(db: Database, user_id: int, quote_id: int, version: int, today: date) -> dict[str, Any]:
    """The draft becomes the next revision with its PDF; the order becomes quoted."""
    view = _draft_at(db, quote_id, version)
    order = _order(db, view["order_id"])
    _open_order(order)
    approval = view["approval"]
    if approval["needed"] and approval["state"] != "approved":
        raise Conflict(
            f"a discount of {approval['discount_pct']} % is above {approval['limit_pct']} %: "
            "a manager must approve this version before it is sent",
            {"approval": [approval["state"]]},
        )
    if date.fromisoformat(view["terms"]["valid_until"]) < today:
        raise Unprocessable(
            f"the validity ended on {view['terms']['valid_until']}: set a later date first",
            {"valid_until": ["before today"]},
        )
    problems = recheck(order)
    if problems:
        raise Unprocessable(
            "the current rules reject this truck: change the order first",
            {"violations": problems},
        )
    letter = store.next_letter(db, order["id"])
    sending = {**view, "revision": letter, "status": "sent"}
    snapshot = quote_view.content_of(order)
    sent = {
        "revision": letter,
        "snapshot": snapshot,
        "figures": {"cny": view["cny"], "quote": view["quote"]},
        "pdf": _pdf(sending, view["terms"]["lang"]),
        "order_version": order["version"],
    }
    moves = None
    if order["status"] == "draft":
        moves = {"columns": {"status": "quoted"}, "changes": {"status": ["draft", "quoted"]}}
    if not store.send(db, {**view, "order_id": order["id"]}, sent, moves, user_id):
        raise _stale(_row(db, quote_id), version)
    return get(db, quote_id)


def accept(
    db: Database, user_id: int, quote_id: int, version: int, reason: str, today: date
) -> dict[str, Any]:
    """Record the customer's acceptance: the order takes this revision's content and price."""
    row = _row(db, quote_id)
    if row["status"] != "sent":
        raise Conflict(
            f"only a sent revision can be accepted; this quote is {row['status']}",
            {"status": [row["status"]]},
        )
    _version(row, version)
    order = _order(db, row["order_id"])
    if order["status"] != "quoted":
        raise Conflict(
            f"order {order['number']} is {order['status']}: only a quoted order is confirmed",
            {"status": [order["status"]]},
        )
    if date.fromisoformat(row["terms"]["valid_until"]) < today:
        raise Conflict(
            f"revision {row['revision']} expired on {row['terms']['valid_until']}: send a new one",
            {"valid_until": ["expired"]},
        )
    snap = row["snapshot"]
    delivery = row["terms"].get("delivery_date") or order.get("delivery_date")
    problems = recheck({**snap, "delivery_date": delivery})  # as of the promised delivery
    if problems:
        raise Unprocessable(
            f"the current rules reject the truck of revision {row['revision']}: it can't be "
            "confirmed; send a new revision",
            {"violations": problems},
        )
    columns = {k: snap[k] for k in quote_view.CONTENT if k != "market"} | {"status": "confirmed"}
    changes = {k: [order[k], v] for k, v in columns.items()
               if k != "price_detail" and order[k] != v}  # fmt: skip
    changes["quote"] = [None, f"{order['number']} {row['revision']}"]
    moves = {"columns": columns, "changes": changes}
    if not store.accept(db, row, order["version"], moves, user_id, reason):
        raise _stale(_row(db, quote_id), version)
    return get(db, quote_id)


def get(db: Database, quote_id: int) -> dict[str, Any]:
    row = _row(db, quote_id)
    return _view(db, row, _order(db, row["order_id"]))


def for_order(db: Database, order_id: int) -> list[dict[str, Any]]:
    """The order's revisions A, B, … then its draft, each with what changed from the last."""
    order = _order(db, order_id)
    return quote_view.with_changes([_view(db, r, order) for r in store.for_order(db, order_id)])


def awaiting(db: Database) -> list[dict[str, Any]]:
    return [_view(db, r, _order(db, r["order_id"])) for r in store.awaiting(db)]


def pdf(db: Database, quote_id: int, lang: str | None) -> tuple[bytes, str]:
    """The PDF a sent revision kept (its language), else a fresh one marked as a draft."""
    view = get(db, quote_id)
    kept = view["terms"]["lang"]
    chosen = lang or kept
    name = f"{view['order_number']}-{view['revision'] or 'draft'}-{chosen}.pdf"
    if view["revision"] and chosen == kept:
        found = store.pdf(db, quote_id)
        assert found is not None, "a sent revision keeps its PDF"
        return found, name
    return _pdf(view, chosen), name


def _pdf(view: dict[str, Any], lang: str) -> bytes:
    """Made in the render pool, under the same per-user and global caps as spec sheets."""
    return spec_sheets.pdf(None, lambda: quote_html(engine(as_of(view)), view, lang))


def as_of(view: dict[str, Any]) -> date:
    """The day whose rules the PDF's spec summary shows: delivery, else the quote date."""
    terms = view["terms"]
    return date.fromisoformat(terms.get("delivery_date") or terms["quote_date"])


def _view(db: Database, row: dict[str, Any], order: dict[str, Any]) -> dict[str, Any]:
    rate_row = rate_store.get(db, row["rate_id"]) if row["rate_id"] else None
    limits = current_app.config.get("QUOTE_DISCOUNT_LIMITS")
    return quote_view.view(row, order, store.events(db, row["id"]), rate_row, limits)


def _fixed(
    db: Database, order: dict[str, Any], terms: dict[str, Any], keep: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Checked terms with defaults, and the rate of the quote date (kept when neither the
    currency nor the quote date changed, so later rates change no quote)."""
    try:
        checked = TermsSchema().load(terms)
    except ValidationError as err:
        raise Unprocessable(
            "the quote was not stored: check " + ", ".join(sorted(map(str, err.messages))),
            err.messages,
        ) from err
    market = engine().book.markets.get(order["market"])
    full = completed(checked, market.language if market else "en", date.today())
    if full.get("delivery_date") is None and order.get("delivery_date"):
        full["delivery_date"] = date.fromisoformat(str(order["delivery_date"]))
    out = stored(full)
    if keep and all(keep["terms"][k] == out[k] for k in ("currency", "quote_date")):
        return {"terms": out, "rate": keep["rate"], "rate_id": keep["rate_id"]}
    rate = rates.fixed(db, out["currency"], full["quote_date"])
    return {"terms": out, "rate": str(rate.rate), "rate_id": rate.rate_id}


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """Loaded values (dates, Decimals) back to the plain form the schema loads again."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, date):
            out[key] = value.isoformat()
        elif key == "charges" and value is not None:
            out[key] = [{**c, "amount_cny": str(c["amount_cny"])} for c in value]
        elif hasattr(value, "as_tuple"):
            out[key] = str(value)
        else:
            out[key] = value
    return out


def _draft_at(db: Database, quote_id: int, version: int) -> dict[str, Any]:
    view = get(db, quote_id)
    if view["status"] != "draft":
        raise _immutable(view)
    _version(view, version)
    return view


def _record(db: Database, view: dict[str, Any], action: str, user_id: int, reason: str) -> None:
    order_version = int(view["content"]["order_version"])
    if not store.record(db, view["id"], view["version"], order_version, action, user_id, reason):
        raise _stale(_row(db, view["id"]), view["version"])


def _row(db: Database, quote_id: int) -> dict[str, Any]:
    row = store.get(db, quote_id)
    if row is None:
        raise NotFound(f"no quote with id {quote_id}")
    return row


def _order(db: Database, order_id: int) -> dict[str, Any]:
    order = order_store.get(db, order_id)
    if order is None:
        raise NotFound(f"no order with id {order_id}")
    return order


def _open_order(order: dict[str, Any]) -> None:
    if order["status"] not in SENDABLE_ORDERS:
        raise Conflict(
            f"order {order['number']} is {order['status']}: it takes no new quote",
            {"status": [order["status"]]},
        )


def _version(row: dict[str, Any], version: int) -> None:
    if row["version"] != version:
        raise _stale(row, version)


def _immutable(row: dict[str, Any]) -> Conflict:
    return Conflict(
        f"revision {row['revision']} was sent: it can't change. Make a new draft for the next "
        "revision instead; nothing was changed",
        {"status": [row["status"]], "revision": [row["revision"]]},
    )


def _stale(row: dict[str, Any], version: int) -> Conflict:
    return Conflict(
        f"the quote (or its order) has changed since version {version} (the quote is at "
        f"version {row['version']}): read it again and reapply your change; nothing was changed",
        {"version": [f"stale: current version is {row['version']}"]},
    )
