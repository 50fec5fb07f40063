"""What has shipped is a fact: bounded ship dates, and only an admin's correction with a reason
changes it, in the history and in the export figures."""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from catalog import errors
from catalog.db import get_db

TODAY = datetime.now(UTC).date()


def patch(client, headers, order_id: int, role: str = "sales", **body: Any):
    return client.patch(f"/api/v1/orders/{order_id}", json=body, headers=headers(role))


def shipped_order(client, headers, create_order, ship_date: date = TODAY) -> dict[str, Any]:
    order = create_order()
    for status in ("quoted", "confirmed"):
        order = patch(client, headers, order["id"], version=order["version"], status=status).json
    done = patch(
        client, headers, order["id"], version=order["version"], status="shipped",
        ship_date=ship_date.isoformat(),
    )  # fmt: skip
    assert done.status_code == 200, done.json
    return dict(done.json)


def correct(client, headers, order: dict[str, Any], role: str = "admin", **body: Any):
    return client.post(
        f"/api/v1/orders/{order['id']}/correction",
        json={"version": order["version"], **body},
        headers=headers(role),
    )


def units(client, headers, year: int) -> int:
    body = client.get(f"/api/v1/exports?year={year}", headers=headers("manager")).json
    return int(body["units"] or 0)


@pytest.mark.parametrize(
    "days, problem",
    [(2, "not in the future"), (400, "not in the future"), (-1, "on or after")],
    ids=["day-after-tomorrow", "next-year", "before-the-order"],
)
def test_a_ship_date_in_the_future_or_before_the_order_is_refused(
    client, headers, create_order, count_rows, days, problem
):
    order = create_order()
    for status in ("quoted", "confirmed"):
        order = patch(client, headers, order["id"], version=order["version"], status=status).json
    history = count_rows("order_history")
    when = (TODAY + timedelta(days=days)).isoformat()
    response = patch(
        client, headers, order["id"], version=order["version"], status="shipped", ship_date=when
    )
    assert response.status_code == 422
    assert problem in response.json["errors"]["ship_date"][0]
    assert count_rows("order_history") == history


def test_only_an_admin_corrects_a_shipped_order_and_needs_a_reason(
    client, headers, create_order, count_rows
):
    order = shipped_order(client, headers, create_order)
    for role in ("sales", "manager", "engineer"):
        assert correct(client, headers, order, role, quantity=1, reason="typo").status_code == 403
    history = count_rows("order_history")
    no_reason = correct(client, headers, order, quantity=1)
    assert no_reason.status_code == 422 and "reason" in no_reason.json["errors"]["json"]
    blank = correct(client, headers, order, quantity=1, reason="  ")
    assert blank.status_code == 422
    assert count_rows("order_history") == history
    # a sales user still cannot touch it the usual way
    refused = patch(client, headers, order["id"], version=order["version"], quantity=1)
    assert refused.status_code == 409


def test_a_correction_is_in_the_history_and_the_export_figures_follow(
    client, headers, create_order
):
    order = shipped_order(client, headers, create_order)
    year = TODAY.year
    before = units(client, headers, year)
    fixed = correct(client, headers, order, quantity=1, reason="customer took one truck, not two")
    assert fixed.status_code == 200, fixed.json
    assert fixed.json["quantity"] == 1 and fixed.json["status"] == "shipped"
    assert units(client, headers, year) == before - 1
    last = client.get(f"/api/v1/orders/{order['id']}/history", headers=headers("admin")).json[-1]
    assert last["action"] == "corrected"
    assert last["reason"] == "customer took one truck, not two"
    assert last["changes"] == {"quantity": [2, 1]}
    undone = correct(client, headers, fixed.json, status="cancelled", reason="never left")
    assert undone.status_code == 200
    assert (undone.json["status"], undone.json["ship_date"]) == ("cancelled", None)
    assert units(client, headers, year) == before - 2


def test_a_stale_or_pointless_correction_changes_nothing(client, headers, create_order):
    order = shipped_order(client, headers, create_order)
    stale = correct(client, headers, {**order, "version": order["version"] - 1}, quantity=1,
                    reason="stale")  # fmt: skip
    assert stale.status_code == 409
    assert correct(client, headers, order, reason="no change").status_code == 422
    future = (TODAY + timedelta(days=3)).isoformat()
    assert correct(client, headers, order, ship_date=future, reason="later").status_code == 422
    draft = create_order()
    assert correct(client, headers, draft, quantity=1, reason="not shipped").status_code == 409


def test_the_database_file_is_private(app, client, headers):
    headers("sales")  # a write: the database and its WAL exist
    path = app.config["DATABASE"]
    for name in (path, f"{path}-wal", f"{path}-shm"):
        if os.path.exists(name):
            assert stat.S_IMODE(os.stat(name).st_mode) == 0o600, name


def test_a_full_disk_answers_503_once_logged_and_stores_nothing(
    app, client, headers, order_body, count_rows, monkeypatch, caplog
):
    sales = headers("sales")
    monkeypatch.setattr(errors, "_full_disk_log", errors._Every(60))  # fresh for this test
    real_connect = get_db.__globals__["connect"]

    def full(path: str):
        db = real_connect(path)
        (pages,) = db.execute("PRAGMA page_count").fetchone()
        db.execute(f"PRAGMA max_page_count = {pages}")  # any growth: SQLITE_FULL
        return db

    monkeypatch.setitem(get_db.__globals__, "connect", full)
    big = order_body | {"customer": "x" * 190}
    first = None
    for _ in range(200):  # the free room inside the last pages fills first
        first = client.post("/api/v1/orders", json=big, headers=sales)
        if first.status_code != 201:
            break
    assert first is not None and first.status_code == 503, first.json
    stored = count_rows("orders")
    answers = [client.post("/api/v1/orders", json=big, headers=sales) for _ in range(5)]
    assert {a.status_code for a in answers} == {503}
    assert answers[0].json["message"].startswith("The server's storage is full")
    assert answers[0].headers["Retry-After"] == "60"
    logged = [r for r in caplog.records if "disk is full" in r.getMessage()]
    assert len(logged) == 1
    assert count_rows("orders") == stored
