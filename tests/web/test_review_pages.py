"""Rule review pages (issue 7): engineers and admins only; findings, counts, rules, effects."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog import accounts
from catalog.db import get_db
from catalog.store import orders
from catalog.web import review

from .conftest import proposal


@pytest.mark.parametrize("role", ["sales", "manager"])
def test_other_roles_are_refused(login: Callable[[str], FlaskClient], role: str) -> None:
    assert login(role).get("/review/").status_code == 403


def test_visitors_are_sent_to_log_in(client: FlaskClient) -> None:
    response = client.get("/review/markets/KZ")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_index_shows_findings_and_counts(login: Callable[[str], FlaskClient]) -> None:
    page = login("engineer").get("/review/")
    assert page.status_code == 200
    html = page.text
    assert "rules/markets/kz.yaml:35" in html and "kz-long-haul-12-speed" in html
    assert "no valid configuration in KZ" in html
    assert "115,935,805,440" in html  # TM x3000 tractor
    assert 'href="/review/markets/KZ"' in html


def test_market_page_lists_own_inherited_and_catalogue_rules(
    login: Callable[[str], FlaskClient],
) -> None:
    html = login("admin").get("/review/markets/kz").text
    assert "Rules of this market (5)" in html
    assert "Inherited from layer central-asia" in html
    assert "Government decree No. 97 of 6 Feb 2013" in html  # legal reference
    assert "rules/markets/kz.yaml:21" in html
    assert "Kazakhstan admits imported trucks with eco class 4 (Euro 4) engines or better." in html
    assert "0 (never)" in html  # the Euro II-only X5000 6x4 tractor
    assert "rules/catalogue/models.yaml:759" in html


def test_rule_page_shows_what_it_blocks(login: Callable[[str], FlaskClient]) -> None:
    client = login("engineer")
    html = client.get("/review/rules/kz-euro-4-minimum").text
    assert "engine=WP12.430E201" in html
    assert "the whole model: no valid configuration is left" in html  # L3000 dump in KZ
    redundant = client.get("/review/rules/kz-long-haul-12-speed").text
    assert "Nothing: every option stays as selectable" in redundant
    assert "redundant" in redundant


def test_unknown_market_and_rule_are_404(login: Callable[[str], FlaskClient]) -> None:
    client = login("engineer")
    assert client.get("/review/markets/XX").status_code == 404
    assert client.get("/review/rules/no-such-rule").status_code == 404


def test_calendar_lists_dated_changes_and_the_orders_they_will_reject(
    app: Flask, login: Callable[[str], FlaskClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A KZ tractor without the emergency call unit, stored before the 2028 rule was known and
    delivered in March 2028: accepted with advice today, rejected on its delivery date."""
    monkeypatch.setattr(review, "today", lambda: date(2026, 12, 3))
    selections = {**proposal(app), "emergency_call": "none"}
    with app.app_context():
        db = get_db()
        user = accounts.create_user(db, "seller", "sales").user_id
        order = {"customer": "Astana Haulage", "market": "KZ", "model": "x3000-tractor-6x4",
                 "selections": selections, "quantity": 2, "price": 1, "price_detail": {},
                 "status": "confirmed", "rules_version": "old",
                 "delivery_date": "2028-03-01"}  # fmt: skip
        order_id = orders.insert(db, order, user)
    client = login("engineer")
    assert 'href="/review/calendar"' in client.get("/review/").text
    html = client.get("/review/calendar?months=24").text
    assert "Regulatory calendar" in html
    assert "rules/layers/central-asia.yaml:85" in html  # the 2028 rule, where it is written
    assert "ends (last day Dec 31, 2027)" in html
    assert f'href="/orders/{order_id}"' in html and "Astana Haulage" in html
    assert "ca-emergency-call: EAEU: from 1 Jan 2028 every truck needs" in html
    assert "Open orders a coming change will reject (1)" in html
    short = client.get("/review/calendar?months=6").text
    assert "central-asia.yaml:85" not in short.split("Dated changes")[1]  # beyond six months
    assert "Astana Haulage" in short  # the order is still at risk, whatever the window
    ru = client.get("/review/calendar?lang=ru").text
    assert "с 1 января 2028 г. каждому грузовику нужен блок экстренного вызова" in ru
    assert "1 янв. 2028\u202fг." in ru  # days in the reader's language (CLDR spacing)
    assert login("sales").get("/review/calendar").status_code == 403
