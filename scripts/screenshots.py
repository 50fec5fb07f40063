"""Screenshots of the main pages for the README, taken by headless Chromium (Debian's).

    .venv/bin/python -m scripts.screenshots [OUT_DIR]     # default docs/screenshots

Starts the app on 127.0.0.1 with a throwaway database holding the demo data, logs in as a
salesperson and photographs each page at 1280 px, some in Russian and Chinese, then at tablet and
phone width; then as an engineer the rule review pages and the regulatory calendar.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from werkzeug.security import generate_password_hash

from catalog import accounts
from catalog.db import get_db
from catalog.demo import load_all
from catalog.store import users
from harness.browser import FAST_HASH, PASSWORD, chromium, make_app, serving

ROOT = Path(__file__).resolve().parent.parent

KZ = "/configure?market=KZ&model=x3000-tractor-6x4"
SHOTS = [
    ("configurator", KZ + "&sel_engine=WP12.430E50&sel_gearbox=12JSD200T-B&sel_cab=high-roof"),
    ("change-your-mind", KZ + "&sel_engine=WP12.430E50&sel_abs=without"
     "&anyway=gearbox=SF16JZ240"),
    ("orders", "/orders"),
    ("order", "/orders/1"),
    ("catalogue", "/catalogue?market=KZ"),
    ("configurator-zh", KZ + "&sel_engine=WP12.430E50&lang=zh"),
    ("start", "/configure/start?market=TJ&application=mining&lang=en"),
    ("compare", "/configure/compare?market=KZ&item=model:x3000-tractor-6x4"
     "&item=model:x6000-tractor-4x2&item=order:1"),
    ("configurator-ru", "/configure?market=TJ&model=x3000-dump-6x4&lang=ru"),
    ("order-ru", "/orders/1?lang=ru"),
    ("orders-zh", "/orders?lang=zh"),
]  # fmt: skip
PHONE = [
    ("configurator-phone", SHOTS[0][1] + "&lang=en"),
    ("orders-phone", "/orders"),
    ("order-phone", "/orders/1"),
    ("start-phone", "/configure/start?market=TJ&application=mining"),
]
REVIEW = [
    ("review", "/review/?lang=en"),
    ("review-market", "/review/markets/KZ"),
    ("calendar", "/review/calendar"),
    ("calendar-ru", "/review/calendar?lang=ru"),
]


def shoot(page: Page, base: str, out: Path, name: str, path: str) -> None:
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(out / f"{name}.png"), full_page=False)
    print(out / f"{name}.png")


def log_in(page: Page, base: str, name: str) -> None:
    page.goto(base + "/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def main(out: Path) -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no request log
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(Path(folder))
        with app.app_context():
            load_all(get_db())
            engineer = accounts.create_user(get_db(), "engineer", "engineer")
            hashed = generate_password_hash(PASSWORD, FAST_HASH)
            users.update(get_db(), engineer.user_id, {"password_hash": hashed})
        with serving(app) as base, sync_playwright() as playwright:
            browser = chromium(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(base + "/login")
            page.screenshot(path=str(out / "login.png"))
            log_in(page, base, "sales")
            for name, path in SHOTS:
                shoot(page, base, out, name, path)
            page.set_viewport_size({"width": 800, "height": 1100})
            shoot(page, base, out, "configurator-tablet", SHOTS[0][1] + "&lang=en")
            page.set_viewport_size({"width": 390, "height": 844})
            for name, path in PHONE:
                shoot(page, base, out, name, path)
            page.context.clear_cookies()
            page.set_viewport_size({"width": 1280, "height": 860})
            log_in(page, base, "engineer")
            for name, path in REVIEW:
                shoot(page, base, out, name, path)
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
