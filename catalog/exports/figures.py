"""Export figures from imported history and product shipments, without counting a unit twice.

The rule where the two meet: an imported history figure is the closing total for its year and
market. Where history covers a (year, market), units shipped through the product in that period
are already part of it and are not added again (they are reported as `orders_in_history`); where it
does not, product shipments are the figure. Pure: no Flask, no SQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..store.export_rows import HISTORY, ORDERS, Cell, Shipped
from .history import UNKNOWN

SPLITS = ("market", "body", "platform")


@dataclass(frozen=True)
class Filters:
    market: str | None = None
    body: str | None = None
    platform: str | None = None

    def keep(self, cell: Cell) -> bool:
        return all(
            want is None or getattr(cell, name) == want
            for name, want in (
                ("market", self.market),
                ("body", self.body),
                ("platform", self.platform),
            )
        )

    def as_dict(self) -> dict[str, str | None]:
        return {"market": self.market, "body": self.body, "platform": self.platform}


@dataclass(frozen=True)
class Figures:
    cells: list[Cell]
    in_history: dict[int, int]  # year -> product units already inside imported totals
    notes: dict[int, list[str]] = field(default_factory=dict)  # year -> notes of imported rows

    def filtered(self, filters: Filters) -> list[Cell]:
        return [c for c in self.cells if filters.keep(c)]

    @property
    def years(self) -> list[int]:
        """The years that have any figures, whatever the filters."""
        return sorted({c.year for c in self.cells})

    def default_year(self, this_year: int) -> int:
        """The last full year with figures (this year's are partial), else the last year."""
        years = self.years
        full = [y for y in years if y < this_year]
        return (full or years or [this_year - 1])[-1]


def combine(
    history: Iterable[Cell],
    shipped: Iterable[Shipped],
    models: Mapping[str, tuple[str, str]],
    notes: Mapping[int, list[str]] | None = None,
) -> Figures:
    """History cells, plus product shipments for every (year, market) that history leaves open."""
    cells = list(history)
    covered = {(c.year, c.market) for c in cells}
    in_history: dict[int, int] = defaultdict(int)
    for s in shipped:
        if (s.year, s.market) in covered:
            in_history[s.year] += s.units
            continue
        body, platform = models.get(s.model, (UNKNOWN, UNKNOWN))
        cells.append(Cell(s.year, s.market, body, platform, s.units, ORDERS))
    return Figures(cells, dict(in_history), dict(notes or {}))


def change_pct(units: int, previous: int) -> float | None:
    """Change on the year before in %, one decimal, half up; None when there is nothing before."""
    if previous <= 0:
        return None
    change = (Decimal(units) - previous) * 100 / previous
    return float(change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def totals(cells: Iterable[Cell], key: str) -> dict[Any, int]:
    out: dict[Any, int] = defaultdict(int)
    for c in cells:
        out[getattr(c, key)] += c.units
    return dict(out)


def year_figures(figures: Figures, year: int, filters: Filters) -> dict[str, Any]:
    """Units for the year, the year before, the change, and the split by market, body, platform."""
    cells = figures.filtered(filters)
    now = [c for c in cells if c.year == year]
    before = [c for c in cells if c.year == year - 1]
    units, previous = _sum(now), _sum(before)
    known = year in figures.years  # a year with no figures at all is no data, not 0 units
    out: dict[str, Any] = {
        "year": year,
        "no_data": not known,
        "units": units if known else None,
        "previous_year": year - 1,
        "previous_units": previous if year - 1 in figures.years else None,
        "change_pct": change_pct(units, previous) if known else None,
        "filters": filters.as_dict(),
    }
    for split in SPLITS:
        out[f"by_{split}"] = _split(now, before, split)
    out["sources"] = {
        HISTORY: _sum(c for c in now if c.source == HISTORY),
        ORDERS: _sum(c for c in now if c.source == ORDERS),
        "orders_in_history": figures.in_history.get(year, 0),
    }
    out["notes"] = sorted(set(figures.notes.get(year, []) + figures.notes.get(year - 1, [])))
    return out


def _split(now: list[Cell], before: list[Cell], key: str) -> list[dict[str, Any]]:
    this, last = totals(now, key), totals(before, key)
    names = sorted(set(this) | set(last), key=lambda k: (-this.get(k, 0), k))
    return [
        {
            "key": k,
            "units": this.get(k, 0),
            "previous_units": last.get(k, 0),
            "change_pct": change_pct(this.get(k, 0), last.get(k, 0)),
        }
        for k in names
    ]


def series(figures: Figures, filters: Filters) -> list[dict[str, Any]]:
    """One entry per year that has any figures; a year with none is left out, not shown as 0
    (no data is not zero units). Under a filter a known year can show 0."""
    cells = figures.filtered(filters)
    by_year = totals(cells, "year")
    out = []
    for year in figures.years:
        now = [c for c in cells if c.year == year]
        entry: dict[str, Any] = {
            "year": year,
            "units": by_year.get(year, 0),
            "change_pct": change_pct(by_year.get(year, 0), by_year.get(year - 1, 0)),
            "notes": sorted(set(figures.notes.get(year, []))),
        }
        for split in SPLITS:
            entry[f"by_{split}"] = dict(sorted(totals(now, split).items()))
        out.append(entry)
    return out


def csv_rows(figures: Figures, filters: Filters, year: int | None) -> list[dict[str, Any]]:
    """Units per year, market, body, platform and source, sorted, for the CSV download."""
    sums: dict[tuple[int, str, str, str, str], int] = defaultdict(int)
    for c in figures.filtered(filters):
        if year is None or c.year == year:
            sums[(c.year, c.market, c.body, c.platform, c.source)] += c.units
    names = ("year", "market", "body", "platform", "source")
    return [
        {
            **dict(zip(names, key, strict=True)),
            "units": n,
            "note": "; ".join(sorted(set(figures.notes.get(key[0], [])))),
        }
        for key, n in sorted(sums.items())
    ]


def _sum(cells: Iterable[Cell]) -> int:
    return sum(c.units for c in cells)
