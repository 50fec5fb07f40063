"""Schemas of the spec sheet calls: the PDF of an order, and a quick quote from a configuration."""

from __future__ import annotations

from marshmallow import fields, validate

from ..languages import LANGUAGES
from .orders import CUSTOMER_CHECKS, QUANTITY, Count
from .rules import CODE, SelectionsField, Strict, date_range

SPEC_LANG = fields.String(
    load_default=None,
    validate=validate.OneOf(LANGUAGES),
    metadata={"description": f"{', '.join(LANGUAGES)}; by default the market's document language"},
)
PRICES = fields.Boolean(load_default=True, metadata={"description": "false leaves the prices out"})
COPY = fields.String(
    load_default="customer",
    validate=validate.OneOf(["customer", "internal"]),
    metadata={
        "description": "customer: what a buyer reads; internal: also rule ids, internal codes, "
        "sales advice and the rules version"
    },
)


DATE = fields.Date(
    load_default=None,
    validate=date_range,
    metadata={
        "description": "the date printed and stored in the PDF and, for a quick quote, the "
        "day whose rules it is checked against (an order's sheet: its delivery or ship date); "
        "fixed dates give the same bytes for the same content (default: today)"
    },
)


class SpecQuery(Strict):
    lang = SPEC_LANG
    prices = PRICES
    copy = COPY
    date = DATE


class QuoteRequest(Strict):
    market = fields.String(required=True, validate=validate.Length(min=2, max=2))
    model = fields.String(required=True, validate=CODE)
    selections = SelectionsField(
        load_default=dict,
        metadata={"description": "group id -> option id; open groups get the engine's proposal"},
    )
    lang = SPEC_LANG
    prices = PRICES
    copy = COPY
    date = DATE
    customer = fields.String(load_default=None, validate=CUSTOMER_CHECKS)
    quantity = Count(load_default=1, **QUANTITY)
