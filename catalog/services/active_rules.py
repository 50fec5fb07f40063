"""The rulebook the running service uses: loaded once at start, refused whole if broken.

Everything is answered as of a day: `engine(day)` is the engine for what is in force then
(default today), one per interval between the rules' change dates.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import Flask, current_app

from ..rulebook import DatedEngines, Engine, load_rulebook
from ..rulebook.model import Rulebook


def init_app(app: Flask) -> None:
    book = load_rulebook(Path(app.config["RULES_DIR"]))
    app.extensions["catalog.engines"] = DatedEngines(book)


def engines() -> DatedEngines:
    result: DatedEngines = current_app.extensions["catalog.engines"]
    return result


def engine(day: date | None = None) -> Engine:
    """The engine as of `day` (default today)."""
    return engines().on(day)


def rulebook() -> Rulebook:
    """The whole rulebook, every dated version included (for the calendar and reviews)."""
    return engines().book
