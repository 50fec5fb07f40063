"""Fixtures for the page tests: users with passwords, logging in through the form, CSRF tokens."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from catalog import accounts
from catalog.db import get_db
from catalog.services.active_rules import engine

PASSWORD = "correct horse battery"
FAST = "pbkdf2:sha256:1000"
KZ_TRACTOR = {"market": "KZ", "model": "x3000-tractor-6x4"}
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                   r'name="csrf_token" value="([^"]+)"')  # fmt: skip


def csrf_token(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1) or found.group(2)


@pytest.fixture
def users(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], str]:
    """users("sales") -> the name of a user with that role, created on first use."""
    # Tests need no slow password hash; the login check reads the method from the hash.
    monkeypatch.setattr(accounts, "password_hash", lambda p: generate_password_hash(p, FAST))
    made: dict[str, str] = {}

    def user(role: str) -> str:
        if role not in made:
            with app.app_context():
                accounts.create_user(get_db(), role, role, PASSWORD)
            made[role] = role
        return made[role]

    return user


@pytest.fixture
def login(client: FlaskClient, users: Callable[[str], str]) -> Callable[[str], FlaskClient]:
    """login("sales") -> the client, logged in through the login form."""

    def log_in(role: str) -> FlaskClient:
        page = client.get("/login")
        response = client.post(
            "/login",
            data={"name": users(role), "password": PASSWORD, "csrf_token": csrf_token(page.text)},
        )
        assert response.status_code == 302, response.text
        return client

    return log_in


def proposal(app: Flask, **prefer: str) -> dict[str, str]:
    """A complete valid KZ tractor: every group's value or suggested default."""
    with app.app_context():
        result = engine().configure(KZ_TRACTOR["market"], KZ_TRACTOR["model"], prefer)
    return {g.id: value for g in result.groups if (value := g.value or g.default)}


def sel(selections: dict[str, str]) -> dict[str, Any]:
    return {f"sel_{k}": v for k, v in selections.items()}
