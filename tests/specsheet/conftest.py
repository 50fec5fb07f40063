"""Fixtures for the spec sheet tests: the engine, WeasyPrint's log, PDFs rendered once per session.

Rendering costs a few tenths of a second, so each sheet the text tests read is made once and
shared (session scope); every render runs with WeasyPrint's logger captured, and any warning or
error it logs fails the test (as WeasyPrint's own `assert_no_logs` does).
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalog.rulebook import Engine, load_rulebook
from catalog.specsheet import Document, SheetRequest, make_sheet, printer, render_html

ROOT = Path(__file__).resolve().parent.parent.parent
ISSUED = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
HOSTILE = 'Astana <img src="file:///etc/passwd"> & "Co"'
KZ_TRACTOR = {  # a complete, valid KZ long-haul tractor (three-countries row 15, Euro V swap)
    "engine": "WP12.430E50",
    "gearbox": "12JSDX220T-B",
    "rear_axle_ratio": "4.266",
    "cab": "high-roof",
    "deflector": "roof-side",
    "cab_insulation": "insulated",
    "heater": "air-4kw-imported",
    "engine_preheater": "coolant-9kw",
    "battery": "220ah-low-temp",
    "fuel_piping": "low-temp",
    "air_conditioning": "as-built",
    "air_filter": "standard",
    "mirrors": "heated",
    "abs": "wabco-4ch",
    "retarder": "fast-fhb400",
    "pto": "without",
    "fifth_wheel": "jost-90",
    "tyres": "315/80R22.5",
    "extra_tank": "steel-200",
    "rear_guard": "fitted",
    "side_guard": "fitted",
    "emergency_call": "era-glonass",
    "tachograph": "aetr-digital",
    "steering": "lhd",
    "paint": "red",
}


class LogRecorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def problems(self) -> list[str]:
        return [f"{r.levelname}: {r.getMessage()}" for r in self.records if r.levelno >= 30]


@contextmanager
def weasyprint_log() -> Iterator[LogRecorder]:
    """Every record of the 'weasyprint' logger while the block runs."""
    logger = logging.getLogger("weasyprint")
    recorder = LogRecorder()
    old_level = logger.level
    logger.addHandler(recorder)
    logger.setLevel(logging.DEBUG)
    try:
        yield recorder
    finally:
        logger.removeHandler(recorder)
        logger.setLevel(old_level)


def pdf_text(pdf: bytes, tmp: Path) -> str:
    """pdftotext (poppler) output with every kind of space made a plain space."""
    file = tmp / "sheet.pdf"
    file.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(file), "-"], capture_output=True, check=True
    ).stdout.decode()
    return " ".join(out.replace("\u00a0", " ").replace("\u202f", " ").split())


@dataclass(frozen=True)
class Rendered:
    html: str
    pdf: bytes
    text: str
    problems: list[str]  # WeasyPrint warnings and errors


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(load_rulebook(ROOT / "rules"))


def order_document(**changes: object) -> Document:
    facts: dict[str, object] = {
        "issued": ISSUED,
        "number": "KZ-2026-00042",
        "customer": HOSTILE,
        "quantity": 2,
        "status": "quoted",
    }
    return Document(**{**facts, **changes})  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def render(engine: Engine, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """render(market, model, selections, lang) -> Rendered, made once per session per key."""
    made: dict[tuple[object, ...], Rendered] = {}
    tmp = tmp_path_factory.mktemp("sheets")

    def make(market: str, model: str, selections: dict[str, str], lang: str | None) -> Rendered:
        key = (market, model, tuple(sorted(selections.items())), lang)
        if key not in made:
            request = SheetRequest(market, model, selections, order_document(), lang)
            html = render_html(make_sheet(engine, request))
            with weasyprint_log() as log:
                pdf = printer().pdf(html)
            made[key] = Rendered(html, pdf, pdf_text(pdf, tmp), log.problems())
        return made[key]

    return make
