"""Security headers on every answer; no-store for signed-in pages; 405 says what is allowed."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

Login = Callable[[str], FlaskClient]


def test_every_answer_has_the_security_headers(client: FlaskClient) -> None:
    for path in ["/login", "/static/css/app.css", "/nothing-here", "/api/v1/ping"]:
        with client.get(path) as response:
            headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"


def test_signed_in_pages_are_never_cached(login: Login) -> None:
    client = login("manager")
    for path in ["/orders", "/catalogue", "/account"]:
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    with client.get("/static/css/app.css") as static:
        assert static.headers.get("Cache-Control") != "no-store"


def test_api_answers_are_never_cached(client: FlaskClient) -> None:
    assert client.get("/api/v1/ping").headers["Cache-Control"] == "no-store"


def test_method_not_allowed_says_allow(client: FlaskClient) -> None:
    page = client.delete("/login")
    assert page.status_code == 405
    assert set(page.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    api = client.put("/api/openapi.json")
    assert api.status_code == 405 and "GET" in api.headers["Allow"]
    assert api.json["code"] == 405


def test_https_answers_ask_for_https_next_time(client: FlaskClient) -> None:
    response = client.get("/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in client.get("/login").headers
