"""Schemas for quotes and exchange rates: the checks behind the API and the pages alike."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ..quoting.money import QUOTE_CURRENCIES, RATE_CURRENCIES
from ..quoting.terms import (
    APPROVAL_DECISIONS,
    CHARGE_KINDS,
    INCOTERMS,
    MAX_CHARGE_CNY,
    MAX_CHARGES,
    MAX_DISCOUNT_PCT,
    QUOTE_STATUSES,
)
from .orders import MAX_VERSION, Count, plain_text
from .rules import Strict

LANGS = ("en", "ru", "zh")
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


def _in_range(value: date) -> None:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValidationError(f"must be between {FIRST_DAY} and {LAST_DAY}")


class Exact(fields.Decimal):
    """A decimal number kept exact: at most `places` decimals, never rounded silently."""

    def __init__(self, places: int, low: Decimal, high: Decimal, **kwargs: Any) -> None:
        self.digits, self.low, self.high = places, low, high
        super().__init__(as_string=True, **kwargs)

    def _validated(self, value: Any) -> Decimal:
        if isinstance(value, bool):
            raise self.make_error("invalid")
        number = super()._validated(value)
        assert number is not None
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.digits:
            raise ValidationError(f"at most {self.digits} decimals")
        if not self.low <= number <= self.high:
            raise ValidationError(f"must be from {self.low} to {self.high}")
        return number


def percent(what: str) -> Exact:
    limits = f"per cent, 0 to {MAX_DISCOUNT_PCT}, at most 2 decimals"
    return Exact(2, Decimal(0), MAX_DISCOUNT_PCT, metadata={"description": f"{what}; {limits}"})


class ChargeSchema(Strict):
    kind = fields.String(required=True, validate=validate.OneOf(CHARGE_KINDS))
    description = fields.String(
        required=True, validate=[validate.Length(min=1, max=200), plain_text]
    )
    amount_cny = Exact(
        2,
        Decimal(0),
        MAX_CHARGE_CNY,
        required=True,
        metadata={"description": "CNY, converted at the quote's rate", "example": "18000.00"},
    )


class TermsSchema(Strict):
    """Every term of a quote; with `partial=True` for a change (the service merges and
    checks the whole again)."""

    currency = fields.String(required=True, validate=validate.OneOf(QUOTE_CURRENCIES))
    lang = fields.String(
        validate=validate.OneOf(LANGS),
        metadata={"description": "the PDF's language; default: the market's document language"},
    )
    quote_date = fields.Date(
        validate=_in_range, metadata={"description": "fixes the exchange rate; default today"}
    )
    valid_until = fields.Date(
        validate=_in_range, metadata={"description": "default: the quote date + 30 days"}
    )
    incoterm = fields.String(
        required=True,
        validate=validate.OneOf(INCOTERMS),
        metadata={"description": "Incoterms® 2020"},
    )
    place = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=100), plain_text],
        metadata={"description": "the named place of the Incoterm", "example": "Almaty"},
    )
    delivery_date = fields.Date(allow_none=True, validate=_in_range)
    payment_terms = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=300), plain_text],
        metadata={"example": "30 % advance, 70 % against shipping documents"},
    )
    line_discount_pct = percent("on the trucks' line")
    total_discount_pct = percent("on the goods after the line discount")
    charges = fields.List(
        fields.Nested(ChargeSchema),
        validate=validate.Length(max=MAX_CHARGES),
        metadata={"description": "freight and other charges, added after discounts"},
    )

    @validates_schema
    def _dates(self, data: dict[str, Any], **_: object) -> None:
        start = data.get("quote_date")
        if start is None:
            return
        if data.get("valid_until") is not None and data["valid_until"] < start:
            raise ValidationError("must not be before the quote date", "valid_until")
        if data.get("delivery_date") is not None and data["delivery_date"] < start:
            raise ValidationError("must not be before the quote date", "delivery_date")


class QuoteCreate(TermsSchema):
    pass


class QuotePatch(TermsSchema):
    version = Count(required=True, validate=validate.Range(min=1, max=MAX_VERSION))

    class Meta:
        unknown = "raise"


class VersionOnly(Strict):
    version = Count(required=True, validate=validate.Range(min=1, max=MAX_VERSION))


class Reasoned(VersionOnly):
    reason = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=500), plain_text],
        metadata={"description": "why: recorded with who and when"},
    )


class Decision(Reasoned):
    decision = fields.String(required=True, validate=validate.OneOf(APPROVAL_DECISIONS))


class PdfQuery(Strict):
    lang = fields.String(validate=validate.OneOf(LANGS))


class RateCreate(Strict):
    currency = fields.String(required=True, validate=validate.OneOf(RATE_CURRENCIES))
    valid_from = fields.Date(required=True, validate=_in_range)
    rate = fields.String(
        required=True,
        validate=validate.Length(min=1, max=40),
        metadata={"description": "units of the currency for 1 CNY, as a decimal string",
                  "example": "0.1405"},
    )  # fmt: skip
    source = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=300), plain_text],
        metadata={"example": "National Bank of Kazakhstan, official rate of 2026-12-01"},
    )


class RateImport(Strict):
    csv = fields.String(
        required=True,
        validate=validate.Length(min=1, max=500_000),
        metadata={"description": "text: a header line currency,valid_from,rate,source, then "
                                 "one rate a line"},
    )  # fmt: skip


class RatesQuery(Strict):
    currency = fields.String(validate=validate.OneOf(RATE_CURRENCIES))


class RateSchema(Schema):
    id = fields.Integer()
    currency = fields.String()
    valid_from = fields.String(metadata={"format": "date"})
    rate = fields.String(metadata={"description": "units for 1 CNY (exact decimal)"})
    source = fields.String()
    created_by = fields.String()
    created_at = fields.String()


class ChargeOut(Schema):
    kind = fields.String()
    description = fields.String()
    amount = fields.Integer(metadata={"description": "minor units"})


class FiguresSchema(Schema):
    currency = fields.String()
    unit = fields.Integer(metadata={"description": "minor units (1/100)"})
    quantity = fields.Integer()
    gross = fields.Integer()
    line_discount = fields.Integer()
    total_discount = fields.Integer()
    goods = fields.Integer()
    charges = fields.List(fields.Nested(ChargeOut))
    total = fields.Integer()


class ApprovalSchema(Schema):
    needed = fields.Boolean()
    state = fields.String(
        metadata={"enum": ["not_needed", "required", "requested", "approved", "refused"]}
    )
    limit_pct = fields.String(metadata={"description": "what the preparer's role may give"})
    discount_pct = fields.String(metadata={"description": "line and total discount combined"})
    lost = fields.Boolean(metadata={"description": "an earlier approval was lost by a change"})


class EventSchema(Schema):
    quote_version = fields.Integer()
    order_version = fields.Integer()
    action = fields.String()
    user = fields.String()
    role = fields.String()
    at = fields.String()
    reason = fields.String()


class QuoteSchema(Schema):
    id = fields.Integer()
    order_id = fields.Integer()
    order_number = fields.String()
    revision = fields.String(allow_none=True, metadata={"description": "A, B, … once sent"})
    status = fields.String(metadata={"enum": list(QUOTE_STATUSES)})
    terms = fields.Dict(
        metadata={"description": "as in QuoteCreate; dates ISO, decimals as strings"}
    )
    rate = fields.String(metadata={"description": "fixed: units of the currency for 1 CNY"})
    rate_from = fields.String(allow_none=True)
    rate_source = fields.String(allow_none=True)
    rounding = fields.String()
    cny = fields.Nested(FiguresSchema)
    quote = fields.Nested(FiguresSchema, metadata={"description": "in the quote currency"})
    approval = fields.Nested(ApprovalSchema)
    content = fields.Dict(metadata={"description": "the order's content it quotes"})
    changed = fields.List(
        fields.String(), metadata={"description": "what differs from the revision before"}
    )
    events = fields.List(fields.Nested(EventSchema))
    created_by = fields.String()
    created_at = fields.String()
    updated_by = fields.String()
    updated_at = fields.String()
    sent_by = fields.String(allow_none=True)
    sent_at = fields.String(allow_none=True)
    version = fields.Integer(metadata={"description": "send it back with changes"})
