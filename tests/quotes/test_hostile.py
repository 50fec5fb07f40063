"""Hostile quote input: refused with 422 naming the field, and nothing stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .conftest import TERMS

DAY = date.today()
BAD = [
    ("line_discount_pct", {"line_discount_pct": "-1"}),
    ("line_discount_pct", {"line_discount_pct": "30.01"}),
    ("line_discount_pct", {"line_discount_pct": "1e6"}),
    ("line_discount_pct", {"line_discount_pct": "NaN"}),
    ("line_discount_pct", {"line_discount_pct": "5.555"}),
    ("line_discount_pct", {"line_discount_pct": True}),
    ("total_discount_pct", {"total_discount_pct": "100"}),
    ("total_discount_pct", {"total_discount_pct": -0.5}),
    ("currency", {"currency": "EUR"}),
    ("currency", {"currency": "usd"}),
    ("currency", {"currency": None}),
    ("incoterm", {"incoterm": "DDU"}),  # Incoterms 2000, gone since 2010
    ("place", {"place": ""}),
    ("place", {"place": "x" * 101}),
    ("payment_terms", {"payment_terms": "cash\x00"}),
    (
        "valid_until",
        {"quote_date": DAY.isoformat(), "valid_until": (DAY - timedelta(days=1)).isoformat()},
    ),
    (
        "delivery_date",
        {"quote_date": DAY.isoformat(), "delivery_date": (DAY - timedelta(days=1)).isoformat()},
    ),
    ("quote_date", {"quote_date": "1970-01-01"}),
    ("lang", {"lang": "de"}),
    ("charges", {"charges": [{"kind": "bribe", "description": "x", "amount_cny": "1"}]}),
    ("charges", {"charges": [{"kind": "freight", "description": "x", "amount_cny": "-5"}]}),
    ("charges", {"charges": [{"kind": "freight", "description": "x", "amount_cny": "1.001"}]}),
    ("charges", {"charges": [{"kind": "freight", "description": "x", "amount_cny": "1e12"}]}),
    ("charges", {"charges": [{"kind": "freight", "description": "x", "amount_cny": "1"}] * 11}),
    ("surprise", {"surprise": 1}),
]


@pytest.mark.parametrize(
    ("field", "changes"), BAD, ids=[f"{f}-{i}" for i, (f, _) in enumerate(BAD)]
)
def test_a_new_quote_with_bad_terms_is_refused(
    client, headers, order, add_rate, count_rows, field, changes
):
    add_rate()
    response = client.post(
        f"/api/v1/orders/{order['id']}/quotes", json=TERMS | changes, headers=headers("sales")
    )
    assert response.status_code == 422, response.json
    assert field in str(response.json["errors"])
    assert count_rows("quotes") == 0 and count_rows("quote_events") == 0


@pytest.mark.parametrize(("field", "changes"), BAD[:10], ids=[f for f, _ in BAD[:10]])
def test_a_change_with_bad_terms_changes_nothing(client, headers, draft, field, changes):
    quote = draft()
    url = f"/api/v1/quotes/{quote['id']}"
    response = client.patch(url, json={"version": 1} | changes, headers=headers("sales"))
    assert response.status_code == 422, response.json
    assert field in str(response.json["errors"])
    assert client.get(url, headers=headers("sales")).json == quote


def test_validity_before_a_changed_quote_date_is_refused(client, headers, draft):
    quote = draft(valid_until=(DAY + timedelta(days=3)).isoformat())
    response = client.patch(
        f"/api/v1/quotes/{quote['id']}",
        headers=headers("sales"),
        json={"version": 1, "quote_date": (DAY + timedelta(days=5)).isoformat()},
    )
    # a new quote date without a validity takes the default (quote date + 30 days)
    assert response.status_code == 200, response.json
    response = client.patch(
        f"/api/v1/quotes/{quote['id']}",
        headers=headers("sales"),
        json={"version": 2, "valid_until": (DAY + timedelta(days=4)).isoformat()},
    )
    assert response.status_code == 422 and "valid_until" in response.json["errors"]


def test_defaults_validity_thirty_days_and_the_markets_language(client, headers, draft):
    quote = draft()
    assert quote["terms"]["quote_date"] == DAY.isoformat()
    assert quote["terms"]["valid_until"] == (DAY + timedelta(days=30)).isoformat()
    assert quote["terms"]["lang"] == "ru"  # Kazakhstan's documents are in Russian


def test_roles(client, headers, draft, order):
    quote = draft()
    url = f"/api/v1/quotes/{quote['id']}"
    assert (
        client.patch(
            url, json={"version": 1, "place": "x"}, headers=headers("engineer")
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/v1/orders/{order['id']}/quotes", json=TERMS, headers=headers("manager")
        ).status_code
        == 403
    )
    assert client.get(url).status_code == 401
    assert client.get("/api/v1/quotes/999999", headers=headers("sales")).status_code == 404
