"""Browser fixtures: one server and one Chromium for the module; a fresh page per test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from harness.browser import chromium, make_app, serving

# assertions wait as long as actions do: CI runs heavy tests beside the browser (5 s by default)
expect.set_options(timeout=20_000)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = make_app(Path(tmp_path_factory.mktemp("live")))
    with serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        yield browser
        browser.close()


@dataclass
class Tab:
    """A browser tab on the live server, with scripts on or off."""

    page: Page
    base: str
    js: bool

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)

    def apply(self) -> None:
        """Scripts update the configurator on every change; without them, submit the form."""
        if not self.js:
            self.page.locator("button[name=update]").first.click()


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def tab(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Tab]:
    context = browser.new_context(
        java_script_enabled=request.param,
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(20_000)  # generous: CI runs other heavy tests beside these
    yield Tab(context.new_page(), base_url, request.param)
    context.close()
