"""Fixtures for the fault tests: a database file with a sales user and a valid order body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from catalog import accounts, create_app
from catalog.db import get_db
from catalog.migrations import apply_all
from catalog.ruleset import engine

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


@pytest.fixture
def instance(tmp_path: Path) -> Instance:
    database = tmp_path / "catalog.sqlite"
    app = create_app({"DATABASE": str(database), "SECRET_KEY": "faults"})
    with app.app_context():
        apply_all(get_db())
        token = accounts.create_user(get_db(), "writer", "sales").token
        proposal = engine().configure(MARKET, MODEL, {})
    selections = {g.id: v for g in proposal.groups if (v := g.value or g.default)}
    body = {"customer": "Crash Test Logistics", "market": MARKET, "model": MODEL,
            "selections": selections, "quantity": 1}  # fmt: skip
    return Instance(tmp_path, database, token, body)
