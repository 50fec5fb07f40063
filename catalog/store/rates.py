"""Exchange rates CNY -> currency, each valid from a day until the next one (append-only)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from . import now, one, rows, write

SELECT = (
    "SELECT r.id, r.currency, r.valid_from, r.rate, r.source, u.name AS created_by, r.created_at"
    " FROM exchange_rates r JOIN users u ON u.id = r.created_by"
)


def insert_many(db: Database, found: list[dict[str, str]], user_id: int) -> list[int]:
    """Store every rate in one transaction (all or none); returns their ids."""
    ids = []
    with write(db):
        at = now()
        for rate in found:
            cursor = db.execute(
                "INSERT INTO exchange_rates (currency, valid_from, rate, source, created_by,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [rate["currency"], rate["valid_from"], rate["rate"], rate["source"], user_id, at],
            )
            ids.append(int(cursor.lastrowid or 0))
    return ids


def on(db: Database, currency: str, day: str) -> dict[str, Any] | None:
    """The rate that applies on `day`: the latest start on or before it (newest row wins)."""
    return one(
        db,
        SELECT + " WHERE r.currency = ? AND r.valid_from <= ?"
        " ORDER BY r.valid_from DESC, r.id DESC LIMIT 1",
        [currency, day],
    )


def get(db: Database, rate_id: int) -> dict[str, Any] | None:
    return one(db, SELECT + " WHERE r.id = ?", [rate_id])


def find(db: Database, currency: str | None, limit: int) -> list[dict[str, Any]]:
    """Rates newest first, of one currency or all."""
    where, params = (" WHERE r.currency = ?", [currency]) if currency else ("", [])
    cursor = db.execute(
        SELECT + where + " ORDER BY r.valid_from DESC, r.id DESC LIMIT ?", [*params, limit]
    )
    return rows(cursor)


def count(db: Database) -> int:
    (total,) = db.execute("SELECT count(*) FROM exchange_rates").fetchone()
    return int(total)
