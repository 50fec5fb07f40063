"""Exact money: conversion and rounding checked against an independent computation with
fractions (no Decimal, no code shared with catalog.quoting.money), and no float anywhere."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.quoting import money


def half_up(value: Fraction) -> int:
    """Nearest integer, halves away from zero, by integer arithmetic only."""
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    whole, rest = divmod(magnitude.numerator, magnitude.denominator)
    return sign * (whole + (1 if 2 * rest >= magnitude.denominator else 0))


def expected(
    rate: Fraction, unit_yuan: int, qty: int, line: Fraction, total: Fraction, charge_fen: int
) -> dict[str, int]:
    """The quote-currency column by the stated rules, written out independently."""
    unit = half_up(Fraction(unit_yuan * 100) * rate)
    gross = unit * qty
    line_off = half_up(gross * line / 100)
    total_off = half_up((gross - line_off) * total / 100)
    charge = half_up(charge_fen * rate)
    return {
        "unit": unit,
        "gross": gross,
        "line_discount": line_off,
        "total_discount": total_off,
        "total": gross - line_off - total_off + charge,
    }


rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(20000), places=4)
pcts = st.decimals(min_value=Decimal(0), max_value=Decimal(30), places=2)


@settings(deadline=None, max_examples=300)  # no timing: the machine is shared
@given(rates, st.integers(1, 5_000_000), st.integers(1, 10_000), pcts, pcts, st.integers(0, 10**10))
def test_figures_match_an_independent_exact_computation(rate, unit, qty, line, total, charge):
    charges = (money.Charge("freight", "rail", charge),)
    _cny, quoted = money.both("KZT", rate, unit * 100, qty, line, total, charges)
    want = expected(Fraction(rate), unit, qty, Fraction(line), Fraction(total), charge)
    got = {k: getattr(quoted, k) for k in want}
    assert got == want
    assert all(type(v) is int for v in quoted.as_dict().values() if not isinstance(v, str | list))


def test_half_a_minor_unit_rounds_up_not_to_even():
    # 1 fen at 0.5 -> 0.5 minor units -> 1 (banker's rounding would give 0); 2.5 -> 3
    assert money.convert(1, Decimal("0.5"), "USD") == 1
    assert money.convert(5, Decimal("0.5"), "USD") == 3
    assert money.share(250, Decimal("1")) == 3  # 2.5 -> 3


def test_a_known_quote_adds_up_in_both_columns():
    # 3 trucks at 612,000 CNY, 5 % line discount, freight 18,000.50 CNY, 1 CNY = 0.1405 USD
    charges = (money.Charge("freight", "Xi'an to Almaty", 1_800_050),)
    cny, usd = money.both("USD", Decimal("0.1405"), 61_200_000, 3, Decimal(5), Decimal(0), charges)
    assert (cny.gross, cny.line_discount, cny.goods, cny.total) == (
        183_600_000,
        9_180_000,
        174_420_000,
        176_220_050,
    )
    assert usd.unit == 8_598_600  # 612,000 × 0.1405 = 85,986.00 USD
    assert (usd.gross, usd.line_discount, usd.goods) == (25_795_800, 1_289_790, 24_506_010)
    assert usd.charges[0].amount == 252_907  # 18,000.50 × 0.1405 = 2,529.07025 -> 2,529.07
    assert usd.total == 24_506_010 + 252_907
    assert money.major(usd.total, "USD") == Decimal("247589.17")


def test_combined_discount_is_exact():
    assert money.combined_pct(Decimal(2), Decimal(1)) == Decimal("2.98")
    assert money.combined_pct(Decimal(0), Decimal("3")) == Decimal(3)


def test_the_api_carries_no_float(client, headers, draft):
    quote = draft(
        line_discount_pct="2.5",
        charges=[{"kind": "freight", "description": "rail", "amount_cny": "1234.56"}],
    )

    def walk(value):
        if isinstance(value, dict):
            return [x for v in value.values() for x in walk(v)]
        if isinstance(value, list):
            return [x for v in value for x in walk(v)]
        return [value]

    raw = client.get(f"/api/v1/quotes/{quote['id']}", headers=headers("sales")).get_data(True)
    assert not [v for v in walk(json.loads(raw)) if isinstance(v, float)]
    assert quote["terms"]["charges"][0]["amount_cny"] == "1234.56"
    assert quote["cny"]["charges"][0]["amount"] == 123_456
    assert quote["rate"] == "0.1405"
