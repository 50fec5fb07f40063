"""Shared fixtures: an app on a temporary instance folder, its client and CLI runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from catalog import accounts, create_app
from catalog.db import get_db
from catalog.migrations import apply_all

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="also run the tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked slow (the 60 s load run) are deselected unless --runslow is given."""
    if config.getoption("--runslow"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "test.sqlite"),
            "SECRET_KEY": "test-secret",
            "RULES_DIR": str(RULES),
            "SPEC_CACHE_DIR": str(tmp_path / "spec-cache"),
            "SPEC_NICE": 0,  # tests share the CPU with other tests: no ranking wanted here
        }
    )
    with app.app_context():
        apply_all(get_db())  # every test app starts with the full schema
    yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., str]:
    """make_user("sales") -> a new sales user's API token (name and password optional)."""
    made = iter(range(1, 10_000))

    def make(role: str, name: str | None = None, password: str | None = None) -> str:
        with app.app_context():
            issued = accounts.create_user(get_db(), name or f"{role}-{next(made)}", role, password)
        return issued.token

    return make


@pytest.fixture
def auth() -> Callable[[str], dict[str, str]]:
    """auth(token) -> the request headers of an API client with that token."""
    return lambda token: {"Authorization": f"Bearer {token}"}
