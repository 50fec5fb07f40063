"""Reopening a draft order in the configurator and saving it back as version 2, by keyboard only,
with JavaScript on and off."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from catalog.db import get_db
from catalog.rulebook.engine.results import AVAILABLE
from catalog.services import orders as ordering
from catalog.services.active_rules import engine
from harness.browser import PASSWORD, make_app, serving

from .conftest import Tab

pytestmark = pytest.mark.browser
KZ, TRACTOR = "KZ", "x3000-tractor-6x4"


@dataclass(frozen=True)
class Draft:
    base: str
    order_id: int
    group: str
    option: str  # an option the stored truck can switch to


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, str]]:
    app = make_app(Path(tmp_path_factory.mktemp("reopen")))
    with serving(app) as url:
        yield app, url


@pytest.fixture
def draft(live: tuple[Flask, str]) -> Draft:
    """A new draft order for each test (a KZ tractor as the rules suggest it)."""
    app, url = live
    with app.app_context():
        config = engine().configure(KZ, TRACTOR, {})
        values = {g.id: v for g in config.groups if (v := g.value or g.default)}
        data = {"customer": "Astana Logistics", "market": KZ, "model": TRACTOR}
        order = ordering.create(get_db(), 1, data | {"selections": values, "quantity": 2})
        full = engine().configure(KZ, TRACTOR, order["selections"])
        group, option = next(
            (g.id, o.id)
            for g in full.groups
            for o in g.options
            if o.state == AVAILABLE and o.id != g.value and g.id != "engine"
        )
    return Draft(url, order["id"], group, option)


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def tab(request: pytest.FixtureRequest, browser: Browser, live: tuple[Flask, str]) -> Iterator[Tab]:
    context = browser.new_context(
        java_script_enabled=request.param, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(20_000)
    yield Tab(context.new_page(), live[1], request.param)
    context.close()


def press(page: Page, selector: str, key: str = "Enter") -> None:
    """Reach an element by keyboard focus and press a key (no mouse)."""
    page.locator(selector).first.focus()
    page.keyboard.press(key)


def log_in(tab: Tab) -> None:
    tab.goto("/login")
    tab.page.locator("#name").focus()
    tab.page.keyboard.type("sales")
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.type(PASSWORD)
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url("**/configure")


def test_reopen_a_draft_and_save_it_as_version_2(tab: Tab, draft: Draft) -> None:
    page = tab.page
    log_in(tab)
    tab.goto(f"/orders/{draft.order_id}")
    press(page, "[data-testid=reopen]")
    expect(page.get_by_test_id("editing")).to_contain_text("(version ")
    page.wait_for_load_state()
    pair = f"{draft.group}={draft.option}"
    press(page, f'li[data-option="{pair}"] input', " ")
    if not tab.js:
        press(page, "button[name=update]")
    expect(page.locator(f'li[data-option="{pair}"]')).to_have_class(re.compile("state-selected"))
    expect(page.get_by_test_id("editing")).to_be_visible()  # still editing the order
    press(page, "[data-testid=save]")
    expect(page.get_by_test_id("new-configuration")).to_contain_text("changed")
    press(page, "[data-testid=save-version]")
    expect(page).to_have_url(re.compile(rf"/orders/{draft.order_id}$"))
    expect(page.locator("main")).to_contain_text(re.compile(r"saved \(version \d+\)"))
    history = page.locator("table.history tbody tr")
    expect(history.last).to_contain_text("configuration")
    assert history.count() >= 2
