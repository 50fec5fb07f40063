"""The fields of a refused quote or rate in the reader's language: labels and error details.

The quote and rate services (and the schema behind them) word the details in English for the
JSON API: {"approval": ["not needed"]}, {"rate": ["a decimal number above 0 …"]}. A page names
each field by its label and translates each detail: a fixed text from DETAILS, or one with
variable parts matched by an explicit pattern of DETAIL_PATTERNS. Unknown ones stay as sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from flask_babel import LazyString, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from . import filters, order_view, quote_forms

FIELDS = {
    **quote_forms.ROW_NAMES,
    "approval": _l("Approval"),
    "version": _l("Version"),
    "status": _l("Status"),
    "revision": _l("Revision"),
    "order": _l("Order"),
    "reason": _l("Reason"),
    "file": _l("CSV file"),
    "csv": _l("CSV file"),
    "valid_from": _l("Valid from"),
    "source": _l("Source"),
    "kind": _l("Kind"),
    "description": _l("Description"),
    "amount_cny": _l("Amount, CNY"),
    "csrf_token": _l("Form"),
}
STATUSES = {**order_view.STATUS_NAMES, **quote_forms.STATUS_NAMES}
DETAILS = {
    "not needed": _l("not needed"),
    "done": _l("already done"),
    "has a draft quote": _l("has a draft quote"),
    "before today": _l("before today"),
    "expired": _l("expired"),
    "too large": _l("too large"),
    "not UTF-8": _l("not UTF-8 text"),
    "required": _l("must be filled in"),
    "where the rate comes from: 1-300 characters of plain text": _l(
        "where the rate comes from: 1 to 300 characters of plain text"
    ),
    "must not be before the quote date": _l("must not be before the quote date"),
    "must not be blank": _l("must not be blank"),
    "must not contain control characters or invalid unicode": _l(
        "must not contain control characters or invalid characters"
    ),
    "Missing data for required field.": _l("must be filled in"),
    "Field may not be null.": _l("must be filled in"),
    "Not a valid number.": _l("not a valid number"),
    "Number too large.": _l("the number is too large"),
    "Invalid value.": _l("not a valid value"),
    "Not a valid date.": _l("not a valid date"),
    "Not a valid string.": _l("not a valid text"),
    "Not a valid list.": _l("not a valid list"),
    "Unknown field.": _l("unknown field"),
    "The CSRF token is missing.": _l("the form has expired"),
    "The CSRF token has expired.": _l("the form has expired"),
    "The CSRF token is invalid.": _l("the form has expired"),
    "The CSRF tokens do not match.": _l("the form has expired"),
}
DETAIL_PATTERNS = {
    r"stale: current version is (?P<version>\d+)": _l(
        "changed meanwhile: the current version is %(version)s"
    ),
    r"one of (?P<choices>[A-Z, ]+)": _l("one of %(choices)s"),
    r"Must be one of: (?P<choices>.+)\.": _l("one of %(choices)s"),
    r"a date YYYY-MM-DD from (?P<first>\S+) to (?P<last>\S+)": _l(
        "a date YYYY-MM-DD from %(first)s to %(last)s"
    ),
    r"a decimal number above 0 and at most (?P<most>\d+), at most (?P<places>\d+) decimals": _l(
        "a decimal number above 0 and at most %(most)s, with at most %(places)s decimals"
    ),
    r"no rate for (?P<currency>[A-Z]{3}) on or before (?P<day>\S+)": _l(
        "no rate for %(currency)s on or before %(day)s"
    ),
    r"header: (?P<header>\S+)": _l("the header must be %(header)s"),
    r"1 to (?P<most>\d+) rows after the header": _l("1 to %(most)s rows after the header"),
    r"(?P<expected>\d+) columns, found (?P<found>\d+)": _l(
        "%(expected)s columns expected, %(found)s found"
    ),
    r"line (?P<number>\d+): (?P<detail>.*)": _l("line %(number)s: %(detail)s"),
    r"must be between (?P<first>\S+) and (?P<last>\S+)": _l("must be from %(first)s to %(last)s"),
    r"must be from (?P<first>\S+) to (?P<last>\S+)": _l("must be from %(first)s to %(last)s"),
    r"at most (?P<places>\d+) decimals": _l("at most %(places)s decimals"),
    r"Length must be between (?P<first>\d+) and (?P<last>\d+)\.": _l(
        "%(first)s to %(last)s characters"
    ),
    r"Longer than maximum length (?P<most>\d+)\.": _l("at most %(most)s items"),
}
PER_CENT = ("discount", "limit")  # parts of a message's pattern that are numbers
FIELD_DETAIL = re.compile(r"(?P<field>[a-z_]+): (?P<detail>.+)", re.S)  # a CSV line's field


def translated(
    text: str, fixed: Mapping[str, LazyString], patterns: Mapping[str, LazyString]
) -> str | None:
    """`text` in the reader's language, or None when neither table knows it."""
    if text in fixed:
        return str(fixed[text])
    for pattern, message in patterns.items():
        found = re.fullmatch(pattern, text, re.S)
        if found:
            return str(message) % {k: _part(k, v) for k, v in found.groupdict().items()}
    return None


def _part(name: str, value: str) -> str:
    """A variable part as the reader reads it: a status by its name, a day or a per cent in
    their format."""
    if name == "status" and value in STATUSES:
        return str(STATUSES[value])
    if name == "day":
        return filters.day(value)
    if name in PER_CENT and re.fullmatch(r"\d+(\.\d+)?", value):
        return str(format_decimal(Decimal(value)))
    return value


def field_label(field: Any) -> str:
    """A field's label; `line 3` of a CSV file and unknown names as they come."""
    if isinstance(field, int):
        return _("charge %(number)s", number=field + 1)  # marshmallow's index in a list
    line = re.fullmatch(r"line (\d+)", str(field))
    if line:
        return _("line %(number)s", number=line.group(1))
    return str(FIELDS.get(str(field), field))


def detail_text(field: str, text: Any) -> str:
    """One error detail of `field` in the reader's language (as sent, if unknown)."""
    text = str(text)
    if field == "approval" and text in quote_forms.STATE_NAMES:
        return str(quote_forms.STATE_NAMES[text])
    if field == "status" and text in STATUSES:
        return str(STATUSES[text])
    found = translated(text, DETAILS, DETAIL_PATTERNS)
    if found is not None:
        return found
    part = FIELD_DETAIL.fullmatch(text)
    if part and part["field"] in FIELDS:
        return f"{field_label(part['field'])}: {detail_text(part['field'], part['detail'])}"
    return text


def problem_details(errors: Any) -> list[tuple[str, str]]:
    """(label, details) lines of an error's fields; nested fields (a charge's amount) are
    named by their path. Rule violations are shown apart, so they are left out here."""
    if not isinstance(errors, Mapping):
        return []
    return list(_lines(errors, []))


def _lines(errors: Mapping[Any, Any], path: list[str]) -> Any:
    for field, messages in errors.items():
        if field == "violations":
            continue
        label = [*path, field_label(field)]
        if isinstance(messages, Mapping):
            yield from _lines(messages, label)
        else:
            texts = [messages] if isinstance(messages, str) else list(messages)
            yield " · ".join(label), "; ".join(detail_text(str(field), t) for t in texts)
