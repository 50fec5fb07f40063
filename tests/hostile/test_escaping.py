"""Markup and script typed into a customer's name come back as text: escaped in every page that
shows it, printed literally in the spec sheet PDF, and plain JSON in the API."""

from __future__ import annotations

import io
import re

import pytest
from markupsafe import escape
from pypdf import PdfReader

from .corpus import MARKUP

NAMES = [MARKUP[k] for k in ("script", "img-onerror", "attr-breakout", "file-url", "jinja")]


@pytest.fixture(scope="module")
def marked(site) -> list[dict]:
    """One order per hostile name, each changed once (a history with two entries)."""
    client, orders = site.app.test_client(), []
    for name in NAMES:
        created = client.post("/api/v1/orders", json=site.order_body(customer=name),
                              headers=site.headers())  # fmt: skip
        assert created.status_code == 201, created.json
        assert created.json["customer"] == name
        patch = {"version": 1, "quantity": 4}
        changed = client.patch(f"/api/v1/orders/{created.json['id']}", json=patch,
                               headers=site.headers())  # fmt: skip
        assert changed.status_code == 200, changed.json
        orders.append(changed.json)
    return orders


def assert_escaped(html: str, name: str) -> None:
    if str(escape(name)) != name:
        assert name not in html  # never live markup
    assert str(escape(name)) in html  # but shown, as text


def pages(site, order: dict) -> dict[str, str]:
    client = site.login("sales")
    return {
        "order page": client.get(f"/orders/{order['id']}").get_data(as_text=True),
        "order list": client.get("/orders", query_string={"q": order["customer"]}).get_data(
            as_text=True
        ),
        "order form": client.get(
            "/orders/new", query_string={"market": "KZ", "model": "x3000-tractor-6x4"}
        ).get_data(as_text=True),  # the customer list
    }


@pytest.mark.parametrize("index", range(len(NAMES)), ids=["script", "img", "attr", "file", "jinja"])
def test_markup_in_a_customer_name_is_escaped_on_every_page(site, marked, index):
    order = marked[index]
    for where, html in pages(site, order).items():
        assert "<html" in html, where
        assert_escaped(html, order["customer"])
    if "{{" in order["customer"]:  # shown as typed, not run as a template
        assert "<dd>{{ 7*7 }}{% raw %}</dd>" in pages(site, order)["order page"]


def test_the_api_returns_the_name_as_json_data(site, marked):
    client = site.app.test_client()
    response = client.get(f"/api/v1/orders/{marked[0]['id']}", headers=site.headers())
    assert response.mimetype == "application/json"
    assert response.json["customer"] == NAMES[0]
    history = client.get(f"/api/v1/orders/{marked[0]['id']}/history", headers=site.headers())
    assert history.json[0]["changes"]["customer"] == [None, NAMES[0]]


def pdf_text(pdf: bytes) -> str:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("index", [0, 3], ids=["script", "file"])
def test_the_spec_sheet_prints_the_markup_as_text(site, marked, index):
    order = marked[index]
    client = site.app.test_client()
    response = client.get(f"/api/v1/orders/{order['id']}/spec.pdf?lang=en", headers=site.headers())
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert re.sub(r"\s+", "", order["customer"]) in text  # printed, not interpreted
    assert "root:x:0:0" not in text


def test_a_quick_quote_prints_the_markup_as_text(site):
    body = {"market": "KZ", "model": "x3000-tractor-6x4", "customer": NAMES[1], "lang": "en"}
    response = site.app.test_client().post("/api/v1/spec.pdf", json=body, headers=site.headers())
    assert response.status_code == 200
    assert re.sub(r"\s+", "", NAMES[1]) in pdf_text(response.data)
