"""The only place that names tables and writes SQL. Functions take a sqlite-utils Database.

Writes that read first run inside `write(db)`: BEGIN IMMEDIATE takes the write lock at the
start, so two workers can never both read the same state and then both write (a deferred
BEGIN fails with "database is locked" under contention instead of waiting).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

MAX_ID = 2**63 - 1  # SQLite's INTEGER range; larger ids cannot exist and must not reach SQLite


@contextmanager
def write(db: Database) -> Iterator[Database]:
    """One BEGIN IMMEDIATE transaction: committed on success, rolled back on any error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def now() -> str:
    """UTC timestamp, ISO 8601 with seconds: sorts as text and reads well in JSON."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def valid_id(value: int) -> bool:
    return 0 < value <= MAX_ID


def rows(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def one(db: Database, sql: str, params: list[Any]) -> dict[str, Any] | None:
    found = rows(db.execute(sql, params))
    return found[0] if found else None
