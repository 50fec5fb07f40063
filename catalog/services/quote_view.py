"""A quote as the API and pages show it: its content, both currencies' figures, its approval
state, and what changed from the revision before. Pure: rows in, dicts out."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..quoting import money
from ..quoting.terms import DISCOUNT_LIMITS, charges_fen
from ..roles import SALES

CONTENT = ("customer", "market", "model", "selections", "quantity", "price", "price_detail",
           "rules_version")  # fmt: skip
# What the side-by-side comparison lines up, in reading order.
COMPARED = ("customer", "model", "selections", "quantity", "currency", "rate", "quote_date",
            "valid_until", "incoterm", "place", "delivery_date", "payment_terms",
            "line_discount_pct", "total_discount_pct", "charges", "unit", "total", "total_cny",
            "lang")  # fmt: skip
DECISIONS = ("requested", "approved", "refused")


def content_of(order: dict[str, Any]) -> dict[str, Any]:
    """What a revision keeps of its order: the truck, quantity and CNY price it quotes."""
    kept = {k: order[k] for k in CONTENT}
    kept |= {"number": order["number"], "order_version": order["version"]}
    if order.get("delivery_date"):  # orders carry a delivery date once the dated rules land
        kept["delivery_date"] = str(order["delivery_date"])
    return kept


def figures(
    content: dict[str, Any], terms: dict[str, Any], rate: Decimal
) -> tuple[money.Figures, money.Figures]:
    unit_fen = money.minor(int(content["price"]), money.LIST_CURRENCY)
    return money.both(
        terms["currency"], rate, unit_fen, int(content["quantity"]),
        Decimal(terms["line_discount_pct"]), Decimal(terms["total_discount_pct"]),
        charges_fen(terms),
    )  # fmt: skip


def limit_for(role: str, limits: dict[str, Any] | None) -> Decimal:
    merged = {**DISCOUNT_LIMITS, **(limits or {})}
    return Decimal(str(merged.get(role, "0")))


def approval(
    row: dict[str, Any], order_version: int, events: list[dict[str, Any]], limits: Any
) -> dict[str, Any]:
    """Needed when the combined discount is above what the preparer's role may give; valid
    only for the quote and order versions it was given for (any change loses it)."""
    terms = row["terms"]
    line, total = Decimal(terms["line_discount_pct"]), Decimal(terms["total_discount_pct"])
    pct = money.combined_pct(line, total)
    preparer = next((e for e in reversed(events) if e["action"] in ("created", "changed")), None)
    limit = limit_for(preparer["role"] if preparer else SALES, limits)
    needed = pct > limit
    current = [
        e for e in events
        if e["action"] in DECISIONS
        and (e["quote_version"], e["order_version"]) == (row["version"], order_version)
    ]  # fmt: skip
    state = current[-1]["action"] if current else "required"
    if row["status"] != "draft":
        sent = [e for e in events if e["action"] in DECISIONS]
        state = sent[-1]["action"] if sent else "required"
    lost = any(e["action"] == "approved" for e in events) and state != "approved"
    return {
        "needed": needed,
        "state": state if needed else "not_needed",
        "limit_pct": str(limit),
        "discount_pct": _pct_text(pct),
        "lost": lost and row["status"] == "draft",
        "decision": current[-1] if current else None,
    }


def _pct_text(pct: Decimal) -> str:
    """Exact when short (5, 4.03); else shown to 4 places (the comparison itself is exact)."""
    text = format(pct.normalize(), "f")
    return text if len(text.partition(".")[2]) <= 4 else str(pct.quantize(Decimal("0.0001")))


def view(
    row: dict[str, Any],
    order: dict[str, Any],
    events: list[dict[str, Any]],
    rate_row: dict[str, Any] | None,
    limits: Any,
) -> dict[str, Any]:
    content = row["snapshot"] or content_of(order)
    rate = Decimal(row["rate"])
    cny, quote = figures(content, row["terms"], rate)
    return {
        **{k: row[k] for k in ("id", "order_id", "order_number", "revision", "status", "terms",
                               "rate", "rate_id", "created_by", "created_at", "updated_by",
                               "updated_at", "sent_by", "sent_at", "version", "has_pdf")},
        "rate_from": rate_row["valid_from"] if rate_row else None,
        "rate_source": rate_row["source"] if rate_row else None,
        "rounding": money.ROUNDING,
        "cny": cny.as_dict(),
        "quote": quote.as_dict(),
        "approval": approval(row, int(order["version"]), events, limits),
        "content": content,
        "events": events,
        "changed": [],
    }  # fmt: skip


def compared(view_: dict[str, Any]) -> dict[str, Any]:
    """The values the side-by-side comparison shows for one quote."""
    terms, content = view_["terms"], view_["content"]
    values = {k: content[k] for k in ("customer", "model", "selections", "quantity")}
    values |= {k: terms.get(k) for k in COMPARED if k in terms}
    values |= {
        "rate": view_["rate"],
        "unit": view_["quote"]["unit"],
        "total": view_["quote"]["total"],
        "total_cny": view_["cny"]["total"],
    }
    return values


def with_changes(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each quote with `changed`: the compared fields that differ from the quote before it."""
    out, before = [], None
    for one in views:
        now = compared(one)
        changed = [k for k in COMPARED if before is not None and before.get(k) != now.get(k)]
        out.append({**one, "changed": changed, "compared": now})
        before = now
    return out
