"""Every sample order's customer copy prints on at most two A4 pages in en, ru and zh, and the
price summary is never alone on its page: the options it sums end on the page it starts on.

Each sheet is rendered once (a module cache keyed by order and language) and read a page at a time
with poppler (`pdfinfo` for the page count, `pdftotext -f N -l N` for each page's text).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalog.demo.orders import ORDERS
from catalog.i18n import translations
from catalog.rulebook import Engine
from catalog.specsheet import SheetRequest, make_sheet, printer, render_html

from .conftest import order_document, weasyprint_log

LANGS = ["en", "ru", "zh"]
MAX_PAGES = 2


@dataclass(frozen=True)
class Printed:
    pages: list[str]  # each page's text, whitespace collapsed
    last_option: tuple[str, str]  # group and option of the options table's last row
    price_heading: str  # as printed (the CSS sets headings in capitals)
    problems: list[str]  # WeasyPrint warnings and errors


def page_texts(pdf: bytes, file: Path) -> list[str]:
    file.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(file)], capture_output=True, check=True, text=True)
    count = int(info.stdout.split("Pages:")[1].split()[0])
    pages = []
    for n in range(1, count + 1):
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(file), "-"],
            capture_output=True,
            check=True,
        ).stdout.decode()
        pages.append(" ".join(out.replace("\u00a0", " ").replace("\u202f", " ").split()))
    return pages


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def printed(engine: Engine, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """printed(order index, lang) -> Printed, each rendered once per module."""
    made: dict[tuple[int, str], Printed] = {}
    tmp = tmp_path_factory.mktemp("page-count")

    def make(index: int, lang: str) -> Printed:
        if (index, lang) not in made:
            customer, market, model, quantity, prefer, steps = ORDERS[index]
            doc = order_document(
                customer=customer, quantity=quantity, status=(steps or ["draft"])[-1]
            )
            sheet = make_sheet(engine, SheetRequest(market, model, prefer, doc, lang))
            with weasyprint_log() as log:
                pdf = printer().pdf(render_html(sheet))
            last = sheet.options[-1]
            heading = translations(lang).gettext("Price summary").upper()
            pages = page_texts(pdf, tmp / f"{index}-{lang}.pdf")
            made[index, lang] = Printed(
                pages, (flat(last.group), flat(last.name)), heading, log.problems()
            )
        return made[index, lang]

    return make


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("index", range(len(ORDERS)), ids=[f"{o[1]}-{o[2]}" for o in ORDERS])
def test_a_sample_order_fits_two_pages_with_the_price_beside_its_options(
    printed, index: int, lang: str
) -> None:
    sheet = printed(index, lang)
    assert sheet.problems == []
    assert len(sheet.pages) <= MAX_PAGES, f"{len(sheet.pages)} pages"
    with_price = [n for n, text in enumerate(sheet.pages) if sheet.price_heading in text]
    assert len(with_price) == 1, f"price summary heading on pages {with_price}"
    page = sheet.pages[with_price[0]]
    before = page[: page.index(sheet.price_heading)]
    group, option = sheet.last_option
    # the options table's last row is on the summary's page, above it (pdftotext reads a table
    # column by column, so the group and the option are looked for apart)
    assert group in before and option in before, f"{group} / {option} not above the summary"
