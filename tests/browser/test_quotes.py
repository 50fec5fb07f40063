"""A quote in real headless Chromium: a salesperson makes a quote with a 5 % discount and asks
for approval, a manager approves it, the salesperson sends it, and the PDF shows the approved
figures. Screenshots go to $CATALOG_SHOTS (docs/screenshots for the README) or a temp folder.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from catalog import accounts
from catalog.db import get_db
from catalog.services import orders, rates
from catalog.services.active_rules import engine
from harness.browser import PASSWORD, make_app, serving

pytestmark = pytest.mark.browser
RATE = "0.1405"  # a test figure, not a published rate


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    app = make_app(Path(tmp_path_factory.mktemp("quotes")))
    with app.app_context():
        db = get_db()
        admin = accounts.create_user(db, "admin", "admin").user_id
        rates.add(
            db,
            admin,
            {
                "currency": "USD",
                "valid_from": date.today().isoformat(),
                "rate": RATE,
                "source": "test figure, not a published rate",
            },
        )
        found = engine().configure("KZ", "x3000-tractor-6x4", {})
        chosen = {g.id: v for g in found.groups if (v := g.value or g.default)}
        order = orders.create(db, admin, {"customer": "Astana Logistics", "market": "KZ",
                                          "model": "x3000-tractor-6x4", "selections": chosen,
                                          "quantity": 3})  # fmt: skip
    with serving(app) as url:
        yield url, int(order["id"])


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CATALOG_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_in(page: Page, base: str, name: str) -> None:
    page.goto(base + "/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.get_by_test_id("user")).to_contain_text(name)


def log_out(page: Page) -> None:
    page.click("form.logout button")


def test_discount_approved_then_sent_and_the_pdf_shows_it(
    browser: Browser, site: tuple[str, int], shots: Path
) -> None:
    base, order_id = site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(20_000)
    page = context.new_page()

    # the salesperson: a quote with 5 % off the trucks, freight to Almaty, in English
    log_in(page, base, "sales")
    page.goto(f"{base}/orders/{order_id}")
    page.get_by_test_id("new-quote").click()
    page.select_option("#q-currency", "USD")
    page.fill("#q-line", "5")
    page.select_option("#q-lang", "en")
    page.select_option("#q-incoterm", "DAP")
    page.fill("#q-place", "Almaty")
    page.fill("#q-payment", "30 % advance, 70 % against shipping documents")
    page.fill("#c0-desc", "Rail, Xi'an to Almaty")
    page.fill("#c0-amount", "18000")
    page.click("text=Save draft quote")
    expect(page.get_by_test_id("approval-state")).to_have_text("needed, not yet asked")
    expect(page.locator("button[value=send]")).to_be_disabled()
    page.screenshot(path=str(shots / "quote-draft.png"), full_page=True)
    page.fill("#ask-reason", "Fleet of three, repeat customer")
    page.click("button[value=ask]")
    expect(page.get_by_test_id("approval-state")).to_have_text("asked, waiting for a manager")
    quote_url = page.url
    total = page.get_by_test_id("total").inner_text()
    log_out(page)

    # the manager: finds it among the approvals, approves it with a reason
    log_in(page, base, "manager")
    page.click("nav >> text=Approvals")
    expect(page.locator("main table")).to_contain_text("Fleet of three, repeat customer")
    page.click("main table a")
    expect(page.get_by_test_id("approval")).to_contain_text("Discount 5 %")
    page.fill("#decide-reason", "Volume deal, margin checked")
    page.click("button[value=approved]")
    expect(page.get_by_test_id("approval-state")).to_have_text("approved")
    page.screenshot(path=str(shots / "quote-approved.png"), full_page=True)
    log_out(page)

    # the salesperson sends it: revision A, its PDF kept
    log_in(page, base, "sales")
    page.goto(quote_url)
    page.click("button[value=send]")
    expect(page.get_by_test_id("quote-status")).to_have_text("sent")
    expect(page.locator("h1")).to_contain_text(" A")
    assert page.get_by_test_id("total").inner_text() == total
    page.goto(quote_url)
    with page.expect_download() as waiting:
        page.get_by_test_id("pdf-en").click(modifiers=["Alt"])  # Alt-click: save, not open
    pdf = Path(waiting.value.path()).read_bytes()
    (shots / "quote-A-en.pdf").write_bytes(pdf)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "revision A" in text
    assert "Discount on the trucks, 5 %" in text
    assert total in text  # the approved total, as the page shows it
    assert f"1 CNY = {RATE} USD" in text
    assert "DAP Almaty (Incoterms® 2020)" in text
    assert "DRAFT" not in text

    # revision B: delivered to Khorgos instead, within the sales limit; side by side with A
    page.goto(f"{base}/orders/{order_id}")
    page.get_by_test_id("new-quote").click()
    page.fill("#q-place", "Khorgos")
    page.fill("#q-line", "3")
    page.click("text=Save draft quote")
    expect(page.get_by_test_id("approval-state")).to_have_text("not needed")
    page.click("button[value=send]")
    expect(page.get_by_test_id("quote-status")).to_have_text("sent")
    page.goto(f"{base}/orders/{order_id}")
    revisions = page.get_by_test_id("revisions")
    expect(revisions).to_contain_text("Revision B")
    # what changed from A: the place, the discount and so both totals
    expect(revisions.locator("td.changed")).to_have_count(4)
    expect(revisions.locator("td.changed").first).to_contain_text("Khorgos")
    revisions.screenshot(path=str(shots / "quote-revisions.png"))
    context.close()
