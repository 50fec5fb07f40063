"""Spec sheet requests from stored orders (rows as catalog.store.orders returns them)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from ..rulebook.engine.results import Price, PriceLine
from ..store import orders as store
from .facts import Document
from .pipeline import SheetRequest


def stored_price(detail: dict[str, Any] | None) -> Price | None:
    """The price an order keeps (its `price_detail`), or None if it has none."""
    if not detail:
        return None
    lines = tuple(
        PriceLine(str(x["group"]), str(x["option"]), int(x["price"])) for x in detail["options"]
    )
    return Price(int(detail["base"]), lines, int(detail["total"]), str(detail["currency"]))


def order_request(
    row: dict[str, Any],
    issued: datetime,
    lang: str | None = None,
    prices: bool = True,
    internal: bool = False,
    rules_day: date | None = None,
) -> SheetRequest:
    """The spec sheet of a stored order, in `lang` (None: the market's document language)."""
    doc = Document(
        issued=issued,
        number=row["number"],
        customer=row["customer"],
        quantity=int(row["quantity"]),
        status=row["status"],
        rules_version=row["rules_version"],
        price=stored_price(row.get("price_detail")),
        rules_day=rules_day,
    )
    return SheetRequest(row["market"], row["model"], row["selections"], doc, lang, prices, internal)


def file_name(row: dict[str, Any], lang: str) -> str:
    """KZ-2026-00042-ru.pdf: safe as a file name and in a Content-Disposition header."""
    number = "".join(c if c.isalnum() or c == "-" else "_" for c in str(row["number"]))
    return f"{number or row['id']}-{lang}.pdf"


def stored_orders(db: Database, ids: list[int] | None) -> tuple[list[dict[str, Any]], list[int]]:
    """The orders with these ids (all orders if None) and the ids that do not exist."""
    if ids is None:
        found, _total = store.find(db, store.Filters(), limit=-1, offset=0)
        return sorted(found, key=lambda row: row["id"]), []
    rows = {i: store.get(db, i) for i in ids}
    return [r for r in rows.values() if r], [i for i, r in rows.items() if r is None]
