"""The analysis of the shipped rules finds what BRIEF §4 says it must."""

from __future__ import annotations

import time

import pytest

from catalog.rulebook import load_rulebook
from catalog.rulebook.review.analysis import analyse
from catalog.rulebook.review.findings import WARNING, Analysis

from .rulesets import RULES, brute_force


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyse(load_rulebook(RULES))


def test_the_l3000_dump_is_impossible_in_kz_and_uz_only(analysis: Analysis) -> None:
    unbuyable = [(f.market, f.item, f.severity) for f in analysis.findings if f.kind == "unbuyable"]
    assert unbuyable == [("KZ", "l3000-dump-4x2", WARNING), ("UZ", "l3000-dump-4x2", WARNING)]
    rules = {f.market: f.rules for f in analysis.findings if f.kind == "unbuyable"}
    assert rules == {"KZ": ("kz-euro-4-minimum",), "UZ": ("uz-euro-4-minimum",)}
    assert analysis.spaces[("TJ", "l3000-dump-4x2")].buyable


def test_the_kz_12_speed_rule_is_redundant(analysis: Analysis) -> None:
    redundant = {f.item: f for f in analysis.findings if f.kind == "redundant-rule"}
    assert "kz-long-haul-12-speed" in redundant
    assert redundant["kz-long-haul-12-speed"].source == "rules/markets/kz.yaml:44"
    assert "kz-euro-4-minimum" not in redundant


def test_the_shipped_rules_have_no_errors(analysis: Analysis) -> None:
    assert analysis.ok, [f.line() for f in analysis.findings if f.severity == "error"]


def test_counts_of_the_shipped_rules(analysis: Analysis) -> None:
    counts = analysis.to_json()["counts"]
    assert counts["KZ"]["l3000-dump-4x2"]["count"] == 0
    assert counts["TM"]["x3000-tractor-6x4"]["count"] == 89600
    assert all(c["exact"] for market in counts.values() for c in market.values())


def test_a_shipped_count_equals_brute_force(analysis: Analysis) -> None:
    book = load_rulebook(RULES)
    count = analysis.spaces[("TM", "l3000-dump-4x2")].count
    assert count is not None and count.value == brute_force(book, "TM", "l3000-dump-4x2") == 960


def test_analysis_of_the_shipped_rules_takes_under_5_seconds() -> None:
    start = time.perf_counter()
    analyse(load_rulebook(RULES))
    assert time.perf_counter() - start < 5
