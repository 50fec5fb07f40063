"""Screenshots of the main pages for the README, taken by headless Chromium (Debian's).

    .venv/bin/python -m scripts.screenshots [OUT_DIR]     # default docs/screenshots

Starts the app on 127.0.0.1 with a throwaway database holding the demo data, logs in as a
salesperson and photographs each page at 1280 px (and the configurator at tablet and phone width).
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from catalog.db import get_db
from catalog.demo import load_all
from harness.browser import PASSWORD, chromium, make_app, serving

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
]  # fmt: skip


def shoot(page: Page, base: str, out: Path, name: str, path: str) -> None:
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(out / f"{name}.png"), full_page=False)
    print(out / f"{name}.png")


def main(out: Path) -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no request log
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(Path(folder))
        with app.app_context():
            load_all(get_db())
        with serving(app) as base, sync_playwright() as playwright:
            browser = chromium(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(base + "/login")
            page.screenshot(path=str(out / "login.png"))
            page.fill("#name", "sales")
            page.fill("#password", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url("**/configure")
            for name, path in SHOTS:
                shoot(page, base, out, name, path)
            page.goto(base + "/configure?lang=en")
            page.set_viewport_size({"width": 800, "height": 1100})
            shoot(page, base, out, "configurator-tablet", SHOTS[0][1])
            page.set_viewport_size({"width": 390, "height": 844})
            shoot(page, base, out, "configurator-phone", SHOTS[0][1])
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
