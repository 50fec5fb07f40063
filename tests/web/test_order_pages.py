"""Saving a configuration as an order, the order list, status changes and stale edits."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog import create_app
from catalog.db import get_db
from catalog.paths import RULES
from catalog.services import orders as ordering
from catalog.services.active_rules import engine
from catalog.store import users as users_store

from .conftest import KZ_TRACTOR, PASSWORD, csrf_token, proposal, sel


@pytest.fixture
def sales(login: Callable[[str], FlaskClient]) -> FlaskClient:
    return login("sales")


@pytest.fixture
def save(sales: FlaskClient, app: Flask) -> Callable[..., str]:
    """save(customer, quantity) -> the new order's page URL (a valid KZ tractor)."""

    def saving(customer: str = "Astana Logistics", quantity: int = 2, **prefer: str) -> str:
        fields = KZ_TRACTOR | sel(proposal(app, **prefer))
        form = sales.get("/orders/new", query_string=fields)
        assert form.status_code == 200
        data: dict[str, Any] = fields | {"customer": customer, "quantity": quantity}
        response = sales.post("/orders/new", data=data | {"csrf_token": csrf_token(form.text)})
        assert response.status_code == 303, response.text
        return str(response.location)

    return saving


def test_saving_an_order_shows_its_page(sales: FlaskClient, save: Callable[..., str]) -> None:
    url = save("Astana Logistics", 3)
    assert re.fullmatch(r"/orders/\d+", url)
    html = sales.get(url).text
    assert re.search(r"Order KZ-\d{4}-00001 saved", html)
    assert "Astana Logistics" in html
    assert 'data-testid="order-status">draft<' in html
    for lang in ("en", "ru", "zh"):
        assert re.search(rf'href="[^"]*spec[^"]*lang={lang}"', html)
    assert "History" in html and "created" in html


def test_an_existing_customer_is_offered(sales: FlaskClient, save: Callable[..., str]) -> None:
    save("Astana Logistics")
    form = sales.get("/orders/new", query_string=KZ_TRACTOR).text
    assert '<option value="Astana Logistics">' in form


def test_saving_needs_the_csrf_token(sales: FlaskClient, app: Flask) -> None:
    data = KZ_TRACTOR | sel(proposal(app)) | {"customer": "X", "quantity": 1}
    assert sales.post("/orders/new", data=data).status_code == 400


def test_a_bad_quantity_is_refused_with_the_form_kept(sales: FlaskClient, app: Flask) -> None:
    fields = KZ_TRACTOR | sel(proposal(app))
    form = sales.get("/orders/new", query_string=fields)
    data = fields | {"customer": "Astana Logistics", "quantity": 0}
    response = sales.post("/orders/new", data=data | {"csrf_token": csrf_token(form.text)})
    assert response.status_code == 422
    assert 'value="Astana Logistics"' in response.text


def test_the_rules_refuse_an_invalid_truck(sales: FlaskClient, app: Flask) -> None:
    fields = KZ_TRACTOR | sel(proposal(app) | {"engine": "WP12.430E201"})
    form = sales.get("/orders/new", query_string=fields)
    data = fields | {"customer": "Astana Logistics", "quantity": 1}
    response = sales.post("/orders/new", data=data | {"csrf_token": csrf_token(form.text)})
    assert response.status_code == 422
    assert "kz-euro-4-minimum" in response.text


def test_list_filters_and_search(sales: FlaskClient, save: Callable[..., str]) -> None:
    save("Astana Logistics")
    save("Karaganda Mining")
    assert "2 orders" in sales.get("/orders").text
    found = sales.get("/orders?q=karaganda").text
    assert "1 order" in found and "Karaganda Mining" in found and "Astana" not in found
    assert "0 orders" in sales.get("/orders?status=shipped").text
    assert "2 orders" in sales.get("/orders?market=KZ&status=draft").text


