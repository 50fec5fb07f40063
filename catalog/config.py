"""Settings through Flask's own loaders, checked for type before anything starts.

Order: DEFAULTS here, then `instance/config.toml` (upper-case keys, `Config.from_file` with
tomllib), then `CATALOG_*` environment variables (`Config.from_prefixed_env`: values are read as
JSON, so `CATALOG_MAX_CONTENT_LENGTH=2048` is a number), then a test's own mapping. Every setting
in SETTINGS is then checked: a wrong type or range refuses to start with a ConfigError naming the
setting, where it came from and what it must be.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from flask import Config

from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .paths import RULES

PREFIX = "CATALOG"
FILE = "config.toml"  # in the instance folder


class ConfigError(ValueError):
    """A setting the service cannot start with; the message says which and why."""


@dataclass(frozen=True)
class Setting:
    kind: type  # str, int, float or bool
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    optional: bool = False  # None (not set) is allowed

    def problem(self, value: Any) -> str | None:
        """What is wrong with `value`, or None when it fits."""
        if value is None and self.optional:
            return None
        if self.kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not self.kind:
            return f"must be {NAMES[self.kind]}"
        if self.choices and value not in self.choices:
            return f"must be one of {', '.join(self.choices)}"
        return self._out_of_range(value) if isinstance(value, int | float) else None

    def _out_of_range(self, value: float) -> str | None:
        if self.minimum is not None and value < self.minimum:
            return f"must be at least {self.minimum:g}"
        if self.maximum is not None and value > self.maximum:
            return f"must be at most {self.maximum:g}"
        return None


NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}

SETTINGS: dict[str, Setting] = {
    "DATABASE": Setting(str),  # relative paths are inside the instance folder
    "RULES_DIR": Setting(str),
    "SECRET_KEY": Setting(str, optional=True),  # unset: made once in the instance folder
    "INSTANCE": Setting(str),  # CATALOG_INSTANCE: read by create_app before anything else
    "PROXIES": Setting(int, minimum=0, maximum=5),  # proxies in front whose X-Forwarded-* count
    "MAX_CONTENT_LENGTH": Setting(int, minimum=1),  # bytes
    "MAX_FORM_MEMORY_SIZE": Setting(int, minimum=1),
    "MAX_FORM_PARTS": Setting(int, minimum=1),
    "SESSION_COOKIE_SECURE": Setting(bool),
    "SESSION_IDLE_HOURS": Setting(float, minimum=0.01),  # catalog/security/sessions.py
    "SESSION_COOKIE_HTTPONLY": Setting(bool),
    "SESSION_COOKIE_SAMESITE": Setting(str, choices=("Lax", "Strict", "None")),
    "PREFERRED_URL_SCHEME": Setting(str, choices=("http", "https")),
    "TESTING": Setting(bool),
    "DEBUG": Setting(bool),
    "WTF_CSRF_ENABLED": Setting(bool),
    "BABEL_DEFAULT_LOCALE": Setting(str, choices=("en", "ru", "zh")),
    # spec sheet rendering (catalog/specsheet/pool.py, cache.py)
    "SPEC_WORKERS": Setting(int, minimum=1, maximum=64),  # render processes per web worker
    "SPEC_QUEUE": Setting(int, minimum=1),  # renders under way at once, all web workers together
    "SPEC_PER_USER": Setting(int, minimum=1),  # renders under way at once for one user
    "SPEC_TIMEOUT": Setting(float, minimum=1),  # seconds a request waits for its sheet
    "SPEC_NICE": Setting(int, minimum=0, maximum=19),  # render processes yield the CPU
    "SPEC_CACHE_DIR": Setting(str),  # relative paths are inside the instance folder
    "SPEC_CACHE_MB": Setting(float, minimum=0),  # 0: no cache
}

DEFAULTS: dict[str, Any] = {
    "RULES_DIR": str(RULES),
    "DATABASE": "catalog.sqlite",
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
    "PROXIES": 0,  # scripts/run.sh sets 1: nginx (deploy/nginx.conf)
    "SPEC_WORKERS": 1,
    "SPEC_QUEUE": 8,
    "SPEC_PER_USER": 2,
    "SPEC_TIMEOUT": 60.0,
    "SPEC_NICE": 10,
    "SPEC_CACHE_DIR": "spec-cache",
    "SPEC_CACHE_MB": 200.0,
}


def load(config: Config, instance_path: Path, overrides: dict[str, Any] | None) -> None:
    """Fill `config` (the app's) from every source in order, check it, then derive paths."""
    config.from_mapping(DEFAULTS)
    config.from_file(str(instance_path / FILE), load=_read_toml, text=False, silent=True)
    config.from_prefixed_env(PREFIX)
    _keep_text(config)
    if overrides:
        config.from_mapping(overrides)
    check(config, instance_path)
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _instance_secret(instance_path)
    config["DATABASE"] = _inside(instance_path, config["DATABASE"])
    config["SPEC_CACHE_DIR"] = _inside(instance_path, config["SPEC_CACHE_DIR"])


def check(config: Config, instance_path: Path) -> None:
    """Refuse every setting of the wrong type or range, all of them in one message."""
    problems = [
        f"{name} ({_source(name, instance_path)}) {problem}, got {config[name]!r}"
        for name, setting in SETTINGS.items()
        if name in config and (problem := setting.problem(config[name])) is not None
    ]
    if problems:
        raise ConfigError("bad configuration: " + "; ".join(problems))


def _read_toml(fh: IO[bytes]) -> dict[str, Any]:
    """tomllib.load, refusing lower-case keys (Flask would silently ignore them)."""
    try:
        data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"bad configuration: {fh.name}: {err}") from err
    lower = [key for key in data if not key.isupper()]
    if lower:
        raise ConfigError(f"bad configuration: {fh.name}: keys must be upper case: {lower}")
    return data


def _keep_text(config: Config) -> None:
    """A text setting stays the text written (CATALOG_SECRET_KEY=12345 is not a number)."""
    for name, setting in SETTINGS.items():
        raw = os.environ.get(f"{PREFIX}_{name}")
        if setting.kind is str and raw is not None:
            config[name] = raw


def _source(name: str, instance_path: Path) -> str:
    """Where a refused value came from (the last source that sets it)."""
    if f"{PREFIX}_{name}" in os.environ:
        return f"from {PREFIX}_{name}"
    file = instance_path / FILE
    if file.exists() and name in tomllib.loads(file.read_text()):
        return f"from {file}"
    return "as given to create_app"


def _inside(instance_path: Path, value: str) -> str:
    path = Path(value)
    return str(path if path.is_absolute() or value == ":memory:" else instance_path / path)


def _instance_secret(instance_path: Path) -> str:
    """A secret made once per installation and kept in the instance folder, never in git."""
    file = instance_path / "secret_key"
    if not file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        file.write_text(secrets.token_hex(32))
        file.chmod(0o600)
    return file.read_text().strip()
