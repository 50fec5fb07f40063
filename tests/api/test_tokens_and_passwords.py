"""API tokens expire, can be listed and revoked; passwords follow the policy everywhere."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from catalog import accounts
from catalog.auth import authenticate
from catalog.cli.users import users_cli


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_new_token_expires_in_90_days_by_default(client, headers):
    me = client.get("/api/v1/me", headers=headers("engineer")).json
    issued = client.post(f"/api/v1/users/{me['id']}/tokens", json={}, headers=headers("admin"))
    assert issued.status_code == 201
    expires = datetime.fromisoformat(issued.json["expires_at"])
    assert abs(expires - (datetime.now(UTC) + timedelta(days=90))) < timedelta(minutes=5)
    assert accounts.TOKEN_DAYS == 90


def test_a_token_that_never_expires_is_refused(client, headers):
    me = client.get("/api/v1/me", headers=headers("engineer")).json
    url = f"/api/v1/users/{me['id']}/tokens"
    for days in (None, 0, 3651):
        response = client.post(url, json={"days": days}, headers=headers("admin"))
        assert response.status_code == 422, days
        assert "days" in response.json["errors"]["json"]


def test_admin_lists_and_revokes_a_users_token(client, headers):
    me = client.get("/api/v1/me", headers=headers("sales")).json
    listed = client.get(f"/api/v1/users/{me['id']}/tokens", headers=headers("admin")).json
    assert len(listed) == 1 and listed[0]["revoked_at"] is None
    assert set(listed[0]) == {"id", "created_at", "last_used_at", "expires_at", "revoked_at"}
    url = f"/api/v1/users/{me['id']}/tokens/{listed[0]['id']}"
    assert client.delete(url, headers=headers("admin")).status_code == 204
    assert client.get("/api/v1/me", headers=headers("sales")).status_code == 401
    assert client.delete(url, headers=headers("admin")).status_code == 404
    (after,) = client.get(f"/api/v1/users/{me['id']}/tokens", headers=headers("admin")).json
    assert after["revoked_at"] is not None


def test_a_user_revokes_their_own_token_but_not_anothers(client, headers, make_user):
    mine = client.get("/api/v1/me/tokens", headers=headers("sales")).json
    other = make_user("sales", name="someone")
    theirs = client.get("/api/v1/me/tokens", headers=bearer(other)).json
    refused = client.delete(f"/api/v1/me/tokens/{theirs[0]['id']}", headers=headers("sales"))
    assert refused.status_code == 404
    assert client.get("/api/v1/me", headers=bearer(other)).status_code == 200
    done = client.delete(f"/api/v1/me/tokens/{mine[0]['id']}", headers=headers("sales"))
    assert done.status_code == 204
    assert client.get("/api/v1/me", headers=headers("sales")).status_code == 401


@pytest.mark.parametrize(
    "password, problem",
    [
        ("12345678", "at least 12 characters"),
        ("short", "at least 12 characters"),
        ("password1234", "common passwords"),
        ("aaaaaaaaaaaaaaaa", "common passwords"),
        ("x" * 201, "at most 200 characters"),
    ],
)
def test_weak_passwords_are_refused_by_the_api(client, headers, count_rows, password, problem):
    admin = headers("admin")
    before = count_rows("users")
    response = client.post(
        "/api/v1/users", json={"name": "weak", "role": "sales", "password": password}, headers=admin
    )
    assert response.status_code == 422
    assert problem in " ".join(response.json["errors"]["json"]["password"])
    assert count_rows("users") == before


def test_a_password_containing_the_user_name_is_refused(client, headers):
    response = client.post(
        "/api/v1/users",
        json={"name": "timur", "role": "sales", "password": "timur-is-the-best-1"},
        headers=headers("admin"),
    )
    assert response.status_code == 422
    assert "user name" in response.json["message"]


def test_changing_your_password_through_the_api(app, client, make_user):
    token = make_user("sales", name="pat", password="first long password")
    url = "/api/v1/me/password"
    wrong = client.post(
        url, json={"current_password": "nope", "new_password": "second long password"},
        headers=bearer(token),
    )  # fmt: skip
    assert wrong.status_code == 422 and "current_password" in wrong.json["errors"]["json"]
    weak = client.post(
        url, json={"current_password": "first long password", "new_password": "qwerty"},
        headers=bearer(token),
    )  # fmt: skip
    assert weak.status_code == 422 and "new_password" in weak.json["errors"]["json"]
    done = client.post(
        url,
        json={"current_password": "first long password", "new_password": "second long password"},
        headers=bearer(token),
    )
    assert done.status_code == 204
    with app.test_request_context():
        assert authenticate("pat", "second long password") is not None
        assert authenticate("pat", "first long password") is None


def test_the_cli_refuses_a_one_character_password(runner):
    result = runner.invoke(users_cli, ["create", "ann", "--role", "sales", "--password", "x"])
    assert result.exit_code != 0
    assert "at least 12 characters" in result.output


def test_the_cli_lists_and_revokes_tokens(runner):
    made = runner.invoke(users_cli, ["create", "ann", "--role", "sales"])
    assert made.exit_code == 0, made.output
    second = runner.invoke(users_cli, ["token", "ann"])
    assert "expires" in second.output
    listed = runner.invoke(users_cli, ["tokens", "ann"])
    lines = listed.output.strip().splitlines()
    assert len(lines) == 2 and all(line.endswith("active") for line in lines)
    first_id = lines[0].split("\t")[0]
    revoked = runner.invoke(users_cli, ["revoke", "ann", first_id])
    assert revoked.exit_code == 0, revoked.output
    again = runner.invoke(users_cli, ["revoke", "ann", first_id])
    assert again.exit_code != 0 and "no active token" in again.output
    assert "revoked" in runner.invoke(users_cli, ["tokens", "ann"]).output.splitlines()[0]
