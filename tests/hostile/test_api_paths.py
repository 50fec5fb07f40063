"""Hostile path parameters, query strings, tokens and static paths: 4xx, never 5xx, never a
file's content, nothing stored."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from catalog import accounts
from catalog.db import get_db
from catalog.store import users

from .corpus import BAD_AUTH, BAD_CODES, BAD_IDS, LEAKS, SQL, STATIC_PATHS, TEXT

# (method, path with {x} for the hostile id, role)
ID_ROUTES = [
    ("GET", "/api/v1/orders/{x}", "sales"),
    ("PATCH", "/api/v1/orders/{x}", "sales"),
    ("GET", "/api/v1/orders/{x}/history", "sales"),
    ("GET", "/api/v1/orders/{x}/spec.pdf", "sales"),
    ("GET", "/api/v1/users/{x}", "admin"),
    ("PATCH", "/api/v1/users/{x}", "admin"),
    ("POST", "/api/v1/users/{x}/tokens", "admin"),
]
BODIES = {
    ("PATCH", "/api/v1/orders/{x}"): {"version": 1, "quantity": 2},
    ("PATCH", "/api/v1/users/{x}"): {"role": "engineer"},
    ("POST", "/api/v1/users/{x}/tokens"): {"days": 1},
}

# (path, query parameter, search: text to look for, so 200 or 4xx; else only 4xx is right)
QUERIES = [
    ("/api/v1/orders/{order}/spec.pdf", "lang", False),
    ("/api/v1/orders/{order}/spec.pdf", "date", False),
    ("/api/v1/orders/{order}", "lang", False),
    ("/api/v1/markets", "lang", False),
    ("/api/v1/models", "market", False),
    ("/api/v1/orders", "market", True),  # a two-letter code that is no market finds nothing
    ("/api/v1/orders", "status", False),
    ("/api/v1/orders", "page", False),
    ("/api/v1/orders", "per_page", False),
    ("/api/v1/orders", "customer", True),
    ("/api/v1/orders", "q", True),
    ("/api/v1/orders", "__proto__", False),
    ("/api/v1/exports", "year", False),
    ("/api/v1/exports", "market", False),
    ("/api/v1/exports", "platform", False),
    ("/api/v1/exports.csv", "body", False),
]
NUMBERS = {"huge": "9" * 40, "negative": "-1", "float": "1.5", "exp": "1e9", "nan": "NaN"}


def query(param: str, value: str) -> str:
    """The query string as a client would send it (a lone surrogate: its invalid UTF-8)."""
    return urlencode({param: value.encode("utf-8", "surrogatepass")})


def shows_a_file(text: str) -> bool:
    return any(leak in text for leak in LEAKS)


@pytest.mark.parametrize(("method", "path", "role"), ID_ROUTES,
                         ids=[f"{m} {p}" for m, p, _ in ID_ROUTES])  # fmt: skip
def test_hostile_ids_are_not_found(site, method, path, role):
    client, wrong = site.app.test_client(), []
    before = site.rows()
    body, headers = BODIES.get((method, path)), site.headers(role)
    for name, value in BAD_IDS.items():
        response = client.open(path.format(x=value), method=method, json=body, headers=headers)
        text = response.get_data(as_text=True)
        if response.status_code not in (404, 405) or shows_a_file(text):
            wrong.append(f"{name}: {response.status_code} {text[:200]}")
    assert wrong == [], "\n".join(wrong)
    assert site.rows() == before


def test_hostile_market_codes_are_not_found(site):
    client = site.app.test_client()
    for name, code in BAD_CODES.items():
        response = client.get(f"/api/v1/markets/{code}", headers=site.headers())
        assert response.status_code == 404, name
        assert set(response.json) == {"code", "status", "message", "errors"}


@pytest.mark.parametrize(("path", "param", "search"), QUERIES,
                         ids=[f"{p} {q}" for p, q, _ in QUERIES])  # fmt: skip
def test_hostile_query_values(site, order, path, param, search):
    client, wrong = site.app.test_client(), []
    role = "manager" if "exports" in path else "sales"
    url = path.format(order=order["id"])
    for name, value in (TEXT | NUMBERS).items():
        response = client.get(url, query_string=query(param, value), headers=site.headers(role))
        status, text = response.status_code, response.get_data(as_text=True)
        fine = 400 <= status < 500 or (search and status == 200)
        if search and status == 200 and name in SQL:
            fine = response.json["total"] == 0  # the text was searched for, not run
        if not fine or shows_a_file(text):
            wrong.append(f"{name}: {status} {text[:200]}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("name", list(BAD_AUTH))
def test_bad_tokens_are_401_and_store_nothing(site, name):
    client = site.app.test_client()
    headers = {"Authorization": BAD_AUTH[name]}
    before = site.rows()
    for method, path in (("GET", "/api/v1/ping"), ("POST", "/api/v1/orders")):
        response = client.open(path, method=method, json=site.order_body(), headers=headers)
        assert response.status_code == 401, response.json
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="catalog"'
        assert response.json["code"] == 401
    assert site.rows() == before


def test_expired_and_deactivated_tokens_are_401(site):
    with site.app.app_context():
        db = get_db()
        user = users.by_name(db, "web-sales")
        assert user is not None
        expired = accounts.issue_token(db, user["id"], days=1).token
        db.execute(
            "UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00+00:00' WHERE token_hash = ?",
            [accounts.hash_token(expired)],
        )
        gone = accounts.create_user(db, "gone", "sales")
        users.update(db, gone.user_id, {"active": 0})
        deactivated = gone.token
    client = site.app.test_client()
    before = site.rows()
    for token in (expired, deactivated):
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/ping", headers=headers).status_code == 401
        response = client.post("/api/v1/orders", json=site.order_body(), headers=headers)
        assert response.status_code == 401
    assert site.rows() == before


def test_a_forged_session_cookie_is_nobody(site):
    client = site.app.test_client()
    client.set_cookie("session", "eyJfdXNlcl9pZCI6IjEifQ.forged.signature")
    assert client.get("/api/v1/ping").status_code == 401
    assert client.get("/orders").status_code == 302  # to the login page


@pytest.mark.parametrize("name", list(STATIC_PATHS))
def test_static_paths_stay_inside_their_folder(site, name):
    response = site.app.test_client().get(STATIC_PATHS[name], follow_redirects=True)
    assert response.status_code in (400, 404)
    assert response.request.path.startswith(("/static/", "/api/docs/assets/"))
    assert not shows_a_file(response.get_data(as_text=True))
