"""Demo step: the export history (data/exports-history.csv: the published totals, an illustrative
split), so 2023 shows 7,500 units."""

from __future__ import annotations

from sqlite_utils import Database

from ..paths import DATA
from ..services.active_rules import engine
from ..services.exports import import_history

HISTORY = DATA / "exports-history.csv"


def history(db: Database) -> list[str]:
    """Import data/exports-history.csv; a second run finds every row unchanged."""
    return [f"export history {HISTORY.name}: {import_history(db, engine().book, HISTORY)}"]
