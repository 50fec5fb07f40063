"""Browser sessions kept on the server, and failed logins counted for throttling."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from . import now, one, write


def start(db: Database, user_id: int, sid_hash: str) -> None:
    at = now()
    with write(db):
        db.execute(
            "INSERT INTO user_sessions (user_id, sid_hash, created_at, last_seen_at)"
            " VALUES (?, ?, ?, ?)",
            [user_id, sid_hash, at, at],
        )


def find(db: Database, sid_hash: str) -> dict[str, Any] | None:
    return one(
        db,
        "SELECT id, user_id, created_at, last_seen_at FROM user_sessions WHERE sid_hash = ?",
        [sid_hash],
    )


def touch(db: Database, session_id: int, at: str) -> None:
    # Autocommit: one statement needs no explicit transaction.
    db.execute("UPDATE user_sessions SET last_seen_at = ? WHERE id = ?", [at, session_id])


def end(db: Database, sid_hash: str) -> None:
    db.execute("DELETE FROM user_sessions WHERE sid_hash = ?", [sid_hash])


def end_all(db: Database, user_id: int) -> int:
    """End every session of the user; the number ended."""
    cursor = db.execute("DELETE FROM user_sessions WHERE user_id = ?", [user_id])
    return int(cursor.rowcount or 0)


def prune(db: Database, seen_before: str) -> None:
    db.execute("DELETE FROM user_sessions WHERE last_seen_at < ?", [seen_before])


def count_for(db: Database, user_id: int) -> int:
    row = one(db, "SELECT count(*) AS n FROM user_sessions WHERE user_id = ?", [user_id])
    return int(row["n"]) if row else 0


def record_failure(db: Database, account: str, address: str, at: float) -> None:
    db.execute(
        "INSERT INTO login_failures (account, address, at) VALUES (?, ?, ?)",
        [account, address, at],
    )


def failures(db: Database, since: float, account: str, address: str) -> dict[str, int]:
    """Failed logins since `since`: for the account, for the address, and for the pair."""
    row = one(
        db,
        "SELECT"
        " coalesce(sum(account = ?), 0) AS account,"
        " coalesce(sum(address = ?), 0) AS address,"
        " coalesce(sum(account = ? AND address = ?), 0) AS pair"
        " FROM login_failures WHERE at >= ? AND (account = ? OR address = ?)",
        [account, address, account, address, since, account, address],
    )
    return {k: int(v) for k, v in (row or {}).items()}


def oldest_failure(db: Database, since: float, account: str, address: str) -> float | None:
    row = one(
        db,
        "SELECT min(at) AS at FROM login_failures WHERE at >= ? AND (account = ? OR address = ?)",
        [since, account, address],
    )
    return float(row["at"]) if row and row["at"] is not None else None


def forget_failures(db: Database, account: str, address: str, before: float) -> None:
    """After a good login: the pair's failures go; old rows of anyone go too."""
    db.execute(
        "DELETE FROM login_failures WHERE (account = ? AND address = ?) OR at < ?",
        [account, address, before],
    )
