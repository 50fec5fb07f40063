"""The quote workflow through the API: draft, approval (and losing it), sending revisions,
immutability (409), the customer's acceptance."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from flask.testing import FlaskClient

from catalog.db import get_db
from catalog.errors import Conflict, Unprocessable
from catalog.services import quotes

from .conftest import TERMS


def post(client: FlaskClient, url: str, body: dict, header: dict) -> tuple[int, dict]:
    response = client.post(url, json=body, headers=header)
    return response.status_code, dict(response.json or {})


def test_a_discount_within_the_sales_limit_is_sent_without_approval(client, headers, draft):
    quote = draft(line_discount_pct="3")
    assert quote["approval"]["state"] == "not_needed"
    status, sent = post(
        client,
        f"/api/v1/quotes/{quote['id']}/send",
        {"version": quote["version"]},
        headers("sales"),
    )
    assert status == 200, sent
    assert sent["revision"] == "A" and sent["status"] == "sent"
    order = client.get(f"/api/v1/orders/{quote['order_id']}", headers=headers("sales")).json
    assert order["status"] == "quoted"


def test_five_per_cent_needs_a_manager_and_the_approval_is_recorded(client, headers, draft):
    quote = draft(line_discount_pct="5")
    assert quote["approval"] | {"decision": None} == {
        "needed": True,
        "state": "required",
        "limit_pct": "3",
        "discount_pct": "5",
        "lost": False,
        "decision": None,
    }
    url = f"/api/v1/quotes/{quote['id']}"
    status, body = post(client, url + "/send", {"version": quote["version"]}, headers("sales"))
    assert status == 409 and body["errors"] == {"approval": ["required"]}
    status, body = post(
        client,
        url + "/approval",
        {"version": quote["version"], "decision": "approved", "reason": "x"},
        headers("sales"),
    )
    assert status == 403
    status, asked = post(
        client,
        url + "/approval-request",
        {"version": quote["version"], "reason": "fleet of 3, repeat buyer"},
        headers("sales"),
    )
    assert status == 200 and asked["approval"]["state"] == "requested"
    status, approved = post(
        client,
        url + "/approval",
        {"version": quote["version"], "decision": "approved", "reason": "volume deal"},
        headers("manager"),
    )
    assert status == 200 and approved["approval"]["state"] == "approved"
    event = approved["events"][-1]
    assert (event["action"], event["user"], event["role"], event["reason"]) == (
        "approved",
        "manager-q",
        "manager",
        "volume deal",
    )
    assert event["at"]
    status, sent = post(client, url + "/send", {"version": quote["version"]}, headers("sales"))
    assert status == 200 and sent["revision"] == "A"


def test_a_refusal_is_recorded_and_blocks_sending(client, headers, draft):
    quote = draft(total_discount_pct="4.5")
    url = f"/api/v1/quotes/{quote['id']}"
    status, refused = post(
        client,
        url + "/approval",
        {"version": quote["version"], "decision": "refused", "reason": "margin too thin"},
        headers("manager"),
    )
    assert status == 200 and refused["approval"]["state"] == "refused"
    assert refused["events"][-1]["reason"] == "margin too thin"
    status, body = post(client, url + "/send", {"version": quote["version"]}, headers("sales"))
    assert status == 409 and body["errors"] == {"approval": ["refused"]}


def test_a_changed_quote_loses_its_approval(client, headers, draft):
    quote = draft(line_discount_pct="5")
    url = f"/api/v1/quotes/{quote['id']}"
    status, _ = post(
        client,
        url + "/approval",
        {"version": 1, "decision": "approved", "reason": "ok"},
        headers("manager"),
    )
    assert status == 200
    changed = client.patch(
        url, json={"version": 1, "payment_terms": "100 % advance"}, headers=headers("sales")
    )
    assert changed.status_code == 200, changed.json
    assert changed.json["approval"]["state"] == "required"
    assert changed.json["approval"]["lost"] is True
    status, body = post(client, url + "/send", {"version": 2}, headers("sales"))
    assert status == 409 and body["errors"] == {"approval": ["required"]}


def test_a_changed_order_also_loses_the_approval(client, headers, draft, order):
    quote = draft(line_discount_pct="5")
    url = f"/api/v1/quotes/{quote['id']}"
    post(
        client,
        url + "/approval",
        {"version": 1, "decision": "approved", "reason": "ok"},
        headers("manager"),
    )
    response = client.patch(
        f"/api/v1/orders/{order['id']}",
        json={"version": 1, "quantity": 4},
        headers=headers("sales"),
    )
    assert response.status_code == 200
    again = client.get(url, headers=headers("sales")).json
    assert again["approval"]["state"] == "required" and again["quote"]["quantity"] == 4
    status, _ = post(client, url + "/send", {"version": 1}, headers("sales"))
    assert status == 409


def test_a_sent_revision_is_immutable(client, headers, draft, count_rows):
    quote = draft()
    url = f"/api/v1/quotes/{quote['id']}"
    status, sent = post(client, url + "/send", {"version": 1}, headers("sales"))
    assert status == 200
    before = client.get(url, headers=headers("sales")).json
    pdf_before = client.get(url + "/quote.pdf", headers=headers("sales")).data
    response = client.patch(
        url, json={"version": sent["version"], "place": "Tashkent"}, headers=headers("sales")
    )
    assert response.status_code == 409
    assert response.json["errors"]["revision"] == ["A"]
    status, _ = post(client, url + "/send", {"version": sent["version"]}, headers("sales"))
    assert status == 409
    assert client.get(url, headers=headers("sales")).json == before
    assert client.get(url + "/quote.pdf", headers=headers("sales")).data == pdf_before


def test_revisions_follow_letters_and_show_what_changed(client, headers, draft, order):
    first = draft()
    post(client, f"/api/v1/quotes/{first['id']}/send", {"version": 1}, headers("sales"))
    status, second = post(
        client, f"/api/v1/orders/{order['id']}/quotes", {"place": "Khorgos"}, headers("sales")
    )
    assert status == 201, second
    assert second["terms"]["incoterm"] == TERMS["incoterm"]  # copied from revision A
    post(client, f"/api/v1/quotes/{second['id']}/send", {"version": 1}, headers("sales"))
    listed = client.get(f"/api/v1/orders/{order['id']}/quotes", headers=headers("sales")).json
    assert [q["revision"] for q in listed] == ["A", "B"]
    assert listed[0]["changed"] == [] and listed[1]["changed"] == ["place"]


def test_acceptance_confirms_exactly_the_accepted_revision(client, headers, draft, order):
    first = draft(line_discount_pct="2")
    status, a = post(client, f"/api/v1/quotes/{first['id']}/send", {"version": 1}, headers("sales"))
    assert status == 200
    order_now = client.get(f"/api/v1/orders/{order['id']}", headers=headers("sales")).json
    response = client.patch(
        f"/api/v1/orders/{order['id']}",
        json={"version": order_now["version"], "quantity": 7},
        headers=headers("sales"),
    )
    assert response.status_code == 200
    status, b = post(client, f"/api/v1/orders/{order['id']}/quotes", {}, headers("sales"))
    assert status == 201 and b["quote"]["quantity"] == 7
    post(client, f"/api/v1/quotes/{b['id']}/send", {"version": 1}, headers("sales"))
    status, accepted = post(
        client,
        f"/api/v1/quotes/{first['id']}/acceptance",
        {"version": a["version"], "reason": "signed copy of A received"},
        headers("sales"),
    )
    assert status == 200, accepted
    assert accepted["status"] == "accepted"
    confirmed = client.get(f"/api/v1/orders/{order['id']}", headers=headers("sales")).json
    assert confirmed["status"] == "confirmed"
    assert confirmed["quantity"] == a["content"]["quantity"] == 3
    assert confirmed["price"] == a["content"]["price_detail"]
    assert confirmed["selections"] == a["content"]["selections"]
    assert confirmed["amount"] == a["cny"]["gross"] // 100
    status, _ = post(
        client,
        f"/api/v1/quotes/{b['id']}/acceptance",
        {"version": 2, "reason": "late"},
        headers("sales"),
    )
    assert status == 409


def test_the_database_itself_refuses_to_change_a_sent_revision(app, client, headers, draft):
    quote = draft()
    post(client, f"/api/v1/quotes/{quote['id']}/send", {"version": 1}, headers("sales"))
    with app.app_context():
        db = get_db()
        for change in ("terms = '{}'", "pdf = x'00'", "revision = 'B'", "status = 'draft'"):
            with pytest.raises(sqlite3.IntegrityError, match="immutable"):
                db.execute(f"UPDATE quotes SET {change} WHERE id = ?", [quote["id"]])


def test_an_expired_revision_is_neither_sent_nor_accepted(app, client, headers, draft, order):
    today = date.today()
    quote = draft(valid_until=today.isoformat())
    status, sent = post(client, f"/api/v1/quotes/{quote['id']}/send", {"version": 1},
                        headers("sales"))  # fmt: skip
    assert status == 200
    with app.app_context():
        db = get_db()
        user = int(db.execute("SELECT id FROM users WHERE name = 'sales-q'").fetchone()[0])
        with pytest.raises(Conflict) as refused:
            quotes.accept(db, user, quote["id"], sent["version"], "late", today + timedelta(1))
        assert refused.value.errors == {"valid_until": ["expired"]}
        fresh = quotes.create(db, user, order["id"], {})
        with pytest.raises(Unprocessable) as late:
            quotes.send(db, user, fresh["id"], fresh["version"], today + timedelta(60))
        assert list(late.value.errors) == ["valid_until"]
    assert client.get(f"/api/v1/quotes/{quote['id']}", headers=headers("sales")).json == sent
