"""Bad input is a 4xx with a clear message: never a 500, never a partial write."""

from __future__ import annotations

import pytest

BASE = {"customer": "Acme", "market": "KZ", "model": "x3000-tractor-6x4", "quantity": 1}

# (id, changes to a valid body (None: drop the field), status, where the message points)
BAD_BODIES = [
    ("quantity-zero", {"quantity": 0}, 422, "quantity"),
    ("quantity-negative", {"quantity": -3}, 422, "quantity"),
    ("quantity-absurd", {"quantity": 10_001}, 422, "quantity"),
    ("quantity-huge", {"quantity": 10**30}, 422, "quantity"),
    ("quantity-string", {"quantity": "3"}, 422, "quantity"),
    ("quantity-float", {"quantity": 2.5}, 422, "quantity"),
    ("quantity-bool", {"quantity": True}, 422, "quantity"),
    ("quantity-missing", {"quantity": None}, 422, "quantity"),
    ("customer-blank", {"customer": "   "}, 422, "customer"),
    ("customer-number", {"customer": 42}, 422, "customer"),
    ("customer-control", {"customer": "Acme\x00"}, 422, "customer"),
    ("customer-surrogate", {"customer": "Acme \ud800"}, 422, "customer"),
    ("customer-long", {"customer": "x" * 201}, 422, "customer"),
    ("unknown-field", {"discount": 10}, 422, "discount"),
    ("market-missing", {"market": None}, 422, "market"),
    ("market-unknown", {"market": "XX"}, 422, "market"),
    ("market-long", {"market": "KAZ"}, 422, "market"),
    ("model-unknown", {"model": "x9000"}, 422, "model"),
    ("selections-list", {"selections": ["engine"]}, 422, "selections"),
    ("selections-number-value", {"selections": {"engine": 5}}, 422, "selections"),
]


@pytest.mark.parametrize(("changes", "status", "field"), [b[1:] for b in BAD_BODIES],
                         ids=[b[0] for b in BAD_BODIES])  # fmt: skip
def test_bad_bodies(client, headers, selections, count_rows, changes, status, field):
    body = BASE | {"selections": selections} | changes
    body = {k: v for k, v in body.items() if v is not None}
    response = client.post("/api/v1/orders", json=body, headers=headers("sales"))
    assert response.status_code == status, response.json
    assert field in str(response.json["errors"])
    assert count_rows("orders") == count_rows("customers") == 0


def test_unknown_option_names_the_group(client, headers, selections, count_rows):
    body = BASE | {"selections": selections | {"paint": "gold", "wings": "yes"}}
    response = client.post("/api/v1/orders", json=body, headers=headers("sales"))
    assert response.status_code == 422
    assert response.json["errors"] == {
        "paint": "unknown option 'gold' of group paint",
        "wings": "unknown group 'wings'",
    }
    assert count_rows("orders") == 0


@pytest.mark.parametrize(
    ("data", "content_type", "status", "message"),
    [
        ("{bad json", "application/json", 400, "the body is not valid JSON: "),
        ("", "application/json", 400, "the body is empty"),
        (b"\xff\xfe{}", "application/json", 400, "the body is not valid JSON: "),
        ('{"customer": "Acme"}', "text/plain", 415, "send the body as JSON"),
        ("customer=Acme", "application/x-www-form-urlencoded", 415, "send the body as JSON"),
        ("[1, 2]", "application/json", 422, "semantic errors"),
        ('"text"', "application/json", 422, "semantic errors"),
    ],
    ids=["malformed", "empty", "not-utf8", "text-plain", "form", "array", "string"],
)
def test_bodies_that_are_not_a_json_object(
    client, headers, count_rows, data, content_type, status, message
):
    response = client.post(
        "/api/v1/orders", data=data, content_type=content_type, headers=headers("sales")
    )
    assert response.status_code == status
    assert response.json["message"].startswith(message) or message in response.json["message"]
    assert count_rows("orders") == 0


def test_a_body_over_the_limit_answers_413_json(app, client, headers, count_rows):
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = '{"customer": "' + "x" * limit + '"}'
    response = client.post(
        "/api/v1/orders", data=body, content_type="application/json", headers=headers("sales")
    )
    assert response.status_code == 413
    assert response.json["code"] == 413
    assert count_rows("orders") == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "version"),
        ({"version": "1", "quantity": 2}, "version"),
        ({"version": 0, "quantity": 2}, "version"),
        ({"version": 10**30, "quantity": 2}, "version"),
        ({"version": 1, "status": "lost"}, "status"),
        ({"version": 1, "status": "shipped", "ship_date": "tomorrow"}, "ship_date"),
        ({"version": 1, "status": "shipped", "ship_date": "1899-01-01"}, "ship_date"),
        ({"version": 1, "market": "UZ"}, "market"),
    ],
    ids=[
        "empty",
        "version-string",
        "version-zero",
        "version-huge",
        "status",
        "date",
        "old",
        "market",
    ],
)
def test_bad_patches(client, headers, create_order, body, field):
    order = create_order()
    response = client.patch(f"/api/v1/orders/{order['id']}", json=body, headers=headers("sales"))
    assert response.status_code == 422
    assert field in str(response.json["errors"])
    after = client.get(f"/api/v1/orders/{order['id']}", headers=headers("sales")).json
    assert after == order


@pytest.mark.parametrize("query", ["page=0", "per_page=101", "page=x", "status=lost", "sort=id"])
def test_bad_list_queries(client, headers, query):
    response = client.get(f"/api/v1/orders?{query}", headers=headers("sales"))
    assert response.status_code == 422


def test_ids_beyond_sqlite_integers_are_404(client, headers):
    huge = 10**25
    for path in (
        f"/api/v1/orders/{huge}",
        f"/api/v1/orders/{huge}/history",
        f"/api/v1/users/{huge}",
    ):
        role = "admin" if "users" in path else "sales"
        assert client.get(path, headers=headers(role)).status_code == 404
    patched = client.patch(f"/api/v1/orders/{huge}", json={"version": 1}, headers=headers("sales"))
    assert patched.status_code == 404
