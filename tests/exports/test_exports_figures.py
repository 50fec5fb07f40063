"""Combining history and product shipments; the year figures, the series and the CSV rows."""

from __future__ import annotations

import pytest

from catalog.exports.figures import (
    Cell,
    Figures,
    Filters,
    Shipped,
    change_pct,
    combine,
    csv_rows,
    series,
    year_figures,
)

MODELS = {"x3000-dump-6x4": ("dump", "X3000"), "x6000-tractor-4x2": ("tractor", "X6000")}
HISTORY = [
    Cell(2022, "KZ", "tractor", "unknown", 1050, "history"),
    Cell(2022, "TJ", "dump", "unknown", 500, "history"),
    Cell(2023, "KZ", "tractor", "unknown", 2300, "history"),
    Cell(2023, "TJ", "dump", "unknown", 950, "history"),
]


@pytest.mark.parametrize(
    ("units", "previous", "expected"),
    [(7500, 3571, 110.0), (3150, 1500, 110.0), (450, 191, 135.6), (5, 10, -50.0), (1, 0, None)],
)
def test_change_is_rounded_to_one_decimal(
    units: int, previous: int, expected: float | None
) -> None:
    assert change_pct(units, previous) == expected


def test_shipments_in_a_period_history_covers_are_not_added_again() -> None:
    shipped = [
        Shipped(2023, "KZ", "x6000-tractor-4x2", 7),  # covered by KZ 2023 history
        Shipped(2023, "UZ", "x3000-dump-6x4", 4),  # UZ 2023 has no history: counts
        Shipped(2024, "KZ", "x6000-tractor-4x2", 3),  # 2024 has no history: counts
    ]
    figures = combine(HISTORY, shipped, MODELS)
    assert figures.in_history == {2023: 7}
    assert [c for c in figures.cells if c.source == "orders"] == [
        Cell(2023, "UZ", "dump", "X3000", 4, "orders"),
        Cell(2024, "KZ", "tractor", "X6000", 3, "orders"),
    ]
    out = year_figures(figures, 2023, Filters())
    assert out["units"] == 2300 + 950 + 4
    assert out["sources"] == {"history": 3250, "orders": 4, "orders_in_history": 7}


def test_a_model_the_rulebook_no_longer_knows_counts_as_unknown() -> None:
    figures = combine([], [Shipped(2024, "KG", "retired-model", 2)], MODELS)
    assert figures.cells == [Cell(2024, "KG", "unknown", "unknown", 2, "orders")]


def test_year_figures_split_by_market_body_and_platform() -> None:
    out = year_figures(combine(HISTORY, [], MODELS), 2023, Filters())
    assert (out["units"], out["previous_units"], out["change_pct"]) == (3250, 1550, 109.7)
    assert out["by_market"] == [
        {"key": "KZ", "units": 2300, "previous_units": 1050, "change_pct": 119.0},
        {"key": "TJ", "units": 950, "previous_units": 500, "change_pct": 90.0},
    ]
    assert [b["key"] for b in out["by_body"]] == ["tractor", "dump"]
    assert out["by_platform"] == [
        {"key": "unknown", "units": 3250, "previous_units": 1550, "change_pct": 109.7}
    ]


def test_filters_narrow_every_figure() -> None:
    out = year_figures(combine(HISTORY, [], MODELS), 2023, Filters(body="dump"))
    assert (out["units"], out["previous_units"], out["change_pct"]) == (950, 500, 90.0)
    assert out["filters"] == {"market": None, "body": "dump", "platform": None}


def test_series_lists_the_years_with_figures_and_leaves_gaps_out() -> None:
    figures = Figures([*HISTORY, Cell(2025, "KZ", "dump", "X3000", 10, "orders")], {})
    assert [(s["year"], s["units"], s["change_pct"]) for s in series(figures, Filters())] == [
        (2022, 1550, None),
        (2023, 3250, 109.7),
        (2025, 10, None),
    ]
    assert [(s["year"], s["units"]) for s in series(figures, Filters(market="TJ"))] == [
        (2022, 500),
        (2023, 950),
        (2025, 0),
    ]
    assert series(figures, Filters(market="KZ"))[1]["by_body"] == {"tractor": 2300}
    assert series(Figures([], {}), Filters()) == []


@pytest.mark.parametrize(
    ("this_year", "expected"), [(2026, 2025), (2025, 2023), (2023, 2022), (2022, 2025)]
)
def test_the_default_year_is_the_last_full_year_with_figures(this_year: int, expected: int) -> None:
    figures = Figures([*HISTORY, Cell(2025, "KZ", "dump", "X3000", 10, "orders")], {})
    assert figures.default_year(this_year) == expected


def test_csv_rows_are_sorted_and_summed_per_source() -> None:
    figures = Figures([*HISTORY, Cell(2023, "TJ", "dump", "unknown", 5, "history")], {})
    assert csv_rows(figures, Filters(market="TJ"), 2023) == [
        {
            "year": 2023,
            "market": "TJ",
            "body": "dump",
            "platform": "unknown",
            "source": "history",
            "units": 955,
            "note": "",  # no notes were given for 2023 here
        }
    ]
