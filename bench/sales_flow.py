"""A salesperson's path from an empty configurator to a saved order, in headless Chromium, and
the configurator's in-place update latency as the browser sees it.

For each truck (a KZ X3000 tractor, a TJ X3000 dump): log in, pick the market, the model,
"Complete with defaults", "Save as order…", type the customer, save. Prints the user actions
(clicks, selects, typed fields) and the wall time from the empty configurator to the saved order
page. Then, on the same page, chooses --choices available options one after another and times
each from the click to htmx's `afterSettle` (request, server, swap and settle), p50 and p95.

The baseline beside it is the same choice made with scripts off: a full page load per choice
(the form's GET and the redirect), which is what the in-place update replaces.

    .venv/bin/python -m bench.sales_flow [--choices 40]

The app runs in this process (werkzeug's threaded server, harness/browser.py), on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from harness.browser import PASSWORD, chromium, make_app, serving

TRUCKS = (("KZ", "x3000-tractor-6x4"), ("TJ", "x3000-dump-6x4"))
ARM = """() => {
  window.benchSettled = null;
  document.addEventListener("htmx:afterSettle", () => { window.benchSettled = performance.now(); },
                            {once: true});
  return performance.now();
}"""


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def log_in(page: Page, base: str) -> None:
    page.goto(base + "/login")
    page.fill("#name", "sales")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(r"/configure$"))
    page.wait_for_load_state()


def to_saved_order(page: Page, market: str, model: str) -> tuple[int, float]:
    """(user actions, seconds) from the empty configurator to the saved order's page."""
    start = time.perf_counter()
    page.select_option("#market", market)
    expect(page.locator("#model")).to_be_enabled()
    page.select_option("#model", model)
    expect(page.locator("button[name=defaults]")).to_be_visible()
    page.click("button[name=defaults]")
    expect(page.get_by_test_id("status")).to_have_text(re.compile("Complete and valid"))
    page.get_by_role("link", name="Save as order…").click()
    page.fill("#customer", "Bench Customer")
    page.get_by_role("button", name="Save order").click()
    expect(page).to_have_url(re.compile(r"/orders/\d+$"))
    return 6, time.perf_counter() - start  # 2 selects, 3 clicks, 1 typed field


def update_latency(page: Page, base: str, choices: int, scripts: bool) -> list[float]:
    """Milliseconds per choice: click to settled swap (scripts on) or to the loaded page."""
    page.goto(base + "/configure?market=KZ&model=x3000-tractor-6x4")
    page.wait_for_load_state()
    out: list[float] = []
    for n in range(choices):
        available = page.locator("li.option.state-available")
        if available.count() == 0:
            break
        option = available.nth((n * 7) % available.count())
        label = option.locator("label")
        if scripts:
            began = float(page.evaluate(ARM))
            label.click()
            page.wait_for_function("() => window.benchSettled !== null")
            out.append(float(page.evaluate("() => window.benchSettled")) - began)
        else:
            label.click()
            began = time.perf_counter()
            with page.expect_navigation():
                page.locator("button[name=update]").first.click()
            page.wait_for_load_state()
            out.append((time.perf_counter() - began) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--choices", type=int, default=40)
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with (
        tempfile.TemporaryDirectory() as tmp,
        serving(make_app(Path(tmp))) as base,
        sync_playwright() as playwright,
    ):
        browser = chromium(playwright)
        for scripts in (True, False):
            context = browser.new_context(
                java_script_enabled=scripts, viewport={"width": 1280, "height": 900}
            )
            context.set_default_timeout(30_000)
            page = context.new_page()
            log_in(page, base)
            side = "scripts on" if scripts else "scripts off"
            if scripts:
                for market, model in TRUCKS:
                    page.goto(base + "/configure")
                    page.wait_for_load_state()
                    actions, seconds = to_saved_order(page, market, model)
                    print(f"{market} {model}: {actions} user actions, {seconds:.2f} s "
                          "from the empty configurator to the saved order")  # fmt: skip
            times = update_latency(page, base, args.choices, scripts)
            print(f"choice to updated page, {side}, {len(times)} choices: "
                  f"p50 {pct(times, 0.5):.0f} ms, p95 {pct(times, 0.95):.0f} ms, "
                  f"max {max(times, default=0):.0f} ms")  # fmt: skip
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
