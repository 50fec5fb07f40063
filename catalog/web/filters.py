"""Template helpers shared by the pages: money in the reader's locale, option labels."""

from __future__ import annotations

from flask import Flask
from flask_babel import format_decimal

from .configurator_view import label


def money(value: int | float) -> str:
    return f"{format_decimal(value)} CNY"


def init_app(app: Flask) -> None:
    app.add_template_filter(money, "money")
    app.add_template_global(label, "option_label")
