"""Schemas for orders, their history and users: the API's input checks and its documentation."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from ..limits import MAX_CUSTOMER_NAME, MAX_QUANTITY
from ..order_lifecycle import STATUSES
from ..plain_text import is_visible
from .rules import (
    CODE,
    LANG,
    PriceSchema,
    SelectionsField,
    Strict,
    ViolationSchema,
    date_range,
)

MAX_VERSION = 2**62  # far above any real version; keeps SQLite's 64-bit integers safe


def plain_text(value: str) -> None:
    """Visible text only (catalog.plain_text: the rule the page forms apply too)."""
    if not value.strip():
        raise ValidationError("must not be blank")
    if not is_visible(value):
        raise ValidationError("must not contain control characters or invalid unicode")


class Count(fields.Integer):
    """An integer that is really an integer: not "3", not 3.0, not true."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strict=True, **kwargs)

    def _validated(self, value: Any) -> int:
        if isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return int(super()._validated(value))


CUSTOMER_CHECKS: list[Any] = [validate.Length(min=1, max=MAX_CUSTOMER_NAME), plain_text]
QUANTITY: dict[str, Any] = {
    "validate": validate.Range(min=1, max=MAX_QUANTITY),
    "metadata": {"description": f"trucks, 1 to {MAX_QUANTITY}"},
}


DELIVERY_DATE = fields.Date(
    allow_none=True,
    validate=date_range,
    metadata={
        "description": "planned delivery (ISO date): the order is approved under the rules "
        "in force on that day; none: today"
    },
)


class OrderCreate(Strict):
    customer = fields.String(required=True, validate=CUSTOMER_CHECKS)
    market = fields.String(required=True, validate=validate.Length(min=2, max=2))
    model = fields.String(required=True, validate=CODE)
    selections = SelectionsField(
        required=True,
        metadata={"description": "group id -> option id; every required group needs one"},
    )
    quantity = Count(required=True, **QUANTITY)
    delivery_date = DELIVERY_DATE


class OrderPatch(Strict):
    version = Count(
        required=True,
        validate=validate.Range(min=1, max=MAX_VERSION),
        metadata={
            "description": "The version you read. If the order has changed since, the answer "
            "is 409 and nothing is changed: read it again and reapply your change."
        },
    )
    status = fields.String(validate=validate.OneOf(STATUSES))
    ship_date = fields.Date(
        validate=date_range, metadata={"description": "required with status shipped"}
    )
    customer = fields.String(validate=CUSTOMER_CHECKS)
    model = fields.String(validate=CODE)
    selections = SelectionsField(
        metadata={"description": "replaces all selections; the order is validated again"}
    )
    quantity = Count(**QUANTITY)
    delivery_date = DELIVERY_DATE


class OrderCorrection(Strict):
    version = Count(required=True, validate=validate.Range(min=1, max=MAX_VERSION))
    reason = fields.String(
        required=True,
        validate=[validate.Length(min=3, max=500), plain_text],
        metadata={"description": "why the shipped order is corrected; kept in its history"},
    )
    quantity = Count(**QUANTITY)
    ship_date = fields.Date(validate=date_range)
    status = fields.String(
        validate=validate.OneOf(("shipped", "confirmed", "cancelled")),
        metadata={"description": "confirmed or cancelled: it did not ship after all"},
    )


class OrdersQuery(Strict):
    market = fields.String(validate=validate.Length(min=2, max=2))
    status = fields.String(validate=validate.OneOf(STATUSES))
    customer = fields.String(
        validate=validate.Length(max=200), metadata={"description": "exact name, any case"}
    )
    q = fields.String(
        validate=validate.Length(max=100),
        metadata={
            "description": "words in the number, customer, model id or name, or body type "
            "(any language)"
        },
    )
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class OrderQuery(Strict):
    lang = LANG


class OrderSchema(Schema):
    id = fields.Integer()
    number = fields.String(metadata={"example": "KZ-2026-00042"})
    customer = fields.String()
    market = fields.String()
    model = fields.String()
    selections = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "every group's value, `none` for open optional groups"},
    )
    quantity = fields.Integer()
    price = fields.Nested(
        PriceSchema, attribute="price_detail", metadata={"description": "one truck"}
    )
    amount = fields.Integer(metadata={"description": "price total × quantity, CNY"})
    status = fields.String(metadata={"enum": list(STATUSES)})
    ship_date = fields.Date(allow_none=True)
    delivery_date = fields.Date(allow_none=True)
    rules_version = fields.String(metadata={"description": "the rules that approved it"})
    still_valid = fields.Boolean(
        metadata={
            "description": "accepted by the current rules as of its ship date once shipped, "
            "else its delivery date, else today"
        }
    )
    rejected_by = fields.List(
        fields.Nested(ViolationSchema),
        metadata={"description": "what the current rules reject; empty when still_valid"},
    )
    created_by = fields.String()
    created_at = fields.DateTime()
    updated_by = fields.String()
    updated_at = fields.DateTime()
    version = fields.Integer(metadata={"description": "send it back with PATCH"})


class OrderPageSchema(Schema):
    items = fields.List(fields.Nested(OrderSchema))
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


class HistorySchema(Schema):
    version = fields.Integer()
    at = fields.String()
    user = fields.String()
    action = fields.String()
    changes = fields.Dict(metadata={"description": "field -> [old, new]"})
    reason = fields.String(
        allow_none=True, metadata={"description": "given with an admin's correction"}
    )
