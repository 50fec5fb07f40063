"""The quote pages' forms and how quotes read on a page (money, dates, the comparison).

The terms form is checked by the same schema as the API (catalog.schemas.quotes, through the
service): Flask-WTF here only carries the CSRF token, and the form's fields become the
service's dict. Errors come back keyed by the same field names the form uses.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from ..quoting.money import major
from ..services.quote_view import COMPARED

RATE_FORMAT = "#,##0.##########"  # every decimal a rate may have (services/rates.py)
CHARGE_ROWS = 3  # blank charge lines offered on the form
TEXT_FIELDS = ("currency", "lang", "incoterm", "place", "payment_terms")
OPTIONAL_DATES = ("valid_until", "delivery_date")
PERCENT_FIELDS = ("line_discount_pct", "total_discount_pct")
ROW_NAMES = {
    "customer": _l("Customer"),
    "model": _l("Model"),
    "selections": _l("Configuration"),
    "quantity": _l("Quantity"),
    "currency": _l("Currency"),
    "rate": _l("Rate (1 CNY =)"),
    "quote_date": _l("Quote date"),
    "valid_until": _l("Valid until"),
    "incoterm": _l("Incoterm"),
    "place": _l("Named place"),
    "delivery_date": _l("Delivery date"),
    "payment_terms": _l("Payment terms"),
    "line_discount_pct": _l("Discount on the trucks, %"),
    "total_discount_pct": _l("Discount on the total, %"),
    "charges": _l("Freight and charges"),
    "unit": _l("Unit price"),
    "total": _l("Total"),
    "total_cny": _l("Total, CNY"),
    "lang": _l("Language"),
}
STATE_NAMES = {
    "not_needed": _l("not needed"),
    "required": _l("needed, not yet asked"),
    "requested": _l("asked, waiting for a manager"),
    "approved": _l("approved"),
    "refused": _l("refused"),
}
ACTION_NAMES = {
    "created": _l("created"),
    "changed": _l("changed"),
    "requested": _l("approval asked"),
    "approved": _l("approved"),
    "refused": _l("refused"),
    "sent": _l("sent"),
    "accepted": _l("accepted by the customer"),
}
STATUS_NAMES = {"draft": _l("draft"), "sent": _l("sent"), "accepted": _l("accepted")}


class CsrfForm(FlaskForm):
    """Only the CSRF token: the fields are read from the request and checked by the schema."""


def terms_from(form: MultiDict[str, str]) -> dict[str, Any]:
    """The posted terms form -> the service's dict (blank optional fields left out)."""
    data: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = form.get(name, "").strip()
        if value:
            data[name] = value
    if form.get("quote_date", "").strip():
        data["quote_date"] = form["quote_date"].strip()
    for name in OPTIONAL_DATES:
        value = form.get(name, "").strip()
        data[name] = value or None
    if data["valid_until"] is None:
        del data["valid_until"]  # the default: the quote date + 30 days
    for name in PERCENT_FIELDS:
        data[name] = form.get(name, "").strip() or "0"
    charges = []
    for index in range(CHARGE_ROWS + 10):
        description = form.get(f"charge_{index}_description", "").strip()
        amount = form.get(f"charge_{index}_amount", "").strip()
        if description or amount:
            kind = form.get(f"charge_{index}_kind", "freight")
            charges.append({"kind": kind, "description": description, "amount_cny": amount})
    data["charges"] = charges
    return data


def form_rows(terms: dict[str, Any]) -> list[dict[str, str]]:
    """The charge lines to show: the quote's, then blank ones."""
    rows = [
        {"kind": c["kind"], "description": c["description"], "amount": c["amount_cny"]}
        for c in terms.get("charges", [])
    ]
    return rows + [{"kind": "freight", "description": "", "amount": ""}] * CHARGE_ROWS


def money_text(amount: int, currency: str) -> str:
    return f"{format_decimal(major(amount, currency), format='#,##0.00')} {currency}"


def cell(view: dict[str, Any], key: str, before: dict[str, Any] | None) -> str:
    """One value of the side-by-side comparison, as text."""
    value = view["compared"].get(key)
    ccy = view["quote"]["currency"]
    if key in ("unit", "total"):
        return money_text(int(value), ccy)
    if key == "total_cny":
        return money_text(int(value), "CNY")
    if key == "rate":
        exact = format_decimal(Decimal(value), format=RATE_FORMAT)  # never rounded for show
        return "—" if ccy == "CNY" else f"{exact} {ccy}"
    if key == "charges":
        return "; ".join(f"{c['description']}: {c['amount_cny']} CNY" for c in value) or "—"
    if key == "selections":
        if before is None:
            return str(len(value))
        old = before["compared"]["selections"]
        diff = [f"{k}: {value.get(k)}" for k in sorted(set(old) | set(value))
                if old.get(k) != value.get(k)]  # fmt: skip
        return ", ".join(diff) or "="
    return "—" if value in (None, "") else str(value)


def comparison(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows (field, label, cells with a `changed` flag) for the revisions side by side."""
    rows = []
    for key in COMPARED:
        cells = []
        for index, view in enumerate(views):
            before = views[index - 1] if index else None
            cells.append({"text": cell(view, key, before), "changed": key in view["changed"]})
        rows.append({"key": key, "label": str(ROW_NAMES[key]), "cells": cells})
    return rows
