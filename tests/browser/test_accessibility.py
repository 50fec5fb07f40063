"""The main pages pass axe-core's WCAG 2 A and AA checks (labels, contrast, names, landmarks)
in real Chromium, in English and Chinese, at desktop and tablet width.

axe-core 4.14.1 (MPL-2.0) is vendored under tests/browser/vendor/axe-core from the npm registry.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from catalog.db import get_db
from catalog.demo import load_all
from harness.browser import PASSWORD, make_app, serving

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
KZ = "/configure?market=KZ&model=x3000-tractor-6x4"
PAGES = [
    "/configure",
    KZ + "&sel_engine=WP12.430E50&sel_abs=without",
    KZ + "&sel_engine=WP12.430E50&sel_abs=without&anyway=gearbox=SF16JZ240",
    "/configure?market=KZ&model=x5000-tractor-6x4",
    "/orders",
    "/orders/1",
    "/orders/new?market=TJ&model=x3000-dump-6x4&defaults=1",
    "/catalogue?market=KZ",
    "/catalogue/options",
]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = make_app(Path(tmp_path_factory.mktemp("a11y")))
    with app.app_context():
        load_all(get_db())  # sample orders in every status
    with serving(app) as url:
        yield url


@pytest.fixture(params=[(1280, "en"), (800, "zh")], ids=["1280-en", "800-zh"])
def page(request: pytest.FixtureRequest, browser: Browser, demo_url: str) -> Iterator[Page]:
    width, lang = request.param
    # axe is injected as an inline script, which the pages' CSP rightly refuses
    context = browser.new_context(
        viewport={"width": width, "height": 900}, base_url=demo_url, bypass_csp=True
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(f"/login?lang={lang}")
    assert not axe(page), "login page"
    page.fill("#name", "sales")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/configure")
    yield page
    context.close()


def axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2 A/AA violations on the page as it stands: [{id, nodes: [html]}]."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']});
            return r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.html)}));
        }"""
    )
    return list(found)


def test_main_pages_have_no_wcag_violations(page: Page) -> None:
    problems = {}
    for path in PAGES:
        page.goto(path)
        if found := axe(page):
            problems[path] = found
    assert problems == {}
