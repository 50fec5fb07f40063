"""The rows the export store keeps and returns: imported history rows, figure cells and the
shipped-units summary. Plain data, so that the store and the figures share them without the store
depending on the figures (catalog/exports/ computes, catalog/store/ keeps).
"""

from __future__ import annotations

from dataclasses import dataclass

HISTORY = "history"  # the source of a cell: an imported history figure
ORDERS = "orders"  # the source of a cell: units shipped through the product


@dataclass(frozen=True)
class HistoryRow:
    year: int
    market: str
    body: str
    platform: str
    units: int
    note: str
    line: int

    @property
    def key(self) -> tuple[int, str, str, str]:
        return (self.year, self.market, self.body, self.platform)


@dataclass(frozen=True)
class Cell:
    """Units for one year, market, body type and platform, from one source."""

    year: int
    market: str
    body: str
    platform: str
    units: int
    source: str


@dataclass(frozen=True)
class Shipped:
    """Units of shipped orders for one year, market and model (the summary the store keeps)."""

    year: int
    market: str
    model: str
    units: int
