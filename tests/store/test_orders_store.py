"""The orders store on its own: numbers, compare-and-swap updates, rollback, search."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from catalog.db import connect
from catalog.migrations import apply_all
from catalog.store import customers, users, write
from catalog.store import orders as store


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = connect(str(tmp_path / "store.sqlite"))
    apply_all(database)
    yield database
    database.conn.close()


@pytest.fixture
def user_id(db: sqlite_utils.Database) -> int:
    return users.create(db, "clerk", "sales", None)


def order(**changes: Any) -> dict[str, Any]:
    return {
        "customer": "Acme",
        "market": "KZ",
        "model": "x3000-tractor-6x4",
        "selections": {"engine": "WP12.430E50"},
        "quantity": 1,
        "price": 100,
        "price_detail": {"total": 100},
        "status": "draft",
        "rules_version": "v1",
    } | changes


def test_migrations_apply_once(db):
    assert apply_all(db) == []
    names = [
        r["name"] for r in db["_sqlite_migrations"].rows_where("migration_set = 'catalog.orders'")
    ]
    assert names[:2] == ["m001_users", "m002_orders"]
    assert names == sorted(set(names))  # each once, in the order they are numbered


def test_numbers_are_per_market_and_year(db, user_id):
    ids = [store.insert(db, order(market=m), user_id) for m in ("KZ", "UZ", "KZ")]
    numbers = [store.get(db, i)["number"] for i in ids]
    year = numbers[0][3:7]
    assert numbers == [f"KZ-{year}-00001", f"UZ-{year}-00001", f"KZ-{year}-00002"]
    db["order_numbers"].update(("KZ", int(year)), {"last": 41})
    assert store.get(db, store.insert(db, order(), user_id))["number"] == f"KZ-{year}-00042"


def test_a_failed_insert_leaves_nothing_behind(db, user_id):
    with pytest.raises(sqlite3.IntegrityError):
        store.insert(db, order(quantity=0, customer="Ghost"), user_id)
    assert db["customers"].count == 0 and db["orders"].count == 0
    assert db["order_numbers"].count == 0  # the number was not used up
    assert not db.conn.in_transaction


def test_update_is_a_compare_and_swap(db, user_id):
    order_id = store.insert(db, order(), user_id)
    assert store.update(db, order_id, 1, {"quantity": 5}, {"quantity": [1, 5]}, user_id)
    assert not store.update(db, order_id, 1, {"quantity": 9}, {"quantity": [1, 9]}, user_id)
    row = store.get(db, order_id)
    assert (row["quantity"], row["version"]) == (5, 2)
    assert [h["version"] for h in store.history(db, order_id)] == [1, 2]


def test_update_can_move_an_order_to_another_customer(db, user_id):
    order_id = store.insert(db, order(), user_id)
    store.update(db, order_id, 1, {"customer": "Beta"}, {}, user_id)
    assert store.get(db, order_id)["customer"] == "Beta"
    assert [c["name"] for c in customers.search(db)] == ["Acme", "Beta"]


def test_the_database_refuses_what_the_schemas_refuse(db, user_id):
    with pytest.raises(sqlite3.IntegrityError):
        store.insert(db, order(status="lost"), user_id)
    with pytest.raises(sqlite3.IntegrityError):
        store.insert(db, order(status="shipped"), user_id)  # shipped needs a ship date
    with pytest.raises(sqlite3.IntegrityError):
        users.create(db, "CLERK", "sales", None)  # names are unique in any case


def test_find_filters_and_escapes_wildcards(db, user_id):
    store.insert(db, order(customer="100% Trucks"), user_id)
    store.insert(db, order(customer="Acme_North", market="UZ"), user_id)
    store.insert(db, order(customer="AcmeXNorth", status="quoted"), user_id)

    def customers_of(**filters: str) -> list[str]:
        found, total = store.find(db, store.Filters(**filters), 10, 0)
        assert total == len(found)
        return [row["customer"] for row in found]

    assert customers_of(text="100%") == ["100% Trucks"]
    assert customers_of(text="acme_") == ["Acme_North"]
    assert customers_of(market="UZ") == ["Acme_North"]
    assert customers_of(status="quoted") == ["AcmeXNorth"]
    assert customers_of(customer="acmexnorth") == ["AcmeXNorth"]
    assert store.find(db, store.Filters(), 1, 1)[1] == 3


def test_write_rolls_back_on_error(db):
    with pytest.raises(RuntimeError), write(db):
        db.execute("INSERT INTO customers (name, created_at) VALUES ('Temp', 'now')")
        raise RuntimeError("boom")
    assert db["customers"].count == 0
