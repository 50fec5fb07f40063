"""Fixtures for the API tests: a token per role, and valid selections from the engine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog.auth import ROLES
from catalog.db import get_db
from catalog.services.active_rules import engine

KZ_TRACTOR = ("KZ", "x3000-tractor-6x4")


def proposal(app: Flask, market: str, model: str, **prefer: str) -> dict[str, str]:
    """A complete valid truck: the configurator's values and defaults."""
    with app.app_context():
        result = engine().configure(market, model, prefer)
    return {g.id: value for g in result.groups if (value := g.value or g.default)}


@pytest.fixture
def headers(make_user: Callable[..., str]) -> Callable[[str], dict[str, str]]:
    """headers("sales") -> Authorization header of that role's user (made on first use)."""
    tokens: dict[str, str] = {}

    def header(role: str) -> dict[str, str]:
        assert role in ROLES
        if role not in tokens:
            tokens[role] = make_user(role)
        return {"Authorization": f"Bearer {tokens[role]}"}

    return header


@pytest.fixture
def selections(app: Flask) -> dict[str, str]:
    return proposal(app, *KZ_TRACTOR)


@pytest.fixture
def order_body(selections: dict[str, str]) -> dict[str, Any]:
    market, model = KZ_TRACTOR
    return {
        "customer": "Astana Logistics",
        "market": market,
        "model": model,
        "selections": selections,
        "quantity": 2,
    }


@pytest.fixture
def create_order(
    client: FlaskClient, headers: Callable[[str], dict[str, str]], order_body: dict[str, Any]
) -> Callable[..., dict[str, Any]]:
    """create_order(quantity=3, ...) -> the stored order (asserts 201)."""

    def create(**changes: Any) -> dict[str, Any]:
        response = client.post(
            "/api/v1/orders", json=order_body | changes, headers=headers("sales")
        )
        assert response.status_code == 201, response.json
        return dict(response.json or {})

    return create


@pytest.fixture
def count_rows(app: Flask) -> Callable[[str], int]:
    def count(table: str) -> int:
        with app.app_context():
            return int(get_db()[table].count)

    return count
