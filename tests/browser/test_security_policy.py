"""In real Chromium, no page breaks the Content Security Policy: every script and style comes
from the site (no inline script), so the browser reports no violation on any page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from werkzeug.security import generate_password_hash

from catalog import accounts
from catalog.db import get_db
from catalog.demo import load_all
from catalog.store import users
from harness.browser import FAST_HASH, PASSWORD, make_app, serving

pytestmark = pytest.mark.browser

PAGES = [
    "/configure?market=KZ&model=x3000-tractor-6x4",
    "/orders",
    "/orders/1",
    "/catalogue?market=KZ",
    "/exports",
    "/review/",
    "/account",
    "/api/docs",
]


@pytest.fixture(scope="module")
def admin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = make_app(Path(tmp_path_factory.mktemp("csp")))
    with app.app_context():
        db = get_db()
        issued = accounts.create_user(db, "root", "admin")
        users.update(
            db, issued.user_id, {"password_hash": generate_password_hash(PASSWORD, FAST_HASH)}
        )
        load_all(db)
    with serving(app) as url:
        yield url


def test_no_page_violates_the_content_security_policy(browser: Browser, admin_url: str) -> None:
    context = browser.new_context(base_url=admin_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    reports: list[str] = []
    page.on(
        "console",
        lambda m: (
            reports.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None
        ),
    )
    page.goto("/login")
    page.fill("#name", "root")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    for path in PAGES:
        response = page.goto(path)
        assert response is not None and response.ok, path
        page.wait_for_load_state("networkidle")
    # the API docs really started (their script is a file now, not inline)
    page.wait_for_selector(".swagger-ui .info", timeout=20_000)
    context.close()
    assert reports == []
