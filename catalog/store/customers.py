"""Customers: a name, unique without regard to case."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from . import now, rows


def ensure(db: Database, name: str) -> int:
    """The customer's id, created if new. Call inside `write(db)`: it reads, then writes."""
    row = db.execute("SELECT id FROM customers WHERE name = ?", [name]).fetchone()
    if row is not None:
        return int(row[0])
    cursor = db.execute("INSERT INTO customers (name, created_at) VALUES (?, ?)", [name, now()])
    return int(cursor.lastrowid or 0)


def search(db: Database, text: str = "", limit: int = 20) -> list[dict[str, Any]]:
    """Customers whose name contains the text, for pick lists."""
    cursor = db.execute(
        "SELECT id, name, created_at FROM customers WHERE name LIKE ? ESCAPE '\\'"
        " ORDER BY name LIMIT ?",
        [f"%{like_escape(text)}%", limit],
    )
    return rows(cursor)


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
