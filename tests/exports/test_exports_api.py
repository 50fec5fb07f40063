"""GET /api/v1/exports, /exports/series, /exports.csv: roles, the 2023 figure, no double count."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from catalog.db import get_db
from catalog.services.active_rules import engine

from .conftest import HISTORY_CSV

URLS = ["/api/v1/exports?year=2023", "/api/v1/exports/series", "/api/v1/exports.csv"]
Headers = dict[str, str]


@pytest.fixture
def manager(make_user: Callable[..., str], auth: Callable[[str], Headers]) -> Headers:
    return auth(make_user("manager"))


@pytest.fixture
def history(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["exports", "import", str(HISTORY_CSV)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 401), ("sales", 403), ("engineer", 403), ("manager", 200), ("admin", 200)],
)
def test_managers_and_admins_read_the_figures(
    client: FlaskClient,
    make_user: Callable[..., str],
    auth: Callable[[str], Headers],
    url: str,
    role: str | None,
    status: int,
) -> None:
    headers = auth(make_user(role)) if role else {}
    response = client.get(url, headers=headers)
    assert response.status_code == status
    if status != 200:
        assert response.get_json()["code"] == status


def test_2023_shows_7500_units_and_110_percent_on_2022(
    client: FlaskClient, manager: Headers, history: None
) -> None:
    body = client.get("/api/v1/exports?year=2023", headers=manager).get_json()
    assert (body["year"], body["units"]) == (2023, 7500)
    assert (body["previous_year"], body["previous_units"], body["change_pct"]) == (
        2022,
        3571,
        110.0,
    )
    assert body["by_market"][0] == {
        "key": "KZ",
        "units": 3150,
        "previous_units": 1500,
        "change_pct": 110.0,
    }
    assert [b["key"] for b in body["by_body"]] == ["tractor", "dump", "mixer", "cargo"]
    assert body["by_platform"] == [
        {"key": "unknown", "units": 7500, "previous_units": 3571, "change_pct": 110.0}
    ]
    with HISTORY_CSV.open() as file:  # the notes of the shipped rows of 2022 and 2023
        assert body["notes"] == sorted({row["note"] for row in csv.DictReader(file)})
    assert any("more than 7,500" in n for n in body["notes"])
    assert any("2022 total (about 3,571) is derived" in n for n in body["notes"])


def test_filters_and_the_default_year(client: FlaskClient, manager: Headers, history: None) -> None:
    tj = client.get("/api/v1/exports?year=2023&market=tj&body=DUMP", headers=manager).get_json()
    assert (tj["units"], tj["previous_units"], tj["change_pct"]) == (950, 500, 90.0)
    assert client.get("/api/v1/exports", headers=manager).get_json()["year"] == 2023
    bad = client.get("/api/v1/exports?market=RU&body=bus", headers=manager)
    assert bad.status_code == 422
    assert set(bad.get_json()["errors"]["query"]) == {"market", "body"}


def test_series_and_csv(client: FlaskClient, manager: Headers, history: None) -> None:
    years = client.get("/api/v1/exports/series?market=TM", headers=manager).get_json()["years"]
    assert [(y["year"], y["units"], y["change_pct"]) for y in years] == [
        (2022, 191, None),
        (2023, 450, 135.6),
    ]
    assert years[1]["by_body"] == {"cargo": 50, "dump": 200, "tractor": 200}
    response = client.get("/api/v1/exports.csv?year=2023&market=TJ", headers=manager)
    assert response.mimetype == "text/csv"
    assert 'filename="exports-2023.csv"' in response.headers["Content-Disposition"]
    notes = years[1]["notes"]  # what the 2023 figures are, said with them
    assert any("illustrative split" in n for n in notes)
    rows = list(csv.reader(response.get_data(as_text=True).splitlines()))
    assert rows == [
        ["year", "market", "body", "platform", "source", "units", "note"],
        ["2023", "TJ", "dump", "unknown", "history", "950", "; ".join(notes)],
        ["2023", "TJ", "mixer", "unknown", "history", "100", "; ".join(notes)],
        ["2023", "TJ", "tractor", "unknown", "history", "150", "; ".join(notes)],
    ]


def ship(client: FlaskClient, sales: Headers, app: Flask, **order: Any) -> dict[str, Any]:
    """Create an order through the API and walk it to shipped on `ship_date`."""
    ship_date = order.pop("ship_date")
    with app.app_context():
        config = engine().configure(order["market"], order["model"], {})
        selections = {g.id: v for g in config.groups if (v := g.value or g.default)}
    created = client.post("/api/v1/orders", json={**order, "selections": selections}, headers=sales)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    with app.app_context():  # an order made before it shipped (ship dates are never earlier)
        get_db().execute(
            "UPDATE orders SET created_at = ? WHERE id = ?",
            [f"{ship_date}T00:00:00+00:00", body["id"]],
        )
    for status in ("quoted", "confirmed", "shipped"):
        change = {"version": body["version"], "status": status}
        if status == "shipped":
            change["ship_date"] = ship_date
        moved = client.patch(f"/api/v1/orders/{body['id']}", json=change, headers=sales)
        assert moved.status_code == 200, moved.get_json()
        body = moved.get_json()
    return body


def test_shipped_orders_count_once_beside_history(
    app: Flask,
    client: FlaskClient,
    manager: Headers,
    history: None,
    make_user: Callable[..., str],
    auth: Callable[[str], Headers],
    runner: FlaskCliRunner,
    tmp_path: Path,
) -> None:
    sales = auth(make_user("sales"))
    ship(
        client,
        sales,
        app,
        customer="A",
        market="KZ",
        model="x6000-tractor-4x2",
        quantity=3,
        ship_date="2024-05-01",
    )
    ship(
        client,
        sales,
        app,
        customer="B",
        market="TJ",
        model="x3000-dump-6x4",
        quantity=5,
        ship_date="2023-11-20",
    )

    def figures(year: int) -> dict[str, Any]:
        return client.get(f"/api/v1/exports?year={year}", headers=manager).get_json()

    y2024 = figures(2024)
    assert (y2024["units"], y2024["previous_units"], y2024["sources"]) == (
        3,
        7500,
        {"history": 0, "orders": 3, "orders_in_history": 0},
    )
    assert [(s["key"], s["units"]) for s in y2024["by_platform"] if s["units"]] == [("X6000", 3)]
    assert figures(2024) == y2024  # reading again counts nothing again
    y2023 = figures(2023)  # TJ 2023 is covered by imported history: the 5 are inside its total
    assert (y2023["units"], y2023["sources"]["orders_in_history"]) == (7500, 5)

    again = runner.invoke(args=["exports", "import", str(HISTORY_CSV)])
    assert "0 added, 0 changed, 0 removed, 36 unchanged" in again.output
    closing = tmp_path / "kz-2024.csv"
    closing.write_text("year,market,body,platform,units\n2024,KZ,tractor,X6000,40\n", "utf-8")
    assert runner.invoke(args=["exports", "import", str(closing)]).exit_code == 0
    y2024 = figures(2024)  # the closing figure for KZ 2024 includes the 3 shipped in the product
    assert (y2024["units"], y2024["sources"]) == (
        40,
        {"history": 40, "orders": 0, "orders_in_history": 3},
    )
    total = client.get("/api/v1/exports/series", headers=manager).get_json()["years"]
    assert [(y["year"], y["units"]) for y in total] == [(2022, 3571), (2023, 7500), (2024, 40)]


def test_the_exports_calls_are_in_the_openapi_document(client: FlaskClient) -> None:
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert {"/api/v1/exports", "/api/v1/exports/series", "/api/v1/exports.csv"} <= set(paths)
    assert paths["/api/v1/exports"]["get"]["x-roles"] == ["manager", "admin"]


def test_a_year_without_figures_is_no_data_not_zero(
    client: FlaskClient, manager: Headers, history: None
) -> None:
    empty = client.get("/api/v1/exports?year=2025", headers=manager).get_json()
    assert empty["no_data"] is True
    assert empty["units"] is None and empty["change_pct"] is None  # never 0 units and -100 %
    after = client.get("/api/v1/exports?year=2024", headers=manager).get_json()
    assert after["no_data"] and after["previous_units"] == 7500  # 2023 is known
    known = client.get("/api/v1/exports?year=2022", headers=manager).get_json()
    assert not known["no_data"] and known["previous_units"] is None  # nothing for 2021
    assert known["change_pct"] is None
