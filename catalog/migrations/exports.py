"""Export figures: the history table, the shipped-units summary and the triggers that keep it.

Applied after the orders migrations (the triggers read `orders`). The summary holds units per
(year, market, model) of orders that are `shipped` with a `ship_date`; every insert, update or
delete of an order adjusts it in the same transaction, so the figures never scan the orders.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("catalog.exports")

COUNTED = "{row}.status = 'shipped' AND {row}.ship_date IS NOT NULL"
CHANGED = "AFTER UPDATE OF status, ship_date, market, model, quantity ON orders"

ADD = """
INSERT INTO export_shipped (year, market, model, units, orders)
VALUES (CAST(substr(NEW.ship_date, 1, 4) AS INTEGER), NEW.market, NEW.model, NEW.quantity, 1)
ON CONFLICT (year, market, model) DO UPDATE
SET units = units + excluded.units, orders = orders + 1;
"""

TAKE = """
UPDATE export_shipped SET units = units - OLD.quantity, orders = orders - 1
WHERE year = CAST(substr(OLD.ship_date, 1, 4) AS INTEGER)
  AND market = OLD.market AND model = OLD.model;
DELETE FROM export_shipped
WHERE year = CAST(substr(OLD.ship_date, 1, 4) AS INTEGER)
  AND market = OLD.market AND model = OLD.model AND orders <= 0;
"""

OLD_COUNTED = COUNTED.format(row="OLD")
NEW_COUNTED = COUNTED.format(row="NEW")
TRIGGERS = {
    "export_shipped_insert": f"AFTER INSERT ON orders WHEN {NEW_COUNTED} BEGIN {ADD} END",
    "export_shipped_delete": f"AFTER DELETE ON orders WHEN {OLD_COUNTED} BEGIN {TAKE} END",
    "export_shipped_update_old": f"{CHANGED} WHEN {OLD_COUNTED} BEGIN {TAKE} END",
    "export_shipped_update_new": f"{CHANGED} WHEN {NEW_COUNTED} BEGIN {ADD} END",
}


@migrations()
def m001_history_and_summary(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE IF NOT EXISTS export_history (
            year INTEGER NOT NULL, market TEXT NOT NULL, body TEXT NOT NULL,
            platform TEXT NOT NULL DEFAULT 'unknown', units INTEGER NOT NULL CHECK (units >= 0),
            note TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (year, market, body, platform))"""
    )
    db.execute(
        """CREATE TABLE IF NOT EXISTS export_shipped (
            year INTEGER NOT NULL, market TEXT NOT NULL, model TEXT NOT NULL,
            units INTEGER NOT NULL, orders INTEGER NOT NULL,
            PRIMARY KEY (year, market, model))"""
    )


@migrations()
def m002_shipped_triggers(db: sqlite_utils.Database) -> None:
    create_triggers(db)
    db.execute("DELETE FROM export_shipped")
    db.execute(
        "INSERT INTO export_shipped (year, market, model, units, orders) "
        "SELECT CAST(substr(ship_date, 1, 4) AS INTEGER), market, model, SUM(quantity), COUNT(*) "
        "FROM orders WHERE status = 'shipped' AND ship_date IS NOT NULL "
        "GROUP BY 1, 2, 3"
    )


def create_triggers(db: sqlite_utils.Database) -> None:
    """(Re)create the summary triggers; a later migration that rebuilds `orders` must call this."""
    for name, body in TRIGGERS.items():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(f"CREATE TRIGGER {name} {body}")


def apply(db: sqlite_utils.Database) -> None:
    migrations.apply(db)
