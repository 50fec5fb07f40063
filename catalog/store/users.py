"""Users and their API tokens (stored as sha256 hashes only)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from . import now, one, rows, valid_id, write

USER_COLUMNS = "id, name, role, active, created_at"


def create(db: Database, name: str, role: str, password_hash: str | None) -> int:
    with write(db):
        cursor = db.execute(
            "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
            [name, role, password_hash, now()],
        )
    return int(cursor.lastrowid or 0)


def exists(db: Database, name: str) -> bool:
    return db.execute("SELECT 1 FROM users WHERE name = ?", [name]).fetchone() is not None


def get(db: Database, user_id: int) -> dict[str, Any] | None:
    if not valid_id(user_id):
        return None
    return _user(one(db, f"SELECT {USER_COLUMNS} FROM users WHERE id = ?", [user_id]))


def by_name(db: Database, name: str) -> dict[str, Any] | None:
    """The user with this name, with its password hash (for logging in)."""
    sql = f"SELECT {USER_COLUMNS}, password_hash FROM users WHERE name = ?"
    return _user(one(db, sql, [name]))


def all_users(db: Database) -> list[dict[str, Any]]:
    cursor = db.execute(f"SELECT {USER_COLUMNS} FROM users ORDER BY name")
    return [row for row in map(_user, rows(cursor)) if row]


def _user(row: dict[str, Any] | None) -> dict[str, Any] | None:
    return row and {**row, "active": bool(row["active"])}


def update(db: Database, user_id: int, changes: dict[str, Any]) -> None:
    """Set the given columns (role, active, password_hash); names come from code, not input."""
    allowed = {"role", "active", "password_hash"}
    assert set(changes) <= allowed, changes
    if not changes:
        return
    assignments = ", ".join(f"{column} = ?" for column in changes)
    with write(db):
        db.execute(f"UPDATE users SET {assignments} WHERE id = ?", [*changes.values(), user_id])


def add_token(db: Database, user_id: int, token_hash: str, expires_at: str | None) -> int:
    with write(db):
        cursor = db.execute(
            "INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at)"
            " VALUES (?, ?, ?, ?)",
            [user_id, token_hash, now(), expires_at],
        )
    return int(cursor.lastrowid or 0)


def for_token(db: Database, token_hash: str) -> dict[str, Any] | None:
    """The active user owning this unexpired token, with token_id and last_used_at."""
    return one(
        db,
        "SELECT u.id, u.name, u.role, u.active, u.created_at,"
        " t.id AS token_id, t.last_used_at"
        " FROM api_tokens t JOIN users u ON u.id = t.user_id"
        " WHERE t.token_hash = ? AND u.active = 1"
        " AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)",
        [token_hash, now()],
    )


def touch_token(db: Database, token_id: int, at: str) -> None:
    # Autocommit: a single statement needs no explicit transaction.
    db.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [at, token_id])


def tokens_of(db: Database, user_id: int) -> list[dict[str, Any]]:
    cursor = db.execute(
        "SELECT id, created_at, last_used_at, expires_at, revoked_at FROM api_tokens"
        " WHERE user_id = ? ORDER BY id",
        [user_id],
    )
    return rows(cursor)


def revoke_token(db: Database, user_id: int, token_id: int) -> bool:
    """Revoke the user's token; False when the user has no such token (or it is revoked)."""
    if not valid_id(token_id):
        return False
    cursor = db.execute(
        "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
        [now(), token_id, user_id],
    )
    return bool(cursor.rowcount)
