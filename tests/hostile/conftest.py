"""One site per test module for the hostile-input tests: the demo data, a user and token per
role, an existing order, and the row count of every table (to prove nothing was stored)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from catalog import accounts, create_app
from catalog.db import get_db
from catalog.demo import load_all
from catalog.migrations import apply_all
from catalog.services.active_rules import engine
from catalog.store import users

ROOT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "correct horse battery"
FAST_HASH = "pbkdf2:sha256:1000"  # test users only
ROLES = ("sales", "engineer", "manager", "admin")
CSRF = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')
MARKET, MODEL = "KZ", "x3000-tractor-6x4"
TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"


@dataclass
class Site:
    app: Flask
    tokens: dict[str, str]
    selections: dict[str, str]  # a complete valid KZ tractor
    census: sqlite3.Connection | None = None  # for rows(): one connection, reads only

    def headers(self, role: str = "sales") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def rows(self) -> dict[str, int]:
        """Rows per table, the sum of order versions and of active flags (a change shows)."""
        if self.census is None:
            self.census = sqlite3.connect(self.app.config["DATABASE"], check_same_thread=False)
        names = [n for (n,) in self.census.execute(TABLES)]
        counts = [f"(SELECT count(*) FROM [{name}])" for name in names]
        sums = ["(SELECT coalesce(sum(version), 0) FROM orders)",
                "(SELECT coalesce(sum(active), 0) FROM users)"]  # fmt: skip
        row = self.census.execute(f"SELECT {', '.join(counts + sums)}").fetchone()
        return dict(zip([*names, "order versions", "active users"], row, strict=True))

    def login(self, role: str = "sales") -> FlaskClient:
        client = self.app.test_client()
        page = client.get("/login")
        form = {"name": f"web-{role}", "password": PASSWORD, "csrf_token": csrf(page.text)}
        assert client.post("/login", data=form).status_code == 302
        return client

    def order_body(self, **changes: Any) -> dict[str, Any]:
        body = {"customer": "Hostile Corp", "market": MARKET, "model": MODEL,
                "selections": self.selections, "quantity": 1}  # fmt: skip
        return body | changes


def csrf(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token on the page"
    return found[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("hostile")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(folder / "hostile.sqlite"),
            "SECRET_KEY": "hostile-tests",
            "RULES_DIR": str(ROOT / "rules"),
        }
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "password_hash", lambda p: generate_password_hash(p, FAST_HASH))
        with app.app_context():
            db = get_db()
            apply_all(db)
            load_all(db)
            tokens = {role: _user(db, role) for role in ROLES}
            selections = _values(engine().configure(MARKET, MODEL, {}))
        site = Site(app, tokens, selections)
        yield site
    if site.census is not None:
        site.census.close()


def _user(db: Any, role: str) -> str:
    issued = accounts.create_user(db, f"web-{role}", role, PASSWORD)
    users.update(db, issued.user_id, {"password_hash": generate_password_hash(PASSWORD, FAST_HASH)})
    return issued.token


def _values(proposal: Any) -> dict[str, str]:
    return {g.id: v for g in proposal.groups if (v := g.value or g.default)}


@pytest.fixture
def order(site: Site) -> dict[str, Any]:
    """A fresh draft order (its current version is in the dict)."""
    client = site.app.test_client()
    response = client.post("/api/v1/orders", json=site.order_body(), headers=site.headers())
    assert response.status_code == 201, response.json
    return dict(response.json or {})
