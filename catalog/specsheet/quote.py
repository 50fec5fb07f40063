"""The quote PDF: the spec sheet's summary (key figures, equipment) with the quote's lines,
totals in the quote currency and CNY, terms, validity and revision letter.

Made like the spec sheet: a Sheet from the pipeline, a Jinja template of this package's
environment (autoescaped, translated); the render pool prints the HTML (WeasyPrint through the
static-files fetcher, catalog/services/spec_sheets.py). No Flask, no SQL: a quote view
(catalog.services.quote_view) in, HTML out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from ..i18n import translations
from ..quoting.money import major
from ..rulebook import Engine
from ..rulebook.model import text_in
from .facts import Document
from .orders import stored_price
from .pipeline import SheetRequest, make_sheet
from .render import environment


@dataclass(frozen=True)
class Line:
    label: str
    quantity: str
    unit: str
    amount: str
    amount_cny: str
    kind: str = ""  # "discount", "subtotal", "charge", "total"


def amount(value: int, currency: str, lang: str) -> str:
    return f"{format_decimal(major(value, currency), format='#,##0.00', locale=lang)} {currency}"


def long_date(value: str | None, lang: str) -> str:
    return format_date(date.fromisoformat(value), format="long", locale=lang) if value else "—"


def lines(view: dict[str, Any], lang: str, model_name: str) -> list[Line]:
    _ = translations(lang).gettext
    cur, cny, terms = view["quote"], view["cny"], view["terms"]
    ccy = cur["currency"]
    out = [
        Line(
            model_name, str(cur["quantity"]), amount(cur["unit"], ccy, lang),
            amount(cur["gross"], ccy, lang), amount(cny["gross"], "CNY", lang),
        )
    ]  # fmt: skip
    if cur["line_discount"] or cny["line_discount"]:
        label = _("Discount on the trucks, %(pct)s %%") % {"pct": terms["line_discount_pct"]}
        out.append(Line(label, "", "", amount(-cur["line_discount"], ccy, lang),
                        amount(-cny["line_discount"], "CNY", lang), "discount"))  # fmt: skip
    if cur["total_discount"] or cny["total_discount"]:
        label = _("Discount on the total, %(pct)s %%") % {"pct": terms["total_discount_pct"]}
        out.append(Line(label, "", "", amount(-cur["total_discount"], ccy, lang),
                        amount(-cny["total_discount"], "CNY", lang), "discount"))  # fmt: skip
    out.append(Line(_("Trucks after discounts"), "", "", amount(cur["goods"], ccy, lang),
                    amount(cny["goods"], "CNY", lang), "subtotal"))  # fmt: skip
    kinds = {"freight": _("Freight"), "other": _("Other charge")}
    for mine, listed in zip(cur["charges"], cny["charges"], strict=True):
        label = f"{kinds.get(mine['kind'], mine['kind'])}: {mine['description']}"
        out.append(Line(label, "", "", amount(mine["amount"], ccy, lang),
                        amount(listed["amount"], "CNY", lang), "charge"))  # fmt: skip
    out.append(Line(_("Total"), "", "", amount(cur["total"], ccy, lang),
                    amount(cny["total"], "CNY", lang), "total"))  # fmt: skip
    return out


def quote_html(engine: Engine, view: dict[str, Any], lang: str) -> str:
    content, terms = view["content"], view["terms"]
    issued = datetime.combine(date.fromisoformat(terms["quote_date"]), time(12), UTC)
    doc = Document(
        issued=issued,
        number=content["number"],
        customer=content["customer"],
        quantity=int(content["quantity"]),
        status=None,
        rules_version=content["rules_version"],
        price=stored_price(content["price_detail"]),
    )
    sheet = make_sheet(
        engine, SheetRequest(content["market"], content["model"], content["selections"], doc, lang)
    )
    model = engine.book.models.get(content["model"])
    name = text_in(model.name, lang) if model else content["model"]
    return (
        environment(lang)
        .get_template("quotes/pdf.html")
        .render(
            sheet=sheet,
            quote=view,
            terms=terms,
            lines=lines(view, lang, f"{name} ({content['model']})"),
            rate=format_decimal(Decimal(view["rate"]), format="#,##0.##########", locale=lang),
            quote_date=long_date(terms["quote_date"], lang),
            valid_until=long_date(terms["valid_until"], lang),
            delivery_date=long_date(terms.get("delivery_date"), lang),
            rate_from=long_date(view.get("rate_from"), lang),
        )
    )
