"""An in-place update of the configurator keeps the page where the reader scrolled it, at
1280 px and on a 390 px phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from harness.browser import PASSWORD

pytestmark = pytest.mark.browser

URL = "/configure?market=KZ&model=x3000-tractor-6x4"


@pytest.mark.parametrize("width", [1280, 390])
def test_choosing_an_option_does_not_move_the_page(
    browser: Browser, base_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(base_url + "/login")
    page.fill("#name", "sales")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(r"/configure$"))
    page.goto(base_url + URL)
    page.wait_for_load_state()
    for n in range(3):
        # an option far down the page, as a reader who has scrolled there would pick it
        available = page.locator("li.option.state-available")
        option = available.nth(available.count() - 1 - 3 * n)
        pair = option.get_attribute("data-option")
        label = option.locator("label")
        label.scroll_into_view_if_needed()
        page.mouse.wheel(0, 150)  # the reader has scrolled a little further
        page.wait_for_timeout(100)
        before = page.evaluate("window.scrollY")
        assert before > 0
        with page.expect_response(re.compile(r"/configure\?")):
            label.click()
        chosen = page.locator(f'li[data-option="{pair}"]')
        expect(chosen).to_have_class(re.compile("state-selected"))
        page.wait_for_timeout(200)  # the swap has settled
        after, bottom = page.evaluate(
            "[window.scrollY, document.documentElement.scrollHeight - window.innerHeight]"
        )
        assert abs(after - min(before, bottom)) <= 2, pair  # (a shorter page ends higher)
    context.close()
