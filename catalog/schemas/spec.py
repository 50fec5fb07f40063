"""Schemas of the spec sheet calls: the PDF of an order, and a quick quote from a configuration."""

from __future__ import annotations

from datetime import date

from marshmallow import ValidationError, fields, validate, validates

from .orders import CUSTOMER_CHECKS, QUANTITY, Count
from .rules import CODE, SelectionsField, Strict

SPEC_LANG = fields.String(
    load_default=None,
    validate=validate.OneOf(["en", "ru", "zh"]),
    metadata={"description": "en, ru or zh; by default the market's document language"},
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


def _date_range(value: date) -> None:
    if not date(2000, 1, 1) <= value <= date(2100, 12, 31):
        raise ValidationError("must be between 2000-01-01 and 2100-12-31")


DATE = fields.Date(
    load_default=None,
    validate=_date_range,
    metadata={
        "description": "the date printed and stored in the PDF; fixed dates give the "
        "same bytes for the same content (default: today)"
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

    @validates("selections")
    def _not_too_many(self, value: dict[str, str], **_: object) -> None:
        if len(value) > 1000:
            raise ValidationError("at most 1000 selections")
