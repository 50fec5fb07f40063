"""Admins manage users and tokens through /api/v1/users."""

from __future__ import annotations


def test_admin_creates_a_user_whose_token_works(client, headers):
    created = client.post(
        "/api/v1/users",
        json={"name": "zara", "role": "engineer", "password": "long enough now"},
        headers=headers("admin"),
    )
    assert created.status_code == 201
    assert created.json["user"]["role"] == "engineer"
    assert "password" not in created.json["user"]
    token = created.json["token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json["name"] == "zara"
    again = client.post(
        "/api/v1/users", json={"name": "ZARA", "role": "sales"}, headers=headers("admin")
    )
    assert again.status_code == 409


def test_admin_lists_changes_and_deactivates(client, headers):
    sales = headers("sales")
    users = client.get("/api/v1/users", headers=headers("admin")).json
    target = next(u for u in users if u["role"] == "sales")
    url = f"/api/v1/users/{target['id']}"
    assert client.get(url, headers=headers("admin")).json == target
    promoted = client.patch(url, json={"role": "manager"}, headers=headers("admin"))
    assert promoted.json["role"] == "manager"
    assert client.post("/api/v1/orders", json={}, headers=sales).status_code == 403
    client.patch(url, json={"active": False}, headers=headers("admin"))
    assert client.get("/api/v1/me", headers=sales).status_code == 401


def test_admins_cannot_lock_themselves_out(client, headers):
    me = client.get("/api/v1/me", headers=headers("admin")).json
    url = f"/api/v1/users/{me['id']}"
    for body in ({"role": "sales"}, {"active": False}):
        assert client.patch(url, json=body, headers=headers("admin")).status_code == 409
    assert client.patch(url, json={"active": "no"}, headers=headers("admin")).status_code == 422


def test_admin_issues_an_expiring_token(client, headers):
    me = client.get("/api/v1/me", headers=headers("engineer")).json
    issued = client.post(
        f"/api/v1/users/{me['id']}/tokens", json={"days": 7}, headers=headers("admin")
    )
    assert issued.status_code == 201
    assert issued.json["expires_at"] is not None
    auth = {"Authorization": f"Bearer {issued.json['token']}"}
    assert client.get("/api/v1/me", headers=auth).json["name"] == me["name"]
    assert client.get("/api/v1/users/999", headers=headers("admin")).status_code == 404
