"""Exchange rates: dated (the rate of the quote date applies), fixed in a quote, imported from
CSV all or nothing, refused with the field named."""

from __future__ import annotations

from datetime import date, timedelta

from .conftest import TERMS

DAY = date.today()


def rate_body(**changes):
    return {
        "currency": "USD",
        "valid_from": DAY.isoformat(),
        "rate": "0.14",
        "source": "test figure",
    } | changes


def test_the_rate_of_the_quote_date_applies(client, headers, order, add_rate):
    add_rate("USD", "0.1300", (DAY - timedelta(days=20)).isoformat())
    add_rate("USD", "0.1400", (DAY - timedelta(days=5)).isoformat())
    add_rate("USD", "0.1500", (DAY + timedelta(days=1)).isoformat())  # tomorrow's: not yet
    url = f"/api/v1/orders/{order['id']}/quotes"
    quote = client.post(url, json=TERMS, headers=headers("sales")).json
    assert quote["rate"] == "0.14"
    assert quote["rate_from"] == (DAY - timedelta(days=5)).isoformat()
    old = client.patch(
        f"/api/v1/quotes/{quote['id']}",
        headers=headers("sales"),
        json={"version": 1, "quote_date": (DAY - timedelta(days=10)).isoformat()},
    ).json
    assert old["rate"] == "0.13"


def test_a_later_rate_changes_no_quote(client, headers, draft, add_rate):
    quote = draft()  # fixes 0.1405
    add_rate("USD", "0.2000", DAY.isoformat())  # a correction for the same day
    again = client.get(f"/api/v1/quotes/{quote['id']}", headers=headers("sales")).json
    assert again["rate"] == "0.1405" and again["quote"] == quote["quote"]
    changed = client.patch(
        f"/api/v1/quotes/{quote['id']}",
        headers=headers("sales"),
        json={"version": 1, "place": "Khorgos"},
    ).json
    assert changed["rate"] == "0.1405"


def test_no_rate_yet_is_refused_on_the_currency(client, headers, order, count_rows):
    response = client.post(
        f"/api/v1/orders/{order['id']}/quotes",
        json=TERMS | {"currency": "TMT"},
        headers=headers("sales"),
    )
    assert response.status_code == 422
    assert list(response.json["errors"]) == ["currency"]
    assert count_rows("quotes") == 0


def test_only_an_admin_keeps_rates(client, headers):
    for role in ("sales", "manager", "engineer"):
        assert (
            client.post("/api/v1/rates", json=rate_body(), headers=headers(role)).status_code == 403
        )
    assert client.get("/api/v1/rates", headers=headers("sales")).status_code == 200


def test_bad_rates_are_refused_with_the_field_named(client, headers, count_rows):
    cases = {
        "currency": [{"currency": "EUR"}, {"currency": "CNY"}, {"currency": ""}],
        "rate": [
            {"rate": "0"},
            {"rate": "-1"},
            {"rate": "abc"},
            {"rate": "NaN"},
            {"rate": "Infinity"},
            {"rate": "1e9"},
            {"rate": "0.000000000001"},
        ],
        "valid_from": [{"valid_from": "1999-12-31"}, {"valid_from": "2026-13-01"}],
        "source": [{"source": ""}, {"source": "a\x00b"}],
    }
    for field, bodies in cases.items():
        for changes in bodies:
            response = client.post(
                "/api/v1/rates", json=rate_body(**changes), headers=headers("admin")
            )
            assert response.status_code == 422, (changes, response.json)
            assert field in str(response.json["errors"]), (changes, response.json)
    assert count_rows("exchange_rates") == 0


def test_csv_import_stores_all_or_nothing(client, headers, count_rows):
    good = (
        "currency,valid_from,rate,source\n"
        "KZT,2026-11-01,70.85,test figure\nUZS,2026-11-01,1731.2,test figure\n"
    )
    bad = good + "KGS,2026-11-01,-3,test figure\nEUR,2026-11-01,1,x\n"
    response = client.post("/api/v1/rates/import", json={"csv": bad}, headers=headers("admin"))
    assert response.status_code == 422
    assert response.json["errors"] == {
        "line 4": ["rate: a decimal number above 0 and at most 1000000, at most 10 decimals"],
        "line 5": ["currency: one of USD, KZT, UZS, KGS, TJS, TMT"],
    }
    assert count_rows("exchange_rates") == 0
    response = client.post("/api/v1/rates/import", json={"csv": good}, headers=headers("admin"))
    assert response.status_code == 201
    assert [(r["currency"], r["rate"]) for r in response.json] == [
        ("KZT", "70.85"),
        ("UZS", "1731.2"),
    ]
    listed = client.get("/api/v1/rates?currency=KZT", headers=headers("sales")).json
    assert [r["rate"] for r in listed] == ["70.85"]


def test_csv_that_csv_cannot_read_is_a_422_naming_the_line(client, headers, count_rows):
    header = "currency,valid_from,rate,source\n"
    for body in (header + 'KZT,2026-11-01,70.85,"x\ry\r', header + "x" * 140_000 + "\n"):
        response = client.post("/api/v1/rates/import", json={"csv": body}, headers=headers("admin"))
        assert response.status_code in (413, 422), response.status_code
        assert response.json["code"] == response.status_code
    assert count_rows("exchange_rates") == 0
