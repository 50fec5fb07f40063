"""Exchange rates CNY -> USD, KZT, UZS, KGS, TJS, TMT: checked, stored with a date, looked up.

A rate is "units of the currency for 1 CNY" (e.g. 0.1405 USD), valid from its day until the
next rate of that currency. Rates are never edited: a correction is a new row, and quotes keep
the rate they fixed, so later rates change no quote.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlite_utils import Database

from ..errors import Unprocessable
from ..quoting.money import LIST_CURRENCY, RATE_CURRENCIES
from ..store import rates as store

MAX_RATE = Decimal(1_000_000)  # 1 CNY is worth far less than a million units of any of them
MAX_PLACES = 10
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
MAX_ROWS = 5000
CSV_COLUMNS = ("currency", "valid_from", "rate", "source")


@dataclass(frozen=True)
class Fixed:
    """The rate a quote fixes: 1 for CNY, else the stored rate of the quote's date."""

    rate: Decimal
    rate_id: int | None


def check(
    currency: Any, valid_from: Any, rate: Any, source: Any
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """One rate as stored (strings) and the problems by field name ({} if none)."""
    errors: dict[str, list[str]] = {}
    currency = str(currency or "").strip().upper()
    if currency not in RATE_CURRENCIES:
        errors["currency"] = [f"one of {', '.join(RATE_CURRENCIES)}"]
    day = _day(valid_from)
    if day is None:
        errors["valid_from"] = [f"a date YYYY-MM-DD from {FIRST_DAY} to {LAST_DAY}"]
    value = _rate(rate)
    if value is None:
        errors["rate"] = [
            f"a decimal number above 0 and at most {MAX_RATE}, at most {MAX_PLACES} decimals"
        ]
    text = str(source or "").strip()
    if not text or len(text) > 300 or any(ord(ch) < 32 for ch in text):
        errors["source"] = ["where the rate comes from: 1-300 characters of plain text"]
    stored = {
        "currency": currency,
        "valid_from": day.isoformat() if day else "",
        "rate": str(value),
        "source": text,
    }
    return stored, errors


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value or "").strip())
        except ValueError:
            return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def _rate(value: Any) -> Decimal | None:
    if isinstance(value, float | bool):
        return None  # a float is not exact; send the rate as a string
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or not 0 < number <= MAX_RATE:
        return None
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        return None
    return Decimal(format(number.normalize(), "f"))  # 0.14050 -> 0.1405, 1E+2 -> 100


def add(db: Database, user_id: int, data: dict[str, Any]) -> dict[str, Any]:
    stored, errors = check(data.get("currency"), data.get("valid_from"), data.get("rate"),
                           data.get("source"))  # fmt: skip
    if errors:
        raise Unprocessable("the rate was not stored: " + ", ".join(errors), errors)
    (rate_id,) = store.insert_many(db, [stored], user_id)
    found = store.get(db, rate_id)
    assert found is not None
    return found


def import_csv(db: Database, user_id: int, text: str) -> list[dict[str, Any]]:
    """Rows `currency,valid_from,rate,source` (a header line first): all stored, or none and
    422 naming each bad line and field."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        lines = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as err:  # e.g. a stray line break inside a field, a field over 128 KiB
        line = f"line {reader.line_num}: " if reader.line_num else ""
        raise Unprocessable(f"not readable as CSV: {line}{err}", {"csv": [f"{line}{err}"]}) from err
    if not lines or [c.strip().lower() for c in lines[0]] != list(CSV_COLUMNS):
        raise Unprocessable(
            "the first line must be the header " + ",".join(CSV_COLUMNS),
            {"csv": ["header: " + ",".join(CSV_COLUMNS)]},
        )
    if len(lines) == 1 or len(lines) > MAX_ROWS + 1:
        raise Unprocessable(
            f"send 1 to {MAX_ROWS} rates", {"csv": [f"1 to {MAX_ROWS} rows after the header"]}
        )
    found, errors = [], {}
    for number, row in enumerate(lines[1:], start=2):
        if len(row) != len(CSV_COLUMNS):
            errors[f"line {number}"] = [f"{len(CSV_COLUMNS)} columns, found {len(row)}"]
            continue
        stored, problems = check(*row)
        if problems:
            errors[f"line {number}"] = [f"{k}: {'; '.join(v)}" for k, v in problems.items()]
        found.append(stored)
    if errors:
        raise Unprocessable("no rate was stored: " + ", ".join(errors), errors)
    return [store.get(db, i) or {} for i in store.insert_many(db, found, user_id)]


def fixed(db: Database, currency: str, day: date) -> Fixed:
    """The rate a quote of `day` fixes; 422 on `currency` if no rate applies yet."""
    if currency == LIST_CURRENCY:
        return Fixed(Decimal(1), None)
    found = store.on(db, currency, day.isoformat())
    if found is None:
        raise Unprocessable(
            f"no {currency} rate applies on {day}: an admin must enter one first",
            {"currency": [f"no rate for {currency} on or before {day}"]},
        )
    return Fixed(Decimal(found["rate"]), int(found["id"]))


def listing(db: Database, currency: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    return store.find(db, currency, limit)