def change(client: FlaskClient, url: str, **fields: Any) -> Any:
    page = client.get(url).text
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page)
    assert version
    data = {"csrf_token": csrf_token(page), "version": version.group(1)} | fields
    return client.post(url, data=data)


def test_status_moves_the_role_allows(sales: FlaskClient, save: Callable[..., str]) -> None:
    url = save()
    html = sales.get(url).text
    assert 'name="status" value="quoted"' in html and 'name="status" value="shipped"' not in html
    assert change(sales, url, action="status", status="quoted").status_code == 303
    assert change(sales, url, action="status", status="confirmed").status_code == 303
    html = sales.get(url).text
    assert 'data-testid="order-status">confirmed<' in html
    assert "quoted → confirmed" in html  # the history


def test_shipping_needs_a_date(sales: FlaskClient, save: Callable[..., str]) -> None:
    url = save()
    for status in ("quoted", "confirmed"):
        change(sales, url, action="status", status=status)
    refused = change(sales, url, action="status", status="shipped")
    assert refused.status_code == 422
    assert "ship_date" in refused.text
    today = datetime.now(UTC).date().isoformat()  # a ship date is never before the order
    done = change(sales, url, action="status", status="shipped", ship_date=today)
    assert done.status_code == 303
    assert today in sales.get(url).text


def test_other_roles_see_orders_but_cannot_change_them(
    login: Callable[[str], FlaskClient], save: Callable[..., str]
) -> None:
    url = save()
    manager = login("manager")
    html = manager.get(url).text
    assert "Astana Logistics" in html and 'name="status"' not in html
    assert manager.post(url, data={"action": "status", "status": "quoted"}).status_code in (
        400,
        403,
    )


def test_a_stale_edit_is_refused_and_loses_nothing(
    sales: FlaskClient, save: Callable[..., str]
) -> None:
    url = save(quantity=2)
    page = sales.get(url).text
    token = csrf_token(page)
    stale = {"csrf_token": token, "version": "1", "action": "edit"}
    first = sales.post(url, data=stale | {"customer": "Astana Logistics", "quantity": "5"})
    assert first.status_code == 303
    second = sales.post(url, data=stale | {"customer": "Astana Logistics LLP", "quantity": "7"})
    assert second.status_code == 409
    assert "Someone else changed this order" in second.text
    assert 'value="Astana Logistics LLP"' in second.text and 'value="7"' in second.text
    assert 'name="version" type="hidden" value="2"' in second.text  # retry against the latest
    assert "<dd>5</dd>" in second.text  # the other person's change is shown


def test_an_unknown_order_is_404(sales: FlaskClient) -> None:
    response = sales.get("/orders/999")
    assert response.status_code == 404
    assert "There is no order 999." in response.text  # the page's words, not the API's


def test_an_order_the_current_rules_reject_carries_a_warning(
    tmp_path: Path, app: Flask, sales: FlaskClient, save: Callable[..., str]
) -> None:
    url = save(engine="WP12.430E50")  # Euro V: fine in KZ today
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    kz = rules / "markets" / "kz.yaml"
    dated = "{value: %d, from: 2013-07-01"  # the KZ eco class fact is dated
    kz.write_text(kz.read_text().replace(dated % 4, dated % 6))
    later = create_app(dict(app.config) | {"RULES_DIR": str(rules)})
    client = later.test_client()
    client.set_cookie("session", sales.get_cookie("session").value)  # type: ignore[union-attr]
    html = client.get(url).text
    warning = html.split('data-testid="rules-warning"')[1].split("</div>")[0]
    assert "The current rules no longer accept this order." in warning
    assert "kz-euro-4-minimum" in warning
    assert "rules changed" in client.get("/orders").text


