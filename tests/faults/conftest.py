"""Fixtures for the fault tests: a database for a server, orders in the test app, valid bodies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog import accounts, create_app
from catalog.db import get_db
from catalog.migrations import apply_all
from catalog.services.active_rules import engine

MARKET, MODEL = "KZ", "x3000-tractor-6x4"


@dataclass
class Instance:
    folder: Path
    database: Path
    token: str
    body: dict[str, Any]  # a valid POST /api/v1/orders body

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def valid_body(app: Flask) -> dict[str, Any]:
    with app.app_context():
        proposal = engine().configure(MARKET, MODEL, {})
    selections = {g.id: v for g in proposal.groups if (v := g.value or g.default)}
    return {"customer": "Crash Test Logistics", "market": MARKET, "model": MODEL,
            "selections": selections, "quantity": 1}  # fmt: skip


@pytest.fixture
def instance(tmp_path: Path) -> Instance:
    """A database file of its own (for a server), with a sales user."""
    database = tmp_path / "catalog.sqlite"
    app = create_app({"DATABASE": str(database), "SECRET_KEY": "faults"})
    with app.app_context():
        apply_all(get_db())
        token = accounts.create_user(get_db(), "writer", "sales").token
    return Instance(tmp_path, database, token, valid_body(app))


@pytest.fixture
def orders(app: Flask, client: FlaskClient, make_user: Callable[..., str]) -> Callable[[int], Any]:
    """orders(quantity) -> a new order in the test app's database, created through the API."""
    headers = {"Authorization": f"Bearer {make_user('sales')}"}
    body = valid_body(app)

    def create(quantity: int) -> dict[str, Any]:
        response = client.post(
            "/api/v1/orders", json=body | {"quantity": quantity}, headers=headers
        )
        assert response.status_code == 201, response.json
        return dict(response.json or {})

    return create
