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
    """With ENGINE_PREPARE (scripts/run.sh sets it; gunicorn --preload runs this in the master)
    today's spaces are compiled before the workers fork, so they share them; ENGINE_CACHE keeps
    compiled spaces on disk per rules version and interval, so a restart does not compile again."""
    cache = app.config.get("ENGINE_CACHE")
    folder = Path(app.instance_path) / cache if cache else None
    book = load_rulebook(Path(app.config["RULES_DIR"]))
    engines = DatedEngines(book, cache=folder)
    if str(app.config.get("ENGINE_PREPARE")).lower() in ("1", "true", "yes"):
        engines.on().prepare()
    app.extensions["catalog.engines"] = engines


def engines() -> DatedEngines:
    result: DatedEngines = current_app.extensions["catalog.engines"]
    return result


def engine(day: date | None = None) -> Engine:
    """The engine as of `day` (default today)."""
    return engines().on(day)


def rulebook() -> Rulebook:
    """The whole rulebook, every dated version included (for the calendar and reviews)."""
    return engines().book
