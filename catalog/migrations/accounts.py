"""Sessions kept on the server, revocable API tokens and failed logins for throttling.

A signed cookie alone cannot be taken back: logout, a password or role change and
deactivation must end sessions, so each browser session is a row the cookie names.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("catalog.accounts")

LEGACY_TOKEN_DAYS = 90  # tokens issued before expiry existed get the default lifetime from now


@migrations()
def m001_user_sessions(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE user_sessions (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            sid_hash TEXT NOT NULL UNIQUE,  -- sha256 hex of the cookie's session id
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX user_sessions_user ON user_sessions(user_id)")


@migrations()
def m002_token_revocation(db: Database) -> None:
    db.execute("ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT")
    db.execute(
        "UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', ?)"
        " WHERE expires_at IS NULL",
        [f"+{LEGACY_TOKEN_DAYS} days"],
    )


@migrations()
def m003_login_failures(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE login_failures (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL COLLATE NOCASE,
            address TEXT NOT NULL,
            at REAL NOT NULL  -- unix seconds
        )
        """
    )
    db.execute("CREATE INDEX login_failures_account ON login_failures(account, at)")
    db.execute("CREATE INDEX login_failures_address ON login_failures(address, at)")
