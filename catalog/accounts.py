"""Users, roles and API tokens: creating them and checking them. No Flask here.

A token is shown once, when issued; only its sha256 is stored. sha256 (not a slow password
hash) is right for tokens: they are 256 random bits, so there is nothing to brute-force, and
every API call has to check one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database
from werkzeug.security import generate_password_hash

from .roles import ROLES
from .security import passwords
from .store import sessions as session_store
from .store import users as store

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,79}$")
TOKEN_PREFIX = "cat_"  # lets secret scanners and people recognise a catalog token
TOKEN_DAYS = 90  # an API token's lifetime unless asked otherwise
MAX_TOKEN_DAYS = 3650


@dataclass(frozen=True)
class Issued:
    user_id: int
    token: str
    expires_at: str | None


def check_name(name: str) -> str | None:
    """What is wrong with a user name, or None."""
    if not NAME.match(name):
        return "1-80 letters, digits or . _ @ - (starting with a letter or digit)"
    return None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create_user(db: Database, name: str, role: str, password: str | None = None) -> Issued:
    """A new user with a first API token. ValueError if the name or role is not acceptable."""
    problem = check_name(name)
    if problem:
        raise ValueError(f"user name {name!r}: {problem}")
    if role not in ROLES:
        raise ValueError(f"role {role!r}: choose one of {', '.join(ROLES)}")
    if store.exists(db, name):
        raise ValueError(f"user {name!r} already exists")
    if password is not None:
        _check_password(password, name)
    user_id = store.create(db, name, role, password_hash(password) if password else None)
    return issue_token(db, user_id)


def password_hash(password: str) -> str:
    return generate_password_hash(password)


def _check_password(password: str, name: str | None) -> None:
    problem = passwords.problem(password, name)
    if problem:
        raise ValueError(f"password: {problem}")


def update_user(db: Database, user: dict[str, Any], changes: dict[str, Any]) -> int:
    """Change role, active or password (ValueError if the password is not acceptable).

    Any such change ends the user's browser sessions: a demoted or deactivated user, or one
    whose password may have leaked, must log in again. Returns the sessions ended."""
    update: dict[str, Any] = {k: changes[k] for k in ("role", "active") if k in changes}
    if "password" in changes:
        _check_password(changes["password"], user["name"])
        update["password_hash"] = password_hash(changes["password"])
    if "role" in update and update["role"] not in ROLES:
        raise ValueError(f"role {update['role']!r}: choose one of {', '.join(ROLES)}")
    if not update:
        return 0
    store.update(db, user["id"], update)
    return session_store.end_all(db, user["id"])


def issue_token(db: Database, user_id: int, days: int = TOKEN_DAYS) -> Issued:
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValueError(f"days: 1 to {MAX_TOKEN_DAYS}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires = (datetime.now(UTC) + timedelta(days=days)).isoformat(timespec="seconds")
    store.add_token(db, user_id, hash_token(token), expires)
    return Issued(user_id, token, expires)


def user_for_token(db: Database, token: str) -> dict[str, Any] | None:
    """The active user this unexpired token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    return store.for_token(db, hash_token(token))
