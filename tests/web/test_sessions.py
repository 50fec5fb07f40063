"""Sessions end when they should: logout, password or role change, deactivation, idleness."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient

from catalog import accounts
from catalog.auth import authenticate
from catalog.db import get_db
from catalog.store import users as user_store

from .conftest import PASSWORD, csrf_token

Login = Callable[[str], FlaskClient]
NEW_PASSWORD = "a new and rather long one"


def cookie(client: FlaskClient) -> str:
    found = client.get_cookie("session")
    assert found is not None
    return found.value


def other_browser(app: Flask, value: str) -> FlaskClient:
    """A second client holding a copy of the session cookie."""
    copy = app.test_client()
    copy.set_cookie("session", value)
    return copy


def signed_in(client: FlaskClient) -> bool:
    return client.get("/orders").status_code == 200


def change(app: Flask, name: str, **changes: object) -> int:
    with app.app_context():
        user = user_store.by_name(get_db(), name)
        assert user is not None
        return accounts.update_user(get_db(), user, dict(changes))


def test_logout_ends_the_session_on_the_server(app: Flask, login: Login) -> None:
    client = login("sales")
    copied = other_browser(app, cookie(client))
    assert signed_in(copied)
    page = client.get("/orders")
    client.post("/logout", data={"csrf_token": csrf_token(page.text)})
    assert not signed_in(client)
    assert not signed_in(copied), "a copy of the cookie must stop working at logout"


def test_a_password_change_ends_every_session(app: Flask, login: Login) -> None:
    client = login("sales")
    assert change(app, "sales", password=NEW_PASSWORD) == 1
    assert not signed_in(client)


def test_a_role_change_ends_every_session(app: Flask, login: Login) -> None:
    client = login("sales")
    change(app, "sales", role="engineer")
    assert not signed_in(client)


def test_deactivation_then_reactivation_does_not_revive_a_session(app: Flask, login: Login) -> None:
    client = login("sales")
    value = cookie(client)
    change(app, "sales", active=False)
    change(app, "sales", active=True)
    assert not signed_in(other_browser(app, value))


def test_an_idle_session_ends_after_the_configured_hours(app: Flask, login: Login) -> None:
    assert app.config["SESSION_IDLE_HOURS"] == 12
    client = login("sales")
    assert signed_in(client)
    stale = (datetime.now(UTC) - timedelta(hours=12, minutes=1)).isoformat(timespec="seconds")
    with app.app_context():
        get_db().execute("UPDATE user_sessions SET last_seen_at = ?", [stale])
    assert not signed_in(client)
    with app.app_context():
        assert get_db()["user_sessions"].count == 0


def test_a_used_session_stays_alive(app: Flask, login: Login) -> None:
    client = login("sales")
    recent = (datetime.now(UTC) - timedelta(hours=11)).isoformat(timespec="seconds")
    with app.app_context():
        get_db().execute("UPDATE user_sessions SET last_seen_at = ?", [recent])
    assert signed_in(client)
    with app.app_context():
        (row,) = get_db()["user_sessions"].rows
    assert row["last_seen_at"] > recent


def test_changing_your_own_password_keeps_this_browser_and_ends_the_others(
    app: Flask, login: Login
) -> None:
    client = login("sales")
    elsewhere = other_browser(app, cookie(client))
    page = client.get("/account")
    assert page.status_code == 200
    data = {
        "current": PASSWORD,
        "new": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
        "csrf_token": csrf_token(page.text),
    }
    response = client.post("/account/password", data=data)
    assert response.status_code == 302
    assert signed_in(client)
    assert not signed_in(elsewhere)
    with app.test_request_context():
        assert authenticate("sales", NEW_PASSWORD) is not None


def test_the_account_page_refuses_a_wrong_current_password_and_a_weak_new_one(
    app: Flask, login: Login
) -> None:
    client = login("sales")
    for current, new, expected in [
        ("not my password", NEW_PASSWORD, "Wrong password."),
        (PASSWORD, "password1234", "common passwords"),
        (PASSWORD, "short", "At least 12 characters"),
    ]:
        page = client.get("/account")
        data = {"current": current, "new": new, "confirm": new, "csrf_token": csrf_token(page.text)}
        response = client.post("/account/password", data=data)
        assert response.status_code == 400
        assert expected.lower() in response.text.lower(), expected
    with app.test_request_context():
        assert authenticate("sales", PASSWORD) is not None


def test_the_session_cookie_is_httponly_lax_and_secure_over_https(app: Flask, users) -> None:
    users("sales")
    for base, secure in [("http://localhost", False), ("https://localhost", True)]:
        client = app.test_client()
        page = client.get("/login", base_url=base)
        response = client.post(
            "/login",
            base_url=base,
            headers={"Referer": f"{base}/login"},  # CSRF over HTTPS checks the referrer
            data={"name": "sales", "password": PASSWORD, "csrf_token": csrf_token(page.text)},
        )
        assert response.status_code == 302
        header = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
        assert "HttpOnly" in header and "SameSite=Lax" in header
        assert ("Secure" in header) is secure, header
        assert "Expires=" in header  # lives for the idle lifetime, renewed on use
