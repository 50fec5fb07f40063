"""Quotes: one editable draft per order, sent revisions A, B, C…, and their events.

Every write checks, inside one BEGIN IMMEDIATE transaction, that the quote (and, where it
matters, the order) is still at the version the caller read: False or None means "stale,
nothing written". A sent revision is protected by a trigger as well (migrations/quotes.py).
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from . import now, one, rows, valid_id, write
from . import orders as order_store

SELECT = """
SELECT q.id, q.order_id, o.number AS order_number, q.revision, q.status, q.terms, q.rate,
       q.rate_id, q.snapshot, q.figures, cu.name AS created_by, q.created_at,
       uu.name AS updated_by, q.updated_at, su.name AS sent_by, q.sent_at, q.version,
       q.pdf IS NOT NULL AS has_pdf
FROM quotes q
JOIN orders o ON o.id = q.order_id
JOIN users cu ON cu.id = q.created_by
JOIN users uu ON uu.id = q.updated_by
LEFT JOIN users su ON su.id = q.sent_by
"""
JSON_COLUMNS = ("terms", "snapshot", "figures")


def insert_draft(
    db: Database, order_id: int, order_version: int, fixed: dict[str, Any], user_id: int
) -> int | None:
    """A new draft for the order (`fixed`: terms, rate, rate_id); None if it already has one."""
    with write(db):
        if one(db, "SELECT id FROM quotes WHERE order_id = ? AND status = 'draft'", [order_id]):
            return None
        at = now()
        cursor = db.execute(
            "INSERT INTO quotes (order_id, status, terms, rate, rate_id, created_by, created_at,"
            " updated_by, updated_at, version) VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?, 1)",
            [order_id, _json(fixed["terms"]), fixed["rate"], fixed["rate_id"],
             user_id, at, user_id, at],
        )  # fmt: skip
        quote_id = int(cursor.lastrowid or 0)
        _event(db, quote_id, 1, order_version, "created", user_id, at, "")
    return quote_id


def update_draft(
    db: Database,
    quote_id: int,
    version: int,
    order_version: int,
    fixed: dict[str, Any],
    user_id: int,
) -> bool:
    """New terms and rate if the draft is still at `version`. Any earlier approval no longer
    matches the new version, so it is lost."""
    with write(db):
        at = now()
        cursor = db.execute(
            "UPDATE quotes SET terms = ?, rate = ?, rate_id = ?, updated_by = ?, updated_at = ?,"
            " version = version + 1 WHERE id = ? AND version = ? AND status = 'draft'",
            [_json(fixed["terms"]), fixed["rate"], fixed["rate_id"], user_id, at,
             quote_id, version],
        )  # fmt: skip
        if cursor.rowcount != 1:
            return False
        _event(db, quote_id, version + 1, order_version, "changed", user_id, at, "")
    return True


def record(
    db: Database,
    quote_id: int,
    version: int,
    order_version: int,
    action: str,
    user_id: int,
    reason: str,
) -> bool:
    """An approval request, approval or refusal of the draft as it is at these versions."""
    with write(db):
        if not _still(db, quote_id, version, order_version):
            return False
        _event(db, quote_id, version, order_version, action, user_id, now(), reason)
    return True


def send(
    db: Database,
    quote: dict[str, Any],
    sent: dict[str, Any],
    order_moves: dict[str, Any] | None,
    user_id: int,
) -> bool:
    """Make the draft revision `sent["revision"]` with its snapshot, figures and PDF, and move
    the order (to quoted) in the same transaction. False if anything changed meanwhile."""
    quote_id, version, order_version = quote["id"], quote["version"], sent["order_version"]
    with write(db):
        if not _still(db, quote_id, version, order_version):
            return False
        if sent["revision"] != next_letter(db, quote["order_id"]):
            return False  # another revision was sent meanwhile
        at = now()
        db.execute(
            "UPDATE quotes SET status = 'sent', revision = ?, snapshot = ?, figures = ?, pdf = ?,"
            " sent_by = ?, sent_at = ?, updated_by = ?, updated_at = ?, version = version + 1"
            " WHERE id = ?",
            [sent["revision"], _json(sent["snapshot"]), _json(sent["figures"]), sent["pdf"],
             user_id, at, user_id, at, quote_id],
        )  # fmt: skip
        _event(db, quote_id, version + 1, order_version, "sent", user_id, at, "")
        if order_moves:
            moved = order_store.set_columns(
                db, quote["order_id"], order_version, order_moves["columns"],
                order_moves["changes"], user_id,
            )  # fmt: skip
            assert moved, "the order's version was checked in this transaction"
    return True


def accept(
    db: Database,
    quote: dict[str, Any],
    order_version: int,
    order_moves: dict[str, Any],
    user_id: int,
    reason: str,
) -> bool:
    """The customer accepted this sent revision: mark it and set the order's content and
    status, in one transaction. False if the quote or the order changed meanwhile."""
    with write(db):
        current = one(
            db,
            "SELECT 1 FROM quotes q JOIN orders o ON o.id = q.order_id WHERE q.id = ?"
            " AND q.version = ? AND q.status = 'sent' AND o.version = ?",
            [quote["id"], quote["version"], order_version],
        )
        if current is None:
            return False
        at = now()
        db.execute(
            "UPDATE quotes SET status = 'accepted', updated_by = ?, updated_at = ?,"
            " version = version + 1 WHERE id = ?",
            [user_id, at, quote["id"]],
        )
        moved = order_store.set_columns(
            db, quote["order_id"], order_version, order_moves["columns"],
            order_moves["changes"], user_id,
        )  # fmt: skip
        assert moved, "the order's version was checked in this transaction"
        _event(db, quote["id"], quote["version"] + 1, order_version + 1, "accepted", user_id,
               at, reason)  # fmt: skip
    return True


def next_letter(db: Database, order_id: int) -> str:
    (sent,) = db.execute(
        "SELECT count(*) FROM quotes WHERE order_id = ? AND revision IS NOT NULL", [order_id]
    ).fetchone()
    return letter(int(sent))


def letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, 27 -> AB …"""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _still(db: Database, quote_id: int, version: int, order_version: int) -> bool:
    found = one(
        db,
        "SELECT 1 FROM quotes q JOIN orders o ON o.id = q.order_id"
        " WHERE q.id = ? AND q.version = ? AND q.status = 'draft' AND o.version = ?",
        [quote_id, version, order_version],
    )
    return found is not None


