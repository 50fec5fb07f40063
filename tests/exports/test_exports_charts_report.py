"""SVG charts escape their labels; the yearly PDF report prints the figures with no warnings."""

from __future__ import annotations

import io
import logging
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from catalog.exports.charts import Bar, Pair, column_chart, pair_chart
from catalog.exports.figures import Cell, Figures, Filters
from catalog.exports.report import build, report_html, report_pdf

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "quotes"'


def test_chart_labels_are_escaped_and_the_svg_is_well_formed() -> None:
    for svg in (
        column_chart(HOSTILE, [Bar(HOSTILE, 5, HOSTILE)]),
        pair_chart(HOSTILE, [Pair(HOSTILE, 5, 3)], (2023, 2022)),
    ):
        assert "<script>" not in svg
        root = ET.fromstring(str(svg))
        assert root.find(f"{SVG}title").text == HOSTILE  # type: ignore[union-attr]
        assert HOSTILE in [t.text for t in root.iter(f"{SVG}text")]


def test_the_column_chart_shows_each_value_and_its_note() -> None:
    svg = column_chart("Units per year", [Bar("2022", 3571), Bar("2023", 7500, "+110.0 %")])
    texts = [t.text for t in ET.fromstring(str(svg)).iter(f"{SVG}text")]
    assert texts == ["Units per year", "2022", "3,571", "2023", "7,500", "+110.0 %"]


def test_empty_figures_still_draw() -> None:
    board = build(Figures([], {}), 2031, Filters(market="TM"))
    assert board.figures["no_data"] and board.figures["units"] is None  # not 0 units
    assert board.figures["change_pct"] is None  # and not -100 %
    assert "No figures for these filters." in report_html(board, datetime(2031, 1, 1, tzinfo=UTC))


BRIEF = [
    Cell(2022, "KZ", "tractor", "unknown", 1500, "history"),
    Cell(2022, "TJ", "dump", "unknown", 2071, "history"),
    Cell(2023, "KZ", "tractor", "unknown", 5000, "history"),
    Cell(2023, "TJ", "dump", "unknown", 2500, "history"),
]


def test_the_yearly_report_is_a_pdf_with_the_figures(caplog: pytest.LogCaptureFixture) -> None:
    board = build(Figures(BRIEF, {}, {2023: ["illustrative split"]}), 2023, Filters())
    with caplog.at_level(logging.WARNING):
        pdf = report_pdf(board, datetime(2024, 1, 2, tzinfo=UTC))
    assert [r.getMessage() for r in caplog.records] == []
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in (
        "7,500 units in 2023",
        "+110.0 %",
        "3,571",
        "illustrative split",
        "By body type",
    ):
        assert expected in text
    assert reader.metadata is not None and reader.metadata.title == "Export figures 2023"
