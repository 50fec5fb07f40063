"""Export figures in the database: imported history, and the shipped-units summary.

`export_history` holds imported figures, one row per (year, market, body, platform).
`export_shipped` holds units of shipped orders per (year, market, model); triggers on `orders`
(see catalog/migrations/exports.py) keep it in step inside the same transaction as the order write,
so reading figures never scans the orders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from . import write
from .export_rows import HISTORY, Cell, HistoryRow, Shipped

HISTORY_TABLE = "export_history"
SHIPPED_TABLE = "export_shipped"
FIELDS = ("units", "note", "source")


@dataclass(frozen=True)
class ImportCounts:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return (
            f"{self.added} added, {self.changed} changed, {self.removed} removed, "
            f"{self.unchanged} unchanged"
        )


def history_cells(db: sqlite_utils.Database) -> list[Cell]:
    """Every imported row, zeros too: a row of 0 units still says its period is covered."""
    rows = db.execute(f"SELECT year, market, body, platform, units FROM {HISTORY_TABLE}").fetchall()
    return [Cell(y, m, b, p, u, HISTORY) for y, m, b, p, u in rows]


def history_notes(db: sqlite_utils.Database) -> dict[int, list[str]]:
    """The distinct notes of imported rows, per year (e.g. "illustrative split; not published")."""
    out: dict[int, list[str]] = {}
    rows = db.execute(
        f"SELECT DISTINCT year, note FROM {HISTORY_TABLE} WHERE note != '' ORDER BY year, note"
    ).fetchall()
    for year, note in rows:
        out.setdefault(year, []).append(note)
    return out


def shipped(db: sqlite_utils.Database) -> list[Shipped]:
    """The summary kept by the triggers: cheap whatever the number of orders."""
    rows = db.execute(
        f"SELECT year, market, model, units FROM {SHIPPED_TABLE} WHERE units > 0"
    ).fetchall()
    return [Shipped(*row) for row in rows]


SCAN_SQL = """
SELECT CAST(substr(ship_date, 1, 4) AS INTEGER) AS year, market, model,
       SUM(quantity) AS units, COUNT(*) AS orders
FROM orders
WHERE status = 'shipped' AND ship_date IS NOT NULL
GROUP BY year, market, model
"""


def scan_shipped(db: sqlite_utils.Database) -> list[Shipped]:
    """The same figures as `shipped`, by a plain full scan of the orders (for checks and bench)."""
    rows = db.execute(SCAN_SQL).fetchall()
    return [Shipped(y, m, model, u) for y, m, model, u, _n in rows if u > 0]


def rebuild_shipped(db: sqlite_utils.Database) -> int:
    """Recompute the summary from the orders; returns the number of summary rows."""
    with write(db):
        db.execute(f"DELETE FROM {SHIPPED_TABLE}")
        db.execute(
            f"INSERT INTO {SHIPPED_TABLE} (year, market, model, units, orders) "
            f"SELECT year, market, model, units, orders FROM ({SCAN_SQL})"
        )
        count: int = db.execute(f"SELECT COUNT(*) FROM {SHIPPED_TABLE}").fetchone()[0]
    return count


def replace_history(db: sqlite_utils.Database, rows: list[HistoryRow], source: str) -> ImportCounts:
    """Make the stored history for every (year, market) in `rows` equal to `rows`, in one
    transaction. Rows of those periods missing from `rows` are removed; other periods are kept."""
    with write(db):
        old = _stored(db, {(r.year, r.market) for r in rows})
        new = {
            r.key: {"units": r.units, "note": r.note, "source": f"{source}:{r.line}"} for r in rows
        }
        counts = ImportCounts(
            added=len(new.keys() - old.keys()),
            changed=sum(1 for k in new.keys() & old.keys() if new[k] != old[k]),
            removed=len(old.keys() - new.keys()),
            unchanged=sum(1 for k in new.keys() & old.keys() if new[k] == old[k]),
        )
        _delete(db, old.keys() - new.keys())
        _upsert(db, {k: v for k, v in new.items() if old.get(k) != v})
    return counts


Key = tuple[int, str, str, str]


def _stored(
    db: sqlite_utils.Database, periods: set[tuple[int, str]]
) -> dict[Key, dict[str, object]]:
    out: dict[Key, dict[str, object]] = {}
    for year, market in sorted(periods):
        for row in db.execute(
            f"SELECT year, market, body, platform, units, note, source FROM {HISTORY_TABLE} "
            "WHERE year = ? AND market = ?",
            [year, market],
        ).fetchall():
            year_, market_, body, platform, *values = row
            out[(year_, market_, body, platform)] = dict(zip(FIELDS, values, strict=True))
    return out


def _delete(db: sqlite_utils.Database, keys: Iterable[Key]) -> None:
    for key in keys:
        db.execute(
            f"DELETE FROM {HISTORY_TABLE} "
            "WHERE year = ? AND market = ? AND body = ? AND platform = ?",
            list(key),
        )


def _upsert(db: sqlite_utils.Database, rows: dict[Key, dict[str, object]]) -> None:
    for (year, market, body, platform), values in rows.items():
        db.execute(
            f"INSERT INTO {HISTORY_TABLE} (year, market, body, platform, units, note, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (year, market, body, platform) DO UPDATE "
            "SET units = excluded.units, note = excluded.note, source = excluded.source",
            [year, market, body, platform, values["units"], values["note"], values["source"]],
        )
