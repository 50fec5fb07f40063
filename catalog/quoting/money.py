"""Exact money for quotes: integer minor units, Decimal rates and percentages, no floats.

Rounding (stated on every quote): half up to the currency's minor unit ("commercial rounding").
A quote is computed twice with the same rules, once in CNY and once in the quote currency:
the unit price and each charge are converted from CNY at the quote's fixed rate and rounded;
discounts are then rounded in each currency; totals are exact sums of the rounded lines, so
every printed column adds up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

LIST_CURRENCY = "CNY"  # the rule files' prices
QUOTE_CURRENCIES = ("CNY", "USD", "KZT", "UZS", "KGS", "TJS", "TMT")
RATE_CURRENCIES = QUOTE_CURRENCIES[1:]  # CNY -> each of these
# ISO 4217 minor-unit exponents (all two digits for these currencies).
MINOR_DIGITS = {"CNY": 2, "USD": 2, "KZT": 2, "UZS": 2, "KGS": 2, "TJS": 2, "TMT": 2}
ROUNDING = "half up to the minor unit"
HUNDRED = Decimal(100)


def round_half_up(value: Decimal) -> int:
    """The nearest integer; halves away from zero."""
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def minor(amount: Decimal | int, currency: str) -> int:
    """Major units (exact) -> integer minor units, rounded half up."""
    return round_half_up(Decimal(amount) * (10 ** MINOR_DIGITS[currency]))


def major(amount_minor: int, currency: str) -> Decimal:
    """Integer minor units -> an exact Decimal in major units (12345 -> 123.45)."""
    return Decimal(amount_minor).scaleb(-MINOR_DIGITS[currency])


def convert(cny_minor: int, rate: Decimal, currency: str) -> int:
    """CNY minor units at `rate` (currency units per 1 CNY) -> the currency's minor units."""
    shift = MINOR_DIGITS[currency] - MINOR_DIGITS[LIST_CURRENCY]
    return round_half_up(Decimal(cny_minor) * rate * (Decimal(10) ** shift))


def share(amount_minor: int, pct: Decimal) -> int:
    """pct % of an amount, rounded half up to the minor unit."""
    return round_half_up(Decimal(amount_minor) * pct / HUNDRED)


def combined_pct(line_pct: Decimal, total_pct: Decimal) -> Decimal:
    """The discount a customer gets from a line discount followed by a total discount (exact)."""
    return HUNDRED - (HUNDRED - line_pct) * (HUNDRED - total_pct) / HUNDRED


@dataclass(frozen=True)
class Charge:
    kind: str  # freight, other
    description: str
    amount: int  # minor units


@dataclass(frozen=True)
class Figures:
    """One currency's column of a quote, in minor units."""

    currency: str
    unit: int
    quantity: int
    gross: int
    line_discount: int
    total_discount: int
    goods: int
    charges: tuple[Charge, ...]
    total: int

    def as_dict(self) -> dict[str, object]:
        return {
            "currency": self.currency,
            "unit": self.unit,
            "quantity": self.quantity,
            "gross": self.gross,
            "line_discount": self.line_discount,
            "total_discount": self.total_discount,
            "goods": self.goods,
            "charges": [c.__dict__ for c in self.charges],
            "total": self.total,
        }


def figures(
    currency: str,
    unit: int,
    quantity: int,
    line_pct: Decimal,
    total_pct: Decimal,
    charges: tuple[Charge, ...],
) -> Figures:
    """The lines and totals of a quote in one currency; every amount is in its minor units."""
    gross = unit * quantity
    line_discount = share(gross, line_pct)
    total_discount = share(gross - line_discount, total_pct)
    goods = gross - line_discount - total_discount
    total = goods + sum(c.amount for c in charges)
    return Figures(
        currency, unit, quantity, gross, line_discount, total_discount, goods, charges, total
    )


def both(
    currency: str,
    rate: Decimal,
    unit_cny: int,
    quantity: int,
    line_pct: Decimal,
    total_pct: Decimal,
    charges_cny: tuple[Charge, ...],
) -> tuple[Figures, Figures]:
    """(CNY figures, quote-currency figures) of one quote; `unit_cny` and charges in fen."""
    cny = figures(LIST_CURRENCY, unit_cny, quantity, line_pct, total_pct, charges_cny)
    converted = tuple(
        Charge(c.kind, c.description, convert(c.amount, rate, currency)) for c in charges_cny
    )
    unit = convert(unit_cny, rate, currency)
    return cny, figures(currency, unit, quantity, line_pct, total_pct, converted)
