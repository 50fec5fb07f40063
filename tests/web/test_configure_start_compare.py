"""The guided start by application and the side-by-side comparison of models and saved orders."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog.applications import APPLICATIONS, fits
from catalog.db import get_db
from catalog.services import orders as ordering
from catalog.services.active_rules import engine

from .conftest import proposal


@pytest.fixture
def sales(login: Callable[[str], FlaskClient]) -> FlaskClient:
    return login("sales")


def listed(html: str) -> list[str]:
    return re.findall(r'<tr data-model="([^"]+)">', html)


@pytest.mark.parametrize("application", list(APPLICATIONS))
@pytest.mark.parametrize("market", ["KZ", "TJ"])
def test_each_application_leads_to_the_buyable_models_that_fit_recommended_first(
    sales: FlaskClient, app: Flask, market: str, application: str
) -> None:
    page = sales.get(f"/configure/start?market={market}&application={application}")
    assert page.status_code == 200
    shown = listed(page.text)
    with app.app_context():
        offers = engine().models_for(market)
        book = engine().book
    expected = [
        o.id for o in offers if o.buyable and fits(book.models[o.id], APPLICATIONS[application])
    ]
    assert shown == expected
    recommended = [bool(o.recommended) for o in offers if o.id in expected]
    assert recommended == sorted(recommended, reverse=True)  # recommended ones first
    for model in shown:
        assert f"/configure?market={market}&amp;model={model}" in page.text


def test_mining_in_tajikistan_finds_recommended_dump_trucks(sales: FlaskClient) -> None:
    html = sales.get("/configure/start?market=TJ&application=mining").text
    assert listed(html) and "★ recommended" in html
    assert "dump truck" in html


def test_the_start_page_refuses_unknown_input_naming_the_field(sales: FlaskClient) -> None:
    assert "application" in sales.get("/configure/start?market=KZ&application=x").text
    response = sales.get("/configure/start?market=XX&application=mining")
    assert response.status_code == 422 and "market" in response.text
    assert sales.get("/configure/start?market=KZ&application=x").status_code == 422


def test_the_configurator_links_to_the_guided_start(sales: FlaskClient) -> None:
    html = sales.get("/configure").text
    assert 'href="/configure/start"' in html and 'href="/configure/compare"' in html


def save_order(app: Flask) -> dict[str, Any]:
    with app.app_context():
        data = {"customer": "Astana Logistics", "market": "KZ", "model": "x3000-tractor-6x4"}
        return ordering.create(get_db(), 1, data | {"selections": proposal(app), "quantity": 1})


def columns(html: str) -> list[str]:
    return re.findall(r'<th scope="col" data-item="([^"]+)">', html)


def test_two_models_and_a_saved_order_side_by_side(sales: FlaskClient, app: Flask) -> None:
    order = save_order(app)
    items = ["model:x3000-tractor-6x4", "model:x6000-tractor-4x2", f"order:{order['id']}"]
    page = sales.get("/configure/compare", query_string={"market": "KZ", "item": items})
    assert page.status_code == 200
    assert columns(page.text) == items
    assert order["number"] in page.text
    for label in ("Engine", "Power", "Emission stage", "Design mass", "Legal mass in Kazakhstan"):
        assert f'<th scope="row">{label}</th>' in page.text
    assert page.text.count("<svg") == 3
    # the two tractors differ in engine: that row is marked
    engine_row = re.search(r'<tr( class="differs")?><th scope="row">Engine</th>', page.text)
    assert engine_row and engine_row.group(1)
    # the saved order shows its stored price
    assert f"{order['price']:,} CNY" in page.text


def test_more_than_three_is_refused_naming_the_field(sales: FlaskClient) -> None:
    items = ["model:x3000-tractor-6x4", "model:x6000-tractor-4x2"] * 2
    response = sales.get("/configure/compare", query_string={"market": "KZ", "item": items})
    assert response.status_code == 422 and "item" in response.text


@pytest.mark.parametrize(
    "query",
    [
        {"item": "model:x3000-tractor-6x4"},  # no market for a model
        {"market": "KZ", "item": "model:nope"},
        {"market": "KZ", "item": "order:999999"},
        {"market": "KZ", "item": "order:1x"},
        {"market": "ZZ", "item": "model:x3000-tractor-6x4"},
    ],
)
def test_bad_items_are_a_clear_422(sales: FlaskClient, query: dict[str, str]) -> None:
    response = sales.get("/configure/compare", query_string=query)
    assert response.status_code == 422
    assert "item" in response.text or "market" in response.text


def test_an_empty_comparison_offers_the_choices(sales: FlaskClient) -> None:
    page = sales.get("/configure/compare?market=KZ")
    assert page.status_code == 200
    assert page.text.count('name="item"') == 3
    assert 'value="model:x3000-tractor-6x4"' in page.text


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_start_and_compare_are_translated(sales: FlaskClient, lang: str) -> None:
    start = sales.get(f"/configure/start?market=KZ&application=long-haul&lang={lang}").text
    compare = sales.get(
        f"/configure/compare?market=KZ&item=model:x3000-tractor-6x4&lang={lang}"
    ).text
    for english in ("Long haul", "What is the truck for?", "Show the models", "Compare trucks",
                    "Side by side", "as suggested in"):  # fmt: skip
        assert english not in start and english not in compare, english


def test_an_order_page_links_to_its_comparison(sales: FlaskClient, app: Flask) -> None:
    order = save_order(app)
    page = sales.get(f"/orders/{order['id']}").text
    link = re.search(r'href="([^"]*/configure/compare[^"]*)" data-testid="compare-order"', page)
    assert link
    compared = sales.get(link.group(1).replace("&amp;", "&"))
    assert columns(compared.text) == [f"order:{order['id']}"]