def get(db: Database, quote_id: int) -> dict[str, Any] | None:
    if not valid_id(quote_id):
        return None
    row = one(db, SELECT + " WHERE q.id = ?", [quote_id])
    return _decoded(row) if row else None


def for_order(db: Database, order_id: int) -> list[dict[str, Any]]:
    """The order's revisions in order (A, B, …), then its draft, if any."""
    cursor = db.execute(SELECT + " WHERE q.order_id = ? ORDER BY q.revision IS NULL, q.id",
                        [order_id])  # fmt: skip
    return [_decoded(row) for row in rows(cursor)]


def awaiting(db: Database) -> list[dict[str, Any]]:
    """Drafts whose last request for approval is newer than any decision and any change."""
    cursor = db.execute(
        SELECT + " WHERE q.status = 'draft' AND"
        " (SELECT e.action FROM quote_events e WHERE e.quote_id = q.id"
        "  ORDER BY e.id DESC LIMIT 1) = 'requested' ORDER BY q.updated_at"
    )
    return [_decoded(row) for row in rows(cursor)]


def pdf(db: Database, quote_id: int) -> bytes | None:
    found = db.execute("SELECT pdf FROM quotes WHERE id = ?", [quote_id]).fetchone()
    return bytes(found[0]) if found and found[0] is not None else None


def events(db: Database, quote_id: int) -> list[dict[str, Any]]:
    cursor = db.execute(
        "SELECT e.quote_version, e.order_version, e.action, u.name AS user, u.role, e.at,"
        " e.reason FROM quote_events e JOIN users u ON u.id = e.user_id"
        " WHERE e.quote_id = ? ORDER BY e.id",
        [quote_id],
    )
    return rows(cursor)


def _event(
    db: Database,
    quote_id: int,
    version: int,
    order_version: int,
    action: str,
    user_id: int,
    at: str,
    reason: str,
) -> None:
    db.execute(
        "INSERT INTO quote_events (quote_id, quote_version, order_version, action, user_id, at,"
        " reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [quote_id, version, order_version, action, user_id, at, reason],
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    decoded = {c: json.loads(row[c]) if row[c] is not None else None for c in JSON_COLUMNS}
    return {**row, **decoded, "has_pdf": bool(row["has_pdf"])}
