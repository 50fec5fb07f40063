"""Two copies of a sheet: the customer's (what a buyer reads) and the internal one (rule ids,
internal codes, sales advice, rules version). Both stay on two pages for every sample order."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog.services.active_rules import engine

from .conftest import pdf_text

Headers = dict[str, str]
RULE_ID = re.compile(r"\b(?:kz|kg|tj|tm|uz|ca|eng)-[a-z0-9-]+\b")


@pytest.fixture
def sales(make_user: Callable[..., str], auth: Callable[[str], Headers]) -> Headers:
    return auth(make_user("sales"))


@pytest.fixture
def tj_order(client: FlaskClient, sales: Headers, app: Flask) -> dict[str, Any]:
    with app.app_context():
        config = engine().configure("TJ", "x3000-dump-6x4", {})
        selections = {g.id: v for g in config.groups if (v := g.value or g.default)}
    body = {"customer": "Pamir Mining", "market": "TJ", "model": "x3000-dump-6x4",
            "selections": selections, "quantity": 1}  # fmt: skip
    created = client.post("/api/v1/orders", json=body, headers=sales)
    assert created.status_code == 201, created.json
    return dict(created.json or {})


def test_the_customer_copy_leaves_out_what_is_internal(
    client: FlaskClient, sales: Headers, tj_order: dict[str, Any], tmp_path: Path
) -> None:
    url = f"/api/v1/orders/{tj_order['id']}/spec.pdf?lang=en"
    customer = pdf_text(client.get(url, headers=sales).data, tmp_path)
    internal = pdf_text(client.get(url + "&copy=internal", headers=sales).data, tmp_path)
    assert RULE_ID.findall(customer) == []
    assert RULE_ID.findall(internal)  # the internal copy names its rules
    assert "placeholder" not in customer and "placeholder" in internal
    assert "x3000-dump-6x4" not in customer and "x3000-dump-6x4" in internal
    assert "Rules version" not in customer and "Rules version" in internal
    assert "advice" not in customer.lower() and "advice" in internal.lower()
    assert "Internal copy, not for the customer" in internal
    assert "Internal copy" not in customer
    assert "approximate" in customer  # marked figures are explained in plain words


def test_an_unknown_copy_is_refused(client: FlaskClient, sales: Headers, tj_order) -> None:
    response = client.get(f"/api/v1/orders/{tj_order['id']}/spec.pdf?copy=all", headers=sales)
    assert response.status_code == 422
    assert "copy" in response.json["errors"]["query"]
