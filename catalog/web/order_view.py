"""How an order reads on a page: names instead of ids, history in words, allowed moves."""

from __future__ import annotations

from typing import Any

from flask import current_app, g, url_for
from flask_babel import lazy_gettext as _l

from ..languages import LANGUAGE_NAMES
from ..rulebook.engine.results import Configuration
from ..rulebook.model import text_in
from ..services.active_rules import engine
from ..services.orders import TRANSITIONS

STATUS_NAMES = {
    "draft": _l("draft"),
    "quoted": _l("quoted"),
    "confirmed": _l("confirmed"),
    "shipped": _l("shipped"),
    "cancelled": _l("cancelled"),
}
MOVE_NAMES = {
    "draft": _l("Back to draft"),
    "quoted": _l("Mark as quoted"),
    "confirmed": _l("Confirm"),
    "shipped": _l("Mark as shipped"),
    "cancelled": _l("Cancel order"),
}
FIELD_NAMES = {
    "number": _l("number"),
    "customer": _l("customer"),
    "market": _l("market"),
    "model": _l("model"),
    "quantity": _l("quantity"),
    "status": _l("status"),
    "selections": _l("configuration"),
    "price": _l("unit price"),
    "rules_version": _l("rules version"),
    "ship_date": _l("ship date"),
}
ACTION_NAMES = {"created": _l("created"), "updated": _l("updated"), "corrected": _l("corrected")}


def _lang() -> str:
    return str(g.get("lang", "en"))


def model_name(model_id: str) -> str:
    model = engine().book.models.get(model_id)
    return text_in(model.name, _lang()) if model else model_id


def selection_rows(model_id: str, selections: dict[str, str], lang: str) -> list[dict[str, Any]]:
    """(group, option, price) for a stored order, in the catalogue's group order."""
    book = engine().book
    model = book.models.get(model_id)
    rows = []
    for group in book.groups.values():
        value = selections.get(group.id)
        if value is None:
            continue
        option = group.option(value)
        price = 0
        if option is not None:
            price = model.price_of(group.id, option) if model else option.price
        rows.append(
            {
                "group": text_in(group.name, lang),
                "option": text_in(option.name, lang) if option else value,
                "price": price,
            }
        )
    return rows


def config_rows(config: Configuration) -> list[dict[str, Any]]:
    rows = []
    for group in config.groups:
        option = next((o for o in group.options if o.id == group.value), None)
        if option is not None:
            rows.append({"group": group.name, "option": option.name, "price": option.price})
    return rows


def moves(status: str) -> list[tuple[str, str]]:
    return [(target, str(MOVE_NAMES[target])) for target in TRANSITIONS.get(status, ())]


def history_rows(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for entry in history:
        changes = []
        for field, pair in entry["changes"].items():
            old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            changes.append(
                (str(FIELD_NAMES.get(field, field)), _short(field, old), _short(field, new))
            )
        action = str(ACTION_NAMES.get(entry["action"], entry["action"]))
        out.append({**entry, "action": action, "changes": changes})
    return out


def _short(field: str, value: Any) -> str:
    if value is None:
        return "—"
    if field == "status":
        return str(STATUS_NAMES.get(value, value))
    if field == "selections" and isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if field == "rules_version":
        return str(value)[:12]
    return str(value)


def spec_links(order_id: int, market: str) -> list[tuple[str, str, str, bool]]:
    """(language code, language name, URL, is the market's document language) of the order's
    spec sheet in each language."""
    found = engine().book.markets.get(market)
    document = found.language if found else None
    return [
        (code, name, spec_url(order_id, code), code == document)
        for code, name in LANGUAGE_NAMES.items()
    ]


def spec_url(order_id: int, lang: str, copy: str = "customer") -> str:
    """The order's spec sheet; the customer's copy is the default and needs no parameter."""
    extra: dict[str, Any] = {} if copy == "customer" else {"copy": copy}
    for endpoint in ("specsheet.order_pdf", "orders.OrderSpec", "specs.order_spec"):
        if endpoint in current_app.view_functions:
            return url_for(endpoint, order_id=order_id, lang=lang, **extra)
    return f"/api/v1/orders/{order_id}/spec.pdf?lang={lang}" + (f"&copy={copy}" if extra else "")
