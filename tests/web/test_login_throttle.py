"""Login throttling: guessers get 429 without a password hash; the real user is not locked out
for long, and not at all from another address."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalog import auth
from catalog.db import get_db
from catalog.security import throttle

from .conftest import PASSWORD, csrf_token


def attempt(client: FlaskClient, password: str, address: str = "10.0.0.1", name: str = "sales"):
    page = client.get("/login")
    return client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": csrf_token(page.text)},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.fixture
def sales(users: Callable[[str], str]) -> str:
    return users("sales")


def test_wrong_passwords_are_throttled_with_retry_after(client: FlaskClient, sales: str) -> None:
    limit = throttle.LIMITS["pair"]
    for _ in range(limit):
        assert attempt(client, "wrong").status_code == 400
    refused = attempt(client, PASSWORD)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= throttle.WINDOW
    assert "Too many failed logins" in refused.text


def test_a_throttled_guess_is_not_even_hashed(
    client: FlaskClient, sales: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(throttle.LIMITS["pair"]):
        attempt(client, "wrong")
    checked: list[str] = []
    monkeypatch.setattr(auth, "check_password_hash", lambda h, p: checked.append(p) or False)
    assert attempt(client, "another guess").status_code == 429
    assert checked == []


def test_the_real_user_elsewhere_still_logs_in(client: FlaskClient, sales: str) -> None:
    for _ in range(throttle.LIMITS["pair"]):
        attempt(client, "wrong", address="203.0.113.9")
    assert attempt(client, PASSWORD, address="198.51.100.7").status_code == 302


def test_one_address_guessing_many_accounts_is_throttled(client: FlaskClient, sales: str) -> None:
    for n in range(throttle.LIMITS["address"]):
        attempt(client, "wrong", name=f"nobody{n}")
    assert attempt(client, PASSWORD).status_code == 429
    assert attempt(client, PASSWORD, address="10.9.9.9").status_code == 302


def test_the_lock_lifts_when_the_window_has_passed(
    app: Flask, client: FlaskClient, sales: str
) -> None:
    for _ in range(throttle.LIMITS["pair"]):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 429
    with app.app_context():
        get_db().execute("UPDATE login_failures SET at = at - ?", [throttle.WINDOW + 1])
    assert attempt(client, PASSWORD).status_code == 302


def test_a_good_login_forgets_the_pairs_failures(
    app: Flask, client: FlaskClient, sales: str
) -> None:
    for _ in range(throttle.LIMITS["pair"] - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    with app.app_context():
        assert get_db()["login_failures"].count == 0
