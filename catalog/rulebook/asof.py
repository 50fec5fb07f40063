"""Which engine answers for a day: one per interval between the rulebook's change dates.

Each engine holds the view `book.as_of(day)` and compiles its own spaces, so a compiled space
exists once per (rules version, interval, market, model). A rulebook without dates has one
interval and so one engine.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from .dates import today
from .engine.engine import Engine
from .model import Rulebook


class DatedEngines:
    def __init__(self, book: Rulebook, cache: Path | None = None):
        self.book = book
        self.cache = cache  # a folder for compiled spaces shared across processes
        self._engines: dict[date | None, Engine] = {}
        self._lock = threading.Lock()

    @property
    def version(self) -> str:
        return self.book.version

    def on(self, day: date | None = None) -> Engine:
        """The engine for `day` (default today)."""
        view = self.book.as_of(day or today())
        key = view.interval.start if view.interval else None
        with self._lock:
            if key not in self._engines:
                self._engines[key] = Engine(view, cache=self.cache)
            return self._engines[key]
