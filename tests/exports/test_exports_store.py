"""The store: history replaced per period in one transaction; the summary kept by triggers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from catalog.db import connect
from catalog.exports.figures import Shipped, combine
from catalog.exports.history import HistoryRow
from catalog.migrations import apply_all
from catalog.migrations import exports as exports_migrations
from catalog.migrations import orders as orders_migrations
from catalog.migrations.exports import TRIGGERS
from catalog.store import exports as store

from .conftest import add_order


def row(year: int, market: str, body: str, units: int, line: int = 2) -> HistoryRow:
    return HistoryRow(year, market, body, "unknown", units, "note", line)


def summary(db: sqlite_utils.Database) -> set[Shipped]:
    return set(store.shipped(db))


def test_replacing_history_twice_with_the_same_rows_changes_nothing(
    db: sqlite_utils.Database,
) -> None:
    rows = [row(2023, "KZ", "dump", 600, 2), row(2023, "KZ", "tractor", 2300, 3)]
    assert (
        str(store.replace_history(db, rows, "h.csv"))
        == "2 added, 0 changed, 0 removed, 0 unchanged"
    )
    before = list(db.table("export_history").rows)
    assert (
        str(store.replace_history(db, rows, "h.csv"))
        == "0 added, 0 changed, 0 removed, 2 unchanged"
    )
    assert list(db.table("export_history").rows) == before
    assert before[0]["source"] == "h.csv:2"


def test_a_new_file_for_a_period_replaces_that_period_only(db: sqlite_utils.Database) -> None:
    store.replace_history(
        db, [row(2023, "KZ", "dump", 600), row(2023, "UZ", "dump", 500, 3)], "a.csv"
    )
    counts = store.replace_history(db, [row(2023, "KZ", "mixer", 100)], "b.csv")
    assert str(counts) == "1 added, 0 changed, 1 removed, 0 unchanged"
    assert {(c.market, c.body, c.units) for c in store.history_cells(db)} == {
        ("KZ", "mixer", 100),
        ("UZ", "dump", 500),
    }


def test_the_summary_follows_every_order_change(db: sqlite_utils.Database) -> None:
    order = add_order(db, quantity=3)
    assert summary(db) == set()
    db.table("orders").update(order, {"status": "shipped", "ship_date": "2024-03-01"})
    assert summary(db) == {Shipped(2024, "KZ", "x3000-dump-6x4", 3)}
    db.table("orders").update(order, {"quantity": 5, "ship_date": "2025-01-02"})
    assert summary(db) == {Shipped(2025, "KZ", "x3000-dump-6x4", 5)}
    db.table("orders").update(order, {"customer_id": 1})  # untouched columns leave it alone
    add_order(db, quantity=2, status="shipped", ship_date="2025-06-30")
    assert summary(db) == {Shipped(2025, "KZ", "x3000-dump-6x4", 7)}
    db.table("orders").update(order, {"market": "UZ"})
    assert summary(db) == {
        Shipped(2025, "KZ", "x3000-dump-6x4", 2),
        Shipped(2025, "UZ", "x3000-dump-6x4", 5),
    }
    db.table("orders").delete(order)
    assert summary(db) == {Shipped(2025, "KZ", "x3000-dump-6x4", 2)}
    assert db.table("export_shipped").count == 1  # emptied rows are removed, not kept at zero


def test_the_summary_equals_a_full_scan_and_a_rebuild(db: sqlite_utils.Database) -> None:
    for i in range(30):
        status = ("shipped", "confirmed", "cancelled")[i % 3]
        add_order(
            db,
            market=("KZ", "UZ", "TJ")[i % 2],
            quantity=i + 1,
            status=status,
            ship_date=f"202{i % 4}-05-01" if status == "shipped" else None,
        )
    kept = summary(db)
    assert kept == set(store.scan_shipped(db))
    assert store.rebuild_shipped(db) == len(kept)
    assert summary(db) == kept


def test_migrations_are_idempotent_and_leave_the_triggers_in_place(
    db: sqlite_utils.Database,
) -> None:
    assert apply_all(db) == []
    assert set(TRIGGERS) <= {t.name for t in db.triggers}


def test_a_failing_row_rolls_back_every_row_of_the_import(db: sqlite_utils.Database) -> None:
    rows = [row(2023, "KZ", "dump", 600, 2), row(2023, "KZ", "mixer", -1, 3)]
    with pytest.raises(sqlite3.IntegrityError):
        store.replace_history(db, rows, "h.csv")
    assert store.history_cells(db) == []
    assert not db.conn.in_transaction


def test_the_triggers_survive_orders_migrations_added_later(tmp_path: Path) -> None:
    """An existing database got the exports set before a later orders migration: upgrading it
    must keep the summary triggers (a migration that rebuilds `orders` must recreate them)."""
    fresh = connect(str(tmp_path / "names.sqlite"))
    names = [m.name for m in orders_migrations.migrations.pending(fresh)]
    later = names[names.index("m002_orders") + 1 :]
    for i, name in enumerate(later):
        db = connect(str(tmp_path / f"upgrade-{i}.sqlite"))
        orders_migrations.migrations.apply(db, stop_before=name)
        exports_migrations.apply(db)
        apply_all(db)
        assert set(TRIGGERS) <= {t.name for t in db.triggers}, f"lost by {name}"
    assert names[: names.index("m002_orders") + 1] == ["m001_users", "m002_orders"]


def test_a_history_row_of_zero_units_still_covers_its_period(db: sqlite_utils.Database) -> None:
    store.replace_history(db, [row(2024, "TM", "mixer", 0)], "h.csv")
    add_order(db, market="TM", quantity=4, status="shipped", ship_date="2024-02-02")
    figures = combine(store.history_cells(db), store.shipped(db), {})
    assert (sum(c.units for c in figures.cells), figures.in_history) == (0, {2024: 4})
