"""What the server acknowledged, and the check that every acknowledged write is stored.

Clients record each 201 (order created) and each 200 PATCH (order changed) as the server
answered it. `check(database, ledger)` then reads the SQLite file directly:

- `PRAGMA integrity_check` is ok and no foreign key is broken;
- every created order exists with the number, market and model it was acknowledged with;
- every acknowledged change is in the order's history at the version it was acknowledged
  with, with the same new values; the stored version is at least the highest acknowledged one,
  and where they are equal the stored content is that change's content;
- every order's history has one row per version (each write and its history row were
  committed together), and order numbers never repeat.

Writes whose outcome the client never learned (a connection cut by a crash, a timeout) may or
may not be stored; `ledger.unknown` counts them, and only they may explain a stored version
beyond the highest acknowledged one.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

CONTENT = ("customer", "quantity", "selections")


@dataclass
class Ledger:
    created: dict[int, dict[str, Any]] = field(default_factory=dict)
    changed: dict[int, dict[int, dict[str, Any]]] = field(default_factory=dict)  # id -> version
    unknown: int = 0
    refused: list[str] = field(default_factory=list)  # answers that were neither 2xx nor 409
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def create(self, order: dict[str, Any]) -> None:
        """A 201 answer's order."""
        with self.lock:
            self.created[order["id"]] = _acked(order)

    def change(self, order: dict[str, Any]) -> None:
        """A 200 PATCH answer's order."""
        with self.lock:
            self.changed.setdefault(order["id"], {})[order["version"]] = _acked(order)

    def lost_track(self) -> None:
        """A write whose answer never came."""
        with self.lock:
            self.unknown += 1

    def refuse(self, response: requests.Response) -> None:
        with self.lock:
            self.refused.append(f"{response.request.method} {response.status_code} {response.text}")

    def versions(self) -> dict[int, dict[int, dict[str, Any]]]:
        """Order id -> every acknowledged version (1: as created) -> its content."""
        out = {i: {1: acked} for i, acked in self.created.items()}
        for order_id, changed in self.changed.items():
            out.setdefault(order_id, {}).update(changed)
        return out

    @property
    def writes(self) -> int:
        return len(self.created) + sum(len(v) for v in self.changed.values())


def write_orders(
    url: str, token: str, body: dict[str, Any], ledger: Ledger, stop: threading.Event
) -> None:
    """One writer: create an order, change its quantity, again and again until `stop` is set
    or the server goes away (the request then in flight counts as an unknown outcome)."""
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    try:
        while not stop.is_set():
            order = _send(http, "POST", f"{url}/api/v1/orders", body, 201, ledger)
            if order is None:
                return
            ledger.create(order)
            change = {"version": order["version"], "quantity": order["quantity"] % 50 + 1}
            changed = _send(
                http, "PATCH", f"{url}/api/v1/orders/{order['id']}", change, 200, ledger
            )
            if changed is None:
                return
            ledger.change(changed)
    finally:
        http.close()


def _send(
    http: requests.Session, method: str, url: str, body: Any, expect: int, ledger: Ledger
) -> dict[str, Any] | None:
    try:
        response = http.request(method, url, json=body, timeout=30)
    except requests.RequestException:
        ledger.lost_track()
        return None
    if response.status_code != expect:
        ledger.refuse(response)
        return None
    return dict(response.json())


def _acked(order: dict[str, Any]) -> dict[str, Any]:
    keep = ("number", "market", "model", "version", *CONTENT)
    return {key: order[key] for key in keep}


def check(database: Path, ledger: Ledger) -> list[str]:
    """Every problem found (an empty list: everything acknowledged is stored and intact)."""
    conn = sqlite3.connect(database, timeout=30)  # reads only; may recover the WAL after a crash
    try:
        problems = _integrity(conn)
        orders, history = _orders(conn), _history(conn)
    finally:
        conn.close()
    acked = ledger.versions()
    for order_id, first in ledger.created.items():
        problems += _check_created(order_id, first, orders.get(order_id))
    for order_id, versions in acked.items():
        problems += _check_versions(order_id, versions, orders.get(order_id), history)
    problems += _check_history(orders, history)
    beyond = [i for i, v in acked.items() if i in orders and orders[i]["version"] > max(v)]
    if len(beyond) > ledger.unknown:
        problems.append(f"{len(beyond)} orders changed beyond any acknowledged write: {beyond}")
    return problems


def _integrity(conn: sqlite3.Connection) -> list[str]:
    problems = []
    (result,) = conn.execute("PRAGMA integrity_check").fetchone()
    if result != "ok":
        problems.append(f"integrity_check: {result}")
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        problems.append(f"foreign_key_check: {broken[:5]}")
    numbers = conn.execute("SELECT number FROM orders GROUP BY number HAVING count(*) > 1")
    problems += [f"order number {n} repeats" for (n,) in numbers]
    return problems


def _orders(conn: sqlite3.Connection) -> dict[int, dict[str, Any]]:
    cursor = conn.execute(
        "SELECT o.id, o.number, o.market, o.model, o.version, c.name, o.quantity, o.selections"
        " FROM orders o JOIN customers c ON c.id = o.customer_id"
    )
    keys = ("number", "market", "model", "version", "customer", "quantity")
    return {
        row[0]: dict(zip(keys, row[1:7], strict=True)) | {"selections": json.loads(row[7])}
        for row in cursor
    }


def _history(conn: sqlite3.Connection) -> dict[int, dict[int, dict[str, Any]]]:
    out: dict[int, dict[int, dict[str, Any]]] = {}
    for order_id, version, changes in conn.execute(
        "SELECT order_id, version, changes FROM order_history"
    ):
        out.setdefault(order_id, {})[version] = json.loads(changes)
    return out


def _check_created(order_id: int, acked: dict[str, Any], row: dict[str, Any] | None) -> list[str]:
    if row is None:
        return []  # reported by _check_versions
    return [
        f"order {order_id}: {key} is {row[key]!r}, acknowledged {acked[key]!r}"
        for key in ("number", "market", "model")
        if row[key] != acked[key]
    ]


def _check_versions(
    order_id: int,
    versions: dict[int, dict[str, Any]],
    row: dict[str, Any] | None,
    history: dict[int, dict[int, dict[str, Any]]],
) -> list[str]:
    if row is None:
        return [f"order {order_id} was acknowledged but is missing"]
    problems = []
    for version, acked in versions.items():
        changes = history.get(order_id, {}).get(version)
        if changes is None:
            problems.append(f"order {order_id}: acknowledged version {version} not in history")
            continue
        for key, (_old, new) in changes.items():
            if key in CONTENT and _norm(new) != _norm(acked[key]):
                problems.append(f"order {order_id} v{version}: history {key} {new!r}")
    last = max(versions)
    if row["version"] < last:
        problems.append(f"order {order_id}: stored version {row['version']} < acknowledged {last}")
    elif row["version"] == last:
        problems += [
            f"order {order_id}: stored {key} {row[key]!r}, acknowledged {versions[last][key]!r}"
            for key in CONTENT
            if _norm(row[key]) != _norm(versions[last][key])
        ]
    return problems


def _norm(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value  # customer names are NOCASE


def _check_history(
    orders: dict[int, dict[str, Any]], history: dict[int, dict[int, dict[str, Any]]]
) -> list[str]:
    return [
        f"order {order_id}: version {row['version']} but history versions "
        f"{sorted(history.get(order_id, {}))}"
        for order_id, row in orders.items()
        if sorted(history.get(order_id, {})) != list(range(1, row["version"] + 1))
    ]
