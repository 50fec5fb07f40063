"""WeasyPrint reaches the project's static files and nothing else, whatever the HTML says."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from catalog.rulebook import Engine
from catalog.specsheet import Printer, SheetRequest, make_sheet, render_html
from catalog.specsheet.fetcher import STATIC_ROOT, Refused, StaticFetcher

from .conftest import KZ_TRACTOR, order_document, weasyprint_log

CSS = STATIC_ROOT / "spec" / "sheet.css"
OUTSIDE = [
    "file:///etc/passwd",
    "http://127.0.0.1/",
    "https://example.com/logo.png",
    "ftp://127.0.0.1/x",
    "data:text/plain,hello",
    STATIC_ROOT.as_uri() + "/../../pyproject.toml",
    STATIC_ROOT.as_uri() + "/spec/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    STATIC_ROOT.as_uri() + "/spec/../spec/sheet.css",  # `..` is refused even when it stays inside
    "file://127.0.0.1" + CSS.as_posix(),
    CSS.as_uri() + "?x=1",
    "../pyproject.toml",
    "spec/sheet.css",  # relative: never resolved against anything by the fetcher itself
]


@pytest.mark.parametrize("url", OUTSIDE)
def test_refuses_everything_but_static_files(url: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="catalog.specsheet"), pytest.raises(Refused):
        StaticFetcher().fetch(url)
    assert any("refused" in r.getMessage() for r in caplog.records)


def test_serves_static_files_with_their_type() -> None:
    response = StaticFetcher().fetch(CSS.as_uri())
    assert response.content_type == "text/css"
    assert response.read() == CSS.read_bytes()


def test_a_symlink_out_of_the_static_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "static"
    root.mkdir()
    (root / "ok.css").write_text("p { color: red }")
    (root / "escape.css").symlink_to("/etc/passwd")
    fetcher = StaticFetcher(root)
    assert fetcher.fetch((root / "ok.css").as_uri()).read() == b"p { color: red }"
    with pytest.raises(Refused):
        fetcher.fetch((root / "escape.css").as_uri())


def recording_printer() -> tuple[Printer, list[str]]:
    """A printer whose fetcher (the real one) also notes every URL it is asked for."""
    seen: list[str] = []

    class Recording(StaticFetcher):
        def fetch(self, url: str, headers: object = None):  # type: ignore[no-untyped-def]
            seen.append(url)
            return super().fetch(url, headers)

    printer = Printer()
    printer.fetcher = Recording()
    return printer, seen


def test_markup_that_escaped_escaping_still_reaches_nothing(tmp_path: Path) -> None:
    """Even raw <img>/<link> tags in the HTML (as if escaping had failed) fetch nothing."""
    printer, seen = recording_printer()
    html = (
        '<html><head><link rel="stylesheet" href="http://127.0.0.1/x.css"></head><body>'
        '<p>Customer <img src="file:///etc/passwd"> <img src="../../../../etc/passwd">'
        '<img src="http://127.0.0.1/">'
        '<span style="background: url(file:///etc/shadow)">x</span></p></body></html>'
    )
    with weasyprint_log() as log:
        pdf = printer.pdf(html)
    assert pdf.startswith(b"%PDF")
    fixed = {
        "http://127.0.0.1/x.css",
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "file:///etc/shadow",
    }
    assert fixed <= set(seen)
    # "../../../../etc/passwd" resolves against the static folder: where depends on the checkout
    climbed = set(seen) - fixed
    assert all(u.startswith("file:///") and u.endswith("/etc/passwd") for u in climbed)
    assert len(log.problems()) == len(set(seen))  # one error per distinct refused URL
    assert all(p.startswith("ERROR: Failed to load") and "Refused" in p for p in log.problems())
    assert b"root:x:0:0" not in pdf


def test_a_hostile_customer_name_fetches_only_static_files(engine: Engine) -> None:
    printer, seen = recording_printer()
    request = SheetRequest("KZ", "x3000-tractor-6x4", KZ_TRACTOR, order_document(), "en")
    with weasyprint_log() as log:
        printer.pdf(render_html(make_sheet(engine, request)))
    static = STATIC_ROOT.as_uri() + "/spec/"
    assert sorted(seen) == [static + "logo.svg", static + "sheet.css"]
    assert log.problems() == []
