"""A quote's terms: the fixed lists, the defaults, and the stored (JSON) form.

Incoterms: the eleven rules of Incoterms® 2020 (ICC publication 723E, 2019), any mode of
transport first, then sea and inland waterway. Terms are stored as JSON with ISO dates and
decimals as strings, so that nothing is ever a float.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..roles import ADMIN, ENGINEER, MANAGER, SALES
from .money import Charge, minor

INCOTERMS = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF")
CHARGE_KINDS = ("freight", "other")
QUOTE_STATUSES = ("draft", "sent", "accepted")
APPROVAL_DECISIONS = ("approved", "refused")
VALIDITY_DAYS = 30
MAX_DISCOUNT_PCT = Decimal(30)  # beyond this a discount is an error, not a deal
MAX_CHARGE_CNY = Decimal(100_000_000)
MAX_CHARGES = 10
# Discount a role may give without a manager's approval, in per cent; overridden by the
# QUOTE_DISCOUNT_LIMITS setting (instance/config.toml).
DISCOUNT_LIMITS = {SALES: "3", ENGINEER: "0", MANAGER: "10", ADMIN: "10"}
DATES = ("quote_date", "valid_until", "delivery_date")
PERCENTS = ("line_discount_pct", "total_discount_pct")


def completed(given: dict[str, Any], lang: str, today: date) -> dict[str, Any]:
    """Checked terms (as the schema loads them) with the defaults filled in."""
    terms = dict(given)
    terms.setdefault("lang", lang)
    terms["quote_date"] = terms.get("quote_date") or today
    if terms.get("valid_until") is None:
        terms["valid_until"] = terms["quote_date"] + timedelta(days=VALIDITY_DAYS)
    terms.setdefault("delivery_date", None)
    for name in PERCENTS:
        terms[name] = Decimal(terms.get(name) or 0)
    terms.setdefault("charges", [])
    return terms


def stored(terms: dict[str, Any]) -> dict[str, Any]:
    """Checked terms -> JSON-safe: ISO dates, decimal strings."""
    out = dict(terms)
    for name in DATES:
        out[name] = terms[name].isoformat() if terms.get(name) else None
    for name in PERCENTS:
        out[name] = str(terms[name])
    out["charges"] = [{**c, "amount_cny": str(c["amount_cny"])} for c in terms["charges"]]
    return out


def loaded(terms: dict[str, Any]) -> dict[str, Any]:
    """The stored form back to dates and Decimals."""
    out = dict(terms)
    for name in DATES:
        out[name] = date.fromisoformat(terms[name]) if terms.get(name) else None
    for name in PERCENTS:
        out[name] = Decimal(terms[name])
    out["charges"] = [{**c, "amount_cny": Decimal(c["amount_cny"])} for c in terms["charges"]]
    return out


def charges_fen(terms: dict[str, Any]) -> tuple[Charge, ...]:
    return tuple(
        Charge(c["kind"], c["description"], minor(Decimal(c["amount_cny"]), "CNY"))
        for c in terms["charges"]
    )
