"""Who is calling: Bearer tokens for /api/v1, sessions (Flask-Login) for pages; roles; CSRF.

- Every /api/v1 request must be authenticated (401 otherwise), checked before any view runs,
  so a new endpoint is never public by accident. A Bearer token wins over a session cookie.
- `roles_required(*roles)` guards a view: 401 JSON or a redirect to `web.login` when nobody
  is logged in, 403 when the role is wrong.
- CSRFProtect covers forms. /api/v1 is exempt because a bearer token is never sent by a
  browser on its own; a browser *session* calling /api/v1 with an unsafe method must still send
  the CSRF token (header X-CSRFToken), so the exemption opens nothing to cross-site requests.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, wraps
from typing import Any, TypeVar, cast

from flask import Flask, Response, current_app, redirect, request, url_for
from flask_login import LoginManager, UserMixin, current_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.security import check_password_hash, generate_password_hash

from . import accounts
from .db import get_db
from .errors import Forbidden, Unauthorized, wants_json
from .roles import ROLES
from .security import sessions
from .store import users as store

__all__ = [
    "API_PREFIX",
    "ROLES",
    "User",
    "authenticate",
    "csrf",
    "current_user",
    "login",
    "logout",
    "roles_required",
]

API_PREFIX = "/api/v1/"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
TOUCH_EVERY = timedelta(minutes=1)  # last-used is advisory: don't write on every request

login_manager = LoginManager()
csrf = CSRFProtect()
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class User(UserMixin):
    id: int
    name: str
    role: str
    active: bool = True

    @property
    def is_active(self) -> bool:
        return self.active

    @classmethod
    def of(cls, row: dict[str, Any]) -> User:
        return cls(int(row["id"]), row["name"], row["role"], bool(row["active"]))


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "web.login"
    login_manager.user_loader(_session_user)
    login_manager.request_loader(_request_user)
    csrf.init_app(app)
    app.before_request(_guard_api)
    app.after_request(_challenge)


def authenticate(name: str, password: str) -> User | None:
    """The active user with this name and password, or None. Same cost for unknown names."""
    row = store.by_name(get_db(), name)
    if row is None or not row["password_hash"] or not row["active"]:
        check_password_hash(_dummy_hash(), password)
        return None
    return User.of(row) if check_password_hash(row["password_hash"], password) else None


def login(user: User) -> None:
    """Start a browser session for the user (after `authenticate`)."""
    sessions.begin(get_db(), user)


def logout() -> None:
    """End this browser's session on the server too, so a copied cookie stops working."""
    sessions.end(get_db())


def roles_required(*roles: str) -> Callable[[F], F]:
    """Allow the view to logged-in users with one of the roles (any role if none are given)."""
    unknown = set(roles) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return _not_logged_in()
            if roles and current_user.role not in roles:
                raise Forbidden(
                    f"this needs the role {' or '.join(roles)}; you are {current_user.role}"
                )
            return view(*args, **kwargs)

        guarded.__dict__.setdefault("_roles", roles)
        return cast(F, guarded)

    return decorate


def _not_logged_in() -> Any:
    api = request.path.startswith(API_PREFIX) or wants_json()
    if api or "web.login" not in current_app.view_functions:
        raise Unauthorized("log in or send an API token: Authorization: Bearer TOKEN")
    return redirect(url_for("web.login", next=request.full_path))


def _guard_api() -> None:
    if not request.path.startswith(API_PREFIX):
        return
    if "Authorization" in request.headers:
        user = _bearer_user(request.headers["Authorization"])
        if user is None:
            raise Unauthorized("the API token is missing, unknown, expired or revoked")
        # A valid token decides who this is, even if a session cookie came along.
        login_manager._update_request_context_with_user(user)
        return
    if not current_user.is_authenticated:
        raise Unauthorized("this call needs an API token: Authorization: Bearer TOKEN")
    if request.method in UNSAFE and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()  # a session from a browser: the CSRF token is required


def _challenge(response: Response) -> Response:
    if response.status_code == 401 and request.path.startswith(API_PREFIX):
        response.headers["WWW-Authenticate"] = 'Bearer realm="catalog"'
    return response


def _session_user(user_id: str) -> User | None:
    try:
        uid = int(user_id)
    except ValueError:
        return None
    db = get_db()
    row = store.get(db, uid)
    if not row or not row["active"] or not sessions.valid(db, uid):
        return None
    return User.of(row)


def _request_user(req: Any) -> User | None:
    header = req.headers.get("Authorization")
    return _bearer_user(header) if header else None


def _bearer_user(header: str) -> User | None:
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    db = get_db()
    row = accounts.user_for_token(db, token.strip())
    if row is None:
        return None
    _touch(db, row)
    return User.of(row)


def _touch(db: Any, row: dict[str, Any]) -> None:
    at = datetime.now(UTC)
    last = row["last_used_at"]
    if last and at - datetime.fromisoformat(last) < TOUCH_EVERY:
        return
    try:
        store.touch_token(db, row["token_id"], at.isoformat(timespec="seconds"))
    except sqlite3.OperationalError:
        current_app.logger.warning("could not record token use (database busy)")


@cache
def _dummy_hash() -> str:
    return generate_password_hash("not a real password")
