"""Defaults in code; `instance/config.toml` overrides them; tests pass their own mapping."""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path
from typing import Any

from .languages import DEFAULT_LANGUAGE, LANGUAGES

ROOT = Path(__file__).resolve().parent.parent

DEFAULTS: dict[str, Any] = {
    "RULES_DIR": str(ROOT / "rules"),
    "DATABASE": "catalog.sqlite",  # relative to the instance folder
    "MAX_CONTENT_LENGTH": 1024 * 1024,  # request bodies over 1 MiB are refused with 413
    "API_TITLE": "catalog",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",  # the API docs page: /api/docs
    "OPENAPI_SWAGGER_UI_URL": "/api/docs/assets/",  # served by catalog.api.docs, no CDN
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Secure is set on the cookie whenever the request came over HTTPS; True forces it always.
    "SESSION_COOKIE_SECURE": False,
    "SESSION_IDLE_HOURS": 12,  # a browser session unused this long has ended
    "BABEL_DEFAULT_LOCALE": DEFAULT_LANGUAGE,
    "LANGUAGES": LANGUAGES,
    "ENGINE_CACHE": "compiled",  # compiled rule spaces, relative to the instance folder; "" = off
    "ENGINE_PREPARE": False,  # compile every market and model at start (before workers fork)
}


def load(instance_path: Path, overrides: dict[str, Any] | None) -> dict[str, Any]:
    config = dict(DEFAULTS)
    file = instance_path / "config.toml"
    if file.exists():
        with file.open("rb") as fh:
            config.update({k.upper(): v for k, v in tomllib.load(fh).items()})
    config.update(_from_env())
    if overrides:
        config.update(overrides)
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _instance_secret(instance_path)
    db = Path(config["DATABASE"])
    config["DATABASE"] = str(
        db if db.is_absolute() or str(db) == ":memory:" else instance_path / db
    )
    return config


def _from_env() -> dict[str, str]:
    """CATALOG_DATABASE=/tmp/x.sqlite etc.: string settings for servers and tests that start
    gunicorn (CATALOG_INSTANCE, the instance folder, is read by create_app)."""
    prefix = "CATALOG_"
    return {
        key.removeprefix(prefix): value
        for key, value in os.environ.items()
        if key.startswith(prefix) and key != "CATALOG_INSTANCE"
    }


def _instance_secret(instance_path: Path) -> str:
    """A secret made once per installation and kept in the instance folder, never in git."""
    file = instance_path / "secret_key"
    if not file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        file.write_text(secrets.token_hex(32))
        file.chmod(0o600)
    return file.read_text().strip()
