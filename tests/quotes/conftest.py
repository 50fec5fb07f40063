"""Fixtures for the quote tests: tokens per role, an order, a rate, a draft quote, logging in
through the page form."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from catalog import accounts
from catalog.db import get_db
from catalog.services.active_rules import engine

TODAY = date.today().isoformat()
KZ_TRACTOR = ("KZ", "x3000-tractor-6x4")


def proposal(app, market: str, model: str) -> dict[str, str]:
    """A complete valid truck: the configurator's values and defaults."""
    with app.app_context():
        result = engine().configure(market, model, {})
    return {g.id: value for g in result.groups if (value := g.value or g.default)}


Headers = Callable[[str], dict[str, str]]
TERMS = {
    "currency": "USD",
    "incoterm": "DAP",
    "place": "Almaty",
    "payment_terms": "30 % advance, 70 % against shipping documents",
}


@pytest.fixture
def headers(make_user: Callable[..., str]) -> Headers:
    tokens: dict[str, str] = {}

    def header(role: str) -> dict[str, str]:
        if role not in tokens:
            tokens[role] = make_user(role, f"{role}-q")
        return {"Authorization": f"Bearer {tokens[role]}"}

    return header


@pytest.fixture
def order(app, client: FlaskClient, headers: Headers) -> dict[str, Any]:
    body = {
        "customer": "Astana Logistics",
        "market": KZ_TRACTOR[0],
        "model": KZ_TRACTOR[1],
        "selections": proposal(app, *KZ_TRACTOR),
        "quantity": 3,
    }
    response = client.post("/api/v1/orders", json=body, headers=headers("sales"))
    assert response.status_code == 201, response.json
    return dict(response.json or {})


@pytest.fixture
def add_rate(client: FlaskClient, headers: Headers) -> Callable[..., dict[str, Any]]:
    def add(currency: str = "USD", rate: str = "0.1405", valid_from: str = TODAY) -> dict[str, Any]:
        body = {
            "currency": currency,
            "rate": rate,
            "valid_from": valid_from,
            "source": "test figure, not a published rate",
        }
        response = client.post("/api/v1/rates", json=body, headers=headers("admin"))
        assert response.status_code == 201, response.json
        return dict(response.json or {})

    return add


@pytest.fixture
def draft(client: FlaskClient, headers: Headers, order, add_rate) -> Callable[..., dict[str, Any]]:
    def make(**terms: Any) -> dict[str, Any]:
        if terms.get("currency", "USD") != "CNY":
            add_rate(terms.get("currency", "USD"))
        response = client.post(
            f"/api/v1/orders/{order['id']}/quotes", json=TERMS | terms, headers=headers("sales")
        )
        assert response.status_code == 201, response.json
        return dict(response.json or {})

    return make


@pytest.fixture
def count_rows(app) -> Callable[[str], int]:
    def count(table: str) -> int:
        with app.app_context():
            return int(get_db()[table].count)

    return count


PASSWORD = "correct horse battery"
TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@pytest.fixture
def login(app, client, monkeypatch):
    monkeypatch.setattr(
        accounts, "password_hash", lambda p: generate_password_hash(p, "pbkdf2:sha256:1000")
    )
    made = set()

    def log_in(role: str):
        if role not in made:
            with app.app_context():
                accounts.create_user(get_db(), f"{role}-page", role, PASSWORD)
            made.add(role)
        client.post("/logout", data={"csrf_token": token(client.get("/login").text)})
        page = client.get("/login")
        response = client.post("/login", data={"name": f"{role}-page", "password": PASSWORD,
                                               "csrf_token": token(page.text)})  # fmt: skip
        assert response.status_code == 302
        return client

    return log_in


def token(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "no CSRF token"
    return found.group(1)
