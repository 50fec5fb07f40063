"""A customer name gets the same verdict from the API and from the order pages: both read the
one rule in catalog.plain_text (DEL and the C1 controls used to pass the API and fail the page)."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import csrf
from .test_pages import new_order_form, post

NAMES = {
    "plain": ("Acme Trucks LLP", True),
    "cyrillic": ("ТОО «Караван»", True),
    "cjk": ("陕汽重卡 有限公司", True),
    "rtl-mark": ("Acme\u200f Corp", True),  # a format character, not a control
    "longest": ("Ж" * 200, True),
    "overlong": ("Ж" * 201, False),
    "blank": ("   ", False),
    "nul": ("Acme\x00Corp", False),
    "tab": ("Acme\tCorp", False),
    "del": ("Acme\x7fCorp", False),
    "c1-nel": ("Acme\x85Corp", False),
    "c1-csi": ("Acme\x9b31m", False),
}


def _api(site, name: str) -> int:
    client = site.app.test_client()
    body = site.order_body(customer=name)
    return int(client.post("/api/v1/orders", json=body, headers=site.headers()).status_code)


def _page_new(site, name: str) -> int:
    client = site.login("sales")
    token = csrf(client.get("/orders").get_data(as_text=True))
    return int(
        post(
            client, "/orders/new", new_order_form(site, customer=name, csrf_token=token)
        ).status_code
    )


def _page_edit(site, order: dict[str, Any], name: str) -> int:
    client = site.login("sales")
    path = f"/orders/{order['id']}"
    token = csrf(client.get(path).get_data(as_text=True))
    form = {"action": "edit", "customer": name, "quantity": "1", "version": order["version"]}
    return int(post(client, path, form | {"csrf_token": token}).status_code)


@pytest.mark.parametrize("case", sorted(NAMES))
def test_the_api_and_the_pages_agree_on_a_customer_name(site, order, case: str) -> None:
    name, acceptable = NAMES[case]
    verdicts = {
        "api": _api(site, name) == 201,
        "new order page": _page_new(site, name) == 303,
        "edit order page": _page_edit(site, order, name) in (302, 303),
    }
    assert verdicts == dict.fromkeys(verdicts, acceptable)
