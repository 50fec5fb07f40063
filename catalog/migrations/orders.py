"""Users, API tokens, customers, orders and their history.

Written as plain CREATE TABLE statements: the CHECK constraints are the last line of defence
behind the schemas, so a bug above can never store a negative quantity or an unknown status.
Never edit an applied migration; add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("catalog.orders")


@migrations()
def m001_users(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            role TEXT NOT NULL CHECK (role IN ('sales', 'engineer', 'manager', 'admin')),
            password_hash TEXT,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            token_hash TEXT NOT NULL UNIQUE,  -- sha256 hex; the token itself is never stored
            created_at TEXT NOT NULL,
            last_used_at TEXT,
            expires_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX api_tokens_user ON api_tokens(user_id)")


@migrations()
def m002_orders(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE order_numbers (
            market TEXT NOT NULL,
            year INTEGER NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (market, year)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            market TEXT NOT NULL,
            model TEXT NOT NULL,
            selections TEXT NOT NULL,  -- JSON: every group's effective value
            quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
            price INTEGER NOT NULL,  -- one truck, CNY
            price_detail TEXT NOT NULL,  -- JSON: base, option lines, total, currency
            status TEXT NOT NULL
                CHECK (status IN ('draft', 'quoted', 'confirmed', 'shipped', 'cancelled')),
            rules_version TEXT NOT NULL,
            ship_date TEXT CHECK (status != 'shipped' OR ship_date IS NOT NULL),
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            updated_by INTEGER NOT NULL REFERENCES users(id),
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    db.execute("CREATE INDEX orders_market_status ON orders(market, status)")
    db.execute("CREATE INDEX orders_status ON orders(status)")
    db.execute("CREATE INDEX orders_customer ON orders(customer_id)")
    db.execute(
        """
        CREATE TABLE order_history (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id),
            version INTEGER NOT NULL,  -- the order's version after this change
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            action TEXT NOT NULL,  -- created, updated
            changes TEXT NOT NULL  -- JSON: {field: [old, new]}
        )
        """
    )
    db.execute("CREATE INDEX order_history_order ON order_history(order_id, version)")


@migrations()
def m003_history_reason(db: Database) -> None:
    """Why a change was made, where one must be given (an admin correcting a shipped order)."""
    db.execute("ALTER TABLE order_history ADD COLUMN reason TEXT")


@migrations()
def m004_delivery_date(db: Database) -> None:
    """The planned delivery date: an order is approved under the rules in force on that day."""
    db.execute("ALTER TABLE orders ADD COLUMN delivery_date TEXT")
