"""A real gunicorn with two workers; several client processes create and update orders at once.

Every acknowledged (201) order must be stored exactly once, numbers must never repeat, no
request may fail with "database is locked", and of several writers holding the same version
exactly one may win.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

from catalog import accounts, create_app
from catalog.db import get_db
from catalog.migrations import apply_all
from catalog.services.active_rules import engine
from harness.serving import gunicorn

CLIENTS, CREATES = 4, 20


@pytest.fixture
def server(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """gunicorn -w 2 on 127.0.0.1 (a free port) over a fresh database, and a sales token."""
    database = tmp_path / "orders.sqlite"
    app = create_app({"DATABASE": str(database), "SECRET_KEY": "x"})
    with app.app_context():
        apply_all(get_db())
        token = accounts.create_user(get_db(), "loader", "sales").token
        proposal = engine().configure("KZ", "x3000-tractor-6x4", {})
    selections = {g.id: v for g in proposal.groups if (v := g.value or g.default)}
    with gunicorn(tmp_path, database) as running:
        yield {"url": running.url, "token": token, "selections": selections, "server": running,
               "db": {"CATALOG_DATABASE": str(database)}}  # fmt: skip


def client_run(url: str, token: str, selections: dict[str, str], n: int, shared: int) -> dict:
    """One client process: race on the shared order once, then create and update n orders."""
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    pid = os.getpid()
    race = http.patch(
        f"{url}/api/v1/orders/{shared}", json={"version": 1, "quantity": 3}
    ).status_code
    created, statuses, bodies = [], [], []
    for i in range(n):
        body = {"customer": f"Client {pid}", "market": "KZ", "model": "x3000-tractor-6x4",
                "selections": selections, "quantity": 1 + i % 5}  # fmt: skip
        response = http.post(f"{url}/api/v1/orders", json=body)
        statuses.append(response.status_code)
        bodies.append(response.text)
        if response.status_code == 201:
            order = response.json()
            created.append((order["id"], order["number"]))
            patch = {"version": order["version"], "quantity": 6, "status": "quoted"}
            update = http.patch(f"{url}/api/v1/orders/{order['id']}", json=patch)
            statuses.append(update.status_code)
            bodies.append(update.text)
    return {"race": race, "created": created, "statuses": statuses, "bodies": bodies}


def test_concurrent_clients_through_gunicorn(server):
    url, token, selections = server["url"], server["token"], server["selections"]
    headers = {"Authorization": f"Bearer {token}"}
    first = {"customer": "Shared", "market": "KZ", "model": "x3000-tractor-6x4",
             "selections": selections, "quantity": 1}  # fmt: skip
    shared = requests.post(f"{url}/api/v1/orders", json=first, headers=headers).json()["id"]

    with ProcessPoolExecutor(CLIENTS) as pool:
        futures = [
            pool.submit(client_run, url, token, selections, CREATES, shared) for _ in range(CLIENTS)
        ]
        results = [f.result(timeout=120) for f in futures]

    statuses = [s for r in results for s in r["statuses"]]
    assert set(statuses) == {200, 201}, sorted(set(statuses))
    assert not any("locked" in b for r in results for b in r["bodies"])
    assert "locked" not in server["server"].log_text()
    assert sorted(r["race"] for r in results) == [200] + [409] * (CLIENTS - 1)

    acknowledged = [pair for r in results for pair in r["created"]]
    assert len(acknowledged) == CLIENTS * CREATES
    app = create_app({"DATABASE": server["db"]["CATALOG_DATABASE"], "SECRET_KEY": "x"})
    with app.app_context():
        db = get_db()
        stored = {(row["id"], row["number"]) for row in db["orders"].rows}
        versions = {row["id"]: row["version"] for row in db["orders"].rows}
        history = db["order_history"].count
    assert stored == set(acknowledged) | {(shared, f"KZ-{acknowledged[0][1][3:7]}-00001")}
    assert len({number for _, number in stored}) == len(stored)  # numbers never repeat
    assert {versions[i] for i, _ in acknowledged} == {2}
    assert versions[shared] == 2
    assert history == 2 * len(stored)
