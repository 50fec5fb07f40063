"""Template helpers shared by the pages: money and days in the reader's locale, option labels."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime, format_decimal

from .configurator_view import label


def money(value: int | float) -> str:
    return f"{format_decimal(value)} CNY"


def day(value: date | str | None) -> str:
    """A day in the reader's language (ISO strings as stored are accepted); "—" when unset."""
    if not value:
        return "—"
    if isinstance(value, datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    return str(format_date(value, "medium"))


def when(value: datetime | str | None) -> str:
    """A moment (an ISO timestamp as stored is accepted) in the reader's language; "—" unset."""
    if not value:
        return "—"
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    return str(format_datetime(value, "short"))


def init_app(app: Flask) -> None:
    app.add_template_filter(money, "money")
    app.add_template_filter(day, "day")
    app.add_template_filter(when, "when")
    app.add_template_global(label, "option_label")
