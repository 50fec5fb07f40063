"""flask init-db, users and demo-data."""

from __future__ import annotations

from catalog.db import get_db


def test_init_db_is_idempotent(runner):
    first = runner.invoke(args=["init-db"])
    assert first.exit_code == 0
    assert first.output.strip().endswith("up to date")  # the test app is already migrated
    assert runner.invoke(args=["init-db"]).output == first.output


def test_init_db_creates_a_new_database(tmp_path, monkeypatch):
    from catalog import create_app

    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "new.sqlite"), "SECRET_KEY": "k"})
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0
    assert "catalog.orders:m001_users" in result.output
    assert "catalog.orders:m002_orders" in result.output
    with app.app_context():
        tables = set(get_db().table_names())
    assert {"users", "api_tokens", "customers", "orders", "order_history"} <= tables


def test_users_create_prints_the_token_last(runner, client):
    result = runner.invoke(args=["users", "create", "olga", "--role", "manager"])
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("cat_")
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json
    assert (me["name"], me["role"]) == ("olga", "manager")


def test_users_create_with_a_prompted_password(app, runner):
    result = runner.invoke(
        args=["users", "create", "pavel", "--role", "sales", "--password"],
        input="s3cret-passphrase\ns3cret-passphrase\n",
    )
    assert result.exit_code == 0
    assert "s3cret-passphrase" not in result.output
    from catalog.auth import authenticate

    with app.test_request_context():
        assert authenticate("pavel", "s3cret-passphrase") is not None


def test_users_create_refuses_duplicates_and_bad_roles(runner):
    assert runner.invoke(args=["users", "create", "ivan", "--role", "sales"]).exit_code == 0
    again = runner.invoke(args=["users", "create", "IVAN", "--role", "sales"])
    assert again.exit_code == 1 and "already exists" in again.output
    bad = runner.invoke(args=["users", "create", "x", "--role", "boss"])
    assert bad.exit_code == 2
    assert runner.invoke(args=["users", "create", "a b", "--role", "sales"]).exit_code == 1


def test_users_token_and_list(runner, client):
    runner.invoke(args=["users", "create", "nina", "--role", "engineer"])
    result = runner.invoke(args=["users", "token", "nina", "--days", "30"])
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    assert client.get("/api/v1/ping", headers={"Authorization": f"Bearer {token}"}).json == {
        "ok": True
    }
    assert runner.invoke(args=["users", "list"]).output == "nina\tengineer\n"
    assert runner.invoke(args=["users", "token", "nobody"]).exit_code == 1


def test_demo_data_twice_changes_nothing(app, runner):
    first = runner.invoke(args=["demo-data"])
    assert first.exit_code == 0, first.output
    assert first.output.count(" password ") == 4
    with app.app_context():
        db = get_db()
        counts = {t: db[t].count for t in ("users", "api_tokens", "orders", "order_history")}
        statuses = {r["status"] for r in db["orders"].rows}
        markets = {r["market"] for r in db["orders"].rows}
    assert counts["users"] == 4 and counts["orders"] >= 5
    assert statuses == {"draft", "quoted", "confirmed", "shipped", "cancelled"}
    assert markets == {"KZ", "KG", "TJ", "TM", "UZ"}
    second = runner.invoke(args=["demo-data"])
    assert second.exit_code == 0
    assert " password " not in second.output
    with app.app_context():
        db = get_db()
        assert {t: db[t].count for t in counts} == counts
