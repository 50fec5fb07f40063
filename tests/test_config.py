"""Settings come through Flask's loaders (config.toml, CATALOG_* as JSON) and are typed: a wrong
value refuses to start with a message naming it; a right one works where it is used."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.security import generate_password_hash

from catalog import accounts, create_app
from catalog.config import ConfigError
from catalog.db import get_db
from catalog.migrations import apply_all

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CATALOG_INSTANCE", str(tmp_path))
    monkeypatch.setenv("CATALOG_SECRET_KEY", "config-test")
    return tmp_path


def make_app() -> Flask:
    return create_app({"TESTING": True})


def test_environment_values_are_typed(instance: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOG_MAX_CONTENT_LENGTH", "2048")
    monkeypatch.setenv("CATALOG_SESSION_COOKIE_SECURE", "true")
    monkeypatch.setenv("CATALOG_SPEC_TIMEOUT", "5")
    monkeypatch.setenv("CATALOG_SECRET_KEY", "12345")  # text settings stay the text written
    app = make_app()
    assert app.config["MAX_CONTENT_LENGTH"] == 2048
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SPEC_TIMEOUT"] == 5
    assert app.config["SECRET_KEY"] == "12345"
    assert app.config["DATABASE"] == str(instance / "catalog.sqlite")


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("MAX_CONTENT_LENGTH", "abc", "must be a whole number, got 'abc'"),
        ("MAX_CONTENT_LENGTH", "0", "must be at least 1"),
        ("MAX_CONTENT_LENGTH", "1.5", "must be a whole number"),
        ("SESSION_COOKIE_SECURE", "yes", "must be true or false"),
        ("SESSION_COOKIE_SAMESITE", "sometimes", "must be one of Lax, Strict, None"),
        ("SPEC_PER_USER", "-1", "must be at least 1"),
        ("SPEC_NICE", "40", "must be at most 19"),
    ],
)
def test_a_bad_environment_value_refuses_to_start(
    instance: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, says: str
) -> None:
    monkeypatch.setenv(f"CATALOG_{name}", value)
    with pytest.raises(ConfigError) as refused:
        make_app()
    assert f"{name} (from CATALOG_{name}) {says}" in str(refused.value)


def test_the_instance_file_is_read_and_checked(
    instance: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = instance / "config.toml"
    file.write_text("MAX_CONTENT_LENGTH = 4096\nSPEC_PER_USER = 3\n")
    app = make_app()
    assert (app.config["MAX_CONTENT_LENGTH"], app.config["SPEC_PER_USER"]) == (4096, 3)

    monkeypatch.setenv("CATALOG_SPEC_PER_USER", "5")  # the environment comes after the file
    assert make_app().config["SPEC_PER_USER"] == 5
    monkeypatch.delenv("CATALOG_SPEC_PER_USER")

    file.write_text('SPEC_PER_USER = "3"\n')
    with pytest.raises(ConfigError, match=re.escape(f"SPEC_PER_USER (from {file}) must be a")):
        make_app()
    file.write_text("spec_per_user = 3\n")  # Flask would ignore it without a word
    with pytest.raises(ConfigError, match="keys must be upper case: \\['spec_per_user'\\]"):
        make_app()
    file.write_text("SPEC_PER_USER = \n")
    with pytest.raises(ConfigError, match=re.escape(str(file))):
        make_app()


def test_a_small_max_content_length_answers_413_not_500(
    instance: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CATALOG_MAX_CONTENT_LENGTH=2048 used to stay a string, and every form POST was a 500."""
    monkeypatch.setenv("CATALOG_MAX_CONTENT_LENGTH", "2048")
    monkeypatch.setattr(accounts, "password_hash", lambda p: generate_password_hash(p, "pbkdf2"))
    app = make_app()
    with app.app_context():
        apply_all(get_db())
        accounts.create_user(get_db(), "seller", "sales", "correct horse battery")
    client = app.test_client()
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
    assert token
    form = {"name": "seller", "password": "correct horse battery", "csrf_token": token[1]}
    assert client.post("/login", data=form).status_code == 302
    client.get("/logout")
    big = client.post("/login", data=form | {"padding": "x" * 4000})
    assert big.status_code == 413
    api = client.post("/api/v1/configure", data="{" + " " * 3000 + "}",
                      content_type="application/json")  # fmt: skip
    assert api.status_code == 413 and api.json and api.json["code"] == 413


def test_the_command_line_refuses_a_bad_value_with_its_name(tmp_path: Path) -> None:
    env = {"CATALOG_INSTANCE": str(tmp_path), "CATALOG_MAX_CONTENT_LENGTH": "abc", "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "catalog", "init-db"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    assert "MAX_CONTENT_LENGTH (from CATALOG_MAX_CONTENT_LENGTH) must be a whole number" in (
        done.stderr
    )
    assert not (tmp_path / "catalog.sqlite").exists()
