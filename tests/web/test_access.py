"""Logging in and out, CSRF on every form, and which role may open which page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from .conftest import PASSWORD, csrf_token


@pytest.mark.parametrize(
    "path", ["/configure", "/orders", "/orders/new", "/catalogue", "/orders/1"]
)
def test_pages_need_a_login(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.location.startswith("/login?next=" + path)


def test_home_sends_visitors_to_login(client: FlaskClient) -> None:
    assert client.get("/").location == "/login"


@pytest.mark.parametrize(
    ("role", "start"),
    [("sales", "/configure"), ("engineer", "/review"), ("manager", "/exports"),
     ("admin", "/orders")],
)  # fmt: skip
def test_home_sends_each_role_where_it_works(
    login: Callable[[str], FlaskClient], role: str, start: str
) -> None:
    client = login(role)
    assert client.get("/").location.startswith(start)


def test_login_goes_back_to_the_page_asked_for(
    client: FlaskClient, users: Callable[[str], str]
) -> None:
    users("sales")
    page = client.get("/login?next=/orders?status=draft")
    data = {"name": "sales", "password": PASSWORD, "csrf_token": csrf_token(page.text)}
    response = client.post("/login", data=data | {"next": "/orders?status=draft"})
    assert response.location == "/orders?status=draft"


def test_login_never_redirects_to_another_site(
    client: FlaskClient, users: Callable[[str], str]
) -> None:
    users("sales")
    page = client.get("/login")
    data = {"name": "sales", "password": PASSWORD, "csrf_token": csrf_token(page.text)}
    response = client.post("/login", data=data | {"next": "https://evil.example/"})
    assert response.location == "/configure"


def test_wrong_password_is_refused_with_a_message(
    client: FlaskClient, users: Callable[[str], str]
) -> None:
    users("sales")
    page = client.get("/login")
    data = {"name": "sales", "password": "nope", "csrf_token": csrf_token(page.text)}
    response = client.post("/login", data=data)
    assert response.status_code == 400
    assert "Unknown user name or wrong password." in response.text
    assert client.get("/configure").status_code == 302


def test_login_without_csrf_token_is_rejected(
    client: FlaskClient, users: Callable[[str], str]
) -> None:
    users("sales")
    response = client.post("/login", data={"name": "sales", "password": PASSWORD})
    assert response.status_code == 400
    assert "CSRF" in response.text
    assert client.get("/configure").status_code == 302


def test_logout_needs_the_csrf_token(login: Callable[[str], FlaskClient]) -> None:
    client = login("sales")
    assert client.post("/logout").status_code == 400
    page = client.get("/configure")
    assert page.status_code == 200
    response = client.post("/logout", data={"csrf_token": csrf_token(page.text)})
    assert response.location == "/login"
    assert client.get("/configure").status_code == 302


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("engineer", "/configure", 403),
        ("manager", "/configure", 403),
        ("manager", "/orders/new?market=KZ&model=x3000-tractor-6x4", 403),
        ("engineer", "/orders", 200),
        ("manager", "/orders", 200),
        ("engineer", "/catalogue", 200),
        ("admin", "/configure", 200),
    ],
)
def test_roles_as_in_the_api(
    login: Callable[[str], FlaskClient], role: str, path: str, status: int
) -> None:
    assert login(role).get(path).status_code == status


@pytest.mark.parametrize(
    ("role", "links", "absent"),
    [
        ("sales", ["/configure", "/orders", "/catalogue"], ["/exports", "/review/"]),
        ("engineer", ["/orders", "/catalogue", "/review/"], ["/configure", "/exports"]),
        ("manager", ["/orders", "/catalogue", "/exports"], ["/configure", "/review/"]),
        ("admin", ["/configure", "/orders", "/catalogue", "/exports", "/review/"], []),
    ],
)
def test_navigation_shows_the_pages_of_the_role(
    login: Callable[[str], FlaskClient], role: str, links: list[str], absent: list[str]
) -> None:
    html = login(role).get("/catalogue").text
    nav = html.split('<ul class="nav-links">')[1].split("</ul>")[0]
    for link in links:
        assert f'href="{link}"' in nav
    for link in absent:
        assert f'href="{link}"' not in nav
    assert f"{role} · " in html  # the logged-in user
