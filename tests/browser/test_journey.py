"""A salesperson's day in real headless Chromium, with JavaScript on and off: log in, configure
a KZ tractor from nothing to a valid truck, see the blocked Euro II engine and why, change
their mind, save the order, move it on, download its spec sheet."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from harness.browser import PASSWORD

from .conftest import Tab

pytestmark = pytest.mark.browser


def option(page: Page, pair: str) -> Locator:
    return page.locator(f'li[data-option="{pair}"]')


def log_in(tab: Tab, name: str) -> None:
    tab.goto("/")
    tab.page.fill("#name", name)
    tab.page.fill("#password", PASSWORD)
    tab.page.click("main button[type=submit]")


def choose(tab: Tab, pair: str) -> None:
    tab.page.locator(f'li[data-option="{pair}"] label').click()
    tab.apply()
    expect(tab.page.locator(f'li[data-option="{pair}"]')).to_have_class(
        re.compile("state-selected")
    )


def configure_kz_tractor(tab: Tab) -> None:
    page = tab.page
    expect(page).to_have_url(re.compile(r"/configure$"))
    page.wait_for_load_state()  # a change made before the page's scripts run is not sent
    page.select_option("#market", "KZ")
    tab.apply()
    expect(page.locator("#model")).to_be_enabled()
    # the dealer's KZ list comes first
    first = page.locator("#model optgroup").first
    expect(first.locator("option").first).to_have_attribute(
        "value", "x6000-tractor-4x2"
    )  # the dealer's KZ list first
    page.select_option("#model", "x3000-tractor-6x4")
    tab.apply()
    expect(page.locator("#group-engine")).to_be_visible()


def see_blocked_euro_ii(page: Page) -> None:
    euro2 = page.locator('li[data-option="engine=WP12.430E201"]')
    expect(euro2.locator("input[type=radio]")).to_be_disabled()
    expect(euro2).to_contain_text(
        "Kazakhstan admits imported trucks with eco class 4 (Euro 4) engines or better."
    )
    euro2.locator("summary").first.click()
    expect(euro2.locator("details").first).to_contain_text("kz-euro-4-minimum")
    expect(euro2.locator("details").first).to_contain_text(
        re.compile(r"rules/markets/kz\.yaml:\d+")
    )


def change_mind(tab: Tab) -> None:
    """A blocked gearbox chosen on purpose: the choice it cannot live with goes, once confirmed."""
    page = tab.page
    # the KZ rules leave one engine (Euro 5), already locked in: nothing to choose there
    expect(option(page, "engine=WP12.430E50")).to_have_class(re.compile("state-required"))
    choose(tab, "abs=without")
    page.click('li[data-option="gearbox=SF16JZ240"] button[name=anyway]')
    pending = page.get_by_test_id("pending")
    expect(pending).to_contain_text("Anti-lock brakes: Without ABS")
    page.click("button[name=confirm]")
    expect(pending).to_have_count(0)
    expect(page.locator('li[data-option="gearbox=SF16JZ240"]')).to_have_class(
        re.compile("state-selected")
    )
    expect(page.locator('li[data-option="abs=domestic-4ch"]')).to_have_class(
        re.compile("state-selected")
    )
    expect(page.locator("main")).to_contain_text(
        "was replaced by Anti-lock brakes: 4-channel ABS (domestic)"
    )


def complete_and_save(page: Page) -> None:
    page.click("button[name=defaults]")
    expect(page.get_by_test_id("status")).to_have_text(re.compile("Complete and valid"))
    page.get_by_role("link", name="Save as order…").click()
    page.fill("#customer", "Astana Logistics")
    page.fill("#quantity", "2")
    page.get_by_role("button", name="Save order").click()
    expect(page).to_have_url(re.compile(r"/orders/\d+$"))
    expect(page.locator("h1")).to_contain_text(re.compile(r"Order KZ-\d{4}-\d{5}"))
    expect(page.get_by_test_id("order-status")).to_have_text("draft")


def test_configure_save_and_print_an_order(tab: Tab) -> None:
    page = tab.page
    log_in(tab, "sales")
    configure_kz_tractor(tab)
    if tab.js:
        page.evaluate("window.stillThisPage = true")
    see_blocked_euro_ii(page)
    change_mind(tab)
    if tab.js:  # every step above updated the page in place, and said so to screen readers
        assert page.evaluate("window.stillThisPage") is True
        expect(page.locator("#cfg-live")).to_contain_text("CNY")
    complete_and_save(page)

    page.get_by_role("button", name="Mark as quoted").click()
    expect(page.get_by_test_id("order-status")).to_have_text("quoted")
    expect(page.locator(".history")).to_contain_text("draft → quoted")

    with page.expect_download() as download:
        page.get_by_test_id("spec-ru").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF-")


def test_switching_language_keeps_the_configuration(tab: Tab) -> None:
    page = tab.page
    log_in(tab, "sales")
    configure_kz_tractor(tab)
    choose(tab, "cab=high-roof")
    expect(page).to_have_url(re.compile("sel_cab=high-roof"))  # htmx pushes it after the swap
    page.click("a[hreflang=zh]")
    expect(page.locator("h1")).to_have_text("配置卡车")
    expect(page.locator('li[data-option="cab=high-roof"]')).to_have_class(
        re.compile("state-selected")
    )
    expect(option(page, "engine=WP12.430E201")).to_contain_text("哈萨克斯坦")
    page.click("a[hreflang=en]")  # back to English for the next test's user
    expect(page.locator("h1")).to_have_text("Configure a truck")


def test_an_expired_session_leads_to_the_login_page(tab: Tab) -> None:
    page = tab.page
    log_in(tab, "sales")
    configure_kz_tractor(tab)
    # a response still under way (a style sheet) would set the renewed session cookie again
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    page.locator('li[data-option="cab=high-roof"] label').click()
    tab.apply()
    expect(page).to_have_url(re.compile(r"/login\?next="))
    expect(page.locator("#name")).to_be_visible()