def test_an_admin_corrects_a_shipped_order_on_its_page(
    app: Flask, users: Callable[[str], str], sales: FlaskClient, save: Callable[..., str]
) -> None:
    url = save()
    for status in ("quoted", "confirmed"):
        change(sales, url, action="status", status=status)
    today = datetime.now(UTC).date().isoformat()
    change(sales, url, action="status", status="shipped", ship_date=today)
    assert "Correct this shipped order" not in sales.get(url).text  # only admins may
    admin = app.test_client()
    login_page = admin.get("/login")
    admin.post("/login", data={"name": users("admin"), "password": PASSWORD,
                               "csrf_token": csrf_token(login_page.text)})  # fmt: skip
    page = admin.get(url)
    assert "Correct this shipped order" in page.text
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page.text)
    assert version is not None
    form = {"csrf_token": csrf_token(page.text), "version": version.group(1),
            "status": "shipped", "quantity": "1", "ship_date": today}  # fmt: skip
    assert admin.post(url + "/correction", data=form).status_code == 422  # no reason
    done = admin.post(url + "/correction", data=form | {"reason": "one truck stayed behind"})
    assert done.status_code == 303
    text = admin.get(url).text
    assert "corrected" in text and "one truck stayed behind" in text


def test_cancelling_asks_first(sales: FlaskClient, save: Callable[..., str]) -> None:
    url = save()
    page = sales.get(url).text
    assert 'value="cancelled"' not in page  # no one-click cancel
    confirm = sales.get(url + "/cancel")
    assert confirm.status_code == 200
    assert "cannot be reopened" in confirm.text and 'value="cancelled"' in confirm.text
    assert sales.get(url).text.count("status-cancelled") == 0
    version = re.search(r'name="version" type="hidden" value="(\d+)"', confirm.text)
    assert version is not None
    done = sales.post(url, data={"csrf_token": csrf_token(confirm.text), "action": "status",
                                 "status": "cancelled", "version": version.group(1)})  # fmt: skip
    assert done.status_code == 303
    assert 'data-testid="order-status">cancelled' in sales.get(url).text
    assert sales.get(url + "/cancel").status_code == 303  # nothing left to cancel


def test_shipping_without_a_date_says_what_to_enter(
    sales: FlaskClient, save: Callable[..., str]
) -> None:
    url = save()
    for status in ("quoted", "confirmed"):
        change(sales, url, action="status", status=status)
    refused = change(sales, url, action="status", status="shipped")
    assert refused.status_code == 422
    assert "Enter the date the trucks left" in refused.text
    assert 'aria-invalid="true"' in refused.text


@pytest.mark.parametrize(
    "lang, query, expected",
    [
        ("en", "dump truck", {"Pamir Mining"}),
        ("en", "X3000 6x4", {"Pamir Mining", "Astana Logistics"}),
        ("en", "tractor", {"Astana Logistics"}),
        ("ru", "самосвал", {"Pamir Mining"}),
        ("zh", "自卸", {"Pamir Mining"}),
        ("en", "Pamir", {"Pamir Mining"}),
    ],
)
def test_search_finds_the_words_on_the_screen(
    app: Flask, sales: FlaskClient, save: Callable[..., str], lang: str, query: str,
    expected: set[str],
) -> None:  # fmt: skip
    save(customer="Astana Logistics")  # a KZ X3000 6x4 tractor
    with app.app_context():
        config = engine().configure("TJ", "x3000-dump-6x4", {})
        selections = {g.id: v for g in config.groups if (v := g.value or g.default)}
        user = users_store.by_name(get_db(), "sales")
        assert user is not None
        dump = {"customer": "Pamir Mining", "market": "TJ", "model": "x3000-dump-6x4",
                "selections": selections, "quantity": 1}  # fmt: skip
        ordering.create(get_db(), user["id"], dump)
    listed = sales.get("/orders", query_string={"q": query, "lang": lang})
    assert listed.status_code == 200
    shown = {name for name in ("Pamir Mining", "Astana Logistics") if name in listed.text}
    assert shown == expected, (lang, query)
