"""Who may call what: 401 without a valid token, 403 for the wrong role, sessions and CSRF."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask, url_for

from catalog import auth
from catalog.db import get_db
from catalog.store import sessions as session_store
from catalog.store import users as user_store

# Every /api/v1 endpoint with a method and a URL that reaches it.
ENDPOINTS = [
    ("GET", "/api/v1/markets"),
    ("GET", "/api/v1/markets/KZ"),
    ("GET", "/api/v1/models?market=KZ"),
    ("POST", "/api/v1/configure"),
    ("GET", "/api/v1/orders"),
    ("POST", "/api/v1/orders"),
    ("GET", "/api/v1/orders/1"),
    ("PATCH", "/api/v1/orders/1"),
    ("GET", "/api/v1/orders/1/history"),
    ("POST", "/api/v1/orders/1/correction"),
    ("GET", "/api/v1/users"),
    ("POST", "/api/v1/users"),
    ("GET", "/api/v1/users/1"),
    ("PATCH", "/api/v1/users/1"),
    ("POST", "/api/v1/users/1/tokens"),
    ("GET", "/api/v1/users/1/tokens"),
    ("DELETE", "/api/v1/users/1/tokens/1"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/me/tokens"),
    ("DELETE", "/api/v1/me/tokens/1"),
    ("POST", "/api/v1/me/password"),
    ("GET", "/api/v1/ping"),
]


def test_the_list_covers_every_api_endpoint(app: Flask):
    """New endpoints must be added to ENDPOINTS (and so to the 401 test)."""
    listed = {(method, path.split("?")[0]) for method, path in ENDPOINTS}
    mine = ("configure.", "orders.", "users.")  # exports are tested by their own area
    routes = {
        (method, rule.rule.replace("<string:code>", "KZ").replace("<int:order_id>", "1")
         .replace("<int:user_id>", "1").replace("<int:token_id>", "1"))
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(mine)
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }  # fmt: skip
    assert routes == listed


@pytest.mark.parametrize(
    "header",
    [None, "Bearer cat_not-a-real-token", "Basic dXNlcjpwdw==", "Bearer "],
    ids=["none", "unknown", "basic", "empty"],
)
def test_no_valid_token_answers_401_everywhere(client, header):
    headers = {"Authorization": header} if header else {}
    for method, path in ENDPOINTS:
        response = client.open(path, method=method, json={}, headers=headers)
        assert response.status_code == 401, (method, path)
        assert response.json["code"] == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="catalog"'


def test_unknown_api_path_needs_a_token_too(client, headers):
    assert client.get("/api/v1/nothing-here").status_code == 401
    assert client.get("/api/v1/nothing-here", headers=headers("sales")).status_code == 404


ROLE_MATRIX = [
    # method, path, roles allowed (the others get 403)
    ("GET", "/api/v1/markets", {"sales", "engineer", "manager", "admin"}),
    ("GET", "/api/v1/models?market=KZ", {"sales", "engineer", "manager", "admin"}),
    ("GET", "/api/v1/orders", {"sales", "engineer", "manager", "admin"}),
    ("POST", "/api/v1/orders", {"sales", "admin"}),
    ("PATCH", "/api/v1/orders/1", {"sales", "admin"}),
    ("POST", "/api/v1/orders/1/correction", {"admin"}),
    ("GET", "/api/v1/users", {"admin"}),
    ("POST", "/api/v1/users", {"admin"}),
    ("PATCH", "/api/v1/users/1", {"admin"}),
    ("POST", "/api/v1/users/1/tokens", {"admin"}),
    ("GET", "/api/v1/users/1/tokens", {"admin"}),
    ("GET", "/api/v1/me/tokens", {"sales", "engineer", "manager", "admin"}),
    ("DELETE", "/api/v1/users/1/tokens/999", {"admin"}),
]


@pytest.mark.parametrize("role", auth.ROLES)
def test_roles(client, headers, role):
    for method, path, allowed in ROLE_MATRIX:
        response = client.open(path, method=method, json={}, headers=headers(role))
        if role in allowed:
            assert response.status_code not in (401, 403), (path, response.json)
        else:
            assert response.status_code == 403, (method, path)
            assert response.json["message"].startswith("this needs the role ")


def test_configure_is_open_to_every_role(client, headers, selections):
    for role in auth.ROLES:
        body = {"market": "KZ", "model": "x3000-tractor-6x4", "selections": selections}
        response = client.post("/api/v1/configure", json=body, headers=headers(role))
        assert response.status_code == 200
        assert response.json["valid"] is True


def test_inactive_users_and_expired_tokens_are_refused(app, client, make_user, auth):
    token = make_user("sales", name="leaver")
    assert client.get("/api/v1/me", headers=auth(token)).json["name"] == "leaver"
    with app.app_context():
        db = get_db()
        user = user_store.by_name(db, "leaver")
        user_store.update(db, user["id"], {"active": 0})
    assert client.get("/api/v1/me", headers=auth(token)).status_code == 401

    expiring = make_user("sales", name="temp")
    with app.app_context():
        past = (datetime.now(UTC) - timedelta(seconds=1)).isoformat(timespec="seconds")
        get_db()["api_tokens"].update(2, {"expires_at": past})
    assert client.get("/api/v1/me", headers=auth(expiring)).status_code == 401


def test_token_use_is_recorded(app, client, make_user, auth):
    token = make_user("engineer")
    client.get("/api/v1/ping", headers=auth(token))
    with app.app_context():
        (row,) = get_db()["api_tokens"].rows
    assert row["last_used_at"] is not None
    assert len(row["token_hash"]) == 64 and token not in str(row)


def test_authenticate_checks_name_password_and_active(app, make_user):
    make_user("manager", name="mona", password="correct horse")
    with app.test_request_context():
        user = auth.authenticate("mona", "correct horse")
        assert user is not None and (user.name, user.role) == ("mona", "manager")
        assert auth.authenticate("mona", "wrong") is None
        assert auth.authenticate("nobody", "correct horse") is None


def session_of(client, app, name: str) -> None:
    """The client holds a live browser session of the user, as a login would leave it."""
    with app.app_context():
        user = user_store.by_name(get_db(), name)
        sid = secrets.token_urlsafe(16)
        session_store.start(get_db(), user["id"], hashlib.sha256(sid.encode()).hexdigest())
    with client.session_transaction() as session:
        session["_user_id"] = str(user["id"])
        session["_fresh"] = True
        session["sid"] = sid


def test_a_browser_session_reads_the_api_but_writes_only_with_csrf(app, client, make_user):
    make_user("sales", name="sam")
    session_of(client, app, "sam")
    assert client.get("/api/v1/me").json["name"] == "sam"
    refused = client.post("/api/v1/orders", json={})
    assert refused.status_code == 400
    assert "CSRF" in refused.json["message"]


def test_a_bearer_token_wins_over_a_session(app, client, make_user, auth):
    make_user("sales", name="sam")
    session_of(client, app, "sam")
    assert client.get("/api/v1/me", headers=auth("cat_wrong")).status_code == 401
    other = make_user("engineer", name="eve")
    assert client.get("/api/v1/me", headers=auth(other)).json["name"] == "eve"


def test_token_requests_set_no_cookie(client, headers):
    response = client.get("/api/v1/markets", headers=headers("sales"))
    assert "Set-Cookie" not in response.headers


@pytest.fixture
def page_app(app: Flask) -> Flask:
    """The app plus a page for managers only, guarded the way web pages are."""
    app.add_url_rule(
        "/test-managers", "test_managers", auth.roles_required("manager")(lambda: "secret")
    )
    return app


def test_pages_redirect_to_login_then_check_the_role(page_app, make_user):
    client = page_app.test_client()
    response = client.get("/test-managers")
    assert response.status_code == 302
    with page_app.test_request_context():
        login_url = url_for("web.login")
    assert response.headers["Location"].startswith(login_url)
    assert "next=" in response.headers["Location"]

    make_user("sales", name="sam")
    session_of(client, page_app, "sam")
    assert client.get("/test-managers").status_code == 403
    make_user("manager", name="mia")
    session_of(client, page_app, "mia")
    assert client.get("/test-managers").get_data(as_text=True) == "secret"
