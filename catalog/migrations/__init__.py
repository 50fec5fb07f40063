"""The schema as named sqlite-utils migration sets; `apply_all` runs every set's pending steps.

Each area owns one set (its own module here) so that areas add tables without touching each
other's history. Add a new set to SETS; the order of SETS is the order they are applied in.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from . import accounts, exports, orders, quotes

# exports reads orders; accounts extends the users and tokens that orders created; quotes refer
# to orders and users
SETS: list[Migrations] = [
    orders.migrations,
    exports.migrations,
    accounts.migrations,
    quotes.migrations,
]


def apply_all(db: Database) -> list[str]:
    """Apply every pending migration of every set; return the names applied ("set:name")."""
    applied: list[str] = []
    for migrations in SETS:
        pending = [m.name for m in migrations.pending(db)]
        migrations.apply(db)
        applied.extend(f"{migrations.name}:{name}" for name in pending)
    return applied
