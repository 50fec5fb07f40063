"""Fixtures for the export figures tests: a migrated database and orders written straight to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from catalog.db import connect
from catalog.migrations import apply_all

ROOT = Path(__file__).resolve().parents[2]
HISTORY_CSV = ROOT / "data" / "exports-history.csv"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = connect(str(tmp_path / "exports.sqlite"))
    apply_all(database)
    database.table("users").insert(
        {"id": 1, "name": "clerk", "role": "sales", "created_at": "2024"}
    )
    database.table("customers").insert({"id": 1, "name": "Acme", "created_at": "2024"})
    yield database
    database.conn.close()


def add_order(db: sqlite_utils.Database, **fields: Any) -> int:
    """An order row as the orders store writes it; only what the figures read varies."""
    row = {
        "number": f"T-{db['orders'].count + 1}",
        "customer_id": 1,
        "market": "KZ",
        "model": "x3000-dump-6x4",
        "selections": "{}",
        "quantity": 1,
        "price": 1,
        "price_detail": "{}",
        "status": "draft",
        "rules_version": "test",
        "ship_date": None,
        "created_by": 1,
        "created_at": "2024-01-01",
        "updated_by": 1,
        "updated_at": "2024-01-01",
        **fields,
    }
    return int(db.table("orders").insert(row).last_pk or 0)
