"""Everything is answered as of a day: configure and quick quotes as of `date`, an order as of
its planned delivery (a shipped one as of its ship date). The shipped rules' own dated change is
the test: in Kazakhstan the emergency call unit is advice until 31 Dec 2027 and required from
1 Jan 2028 (rules/layers/central-asia.yaml, ca-emergency-call)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog.db import get_db
from tests.specsheet.conftest import pdf_text

KZ = {"market": "KZ", "model": "x3000-tractor-6x4"}
IN_2027, IN_2028 = "2027-06-01", "2028-03-01"


def configure(client: FlaskClient, auth: dict[str, str], **body: Any) -> dict[str, Any]:
    response = client.post("/api/v1/configure", json=KZ | body, headers=auth)
    assert response.status_code == 200, response.json
    return dict(response.json or {})


def state(answer: dict[str, Any], group: str, value: str) -> str:
    options = next(g for g in answer["groups"] if g["id"] == group)["options"]
    return str(next(o for o in options if o["id"] == value)["state"])


def without_unit(client: FlaskClient, auth: dict[str, str]) -> dict[str, str]:
    """A complete KZ tractor without the emergency call unit, as 2027's rules allow it."""
    answer = configure(client, auth, selections={"emergency_call": "none"}, fill=True, date=IN_2027)
    assert answer["complete"] and answer["valid"], answer["violations"]
    return dict(answer["selections"])


def test_configure_as_of_a_day_follows_the_dated_rule(
    client: FlaskClient, headers: Callable[[str], dict[str, str]]
) -> None:
    auth = headers("sales")
    before = configure(client, auth, date=IN_2027)
    after = configure(client, auth, date=IN_2028)
    assert state(before, "emergency_call", "none") == "available"
    assert state(after, "emergency_call", "none") == "blocked"
    assert state(after, "emergency_call", "era-glonass") == "required"
    reasons = next(g for g in after["groups"] if g["id"] == "emergency_call")["options"]
    blocked = next(o for o in reasons if o["id"] == "none")["reasons"]
    assert blocked[0]["rule"] == "ca-emergency-call"
    assert blocked[0]["source"].startswith("rules/layers/central-asia.yaml:")


def test_the_same_order_is_valid_for_2027_and_rejected_for_2028(
    client: FlaskClient, headers: Callable[[str], dict[str, str]]
) -> None:
    auth = headers("sales")
    selections = without_unit(client, auth)
    order = {"customer": "Astana Logistics", "quantity": 1, **KZ, "selections": selections}

    early = client.post("/api/v1/orders", json=order | {"delivery_date": IN_2027}, headers=auth)
    assert early.status_code == 201, early.json
    assert early.json["delivery_date"] == IN_2027 and early.json["still_valid"]

    late = client.post("/api/v1/orders", json=order | {"delivery_date": IN_2028}, headers=auth)
    assert late.status_code == 422
    assert "ca-emergency-call" in str(late.json)

    # moving the first order's delivery into 2028 is refused, and nothing changes
    patch = {"version": early.json["version"], "delivery_date": IN_2028}
    moved = client.patch(f"/api/v1/orders/{early.json['id']}", json=patch, headers=auth)
    assert moved.status_code == 422 and "ca-emergency-call" in str(moved.json)
    kept = client.get(f"/api/v1/orders/{early.json['id']}", headers=auth).json
    assert kept["delivery_date"] == IN_2027 and kept["version"] == early.json["version"]


def test_still_valid_is_judged_on_the_delivery_date(
    app: Flask, client: FlaskClient, headers: Callable[[str], dict[str, str]]
) -> None:
    auth = headers("sales")
    order = {"customer": "Kostanay Trans", "quantity": 1, **KZ}
    made = client.post(
        "/api/v1/orders",
        json=order | {"selections": without_unit(client, auth), "delivery_date": IN_2027},
        headers=auth,
    ).json
    with app.app_context():  # as if stored by an earlier release, before the date moved
        get_db().execute(
            "UPDATE orders SET delivery_date = ?, rules_version = 'older' WHERE id = ?",
            [IN_2028, made["id"]],
        )
        get_db().conn.commit()
    seen = client.get(f"/api/v1/orders/{made['id']}", headers=auth).json
    assert seen["still_valid"] is False
    assert [r["rule"] for r in seen["rejected_by"]] == ["ca-emergency-call"]


@pytest.mark.parametrize("bad", ["1999-12-31", "2101-01-01", "2027-02-30", "next week", 20270601])
def test_a_bad_date_is_a_422_naming_the_field_and_nothing_is_stored(
    client: FlaskClient,
    headers: Callable[[str], dict[str, str]],
    count_rows: Callable[[str], int],
    bad: Any,
) -> None:
    auth = headers("sales")
    response = client.post("/api/v1/configure", json=KZ | {"date": bad}, headers=auth)
    assert response.status_code == 422 and "date" in str(response.json)
    quote = client.post("/api/v1/spec.pdf", json=KZ | {"date": bad}, headers=auth)
    assert quote.status_code == 422 and "date" in str(quote.json)
    before = count_rows("orders")
    order = {"customer": "X", "quantity": 1, **KZ, "selections": {}, "delivery_date": bad}
    created = client.post("/api/v1/orders", json=order, headers=auth)
    assert created.status_code == 422 and "delivery_date" in str(created.json)
    assert count_rows("orders") == before


def test_a_quick_quote_is_checked_and_dated_as_of_its_day(
    client: FlaskClient, headers: Callable[[str], dict[str, str]], tmp_path: Path
) -> None:
    auth = headers("sales")
    selections = without_unit(client, auth)
    refused = client.post(
        "/api/v1/spec.pdf", json=KZ | {"selections": selections, "date": IN_2028}, headers=auth
    )
    assert refused.status_code == 422 and "ca-emergency-call" in str(refused.json)
    sheet = client.post(
        "/api/v1/spec.pdf",
        json=KZ | {"selections": selections, "date": IN_2027, "lang": "en"},
        headers=auth,
    )
    assert sheet.status_code == 200, sheet.json
    assert "checked against the rules in force on June 1, 2027" in pdf_text(sheet.data, tmp_path)
