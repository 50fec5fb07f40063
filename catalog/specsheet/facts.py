"""The view-model of a spec sheet: everything the template prints, already worded and formatted.

`build_sheet` is pure: the truck, the engine's verdict on it and the document facts in, a Sheet
out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup

from ..i18n import html_lang
from ..rulebook.engine.results import Price, Verdict, Violation
from ..rulebook.model import NONE, Rule, text_in
from .drawing import side_view
from .key_figures import Gettext, Row, Truck, key_figures

MAKER = "SHACMAN"


@dataclass(frozen=True)
class Document:
    """What the sheet says about itself besides the truck (order facts; blank for a quote)."""

    issued: datetime
    number: str | None = None
    customer: str | None = None
    quantity: int = 1
    status: str | None = None
    rules_version: str | None = None  # the version that approved the order
    price: Price | None = None  # the price the order keeps; None: today's catalogue price
    rules_day: date | None = None  # the rules are those in force on this day; None: issued


@dataclass(frozen=True)
class OptionRow:
    group: str
    name: str
    code: str
    price: str


@dataclass(frozen=True)
class RuleRow:
    id: str
    scope: str
    message: str
    reference: str
    status: str  # "met", "not-met", "advice", "advice-not-followed"


@dataclass(frozen=True)
class PriceSummary:
    base: str
    options: str
    unit: str
    quantity: int
    total: str
    currency: str


@dataclass(frozen=True)
class Sheet:
    lang: str
    html_lang: str
    title: str
    maker: str
    model_name: str
    model_id: str
    market_name: str
    market_code: str
    document: Document
    issued: str
    rules_day: str  # the day whose rules the truck was checked against, as printed
    timestamp: str  # W3C date-time (UTC) for the PDF's creation and modification dates
    status: str
    rules_version: str
    figures: list[Row]
    options: list[OptionRow]
    compliance: list[RuleRow]
    price: PriceSummary | None
    drawing: Markup
    problems: list[str] = field(default_factory=list)  # printed in the warning box
    violations: list[Violation] = field(default_factory=list)
    # the internal copy adds rule ids, internal codes, advice rows and the rules version
    internal: bool = False


def build_sheet(truck: Truck, verdict: Verdict, doc: Document, _: Gettext) -> Sheet:
    model_name = text_in(truck.model.name, truck.lang)
    price = doc.price or verdict.price
    kind = _("Quotation") if doc.number is None else _("Order")
    heading = _("Technical specification")
    title = f"{heading} · {model_name} · {doc.number or kind}"
    return Sheet(
        lang=truck.lang,
        html_lang=html_lang(truck.lang),
        title=title,
        maker=MAKER,
        model_name=model_name,
        model_id=truck.model.id,
        market_name=text_in(truck.market.name, truck.lang),
        market_code=truck.market.code,
        document=doc,
        issued=format_date(doc.issued.date(), format="long", locale=truck.lang),
        rules_day=format_date(doc.rules_day or doc.issued.date(), format="long", locale=truck.lang),
        timestamp=w3c(doc.issued),
        status=status_label(doc.status, _),
        rules_version=doc.rules_version or truck.book.version,
        figures=key_figures(truck, _),
        options=option_rows(truck, price, _),
        compliance=compliance_rows(truck, verdict, _),
        price=price_summary(truck, price, doc.quantity),
        drawing=side_view(truck.model, truck.values),
        problems=problems(verdict, _),
        violations=list(verdict.violations),
    )


def w3c(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def status_label(status: str | None, _: Gettext) -> str:
    labels = {
        "draft": _("draft"),
        "quoted": _("quoted"),
        "confirmed": _("confirmed"),
        "shipped": _("shipped"),
        "cancelled": _("cancelled"),
    }
    return labels.get(status or "", status or "")


def money(truck: Truck, amount: int) -> str:
    return format_decimal(amount, format="#,##0", locale=truck.lang)


def option_rows(truck: Truck, price: Price, _: Gettext) -> list[OptionRow]:
    """Every group's chosen option with its price delta (blank when included)."""
    deltas = {(line.group, line.option): line.price for line in price.options}
    rows = []
    for group in truck.book.groups_for(truck.model):
        value = truck.values.get(group.id)
        if value is None:
            continue
        option = group.option(value)
        name = text_in(option.name, truck.lang) if option else _("None")
        delta = deltas.get((group.id, value), 0)
        code = "" if value == NONE else value
        price_text = money(truck, delta) if delta else ""
        rows.append(OptionRow(text_in(group.name, truck.lang), name, code, price_text))
    return rows


def problems(verdict: Verdict, _: Gettext) -> list[str]:
    out = [f"{v.message} ({v.rule})" for v in verdict.violations]
    if verdict.missing:
        out.append(_("No choice for: %(groups)s") % {"groups": ", ".join(verdict.missing)})
    return out


def compliance_rows(truck: Truck, verdict: Verdict, _: Gettext) -> list[RuleRow]:
    broken = {v.rule for v in verdict.violations}
    unfollowed = {w.rule for w in verdict.warnings}
    rows = []
    for rule in truck.book.rules_for(truck.market):
        if not _listed(rule) or not rule.applies_to(truck.market, truck.model):
            continue
        if rule.hard:
            status = "not-met" if rule.id in broken else "met"
        else:
            status = "advice-not-followed" if rule.id in unfollowed else "advice"
        message = text_in(rule.message, truck.lang)
        reference = _row_reference(rule, truck) or rule.reference
        rows.append(RuleRow(rule.id, _scope(rule, truck, _), message, reference, status))
    return rows


def _row_reference(rule: Rule, truck: Truck) -> str:
    """For a table whose rows stand for documents (type approvals), the one this truck meets."""
    chosen = tuple(truck.values.get(g, NONE) for g in rule.groups)
    notes = [n for row, n in zip(rule.rows, rule.row_notes, strict=False) if row == chosen]
    return "; ".join(notes)


def _listed(rule: Rule) -> bool:
    """Market and layer rules that say something about the truck (not defaults, not list order)."""
    if rule.owner == "catalogue" or rule.kind == "default":
        return False
    return not (rule.kind == "recommend" and not rule.then)


def _scope(rule: Rule, truck: Truck, _: Gettext) -> str:
    if rule.owner.startswith("market:"):
        return text_in(truck.market.name, truck.lang)
    return _("Regional rules")


def price_summary(truck: Truck, price: Price, quantity: int) -> PriceSummary:
    extras = sum(line.price for line in price.options)
    return PriceSummary(
        base=money(truck, price.base),
        options=money(truck, extras),
        unit=money(truck, price.total),
        quantity=quantity,
        total=money(truck, price.total * quantity),
        currency=price.currency,
    )
