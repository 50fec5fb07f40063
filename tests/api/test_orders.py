"""POST/GET/PATCH /api/v1/orders: approval, numbers, filters, workflow, stale writes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog.db import get_db

from .conftest import proposal

YEAR = datetime.now(UTC).year
Headers = Callable[[str], dict[str, str]]

TODAY = datetime.now(UTC).date().isoformat()  # a ship date may not be before the order


def test_create_answers_201_with_the_stored_order(client, headers, order_body, selections):
    response = client.post("/api/v1/orders", json=order_body, headers=headers("sales"))
    assert response.status_code == 201
    order = response.json
    assert order["number"] == f"KZ-{YEAR}-00001"
    assert order["status"] == "draft"
    assert order["version"] == 1
    assert re.fullmatch(r"[0-9a-f]{12}", order["rules_version"])
    assert order["still_valid"] is True and order["rejected_by"] == []
    assert order["customer"] == "Astana Logistics"
    assert order["created_by"] == order["updated_by"] == "sales-1"
    assert order["price"]["currency"] == "CNY"
    assert order["price"]["total"] == order["price"]["base"] + sum(
        line["price"] for line in order["price"]["options"]
    )
    assert order["amount"] == order["price"]["total"] * 2
    assert {k: order["selections"][k] for k in selections} == selections


def test_optional_groups_are_stored_as_none(client, headers, order_body, selections):
    chosen = {k: v for k, v in selections.items() if v != "none"}
    response = client.post(
        "/api/v1/orders", json=order_body | {"selections": chosen}, headers=headers("sales")
    )
    assert response.status_code == 201
    stored = response.json["selections"]
    assert set(stored) >= set(selections)
    assert {k for k, v in stored.items() if v == "none"} == {
        k for k, v in selections.items() if v == "none"
    }


def test_numbers_run_per_market_and_year(create_order, app: Flask):
    uz = proposal(app, "UZ", "x5000-tractor-4x2-cng")
    numbers = [
        create_order()["number"],
        create_order(market="UZ", model="x5000-tractor-4x2-cng", selections=uz)["number"],
        create_order()["number"],
    ]
    assert numbers == [f"KZ-{YEAR}-00001", f"UZ-{YEAR}-00001", f"KZ-{YEAR}-00002"]


def test_rejected_truck_answers_422_with_violations(client, headers, order_body, count_rows):
    body = order_body | {"selections": order_body["selections"] | {"heater": "none"}}
    response = client.post("/api/v1/orders", json=body, headers=headers("sales"))
    assert response.status_code == 422
    assert response.json["errors"]["violations"] == [
        {
            "rule": "ca-air-heater",
            "message": "Company policy for Central Asia: an independent cab air heater "
            "(imported or domestic).",
            "source": "rules/layers/central-asia.yaml:21",
            "options": ["heater=none"],
        }
    ]
    assert "ca-air-heater" in response.json["message"]
    assert count_rows("orders") == 0 and count_rows("customers") == 0


def test_missing_groups_answer_422(client, headers, order_body, count_rows):
    body = order_body | {"selections": {"engine": "WP12.430E50"}}
    response = client.post("/api/v1/orders", json=body, headers=headers("sales"))
    assert response.status_code == 422
    assert "gearbox" in response.json["errors"]["missing"]
    assert response.json["message"].startswith("required groups have no selection: ")
    assert count_rows("orders") == 0


def test_get_one_and_404(client, headers, create_order):
    order = create_order()
    response = client.get(f"/api/v1/orders/{order['id']}", headers=headers("engineer"))
    assert response.status_code == 200
    assert response.json == order
    missing = client.get("/api/v1/orders/999", headers=headers("engineer"))
    assert missing.status_code == 404
    assert missing.json["message"] == "no order with id 999"


def test_list_filters_and_pages(client, headers, create_order, app):
    uz = proposal(app, "UZ", "x5000-tractor-4x2-cng")
    first = create_order(customer="Steppe Haulage")
    create_order(customer="Tashkent Gas", market="UZ", model="x5000-tractor-4x2-cng", selections=uz)
    third = create_order(customer="Steppe Haulage", quantity=5)
    client.patch(
        f"/api/v1/orders/{third['id']}",
        json={"version": 1, "status": "quoted"},
        headers=headers("sales"),
    )

    def numbers(query: str) -> list[str]:
        response = client.get(f"/api/v1/orders?{query}", headers=headers("manager"))
        assert response.status_code == 200, response.json
        return [o["number"] for o in response.json["items"]]

    assert numbers("market=kz") == [third["number"], first["number"]]
    assert numbers("status=quoted") == [third["number"]]
    assert numbers("customer=steppe%20haulage") == [third["number"], first["number"]]
    assert numbers("q=gas") == [f"UZ-{YEAR}-00001"]
    assert numbers("q=KZ-") == [third["number"], first["number"]]
    assert numbers("q=%25") == []  # % is searched for literally, not as a wildcard
    page = client.get("/api/v1/orders?per_page=2&page=2", headers=headers("sales")).json
    assert (page["total"], page["page"], page["per_page"]) == (3, 2, 2)
    assert [o["number"] for o in page["items"]] == [first["number"]]


def patch(client: FlaskClient, headers: Headers, order: dict[str, Any], **body: Any) -> Any:
    return client.patch(f"/api/v1/orders/{order['id']}", json=body, headers=headers("sales"))


def test_content_change_is_validated_again(client, headers, create_order):
    order = create_order()
    changed = patch(client, headers, order, version=1, quantity=7, customer="New Name")
    assert changed.status_code == 200
    assert (changed.json["quantity"], changed.json["customer"], changed.json["version"]) == (
        7,
        "New Name",
        2,
    )
    bad = patch(
        client,
        headers,
        changed.json,
        version=2,
        selections={**order["selections"], "heater": "none"},
    )
    assert bad.status_code == 422
    assert bad.json["errors"]["violations"][0]["rule"] == "ca-air-heater"
    after = client.get(f"/api/v1/orders/{order['id']}", headers=headers("sales")).json
    assert after == changed.json  # nothing changed


def test_stale_version_answers_409_and_changes_nothing(client, headers, create_order):
    order = create_order()
    assert patch(client, headers, order, version=1, quantity=3).status_code == 200
    stale = patch(client, headers, order, version=1, quantity=9, status="quoted")
    assert stale.status_code == 409
    assert stale.json["errors"] == {"version": ["stale: current version is 2"]}
    after = client.get(f"/api/v1/orders/{order['id']}", headers=headers("sales")).json
    assert (after["quantity"], after["status"], after["version"]) == (3, "draft", 2)


WORKFLOW = [
    pytest.param([], "quoted", 200, id="draft-quoted"),
    pytest.param([], "cancelled", 200, id="draft-cancelled"),
    pytest.param([], "confirmed", 409, id="draft-confirmed"),
    pytest.param([], "shipped", 409, id="draft-shipped"),
    pytest.param(["quoted"], "draft", 200, id="quoted-draft"),
    pytest.param(["quoted"], "confirmed", 200, id="quoted-confirmed"),
    pytest.param(["quoted", "confirmed"], "shipped", 200, id="confirmed-shipped"),
    pytest.param(["quoted", "confirmed"], "cancelled", 200, id="confirmed-cancelled"),
    pytest.param(["quoted", "confirmed"], "draft", 409, id="confirmed-draft"),
    pytest.param(["quoted", "confirmed", "shipped"], "cancelled", 409, id="shipped-cancelled"),
    pytest.param(["cancelled"], "draft", 409, id="cancelled-draft"),
]


@pytest.mark.parametrize(("path", "target", "status"), WORKFLOW)
def test_workflow_allows_only_listed_transitions(
    client, headers, create_order, path, target, status
):
    order = create_order()
    for step in [*path, target]:
        extra = {"ship_date": TODAY} if step == "shipped" else {}
        response = patch(client, headers, order, version=order["version"], status=step, **extra)
        if step != target:
            order = response.json
    assert response.status_code == status, response.json
    if status == 409:
        assert "cannot go from" in response.json["message"]


def test_shipping_needs_a_ship_date(client, headers, create_order):
    order = create_order()
    for step in ("quoted", "confirmed"):
        order = patch(client, headers, order, version=order["version"], status=step).json
    no_date = patch(client, headers, order, version=order["version"], status="shipped")
    assert no_date.status_code == 422
    assert no_date.json["errors"] == {"ship_date": ["required"]}
    shipped = patch(
        client, headers, order, version=order["version"], status="shipped", ship_date=TODAY
    )
    assert shipped.status_code == 200
    assert (shipped.json["status"], shipped.json["ship_date"]) == ("shipped", TODAY)


def test_ship_date_only_with_shipping(client, headers, create_order):
    order = create_order()
    response = patch(client, headers, order, version=1, ship_date=TODAY)
    assert response.status_code == 422


def test_confirmed_content_is_fixed(client, headers, create_order):
    order = create_order()
    for step in ("quoted", "confirmed"):
        order = patch(client, headers, order, version=order["version"], status=step).json
    response = patch(client, headers, order, version=order["version"], quantity=4)
    assert response.status_code == 409
    assert "content can't change" in response.json["message"]


def test_nothing_to_change_answers_422(client, headers, create_order):
    order = create_order()
    assert patch(client, headers, order, version=1).status_code == 422
    assert patch(client, headers, order, version=1, quantity=order["quantity"]).status_code == 422


def test_history_says_who_when_what(client, headers, create_order):
    order = create_order()
    patch(client, headers, order, version=1, quantity=5)
    history = client.get(f"/api/v1/orders/{order['id']}/history", headers=headers("manager"))
    assert history.status_code == 200
    entries = history.json
    assert [(e["version"], e["action"], e["user"]) for e in entries] == [
        (1, "created", "sales-1"),
        (2, "updated", "sales-1"),
    ]
    assert entries[1]["changes"] == {"quantity": [2, 5]}
    assert client.get("/api/v1/orders/77/history", headers=headers("sales")).status_code == 404


def outdate(app: Flask, order_id: int, **selections: str) -> None:
    """Make a stored order look approved by older rules that allowed these selections."""
    with app.app_context():
        db = get_db()
        row = db["orders"].get(order_id)
        stored = json.loads(row["selections"]) | selections
        db["orders"].update(order_id, {"selections": json.dumps(stored), "rules_version": "old"})


def test_reading_says_which_current_rules_reject_an_order(client, headers, create_order, app):
    order = create_order()
    outdate(app, order["id"], heater="none")
    got = client.get(f"/api/v1/orders/{order['id']}?lang=ru", headers=headers("sales")).json
    assert got["still_valid"] is False
    assert [v["rule"] for v in got["rejected_by"]] == ["ca-air-heater"]
    assert got["rejected_by"][0]["source"] == "rules/layers/central-asia.yaml:21"
    assert got["rules_version"] == "old"


def test_quoting_an_outdated_order_rechecks_it(client, headers, create_order, app):
    order = create_order()
    outdate(app, order["id"], heater="none")
    response = patch(client, headers, order, version=1, status="quoted")
    assert response.status_code == 422
    assert response.json["errors"]["violations"][0]["rule"] == "ca-air-heater"
    fixed = patch(
        client, headers, order, version=1, selections=order["selections"], status="quoted"
    )
    assert fixed.status_code == 200
    assert fixed.json["still_valid"] is True
    assert fixed.json["rules_version"] == order["rules_version"]


def test_an_order_naming_a_removed_option_is_not_still_valid(client, headers, create_order, app):
    order = create_order()
    outdate(app, order["id"], paint="gold")
    got = client.get(f"/api/v1/orders/{order['id']}", headers=headers("sales")).json
    assert got["still_valid"] is False
    assert got["rejected_by"][0]["options"] == ["paint"]
    assert "gold" in got["rejected_by"][0]["message"]
