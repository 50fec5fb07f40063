"""The guided start and the comparison in Chromium, by keyboard only, with JavaScript on and off;
axe-core finds nothing on the new pages at 1280 and 390 px, and nothing is wider than the screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from catalog.db import get_db
from catalog.demo import load_all
from catalog.order_lifecycle import EDITABLE
from catalog.services import orders as ordering
from catalog.store.orders import Filters
from harness.browser import PASSWORD, make_app, serving

from .conftest import Tab
from .test_accessibility import axe

pytestmark = pytest.mark.browser
NEW_PAGES = [
    "/configure/start",
    "/configure/start?market=TJ&application=mining",
    "/configure/compare?market=KZ",
    "/configure/compare?market=KZ&item=model:x3000-tractor-6x4&item=model:x6000-tractor-4x2",
    "/configure?market=KZ&model=x3000-tractor-6x4&sel_abs=without",
]


def log_in(page: Page) -> None:
    """By keyboard, on the login page already open."""
    page.locator("#name").focus()
    page.keyboard.type("sales")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/configure")


def test_guided_start_to_a_comparison_by_keyboard(tab: Tab) -> None:
    page = tab.page
    tab.goto("/login")
    log_in(page)
    page.get_by_test_id("guided-start").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/configure/start$"))
    page.locator("#market").focus()
    page.keyboard.type("Kaz")  # a focused select takes the typed name
    expect(page.locator("#market")).to_have_value("KZ")
    page.locator("#app-long-haul").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # submits the form
    found = page.get_by_test_id("found")
    expect(found).to_contain_text("recommended")
    rows = found.locator("tbody tr")
    expect(rows.first).to_contain_text("tractor")
    for n in (0, 1):
        rows.nth(n).locator("input[type=checkbox]").focus()
        page.keyboard.press("Space")
    page.get_by_test_id("compare-selected").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/configure/compare\?"))
    comparison = page.get_by_test_id("comparison")
    expect(comparison.locator("thead th[data-item]")).to_have_count(2)
    expect(comparison).to_contain_text("Power")
    expect(comparison.locator("svg")).to_have_count(2)
    # from a column to the configurator, still by keyboard
    comparison.locator("thead th[data-item] a").first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/configure\?market=KZ&model="))
    expect(page.get_by_test_id("summary")).to_contain_text("Power")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The live URL and the pages to check: the new ones, a saved order in the comparison, and
    an open sample order reopened in the configurator."""
    app = make_app(Path(tmp_path_factory.mktemp("guided")))
    with app.app_context():
        load_all(get_db())  # sample orders in every status
        found, _total = ordering.find(get_db(), Filters(), 1, 100)
    open_order = next(o["id"] for o in found if o["status"] in EDITABLE)
    pages = [*NEW_PAGES, f"/orders/{open_order}/reopen"]
    pages.append(pages[3] + f"&item=order:{open_order}")
    with serving(app) as url:
        yield url, pages


@pytest.mark.parametrize("width", [1280, 390])
def test_new_pages_pass_axe_and_fit_the_screen(
    browser: Browser, demo: tuple[str, list[str]], width: int
) -> None:
    url, pages = demo
    context = browser.new_context(
        viewport={"width": width, "height": 900}, base_url=url, bypass_csp=True
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/login")
    log_in(page)
    problems, wide = {}, {}
    for path in pages:
        page.goto(path)
        if found := axe(page):
            problems[path] = found
        overflow = page.evaluate("document.documentElement.scrollWidth")
        if overflow > width:
            wide[path] = overflow
    context.close()
    assert problems == {}
    assert wide == {}


def test_the_summary_and_drawing_follow_each_choice(tab: Tab) -> None:
    page = tab.page
    tab.goto("/login")
    log_in(page)
    tab.goto("/configure?market=KZ&model=x3000-tractor-6x4&sel_cab=high-roof")
    page.wait_for_load_state()
    summary = page.get_by_test_id("summary")
    cab_line = summary.locator("tr.line", has_text="Cab:").first
    expect(cab_line).to_have_class(re.compile("how-chosen"))
    drawing = page.get_by_test_id("drawing").inner_html()
    page.locator('li[data-option="cab=flat-roof"] input').focus()
    page.keyboard.press("Space")
    tab.apply()
    expect(page.locator('li[data-option="cab=flat-roof"]')).to_have_class(
        re.compile("state-selected")
    )
    expect(summary.locator("tr.line", has_text="flat-roof")).to_have_class(re.compile("how-chosen"))
    assert page.get_by_test_id("drawing").inner_html() != drawing
