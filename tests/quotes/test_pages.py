"""The quote pages through the forms: roles, CSRF, the field named on a refusal, the order
page's revisions section with what changed."""

from __future__ import annotations

import re

from .conftest import TERMS, token


def form(terms: dict, **extra: str) -> dict:
    return {**terms, **extra}


def test_sales_makes_a_quote_and_a_bad_validity_is_named(login, order, add_rate, count_rows):
    add_rate()
    client = login("sales")
    page = client.get(f"/orders/{order['id']}/quotes/new")
    assert page.status_code == 200
    bad = form(TERMS, quote_date="2026-06-10", valid_until="2026-06-01",
               csrf_token=token(page.text))  # fmt: skip
    refused = client.post(f"/orders/{order['id']}/quotes/new", data=bad)
    assert refused.status_code == 422
    assert "<strong>Valid until</strong>: must not be before the quote date" in refused.text
    assert 'value="Almaty"' in refused.text  # what was typed is kept
    assert count_rows("quotes") == 0
    good = form(TERMS, line_discount_pct="5", csrf_token=token(page.text))
    made = client.post(f"/orders/{order['id']}/quotes/new", data=good)
    assert made.status_code == 303
    detail = client.get(made.headers["Location"])
    assert "needed, not yet asked" in detail.text
    assert re.search(r'<button type="submit" name="action" value="send" disabled>', detail.text)


def test_a_form_without_the_csrf_token_changes_nothing(login, draft, count_rows):
    quote = draft()
    client = login("sales")
    response = client.post(f"/quotes/{quote['id']}", data={"action": "send", "version": "1"})
    assert response.status_code == 400
    assert count_rows("quote_events") == 1  # created, nothing else


def test_roles_on_the_pages(login, draft, order):
    quote = draft(line_discount_pct="5")
    client = login("engineer")
    page = client.get(f"/quotes/{quote['id']}")
    assert page.status_code == 200 and 'name="action" value="save"' not in page.text
    data = {"action": "approved", "version": "1", "reason": "x", "csrf_token": token(page.text)}
    assert client.post(f"/quotes/{quote['id']}", data=data).status_code == 403
    assert client.get(f"/orders/{order['id']}/quotes/new").status_code == 403
    assert client.get("/quotes/approvals").status_code == 403
    manager = login("manager")
    page = manager.get(f"/quotes/{quote['id']}")
    assert 'data-testid="decide"' in page.text
    data["csrf_token"] = token(page.text)
    assert manager.post(f"/quotes/{quote['id']}", data=data).status_code == 303
    assert "approved" in manager.get(f"/api/v1/quotes/{quote['id']}").json["approval"]["state"]


def test_the_order_page_shows_revisions_side_by_side(login, client, headers, draft, order):
    first = draft()
    client.post(f"/api/v1/quotes/{first['id']}/send", json={"version": 1}, headers=headers("sales"))
    second = client.post(f"/api/v1/orders/{order['id']}/quotes", json={"place": "Khorgos"},
                         headers=headers("sales")).json  # fmt: skip
    page = login("sales").get(f"/orders/{order['id']}")
    section = page.text[page.text.index('data-testid="revisions"') :]
    assert "Revision A" in section and "Draft" in section
    changed = re.findall(r'<td class="changed">([^<]*)', section)
    assert changed == ["Khorgos "]
    assert f"/quotes/{second['id']}" in section
