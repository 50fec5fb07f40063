"""Browser sessions that the server can end.

The signed cookie carries a random session id; the `user_sessions` table holds its hash. A
session is valid while its row exists and it was used within the idle lifetime, so logout
deletes the row, and a password or role change or a deactivation deletes every row of that
user: a copied cookie stops working at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import login_user, logout_user
from sqlite_utils import Database

from ..store import sessions as store

SID = "sid"
TOUCH_EVERY = timedelta(minutes=1)  # last-seen is coarse: don't write on every request


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie, marked Secure whenever the request came over HTTPS (behind a
    proxy that says so), or always when SESSION_COOKIE_SECURE is set."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    app.permanent_session_lifetime = idle_lifetime(app.config)


def idle_lifetime(config: Any) -> timedelta:
    return timedelta(hours=float(config.get("SESSION_IDLE_HOURS", 12)))


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8", "surrogatepass")).hexdigest()


def begin(db: Database, user: Any) -> None:
    """Log the user in with a fresh session (a new id: no session fixation)."""
    session.clear()
    sid = secrets.token_urlsafe(32)
    store.start(db, int(user.id), _hash(sid))
    session[SID] = sid
    session.permanent = True  # the cookie lives as long as the idle lifetime, renewed on use
    login_user(user)


def valid(db: Database, user_id: int, at: datetime | None = None) -> bool:
    """Whether the current cookie's session belongs to the user and is still alive."""
    sid = session.get(SID)
    if not isinstance(sid, str) or not sid:
        return False
    row = store.find(db, _hash(sid))
    if row is None or int(row["user_id"]) != user_id:
        return False
    at = at or datetime.now(UTC)
    seen = datetime.fromisoformat(row["last_seen_at"])
    if at - seen > idle_lifetime(current_app.config):
        store.end(db, _hash(sid))
        return False
    if at - seen >= TOUCH_EVERY:
        store.touch(db, int(row["id"]), at.isoformat(timespec="seconds"))
    return True


def end(db: Database) -> None:
    """Log out this browser: its session row goes, then the cookie's contents."""
    sid = session.get(SID)
    if isinstance(sid, str) and sid:
        store.end(db, _hash(sid))
    logout_user()
    session.clear()


def end_all(db: Database, user_id: int) -> int:
    """End every session of the user (password or role change, deactivation)."""
    return store.end_all(db, user_id)
