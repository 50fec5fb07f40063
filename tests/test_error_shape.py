"""Every JSON error has the same shape: {code, status, message, errors}. Pinned here."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from catalog.services.active_rules import engine

KEYS = {"code", "status", "message", "errors"}


def check_shape(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.json
    assert set(body) == KEYS
    assert body["code"] == status
    assert body["status"] == HTTPStatus(status).phrase
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["errors"], dict)
    return body


@pytest.fixture
def headers(make_user, auth):
    tokens = {}

    def header(role):
        tokens.setdefault(role, make_user(role))
        return auth(tokens[role])

    return header


@pytest.fixture
def order_body(app):
    with app.app_context():
        result = engine().configure("KZ", "x3000-tractor-6x4", {})
    selections = {g.id: g.value or g.default for g in result.groups if g.value or g.default}
    return {
        "customer": "Acme",
        "market": "KZ",
        "model": "x3000-tractor-6x4",
        "selections": selections,
        "quantity": 1,
    }


CASES = [
    ("no-token", "GET", "/api/v1/orders", None, 401),
    ("wrong-role", "GET", "/api/v1/users", "sales", 403),
    ("not-found", "GET", "/api/v1/orders/5", "sales", 404),
    ("unknown-path", "GET", "/api/v1/nowhere", "sales", 404),
    ("method", "DELETE", "/api/v1/orders", "sales", 405),
    ("malformed", "POST", "/api/v1/orders", "sales", 400),
    ("method-with-body", "PUT", "/api/v1/orders/5", "sales", 405),
    ("invalid", "POST", "/api/v1/orders", "sales", 422),
]


@pytest.mark.parametrize(("method", "path", "role", "status"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_error_shape(client, headers, method, path, role, status):
    kwargs = {"headers": headers(role)} if role else {}
    if status == 400:
        kwargs |= {"data": "{", "content_type": "application/json"}
    elif method in ("POST", "PATCH", "PUT"):
        kwargs |= {"json": {"quantity": -1}}
    check_shape(client.open(path, method=method, **kwargs), status)


def test_shape_of_415_and_413(app, client, headers):
    check_shape(
        client.post(
            "/api/v1/orders", data="x", content_type="text/plain", headers=headers("sales")
        ),
        415,
    )
    big = "[" + "0," * app.config["MAX_CONTENT_LENGTH"] + "0]"
    check_shape(
        client.post(
            "/api/v1/orders", data=big, content_type="application/json", headers=headers("sales")
        ),
        413,
    )


def test_shape_of_409_and_rule_violations(client, headers, order_body):
    order = client.post("/api/v1/orders", json=order_body, headers=headers("sales")).json
    url = f"/api/v1/orders/{order['id']}"
    client.patch(url, json={"version": 1, "quantity": 3}, headers=headers("sales"))
    stale = client.patch(url, json={"version": 1, "quantity": 4}, headers=headers("sales"))
    check_shape(stale, 409)
    rejected = client.post(
        "/api/v1/orders",
        json=order_body | {"selections": order_body["selections"] | {"heater": "none"}},
        headers=headers("sales"),
    )
    body = check_shape(rejected, 422)
    for violation in body["errors"]["violations"]:
        assert set(violation) == {"rule", "message", "source", "options"}
        assert ":" in violation["source"]


def test_validation_errors_say_where(client, headers):
    response = client.post("/api/v1/orders", json={"quantity": "x"}, headers=headers("sales"))
    body = check_shape(response, 422)
    assert body["errors"]["json"]["quantity"] == ["Not a valid integer."]
    assert body["errors"]["json"]["customer"] == ["Missing data for required field."]
